namespace Lena.Courses.Timeline;

/// <summary>Other writers kept changing the course faster than this one could append (the caller retries later: 503).</summary>
public sealed class CourseBusyException(string courseId)
    : Exception($"Course {courseId} kept changing while an event was being appended; try again.")
{
    public string CourseId { get; } = courseId;
}
