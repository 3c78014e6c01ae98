namespace Lena.Courses.Reminders;

/// <summary>
/// The reminder sweep's own note, kept in the course's partition, of the day on which to look at each follow-up it
/// still chases next (never later than that follow-up's next reminder). While it is valid the sweep reads a course by
/// point reads — the course row, this note and the follow-ups due — instead of querying the whole partition; any other
/// writer that adds a follow-up or makes one pending again invalidates it in the same transaction, and the next visit
/// reads the partition and writes it anew. <paramref name="ETag"/> is the version read (null: there is none yet).
/// </summary>
public sealed record ReminderSchedule(string CourseId, IReadOnlyDictionary<string, DateOnly> Days, string? ETag);

/// <summary>
/// What the sweep read of a course: the course (null when not committed) and its follow-ups — all of them when
/// <paramref name="Schedule"/> is null, else only those the valid schedule names for the day, the rest being in the
/// schedule. <paramref name="ScheduleETag"/> is the schedule row's version as read (null: none), the condition for
/// writing the next one.
/// </summary>
public sealed record SweepRead(CourseRecord? Course, IReadOnlyList<FollowUpRecord> FollowUps, ReminderSchedule? Schedule, string? ScheduleETag);
