using Lena.Clinical.Rules;
using Microsoft.Extensions.Options;

namespace Lena.Courses.Reminders;

/// <summary>
/// Sends every due reminder exactly once. Walks the agenda day by day from the watermark to
/// today, page by page (memory flat in the number of follow-ups). For each follow-up it claims
/// the reminder with an ETag-conditional update carrying a deterministic reminder id, enqueues,
/// then confirms. A concurrent sweep loses the claim and skips; a claim left by a crash is retried
/// after the lease with the same id; a rerun finds the reminder confirmed and sends nothing.
/// Reminders end when the follow-up is completed or cancelled, or when its course stopped after its due date.
/// </summary>
public sealed class ReminderSweeper(ICourseStore store, IReminderSender queue, CourseService courses, IOptions<ReminderOptions> options, TimeProvider clock)
{
    private readonly ReminderPolicy _policy = new(options.Value);

    public async Task<SweepResult> SweepAsync(RuleSet rules, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var (watermark, watermarkETag) = await store.GetWatermarkAsync(cancellationToken).ConfigureAwait(false);
        var from = watermark ?? today.AddDays(-options.Value.InitialLookbackDays);
        var tally = new SweepTally();
        DateOnly? firstDayLeft = null;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.SweepParallelism), CancellationToken = cancellationToken };

        for (var day = from; day <= today; day = day.AddDays(1))
        {
            // One day's entries concurrently, bounded: each is a different follow-up (one agenda row per
            // follow-up and day), and its claim by ETag still lets only one sender win. Days stay in order.
            // A failure starts no new entry, but those in flight finish on the caller's token (not the loop's,
            // cancelled by the failure): a reminder sent and left unconfirmed would go out again after its lease.
            var keptBefore = tally.Kept;
            await Parallel.ForEachAsync(store.ReadAgendaAsync(day, options.Value.BatchSize, cancellationToken), parallel, async (entry, _) =>
                tally.Add(await HandleAsync(entry, today, now, rules, cancellationToken).ConfigureAwait(false))).ConfigureAwait(false);
            tally.Days++;
            if (tally.Kept != keptBefore && firstDayLeft is null)
            {
                firstDayLeft = day;
            }
        }

        // Days before the first one with work left are done; the next sweep starts there.
        var next = firstDayLeft ?? today;
        if (next != watermark)
        {
            await store.TrySetWatermarkAsync(next, watermarkETag, cancellationToken).ConfigureAwait(false);
        }

        return new SweepResult(tally.Sent, tally.Examined, tally.Days, tally.Extended, tally.Kept, tally.ExtensionFailures);
    }

    private async Task<EntryOutcome> HandleAsync(AgendaEntry entry, DateOnly today, DateTimeOffset now, RuleSet rules, CancellationToken cancellationToken)
    {
        var course = await store.GetCourseAsync(entry.CourseId, cancellationToken).ConfigureAwait(false);
        return course is null
            ? await UncommittedAsync(entry, now, cancellationToken).ConfigureAwait(false)
            : entry.FollowUpId == AgendaEntry.ExtendFollowUpId
                ? await ExtendAsync(entry, today, rules, cancellationToken).ConfigureAwait(false)
                : await ProcessAsync(entry, course, rules, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An entry whose course row (the enrollment's commit marker) does not exist: an enrollment in
    /// progress, left alone; or one abandoned longer than the grace period, whose rows are removed
    /// (the repair path; a retry with the same Idempotency-Key writes them all again).
    /// </summary>
    private async Task<EntryOutcome> UncommittedAsync(AgendaEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (entry.WrittenAt is { } written && now - written < options.Value.UncommittedGrace)
        {
            return EntryOutcome.Kept;
        }

        await store.RemoveUncommittedAsync(entry, cancellationToken).ConfigureAwait(false);
        return EntryOutcome.Done;
    }

    private async Task<EntryOutcome> ProcessAsync(AgendaEntry entry, CourseRecord course, RuleSet rules, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var followUp = entry.DueDate is { } due
            ? await store.GetFollowUpAsync(entry.CourseId, entry.FollowUpId, due, cancellationToken).ConfigureAwait(false)
            : null;
        if (followUp is not { State: FollowUpState.Pending })
        {
            await store.DeleteAgendaAsync(entry, cancellationToken).ConfigureAwait(false);
            return EntryOutcome.Done;
        }

        var reminder = _policy.DueAt(followUp, now);
        if (reminder is null)
        {
            return await RescheduleAsync(entry, followUp, cancellationToken).ConfigureAwait(false);
        }

        if (followUp.ClaimId is not null && followUp.ClaimedUntil > now)
        {
            return EntryOutcome.Kept; // Another sweep is sending it right now.
        }

        if (EndedByStop(followUp, course, rules))
        {
            await store.DeleteAgendaAsync(entry, cancellationToken).ConfigureAwait(false);
            return EntryOutcome.Done;
        }

        var reminderId = reminder.ReminderId(followUp.CourseId, followUp.FollowUpId);
        var claimed = await store.TryUpdateFollowUpAsync(followUp with { ClaimId = reminderId, ClaimedUntil = now + options.Value.ClaimLease }, mirrorToIndex: false, cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            return EntryOutcome.Kept; // Lost the race: the winner sends it.
        }

        await queue.SendAsync(new ReminderMessage(
            reminderId,
            followUp.CourseId,
            followUp.PatientId,
            followUp.FollowUpId,
            followUp.Test,
            followUp.DueDate,
            reminder.Kind,
            Describe(followUp, reminder.Kind),
            course.CareTeamId), cancellationToken).ConfigureAwait(false);

        var confirmed = reminder.Kind == ReminderKind.Upcoming
            ? claimed with { ClaimId = null, ClaimedUntil = null, UpcomingSentAt = now }
            : claimed with { ClaimId = null, ClaimedUntil = null, OverdueSent = reminder.Sequence, LastOverdueSentAt = now };
        var stored = await store.TryUpdateFollowUpAsync(confirmed, mirrorToIndex: true, cancellationToken).ConfigureAwait(false);
        if (stored is not null)
        {
            await RescheduleAsync(entry, stored, cancellationToken).ConfigureAwait(false);
        }

        return EntryOutcome.Sent;
    }

    /// <summary>Puts the follow-up on the agenda of its next reminder's day, and off this one.</summary>
    private async Task<EntryOutcome> RescheduleAsync(AgendaEntry entry, FollowUpRecord followUp, CancellationToken cancellationToken)
    {
        var nextDay = ReminderPolicy.AgendaDate(_policy.Next(followUp).At);
        if (nextDay == entry.Date)
        {
            return EntryOutcome.Kept; // Later today.
        }

        // Add the new pointer before removing the old: a crash in between leaves two, never none.
        await store.AddAgendaAsync(entry with { Date = nextDay }, cancellationToken).ConfigureAwait(false);
        await store.DeleteAgendaAsync(entry, cancellationToken).ConfigureAwait(false);
        return EntryOutcome.Done;
    }

    /// <summary>
    /// Reminders run until the follow-up is completed or the course stops. A stop cancels what was
    /// due after the last dose, but keeps the earlier follow-ups pending (their results may still be
    /// recorded): those are no longer chased. The REMS duties, due after the stop, still are. A stop
    /// cut short before it cancelled the later follow-ups lets none of them be chased either.
    /// </summary>
    private static bool EndedByStop(FollowUpRecord followUp, CourseRecord course, RuleSet rules) =>
        course is { Status: CourseStatus.Stopped, StoppedOn: { } stoppedOn }
        && (followUp.DueDate <= stoppedOn || !CourseService.IsPostTreatmentDuty(followUp, rules));

    private async Task<EntryOutcome> ExtendAsync(AgendaEntry entry, DateOnly today, RuleSet rules, CancellationToken cancellationToken)
    {
        try
        {
            await courses.ExtendPlanAsync(entry.CourseId, rules, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // One course whose snapshot no longer validates must not stop everyone's reminders:
            // retry it tomorrow, and report it in the sweep result.
            await store.AddAgendaAsync(entry with { Date = today.AddDays(1) }, cancellationToken).ConfigureAwait(false);
            await store.DeleteAgendaAsync(entry, cancellationToken).ConfigureAwait(false);
            return EntryOutcome.ExtensionFailed;
        }

        await store.DeleteAgendaAsync(entry, cancellationToken).ConfigureAwait(false);
        return EntryOutcome.Extended;
    }

    private static string Describe(FollowUpRecord followUp, ReminderKind kind) => kind switch
    {
        ReminderKind.Upcoming => $"{followUp.Test} is due on {followUp.DueDate:yyyy-MM-dd}: {followUp.Reason}.",
        _ => $"{followUp.Test} was due on {followUp.DueDate:yyyy-MM-dd} and is not recorded as done: {followUp.Reason}.",
    };

    /// <summary>The sweep's counts, added to by concurrent entries.</summary>
    private sealed class SweepTally
    {
        private int _sent, _examined, _extended, _kept, _extensionFailures;

        public int Days { get; set; }

        public int Sent => Volatile.Read(ref _sent);

        public int Examined => Volatile.Read(ref _examined);

        public int Extended => Volatile.Read(ref _extended);

        public int Kept => Volatile.Read(ref _kept);

        public int ExtensionFailures => Volatile.Read(ref _extensionFailures);

        public void Add(EntryOutcome outcome)
        {
            Interlocked.Increment(ref _examined);
            _ = outcome switch
            {
                EntryOutcome.Sent => Interlocked.Increment(ref _sent),
                EntryOutcome.Extended => Interlocked.Increment(ref _extended),
                EntryOutcome.ExtensionFailed => Interlocked.Increment(ref _extensionFailures),
                EntryOutcome.Kept => Interlocked.Increment(ref _kept),
                _ => 0,
            };
        }
    }

    private enum EntryOutcome
    {
        Done,
        Sent,
        Kept,
        Extended,
        ExtensionFailed,
    }
}
