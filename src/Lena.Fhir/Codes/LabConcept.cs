namespace Lena.Fhir.Codes;

/// <summary>What an Observation measures, as far as the snapshot cares.</summary>
internal enum LabConcept
{
    Anc,
    Platelets,
    SerumCreatinine,
    BodyWeight,
    BodyHeight,
    PregnancyTest,
    Hemoglobin,
    Alt,
    Ast,
    Bilirubin,
}
