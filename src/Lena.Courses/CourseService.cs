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
        // (see ReminderSweeper), so the steps after it may be cut short and redone by a retry
        // (a course already stopped on the same day), which skips this update.
        var stopped = course is { Status: CourseStatus.Stopped } && course.StoppedOn == stoppedOn
            ? course
            : await store.TryUpdateCourseAsync(course with { Status = CourseStatus.Stopped, StoppedOn = stoppedOn, StopReason = reason }, cancellationToken).ConfigureAwait(false);
        if (stopped is null)
        {
            return null;
        }

        await _therapy.RecordStopAsync(stopped, stoppedOn, reason, rules, cancellationToken).ConfigureAwait(false);
        var notChased = new List<FollowUpRecord>();
        foreach (var followUp in await store.ListFollowUpsAsync(course.CourseId, cancellationToken).ConfigureAwait(false))
        {
            if (followUp.State == FollowUpState.Pending && !IsPostTreatmentDuty(followUp, rules))
            {
                if (followUp.DueDate > stoppedOn)
                {
                    await CancelAsync(followUp, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    notChased.Add(followUp);
                }
            }
        }

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
    /// Plans the next window of an active course before its follow-ups run out; false when there was nothing to extend
    /// (stopped, or another sweep extended it). The caller, the reminder sweep, moves the course's agenda pointer.
    /// </summary>
    public async Task<bool> ExtendPlanAsync(string courseId, RuleSet rules, CancellationToken cancellationToken)
    {
        var course = await store.GetCourseAsync(courseId, cancellationToken).ConfigureAwait(false);
        if (course is not { Status: CourseStatus.Active })
        {
            return false;
        }

        var parsed = EnrollmentParser.Parse(System.Text.Encoding.UTF8.GetBytes(course.SnapshotJson), rules, Today());
        if (!parsed.IsValid)
        {
            throw new InvalidOperationException($"Course {courseId}: the enrollment snapshot no longer validates under rule set {rules.Version}; its plan cannot be extended automatically.");
        }

        // The window's follow-ups go in before the course row says the plan reaches further: the row is the commit.
        // A crash in between leaves the row as it was, and the next sweep plans the same window again (follow-up ids are
        // the test, date and reason, and adding keeps what exists); the other order left a window without follow-ups.
        var through = course.PlannedThrough.AddDays(options.Value.PlanWindowDays);
        var context = PatientContext.Create(parsed.Snapshot!, rules, Today());
        var followUps = ToRecords(course, CoursePlanner.Plan(context, course.PlannedThrough, through));
        await store.AddFollowUpsAsync(followUps, null, cancellationToken).ConfigureAwait(false);
        var extended = await store.TryUpdateCourseAsync(course with { PlannedThrough = through }, cancellationToken).ConfigureAwait(false);
        if (extended is null)
        {
            // The row changed meanwhile: another sweep extended it (the same rows, already added), or a stop, whose
            // sweep no longer chases what it ended; either way the re-read decides.
            var now = await store.GetCourseAsync(courseId, cancellationToken).ConfigureAwait(false);
            if (now is not { Status: CourseStatus.Active } || now.PlannedThrough != course.PlannedThrough)
            {
                return false;
            }

            _ = await store.TryUpdateCourseAsync(now with { PlannedThrough = through }, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Course {courseId} kept changing while its plan was being extended; the sweep retries tomorrow.");
        }

        await store.WriteWorklistAsync(followUps, courseStopped: false, replace: false, cancellationToken).ConfigureAwait(false);
        return true;
    }

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

        var cbcs = (await store.ListFollowUpsAsync(course.CourseId, cancellationToken).ConfigureAwait(false))
            .Where(f => f.Test == CycleMonitoredTest)
            .ToDictionary(f => f.DueDate);
        var ahead = cbcs.Values.Where(f => f.State == FollowUpState.Pending && f.DueDate > resumed.On).OrderBy(f => f.DueDate).ToArray();
        var targets = ahead.ToDictionary(f => f.DueDate.AddDays(shift));

        // A weekly series moved by whole weeks lands partly on its own dates: those stay as they are.
        foreach (var gone in ahead.Where(f => !targets.ContainsKey(f.DueDate)))
        {
            await CancelAsync(gone, cancellationToken).ConfigureAwait(false);
        }

        var added = new List<FollowUpRecord>();
        foreach (var (due, source) in targets)
        {
            if (cbcs.TryGetValue(due, out var there))
            {
                if (there.State == FollowUpState.Cancelled
                    && await store.GetFollowUpAsync(there.CourseId, there.FollowUpId, due, cancellationToken).ConfigureAwait(false) is { State: FollowUpState.Cancelled } canonical)
                {
                    // Cancelled by an earlier move: this one brings it back.
                    await store.TryUpdateFollowUpAsync(canonical with { State = FollowUpState.Pending, Reason = source.Reason }, updateWorklist: true, cancellationToken).ConfigureAwait(false);
                    await store.WriteWorklistAsync([canonical with { State = FollowUpState.Pending, Reason = source.Reason }], courseStopped: false, replace: true, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            added.Add(source with
            {
                FollowUpId = new FollowUpItem(source.Test, due, source.Reason).Id,
                DueDate = due,
                UpcomingSentAt = null,
                OverdueSent = 0,
                LastOverdueSentAt = null,
                ClaimId = null,
                ClaimedUntil = null,
                ETag = null,
            });
        }

        await store.AddFollowUpsAsync(added, _agenda.FirstReminderDay(added, Today()), cancellationToken).ConfigureAwait(false);
        await store.WriteWorklistAsync(added, courseStopped: false, replace: false, cancellationToken).ConfigureAwait(false);
        return ahead.Length;
    }

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
