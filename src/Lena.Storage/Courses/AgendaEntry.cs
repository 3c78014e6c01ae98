namespace Lena.Storage.Courses;

/// <summary>"Look at this follow-up on this day": a pointer the reminder sweep walks, day by day.</summary>
public sealed record AgendaEntry(DateOnly Date, string CourseId, string FollowUpId, DateOnly? DueDate);
