namespace Lena.Courses.Timeline;

public enum TimelineEventType
{
    Enrolled,

    /// <summary>Labs judged with no change of phase (continue, start, defer, notRecommended).</summary>
    LabsEvaluated,
    Interrupted,
    Resumed,
    DoseChanged,
    Stopped,
}
