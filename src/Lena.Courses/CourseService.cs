using System.Text.Json;
using Lena.Clinical.Contract;
using Lena.Clinical.Contract.Responses;
using Lena.Clinical.Courses;
using Lena.Clinical.Derived;
using Lena.Clinical.Dosing;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;
using Lena.Courses.Reminders;
using Lena.Courses.Therapy;
using Lena.Courses.Timeline;
using Microsoft.Extensions.Options;

namespace Lena.Courses;

/// <summary>What a completion sends besides its date: the labs to check, the toxicity facts of <c>therapy</c>, renal function now.</summary>
public sealed record CompletionInputs(JsonElement? Labs, JsonElement? Therapy, JsonElement? Renal);

/// <summary>The outcome of completing a follow-up: the follow-up, the hold check on its labs when sent, and its timeline event.</summary>
public sealed record CompletionOutcome(FollowUpRecord? FollowUp, ClinicalAnswer? HoldCheck, bool AlertQueued, ProblemDetails? Refusal = null, TimelineEvent? Event = null);

/// <summary>
/// Enrollment, completion, stop and plan extension of treatment courses: the clinical core plans,
/// the course store persists, the reminder queue gets alerts.
/// </summary>
public sealed class CourseService(ICourseStore store, IReminderSender queue, IOptions<ReminderOptions> options, TimeProvider clock)
{
    private readonly CourseAgenda _agenda = new(options.Value);
    private readonly TherapyRecorder _therapy = new(store, clock);

    /// <summary>
    /// Enrolls a course. With an idempotency key (its hash and the body's), a retry of the same
    /// request gets the course the first attempt made — completing its rows if that attempt was cut
    /// short — and the same key with another body is refused.
    /// </summary>
    public Task<EnrollmentOutcome> EnrollAsync(PatientSnapshot snapshot, ReadOnlyMemory<byte> snapshotJson, RuleSet rules, IdempotencyRecord? idempotency, CancellationToken cancellationToken) =>
        EnrollAsync(snapshot, snapshotJson, rules, idempotency, CareTeams.Default, cancellationToken);

    /// <summary>Enrolls a course for <paramref name="careTeamId"/>'s worklist (see the overload).</summary>
    public async Task<EnrollmentOutcome> EnrollAsync(PatientSnapshot snapshot, ReadOnlyMemory<byte> snapshotJson, RuleSet rules, IdempotencyRecord? idempotency, string careTeamId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(rules);
        var courseId = Guid.NewGuid().ToString("N");
        var retried = false;
        if (idempotency is not null)
        {
            var held = await store.ClaimIdempotencyKeyAsync(idempotency with { CourseId = courseId }, cancellationToken).ConfigureAwait(false);
            if (held is not null)
            {
                if (!string.Equals(held.BodyHash, idempotency.BodyHash, StringComparison.Ordinal))
                {
                    return new EnrollmentOutcome(EnrollmentStatus.KeyReused, null, []);
                }

                courseId = held.CourseId;
                retried = true;
                if (await CommittedAsync(courseId, cancellationToken).ConfigureAwait(false) is { } done)
                {
                    return done;
                }
            }
        }

        var today = Today();
        var context = PatientContext.Create(snapshot, rules, today);
        var start = snapshot.Therapy.StartDate!.Value;
        var dosing = ClinicalAnswer.For(Concern.Dosing, snapshot, rules, today);
        var decision = dosing.Response as DosingResponse;
        var plannedThrough = (start > today ? start : today).AddDays(options.Value.PlanWindowDays);

        var course = new CourseRecord
        {
            CourseId = courseId,
            PatientId = snapshot.PatientId!,
            CareTeamId = careTeamId,
            Indication = LenaJson.WireName(snapshot.Indication),
            StartDate = start,
            Status = CourseStatus.Active,
            RuleSetVersion = rules.Version,
            SnapshotJson = System.Text.Encoding.UTF8.GetString(snapshotJson.Span),
            CurrentDoseMg = decision is null ? null : decision.Dose.DoseMg ?? decision.Dose.ResumeDoseMg,
            PlannedThrough = plannedThrough,
            CreatedAt = clock.GetUtcNow(),
        };
        var followUps = ToRecords(course, CoursePlanner.Plan(context, null, plannedThrough));
        var therapy = InitialTherapy.From(snapshot, decision, today);
        var enrolled = new TimelineEvent
        {
            Sequence = 1,
            Type = TimelineEventType.Enrolled,
            On = today,
            RecordedAt = course.CreatedAt,
            RuleSetVersion = rules.Version,
            Inputs = WithoutPatientId(snapshotJson),
            Decision = decision is null ? null : CourseEvaluation.Decision(decision),
            Therapy = therapy,
        };
        // An active course always has a next day (at the latest its plan extension).
        var agendaDay = _agenda.NextDay(course, followUps, rules, today)!.Value;
        if (!await store.EnrollAsync(course, followUps, agendaDay, new CourseState(courseId, therapy, 1), enrolled, cancellationToken).ConfigureAwait(false))
        {
            // A concurrent retry committed this course first: answer with what it stored.
            return await CommittedAsync(courseId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Course {courseId} was committed but cannot be read back.");
        }

        // The worklist rows follow the commit marker, so a team never sees a course that does not exist; a
        // retry with the same Idempotency-Key writes whatever a cut-short attempt left out.
        await store.WriteWorklistAsync(followUps, courseStopped: false, replace: false, cancellationToken).ConfigureAwait(false);
        return new EnrollmentOutcome(retried ? EnrollmentStatus.Replayed : EnrollmentStatus.Created, course, followUps);
    }

    private async Task<EnrollmentOutcome?> CommittedAsync(string courseId, CancellationToken cancellationToken)
    {
        var course = await store.GetCourseAsync(courseId, cancellationToken).ConfigureAwait(false);
        if (course is null)
        {
            return null;
        }

        var followUps = await store.ListFollowUpsAsync(courseId, cancellationToken).ConfigureAwait(false);
        await store.WriteWorklistAsync(followUps, course.Status == CourseStatus.Stopped, replace: false, cancellationToken).ConfigureAwait(false);
        return new EnrollmentOutcome(EnrollmentStatus.Replayed, course, followUps);
    }

    private static JsonElement WithoutPatientId(ReadOnlyMemory<byte> snapshotJson)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(snapshotJson.Span)!.AsObject();
        root.Remove("patientId");
        return JsonSerializer.SerializeToElement(root);
    }

    /// <summary>
    /// Completes a follow-up. With labs, they are judged from the course's therapy state on the completion
    /// day and recorded on its timeline like <c>POST …/labs</c> (once: a repeat answers from that event);
    /// a hold queues an <c>alert</c> reminder.
    /// </summary>
    public async Task<CompletionOutcome> CompleteAsync(CourseRecord course, FollowUpRecord followUp, DateOnly completedOn, CompletionInputs inputs, RuleSet rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(followUp);
        ArgumentNullException.ThrowIfNull(inputs);
        ClinicalAnswer? holdCheck = null;
        TimelineEvent? recorded = null;
        var interrupt = false;
        if (inputs.Labs is { } labValues)
        {
            var outcome = await _therapy.RecordLabsAsync(course, new LabsInput(labValues, null, inputs.Therapy, inputs.Renal), completedOn, followUp.FollowUpId, rules, cancellationToken).ConfigureAwait(false);
            if (outcome.Refusal is not null)
            {
                return new CompletionOutcome(null, null, false, outcome.Refusal);
            }

            holdCheck = outcome.Answer;
            recorded = outcome.Event;
            if (holdCheck is not { IsSuccess: true })
            {
                return new CompletionOutcome(null, holdCheck, false);
            }

            interrupt = holdCheck.Response is DosingResponse { Dose.Action: DoseAction.Interrupt or DoseAction.Defer or DoseAction.NotRecommended };
            if (recorded is { Type: TimelineEventType.Resumed })
            {
                await FollowRealCyclesAsync(course, recorded, cancellationToken).ConfigureAwait(false);
            }
        }

        var current = followUp;
        FollowUpRecord? updated = null;
        for (var attempt = 0; attempt < 3 && updated is null; attempt++)
        {
            if (current.State == FollowUpState.Completed)
            {
                updated = current;
                break;
            }

            updated = await store.TryUpdateFollowUpAsync(current with { State = FollowUpState.Completed, CompletedOn = completedOn }, updateWorklist: true, cancellationToken).ConfigureAwait(false);
            if (updated is null)
            {
                current = await store.GetFollowUpAsync(followUp.CourseId, followUp.FollowUpId, followUp.DueDate, cancellationToken).ConfigureAwait(false) ?? current;
            }
        }

        if (interrupt)
        {
            await queue.SendAsync(new ReminderMessage(
                $"{course.CourseId}:{followUp.FollowUpId}:alert",
                course.CourseId,
                course.PatientId,
                followUp.FollowUpId,
                followUp.Test,
                followUp.DueDate,
                ReminderKind.Alert,
                $"Results for {followUp.Test} due {followUp.DueDate:yyyy-MM-dd} meet a hold rule: review lenalidomide dosing now.",
                course.CareTeamId), cancellationToken).ConfigureAwait(false);
        }

        return new CompletionOutcome(updated, holdCheck, interrupt, null, recorded);
    }

    /// <summary>
    /// Stops a course: follow-ups due after the last dose are cancelled, earlier ones stay as they are
    /// (the sweep sends no more monitoring reminders for a stopped course); the post-treatment REMS
    /// duties become follow-ups.
    /// </summary>
    public async Task<CourseRecord?> StopAsync(CourseRecord course, DateOnly stoppedOn, string reason, RuleSet rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(rules);
        // The course row first: from then on the sweep chases none of its monitoring follow-ups
        // (see ReminderSweeper), and no other writer adds any (they commit on the row's ETag), so the
        // listing below sees every one; the steps after it may be cut short and redone by a retry
        // (a course already stopped on the same day), which skips this update.
        var stopped = await MarkStoppedAsync(course, stoppedOn, reason, cancellationToken).ConfigureAwait(false);
        if (stopped is null)
        {
            return null;
        }

        await _therapy.RecordStopAsync(stopped, stoppedOn, reason, rules, cancellationToken).ConfigureAwait(false);
        var notChased = await CancelEndedByStopAsync(stopped, await store.ListFollowUpsAsync(course.CourseId, cancellationToken).ConfigureAwait(false), rules, cancellationToken).ConfigureAwait(false);

        // Earlier follow-ups stay open (results may still come) but, as for reminders, leave the team's due and overdue lists.
        await store.WriteWorklistAsync(notChased, courseStopped: true, replace: true, cancellationToken).ConfigureAwait(false);

        // Parsed as of today, the day the stop is recorded: the enrollment snapshot validated on its
        // own day, and its labs may postdate a last dose entered retroactively.
        var snapshot = EnrollmentParser.Parse(System.Text.Encoding.UTF8.GetBytes(course.SnapshotJson), rules, Today()).Snapshot;
        if (snapshot is not null)
        {
            var duties = ToRecords(stopped, CoursePlanner.PostTreatment(snapshot, rules, stoppedOn));
            await store.AddFollowUpsAsync(duties, _agenda.FirstReminderDay(duties, Today()), cancellationToken).ConfigureAwait(false);
            await store.WriteWorklistAsync(duties, courseStopped: false, replace: false, cancellationToken).ConfigureAwait(false);
        }

        return stopped;
    }

    /// <summary>
    /// Marks the course row stopped, conditional on its ETag. A writer that added follow-ups since the course was read
    /// (plan extension, moved CBCs) changed the row: the row is read again and the stop made on it — the stop wins, and
    /// the listing after it sees those follow-ups. Null when the course is gone or was stopped on another day.
    /// </summary>
    private async Task<CourseRecord?> MarkStoppedAsync(CourseRecord course, DateOnly stoppedOn, string reason, CancellationToken cancellationToken)
    {
        var current = course;
        for (var attempt = 0; attempt < StopAttempts; attempt++)
        {
            if (current.Status == CourseStatus.Stopped)
            {
                return current.StoppedOn == stoppedOn ? current : null;
            }

            if (await store.TryUpdateCourseAsync(current with { Status = CourseStatus.Stopped, StoppedOn = stoppedOn, StopReason = reason }, cancellationToken).ConfigureAwait(false) is { } stopped)
            {
                return stopped;
            }

            if (await store.GetCourseAsync(course.CourseId, cancellationToken).ConfigureAwait(false) is not { } reread)
            {
                return null;
            }

            current = reread;
        }

        return null;
    }

    /// <summary>How often a stop reads the course row again when a writer of follow-ups changed it first.</summary>
    private const int StopAttempts = 5;

    /// <summary>
    /// What a stop ends among <paramref name="followUps"/>: pending monitoring follow-ups due after the stop are cancelled;
    /// the earlier ones are returned (they stay open, no longer chased). Post-treatment duties stay as they are.
    /// </summary>
    private async Task<List<FollowUpRecord>> CancelEndedByStopAsync(CourseRecord stopped, IEnumerable<FollowUpRecord> followUps, RuleSet rules, CancellationToken cancellationToken)
    {
        var notChased = new List<FollowUpRecord>();
        foreach (var followUp in followUps.Where(f => f.State == FollowUpState.Pending && !IsPostTreatmentDuty(f, rules)))
        {
            if (followUp.DueDate > stopped.StoppedOn)
            {
                await CancelAsync(followUp, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                notChased.Add(followUp);
            }
        }

        return notChased;
    }

    /// <summary>
    /// Plans the next window of an active course before its follow-ups run out; false when there was nothing to extend
    /// (stopped, or another sweep extended it). The caller, the reminder sweep, moves the course's agenda pointer.
    /// </summary>
    public async Task<bool> ExtendPlanAsync(string courseId, RuleSet rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        DateOnly? from = null;
        for (var attempt = 0; attempt < ExtendAttempts; attempt++)
        {
            var (course, stored) = await store.ReadCourseAsync(courseId, cancellationToken).ConfigureAwait(false);
            from ??= course?.PlannedThrough;
            if (course is not { Status: CourseStatus.Active } || course.PlannedThrough != from)
            {
                // Stopped first (a window cut short in more than one transaction may have left rows the stop did not
                // see: they end here as the stop ends them), or another sweep extended the plan.
                if (course is { Status: CourseStatus.Stopped })
                {
                    await CancelEndedByStopAsync(course, stored, rules, cancellationToken).ConfigureAwait(false);
                }

                return false;
            }

            var parsed = EnrollmentParser.Parse(System.Text.Encoding.UTF8.GetBytes(course.SnapshotJson), rules, Today());
            if (!parsed.IsValid)
            {
                throw new InvalidOperationException($"Course {courseId}: the enrollment snapshot no longer validates under rule set {rules.Version}; its plan cannot be extended automatically.");
            }

            // The window's follow-ups and the course row that says the plan reaches further, in one transaction on the
            // row's ETag: a stop, which changes the row first, and this exclude each other (no follow-up of the window
            // pending on a stopped course), and a crash leaves all or nothing of it. Rows that exist (the same window
            // planned by an earlier writer) stand as they are: follow-up ids are the test, date and reason.
            var through = course.PlannedThrough.AddDays(options.Value.PlanWindowDays);
            var context = PatientContext.Create(parsed.Snapshot!, rules, Today());
            var followUps = ToRecords(course, CoursePlanner.Plan(context, course.PlannedThrough, through));
            var existing = stored.Select(f => f.FollowUpId).ToHashSet(StringComparer.Ordinal);
            var added = followUps.Where(f => !existing.Contains(f.FollowUpId)).ToArray();
            if (await store.TryAddFollowUpsAsync(course with { PlannedThrough = through }, added, null, cancellationToken).ConfigureAwait(false) is not null)
            {
                await store.WriteWorklistAsync(followUps, courseStopped: false, replace: false, cancellationToken).ConfigureAwait(false);
                return true;
            }
        }

        throw new InvalidOperationException($"Course {courseId} kept changing while its plan was being extended; the sweep retries tomorrow.");
    }

    /// <summary>How often a plan extension reads the course again after its row changed (a moved CBC, a claim on a row it adds).</summary>
    private const int ExtendAttempts = 4;

    /// <summary>
    /// After dosing resumes, the cycle calendar has moved by the length of the hold: the pending CBCs due
    /// after the resume (weekly in the first weeks, then on cycle days) move by as many days, so monitoring
    /// follows the real cycles. Each is cancelled and added again under its new date (with its reminders
    /// and worklist row); other tests (pregnancy tests, liver, thyroid) keep their calendar dates.
    /// </summary>
    public async Task<int> FollowRealCyclesAsync(CourseRecord course, TimelineEvent resumed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(resumed);
        var closed = resumed.Therapy.Interruptions.LastOrDefault(i => i.Until == resumed.On);
        var shift = closed is null ? 0 : closed.Until!.Value.DayNumber - closed.From.DayNumber;
        if (resumed.Therapy.Phase != Therapy.TherapyPhase.OnTreatment || shift <= 0)
        {
            return 0;
        }

        for (var attempt = 0; attempt < MoveAttempts; attempt++)
        {
            var (current, all) = await store.ReadCourseAsync(course.CourseId, cancellationToken).ConfigureAwait(false);
            if (current is not { Status: CourseStatus.Active })
            {
                return 0; // Stopped first: its stop ended these CBCs.
            }

            var cbcs = all.Where(f => f.Test == CycleMonitoredTest).ToDictionary(f => f.DueDate);
            var ahead = cbcs.Values.Where(f => f.State == FollowUpState.Pending && f.DueDate > resumed.On).OrderBy(f => f.DueDate).ToArray();
            var targets = ahead.ToDictionary(f => f.DueDate.AddDays(shift));

            // A weekly series moved by whole weeks lands partly on its own dates: those stay as they are; one an earlier
            // move cancelled is brought back.
            var revived = targets
                .Where(t => cbcs.GetValueOrDefault(t.Key) is { State: FollowUpState.Cancelled })
                .Select(t => cbcs[t.Key] with { State = FollowUpState.Pending, Reason = t.Value.Reason })
                .ToArray();
            var added = targets
                .Where(t => !cbcs.ContainsKey(t.Key))
                .Select(t => t.Value with
                {
                    FollowUpId = new FollowUpItem(t.Value.Test, t.Key, t.Value.Reason).Id,
                    DueDate = t.Key,
                    UpcomingSentAt = null,
                    OverdueSent = 0,
                    LastOverdueSentAt = null,
                    ClaimId = null,
                    ClaimedUntil = null,
                    ETag = null,
                })
                .ToArray();

            // The moved CBCs commit with the course row, on its ETag: a stop that came first leaves them unwritten, one
            // that comes later cancels them. Only then are the CBCs they replace cancelled (a move cut short in between
            // leaves a CBC twice, never none).
            FollowUpRecord[] moved = [.. added, .. revived];
            if (await store.TryAddFollowUpsAsync(current, moved, _agenda.FirstReminderDay(moved, Today()), cancellationToken).ConfigureAwait(false) is null)
            {
                continue;
            }

            foreach (var gone in ahead.Where(f => !targets.ContainsKey(f.DueDate)))
            {
                await CancelAsync(gone, cancellationToken).ConfigureAwait(false);
            }

            await store.WriteWorklistAsync(added, courseStopped: false, replace: false, cancellationToken).ConfigureAwait(false);
            await store.WriteWorklistAsync(revived, courseStopped: false, replace: true, cancellationToken).ConfigureAwait(false);
            return ahead.Length;
        }

        throw new InvalidOperationException($"Course {course.CourseId} kept changing while its CBCs were being moved after a hold.");
    }

    /// <summary>How often a move of CBCs reads the course again after its row or one of the CBCs changed meanwhile.</summary>
    private const int MoveAttempts = 4;

    /// <summary>The monitoring that follows the cycles (CBC on day 1 of each later cycle, weekly before).</summary>
    private const string CycleMonitoredTest = "cbc";

    /// <summary>
    /// Cancels a pending follow-up, re-reading it when its ETag moved meanwhile (a reminder sweep
    /// claims and confirms on the same row): a lost race must not leave it pending and reminded.
    /// </summary>
    private async Task CancelAsync(FollowUpRecord followUp, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var canonical = await store.GetFollowUpAsync(followUp.CourseId, followUp.FollowUpId, followUp.DueDate, cancellationToken).ConfigureAwait(false);
            if (canonical is not { State: FollowUpState.Pending })
            {
                return;
            }

            var cancelled = await store.TryUpdateFollowUpAsync(canonical with { State = FollowUpState.Cancelled, ClaimId = null, ClaimedUntil = null }, updateWorklist: true, cancellationToken).ConfigureAwait(false);
            if (cancelled is not null)
            {
                return;
            }
        }

        throw new InvalidOperationException($"Course {followUp.CourseId}: follow-up {followUp.FollowUpId} kept changing while the stop tried to cancel it.");
    }

    /// <summary>A post-treatment REMS duty (still chased after a stop), not a monitoring follow-up.</summary>
    public static bool IsPostTreatmentDuty(FollowUpRecord followUp, RuleSet rules) => rules.PostTreatmentDuties.Any(d => d.Test == followUp.Test);

    /// <summary>
    /// New follow-ups; one already more than the look-back period past due (a course enrolled late: not its whole
    /// history) is kept but never reminded.
    /// </summary>
    private FollowUpRecord[] ToRecords(CourseRecord course, IEnumerable<FollowUpItem> items) => items
        .Select(i => new FollowUpRecord
        {
            CourseId = course.CourseId,
            FollowUpId = i.Id,
            PatientId = course.PatientId,
            CareTeamId = course.CareTeamId,
            Test = i.Test,
            DueDate = i.DueDate,
            Reason = i.Reason,
            State = FollowUpState.Pending,
            Remind = _agenda.Reminds(i.DueDate, Today()),
        })
        .ToArray();

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
