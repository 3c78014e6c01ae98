using Lena.Clinical.Contract;
using Lena.Courses;
using Lena.Storage.Rules;
using LenaFunctions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Courses;

/// <summary>
/// <c>POST /api/courses/{courseId}/stop</c>: cancels future follow-ups and adds the REMS duties that
/// outlast treatment (contraception, condoms, no blood donation for 4 weeks) as dated follow-ups.
/// </summary>
public sealed class StopCourse(ICourseStore store, CourseService courses, ActiveRuleSetProvider rules, TimeProvider clock)
{
    [Function(nameof(StopCourse))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "courses/{courseId}/stop")] HttpRequestData request,
        string courseId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (body, problem) = await JsonBody.ReadAsync<StopCourseRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return await HttpResponses.ProblemAsync(request, problem, cancellationToken).ConfigureAwait(false);
        }

        var errors = new ValidationErrors();
        TextLimits.Require(errors, "reason", body!.Reason, TextLimits.ReasonChars, "why the course stopped (progression, toxicity, patient choice, …).");
        if (!errors.IsEmpty)
        {
            return await HttpResponses.ProblemAsync(request, ProblemDetails.Validation(errors), cancellationToken).ConfigureAwait(false);
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (body.StoppedOn > today)
        {
            return await HttpResponses.ProblemAsync(request, JsonBody.Invalid("stoppedOn", $"is after today ({today:yyyy-MM-dd}); send the day of the last dose."), cancellationToken).ConfigureAwait(false);
        }

        var course = await store.FindCourseAsync(courseId, cancellationToken).ConfigureAwait(false);
        if (course is null)
        {
            return await HttpResponses.ProblemAsync(request, CourseProblems.UnknownCourse(courseId), cancellationToken).ConfigureAwait(false);
        }

        if (course.Status == CourseStatus.Stopped && course.StoppedOn != body.StoppedOn)
        {
            return await HttpResponses.ProblemAsync(request, ProblemDetails.Of(409, ProblemTypes.Conflict, "Course already stopped.", $"The course stopped on {course.StoppedOn:yyyy-MM-dd}."), cancellationToken).ConfigureAwait(false);
        }

        if (body.StoppedOn < course.StartDate)
        {
            return await HttpResponses.ProblemAsync(request, JsonBody.Invalid("stoppedOn", $"is before the course's start date {course.StartDate:yyyy-MM-dd}."), cancellationToken).ConfigureAwait(false);
        }

        var active = await rules.GetAsync(cancellationToken).ConfigureAwait(false);
        var stopped = await courses.StopAsync(course, body.StoppedOn, body.Reason, active.RuleSet, cancellationToken).ConfigureAwait(false);
        return stopped is null
            ? await HttpResponses.ProblemAsync(request, ProblemDetails.Of(409, ProblemTypes.Conflict, "Course changed meanwhile.", "The course was changed by another request; read it again and retry."), cancellationToken).ConfigureAwait(false)
            : await HttpResponses.JsonAsync(request, 200, CourseView.Of(stopped), cancellationToken).ConfigureAwait(false);
    }
}
