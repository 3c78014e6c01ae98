using System.Globalization;
using Hl7.Fhir.Model;
using Lena.Clinical.Derived;
using Lena.Clinical.Rules;
using Lena.Fhir.Codes;
using Lena.Fhir.Reading;

namespace Lena.Fhir.Mapping;

/// <summary>
/// How old a creatinine or weight may be for a dose to rest on it, from the rule set: the renal-function
/// monitoring interval in force plus the grace the rule set gives its longest CBC interval (countAge). Cockcroft–Gault
/// rests on both values, so both get the same limit. Older values are left out with a "stale since" problem, never
/// used or mistaken for a unit error.
/// <para>
/// The interval in force is the shorter (higher-risk) one whenever any of the rule set's conditions for it holds —
/// age at least <see cref="MonitoringRules.HigherRenalRiskAgeAtLeast"/>, dialysis, or CrCl below
/// <see cref="MonitoringRules.HigherRenalRiskCrClBelowMlPerMin"/> (CLINICAL.md §5; PI "Dosage and Administration:
/// Renal Impairment", "Use in Specific Populations: Geriatric Use") — and the standard one only when the record
/// shows none holds. The clearance is judged before the values are known to be fresh, so conservatively: every
/// creatinine within the standard limit counts (the worst decides), with the lowest weight of that window, the age
/// today and the female factor unless every sex statement says male. No age, creatinine or weight in that window
/// means the clearance is unknown: the shorter interval applies.
/// </para>
/// </summary>
internal static class DataAge
{
    /// <summary>The limit in days and what it rests on, in words.</summary>
    internal sealed record Limit(int MaxAgeDays, string Basis);

    /// <summary>The limit for creatinine and weight; null when the rule set has no renal interval.</summary>
    public static Limit? RenalInputs(MappingContext context)
    {
        var renal = context.Rules.Monitoring.Series.Where(s => s.Test == MonitoringTest.RenalFunction && s.EveryDays is not null).ToList();
        if (renal.Count == 0)
        {
            return null;
        }

        var grace = context.Rules.CountAge.Count == 0 ? 0 : context.Rules.CountAge.MaxBy(c => c.IntervalDays)!.GraceDays;
        var higher = Shortest(renal, higherRisk: true);
        var standard = Shortest(renal, higherRisk: false);
        var standardLimit = standard.EveryDays!.Value + grace;
        var (higherRisk, why) = standardLimit <= higher.EveryDays!.Value + grace
            ? (false, "the same for every patient")
            : Risk(context, standardLimit);
        var series = higherRisk ? higher : standard;
        return new Limit(series.EveryDays!.Value + grace, $"{char.ToLowerInvariant(series.Reason[0])}{series.Reason[1..]}, plus {grace} days' grace — {why}");
    }

    /// <summary>The shortest renal series that applies at that risk (a series without a risk condition applies to both).</summary>
    private static MonitoringSeries Shortest(List<MonitoringSeries> renal, bool higherRisk) =>
        renal.Where(s => s.When?.HigherRenalRisk is null || s.When.HigherRenalRisk == higherRisk).MinBy(s => s.EveryDays)
        ?? renal.MinBy(s => s.EveryDays)!;

    /// <summary>Whether the higher-risk interval applies, and the reason in words (shown on the card).</summary>
    private static (bool HigherRisk, string Why) Risk(MappingContext context, int window)
    {
        var monitoring = context.Rules.Monitoring;
        var ageLimit = monitoring.HigherRenalRiskAgeAtLeast;
        if (AgeToday(context) is not { } age)
        {
            return (true, "it applies because the age is unknown (no single Patient with a full, plausible birthDate)");
        }

        if (age >= ageLimit)
        {
            return (true, $"it applies: age {age}");
        }

        if (ConditionMapper.Current(context, ConditionMeaning.Dialysis) is { } dialysis)
        {
            return (true, $"it applies: on dialysis ({FhirValues.Reference(dialysis)})");
        }

        var since = context.Today.AddDays(-window);
        var weights = InWindow(context, LabConcept.BodyWeight, since).ToList();
        var creatinines = InWindow(context, LabConcept.SerumCreatinine, since).Where(c => c.Value > 0).ToList();
        if (weights.Count == 0 || creatinines.Count == 0)
        {
            var missing = creatinines.Count == 0 ? "serum creatinine" : "body weight";
            return (true, $"it applies because the clearance is unknown: no usable {missing} from the {window} days before {FhirValues.Format(context.Today)} shows CrCl of at least {Format(monitoring.HigherRenalRiskCrClBelowMlPerMin)} mL/min");
        }

        var sexes = context.Record.Patient is { } patient ? PatientMapper.StatedSexes(context, patient) : [];
        var sex = sexes is ["male"] ? Lena.Clinical.Snapshot.Sex.Male : Lena.Clinical.Snapshot.Sex.Female;
        var factorNote = sex == Lena.Clinical.Snapshot.Sex.Female && sexes is not ["female"] ? ", with the female factor as sex is unknown or stated both ways" : string.Empty;
        var weight = weights.MinBy(w => w.Value)!;
        var worst = creatinines
            .Select(c => (Reading: c, CrCl: ClinicalFormulas.CockcroftGault(age, weight.Value, c.Value, sex)))
            .MinBy(c => c.CrCl);
        var how = $"by Cockcroft–Gault from {FhirValues.Reference(worst.Reading.Source)} of {FhirValues.Format(worst.Reading.Date)}, age {age} and the lowest weight of the last {window} days, {FhirValues.Reference(weight.Source)}{factorNote}";
        return worst.CrCl < monitoring.HigherRenalRiskCrClBelowMlPerMin
            ? (true, $"it applies: CrCl {Format(worst.CrCl)} mL/min {how}")
            : (false, $"age {age}, not on dialysis, and the lowest CrCl of the last {window} days is {Format(worst.CrCl)} mL/min {how}");
    }

    private sealed record Dated(double Value, Observation Source, DateOnly Date);

    /// <summary>Every readable value of a concept dated from <paramref name="since"/> to today.</summary>
    private static IEnumerable<Dated> InWindow(MappingContext context, LabConcept concept, DateOnly since) =>
        ObservationMapper.Usable(context, concept)
            .Select(o => (Observation: o, Date: ObservationMapper.DateOf(o), Value: ObservationMapper.Value(o, concept)))
            .Where(x => x.Date is { } d && d >= since && d <= context.Today && x.Value is not null)
            .Select(x => new Dated(x.Value!.Value, x.Observation, x.Date!.Value));

    private static string Format(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Whole years today from the Patient's birthDate, or null (none, or an implausible one).</summary>
    private static int? AgeToday(MappingContext context)
    {
        if (context.Record.Patient is not { } patient || FhirValues.Date(FhirValues.Text(patient.BirthDateElement)) is not { } birth
            || !PatientMapper.IsPlausibleBirthDate(context, birth))
        {
            return null;
        }

        var today = context.Today;
        return today.Year - birth.Year - (today < birth.AddYears(today.Year - birth.Year) ? 1 : 0);
    }
}
