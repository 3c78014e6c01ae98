namespace Lena.Fhir;

/// <summary>
/// Extensions this service reads, for what FHIR R4 has no standard element for. All are on Patient with
/// valueBoolean, except <see cref="Indication"/> (on the draft MedicationRequest, valueCode).
/// </summary>
public static class LenaFhirExtensions
{
    public const string Base = "https://lenafunctions.example.org/fhir/StructureDefinition/";

    /// <summary>Patient, valueBoolean: required for a female (REMS); never inferred from gender or age.</summary>
    public const string FemaleOfReproductivePotential = Base + "femaleOfReproductivePotential";

    public const string IrregularMenstrualCycles = Base + "irregularMenstrualCycles";
    public const string Breastfeeding = Base + "breastfeeding";

    /// <summary>Patient, valueBoolean: eligible for autologous stem-cell transplant (multiple myeloma).</summary>
    public const string TransplantCandidate = Base + "transplantCandidate";

    /// <summary>Patient, valueBoolean: del(5q) found by cytogenetics; false is what makes an MDS "mdsNonDel5q".</summary>
    public const string CytogeneticsDel5q = Base + "cytogenetics-del5q";

    public const string CytogeneticsMonosomy7 = Base + "cytogenetics-monosomy7";
    public const string CytogeneticsTp53Mutation = Base + "cytogenetics-tp53Mutation";

    /// <summary>
    /// Draft MedicationRequest, valueCode: an API.md indication value. Overrides the conditions; the only way
    /// to say multipleMyelomaMaintenance.
    /// </summary>
    public const string Indication = Base + "indication";

    /// <summary>Code system for MedicationRequest.statusReason of an on-hold lenalidomide order: neutropenia | thrombocytopenia | otherToxicity.</summary>
    public const string InterruptionCauseSystem = Base + "interruption-cause";
}
