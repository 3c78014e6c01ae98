namespace Lena.Courses.Therapy;

/// <summary>
/// The course's therapy state as stored: <see cref="Events"/> is how many timeline events it has, so the
/// next event's sequence number is <c>Events + 1</c> — two writers that read the same state collide on it.
/// </summary>
public sealed record CourseState(string CourseId, CourseTherapy Therapy, int Events)
{
    /// <summary>The storage version this state was read at (opaque); the next write is conditional on it.</summary>
    public string? ETag { get; init; }
}
