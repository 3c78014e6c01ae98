using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Derived;

/// <summary>
/// A validated snapshot with what every evaluator derives from it, computed once per request.
/// </summary>
public sealed class PatientContext
{
    private PatientContext(PatientSnapshot snapshot, RuleSet rules, DateOnly today, IndicationRules indication, DerivedValues derived, RenalDoseRule? renalRule)
    {
        Snapshot = snapshot;
        Rules = rules;
        Today = today;
        Indication = indication;
        Derived = derived;
        RenalRule = renalRule;
    }

    public PatientSnapshot Snapshot { get; }
    public RuleSet Rules { get; }
    public DateOnly Today { get; }
    public IndicationRules Indication { get; }
    public DerivedValues Derived { get; }

    /// <summary>The renal-table cell for the patient's band; null when the band needs no adjustment or renal function is unknown.</summary>
    public RenalDoseRule? RenalRule { get; }

    public double? CreatinineClearance => Derived.CreatinineClearanceMlPerMin;

    public static PatientContext Create(PatientSnapshot snapshot, RuleSet rules, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(rules);
        var indication = rules.For(snapshot.Indication);

        var (crCl, source) = CreatinineClearanceOf(snapshot);
        string? band = null;
        if (snapshot.Renal?.OnDialysis == true)
        {
            band = rules.RenalBands.DialysisBand;
        }
        else if (crCl is { } value)
        {
            band = rules.RenalBands.Ranges.FirstOrDefault(r => r.Contains(value))?.Band;
        }

        var unadjusted = rules.RenalBands.Ranges.Where(r => r.Unadjusted).Select(r => r.Band).ToHashSet(StringComparer.Ordinal);
        var renalRule = band is null || unadjusted.Contains(band) ? null : indication.Renal.First(r => r.Band == band);

        double? bmi = snapshot is { WeightKg: { } w, HeightCm: { } h } ? ClinicalFormulas.BodyMassIndex(w, h) : null;
        var derived = new DerivedValues
        {
            CreatinineClearanceMlPerMin = crCl,
            CreatinineClearanceSource = source,
            RenalBand = band,
            BodyMassIndexKgPerM2 = bmi,
        };
        return new PatientContext(snapshot, rules, today, indication, derived, renalRule);
    }

    private static (double? Value, CreatinineClearanceSource? Source) CreatinineClearanceOf(PatientSnapshot snapshot)
    {
        var renal = snapshot.Renal;
        if (renal?.CreatinineClearanceMlPerMin is { } reported)
        {
            return (reported, CreatinineClearanceSource.Reported);
        }

        if (renal?.SerumCreatinineMgPerDl is { } creatinine && snapshot is { AgeYears: { } age, WeightKg: { } weight })
        {
            return (ClinicalFormulas.CockcroftGault(age, weight, creatinine, snapshot.Sex), CreatinineClearanceSource.CockcroftGault);
        }

        return (null, null);
    }
}
