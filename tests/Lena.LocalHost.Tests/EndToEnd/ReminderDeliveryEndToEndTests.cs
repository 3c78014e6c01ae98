using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Storage.Queues;
using Lena.LocalHost.Tests.Support;
using Lena.Testing;

namespace Lena.LocalHost.Tests.EndToEnd;

/// <summary>
/// Reminder delivery through lena-host's queue trigger: a care team registers a webhook (a loopback
/// receiver that verifies Standard Webhooks signatures and drops repeated webhook-ids), a course is
/// enrolled, the FollowUpReminders timer fires, and DeliverReminders POSTs each reminder. Each test
/// has its own follow-ups table and queue, retries after 1 s (visibilityTimeout) and polls at most
/// every 500 ms, through the AzureFunctionsJobHost__ overrides of host.json.
/// </summary>
[Collection(LocalHostGroup.Name)]
public partial class ReminderDeliveryEndToEndTests(LocalHostFixture fixture)
{
    private static readonly string Secret = "whsec_" + Convert.ToBase64String(Enumerable.Range(40, 32).Select(i => (byte)i).ToArray());
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The courses' care team: its reminders carry it and go to its webhook.</summary>
    private const string Team = "ward-7";

    private async Task<(LocalFunctionsHost Host, string Queue)> StartAsync(string careTeam, Uri? webhook, int? maxDequeueCount = null)
    {
        var queue = AzuriteFixture.UniqueName("deliver");
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobs__DeliverReminders__Disabled"] = "false",
            ["Lena__FollowUpsTable"] = AzuriteFixture.UniqueName("delivery"),
            ["Lena__WebhooksTable"] = AzuriteFixture.UniqueName("webhooks"),
            ["Lena__ReminderQueue"] = queue,
            ["AzureFunctionsJobHost__extensions__queues__visibilityTimeout"] = "00:00:01",
            ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.500",
        };
        if (maxDequeueCount is { } max)
        {
            settings["AzureFunctionsJobHost__extensions__queues__maxDequeueCount"] = max.ToString(CultureInfo.InvariantCulture);
        }

        var host = await fixture.StartHostAsync(settings);
        await fixture.WaitUntilHealthyAsync(host);
        if (webhook is not null)
        {
            using var registered = await PutWebhookAsync(host, careTeam, new { url = webhook.ToString(), secret = Secret });
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        return (host, queue);
    }

    private Task<HttpResponseMessage> PutWebhookAsync(LocalFunctionsHost host, string careTeam, object body) =>
        fixture.Client.PutAsync(new Uri(host.BaseAddress, $"api/care-teams/{careTeam}/webhook"), new StringContent(JsonSerializer.Serialize(body), MediaTypeHeaderValue.Parse("application/json")));

    /// <summary>Enrolls a course started two weeks ago (its early checks are overdue), fires the timer, and returns the course id and how many reminders the sweep sent.</summary>
    private async Task<(string CourseId, int Sent)> EnrollAndFireAsync(LocalFunctionsHost host, string careTeam)
    {
        var snapshot = JsonNode.Parse(await File.ReadAllBytesAsync(TestPaths.Sample("patient.json")))!;
        snapshot["patientId"] = "pt-delivery-e2e";
        snapshot["careTeamId"] = careTeam;
        snapshot["therapy"]!["startDate"] = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var enrolled = await fixture.Client.PostAsync(new Uri(host.BaseAddress, "api/courses"), new StringContent(snapshot.ToJsonString(), MediaTypeHeaderValue.Parse("application/json")));
        Assert.Equal(HttpStatusCode.Created, enrolled.StatusCode);
        using var course = JsonDocument.Parse(await enrolled.Content.ReadAsByteArrayAsync());
        var courseId = course.RootElement.GetProperty("course").GetProperty("courseId").GetString()!;

        await host.FireTimerAsync("FollowUpReminders");
        var sweep = host.Logs.Select(l => SweepLine().Match(l.Message)).Last(m => m.Success);
        var sent = int.Parse(sweep.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(sent > 0, "The sweep sent no reminder for a course with overdue checks.");
        return (courseId, sent);
    }

    [Fact]
    public async Task TheTimerFiresAndTheReceiverGetsEachReminderOnceAsASignedCloudEvent()
    {
        await using var receiver = new WebhookReceiver(Secret);
        var (host, queue) = await StartAsync(Team, receiver.Url);
        await using var _ = host;

        var (courseId, sent) = await EnrollAndFireAsync(host, Team);
        await WithLogsAsync(host, receiver.WaitUntilAsync(r => r.Delivered.Count >= sent, Patience, $"{sent} reminders"));
        await host.FireTimerAsync("FollowUpReminders"); // a rerun sends nothing new
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(sent, receiver.Delivered.Count);
        Assert.Equal(sent, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid, r.SignatureProblem));
        Assert.All(receiver.Requests, r => Assert.False(r.Duplicate));
        foreach (var (id, body) in receiver.Delivered)
        {
            using var cloudEvent = JsonDocument.Parse(body);
            var root = cloudEvent.RootElement;
            Assert.Equal("1.0", root.GetProperty("specversion").GetString());
            Assert.Equal(id, root.GetProperty("id").GetString());
            var data = root.GetProperty("data");
            Assert.Equal(id, data.GetProperty("reminderId").GetString());
            Assert.Equal(courseId, data.GetProperty("courseId").GetString());
            Assert.Equal(Team, data.GetProperty("careTeamId").GetString());
            Assert.Equal("org.lenafunctions.reminder." + data.GetProperty("kind").GetString(), root.GetProperty("type").GetString());
            Assert.Equal($"courses/{courseId}/follow-ups/{data.GetProperty("followUpId").GetString()}", root.GetProperty("subject").GetString());
            Assert.Equal("/care-teams/" + Team + "/reminders", root.GetProperty("source").GetString());
        }

        Assert.Equal(0, await MessageCountAsync(queue));
    }

    [Fact]
    public async Task AReceiverFailingTwiceGetsEachReminderOnTheThirdTryWithTheSameIdAndBodyAfterTheRetryDelay()
    {
        await using var receiver = new WebhookReceiver(Secret, (_, attempt) => attempt <= 2 ? 503 : null);
        var (host, queue) = await StartAsync(Team, receiver.Url);
        await using var _ = host;

        var (_, sent) = await EnrollAndFireAsync(host, Team);
        await WithLogsAsync(host, receiver.WaitUntilAsync(r => r.Delivered.Count >= sent, Patience, $"{sent} reminders after retries"));
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(sent, receiver.Delivered.Count);
        foreach (var attempts in receiver.Requests.GroupBy(r => r.Id))
        {
            var tries = attempts.OrderBy(r => r.At).ToArray();
            Assert.Equal([503, 503, 200], tries.Select(t => t.AnsweredStatus));
            Assert.All(tries, t => Assert.True(t.SignatureValid, t.SignatureProblem));
            Assert.All(tries, t => Assert.Equal(tries[0].Body, t.Body));
            // Each retry waits for the message to become visible again: visibilityTimeout (1 s) at least.
            Assert.All(tries.Zip(tries.Skip(1)), pair => Assert.True(pair.Second.At - pair.First.At >= TimeSpan.FromMilliseconds(900), $"retried after {(pair.Second.At - pair.First.At).TotalMilliseconds:0} ms"));
        }

        Assert.Equal(0, await MessageCountAsync(queue));
    }

    [Fact]
    public async Task AReceiverThatAlwaysFailsLeavesEachReminderInThePoisonQueueAfterMaxDequeueCountTries()
    {
        await using var receiver = new WebhookReceiver(Secret, (_, _) => 500);
        var (host, queue) = await StartAsync(Team, receiver.Url);
        await using var _ = host;
        Assert.Equal(5, host.QueueSettings.MaxDequeueCount); // host.json's

        var (_, sent) = await EnrollAndFireAsync(host, Team);
        var poisoned = await WaitForPoisonAsync(queue + "-poison", sent);

        Assert.Equal(sent, poisoned.Count);
        Assert.Empty(receiver.Delivered);
        Assert.All(receiver.Requests.GroupBy(r => r.Id), g => Assert.Equal(5, g.Count()));
        Assert.Equal(poisoned.Select(p => p.GetProperty("reminderId").GetString()).Order(StringComparer.Ordinal), receiver.Requests.Select(r => r.Id).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(0, await MessageCountAsync(queue));
    }

    [Fact]
    public async Task ATeamWithNoWebhookKeepsItsRemindersInThePoisonQueueNeverDropsThem()
    {
        var (host, queue) = await StartAsync(Team, webhook: null, maxDequeueCount: 2);
        await using var _ = host;
        Assert.Equal(2, host.QueueSettings.MaxDequeueCount); // the app-setting override of host.json

        var (courseId, sent) = await EnrollAndFireAsync(host, Team);
        var poisoned = await WaitForPoisonAsync(queue + "-poison", sent);

        Assert.All(poisoned, p => Assert.Equal(courseId, p.GetProperty("courseId").GetString()));
    }

    [Fact]
    public async Task RegisteringAWebhookValidatesEachFieldAndNeverAnswersWithTheSecret()
    {
        var host = fixture.Host;
        var team = AzuriteFixture.UniqueName("team");

        using var invalid = await PutWebhookAsync(host, team, new { url = "http://notify.example.org/hook", secret = "hunter2" });
        var problem = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("https", problem.GetProperty("errors").GetProperty("url")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("whsec_", problem.GetProperty("errors").GetProperty("secret")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem.GetRawText(), StringComparison.Ordinal);

        using var badTeam = await PutWebhookAsync(host, "team%20a", new { url = "https://notify.example.org/hook", secret = Secret });
        Assert.Equal(HttpStatusCode.BadRequest, badTeam.StatusCode);
        Assert.True(JsonDocument.Parse(await badTeam.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("careTeamId", out _));

        using var unknownField = await PutWebhookAsync(host, team, new { url = "https://notify.example.org/hook", secret = Secret, token = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);

        using var created = await PutWebhookAsync(host, team, new { url = "http://127.0.0.1:9/hook", secret = Secret });
        var createdText = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain(Secret[6..], createdText, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", createdText, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("http://127.0.0.1:9/hook", JsonDocument.Parse(createdText).RootElement.GetProperty("url").GetString());

        using var replaced = await PutWebhookAsync(host, team, new { url = "https://notify.example.org/hook", secret = Secret });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        using var deleted = await fixture.Client.DeleteAsync(new Uri(host.BaseAddress, $"api/care-teams/{team}/webhook"));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.DoesNotContain("secret", await deleted.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        using var again = await fixture.Client.DeleteAsync(new Uri(host.BaseAddress, $"api/care-teams/{team}/webhook"));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    /// <summary>On a timeout, the worker's delivery log lines say why.</summary>
    private static async Task WithLogsAsync(LocalFunctionsHost host, Task waiting)
    {
        try
        {
            await waiting;
        }
        catch (TimeoutException ex)
        {
            var lines = host.Logs.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).TakeLast(20).Select(l => $"{l.Category} {l.Level} {l.Message} {l.Exception}");
            throw new TimeoutException(ex.Message + Environment.NewLine + string.Join(Environment.NewLine, lines), ex);
        }
    }

    private async Task<int> MessageCountAsync(string queue)
    {
        var properties = await new QueueClient(fixture.StorageConnectionString, queue).GetPropertiesAsync();
        return properties.Value.ApproximateMessagesCount;
    }

    private async Task<List<JsonElement>> WaitForPoisonAsync(string poisonQueue, int expected)
    {
        var client = new QueueClient(fixture.StorageConnectionString, poisonQueue);
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            if (await client.ExistsAsync())
            {
                var messages = (await client.PeekMessagesAsync(32)).Value;
                if (messages.Length >= expected)
                {
                    return messages.Select(m => JsonDocument.Parse(m.MessageText).RootElement.Clone()).ToList();
                }
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"Fewer than {expected} messages reached {poisonQueue} within {Patience.TotalSeconds:0} s.");
            await Task.Delay(250);
        }
    }

    [GeneratedRegex(@"Reminder sweep sent (\d+) reminders")]
    private static partial Regex SweepLine();
}
