using System.Text.Json;
using Lena.Clinical.Contract;
using Lena.Clinical.Contract.Responses;
using Lena.Clinical.Courses;
using Lena.Clinical.Derived;
using Lena.Clinical.Dosing;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;
using Lena.Courses.Reminders;
using Microsoft.Extensions.Options;

namespace Lena.Courses;

/// <summary>What a completion sends besides its date: the labs to check, and therapy or renal data newer than the enrollment's.</summary>
public sealed record CompletionInputs(JsonElement? Labs, JsonElement? Therapy, JsonElement? Renal);

/// <summary>The outcome of completing a follow-up: the follow-up, and the hold check on its labs when sent.</summary>
public sealed record CompletionOutcome(FollowUpRecord? FollowUp, ClinicalAnswer? HoldCheck, bool AlertQueued);

/// <summary>
/// Enrollment, completion, stop and plan extension of treatment courses: the clinical core plans,
/// the course store persists, the reminder queue gets alerts.
/// </summary>
public sealed class CourseService(ICourseStore store, IReminderSender queue, IOptions<ReminderOptions> options, TimeProvider clock)
{
    private readonly ReminderPolicy _policy = new(options.Value);

    /// <summary>
    /// Enrolls a course. With an idempotency key (its hash and the body's), a retry of the same
    /// request gets the course the first attempt made — completing its rows if that attempt was cut
    /// short — and the same key with another body is refused.
    /// </summary>
    public async Task<EnrollmentOutcome> EnrollAsync(PatientSnapshot snapshot, ReadOnlyMemory<byte> snapshotJson, RuleSet rules, IdempotencyRecord? idempotency, CancellationToken cancellationToken)
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
        var plannedThrough = (start > today ? start : today).AddDays(options.Value.PlanWindowDays);

        var course = new CourseRecord
        {
            CourseId = courseId,
            PatientId = snapshot.PatientId!,
            Indication = LenaJson.WireName(snapshot.Indication),
            StartDate = start,
            Status = CourseStatus.Active,
            RuleSetVersion = rules.Version,
            SnapshotJson = System.Text.Encoding.UTF8.GetString(snapshotJson.Span),
            CurrentDoseMg = StartingDose(snapshot, rules, today),
            PlannedThrough = plannedThrough,
            CreatedAt = clock.GetUtcNow(),
        };
        var followUps = ToRecords(course, CoursePlanner.Plan(context, null, plannedThrough));
        var agenda = AgendaFor(followUps).Append(ExtensionEntry(course)).ToArray();
        if (!await store.EnrollAsync(course, followUps, agenda, cancellationToken).ConfigureAwait(false))
        {
            // A concurrent retry committed this course first: answer with what it stored.
            return await CommittedAsync(courseId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Course {courseId} was committed but cannot be read back.");
        }

        return new EnrollmentOutcome(retried ? EnrollmentStatus.Replayed : EnrollmentStatus.Created, course, followUps);
    }

    private async Task<EnrollmentOutcome?> CommittedAsync(string courseId, CancellationToken cancellationToken)
    {
        var course = await store.GetCourseAsync(courseId, cancellationToken).ConfigureAwait(false);
        return course is null
            ? null
            : new EnrollmentOutcome(EnrollmentStatus.Replayed, course, await store.ListFollowUpsAsync(courseId, cancellationToken).ConfigureAwait(false));
    }

    public async Task<CompletionOutcome> CompleteAsync(CourseRecord course, FollowUpRecord followUp, DateOnly completedOn, CompletionInputs inputs, RuleSet rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(followUp);
        ClinicalAnswer? holdCheck = null;
        var interrupt = false;
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Labs is { } labValues)
        {
            var merged = CompletionSnapshot.Build(course.SnapshotJson, labValues, inputs.Therapy, inputs.Renal, completedOn, course.CurrentDoseMg);
            holdCheck = merged.Snapshot is { } snapshot
                ? ClinicalAnswer.For(Concern.Dosing, snapshot, rules, completedOn)
                : ClinicalAnswer.Problem(ProblemDetails.Validation(merged.Errors)) with { Errors = merged.Errors };
            if (!holdCheck.IsSuccess)
            {
                return new CompletionOutcome(null, holdCheck, false);
            }

            interrupt = holdCheck.Response is DosingResponse { Dose.Action: DoseAction.Interrupt or DoseAction.Defer or DoseAction.NotRecommended };
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

            updated = await store.TryUpdateFollowUpAsync(current with { State = FollowUpState.Completed, CompletedOn = completedOn }, mirrorToIndex: true, cancellationToken).ConfigureAwait(false);
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
                $"Results for {followUp.Test} due {followUp.DueDate:yyyy-MM-dd} meet a hold rule: review lenalidomide dosing now."), cancellationToken).ConfigureAwait(false);
        }

        return new CompletionOutcome(updated, holdCheck, interrupt);
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

        foreach (var followUp in await store.ListFollowUpsAsync(course.CourseId, cancellationToken).ConfigureAwait(false))
        {
            if (followUp.State == FollowUpState.Pending && followUp.DueDate > stoppedOn && !IsPostTreatmentDuty(followUp, rules))
            {
                await CancelAsync(followUp, cancellationToken).ConfigureAwait(false);
            }
        }

        // Parsed as of today, the day the stop is recorded: the enrollment snapshot validated on its
        // own day, and its labs may postdate a last dose entered retroactively.
        var snapshot = EnrollmentParser.Parse(System.Text.Encoding.UTF8.GetBytes(course.SnapshotJson), rules, Today()).Snapshot;
        if (snapshot is not null)
        {
            var duties = ToRecords(stopped, CoursePlanner.PostTreatment(snapshot, rules, stoppedOn));
            await store.AddFollowUpsAsync(duties, AgendaFor(duties).ToArray(), cancellationToken).ConfigureAwait(false);
            await store.AddIndexAsync(duties, cancellationToken).ConfigureAwait(false);
        }

        return stopped;
    }

    /// <summary>Plans the next window of an active course before its follow-ups run out.</summary>
    public async Task ExtendPlanAsync(string courseId, RuleSet rules, CancellationToken cancellationToken)
    {
        var course = await store.GetCourseAsync(courseId, cancellationToken).ConfigureAwait(false);
        if (course is not { Status: CourseStatus.Active })
        {
            return;
        }

        var parsed = EnrollmentParser.Parse(System.Text.Encoding.UTF8.GetBytes(course.SnapshotJson), rules, Today());
        if (!parsed.IsValid)
        {
            throw new InvalidOperationException($"Course {courseId}: the enrollment snapshot no longer validates under rule set {rules.Version}; its plan cannot be extended automatically.");
        }

        var through = course.PlannedThrough.AddDays(options.Value.PlanWindowDays);
        var extended = await store.TryUpdateCourseAsync(course with { PlannedThrough = through }, cancellationToken).ConfigureAwait(false);
        if (extended is null)
        {
            return; // Another sweep extended it.
        }

        var context = PatientContext.Create(parsed.Snapshot!, rules, Today());
        var followUps = ToRecords(extended, CoursePlanner.Plan(context, course.PlannedThrough, through));
        await store.AddFollowUpsAsync(followUps, AgendaFor(followUps).Append(ExtensionEntry(extended)).ToArray(), cancellationToken).ConfigureAwait(false);
        await store.AddIndexAsync(followUps, cancellationToken).ConfigureAwait(false);
    }

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

            var cancelled = await store.TryUpdateFollowUpAsync(canonical with { State = FollowUpState.Cancelled, ClaimId = null, ClaimedUntil = null }, mirrorToIndex: true, cancellationToken).ConfigureAwait(false);
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
    /// Agenda entries for new follow-ups, never before today (the sweep has passed those days). A
    /// course enrolled late gets reminders for what fell due in the look-back window (a missed
    /// pre-treatment pregnancy test, say), not for its whole history.
    /// </summary>
    private IEnumerable<AgendaEntry> AgendaFor(IEnumerable<FollowUpRecord> followUps)
    {
        var today = Today();
        var oldest = today.AddDays(-options.Value.InitialLookbackDays);
        return followUps
            .Where(f => f.DueDate >= oldest)
            .Select(f =>
            {
                var day = ReminderPolicy.AgendaDate(_policy.Next(f).At);
                return new AgendaEntry(day < today ? today : day, f.CourseId, f.FollowUpId, f.DueDate);
            });
    }

    private AgendaEntry ExtensionEntry(CourseRecord course) =>
        new(course.PlannedThrough.AddDays(-options.Value.PlanExtensionLeadDays), course.CourseId, AgendaEntry.ExtendFollowUpId, null);

    private static FollowUpRecord[] ToRecords(CourseRecord course, IEnumerable<FollowUpItem> items) => items
        .Select(i => new FollowUpRecord
        {
            CourseId = course.CourseId,
            FollowUpId = i.Id,
            PatientId = course.PatientId,
            Test = i.Test,
            DueDate = i.DueDate,
            Reason = i.Reason,
            State = FollowUpState.Pending,
        })
        .ToArray();

    /// <summary>The dose the course starts at, when the enrollment snapshot is complete enough for dosing.</summary>
    private static double? StartingDose(PatientSnapshot snapshot, RuleSet rules, DateOnly today)
    {
        var answer = ClinicalAnswer.For(Concern.Dosing, snapshot, rules, today);
        return answer.Response is DosingResponse dosing ? dosing.Dose.DoseMg ?? dosing.Dose.ResumeDoseMg : null;
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
