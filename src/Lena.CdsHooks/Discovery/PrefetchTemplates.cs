namespace Lena.CdsHooks.Discovery;

/// <summary>
/// The prefetch keys both services ask for, and the FHIR searches behind them. The same
/// queries are run against the client's FHIR server when a key was not sent.
/// </summary>
public static class PrefetchTemplates
{
    public const string Patient = "patient";
    public const string Conditions = "conditions";
    public const string Observations = "observations";
    public const string Medications = "medications";
    public const string Allergies = "allergies";

    private const string Loinc = "http://loinc.org|";

    /// <summary>
    /// Every LOINC code the FHIR mapping reads (counts, creatinine in serum, plasma or blood, weight, height, hCG),
    /// taken from its code table so the search and the mapping never disagree.
    /// </summary>
    public static IReadOnlyList<string> ObservationCodes => Lena.Fhir.FhirObservationCodes.Loinc;

    public static IReadOnlyDictionary<string, string> All { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        [Patient] = "Patient/{{context.patientId}}",
        [Conditions] = "Condition?patient={{context.patientId}}",
        [Observations] = "Observation?patient={{context.patientId}}&code="
            + string.Join(',', ObservationCodes.Select(code => Loinc + code))
            + "&_sort=-date&_count=200",
        [Medications] = "MedicationRequest?patient={{context.patientId}}&status=active,on-hold&_include=MedicationRequest:medication",
        [Allergies] = "AllergyIntolerance?patient={{context.patientId}}",
    };

    /// <summary>The query for <paramref name="key"/> with the patient id filled in (escaped).</summary>
    public static string Resolve(string key, string patientId) =>
        All[key].Replace("{{context.patientId}}", Uri.EscapeDataString(patientId), StringComparison.Ordinal);

    /// <summary>
    /// Which prefetch key would hold the data a snapshot field is made from; null when FHIR
    /// searches cannot supply it.
    /// </summary>
    public static string? KeyFor(string snapshotField)
    {
        var root = snapshotField.Split('.', '[')[0];
        return root switch
        {
            "sex" or "ageYears" or "femaleOfReproductivePotential" => Patient,
            "indication" or "cytogenetics" or "vteRiskFactors" or "pregnant" => Conditions,
            "labs" or "renal" or "weightKg" or "heightCm" or "pregnancyTest" => Observations,
            "therapy" or "regimen" or "concomitantMedications" => Medications,
            "history" => Allergies,
            _ => null,
        };
    }
}
