using Lena.Clinical.Derived;
using Lena.Clinical.Findings;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Dosing;

/// <summary>
/// Counts older than the rule set allows for the decision's phase are never used silently: a start, continue or
/// resume on them becomes <c>defer</c> with <c>labsOutdated</c> (API.md). A hold stands whatever the counts' age —
/// it is already the cautious answer.
/// </summary>
internal static class OutdatedCounts
{
    public const string Code = "labsOutdated";

    /// <summary>The "go ahead" statements an outdated decision withdraws.</summary>
    private static readonly string[] Withdrawn = ["continueDose", "resumeDose", "resumeThresholdMet"];

    public static DoseRecommendation Apply(PatientContext context, DoseRecommendation dose, FindingList findings)
    {
        if (dose.Action is not (DoseAction.Start or DoseAction.Continue or DoseAction.Resume)
            || context.Snapshot.Labs?.TakenOn is not { } takenOn
            || context.Snapshot.Therapy.Status is not { } status)
        {
            return dose;
        }

        // Without a known day of therapy the strictest phase (day 0) applies.
        var day = status == TherapyStatus.Starting ? 0 : context.PhaseDay ?? 0;
        var rule = context.Rules.CountAgeFor(context.Snapshot.Indication, status, day);
        var age = context.Today.DayNumber - takenOn.DayNumber;
        if (rule is null || age <= rule.MaxAgeDays)
        {
            return dose;
        }

        var neededFrom = context.Today.AddDays(-rule.MaxAgeDays);
        var expired = takenOn.AddDays(rule.MaxAgeDays + 1);
        var decision = dose.Action switch
        {
            DoseAction.Start => "start",
            DoseAction.Continue => "continue",
            _ => "resume",
        };
        foreach (var code in Withdrawn)
        {
            findings.Remove(code);
        }

        findings.Add(Code, Severity.Warning,
            $"The counts are from {takenOn:yyyy-MM-dd}, {age} days ago: too old to {decision} on. This phase needs counts no older than {rule.MaxAgeDays} days ({rule.Basis}, plus {rule.GraceDays} days' grace), so new counts have been needed since {expired:yyyy-MM-dd}. Do not {decision} until a CBC taken on or after {neededFrom:yyyy-MM-dd} is evaluated; then {Text.Mg(dose.DoseMg!.Value)} would be the dose on these rules.",
            rule.Citations);
        return dose with
        {
            Action = DoseAction.Defer,
            DoseMg = null,
            ResumeWhen = null,
            ResumeDoseMg = dose.DoseMg,
        };
    }
}
