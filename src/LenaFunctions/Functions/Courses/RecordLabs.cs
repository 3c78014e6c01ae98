using System.Text.Json;
using Lena.Clinical.Contract;
using Lena.Courses;
using Lena.Courses.Therapy;
using Lena.Storage.Rules;
using LenaFunctions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Courses;

/// <summary>
/// <c>POST /api/courses/{courseId}/labs</c>: judges new results against the course's therapy state (dose,
/// schedule, interruption, earlier neutropenia holds, cycles) today, records the decision on its timeline
/// and answers with the event and the dosing answer. A portal sends only what is new.
/// </summary>
public sealed class RecordLabs(ICourseStore store, TherapyRecorder therapy, CourseService courses, ActiveRuleSetProvider rules, TimeProvider clock)
{
    [Function(nameof(RecordLabs))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "courses/{courseId}/labs")] HttpRequestData request,
        string courseId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await RequestBody.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return await HttpResponses.ProblemAsync(request, body.Problem, cancellationToken).ConfigureAwait(false);
        }

        var (input, problem) = LabsBody.Split(body.Body!);
        if (problem is not null)
        {
            return await HttpResponses.ProblemAsync(request, problem, cancellationToken).ConfigureAwait(false);
        }

        var course = await store.FindCourseAsync(courseId, cancellationToken).ConfigureAwait(false);
        if (course is null)
        {
            return await HttpResponses.ProblemAsync(request, CourseProblems.UnknownCourse(courseId), cancellationToken).ConfigureAwait(false);
        }

        var active = await rules.GetAsync(cancellationToken).ConfigureAwait(false);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var outcome = await therapy.RecordLabsAsync(course, input!, today, null, active.RuleSet, cancellationToken).ConfigureAwait(false);
        if (outcome.Refusal is not null)
        {
            return await HttpResponses.ProblemAsync(request, outcome.Refusal, cancellationToken).ConfigureAwait(false);
        }

        if (outcome.Event is not { } recorded || outcome.Answer is not { IsSuccess: true } answer)
        {
            // The results did not make a valid snapshot with the course's: name the fields as this body sends them.
            return outcome.Answer?.Errors is { } errors
                ? await HttpResponses.ProblemAsync(request, ProblemDetails.Validation(LabsBody.ToBodyPaths(errors)), cancellationToken).ConfigureAwait(false)
                : await HttpResponses.AnswerAsync(request, outcome.Answer!, cancellationToken).ConfigureAwait(false);
        }

        // A resume moves the cycle calendar: the CBCs still ahead move with it.
        await courses.FollowRealCyclesAsync(course, recorded, cancellationToken).ConfigureAwait(false);
        var view = new LabsRecordedView(active.RuleSet.Version, TimelineEventView.Of(recorded), JsonSerializer.Deserialize<JsonElement>(answer.Body));
        return await HttpResponses.JsonAsync(request, 200, view, cancellationToken).ConfigureAwait(false);
    }
}
