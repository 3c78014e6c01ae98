namespace Lena.Courses.Therapy;

/// <summary>Where a course's therapy stands; each later evaluation starts from it.</summary>
public enum TherapyPhase
{
    /// <summary>No dose yet (the start was deferred): the next labs are judged as a start.</summary>
    NotStarted,

    /// <summary>Dosing at <see cref="CourseTherapy.DoseMg"/>.</summary>
    OnTreatment,

    /// <summary>On hold for <see cref="CourseTherapy.InterruptedFor"/>; <see cref="CourseTherapy.DoseMg"/> is the dose at interruption.</summary>
    Interrupted,

    /// <summary>The last decision was notRecommended (a contraindication, a maximum course length): no dose anywhere until labs say otherwise.</summary>
    NotRecommended,

    /// <summary>The course was stopped.</summary>
    Stopped,
}
