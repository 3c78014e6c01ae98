using Hl7.Fhir.Model;
using Lena.Fhir.Mapping;

namespace Lena.Fhir;

/// <summary>
/// FHIR R4 resources → an API.md patient snapshot. Conservative: a value is used only when its code, status
/// and unit are understood; everything else is a problem that says how to fix it, never a guess.
/// </summary>
public static class FhirSnapshotMapper
{
    /// <param name="draftOrder">The lenalidomide MedicationRequest being ordered (CDS Hooks context.draftOrders), if any.</param>
    public static FhirMapping Map(FhirPatientRecord record, MedicationRequest? draftOrder, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(record);
        var context = new MappingContext(record, draftOrder, today);

        PatientScope.Apply(context);
        ObservationMapper.Map(context);
        PatientMapper.Map(context, ObservationMapper.CreatinineDate(context));
        ConditionMapper.Map(context);
        var draftDose = MedicationMapper.Map(context);
        BaselineCounts.Map(context);
        RequiredData.Check(context);

        return new FhirMapping
        {
            Snapshot = context.Snapshot,
            Used = context.Used,
            Problems = context.Problems,
            DraftDose = draftDose,
        };
    }
}
