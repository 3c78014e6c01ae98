using System.Text.Json;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;
using Lena.Courses.Cycles;
using Lena.Courses.Therapy;
using Lena.Courses.Timeline;

namespace LenaFunctions.Functions.Courses;

/// <summary>An interruption of dosing: from, until (null while it lasts), cause.</summary>
public sealed record InterruptionView(DateOnly From, DateOnly? Until, InterruptionCause Cause);

/// <summary>
/// A course's therapy state on a day: dose and schedule, interruption and cause, earlier neutropenia
/// holds, and its cycle calendar (cycles completed, the current cycle and when the next one begins,
/// shifted by interruptions).
/// </summary>
public sealed record TherapyView(
    TherapyPhase Phase,
    double? DoseMg,
    DoseFrequency? Frequency,
    DoseSchedule? Schedule,
    DoseAdministration? Administration,
    InterruptionCause? InterruptedFor,
    DateOnly? InterruptedSince,
    int PreviousNeutropeniaInterruptions,
    DateOnly CycleOneStartedOn,
    int CyclesCompleted,
    int? CurrentCycle,
    DateOnly? CurrentCycleStartedOn,
    DateOnly? NextCycleStartsOn,
    IReadOnlyList<InterruptionView> Interruptions,
    DateOnly? LastLabsOn)
{
    public static TherapyView Of(CourseTherapy therapy, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(therapy);
        var cycling = therapy.Phase is TherapyPhase.OnTreatment or TherapyPhase.Interrupted && asOf >= therapy.StartDate;
        var starts = cycling
            ? CycleCalendar.CycleStarts(therapy.StartDate, therapy.Interruptions, asOf.AddDays(2 * CycleCalendar.CycleDays), asOf)
            : [];
        var begun = starts.Where(d => d <= asOf).ToArray();
        return new TherapyView(
            therapy.Phase,
            therapy.DoseMg,
            therapy.Frequency,
            therapy.Schedule,
            therapy.Administration,
            therapy.InterruptedFor,
            therapy.OpenInterruption?.From,
            therapy.PreviousNeutropeniaInterruptions,
            therapy.StartDate,
            CourseEvaluation.CyclesCompleted(therapy, asOf),
            begun.Length > 0 ? therapy.CyclesBeforeCourse + begun.Length : null,
            begun.Length > 0 ? begun[^1] : null,
            therapy.Phase == TherapyPhase.OnTreatment ? starts.FirstOrDefault(d => d > asOf) is var next && next != default ? next : null : null,
            therapy.Interruptions.Select(i => new InterruptionView(i.From, i.Until, i.Cause)).ToArray(),
            therapy.LastLabsOn);
    }
}

/// <summary>One timeline event: the decision, the rule-set version and the inputs it used, the therapy state after it.</summary>
public sealed record TimelineEventView(
    int Sequence,
    TimelineEventType Type,
    DateOnly On,
    DateTimeOffset RecordedAt,
    string RuleSetVersion,
    string? FollowUpId,
    string? Actor,
    string? Reason,
    JsonElement? Decision,
    JsonElement? Inputs,
    TherapyView Therapy)
{
    public static TimelineEventView Of(TimelineEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Sequence, e.Type, e.On, e.RecordedAt, e.RuleSetVersion, e.FollowUpId, e.Actor, e.Reason, e.Decision, e.Inputs, TherapyView.Of(e.Therapy, e.On));
    }
}

/// <summary><c>GET …/timeline</c>: the therapy state today and every event, oldest first.</summary>
public sealed record TimelineView(string CourseId, TherapyView Therapy, IReadOnlyList<TimelineEventView> Events);

/// <summary><c>POST …/labs</c>: the event recorded and the dosing answer it rests on (as <c>POST /api/dosing</c> gives it).</summary>
public sealed record LabsRecordedView(string RuleSetVersion, TimelineEventView Event, JsonElement Dosing);

/// <summary><c>POST …/dose-changes</c>: the event recorded.</summary>
public sealed record DoseChangedView(string RuleSetVersion, TimelineEventView Event);

/// <summary>Body of <c>POST …/dose-changes</c>.</summary>
public sealed record ChangeDoseRequest
{
    public required DateOnly EffectiveOn { get; init; }
    public required double DoseMg { get; init; }
    public DoseFrequency? Frequency { get; init; }
    public DoseSchedule? Schedule { get; init; }
    public required string Reason { get; init; }
    public required string Actor { get; init; }
}
