using System.Text.Json;
using Lena.Courses;
using Lena.Storage.Rules;
using LenaFunctions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Courses;

/// <summary>
/// <c>POST /api/courses/{courseId}/follow-ups/{followUpId}/complete</c>: records a follow-up as
/// done; with labs, returns the hold check on them, and a hold queues an <c>alert</c> reminder at once.
/// </summary>
public sealed class CompleteFollowUp(ICourseStore store, CourseService courses, ActiveRuleSetProvider rules, TimeProvider clock)
{
    [Function(nameof(CompleteFollowUp))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "courses/{courseId}/follow-ups/{followUpId}/complete")] HttpRequestData request,
        string courseId,
        string followUpId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (body, problem) = await JsonBody.ReadAsync<CompleteFollowUpRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return await HttpResponses.ProblemAsync(request, problem, cancellationToken).ConfigureAwait(false);
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (body!.CompletedOn > today)
        {
            return await HttpResponses.ProblemAsync(request, JsonBody.Invalid("completedOn", $"is {body.CompletedOn:yyyy-MM-dd}, after today ({today:yyyy-MM-dd}); send the day the follow-up was done."), cancellationToken).ConfigureAwait(false);
        }

        var course = await store.FindCourseAsync(courseId, cancellationToken).ConfigureAwait(false);
        if (course is null)
        {
            return await HttpResponses.ProblemAsync(request, CourseProblems.UnknownCourse(courseId), cancellationToken).ConfigureAwait(false);
        }

        if (body.CompletedOn < course.StartDate.AddYears(-1))
        {
            return await HttpResponses.ProblemAsync(request, JsonBody.Invalid("completedOn", $"is {body.CompletedOn:yyyy-MM-dd}, more than a year before the course started ({course.StartDate:yyyy-MM-dd}); send the day the follow-up was done."), cancellationToken).ConfigureAwait(false);
        }

        var followUp = CourseIds.DueDateOf(followUpId) is { } due
            ? await store.GetFollowUpAsync(courseId, followUpId, due, cancellationToken).ConfigureAwait(false)
            : null;
        if (followUp is null || followUp.State == FollowUpState.Cancelled)
        {
            return await HttpResponses.ProblemAsync(request, CourseProblems.UnknownFollowUp(followUpId), cancellationToken).ConfigureAwait(false);
        }

        var active = await rules.GetAsync(cancellationToken).ConfigureAwait(false);
        var outcome = await courses.CompleteAsync(course, followUp, body.CompletedOn, new CompletionInputs(body.Labs, body.Therapy, body.Renal), active.RuleSet, cancellationToken).ConfigureAwait(false);
        if (outcome.Refusal is not null)
        {
            return await HttpResponses.ProblemAsync(request, outcome.Refusal, cancellationToken).ConfigureAwait(false);
        }

        if (outcome.FollowUp is null)
        {
            // The labs did not make a valid snapshot with the course's data: say which field, as any clinical endpoint does.
            return await HttpResponses.AnswerAsync(request, outcome.HoldCheck!, cancellationToken).ConfigureAwait(false);
        }

        JsonElement? holdCheck = outcome.HoldCheck is { } answer ? JsonSerializer.Deserialize<JsonElement>(answer.Body) : null;
        var view = new CompletionView(active.RuleSet.Version, FollowUpView.Of(outcome.FollowUp, today), holdCheck, outcome.AlertQueued);
        return await HttpResponses.JsonAsync(request, 200, view, cancellationToken).ConfigureAwait(false);
    }
}
