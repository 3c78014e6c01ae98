namespace Lena.Fhir.Codes;

/// <summary>
/// Accepted UCUM codes (system http://unitsofmeasure.org) per concept and the factor to the snapshot unit.
/// Anything else is an UnknownUnit problem, never a guess: "K/uL" or "%" are not UCUM counts, and
/// 10*12/L is an erythrocyte unit.
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
            [LabConcept.BodyHeight] = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["cm"] = 1,
                ["m"] = 100,
                ["[in_i]"] = 2.54,
            },
        };

    /// <summary>The factor from <paramref name="ucumCode"/> to the snapshot unit, or null when the unit is not accepted.</summary>
    public static double? Factor(LabConcept concept, string? ucumCode) =>
        ucumCode is not null && Table.TryGetValue(concept, out var units) && units.TryGetValue(ucumCode, out var factor) ? factor : null;

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
