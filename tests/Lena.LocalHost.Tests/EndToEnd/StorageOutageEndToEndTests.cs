using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Lena.Clinical.Rules;
using Lena.LocalHost.Tests.Support;
using Lena.Testing;
using Xunit.Abstractions;

namespace Lena.LocalHost.Tests.EndToEnd;

/// <summary>
/// Azurite stopped under a running app: clinical answers continue from the cached rule set (with
/// <c>Warning</c>) and health says degraded; past the staleness limit they are 503 with
/// <c>Retry-After</c>; after Azurite comes back (empty: it is in-memory) the app re-creates its
/// tables and queue and seeds the rule set again by itself, and is healthy without a restart. Its own Azurite and host (not the shared collection's), since
/// it stops storage.
/// </summary>
public sealed class StorageOutageEndToEndTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const string RulesTable = "LenaRules";
    private static readonly string DefaultVersion = RuleSetDocument.Default.Version;

    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(60) };
    private AzuriteFixture? _azurite;
    private LocalFunctionsHost? _host;
    private byte[] _patient = [];

    private AzuriteFixture Azurite => _azurite ?? throw new InvalidOperationException("Not started.");

    private LocalFunctionsHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _azurite = await Task.Run(() => new AzuriteFixture());
        _host = await LocalHostFixture.StartHostAsync(_azurite.ConnectionString, new Dictionary<string, string>
        {
            ["Lena__RulesTable"] = RulesTable,
            ["Lena__RuleCacheRefreshSeconds"] = "1",
            ["Lena__RuleStalenessLimitMinutes"] = "1",
        });
        await LocalHostFixture.WaitUntilHealthyAsync(_client, _host);
        _patient = await File.ReadAllBytesAsync(TestPaths.Sample("patient.json"));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            // Storage must be up for the worker's shutdown to be quick and clean.
            _azurite?.Start();
            await _host.DisposeAsync();
        }

        _azurite?.Dispose();
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task AnswersFromTheCachedRuleSetWhileStorageIsDownUntilTheStalenessLimitThenRecoverOnceReseeded()
    {
        // Healthy and answered once: the rule cache is warm.
        using (var warm = await AssessAsync())
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
            Assert.Equal([DefaultVersion], warm.Headers.GetValues("X-Rule-Set-Version"));
            Assert.False(warm.Headers.Contains("Warning"));
        }

        // A course and a reminder sweep before the outage: the app has created its follow-ups table and reminder queue.
        using (var enrolled = await EnrollAsync())
        {
            Assert.Equal(HttpStatusCode.Created, enrolled.StatusCode);
        }

        await FireRemindersAsync();

        var outage = Stopwatch.StartNew();
        Azurite.Stop();

        // Within the staleness limit: 200 from the cached rule set, marked with Warning once the cache noticed (refresh: 1 s).
        using (var degraded = await PollAsync(r => r.Headers.Contains("Warning"), TimeSpan.FromSeconds(30), HttpStatusCode.OK))
        {
            Assert.Equal([DefaultVersion], degraded.Headers.GetValues("X-Rule-Set-Version"));
            Assert.StartsWith("110 ", Assert.Single(degraded.Headers.GetValues("Warning")), StringComparison.Ordinal);
            using var body = JsonDocument.Parse(await degraded.Content.ReadAsByteArrayAsync());
            Assert.Equal(DefaultVersion, body.RootElement.GetProperty("ruleSetVersion").GetString());
            Assert.True(body.RootElement.TryGetProperty("dose", out _));
        }

        output.WriteLine($"degraded answer after {outage.Elapsed.TotalSeconds:0.0} s of outage");
        var (healthStatus, health) = await HealthAsync();
        Assert.Equal(HttpStatusCode.OK, healthStatus);
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Equal(DefaultVersion, health.GetProperty("ruleSetVersion").GetString());
        Assert.Equal(["tableStorage"], health.GetProperty("unreachable").EnumerateArray().Select(e => e.GetString()));

        // What needs storage itself (enrolling a course) is a 503 problem with Retry-After, not a 500.
        using (var enrollDuringOutage = await EnrollAsync())
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, enrollDuringOutage.StatusCode);
            Assert.Equal("application/problem+json", enrollDuringOutage.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(enrollDuringOutage.Headers.RetryAfter);
            using var problem = JsonDocument.Parse(await enrollDuringOutage.Content.ReadAsByteArrayAsync());
            Assert.EndsWith("/storage-unavailable", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        }

        // Past the staleness limit (1 minute since storage last confirmed the version): 503 problem with Retry-After.
        using (var unavailable = await PollAsync(r => r.StatusCode == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(100), HttpStatusCode.OK))
        {
            Assert.Equal("application/problem+json", unavailable.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(unavailable.Headers.RetryAfter);
            using var problem = JsonDocument.Parse(await unavailable.Content.ReadAsByteArrayAsync());
            Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
            Assert.EndsWith("/rules-unavailable", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        }

        output.WriteLine($"503 after {outage.Elapsed.TotalSeconds:0.0} s of outage");
        (healthStatus, health) = await HealthAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, healthStatus);
        Assert.Equal("unhealthy", health.GetProperty("status").GetString());
        Assert.Equal(["tableStorage"], health.GetProperty("unreachable").EnumerateArray().Select(e => e.GetString()));

        // Azurite back, but empty (in-memory): the app re-creates its rule table and seeds the default
        // rule set again by itself, without a restart.
        var restarted = Stopwatch.StartNew();
        Azurite.Start();
        await LocalHostFixture.WaitUntilHealthyAsync(_client, Host);
        output.WriteLine($"healthy {restarted.Elapsed.TotalSeconds:0.0} s after storage came back (empty)");
        using var recovered = await AssessAsync();
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal([DefaultVersion], recovered.Headers.GetValues("X-Rule-Set-Version"));
        Assert.False(recovered.Headers.Contains("Warning"));

        // The restarted Azurite lost the follow-ups table and the reminder queue the app had created: it creates them again.
        string courseId;
        using (var enrolledAgain = await EnrollAsync())
        {
            Assert.True(enrolledAgain.StatusCode == HttpStatusCode.Created, $"{(int)enrolledAgain.StatusCode} {await enrolledAgain.Content.ReadAsStringAsync()}");
            using var body = JsonDocument.Parse(await enrolledAgain.Content.ReadAsByteArrayAsync());
            courseId = body.RootElement.GetProperty("course").GetProperty("courseId").GetString()!;
        }

        await FireRemindersAsync();
        var queued = (await new QueueClient(Azurite.ConnectionString, "lena-reminders").PeekMessagesAsync(32)).Value;
        Assert.Contains(queued, m => JsonDocument.Parse(m.MessageText).RootElement.GetProperty("courseId").GetString() == courseId);

        output.WriteLine($"healthy again {outage.Elapsed.TotalSeconds:0.0} s after the outage began");
    }

    private async Task<HttpResponseMessage> AssessAsync()
    {
        var content = new ByteArrayContent(_patient);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        return await _client.PostAsync(new Uri(Host.BaseAddress, "api/assessments"), content);
    }

    private async Task<HttpResponseMessage> EnrollAsync()
    {
        var snapshot = JsonNode.Parse(_patient)!;
        snapshot["patientId"] = "pt-outage-e2e";
        snapshot["therapy"]!["startDate"] = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return await _client.PostAsync(new Uri(Host.BaseAddress, "api/courses"), new StringContent(snapshot.ToJsonString(), MediaTypeHeaderValue.Parse("application/json")));
    }

    private async Task FireRemindersAsync()
    {
        using var fired = await _client.PostAsync(new Uri(Host.BaseAddress, "admin/functions/FollowUpReminders"), null);
        Assert.Equal(HttpStatusCode.Accepted, fired.StatusCode);
    }

    /// <summary>Asks for an assessment until <paramref name="done"/>; every answer before then must have <paramref name="meanwhile"/>.</summary>
    private async Task<HttpResponseMessage> PollAsync(Func<HttpResponseMessage, bool> done, TimeSpan timeout, HttpStatusCode meanwhile)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var response = await AssessAsync();
            if (done(response))
            {
                return response;
            }

            using (response)
            {
                Assert.True(response.StatusCode == meanwhile, $"{(int)response.StatusCode} before the expected change: {await response.Content.ReadAsStringAsync()}");
                Assert.True(deadline.Elapsed < timeout, $"No change within {timeout.TotalSeconds:0} s; last answer {(int)response.StatusCode}.");
            }

            await Task.Delay(500);
        }
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync()
    {
        using var response = await _client.GetAsync(new Uri(Host.BaseAddress, "api/health"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        return (response.StatusCode, body.RootElement.Clone());
    }
}
