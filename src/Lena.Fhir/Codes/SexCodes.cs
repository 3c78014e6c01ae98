namespace Lena.Fhir.Codes;

/// <summary>
/// Where a Patient says its sex, newest standard first, and the codes read in each. Sources: US Core 8.0.0
/// (us-core-sex, valueCoding bound to VSAC "Federal Administrative Sex" 2.16.840.1.113762.1.4.1021.121; its
/// examples use SNOMED CT 248152002 Female and 248153007 Male), FHIR extensions 5.1.0
/// patient-sexParameterForClinicalUse (CodeSystem sex-parameter-for-clinical-use, THO 2.0.0: female-typical,
/// male-typical, specified), US Core up to 7 us-core-birthsex (F, M).
/// </summary>
internal static class SexCodes
{
    public const string UsCoreSex = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-sex";
    public const string SexParameterForClinicalUse = "http://hl7.org/fhir/StructureDefinition/patient-sexParameterForClinicalUse";
    public const string SexParameterSystem = "http://terminology.hl7.org/CodeSystem/sex-parameter-for-clinical-use";

    /// <summary>us-core-sex valueCoding (SNOMED CT) → snapshot sex.</summary>
    public static string? FromUsCoreSex(string? system, string? code) => (system, code) switch
    {
        (FhirSystems.Snomed, "248152002") => "female",
        (FhirSystems.Snomed, "248153007") => "male",
        _ => null,
    };

    /// <summary>patient-sexParameterForClinicalUse value → snapshot sex; "specified" and anything else → null.</summary>
    public static string? FromSexParameter(string? system, string? code) => (system, code) switch
    {
        (SexParameterSystem, "female-typical") => "female",
        (SexParameterSystem, "male-typical") => "male",
        _ => null,
    };

    /// <summary>us-core-birthsex valueCode → snapshot sex.</summary>
    public static string? FromBirthSex(string? code) => code switch
    {
        "F" => "female",
        "M" => "male",
        _ => null,
    };
}
