using Lena.Clinical.Derived;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Dosing;

/// <summary>
/// Applies hold rules (the indication's and the common ones) to counts: which apply to the
/// patient's phase and baseline, and which fire. The conservative combination of sources is
/// simply "any rule that fires holds".
/// </summary>
internal static class HoldRuleMatcher
{
    /// <param name="atStartingDose">Whether the dose is the indication's starting dose (MDS early table).</param>
    /// <param name="baseline">Baseline counts; at the start of therapy the current counts are the baseline.</param>
    public static HoldEvaluation Evaluate(PatientContext context, bool atStartingDose, int? daysOnTherapy, LabResults labs, (int? Anc, int? Platelets) baseline)
    {
        var early = context.Indication.EarlyPhaseDays is { } days && atStartingDose && (daysOnTherapy ?? 0) < days;
        var applicable = context.Indication.Holds
            .Concat(context.Rules.CommonHolds)
            .Where(rule => Applies(rule, early, BaselineOf(rule.Analyte, baseline)))
            .ToList();

        var fired = new List<FiredHold>();
        foreach (var rule in applicable)
        {
            var count = rule.Analyte == Analyte.Anc ? labs.AncPerMicroliter : labs.PlateletsPerMicroliter;
            if (count is { } value && Fires(rule, value, BaselineOf(rule.Analyte, baseline), context.Snapshot.Therapy))
            {
                fired.Add(new FiredHold(rule, value));
            }
        }

        return new HoldEvaluation(fired, applicable);
    }

    private static int? BaselineOf(Analyte analyte, (int? Anc, int? Platelets) baseline) =>
        analyte == Analyte.Anc ? baseline.Anc : baseline.Platelets;

    private static bool Applies(HoldRule rule, bool early, int? baseline)
    {
        var phase = rule.Phase switch
        {
            HoldPhase.EarlyAtStartingDose => early,
            HoldPhase.Later => !early,
            _ => true,
        };
        if (!phase)
        {
            return false;
        }

        if (rule.BaselineAtLeastPerMicroliter is { } atLeast && !(baseline >= atLeast))
        {
            return false;
        }

        return rule.BaselineBelowPerMicroliter is not { } below || baseline < below;
    }

    private static bool Fires(HoldRule rule, int count, int? baseline, TherapyState therapy) =>
        rule.Triggers.Any(trigger => Fires(trigger, count, baseline, therapy));

    private static bool Fires(HoldTrigger trigger, int count, int? baseline, TherapyState therapy)
    {
        if (trigger.BelowPerMicroliter is { } below && count >= below)
        {
            return false;
        }

        if (trigger.AtMostFractionOfBaseline is { } fraction && !(baseline is { } b && count <= fraction * b))
        {
            return false;
        }

        if (trigger.WithFever && !therapy.Fever38_5C)
        {
            return false;
        }

        if (trigger.WithTransfusionDependence && !therapy.PlateletTransfusionDependent)
        {
            return false;
        }

        if (trigger.SustainedDaysAtLeast is { } days)
        {
            var lasted = trigger.DurationCounter switch
            {
                DurationCounter.AncBelow500ForDays => therapy.AncBelow500ForDays,
                DurationCounter.AncBelow1000ForDays => therapy.AncBelow1000ForDays,
                _ => 0,
            };
            if (lasted < days)
            {
                return false;
            }
        }

        return true;
    }
}
