namespace Lena.Clinical.Contract;

/// <summary>
/// The snapshot fields (JSON path prefixes) each concern's answer rests on, the dose gate's included. A
/// consumer that could not establish a field (a FHIR record it could not read) withholds exactly the concerns
/// that read it and gives the others: a partial answer that is safe.
/// </summary>
public static class ConcernInputs
{
    /// <summary>What every answer reads: who the patient is and the absolute contraindications of the dose gate.</summary>
    private static readonly string[] Gate =
        ["indication", "sex", "femaleOfReproductivePotential", "pregnant", "history", "cytogenetics", "concomitantMedications", "renal", "ageYears", "weightKg"];

    private static readonly string[] Dosing = [.. Gate, "labs", "therapy"];

    private static readonly string[] Vte = [.. Gate, "heightCm", "regimen", "vteRiskFactors", "labs.plateletsPerMicroliter", "labs.takenOn"];

    private static readonly string[] Contraindications = [.. Gate, "breastfeeding", "irregularMenstrualCycles", "labs", "therapy", "regimen.melphalan"];

    private static readonly string[] Monitoring = ["indication", "sex", "femaleOfReproductivePotential", "irregularMenstrualCycles", "ageYears", "renal", "therapy"];

    public static IReadOnlyList<string> For(Concern concern) => concern switch
    {
        Concern.Dosing => Dosing,
        Concern.VteProphylaxis => Vte,
        Concern.Contraindications => Contraindications,
        Concern.MonitoringSchedule => Monitoring,
        _ => [.. Dosing.Concat(Vte).Concat(Contraindications).Concat(Monitoring).Distinct(StringComparer.Ordinal)],
    };

    /// <summary>Whether the answer to <paramref name="concern"/> rests on <paramref name="field"/> (or a part or a whole of it).</summary>
    public static bool Reads(Concern concern, string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return For(concern).Any(prefix => Overlaps(prefix, field));
    }

    private static bool Overlaps(string prefix, string field) =>
        Within(field, prefix) || Within(prefix, field);

    private static bool Within(string path, string prefix) =>
        path == prefix
        || path.StartsWith(prefix + ".", StringComparison.Ordinal)
        || path.StartsWith(prefix + "[", StringComparison.Ordinal);
}
