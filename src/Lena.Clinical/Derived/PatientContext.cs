using Lena.Clinical.Findings;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Derived;

/// <summary>
/// A validated snapshot with what every evaluator derives from it, computed once per request.
/// </summary>
public sealed class PatientContext
{
    public const string RenalInputsDisagreeCode = "renalInputsDisagree";

    private PatientContext(PatientSnapshot snapshot, RuleSet rules, DateOnly today, IndicationRules indication, DerivedValues derived, RenalDoseRule? renalRule, IReadOnlyList<Finding> renalFindings)
    {
        Snapshot = snapshot;
        Rules = rules;
        Today = today;
        Indication = indication;
        Derived = derived;
        RenalRule = renalRule;
        RenalFindings = renalFindings;
        PhaseDay = TherapyPhase.Day(snapshot.Therapy, today);
    }

    public PatientSnapshot Snapshot { get; }
    public RuleSet Rules { get; }
    public DateOnly Today { get; }
    public IndicationRules Indication { get; }
    public DerivedValues Derived { get; }

    /// <summary>The renal-table cell for the patient's band; null when the band needs no adjustment or renal function is unknown.</summary>
    public RenalDoseRule? RenalRule { get; }

    /// <summary>Warnings about the renal inputs themselves (two clearances in different bands, dialysis with a high clearance).</summary>
    public IReadOnlyList<Finding> RenalFindings { get; }

    /// <summary>The day of therapy phase-dependent rules are judged on (<see cref="TherapyPhase"/>); null when unknown.</summary>
    public int? PhaseDay { get; }

    public double? CreatinineClearance => Derived.CreatinineClearanceMlPerMin;

    public static PatientContext Create(PatientSnapshot snapshot, RuleSet rules, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(rules);
        var indication = rules.For(snapshot.Indication);
        var clearances = RenalClearances.Of(snapshot);
        var used = clearances.Used;

        string? band = null;
        if (snapshot.Renal?.OnDialysis == true)
        {
            band = rules.RenalBands.DialysisBand;
        }
        else if (used is { } value)
        {
            band = BandOf(rules, value);
        }

        var unadjusted = rules.RenalBands.Ranges.Where(r => r.Unadjusted).Select(r => r.Band).ToHashSet(StringComparer.Ordinal);
        var renalRule = band is null || unadjusted.Contains(band) ? null : indication.Renal.First(r => r.Band == band);

        double? bmi = snapshot is { WeightKg: { } w, HeightCm: { } h } ? ClinicalFormulas.BodyMassIndex(w, h) : null;
        var both = clearances is { Reported: not null, CockcroftGault: not null };
        var derived = new DerivedValues
        {
            CreatinineClearanceMlPerMin = used,
            CreatinineClearanceSource = clearances.UsedSource,
            ReportedCreatinineClearanceMlPerMin = both ? clearances.Reported : null,
            CockcroftGaultCreatinineClearanceMlPerMin = both ? clearances.CockcroftGault : null,
            RenalBand = band,
            BodyMassIndexKgPerM2 = bmi,
        };
        return new PatientContext(snapshot, rules, today, indication, derived, renalRule, RenalDisagreement(snapshot, rules, clearances));
    }

    private static string? BandOf(RuleSet rules, double clearance) =>
        rules.RenalBands.Ranges.FirstOrDefault(r => r.Contains(clearance))?.Band;

    /// <summary>
    /// Inputs that point to different renal bands are never resolved silently: the lower clearance (or dialysis)
    /// decides, and a warning names both values.
    /// </summary>
    private static List<Finding> RenalDisagreement(PatientSnapshot snapshot, RuleSet rules, RenalClearances clearances)
    {
        var findings = new List<Finding>();
        var citations = rules.RenalBands.Citations;
        if (snapshot.Renal?.OnDialysis == true)
        {
            var lowest = rules.RenalBands.Ranges.OrderBy(r => r.MinMlPerMin).First();
            var high = new[] { (clearances.Reported, "reported creatinine clearance"), (clearances.CockcroftGault, "Cockcroft–Gault clearance from serum creatinine") }
                .Where(c => c.Item1 is { } v && !lowest.Contains(v))
                .Select(c => $"{c.Item2} {Text.MlPerMin(c.Item1!.Value)}")
                .ToList();
            if (high.Count > 0)
            {
                findings.Add(new Finding(RenalInputsDisagreeCode, Severity.Warning,
                    $"On dialysis, but {string.Join(" and ", high)} is {lowest.MaxMlPerMin?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "above the lowest band"} mL/min or more: the inputs disagree. Dialysis decides the dose (the more cautious reading); confirm renal function and dialysis status.",
                    citations));
            }

            return findings;
        }

        if (clearances is { Reported: { } reported, CockcroftGault: { } computed } && BandOf(rules, reported) != BandOf(rules, computed))
        {
            findings.Add(new Finding(RenalInputsDisagreeCode, Severity.Warning,
                $"Reported creatinine clearance {Text.MlPerMin(reported)} and Cockcroft–Gault {Text.MlPerMin(computed)} (from serum creatinine {snapshot.Renal!.SerumCreatinineMgPerDl!.Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} mg/dL) fall in different renal bands: the lower, {Text.MlPerMin(Math.Min(reported, computed))}, decides the dose. Confirm renal function.",
                citations));
        }

        return findings;
    }
}
