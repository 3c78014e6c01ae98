using Lena.Clinical.Dosing;
using Lena.Clinical.Findings;
using Lena.Clinical.Snapshot;
using Lena.Courses.Timeline;

namespace Lena.Courses.Therapy;

/// <summary>
/// How a decision of the clinical core, or a clinician's dose change, moves the therapy state. No
/// clinical rule lives here: the dose, the hold and the resume dose are the dosing answer's; this only
/// records them (and, for the cycle calendar, when dosing stopped and started again).
/// </summary>
public static class TherapyTransitions
{
    /// <summary>The state after a dosing decision made on <paramref name="on"/>, and the kind of event it is.</summary>
    public static (TimelineEventType Type, CourseTherapy After) Apply(CourseTherapy before, DoseRecommendation dose, IReadOnlyList<Finding> findings, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(dose);
        ArgumentNullException.ThrowIfNull(findings);
        return dose.Action switch
        {
            DoseAction.Start or DoseAction.Continue => (TimelineEventType.LabsEvaluated, Dosing(before, dose, on)),
            DoseAction.Resume => (TimelineEventType.Resumed, Dosing(before, dose, on)),
            DoseAction.Interrupt when before.Phase == TherapyPhase.Interrupted => (TimelineEventType.LabsEvaluated, before),
            DoseAction.Interrupt => (TimelineEventType.Interrupted, Interrupt(before, findings, on)),
            DoseAction.NotRecommended => (TimelineEventType.LabsEvaluated, NotDosing(before, on) with { Phase = TherapyPhase.NotRecommended, DoseMg = null }),

            // A deferred start stays a start; on treatment, outdated counts defer the next dose without a new state.
            _ => (TimelineEventType.LabsEvaluated, before.Phase == TherapyPhase.NotRecommended ? before with { Phase = TherapyPhase.NotStarted } : before),
        };
    }

    /// <summary>A clinician's dose from <paramref name="on"/>: dosing at it (an interruption ends).</summary>
    public static CourseTherapy ChangeDose(CourseTherapy before, double doseMg, DoseFrequency? frequency, DoseSchedule? schedule, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(before);
        return Dosing(before, new DoseRecommendation { Action = DoseAction.Continue, DoseMg = doseMg, Frequency = frequency ?? before.Frequency, Schedule = schedule ?? before.Schedule, Administration = before.Administration }, on);
    }

    public static CourseTherapy Stop(CourseTherapy before, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(before);
        return NotDosing(before, on) with { Phase = TherapyPhase.Stopped };
    }

    /// <summary>
    /// The cause an interrupt is recorded with: the counts whose hold rule fired; any other reason is
    /// otherToxicity. When both fired, neutropenia was not the only toxicity, so the label's same-dose
    /// resume for a first neutropenia hold does not apply: the hold is recorded as thrombocytopenia (next
    /// lower dose on resume) and still counts as a neutropenia hold (<see cref="CourseTherapy.NeutropeniaAlso"/>).
    /// While interrupted the core re-checks every hold rule on each CBC, whatever the recorded cause.
    /// </summary>
    public static InterruptionCause CauseOf(IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return findings.Any(f => f.Code == DosingEvaluator.PlateletHoldCode) ? InterruptionCause.Thrombocytopenia
            : findings.Any(f => f.Code == DosingEvaluator.AncHoldCode) ? InterruptionCause.Neutropenia
            : InterruptionCause.OtherToxicity;
    }

    private static CourseTherapy Dosing(CourseTherapy before, DoseRecommendation dose, DateOnly on)
    {
        var open = before.OpenInterruption;
        var interruptions = open is null
            ? before.Interruptions
            : [.. before.Interruptions.Take(before.Interruptions.Count - 1), open with { Until = Max(on, open.From) }];
        return before with
        {
            Phase = TherapyPhase.OnTreatment,
            DoseMg = dose.DoseMg,
            Frequency = dose.Frequency ?? before.Frequency,
            Schedule = dose.Schedule ?? before.Schedule,
            Administration = dose.Administration,
            InterruptedFor = null,
            NeutropeniaAlso = false,
            PreviousNeutropeniaInterruptions = before.PreviousNeutropeniaInterruptions
                + (before.Phase == TherapyPhase.Interrupted && (before.InterruptedFor == InterruptionCause.Neutropenia || before.NeutropeniaAlso) ? 1 : 0),

            // Day 1 of cycle 1 is the first dose: a deferred start begins its cycles when it starts.
            StartDate = before.Phase == TherapyPhase.NotStarted && before.DoseMg is null && on > before.StartDate ? on : before.StartDate,
            Interruptions = interruptions,
        };
    }

    private static CourseTherapy Interrupt(CourseTherapy before, IReadOnlyList<Finding> findings, DateOnly on)
    {
        var cause = CauseOf(findings);
        return NotDosing(before, on, cause) with
        {
            Phase = TherapyPhase.Interrupted,
            InterruptedFor = cause,
            NeutropeniaAlso = cause == InterruptionCause.Thrombocytopenia && findings.Any(f => f.Code == DosingEvaluator.AncHoldCode),
        };
    }

    /// <summary>Dosing stops on <paramref name="on"/>: the cycle calendar stops counting (an interruption opens unless one is open).</summary>
    private static CourseTherapy NotDosing(CourseTherapy before, DateOnly on, InterruptionCause cause = InterruptionCause.OtherToxicity) =>
        before.Phase != TherapyPhase.OnTreatment || before.OpenInterruption is not null
            ? before
            : before with { Interruptions = [.. before.Interruptions, new Interruption(on, null, cause)] };

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
