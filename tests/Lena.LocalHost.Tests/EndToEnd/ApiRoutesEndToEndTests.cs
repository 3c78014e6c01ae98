using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Lena.Clinical.Rules;
using Lena.LocalHost.Tests.Support;
using Lena.Testing;

namespace Lena.LocalHost.Tests.EndToEnd;

/// <summary>
/// Every route family of API.md over real HTTP against the built app and a real Azurite: status
/// codes, <c>application/problem+json</c> and the headers the contract names.
/// </summary>
[Collection(LocalHostGroup.Name)]
public class ApiRoutesEndToEndTests(LocalHostFixture fixture)
{
    private const string ProblemJson = "application/problem+json";
    private static readonly string DefaultVersion = RuleSetDocument.Default.Version;

    private HttpClient Client => fixture.Client;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Theory]
    [InlineData("api/dosing", "dose")]
    [InlineData("api/monitoring-schedule", "checks")]
    [InlineData("api/vte-prophylaxis", "prophylaxis")]
    [InlineData("api/contraindications", "status")]
    public async Task ClinicalRoutesAnswer200WithTheRuleSetVersionHeaderAndBadInputAs400Problem(string route, string part)
    {
        var url = new Uri(fixture.Host.BaseAddress, route);

        using var response = await Client.PostAsync(url, Json(await File.ReadAllTextAsync(TestPaths.Sample("patient.json"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([DefaultVersion], response.Headers.GetValues("X-Rule-Set-Version"));
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        Assert.False(response.Headers.Contains("Warning"));
        using (var body = await ReadJsonAsync(response))
        {
            Assert.Equal(DefaultVersion, body.RootElement.GetProperty("ruleSetVersion").GetString());
            Assert.Equal("multipleMyeloma", body.RootElement.GetProperty("indication").GetString());
            Assert.True(body.RootElement.TryGetProperty(part, out _), $"{route} answered without '{part}'.");
        }

        using var invalid = await Client.PostAsync(url, Json("""{ "indication": "multipleMyeloma", "sex": "male", "renal": { "creatinineClearanceMlPerMin": 80 }, "labs": { "ancPerMicroliter": 1800, "plateletsPerMicroliter": 42 } }"""));
        using var problem = await AssertProblemAsync(invalid, HttpStatusCode.BadRequest);
        Assert.Contains("labs.plateletsPerMicroliter", problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task RuleRoutesServeTheActiveSetWithItsETagAndActivationNeedsACurrentIfMatch()
    {
        using var active = await Client.GetAsync(Url("api/rules"));
        Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        Assert.Equal("application/json", active.Content.Headers.ContentType?.MediaType);
        var etag = active.Headers.ETag?.ToString() ?? throw new InvalidOperationException("GET /api/rules sent no ETag.");
        using (var body = await ReadJsonAsync(active))
        {
            Assert.Equal(DefaultVersion, body.RootElement.GetProperty("version").GetString());
            Assert.Equal(etag, body.RootElement.GetProperty("eTag").GetString());
            Assert.Equal(DefaultVersion, body.RootElement.GetProperty("ruleSet").GetProperty("version").GetString());
        }

        using (var versions = await Client.GetAsync(Url("api/rules/versions")))
        {
            Assert.Equal(HttpStatusCode.OK, versions.StatusCode);
            using var body = await ReadJsonAsync(versions);
            Assert.Equal(DefaultVersion, body.RootElement.GetProperty("active").GetString());
            var seeded = Assert.Single(body.RootElement.GetProperty("versions").EnumerateArray(), v => v.GetProperty("version").GetString() == DefaultVersion);
            Assert.Equal("system", seeded.GetProperty("author").GetString());
            Assert.False(string.IsNullOrWhiteSpace(seeded.GetProperty("reason").GetString()));
            Assert.True(seeded.GetProperty("createdAt").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
        }

        using (var audit = await Client.GetAsync(Url("api/rules/audit")))
        {
            Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
            using var body = await ReadJsonAsync(audit);
            var entries = body.RootElement.GetProperty("entries").EnumerateArray().ToArray();
            Assert.Contains(entries, e => e.GetProperty("action").GetString() == "activated" && e.GetProperty("version").GetString() == DefaultVersion);
            Assert.Contains(entries, e => e.GetProperty("action").GetString() == "published" && e.GetProperty("version").GetString() == DefaultVersion);
        }

        var activation = JsonSerializer.Serialize(new { version = DefaultVersion, actor = "e2e test", reason = "must not change anything" });
        using (var withoutIfMatch = await Client.PutAsync(Url("api/rules/active"), Json(activation)))
        {
            (await AssertProblemAsync(withoutIfMatch, (HttpStatusCode)428)).Dispose();
        }

        using (var stale = new HttpRequestMessage(HttpMethod.Put, Url("api/rules/active")) { Content = Json(activation) })
        {
            stale.Headers.TryAddWithoutValidation("If-Match", "W/\"datetime'2001-01-01T00%3A00%3A00.0000000Z'\"");
            using var refused = await Client.SendAsync(stale);
            (await AssertProblemAsync(refused, HttpStatusCode.PreconditionFailed)).Dispose();
            Assert.Equal(etag, refused.Headers.ETag?.ToString());
        }

        using (var invalidRuleSet = await Client.PostAsync(Url("api/rules/versions"), Json("""{ "author": "e2e test", "reason": "a broken rule set", "ruleSet": { "version": "2026.12.98-broken" } }""")))
        {
            using var problem = await AssertProblemAsync(invalidRuleSet, HttpStatusCode.BadRequest);
            Assert.NotEmpty(problem.RootElement.GetProperty("errors").EnumerateObject());
        }

        using var after = await Client.GetAsync(Url("api/rules"));
        Assert.Equal(etag, after.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task CourseRoutesEnrollListCompleteAndStopACourse()
    {
        // Its own follow-ups table and reminder queue: the shared host's reminder tests must not see this course.
        var queueName = AzuriteFixture.UniqueName("routes");
        await using var host = await fixture.StartHostAsync(new Dictionary<string, string>
        {
            ["Lena__FollowUpsTable"] = AzuriteFixture.UniqueName("routes"),
            ["Lena__ReminderQueue"] = queueName,
        });
        await fixture.WaitUntilHealthyAsync(host);
        Uri At(string path) => new(host.BaseAddress, path);
        var today = Today;
        var snapshot = JsonNode.Parse(await File.ReadAllBytesAsync(TestPaths.Sample("patient.json")))!;
        snapshot["patientId"] = "pt-routes-e2e";
        snapshot["therapy"]!["startDate"] = Date(today.AddDays(-3));

        // Counts recent enough to start on: the course starts dosing, so the low platelets below interrupt
        // (with the sample's own date, once older than 10 days, the start is deferred and the course never dosed).
        snapshot["labs"]!["takenOn"] = Date(today.AddDays(-3));

        // POST /api/courses: 201 with Location and the course; a snapshot without patientId is a 400 naming it.
        using var enrolled = await Client.PostAsync(At("api/courses"), Json(snapshot.ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, enrolled.StatusCode);
        Assert.Equal("application/json", enrolled.Content.Headers.ContentType?.MediaType);
        using var enrollment = await ReadJsonAsync(enrolled);
        var courseId = enrollment.RootElement.GetProperty("course").GetProperty("courseId").GetString()!;
        Assert.Equal("/api/courses/" + courseId, enrolled.Headers.Location?.OriginalString);
        Assert.Equal(DefaultVersion, enrollment.RootElement.GetProperty("ruleSetVersion").GetString());
        Assert.Equal("active", enrollment.RootElement.GetProperty("course").GetProperty("status").GetString());
        var enrolledFollowUps = enrollment.RootElement.GetProperty("followUps").GetArrayLength();
        Assert.True(enrolledFollowUps > 0);

        var anonymous = snapshot.DeepClone();
        anonymous.AsObject().Remove("patientId");
        using (var withoutPatient = await Client.PostAsync(At("api/courses"), Json(anonymous.ToJsonString())))
        {
            using var problem = await AssertProblemAsync(withoutPatient, HttpStatusCode.BadRequest);
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("patientId", out _));
        }

        // GET /api/courses/{id}, at the Location it answered.
        using (var course = await Client.GetAsync(At(enrolled.Headers.Location!.OriginalString.TrimStart('/'))))
        {
            Assert.Equal(HttpStatusCode.OK, course.StatusCode);
            using var body = await ReadJsonAsync(course);
            Assert.Equal(courseId, body.RootElement.GetProperty("courseId").GetString());
            Assert.Equal("pt-routes-e2e", body.RootElement.GetProperty("patientId").GetString());
            Assert.Equal(Date(today.AddDays(-3)), body.RootElement.GetProperty("startDate").GetString());
            Assert.Equal("active", body.RootElement.GetProperty("status").GetString());
        }

        // GET …/follow-ups?status=…: each filter answers only its status; all of them add up to the enrollment.
        var byStatus = new Dictionary<string, JsonElement[]>(StringComparer.Ordinal);
        foreach (var status in new[] { "overdue", "due", "pending", "completed", "all" })
        {
            using var list = await Client.GetAsync(At($"api/courses/{courseId}/follow-ups?status={status}"));
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            using var body = await ReadJsonAsync(list);
            Assert.Equal(status, body.RootElement.GetProperty("status").GetString());
            byStatus[status] = body.RootElement.GetProperty("followUps").EnumerateArray().Select(f => f.Clone()).ToArray();
            Assert.All(byStatus[status], f => Assert.True(status == "all" || f.GetProperty("status").GetString() == status, $"{f} under status={status}"));
        }

        Assert.Equal(enrolledFollowUps, byStatus["all"].Length);
        Assert.NotEmpty(byStatus["overdue"]);
        Assert.NotEmpty(byStatus["pending"]);
        Assert.Empty(byStatus["completed"]);
        Assert.Equal(enrolledFollowUps, byStatus["overdue"].Length + byStatus["due"].Length + byStatus["pending"].Length);
        using (var badStatus = await Client.GetAsync(At($"api/courses/{courseId}/follow-ups?status=late")))
        {
            using var problem = await AssertProblemAsync(badStatus, HttpStatusCode.BadRequest);
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("status", out _));
        }

        // POST …/complete with labs under the hold threshold: the hold check interrupts and an alert is queued at once.
        var cbc = byStatus["overdue"].First(f => f.GetProperty("test").GetString() == "cbc");
        var followUpId = cbc.GetProperty("followUpId").GetString()!;
        var completion = new JsonObject
        {
            ["completedOn"] = Date(today),
            ["labs"] = new JsonObject { ["takenOn"] = Date(today), ["ancPerMicroliter"] = 1900, ["plateletsPerMicroliter"] = 25000 },
        };
        using (var completed = await Client.PostAsync(At($"api/courses/{courseId}/follow-ups/{followUpId}/complete"), Json(completion.ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
            using var body = await ReadJsonAsync(completed);
            Assert.Equal(DefaultVersion, body.RootElement.GetProperty("ruleSetVersion").GetString());
            Assert.Equal("completed", body.RootElement.GetProperty("followUp").GetProperty("status").GetString());
            Assert.Equal(Date(today), body.RootElement.GetProperty("followUp").GetProperty("completedOn").GetString());
            Assert.Equal("interrupt", body.RootElement.GetProperty("holdCheck").GetProperty("dose").GetProperty("action").GetString());
            Assert.True(body.RootElement.GetProperty("alertQueued").GetBoolean());
        }

        var queue = new QueueClient(fixture.StorageConnectionString, queueName);
        var alert = Assert.Single((await queue.PeekMessagesAsync(32)).Value, m => m.MessageText.Contains(":alert", StringComparison.Ordinal));
        using (var message = JsonDocument.Parse(alert.MessageText))
        {
            Assert.Equal($"{courseId}:{followUpId}:alert", message.RootElement.GetProperty("reminderId").GetString());
            Assert.Equal("alert", message.RootElement.GetProperty("kind").GetString());
            Assert.Equal("pt-routes-e2e", message.RootElement.GetProperty("patientId").GetString());
        }

        using (var completedList = await Client.GetAsync(At($"api/courses/{courseId}/follow-ups?status=completed")))
        {
            using var body = await ReadJsonAsync(completedList);
            Assert.Equal(followUpId, Assert.Single(body.RootElement.GetProperty("followUps").EnumerateArray()).GetProperty("followUpId").GetString());
        }

        using (var unknownFollowUp = await Client.PostAsync(At($"api/courses/{courseId}/follow-ups/20000101-cbc/complete"), Json(completion.ToJsonString())))
        {
            (await AssertProblemAsync(unknownFollowUp, HttpStatusCode.NotFound)).Dispose();
        }

        // POST …/stop: 200.
        var stop = JsonSerializer.Serialize(new { stoppedOn = Date(today), reason = "progression" });
        using (var stopped = await Client.PostAsync(At($"api/courses/{courseId}/stop"), Json(stop)))
        {
            Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
            using var body = await ReadJsonAsync(stopped);
            Assert.Equal("stopped", body.RootElement.GetProperty("status").GetString());
            Assert.Equal(Date(today), body.RootElement.GetProperty("stoppedOn").GetString());
            Assert.Equal("progression", body.RootElement.GetProperty("stopReason").GetString());
        }

        // The same stop again is a safe retry (200, it finishes an interrupted stop); another date is a 409.
        using (var again = await Client.PostAsync(At($"api/courses/{courseId}/stop"), Json(stop)))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var otherDay = JsonSerializer.Serialize(new { stoppedOn = Date(today.AddDays(-1)), reason = "progression" });
        using (var conflicting = await Client.PostAsync(At($"api/courses/{courseId}/stop"), Json(otherDay)))
        {
            (await AssertProblemAsync(conflicting, HttpStatusCode.Conflict)).Dispose();
        }

        // Malformed and unknown course ids are 404 problems on every course route.
        foreach (var id in new[] { "not-a-course", new string('0', 32) })
        {
            using var get = await Client.GetAsync(At($"api/courses/{id}"));
            using var list = await Client.GetAsync(At($"api/courses/{id}/follow-ups"));
            using var complete = await Client.PostAsync(At($"api/courses/{id}/follow-ups/{followUpId}/complete"), Json(completion.ToJsonString()));
            using var stopUnknown = await Client.PostAsync(At($"api/courses/{id}/stop"), Json(stop));
            foreach (var response in new[] { get, list, complete, stopUnknown })
            {
                (await AssertProblemAsync(response, HttpStatusCode.NotFound)).Dispose();
            }
        }
    }

    private Uri Url(string path) => new(fixture.Host.BaseAddress, path);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static StringContent Json(string body) => new(body, MediaTypeHeaderValue.Parse("application/json"));

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());

    /// <summary>Asserts an RFC 9457 problem with <paramref name="status"/> and returns its body.</summary>
    private static async Task<JsonDocument> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode} {text}");
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
        return problem;
    }
}
