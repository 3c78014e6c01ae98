using Lena.Clinical.Contract;
using Lena.Courses;
using LenaFunctions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Courses;

/// <summary><c>GET /api/courses/{courseId}/follow-ups?status=pending|due|overdue|completed|all</c>, by due date.</summary>
public sealed class ListFollowUps(ICourseStore store, TimeProvider clock)
{
    private static readonly string[] Statuses = ["pending", "due", "overdue", "completed", "cancelled", "all"];

    [Function(nameof(ListFollowUps))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "courses/{courseId}/follow-ups")] HttpRequestData request,
        string courseId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var status = System.Web.HttpUtility.ParseQueryString(request.Url.Query)["status"] ?? "all";
        if (!Statuses.Contains(status, StringComparer.Ordinal))
        {
            var errors = new ValidationErrors();
            errors.Add("status", $"\"{status}\" is not one of: {string.Join(", ", Statuses)}.");
            return await HttpResponses.ProblemAsync(request, ProblemDetails.Validation(errors), cancellationToken).ConfigureAwait(false);
        }

        var course = await store.FindCourseAsync(courseId, cancellationToken).ConfigureAwait(false);
        if (course is null)
        {
            return await HttpResponses.ProblemAsync(request, CourseProblems.UnknownCourse(courseId), cancellationToken).ConfigureAwait(false);
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var followUps = (await store.ListFollowUpsAsync(courseId, cancellationToken).ConfigureAwait(false))
            .Select(f => FollowUpView.Of(f, today))
            .Where(f => status == "all" || f.Status == status)
            .OrderBy(f => f.DueDate)
            .ThenBy(f => f.Test, StringComparer.Ordinal)
            .ToArray();
        return await HttpResponses.JsonAsync(request, 200, new FollowUpListView(course.RuleSetVersion, courseId, status, followUps), cancellationToken).ConfigureAwait(false);
    }
}
