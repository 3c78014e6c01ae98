using Lena.Courses.Reminders;
using Lena.Storage.Rules;
using LenaFunctions.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LenaFunctions.Functions.Reminders;

/// <summary>
/// The timer that reminds care teams of due and overdue follow-ups (schedule from the app setting
/// <c>FollowUpReminders__Schedule</c>, hourly by default). A late or missed run needs no special
/// handling: the sweep starts at its watermark, so it catches up on every day it missed.
/// </summary>
public sealed class FollowUpReminders(ReminderSweeper sweeper, ActiveRuleSetProvider rules, ILogger<FollowUpReminders> logger)
{
    [Function(nameof(FollowUpReminders))]
    public async Task Run(
        [TimerTrigger("%FollowUpReminders__Schedule%", RunOnStartup = false)] TimerInfo timer,
        CancellationToken cancellationToken)
    {
        if (timer?.IsPastDue == true)
        {
            logger.ReminderRunLate();
        }

        var active = await rules.GetAsync(cancellationToken).ConfigureAwait(false);
        var result = await sweeper.SweepAsync(active.RuleSet, cancellationToken).ConfigureAwait(false);
        LenaTelemetry.Reminders.Add(result.Sent);
        logger.ReminderSweep(result.Sent, result.Examined, result.Days, result.PlansExtended, result.Skipped);
        if (result.ExtensionFailures > 0)
        {
            logger.PlanExtensionsFailed(result.ExtensionFailures);
        }
    }
}
