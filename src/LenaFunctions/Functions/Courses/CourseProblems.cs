using Lena.Clinical.Contract;

namespace LenaFunctions.Functions.Courses;

internal static class CourseProblems
{
    public static ProblemDetails UnknownCourse(string? courseId) =>
        ProblemDetails.Of(404, ProblemTypes.NotFound, "Unknown course.", $"No course {courseId} exists; course ids are the 32-character ids POST /api/courses returned.");

    public static ProblemDetails UnknownFollowUp(string? followUpId) =>
        ProblemDetails.Of(404, ProblemTypes.NotFound, "Unknown follow-up.", $"This course has no follow-up {followUpId}; GET its follow-ups for the ids.");
}
