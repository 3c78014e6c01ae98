using System.Text.Json;
using Lena.Clinical.Contract;
using Lena.Clinical.Contract.Responses;
using Lena.Clinical.Rules;
using Lena.Courses.Timeline;

namespace Lena.Courses.Therapy;

/// <summary>What recording results did: the dosing answer and the event it appended (none for a 400 or a refusal).</summary>
public sealed record LabsOutcome(ClinicalAnswer? Answer, TimelineEvent? Event, ProblemDetails? Refusal);

/// <summary>
/// Records what happens to a course's therapy on its timeline: results judged from the course's state
/// (<c>POST …/labs</c>, a completed follow-up's labs), a clinician's dose change, a stop. Every decision
/// is the clinical core's (<see cref="CourseEvaluation"/>); this class only orders and keeps them.
/// </summary>
public sealed class TherapyRecorder(ICourseStore store, TimeProvider clock)
{
    private readonly CourseTimeline _timeline = new(store, clock);

    /// <summary>
    /// Judges new results on <paramref name="on"/> against the course's state and records the decision.
    /// For a follow-up's labs, a repeat (the follow-up's event exists) answers from that event's inputs and appends nothing.
    /// </summary>
    public async Task<LabsOutcome> RecordLabsAsync(CourseRecord course, LabsInput input, DateOnly on, string? followUpId, RuleSet rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(rules);
        var (step, appended) = await _timeline.AppendAsync(course, async state =>
        {
            if (followUpId is not null && await store.FindFollowUpEventAsync(course.CourseId, followUpId, cancellationToken).ConfigureAwait(false) is { } sequence)
            {
                return new AppendStep(null, await ReplayAsync(course.CourseId, sequence, rules, cancellationToken).ConfigureAwait(false));
            }

            if (state.Therapy.Phase == TherapyPhase.Stopped)
            {
                return new AppendStep(null, Refusal: Stopped(course));
            }

            var (answer, inputs) = CourseEvaluation.Judge(course, state.Therapy, input, rules, on);
            if (answer.Response is not DosingResponse dosing || inputs is null)
            {
                return new AppendStep(null, answer);
            }

            var (type, after) = TherapyTransitions.Apply(state.Therapy, dosing.Dose, dosing.Findings, on);
            return new AppendStep(
                new TimelineEvent
                {
                    Sequence = 0,
                    Type = type,
                    On = on,
                    RecordedAt = default,
                    RuleSetVersion = rules.Version,
                    Inputs = inputs,
                    Decision = CourseEvaluation.Decision(dosing),
                    FollowUpId = followUpId,
                    Therapy = after with { LastLabsOn = answer.Context?.Snapshot.Labs?.TakenOn ?? on },
                },
                answer);
        }, cancellationToken).ConfigureAwait(false);
        return new LabsOutcome(step.Answer, appended, step.Refusal);
    }

    /// <summary>
    /// Records a clinician's dose from its effective day. A course with no dose to change — not started,
    /// stopped, or whose last decision was notRecommended (a contraindicated course gets no dose anywhere) — refuses.
    /// </summary>
    public async Task<(TimelineEvent? Event, ProblemDetails? Refusal)> ChangeDoseAsync(CourseRecord course, DoseChange change, RuleSet rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(rules);
        var (step, appended) = await _timeline.AppendAsync(course, state => Task.FromResult(state.Therapy.Phase switch
        {
            TherapyPhase.Stopped => new AppendStep(null, Refusal: Stopped(course)),
            TherapyPhase.NotRecommended => new AppendStep(null, Refusal: ProblemDetails.Of(409, ProblemTypes.Conflict, "No dose may be given.",
                "The course's last decision was notRecommended (see its timeline for the findings): a contraindicated course gets no dose. New results that change it are recorded with POST …/labs.")),
            TherapyPhase.NotStarted => new AppendStep(null, Refusal: ProblemDetails.Of(409, ProblemTypes.Conflict, "The course has not started.",
                "No dose has been given yet: the start is decided on results (POST …/labs), which check the start criteria and REMS duties first.")),
            _ => new AppendStep(new TimelineEvent
            {
                Sequence = 0,
                Type = TimelineEventType.DoseChanged,
                On = change.EffectiveOn,
                RecordedAt = default,
                RuleSetVersion = rules.Version,
                Inputs = JsonSerializer.SerializeToElement(new { change.EffectiveOn, change.DoseMg, change.Frequency, change.Schedule }, LenaJson.Options),
                Actor = change.Actor,
                Reason = change.Reason,
                Therapy = TherapyTransitions.ChangeDose(state.Therapy, change.DoseMg, change.Frequency, change.Schedule, change.EffectiveOn),
            }),
        }), cancellationToken).ConfigureAwait(false);
        return (appended, step.Refusal);
    }

    /// <summary>Records a stop (once: a repeated stop finds the course stopped and appends nothing).</summary>
    public async Task RecordStopAsync(CourseRecord course, DateOnly stoppedOn, string reason, RuleSet rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(rules);
        await _timeline.AppendAsync(course, state => Task.FromResult(state.Therapy.Phase == TherapyPhase.Stopped
            ? new AppendStep(null)
            : new AppendStep(new TimelineEvent
            {
                Sequence = 0,
                Type = TimelineEventType.Stopped,
                On = stoppedOn,
                RecordedAt = default,
                RuleSetVersion = rules.Version,
                Reason = reason,
                Therapy = TherapyTransitions.Stop(state.Therapy, stoppedOn),
            })), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The answer a recorded event gave, from its own inputs and day (a repeated completion answers as the first did).</summary>
    private async Task<ClinicalAnswer?> ReplayAsync(string courseId, int sequence, RuleSet rules, CancellationToken cancellationToken)
    {
        var recorded = (await store.ListTimelineAsync(courseId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(e => e.Sequence == sequence);
        return recorded?.Inputs is { } inputs
            ? ClinicalAnswer.For(Concern.Dosing, JsonSerializer.SerializeToUtf8Bytes(inputs), rules, recorded.On)
            : null;
    }

    private static ProblemDetails Stopped(CourseRecord course) => ProblemDetails.Of(409, ProblemTypes.Conflict, "The course is stopped.",
        $"Course {course.CourseId} was stopped; nothing more is recorded on it. Enroll a new course to treat again.");
}
