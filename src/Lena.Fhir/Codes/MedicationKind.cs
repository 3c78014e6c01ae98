namespace Lena.Fhir.Codes;

/// <summary>What a MedicationRequest's drug means for the snapshot.</summary>
internal enum MedicationKind
{
    Lenalidomide,
    Dexamethasone,

    /// <summary>An API.md concomitantMedications value (see <see cref="RxNormCodes.ConcomitantMedication"/>).</summary>
    Concomitant,

    /// <summary>A regimen flag (regimen.doxorubicin, regimen.melphalan, regimen.rituximab).</summary>
    RegimenAgent,
}
