using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Lena.LocalHost.Tests.Support;
using Lena.Testing;

namespace Lena.LocalHost.Tests.EndToEnd;

/// <summary>
/// Enrollment, then the FollowUpReminders timer fired through the admin endpoint again and again
/// (reruns, two at once on one host, and a second instance on the same storage): every due
/// reminder reaches the <c>lena-reminders</c> queue exactly once, as the plain JSON message of API.md.
/// </summary>
[Collection(LocalHostGroup.Name)]
public class ReminderExactlyOnceEndToEndTests(LocalHostFixture fixture)
{
    private static readonly string[] ContractFields = ["reminderId", "courseId", "patientId", "followUpId", "test", "dueDate", "kind", "message", "careTeamId"];

    [Fact]
    public async Task EveryDueReminderIsQueuedExactlyOnceAcrossRerunsConcurrentRunsAndASecondInstance()
    {
        // Its own follow-ups table (so its own sweep watermark) and queue, shared by both instances.
        var queueName = AzuriteFixture.UniqueName("reminders");
        var settings = new Dictionary<string, string>
        {
            ["Lena__FollowUpsTable"] = AzuriteFixture.UniqueName("reminders"),
            ["Lena__ReminderQueue"] = queueName,
        };
        await using var first = await fixture.StartHostAsync(settings);
        await using var second = await fixture.StartHostAsync(settings);
        await Task.WhenAll(fixture.WaitUntilHealthyAsync(first), fixture.WaitUntilHealthyAsync(second));
        var client = fixture.Client;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        // Started three days ago: the day-0 checks are overdue, the rest ahead.
        var snapshot = JsonNode.Parse(await File.ReadAllBytesAsync(TestPaths.Sample("patient.json")))!;
        snapshot["patientId"] = "pt-once-e2e";
        snapshot["therapy"]!["startDate"] = Date(today.AddDays(-3));
        using var enrolled = await client.PostAsync(new Uri(first.BaseAddress, "api/courses"), new StringContent(snapshot.ToJsonString(), MediaTypeHeaderValue.Parse("application/json")));
        Assert.Equal(HttpStatusCode.Created, enrolled.StatusCode);
        using var enrollment = JsonDocument.Parse(await enrolled.Content.ReadAsByteArrayAsync());
        var courseId = enrollment.RootElement.GetProperty("course").GetProperty("courseId").GetString()!;
        var followUps = enrollment.RootElement.GetProperty("followUps").EnumerateArray()
            .ToDictionary(f => f.GetProperty("followUpId").GetString()!, f => (Test: f.GetProperty("test").GetString()!, Due: DateOnly.Parse(f.GetProperty("dueDate").GetString()!, CultureInfo.InvariantCulture)));

        // Twice in a row, then two at once on one host (it runs one at a time) and on each of two instances.
        await FireAsync(first);
        await FireAsync(first);
        await Task.WhenAll(FireAsync(first), FireAsync(second), FireAsync(first), FireAsync(second));
        await FireAsync(second);

        var messages = await DrainAsync(new QueueClient(fixture.StorageConnectionString, queueName));
        var done = DateOnly.FromDateTime(DateTime.UtcNow);

        Assert.NotEmpty(messages);
        var repeated = messages.GroupBy(m => m.GetProperty("reminderId").GetString()).Where(g => g.Count() > 1).Select(g => $"{g.Key} ×{g.Count()}").ToArray();
        Assert.True(repeated.Length == 0, "Sent more than once: " + string.Join(", ", repeated));
        foreach (var message in messages)
        {
            Assert.Equal(ContractFields.Order(StringComparer.Ordinal), message.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal(courseId, message.GetProperty("courseId").GetString());
            Assert.Equal("pt-once-e2e", message.GetProperty("patientId").GetString());
            var followUpId = message.GetProperty("followUpId").GetString()!;
            Assert.True(followUps.TryGetValue(followUpId, out var followUp), $"{followUpId} is not a follow-up of the course.");
            Assert.Equal(followUp.Test, message.GetProperty("test").GetString());
            Assert.Equal(Date(followUp.Due), message.GetProperty("dueDate").GetString());
            var kind = message.GetProperty("kind").GetString();
            Assert.Contains(kind, new[] { "upcoming", "overdue" });
            Assert.Equal(kind == "upcoming" ? $"{courseId}:{followUpId}:upcoming" : $"{courseId}:{followUpId}:overdue:1", message.GetProperty("reminderId").GetString());
            Assert.False(string.IsNullOrWhiteSpace(message.GetProperty("message").GetString()));
        }

        if (done == today)
        {
            // Overdue (due before today): one overdue reminder; due today or tomorrow (24 h lead): one upcoming; later: nothing yet.
            var expected = followUps
                .Where(f => f.Value.Due <= today.AddDays(1))
                .Select(f => f.Value.Due < today ? $"{courseId}:{f.Key}:overdue:1" : $"{courseId}:{f.Key}:upcoming")
                .Order(StringComparer.Ordinal);
            Assert.Equal(expected, messages.Select(m => m.GetProperty("reminderId").GetString()).Order(StringComparer.Ordinal));
        }
    }

    private async Task FireAsync(LocalFunctionsHost host)
    {
        using var fired = await fixture.Client.PostAsync(new Uri(host.BaseAddress, "admin/functions/FollowUpReminders"), null);
        Assert.Equal(HttpStatusCode.Accepted, fired.StatusCode);
    }

    /// <summary>Every message on the queue, received (hidden) so each is read once; the text must be plain JSON, not Base64.</summary>
    private static async Task<List<JsonElement>> DrainAsync(QueueClient queue)
    {
        var messages = new List<JsonElement>();
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10))).Value;
            if (batch.Length == 0)
            {
                return messages;
            }

            messages.AddRange(batch.Select(m => JsonDocument.Parse(m.MessageText).RootElement.Clone()));
        }
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
