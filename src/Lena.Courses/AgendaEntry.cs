namespace Lena.Courses;

/// <summary>
/// "Look at this course on this day": the one pointer per course the reminder sweep walks, day by day, to its
/// next reminder or plan extension. <paramref name="WrittenAt"/> is when storage last wrote it (to tell an
/// abandoned enrollment from one in progress); <paramref name="ETag"/> the version read, so that removing a
/// pointer another writer has just renewed leaves it in place.
/// </summary>
public sealed record AgendaEntry(DateOnly Date, string CourseId, DateTimeOffset? WrittenAt = null, string? ETag = null);
