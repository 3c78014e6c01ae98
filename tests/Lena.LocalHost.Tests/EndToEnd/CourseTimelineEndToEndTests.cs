using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.LocalHost.Tests.Support;

namespace Lena.LocalHost.Tests.EndToEnd;

/// <summary>
/// Issue 14, done when: through lena-host and the real worker — enroll with an Idempotency-Key and a care
/// team; a CBC with platelets 20,000 records an interrupt; 40,000 a resume at the lower dose; the next CBC
/// is judged at that dose; the timeline shows it all with rule-set versions; the team's worklist shows its
/// due follow-ups.
/// </summary>
[Collection(LocalHostGroup.Name)]
public class CourseTimelineEndToEndTests(LocalHostFixture fixture)
{
    private static readonly string Today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, JsonNode? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(fixture.Host.BaseAddress, path));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), MediaTypeHeaderValue.Parse("application/json"));
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await fixture.Client.SendAsync(request);
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }

    private async Task<JsonElement> CbcAsync(string courseId, int platelets)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, $"api/courses/{courseId}/labs", new JsonObject
        {
            ["takenOn"] = Today,
            ["ancPerMicroliter"] = 1800,
            ["plateletsPerMicroliter"] = platelets,
        });
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return body;
    }

    [Fact]
    public async Task Interrupt_then_resume_at_the_lower_dose_then_the_next_CBC_at_it_on_the_timeline_and_the_teams_worklist()
    {
        var team = "team-e2e-" + Guid.NewGuid().ToString("N")[..8];
        var snapshot = JsonNode.Parse(await File.ReadAllBytesAsync(TestPaths.Sample("patient.json")))!;
        snapshot["patientId"] = "pt-e2e-14";
        snapshot["careTeamId"] = team;
        snapshot["therapy"]!["startDate"] = Today;
        snapshot["labs"]!["takenOn"] = Today;
        var key = Guid.NewGuid().ToString();

        var (created, enrolled) = await SendAsync(HttpMethod.Post, "api/courses", snapshot, key);
        var (replayed, again) = await SendAsync(HttpMethod.Post, "api/courses", snapshot, key);
        Assert.True(created == HttpStatusCode.Created, enrolled.ToString());
        Assert.Equal(HttpStatusCode.OK, replayed);
        var courseId = enrolled.GetProperty("course").GetProperty("courseId").GetString()!;
        Assert.Equal(courseId, again.GetProperty("course").GetProperty("courseId").GetString());
        Assert.Equal(team, enrolled.GetProperty("course").GetProperty("careTeamId").GetString());

        var held = await CbcAsync(courseId, 20_000);
        Assert.Equal("interrupt", held.GetProperty("dosing").GetProperty("dose").GetProperty("action").GetString());
        Assert.Equal("interrupted", held.GetProperty("event").GetProperty("type").GetString());
        Assert.Equal("thrombocytopenia", held.GetProperty("event").GetProperty("therapy").GetProperty("interruptedFor").GetString());
        var heldAt = held.GetProperty("event").GetProperty("therapy").GetProperty("doseMg").GetDouble();

        var resumed = await CbcAsync(courseId, 40_000);
        Assert.Equal("resume", resumed.GetProperty("dosing").GetProperty("dose").GetProperty("action").GetString());
        Assert.Equal("resumed", resumed.GetProperty("event").GetProperty("type").GetString());
        var lower = resumed.GetProperty("event").GetProperty("therapy").GetProperty("doseMg").GetDouble();
        Assert.True(lower < heldAt, $"resumed at {lower} mg after a hold at {heldAt} mg");

        var next = await CbcAsync(courseId, 150_000);
        Assert.Equal("continue", next.GetProperty("dosing").GetProperty("dose").GetProperty("action").GetString());
        Assert.Equal(lower, next.GetProperty("dosing").GetProperty("dose").GetProperty("doseMg").GetDouble());
        Assert.Equal(lower, next.GetProperty("event").GetProperty("inputs").GetProperty("therapy").GetProperty("currentDoseMg").GetDouble());

        var (timelineStatus, timeline) = await SendAsync(HttpMethod.Get, $"api/courses/{courseId}/timeline");
        Assert.Equal(HttpStatusCode.OK, timelineStatus);
        var events = timeline.GetProperty("events").EnumerateArray().ToArray();
        Assert.Equal(["enrolled", "interrupted", "resumed", "labsEvaluated"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.All(events, e => Assert.Equal(next.GetProperty("ruleSetVersion").GetString(), e.GetProperty("ruleSetVersion").GetString()));
        Assert.All(events, e => Assert.False(e.GetProperty("inputs").TryGetProperty("patientId", out _)));
        Assert.Equal(lower, timeline.GetProperty("therapy").GetProperty("doseMg").GetDouble());

        var to = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (worklistStatus, worklist) = await SendAsync(HttpMethod.Get, $"api/worklist?careTeamId={team}&from={Today}&to={to}&status=due&pageSize=5");
        Assert.True(worklistStatus == HttpStatusCode.OK, worklist.ToString());
        var items = worklist.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(5, items.Length);
        Assert.All(items, i => Assert.Equal(courseId, i.GetProperty("courseId").GetString()));
        Assert.Equal(items.Select(i => i.GetProperty("dueDate").GetString()).Order(StringComparer.Ordinal), items.Select(i => i.GetProperty("dueDate").GetString()));
        var token = worklist.GetProperty("continuationToken").GetString();
        Assert.NotNull(token);
        var (_, second) = await SendAsync(HttpMethod.Get, $"api/worklist?careTeamId={team}&from={Today}&to={to}&status=due&pageSize=5&continuationToken={Uri.EscapeDataString(token!)}");
        Assert.DoesNotContain(second.GetProperty("items").EnumerateArray(), i => items.Any(first => first.GetProperty("followUpId").GetString() == i.GetProperty("followUpId").GetString()));
    }
}
