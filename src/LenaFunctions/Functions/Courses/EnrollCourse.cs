using Lena.Clinical.Contract;
using Lena.Clinical.Courses;
using Lena.Storage.Courses;
using Lena.Storage.Rules;
using LenaFunctions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Courses;

/// <summary>
/// <c>POST /api/courses</c>: enrolls a course from a patient snapshot (with <c>patientId</c> and
/// <c>therapy.startDate</c>) and stores its dated follow-ups; 201 with <c>Location</c>.
/// </summary>
public sealed class EnrollCourse(CourseService courses, ActiveRuleSetProvider rules, TimeProvider clock)
{
    [Function(nameof(EnrollCourse))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "courses")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await RequestBody.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return await HttpResponses.ProblemAsync(request, body.Problem, cancellationToken).ConfigureAwait(false);
        }

        var active = await rules.GetAsync(cancellationToken).ConfigureAwait(false);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var parsed = EnrollmentParser.Parse(body.Body, active.RuleSet, today);
        if (!parsed.IsValid)
        {
            return await HttpResponses.ProblemAsync(request, ProblemDetails.Validation(parsed.Errors), cancellationToken).ConfigureAwait(false);
        }

        // The snapshot is stored with the course, in one Table Storage property: compact, and within its limit.
        var snapshotJson = Compact(body.Body!);
        if (snapshotJson.Length > TextLimits.TablePropertyChars)
        {
            return await HttpResponses.ProblemAsync(request, JsonBody.Invalid("$", $"The enrollment snapshot is stored with the course and may be at most {TextLimits.TablePropertyChars} bytes of compact JSON; this one is {snapshotJson.Length}. Send only the snapshot's documented fields."), cancellationToken).ConfigureAwait(false);
        }

        var (course, followUps) = await courses.EnrollAsync(parsed.Snapshot!, snapshotJson, active.RuleSet, cancellationToken).ConfigureAwait(false);
        var view = new EnrolledCourseView(active.RuleSet.Version, CourseView.Of(course), followUps.Select(f => FollowUpView.Of(f, today)).ToArray());
        var response = await HttpResponses.JsonAsync(request, 201, view, cancellationToken).ConfigureAwait(false);
        response.Headers.Add("Location", $"/api/courses/{course.CourseId}");
        return response;
    }

    private static byte[] Compact(byte[] json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        using var buffer = new MemoryStream(json.Length);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(writer);
        }

        return buffer.ToArray();
    }
}
