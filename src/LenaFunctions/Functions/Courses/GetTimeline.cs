using Lena.Courses;
using Lena.Courses.Therapy;
using LenaFunctions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Courses;

/// <summary><c>GET /api/courses/{courseId}/timeline</c>: the course's therapy state today and its events with decision, rule-set version and inputs.</summary>
public sealed class GetTimeline(ICourseStore store, TimeProvider clock)
{
    [Function(nameof(GetTimeline))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "courses/{courseId}/timeline")] HttpRequestData request,
        string courseId,
        CancellationToken cancellationToken)
    {
        var course = await store.FindCourseAsync(courseId, cancellationToken).ConfigureAwait(false);
        if (course is null)
        {
            return await HttpResponses.ProblemAsync(request, CourseProblems.UnknownCourse(courseId), cancellationToken).ConfigureAwait(false);
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var events = await store.ListTimelineAsync(courseId, cancellationToken).ConfigureAwait(false);
        var therapy = events.Count > 0
            ? events[^1].Therapy
            : new CourseTherapy { Phase = course.CurrentDoseMg is null ? TherapyPhase.NotStarted : TherapyPhase.OnTreatment, DoseMg = course.CurrentDoseMg, StartDate = course.StartDate };
        var view = new TimelineView(courseId, TherapyView.Of(therapy, today), events.OrderBy(e => e.Sequence).Select(TimelineEventView.Of).ToArray());
        return await HttpResponses.JsonAsync(request, 200, view, cancellationToken).ConfigureAwait(false);
    }
}
