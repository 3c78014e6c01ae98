namespace Lena.Courses.Tests.Support;

/// <summary>What a sweep should send, written out from API.md's timing rather than from the code under test.</summary>
public static class Expect
{
    /// <summary>
    /// The reminder a never-reminded follow-up is owed at <paramref name="now"/>: <c>overdue:1</c> from
    /// the day after its due date, <c>upcoming</c> from 24 h before it, nothing earlier.
    /// </summary>
    public static string? FirstReminder(FollowUpRecord followUp, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        var due = new DateTimeOffset(followUp.DueDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var id = followUp.CourseId + ":" + followUp.FollowUpId;
        return now >= due.AddDays(1) ? id + ":overdue:1"
            : now >= due.AddHours(-24) ? id + ":upcoming"
            : null;
    }

    public static string[] FirstReminders(IEnumerable<FollowUpRecord> followUps, DateTimeOffset now) =>
        followUps.Select(f => FirstReminder(f, now)).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    /// <summary>A reminder id without its course id: comparable across two enrollments of the same patients.</summary>
    public static string WithoutCourse(string reminderId, IReadOnlyDictionary<string, string> patientOfCourse)
    {
        ArgumentNullException.ThrowIfNull(reminderId);
        ArgumentNullException.ThrowIfNull(patientOfCourse);
        var colon = reminderId.IndexOf(':', StringComparison.Ordinal);
        return patientOfCourse[reminderId[..colon]] + reminderId[colon..];
    }
}
