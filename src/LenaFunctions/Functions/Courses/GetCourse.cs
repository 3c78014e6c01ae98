using Lena.Courses;
using LenaFunctions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Courses;

/// <summary><c>GET /api/courses/{courseId}</c>: the course.</summary>
public sealed class GetCourse(ICourseStore store)
{
    [Function(nameof(GetCourse))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "courses/{courseId}")] HttpRequestData request,
        string courseId,
        CancellationToken cancellationToken)
    {
        var course = await store.FindCourseAsync(courseId, cancellationToken).ConfigureAwait(false);
        return course is null
            ? await HttpResponses.ProblemAsync(request, CourseProblems.UnknownCourse(courseId), cancellationToken).ConfigureAwait(false)
            : await HttpResponses.JsonAsync(request, 200, CourseView.Of(course), cancellationToken).ConfigureAwait(false);
    }
}
