namespace Lena.Fhir.Codes;

/// <summary>Code system URIs we read (FHIR R4 terminology).</summary>
internal static class FhirSystems
{
    public const string Loinc = "http://loinc.org";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string Snomed = "http://snomed.info/sct";
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";
    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public const string ObservationInterpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    public const string UsCoreBirthSex = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex";

    /// <summary>How a code is named in <see cref="UsedFhirValue.Code"/>.</summary>
    public static string Label(string? system) => system switch
    {
        Loinc => "LOINC",
        Snomed => "SNOMED CT",
        Icd10Cm => "ICD-10-CM",
        RxNorm => "RxNorm",
        _ => system ?? "(no system)",
    };
}
