using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Lena.LocalHost.Tests.Support;
using Lena.Testing;
using Xunit.Abstractions;

namespace Lena.LocalHost.Tests.EndToEnd;

/// <summary>
/// Enrollments through the real worker while Azurite is stopped and restarted, first with its data
/// on disk (it comes back with everything), then in memory (it comes back empty). Clients retry
/// every enrollment with its Idempotency-Key until it is acknowledged. Afterwards: no course is
/// visible without all of its follow-ups, every acknowledged enrollment (since storage last lost
/// its data) is complete, no key made two courses, and the app became healthy by itself each time.
/// </summary>
public sealed class EnrollmentFaultEndToEndTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const string FollowUpsTable = "LenaFollowUps";
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LoadBetweenOutages = TimeSpan.FromSeconds(4);

    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(90) };
    private readonly ConcurrentDictionary<int, int> _statuses = new();
    private AzuriteFixture? _azurite;
    private LocalFunctionsHost? _host;
    private JsonNode _patient = new JsonObject();

    // 1 once Azurite is back empty. An enrollment belongs to the epoch in which its acknowledged
    // attempt was sent: one sent before the wipe may be acknowledged after it and still be lost.
    private int _epoch;

    private AzuriteFixture Azurite => _azurite ?? throw new InvalidOperationException("Not started.");

    private LocalFunctionsHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _azurite = await Task.Run(() => new AzuriteFixture());
        _azurite.Stop();
        _azurite.PersistToDisk = true;
        _azurite.Start();
        _host = await LocalHostFixture.StartHostAsync(_azurite.ConnectionString, new Dictionary<string, string>
        {
            ["Lena__FollowUpsTable"] = FollowUpsTable,
            ["Lena__RuleCacheRefreshSeconds"] = "1",
        });
        await LocalHostFixture.WaitUntilHealthyAsync(_client, _host);
        _patient = JsonNode.Parse(await File.ReadAllBytesAsync(TestPaths.Sample("patient.json")))!;
        _patient["therapy"]!["startDate"] = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            _azurite?.Start();
            await _host.DisposeAsync();
        }

        _azurite?.Dispose();
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Enrollments_through_storage_outages_are_whole_once_and_the_app_heals_itself()
    {
        var acknowledged = new ConcurrentDictionary<string, Acknowledged>(StringComparer.Ordinal);
        var started = 0;
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref started);
                var patientId = $"pt-fault-{n:D5}";
                var key = Guid.NewGuid().ToString();
                if (await EnrollUntilAcknowledgedAsync(patientId, key) is { } ack)
                {
                    acknowledged[patientId] = ack;
                }
            }
        })).ToArray();

        // Outage 1: data on disk survives the restart.
        await LoadAsync(() => acknowledged.Count);
        var healthy1 = await OutageAsync(keepData: true);

        // Before storage loses its data: everything acknowledged so far is there, whole.
        var beforeOutage2 = acknowledged.Count;
        await LoadAsync(() => acknowledged.Count - beforeOutage2);
        var beforeWipe = acknowledged.Values.Where(a => a.Epoch == 0).ToArray();
        var incompleteBeforeWipe = await IncompleteAsync(beforeWipe);

        // Outage 2: Azurite comes back in memory, empty; enrollments sent from then on and acknowledged must be whole.
        var healthy2 = await OutageAsync(keepData: false);
        await LoadAsync(() => acknowledged.Values.Count(a => a.Epoch == 1));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var afterWipe = acknowledged.Values.Where(a => a.Epoch == 1).ToArray();
        var incompleteAfterWipe = await IncompleteAsync(afterWipe);
        var (committed, duplicates, partial) = await StoredCoursesAsync(afterWipe.Select(a => a.FollowUps).DefaultIfEmpty(0).Max());

        output.WriteLine($"enrollments started {started}, acknowledged {acknowledged.Count} ({beforeWipe.Length} before the wipe, {afterWipe.Length} after)");
        output.WriteLine($"stored courses after the wipe {committed}; acknowledged-after-wipe found whole {afterWipe.Length - incompleteAfterWipe.Count}; duplicates {duplicates}; partial courses {partial}");
        output.WriteLine($"healthy after restart: {healthy1.TotalSeconds:0.0} s (disk), {healthy2.TotalSeconds:0.0} s (in memory, empty)");
        output.WriteLine($"statuses: {string.Join(", ", _statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}"))}");

        Assert.NotEmpty(beforeWipe);
        Assert.NotEmpty(afterWipe);
        Assert.Empty(incompleteBeforeWipe);
        Assert.Empty(incompleteAfterWipe);
        Assert.Equal(0, duplicates);
        Assert.Equal(0, partial);
        Assert.True(committed >= afterWipe.Length, $"{committed} courses stored, {afterWipe.Length} acknowledged");
        Assert.DoesNotContain(_statuses.Keys, s => s >= 500 && s != 503);
    }

    /// <summary>
    /// Lets the load run for <see cref="LoadBetweenOutages"/> and, on a machine slow enough that it
    /// has not yet had a few enrollments acknowledged by then, until it has (at most a minute).
    /// </summary>
    private static async Task LoadAsync(Func<int> acknowledgedSoFar)
    {
        await Task.Delay(LoadBetweenOutages);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (acknowledgedSoFar() < 5 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
    }

    /// <summary>
    /// Stops Azurite for <see cref="Outage"/> (gracefully when its data is to survive: a killed
    /// Azurite loses writes it had not yet saved to disk), starts it again (on disk, or in memory
    /// and empty), and returns how long the app then took to report healthy.
    /// </summary>
    private async Task<TimeSpan> OutageAsync(bool keepData)
    {
        if (keepData)
        {
            Azurite.StopGracefully();
        }
        else
        {
            Azurite.Stop();
        }

        await Task.Delay(Outage);
        Azurite.PersistToDisk = keepData;
        Azurite.Start();
        if (!keepData)
        {
            Volatile.Write(ref _epoch, 1);
        }

        var back = Stopwatch.StartNew();
        await LocalHostFixture.WaitUntilHealthyAsync(_client, Host);
        return back.Elapsed;
    }

    private async Task<Acknowledged?> EnrollUntilAcknowledgedAsync(string patientId, string key)
    {
        var body = _patient.DeepClone();
        body["patientId"] = patientId;
        var json = body.ToJsonString();
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var epoch = Volatile.Read(ref _epoch);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Host.BaseAddress, "api/courses")) { Content = new StringContent(json, MediaTypeHeaderValue.Parse("application/json")) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await _client.SendAsync(request);
                _statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                {
                    using var answer = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
                    return new Acknowledged(patientId, answer.RootElement.GetProperty("course").GetProperty("courseId").GetString()!, answer.RootElement.GetProperty("followUps").GetArrayLength(), epoch);
                }

                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            catch (HttpRequestException)
            {
                _statuses.AddOrUpdate(0, 1, (_, n) => n + 1);
            }

            await Task.Delay(250);
        }

        return null;
    }

    /// <summary>The acknowledged enrollments that are not readable whole: course 200 and exactly its follow-ups.</summary>
    private async Task<List<string>> IncompleteAsync(IReadOnlyList<Acknowledged> acknowledged)
    {
        var incomplete = new List<string>();
        foreach (var ack in acknowledged)
        {
            using var course = await _client.GetAsync(new Uri(Host.BaseAddress, $"api/courses/{ack.CourseId}"));
            using var followUps = await _client.GetAsync(new Uri(Host.BaseAddress, $"api/courses/{ack.CourseId}/follow-ups"));
            var count = followUps.IsSuccessStatusCode
                ? JsonDocument.Parse(await followUps.Content.ReadAsByteArrayAsync()).RootElement.GetProperty("followUps").GetArrayLength()
                : -1;
            if (course.StatusCode != HttpStatusCode.OK || count != ack.FollowUps)
            {
                incomplete.Add($"{ack.PatientId}: course {(int)course.StatusCode}, {count} of {ack.FollowUps} follow-ups");
            }
        }

        return incomplete;
    }

    /// <summary>From the table itself: committed courses, patients with more than one course, and courses without all their follow-up rows.</summary>
    private async Task<(int Committed, int Duplicates, int Partial)> StoredCoursesAsync(int followUpsPerCourse)
    {
        var table = new TableClient(Azurite.ConnectionString, FollowUpsTable);
        var courses = new List<(string CourseId, string PatientId)>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.RowKey == "course"))
        {
            courses.Add((row.GetString("CourseId"), row.GetString("PatientId")));
        }

        var partial = 0;
        foreach (var (courseId, _) in courses)
        {
            var partition = "course|" + courseId;
            var rows = 0;
            await foreach (var _ in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition && e.RowKey.CompareTo("fu|") >= 0 && e.RowKey.CompareTo("fu}") < 0, select: ["RowKey"]))
            {
                rows++;
            }

            partial += rows == followUpsPerCourse ? 0 : 1;
        }

        return (courses.Count, courses.GroupBy(c => c.PatientId).Count(g => g.Count() > 1), partial);
    }

    private sealed record Acknowledged(string PatientId, string CourseId, int FollowUps, int Epoch);
}
