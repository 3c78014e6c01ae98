using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Lena.LocalHost.Tests.Support;

namespace Lena.LocalHost.Tests.EndToEnd;

/// <summary>The app's FollowUpReminders timer run through the host: the TimerInfo input reaches it and it does its work.</summary>
[Collection(LocalHostGroup.Name)]
public class ReminderTimerEndToEndTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task AdminEndpointRunsTheReminderTimerWhichQueuesRemindersForADueCourse()
    {
        var host = fixture.Host;
        var snapshot = JsonNode.Parse(await File.ReadAllBytesAsync(TestPaths.Sample("patient.json")))!;
        snapshot["patientId"] = "pt-host-e2e";
        snapshot["therapy"]!["startDate"] = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var enrolled = await fixture.Client.PostAsync(new Uri(host.BaseAddress, "api/courses"),
            new StringContent(snapshot.ToJsonString(), MediaTypeHeaderValue.Parse("application/json")));
        Assert.Equal(HttpStatusCode.Created, enrolled.StatusCode);
        using var course = JsonDocument.Parse(await enrolled.Content.ReadAsByteArrayAsync());
        var courseId = course.RootElement.GetProperty("course").GetProperty("courseId").GetString();

        using var fired = await fixture.Client.PostAsync(new Uri(host.BaseAddress, "admin/functions/FollowUpReminders"), null);

        Assert.Equal(HttpStatusCode.Accepted, fired.StatusCode);
        var queue = new QueueClient(fixture.StorageConnectionString, host.Settings["Lena__ReminderQueue"] ?? "lena-reminders");
        var messages = (await queue.PeekMessagesAsync(32)).Value;
        var forCourse = messages.Select(m => JsonDocument.Parse(m.MessageText).RootElement)
            .Where(m => m.GetProperty("courseId").GetString() == courseId)
            .ToArray();
        Assert.NotEmpty(forCourse);
        Assert.All(forCourse, m => Assert.Equal("pt-host-e2e", m.GetProperty("patientId").GetString()));
    }

    [Fact]
    public async Task FireTimerAsyncWaitsForASuccessfulRun()
    {
        await fixture.Host.FireTimerAsync("FollowUpReminders");

        await Assert.ThrowsAsync<KeyNotFoundException>(() => fixture.Host.FireTimerAsync("Health"));
    }
}
