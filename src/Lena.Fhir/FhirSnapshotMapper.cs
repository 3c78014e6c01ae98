using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.Clinical.Contract;
using Lena.Clinical.Snapshot;
using Lena.Clinical.Rules;
using Hl7.Fhir.Model;
using Lena.Fhir.Mapping;

namespace Lena.Fhir;

/// <summary>
/// FHIR R4 resources → an API.md patient snapshot. Conservative: a value is used only when its code, status
/// and unit are understood; everything else is a problem that says how to fix it, never a guess.
/// </summary>
public static class FhirSnapshotMapper
{
    /// <summary>
    /// The mapping records each value by its JSON path (the paths are also the evidence shown on cards); the typed
    /// snapshot is read from that record once, by the same reader the HTTP API uses, so both judge it alike.
    /// </summary>
    private static PatientSnapshot? Typed(JsonObject snapshot)
    {
        var read = SnapshotParser.Read(JsonSerializer.SerializeToElement(snapshot, LenaJson.Options));
        return read.Snapshot;
    }

    /// <param name="draftOrder">The lenalidomide MedicationRequest being ordered (CDS Hooks context.draftOrders), if any.</param>
    /// <summary>Maps with the embedded default rule set (tests, tools); the service passes the active one.</summary>
    public static FhirMapping Map(FhirPatientRecord record, MedicationRequest? draftOrder, DateOnly today) =>
        Map(record, draftOrder, today, RuleSetDocument.Default);

    /// <summary>Maps <paramref name="record"/>; <paramref name="rules"/> decide which data the core will require (e.g. MDS baselines).</summary>
    public static FhirMapping Map(FhirPatientRecord record, MedicationRequest? draftOrder, DateOnly today, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(rules);
        var context = new MappingContext(record, draftOrder, today) { Rules = rules };

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
            TypedSnapshot = Typed(context.Snapshot),
            Used = context.Used,
            Problems = context.Problems,
            DraftDose = draftDose,
        };
    }
}
