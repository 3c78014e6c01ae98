using System.Globalization;

namespace Lena.Storage.Courses;

/// <summary>
/// Keys of the <c>LenaFollowUps</c> table, culture-invariant and fixed-width:
/// <list type="bullet">
/// <item><c>course|{id}</c> / <c>course</c>: the course; <c>course|{id}</c> / <c>fu|{followUpId}</c>: its per-course index.</item>
/// <item><c>course|{id}</c> / <c>state</c>: its therapy state; <c>ev|{000001}</c>: its timeline events; <c>fuev|{followUpId}</c>: which event judged a follow-up's labs.</item>
/// <item><c>work|{careTeamId}|{yyyy-MM}</c> / <c>{yyyy-MM-dd}|{courseId}|{followUpId}</c>: a care team's worklist, by due month and date.</item>
/// <item><c>due|{yyyy-MM-dd}</c> / <c>{courseId}|{followUpId}</c>: the follow-up itself, with reminder state.</item>
/// <item><c>agenda|{yyyy-MM-dd}</c> / <c>{courseId}|{followUpId}</c>: "look at this follow-up on this day" (reminders, plan extension).</item>
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

    public const string EventPrefix = "ev|";

    public static string EventRow(int sequence) => EventPrefix + sequence.ToString("D6", CultureInfo.InvariantCulture);

    public static string FollowUpEventRow(string followUpId) => "fuev|" + followUpId;

    public static string CourseIdOf(string coursePartition) => coursePartition["course|".Length..];

    /// <summary>A team's rows of one month; the row key starts with the due date, so a range read is in due-date order.</summary>
    public static string WorklistPartition(string careTeamId, DateOnly dueDate) => "work|" + careTeamId + "|" + dueDate.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string WorklistRow(DateOnly dueDate, string courseId, string followUpId) => Date(dueDate) + "|" + courseId + "|" + followUpId;

    /// <summary>The key's hex SHA-256: the caller's text never becomes a table key.</summary>
    public static string IdempotencyPartition(string keyHash) => "idem|" + keyHash;

    public static string CoursePartition(string courseId) => "course|" + courseId;

    public static string IndexRow(string followUpId) => "fu|" + followUpId;

    public static string DuePartition(DateOnly date) => "due|" + Date(date);

    public static string AgendaPartition(DateOnly date) => "agenda|" + Date(date);

    public static string FollowUpRow(string courseId, string followUpId) => courseId + "|" + followUpId;

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
