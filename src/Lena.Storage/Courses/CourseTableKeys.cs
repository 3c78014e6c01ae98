using System.Globalization;

namespace Lena.Storage.Courses;

/// <summary>
/// Keys of the <c>LenaFollowUps</c> table, culture-invariant and fixed-width (the layout and its claim/commit
/// protocol: README "Table layout and what each call costs"):
/// <list type="bullet">
/// <item><c>course|{id}</c>: everything of one course, so an enrollment and a sweep's claim or confirmation are one
/// entity-group transaction each — <c>course</c> (the course, commit marker of the enrollment), <c>state</c> (therapy
/// state), <c>ev|{000001}</c> (timeline events), <c>fuev|{followUpId}</c> (which event judged a follow-up's labs),
/// <c>fu|{followUpId}</c> (the follow-up itself, with its reminder state and claim), <c>sched</c> (the reminder sweep's
/// schedule of which follow-up to look at on which day, so that it reads a course by point reads).</item>
/// <item><c>agenda|{yyyy-MM-dd}</c> / <c>{courseId}</c>: "look at this course on this day" — one pointer per course, to its
/// next reminder or plan extension, moved forward by the sweep.</item>
/// <item><c>work|{careTeamId}</c> / <c>{yyyy-MM-dd}|{courseId}</c>: a care team's worklist, one row per course and due
/// date holding that day's follow-ups, so that row-key order is the worklist's order.</item>
/// <item><c>sweep</c> / <c>watermark</c>: agenda days before this date are fully processed.</item>
/// <item><c>idem|{sha256(key)}</c> / <c>enroll</c>: the course an <c>Idempotency-Key</c> enrolled, and its body's hash.</item>
/// </list>
/// </summary>
internal static class CourseTableKeys
{
    public const string CourseRow = "course";
    public const string SweepPartition = "sweep";
    public const string WatermarkRow = "watermark";

    public const string EnrollmentRow = "enroll";

    public const string StateRow = "state";

    /// <summary>The reminder sweep's schedule of the course's follow-ups (<c>ReminderSchedule</c>).</summary>
    public const string ScheduleRow = "sched";

    public const string EventPrefix = "ev|";

    public const string FollowUpPrefix = "fu|";

    /// <summary>The first key after every <c>fu|…</c> row ('}' follows '|').</summary>
    public const string FollowUpEnd = "fu}";

    public static string EventRow(int sequence) => EventPrefix + sequence.ToString("D6", CultureInfo.InvariantCulture);

    public static string FollowUpEventRow(string followUpId) => "fuev|" + followUpId;

    public static string CourseIdOf(string coursePartition) => coursePartition["course|".Length..];

    /// <summary>One partition per care team: an enrollment's worklist rows are one transaction.</summary>
    public static string WorklistPartition(string careTeamId) => "work|" + careTeamId;

    /// <summary>The due date first, then the course: a date range is a row-key range, read in the worklist's order.</summary>
    public static string WorklistRow(DateOnly dueDate, string courseId) => Date(dueDate) + "|" + courseId;

    /// <summary>The key's hex SHA-256: the caller's text never becomes a table key.</summary>
    public static string IdempotencyPartition(string keyHash) => "idem|" + keyHash;

    public static string CoursePartition(string courseId) => "course|" + courseId;

    public static string FollowUpRow(string followUpId) => FollowUpPrefix + followUpId;

    public static string AgendaPartition(DateOnly date) => "agenda|" + Date(date);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
