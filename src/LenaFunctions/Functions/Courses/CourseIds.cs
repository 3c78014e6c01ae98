using System.Globalization;
using System.Text.RegularExpressions;
using Lena.Courses;

namespace LenaFunctions.Functions.Courses;

/// <summary>Shapes of course and follow-up ids; anything else is a 404 before storage is asked.</summary>
public static partial class CourseIds
{
    public static bool IsCourseId(string? value) => value is not null && CoursePattern().IsMatch(value);

    /// <summary>The course, or null for an unknown or malformed id (a malformed one never reaches storage).</summary>
    public static Task<CourseRecord?> FindCourseAsync(this ICourseStore store, string? courseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return IsCourseId(courseId) ? store.GetCourseAsync(courseId!, cancellationToken) : Task.FromResult<CourseRecord?>(null);
    }

    /// <summary>The due date a follow-up id carries (yyyyMMdd-test), or null for a malformed id.</summary>
    public static DateOnly? DueDateOf(string? followUpId) =>
        followUpId is not null && FollowUpPattern().IsMatch(followUpId)
        && DateOnly.TryParseExact(followUpId[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex CoursePattern();

    [GeneratedRegex("^[0-9]{8}-[A-Za-z][A-Za-z0-9]{0,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex FollowUpPattern();
}
