using Lena.Clinical.Contract;
using Lena.Courses;
using Lena.Courses.Therapy;
using Lena.Storage.Rules;
using LenaFunctions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Courses;

/// <summary>
/// <c>POST /api/courses/{courseId}/dose-changes</c>: records a clinician's dose change (with actor and
/// reason) on the course's timeline; later results are judged at the new dose. A course with no dose to
/// change (not started, stopped, or last judged notRecommended) is a 409.
/// </summary>
public sealed class ChangeDose(ICourseStore store, TherapyRecorder therapy, CourseService courses, ActiveRuleSetProvider rules, TimeProvider clock)
{
    /// <summary>Lenalidomide capsules come in 2.5, 5, 10, 15, 20 and 25 mg; no label dose is above 25 mg.</summary>
    public const double MaxDoseMg = 25;

    public const int MaxTextChars = 500;

    [Function(nameof(ChangeDose))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "courses/{courseId}/dose-changes")] HttpRequestData request,
        string courseId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (body, problem) = await JsonBody.ReadAsync<ChangeDoseRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return await HttpResponses.ProblemAsync(request, problem, cancellationToken).ConfigureAwait(false);
        }

        var course = await store.FindCourseAsync(courseId, cancellationToken).ConfigureAwait(false);
        if (course is null)
        {
            return await HttpResponses.ProblemAsync(request, CourseProblems.UnknownCourse(courseId), cancellationToken).ConfigureAwait(false);
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var errors = Validate(body!, course, today);
        if (!errors.IsEmpty)
        {
            return await HttpResponses.ProblemAsync(request, ProblemDetails.Validation(errors), cancellationToken).ConfigureAwait(false);
        }

        var active = await rules.GetAsync(cancellationToken).ConfigureAwait(false);
        var change = new DoseChange(body!.EffectiveOn, body.DoseMg, body.Frequency, body.Schedule, body.Reason.Trim(), body.Actor.Trim());
        var (recorded, refusal) = await therapy.ChangeDoseAsync(course, change, active.RuleSet, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return await HttpResponses.ProblemAsync(request, refusal, cancellationToken).ConfigureAwait(false);
        }

        // A change that ends an interruption moves the cycle calendar: the CBCs still ahead move with it.
        await courses.FollowRealCyclesAsync(course, recorded!, cancellationToken).ConfigureAwait(false);
        return await HttpResponses.JsonAsync(request, 200, new DoseChangedView(active.RuleSet.Version, TimelineEventView.Of(recorded!)), cancellationToken).ConfigureAwait(false);
    }

    private static ValidationErrors Validate(ChangeDoseRequest body, CourseRecord course, DateOnly today)
    {
        var errors = new ValidationErrors();
        if (body.EffectiveOn > today)
        {
            errors.Add("effectiveOn", $"is {body.EffectiveOn:yyyy-MM-dd}, after today ({today:yyyy-MM-dd}); record a change when it takes effect.");
        }
        else if (body.EffectiveOn < course.StartDate)
        {
            errors.Add("effectiveOn", $"is {body.EffectiveOn:yyyy-MM-dd}, before the course started ({course.StartDate:yyyy-MM-dd}).");
        }

        if (body.DoseMg is not (> 0 and <= MaxDoseMg) || body.DoseMg * 2 % 5 != 0)
        {
            errors.Add("doseMg", $"must be a dose in mg above 0 and at most {MaxDoseMg} made of 2.5 mg steps (capsules: 2.5, 5, 10, 15, 20, 25 mg); to hold the drug, record results with POST …/labs or stop the course.");
        }

        Text(errors, "reason", body.Reason, "why the dose changed (e.g. \"grade 2 fatigue\")");
        Text(errors, "actor", body.Actor, "who ordered it: a staff id or role, never a patient identifier");
        return errors;
    }

    private static void Text(ValidationErrors errors, string path, string value, string what)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxTextChars || value.Any(char.IsControl))
        {
            errors.Add(path, $"is required: {what}; 1–{MaxTextChars} characters without control characters.");
        }
    }
}
