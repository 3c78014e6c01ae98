using System.Globalization;
using Lena.Clinical.Derived;
using Lena.Clinical.Findings;
using Lena.Clinical.Monitoring;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Contraindications;

/// <summary>What the REMS pregnancy tests of a female of reproductive potential allow.</summary>
/// <param name="Finding">pregnancyTestRequired (critical before the first dose, warning when overdue during therapy),
/// or the tests found when all is in order; null when the patient is not a female of reproductive potential.</param>
/// <param name="BlocksStart">The first dose must wait for a test.</param>
public sealed record PregnancyTestStatus(Finding? Finding, bool BlocksStart);

/// <summary>
/// REMS pregnancy testing (PI "Embryo-Fetal Toxicity", Lenalidomide REMS): two negative tests before the first dose,
/// one 10–14 days and one within 24 hours before it, then tests on the REMS schedule during therapy and interruptions.
/// The checks and their result windows are the monitoring schedule's pregnancy-test series, so the dose gate, the
/// overdue warning and a course's reminders read the same rule data.
/// </summary>
public static class PregnancyTesting
{
    public const string DocumentedCode = "pregnancyTestsDocumented";

    public static PregnancyTestStatus Evaluate(PatientContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var snapshot = context.Snapshot;
        if (!snapshot.IsFemaleOfReproductivePotential || snapshot.Therapy.Status is not { } status)
        {
            return new PregnancyTestStatus(null, false);
        }

        var negatives = snapshot.PregnancyTests.Where(t => t.Result == PregnancyTestResult.Negative).Select(t => t.TakenOn).Order().ToList();
        var template = context.Rules.SafetyChecks.PregnancyTestRequired;
        var found = negatives.Count == 0 ? "no negative test sent" : "negative tests on " + string.Join(", ", negatives.Select(Format));
        if (status == TherapyStatus.Starting)
        {
            // The first dose is the start date; without one it could be today, the earliest it could be given.
            var firstDose = snapshot.Therapy.StartDate ?? context.Today;
            var beforeStart = DueChecks.Of(context, MonitoringTest.PregnancyTest, firstDose, firstDose.AddDays(-1)).Where(c => c.DueDate < firstDose).ToList();
            var missing = beforeStart.Where(c => !negatives.Any(c.IsMetBy)).ToList();
            if (missing.Count == 0)
            {
                return new PregnancyTestStatus(Documented(context, found), false);
            }

            var due = string.Join("; ", missing.Select(c => $"{c.Series.Reason}: a negative test taken {Window(c)}"));
            return new PregnancyTestStatus(
                template.ToFinding($"Do not give the first dose ({Format(firstDose)}) yet: {due}. Found: {found}. {template.Message}") with { Origins = FindingOrigins.Rems },
                true);
        }

        if (snapshot.Therapy.StartDate is not { } start || DueChecks.LastPassed(context, MonitoringTest.PregnancyTest, start, context.Today) is not { } last)
        {
            return new PregnancyTestStatus(Documented(context, found), false);
        }

        if (negatives.Any(t => t >= last.CountsFrom))
        {
            return new PregnancyTestStatus(Documented(context, found), false);
        }

        return new PregnancyTestStatus(
            new Finding(template.Code, Severity.Warning, $"A pregnancy test is overdue: {last.Series.Reason.ToLowerInvariant()} was due {Format(last.DueDate)} (a negative result taken on or after {Format(last.CountsFrom)} counts). Found: {found}. Test now, before dispensing.", template.Citations) { Origins = FindingOrigins.Rems },
            false);
    }

    private static Finding Documented(PatientContext context, string found) =>
        new(DocumentedCode, Severity.Info, $"REMS pregnancy testing is up to date ({found}).", context.Rules.SafetyChecks.PregnancyTestRequired.Citations) { Origins = FindingOrigins.Rems };

    private static string Window(DueCheck check) => check.CountsFrom == check.CountsUntil
        ? "on " + Format(check.CountsFrom)
        : $"between {Format(check.CountsFrom)} and {Format(check.CountsUntil)}";

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
