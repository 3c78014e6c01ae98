using System.Runtime.ExceptionServices;
using Lena.Clinical.Rules;
using Microsoft.Extensions.Options;

namespace Lena.Courses.Reminders;

/// <summary>
/// Sends every due reminder exactly once. Walks the agenda — one pointer per course, on the day of its next reminder or
/// plan extension — day by day from the watermark to today, a page at a time (memory flat in the number of courses),
/// several courses at once. For each course it reads the course's partition once, claims all of its due reminders in
/// one transaction conditional on each follow-up's ETag (deterministic reminder ids), enqueues them, confirms them in a
/// second transaction, then moves the course's pointer to its next day (the new pointer before the old one goes). A
/// concurrent sweep loses the claim and leaves the course alone; a claim left by a crash is retried after the lease with
/// the same ids; a rerun finds the reminders confirmed and sends nothing. Reminders end when the follow-up is completed
/// or cancelled, or when its course stopped after its due date.
/// </summary>
public sealed class ReminderSweeper(ICourseStore store, IReminderSender queue, CourseService courses, IOptions<ReminderOptions> options, TimeProvider clock)
{
    private readonly ReminderPolicy _policy = new(options.Value);
    private readonly CourseAgenda _agenda = new(options.Value);

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
            var keptBefore = tally.Kept;
            await foreach (var page in store.ReadAgendaAsync(day, options.Value.BatchSize, cancellationToken).ConfigureAwait(false))
            {
                // One page's courses concurrently, bounded: each pointer is a different course, and its claim by ETag still
                // lets only one sender win. A failure starts no new course and no new send (the loop's token), but what is in
                // flight finishes on the caller's token: a reminder sent and left unconfirmed would go out again after its lease.
                var moves = new List<(AgendaEntry Done, DateOnly? Next)>();
                await Parallel.ForEachAsync(page, parallel, async (entry, loop) =>
                {
                    var handled = await HandleAsync(entry, today, now, rules, loop, cancellationToken).ConfigureAwait(false);
                    tally.Add(handled);
                    if (handled.Move)
                    {
                        lock (moves)
                        {
                            moves.Add((entry, handled.Next));
                        }
                    }
                }).ConfigureAwait(false);

                // The page's new pointers first, in a transaction per day, then the old ones off this day in one: a crash in
                // between leaves two pointers, never none.
                await store.AddAgendaAsync([.. moves.Where(m => m.Next is not null).Select(m => m.Done with { Date = m.Next!.Value, ETag = null })], cancellationToken).ConfigureAwait(false);
                await store.DeleteAgendaAsync([.. moves.Select(m => m.Done)], cancellationToken).ConfigureAwait(false);
            }

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

    private async Task<Handled> HandleAsync(AgendaEntry entry, DateOnly today, DateTimeOffset now, RuleSet rules, CancellationToken loop, CancellationToken cancellationToken)
    {
        // With a valid schedule only the follow-ups it names for today are read (point reads), the rest stay as scheduled.
        var read = await store.ReadForSweepAsync(entry.CourseId, today, cancellationToken).ConfigureAwait(false);
        var (course, followUps, schedule) = (read.Course, read.FollowUps, read.Schedule);
        if (course is null)
        {
            return await UncommittedAsync(entry, now, cancellationToken).ConfigureAwait(false);
        }

        var extended = false;
        var extensionFailed = false;
        if (course.Status == CourseStatus.Active && today >= _agenda.ExtensionDay(course))
        {
            try
            {
                extended = await courses.ExtendPlanAsync(course.CourseId, rules, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // One course whose snapshot no longer validates must not stop everyone's reminders:
                // retry it tomorrow, and report it in the sweep result.
                extensionFailed = true;
            }

            if (extended)
            {
                (course, followUps) = await store.ReadCourseAsync(entry.CourseId, cancellationToken).ConfigureAwait(false);
                schedule = null; // All of them now (the extension invalidated the schedule: the one written below is refused).
                course = course ?? throw new InvalidOperationException($"Course {entry.CourseId} disappeared while its plan was extended.");
            }
        }

        var due = new List<(FollowUpRecord FollowUp, PlannedReminder Reminder)>();
        var claimedElsewhere = false;
        foreach (var followUp in followUps.Where(f => _agenda.IsChased(f, course, rules)))
        {
            if (_policy.DueAt(followUp, now) is not { } reminder)
            {
                continue;
            }

            if (followUp.ClaimId is not null && followUp.ClaimedUntil > now)
            {
                claimedElsewhere = true; // Another sweep is sending it right now.
                continue;
            }

            due.Add((followUp, reminder));
        }

        var (sent, complete, after) = due.Count == 0
            ? (0, true, followUps)
            : await SendAsync(course, followUps, due, now, loop, cancellationToken).ConfigureAwait(false);
        if (!complete || claimedElsewhere)
        {
            // Lost the claim, or a claim of another sweep is open: the pointer stays for the next sweep to look again.
            return new Handled(sent, Kept: true, extended, extensionFailed, Move: false, null);
        }

        // The next schedule: what was read, as it is now, where still chased; what was not read, as it was scheduled. Written
        // only if its row is as read: a writer that added a follow-up or made one pending meanwhile invalidated it, and the
        // next visit reads the whole partition (that writer put its own pointer on the agenda).
        var days = NextSchedule(course, after, schedule, today, rules);
        if (schedule is null || !SameDays(days, schedule.Days))
        {
            await store.TryWriteScheduleAsync(new ReminderSchedule(course.CourseId, days, read.ScheduleETag), cancellationToken).ConfigureAwait(false);
        }

        var next = _agenda.NextDay(course, days.Values, today);
        if (extensionFailed)
        {
            next = next is { } n && n <= today.AddDays(1) ? n : today.AddDays(1);
        }

        return next == entry.Date
            ? new Handled(sent, Kept: true, extended, extensionFailed, Move: false, null) // Later today.
            : new Handled(sent, Kept: false, extended, extensionFailed, Move: true, next);
    }

    /// <summary>
    /// Claims the course's due reminders in one transaction, sends them one by one, and confirms them in another: sent
    /// ones are recorded, ones never tried are released, and the one whose send failed keeps its claim (it may have
    /// reached the queue) so that it goes out again after the lease under the same id. Returns the follow-ups as stored.
    /// </summary>
    private async Task<(int Sent, bool Complete, IReadOnlyList<FollowUpRecord> FollowUps)> SendAsync(
        CourseRecord course, IReadOnlyList<FollowUpRecord> followUps, List<(FollowUpRecord FollowUp, PlannedReminder Reminder)> due, DateTimeOffset now, CancellationToken loop, CancellationToken cancellationToken)
    {
        var claims = due.Select(d => d.FollowUp with { ClaimId = d.Reminder.ReminderId(d.FollowUp.CourseId, d.FollowUp.FollowUpId), ClaimedUntil = now + options.Value.ClaimLease }).ToArray();
        var claimed = await store.TryReplaceFollowUpsAsync(claims, cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            return (0, false, followUps); // Lost the race (another sweep, a completion): the next sweep looks again.
        }

        var outcome = new FollowUpRecord[claimed.Count];
        var sent = 0;
        ExceptionDispatchInfo? failure = null;
        for (var i = 0; i < claimed.Count; i++)
        {
            var (followUp, reminder) = (claimed[i], due[i].Reminder);
            if (failure is not null || loop.IsCancellationRequested)
            {
                outcome[i] = followUp with { ClaimId = null, ClaimedUntil = null };
                continue;
            }

            try
            {
                await queue.SendAsync(new ReminderMessage(
                    followUp.ClaimId!,
                    followUp.CourseId,
                    followUp.PatientId,
                    followUp.FollowUpId,
                    followUp.Test,
                    followUp.DueDate,
                    reminder.Kind,
                    Describe(followUp, reminder.Kind),
                    course.CareTeamId), cancellationToken).ConfigureAwait(false);
                sent++;
                outcome[i] = reminder.Kind == ReminderKind.Upcoming
                    ? followUp with { ClaimId = null, ClaimedUntil = null, UpcomingSentAt = now }
                    : followUp with { ClaimId = null, ClaimedUntil = null, OverdueSent = reminder.Sequence, LastOverdueSentAt = now };
            }
#pragma warning disable CA1031 // Any failure: confirm what went out first, then let it propagate.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failure = ExceptionDispatchInfo.Capture(ex);
                outcome[i] = followUp;
            }
        }

        var confirm = outcome.Where((f, i) => !ReferenceEquals(f, claimed[i])).ToArray();
        var stored = confirm.Length == 0 ? [] : await store.TryReplaceFollowUpsAsync(confirm, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            // One of them changed since the claim (completed, cancelled): confirm the others one by one.
            var one = new List<FollowUpRecord>();
            foreach (var followUp in confirm)
            {
                if (await store.TryUpdateFollowUpAsync(followUp, updateWorklist: false, cancellationToken).ConfigureAwait(false) is { } updated)
                {
                    one.Add(updated);
                }
            }

            stored = one;
        }

        failure?.Throw();
        var byId = stored.ToDictionary(f => f.FollowUpId, StringComparer.Ordinal);
        return (sent, stored.Count == claimed.Count, [.. followUps.Select(f => byId.GetValueOrDefault(f.FollowUpId) ?? f)]);
    }

    /// <summary>
    /// A pointer whose course row (the enrollment's commit marker) does not exist: an enrollment in progress, left alone;
    /// or one abandoned longer than the grace period, whose rows are removed (the repair path; a retry with the same
    /// Idempotency-Key writes them all again).
    /// </summary>
    private async Task<Handled> UncommittedAsync(AgendaEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (entry.WrittenAt is { } written && now - written < options.Value.UncommittedGrace)
        {
            return new Handled(0, Kept: true, false, false, Move: false, null);
        }

        await store.RemoveUncommittedAsync(entry, cancellationToken).ConfigureAwait(false);
        return new Handled(0, Kept: false, false, false, Move: false, null);
    }

    /// <summary>The day to look at each follow-up still chased next (that of its next reminder), by follow-up id.</summary>
    private Dictionary<string, DateOnly> NextSchedule(CourseRecord course, IReadOnlyList<FollowUpRecord> read, ReminderSchedule? schedule, DateOnly today, RuleSet rules)
    {
        var days = schedule is null
            ? new Dictionary<string, DateOnly>(StringComparer.Ordinal)
            : schedule.Days.Where(d => d.Value > today).ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
        foreach (var followUp in read)
        {
            days.Remove(followUp.FollowUpId);
            if (_agenda.IsChased(followUp, course, rules))
            {
                days[followUp.FollowUpId] = ReminderPolicy.AgendaDate(_policy.Next(followUp).At);
            }
        }

        return days;
    }

    private static bool SameDays(Dictionary<string, DateOnly> days, IReadOnlyDictionary<string, DateOnly> scheduled) =>
        days.Count == scheduled.Count && days.All(d => scheduled.TryGetValue(d.Key, out var day) && day == d.Value);

    private static string Describe(FollowUpRecord followUp, ReminderKind kind) => kind switch
    {
        ReminderKind.Upcoming => $"{followUp.Test} is due on {followUp.DueDate:yyyy-MM-dd}: {followUp.Reason}.",
        _ => $"{followUp.Test} was due on {followUp.DueDate:yyyy-MM-dd} and is not recorded as done: {followUp.Reason}.",
    };

    /// <summary>What looking at one course did, and where its pointer goes (<paramref name="Next"/> null: off the agenda).</summary>
    private sealed record Handled(int Sent, bool Kept, bool Extended, bool ExtensionFailed, bool Move, DateOnly? Next);

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

        public void Add(Handled handled)
        {
            Interlocked.Increment(ref _examined);
            Interlocked.Add(ref _sent, handled.Sent);
            _ = handled.Extended ? Interlocked.Increment(ref _extended) : 0;
            _ = handled.ExtensionFailed ? Interlocked.Increment(ref _extensionFailures) : 0;
            _ = handled.Kept ? Interlocked.Increment(ref _kept) : 0;
        }
    }
}
