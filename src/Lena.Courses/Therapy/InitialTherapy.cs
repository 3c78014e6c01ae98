using Lena.Clinical.Contract.Responses;
using Lena.Clinical.Snapshot;
using Lena.Courses.Cycles;

namespace Lena.Courses.Therapy;

/// <summary>A course's therapy state at enrollment: the snapshot's therapy, moved by the enrollment's dosing answer when there is one.</summary>
public static class InitialTherapy
{
    public static CourseTherapy From(PatientSnapshot snapshot, DosingResponse? answer, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var therapy = snapshot.Therapy;
        var start = therapy.StartDate ?? throw new InvalidOperationException("A course needs therapy.startDate; validation lets no snapshot without it through.");
        var interrupted = therapy.Status == TherapyStatus.Interrupted;
        IReadOnlyList<Interruption> interruptions = interrupted ? [new Interruption(today, null, therapy.InterruptedFor ?? InterruptionCause.OtherToxicity)] : [];
        var calendar = CycleCalendar.CyclesCompleted(start, interruptions, today);
        var stated = new CourseTherapy
        {
            Phase = therapy.Status switch
            {
                TherapyStatus.OnTreatment => TherapyPhase.OnTreatment,
                TherapyStatus.Interrupted => TherapyPhase.Interrupted,
                _ => TherapyPhase.NotStarted,
            },
            DoseMg = therapy.Status == TherapyStatus.Starting ? null : therapy.CurrentDoseMg,
            Schedule = therapy.CurrentSchedule,
            InterruptedFor = interrupted ? therapy.InterruptedFor : null,
            PreviousNeutropeniaInterruptions = therapy.PreviousNeutropeniaInterruptions,
            StartDate = start,
            Interruptions = interruptions,
            CyclesBeforeCourse = Math.Max(0, (therapy.CyclesCompleted ?? 0) - calendar),
            MaintenanceCyclesBeforeCourse = Math.Max(0, therapy.MaintenanceCyclesCompleted - calendar),
            LastLabsOn = snapshot.Labs?.TakenOn,
        };

        // The enrollment's own start date stands for cycle 1 (the answer is made today, whatever the start).
        return answer is null ? stated : TherapyTransitions.Apply(stated, answer.Dose, answer.Findings, today).After with { StartDate = start };
    }
}
