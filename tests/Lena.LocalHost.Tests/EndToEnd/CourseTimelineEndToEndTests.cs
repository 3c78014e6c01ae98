using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lena.LocalHost.Tests.Support;
using Lena.Testing;

namespace Lena.LocalHost.Tests.EndToEnd;

/// <summary>
/// Issue 14, done when: through lena-host and the real worker — enroll with an Idempotency-Key and a care
/// team; a CBC with platelets 20,000 records an interrupt; 40,000 a resume at the lower dose; the next CBC
/// is judged at that dose; the timeline shows it all with rule-set versions; the team's worklist shows its
/// due follow-ups; the reminder timer fires and the team's receiver gets each reminder once, its
/// Standard Webhooks signature verified. Its own host: reminder delivery on, its own tables and queue.
/// </summary>
[Collection(LocalHostGroup.Name)]
public partial class CourseTimelineEndToEndTests(LocalHostFixture fixture)
{
    private static readonly string Today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static readonly string Secret = "whsec_" + Convert.ToBase64String(Enumerable.Range(7, 32).Select(i => (byte)i).ToArray());
    private LocalFunctionsHost? _host;

    private LocalFunctionsHost Host => _host ?? throw new InvalidOperationException("Not started.");

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, JsonNode? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(Host.BaseAddress, path));
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
        await using var receiver = new WebhookReceiver(Secret);
        _host = await fixture.StartHostAsync(new Dictionary<string, string>
        {
            ["AzureWebJobs__DeliverReminders__Disabled"] = "false",
            ["Lena__FollowUpsTable"] = AzuriteFixture.UniqueName("plan"),
            ["Lena__WebhooksTable"] = AzuriteFixture.UniqueName("planhooks"),
            ["Lena__ReminderQueue"] = AzuriteFixture.UniqueName("plan"),
            ["AzureFunctionsJobHost__extensions__queues__visibilityTimeout"] = "00:00:01",
            ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.500",
        });
        await using var host = _host;
        await fixture.WaitUntilHealthyAsync(host);
        var (registered, _) = await SendAsync(HttpMethod.Put, $"api/care-teams/{team}/webhook", new JsonObject { ["url"] = receiver.Url.ToString(), ["secret"] = Secret });
        Assert.Equal(HttpStatusCode.Created, registered);
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

        // The timer fires: each reminder reaches the team's receiver once, signed; a rerun sends nothing new.
        await host.FireTimerAsync("FollowUpReminders");
        var sent = int.Parse(host.Logs.Select(l => SweepLine().Match(l.Message)).Last(m => m.Success).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(sent > 0, "The sweep sent no reminder for a course with checks due today.");
        await receiver.WaitUntilAsync(r => r.Delivered.Values.Count(IsFromTheSweep) >= sent, TimeSpan.FromSeconds(60), $"{sent} reminders");
        await host.FireTimerAsync("FollowUpReminders");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(sent, receiver.Delivered.Values.Count(IsFromTheSweep));
        Assert.Equal(receiver.Delivered.Count, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid, r.SignatureProblem));
        Assert.All(receiver.Requests, r => Assert.False(r.Duplicate));
        Assert.All(receiver.Delivered.Values, body => Assert.Equal(team, JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("careTeamId").GetString()));
        Assert.All(receiver.Delivered.Values, body => Assert.Equal(courseId, JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("courseId").GetString()));
    }

    /// <summary>A due or overdue reminder of the sweep, not a hold alert a CBC queued.</summary>
    private static bool IsFromTheSweep(byte[] cloudEvent) =>
        JsonDocument.Parse(cloudEvent).RootElement.GetProperty("data").GetProperty("kind").GetString() is "upcoming" or "overdue";

    [GeneratedRegex(@"Reminder sweep sent (\d+) reminders")]
    private static partial Regex SweepLine();
}
