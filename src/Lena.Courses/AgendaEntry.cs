namespace Lena.Courses;

/// <summary>
/// "Look at this follow-up on this day": a pointer the reminder sweep walks, day by day.
/// <paramref name="WrittenAt"/> is when storage last wrote it (to tell an abandoned enrollment's rows from one in progress).
/// </summary>
public sealed record AgendaEntry(DateOnly Date, string CourseId, string FollowUpId, DateOnly? DueDate, DateTimeOffset? WrittenAt = null)
{
    /// <summary>The follow-up id of the agenda entry that extends a course's plan before it runs out.</summary>
    public const string ExtendFollowUpId = "extend";
}
