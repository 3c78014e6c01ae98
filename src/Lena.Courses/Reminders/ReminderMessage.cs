namespace Lena.Courses.Reminders;

public enum ReminderKind
{
    Upcoming,
    Overdue,
    Alert,
}

/// <summary>
/// One message on the <c>lena-reminders</c> queue (API.md). <see cref="ReminderId"/> is deterministic: a consumer drops repeats by it.
/// <see cref="CareTeamId"/> names whose webhook DeliverReminders posts it to: the course's team.
/// </summary>
public sealed record ReminderMessage(
    string ReminderId,
    string CourseId,
    string PatientId,
    string FollowUpId,
    string Test,
    DateOnly DueDate,
    ReminderKind Kind,
    string Message,
    string CareTeamId = CareTeams.Default);
