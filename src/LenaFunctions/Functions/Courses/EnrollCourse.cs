using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lena.Clinical.Contract;
using Lena.Clinical.Courses;
using Lena.Courses;
using Lena.Storage.Rules;
using LenaFunctions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Courses;

/// <summary>
/// <c>POST /api/courses</c>: enrolls a course from a patient snapshot (with <c>patientId</c> and
/// <c>therapy.startDate</c>) and stores its dated follow-ups; 201 with <c>Location</c>. With an
/// <c>Idempotency-Key</c>, a retry with the same body is 200 with the same course, another body 422.
/// </summary>
public sealed class EnrollCourse(CourseService courses, ActiveRuleSetProvider rules, TimeProvider clock)
{
    /// <summary>Enough for a UUID or any client's request id; printable ASCII only.</summary>
    public const int MaxIdempotencyKeyChars = 200;

    private static readonly JsonWriterOptions CompactWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Function(nameof(EnrollCourse))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "courses")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (key, keyProblem) = IdempotencyKey(request);
        if (keyProblem is not null)
        {
            return await HttpResponses.ProblemAsync(request, keyProblem, cancellationToken).ConfigureAwait(false);
        }

        var body = await RequestBody.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return await HttpResponses.ProblemAsync(request, body.Problem, cancellationToken).ConfigureAwait(false);
        }

        var (careTeamId, snapshotBody, teamProblem) = CareTeam(body.Body!);
        if (teamProblem is not null)
        {
            return await HttpResponses.ProblemAsync(request, teamProblem, cancellationToken).ConfigureAwait(false);
        }

        var active = await rules.GetAsync(cancellationToken).ConfigureAwait(false);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var parsed = EnrollmentParser.Parse(snapshotBody, active.RuleSet, today);
        if (!parsed.IsValid)
        {
            return await HttpResponses.ProblemAsync(request, ProblemDetails.Validation(parsed.Errors), cancellationToken).ConfigureAwait(false);
        }

        // The snapshot is stored with the course, in one Table Storage property: compact, and within its limit.
        var snapshotJson = Compact(snapshotBody);
        if (snapshotJson.Length > TextLimits.TablePropertyChars)
        {
            return await HttpResponses.ProblemAsync(request, JsonBody.Invalid("$", $"The enrollment snapshot is stored with the course and may be at most {TextLimits.TablePropertyChars} bytes of compact JSON; this one is {snapshotJson.Length}. Send only the snapshot's documented fields."), cancellationToken).ConfigureAwait(false);
        }

        // The body's hash covers the care team too: the same key with another team is another body.
        var claim = key is null ? null : new IdempotencyRecord(Sha256(Encoding.UTF8.GetBytes(key)), Sha256(careTeamId == CareTeams.Default ? snapshotJson : [.. snapshotJson, .. Encoding.UTF8.GetBytes("\n" + careTeamId)]), string.Empty);
        var outcome = await courses.EnrollAsync(parsed.Snapshot!, snapshotJson, active.RuleSet, claim, careTeamId, cancellationToken).ConfigureAwait(false);
        if (outcome.Status == EnrollmentStatus.KeyReused)
        {
            return await HttpResponses.ProblemAsync(request, ProblemDetails.Of(422, ProblemTypes.IdempotencyKeyReused, "Idempotency-Key already used.",
                "This Idempotency-Key enrolled a course from another body. Send a new key for a new enrollment, or the same body to get the course it made."), cancellationToken).ConfigureAwait(false);
        }

        var course = outcome.Course!;
        var view = new EnrolledCourseView(course.RuleSetVersion, CourseView.Of(course), outcome.FollowUps.OrderBy(f => f.FollowUpId, StringComparer.Ordinal).Select(f => FollowUpView.Of(f, today)).ToArray());
        var response = await HttpResponses.JsonAsync(request, outcome.Status == EnrollmentStatus.Created ? 201 : 200, view, cancellationToken).ConfigureAwait(false);
        response.Headers.Add("Location", $"/api/courses/{course.CourseId}");
        return response;
    }

    private static (string? Key, ProblemDetails? Problem) IdempotencyKey(HttpRequestData request)
    {
        if (!request.Headers.TryGetValues("Idempotency-Key", out var values))
        {
            return (null, null);
        }

        var all = values.ToArray();
        var key = all.Length == 1 ? all[0].Trim().Trim('"') : null;
        if (key is { Length: > 0 and <= MaxIdempotencyKeyChars } && key.All(c => c is >= '!' and <= '~'))
        {
            return (key, null);
        }

        var errors = new ValidationErrors();
        errors.Add("Idempotency-Key", $"must be one value of 1–{MaxIdempotencyKeyChars} printable ASCII characters without spaces (a UUID is ideal), the same on every retry of one enrollment.");
        return (null, ProblemDetails.Validation(errors));
    }

    /// <summary>
    /// The optional top-level <c>careTeamId</c> (API.md: beside the snapshot's fields, default <c>default</c>),
    /// and the snapshot without it — the snapshot reader refuses properties it does not know.
    /// </summary>
    private static (string CareTeamId, byte[] Snapshot, ProblemDetails? Problem) CareTeam(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return (CareTeams.Default, body, null); // The snapshot reader says what is wrong.
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("careTeamId", out var team))
            {
                return (CareTeams.Default, body, null);
            }

            var id = team.ValueKind == JsonValueKind.String ? team.GetString() : null;
            if (!CareTeams.IsValid(id))
            {
                return (CareTeams.Default, body, JsonBody.Invalid("careTeamId", "must be the care team's opaque id: 1–64 of A–Z, a–z, 0–9, _ and - (leave it out for \"default\")."));
            }

            // Every other property as sent (a property sent twice stays twice, for the snapshot reader to refuse).
            using var buffer = new MemoryStream(body.Length);
            using (var writer = new Utf8JsonWriter(buffer, CompactWriter))
            {
                writer.WriteStartObject();
                foreach (var property in root.EnumerateObject().Where(p => p.Name != "careTeamId"))
                {
                    property.WriteTo(writer);
                }

                writer.WriteEndObject();
            }

            return (id!, buffer.ToArray(), null);
        }
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] Compact(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream(json.Length);
        using (var writer = new Utf8JsonWriter(buffer, CompactWriter))
        {
            document.WriteTo(writer);
        }

        return buffer.ToArray();
    }
}
