using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;
using Lena.Fhir.Codes;
using Lena.Fhir.Reading;

namespace Lena.Fhir.Mapping;

/// <summary>
/// labs.baselineAncPerMicroliter / labs.baselinePlateletsPerMicroliter: the newest count dated on or before
/// therapy.startDate. Read only when the clinical core requires them (SnapshotRequirements: an indication
/// with an early phase, MDS, on treatment or interrupted within it at or above the starting dose). A starting
/// patient needs none: the core takes the current counts as the baseline then.
/// </summary>
internal static class BaselineCounts
{
    public static void Map(MappingContext context)
    {
        if (RequiredFor(context) is not { } rules || FhirValues.Date(context.Get("therapy.startDate")?.GetValue<string>()) is not { } start)
        {
            return;
        }

        foreach (var (concept, field) in new[]
        {
            (LabConcept.Anc, "labs.baselineAncPerMicroliter"),
            (LabConcept.Platelets, "labs.baselinePlateletsPerMicroliter"),
        })
        {
            if (ObservationMapper.ReadQuantity(context, concept, field, onOrBefore: start) is { } reading)
            {
                ObservationMapper.UseQuantity(context, field, Math.Round(reading.Value), reading);
            }

            context.Require(field,
                $"No usable {ObservationMapper.Describe(concept)} dated on or before the lenalidomide start ({FhirValues.Format(start)}): send the pre-treatment Observation (LOINC {LoincCodes.CodesOf(concept)}, status final). In the first {rules.EarlyPhaseDays / 7} weeks of {rules.DisplayName} at the starting dose the hold thresholds depend on it.");
        }
    }

    /// <summary>The indication's rules when the core requires baselines for this snapshot, else null.</summary>
    private static IndicationRules? RequiredFor(MappingContext context)
    {
        if (!Enum.TryParse<Indication>(context.Get("indication")?.GetValue<string>(), ignoreCase: true, out var indication)
            || context.Rules.Indications.FirstOrDefault(i => i.Indication == indication) is not { EarlyPhaseDays: { } earlyDays } rules
            || context.Get("therapy.status")?.GetValue<string>() is not ("onTreatment" or "interrupted")
            || context.Get("therapy.daysOnTherapy")?.GetValue<int>() is not { } days
            || context.Get("therapy.currentDoseMg")?.GetValue<double>() is not { } dose)
        {
            return null; // no early phase, starting, or days/dose missing (blocking problems of their own)
        }

        return days < earlyDays && dose >= rules.StartingDose.DoseMg ? rules : null;
    }
}
