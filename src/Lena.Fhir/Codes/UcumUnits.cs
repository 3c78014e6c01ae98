namespace Lena.Fhir.Codes;

/// <summary>
/// Accepted UCUM codes (system http://unitsofmeasure.org) per concept and the factor to the snapshot unit.
/// Anything else is an UnknownUnit problem, never a guess: "%" is not a count and 10*12/L is an erythrocyte
/// unit. The only non-UCUM spellings read are the thousands-per-microliter aliases of <see cref="CountAliases"/>.
/// </summary>
internal static class UcumUnits
{
    private const double MicromolPerLitrePerMgPerDl = 88.42;

    private static readonly Dictionary<LabConcept, IReadOnlyDictionary<string, double>> Table =
        new Dictionary<LabConcept, IReadOnlyDictionary<string, double>>
        {
            [LabConcept.Anc] = CellCounts(),
            [LabConcept.Platelets] = CellCounts(),
            [LabConcept.SerumCreatinine] = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["mg/dL"] = 1,
                ["umol/L"] = 1 / MicromolPerLitrePerMgPerDl,
            },
            [LabConcept.BodyWeight] = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["kg"] = 1,
                ["g"] = 0.001,
                ["[lb_av]"] = 0.45359237,
            },
            [LabConcept.Hemoglobin] = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["g/dL"] = 1,
                ["g/L"] = 0.1,
            },
            [LabConcept.BodyHeight] = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["cm"] = 1,
                ["m"] = 100,
                ["[in_i]"] = 2.54,
            },
        };

    /// <summary>
    /// Non-UCUM spellings of 10*3/uL that laboratories send for blood counts (as Quantity.code under the UCUM
    /// system, or as Quantity.unit): thousands per microliter. Only for ANC and platelets; nothing else is loosened.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> CountAliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["K/uL"] = "10*3/uL",
        ["10^3/uL"] = "10*3/uL",
        ["x10E3/uL"] = "10*3/uL",
    };

    /// <summary>The factor from <paramref name="ucumCode"/> to the snapshot unit, or null when the unit is not accepted.</summary>
    public static double? Factor(LabConcept concept, string? ucumCode) =>
        Canonical(concept, ucumCode) is { } code && Table.TryGetValue(concept, out var units) && units.TryGetValue(code, out var factor) ? factor : null;

    /// <summary>The UCUM code a unit stands for: itself, or for a blood count the UCUM code of a <see cref="CountAliases"/> spelling.</summary>
    public static string? Canonical(LabConcept concept, string? unit) =>
        unit is not null && concept is LabConcept.Anc or LabConcept.Platelets && CountAliases.TryGetValue(unit, out var ucum) ? ucum : unit;

    public static IEnumerable<string> Accepted(LabConcept concept) =>
        Table.TryGetValue(concept, out var units) ? units.Keys : [];

    /// <summary>Every (concept, unit, factor) row, for documentation and tests.</summary>
    public static IEnumerable<(LabConcept Concept, string Unit, double Factor)> Rows =>
        Table.SelectMany(t => t.Value.Select(u => (t.Key, u.Key, u.Value)));

    // Counts per microliter: 10^3/µL = 10^9/L = 1000/µL; 10^6/L = 1/µL; mm3 = µL.
    private static Dictionary<string, double> CellCounts() => new(StringComparer.Ordinal)
    {
        ["10*3/uL"] = 1000,
        ["10*3/mm3"] = 1000,
        ["10*9/L"] = 1000,
        ["10*6/L"] = 1,
        ["/uL"] = 1,
        ["/mm3"] = 1,
        ["{cells}/uL"] = 1,
    };
}
