using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using Lena.LocalHost;
using Lena.Testing;

namespace Lena.Benchmarks;

/// <summary>One kind of request the host benchmarks send, and the status it must get.</summary>
public sealed record HostRequest(string Name, string Description, HttpStatusCode Expected, Func<Uri, HttpRequestMessage> Create)
{
    /// <summary><c>POST /api/assessments</c> with samples/patient.json: parse, rule set, all four concerns, serialize (200).</summary>
    public static HostRequest Assessment { get; } = new("assessment", "POST /api/assessments (samples/patient.json)", HttpStatusCode.OK, baseAddress =>
    {
        var content = new ByteArrayContent(Inputs.Sample);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "api/assessments")) { Content = content };
    });

    /// <summary><c>GET /api/no-such-route</c>: the app's catch-all <c>Fallback</c> function, a small 404 problem (a real invocation, minimal work).</summary>
    public static HostRequest Fallback { get; } = new("fallback", "GET /api/no-such-route (Fallback function, 404)", HttpStatusCode.NotFound, baseAddress =>
        new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, "api/no-such-route")));

    /// <summary>A path outside the route prefix: lena-host answers 404 itself, no worker invocation (its HTTP front end alone).</summary>
    public static HostRequest HostOnly { get; } = new("host-only", "GET /no-such-prefix (lena-host's own 404, no invocation)", HttpStatusCode.NotFound, baseAddress =>
        new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, "no-such-prefix")));
}

/// <summary>
/// The built LenaFunctions app (same configuration as this project) under lena-host, against an
/// Azurite from <see cref="AzuriteFixture"/>: starting, waiting until healthy, timing requests,
/// and reading the worker's resident memory.
/// </summary>
public static class HostedApp
{
    /// <summary>Names another build of the app to run (an A/B of two builds in one session, RESULTS.md).</summary>
    public const string AppDirectoryVariable = "LENA_BENCHMARK_APP_DIRECTORY";

    /// <summary>src/LenaFunctions/bin/&lt;Configuration&gt;/net10.0, recorded at build time, or <see cref="AppDirectoryVariable"/>.</summary>
    public static string AppDirectory { get; } =
        Environment.GetEnvironmentVariable(AppDirectoryVariable) is { Length: > 0 } other
            ? Path.TrimEndingDirectorySeparator(Path.GetFullPath(other)) + Path.DirectorySeparatorChar
            : typeof(HostedApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LenaFunctionsAppDirectory").Value
                ?? throw new InvalidOperationException("Assembly metadata LenaFunctionsAppDirectory is missing.");

    /// <summary>The app's configuration name (Release / Debug), from its folder.</summary>
    public static string AppConfiguration => new DirectoryInfo(AppDirectory).Parent?.Name ?? "?";

    /// <summary>
    /// Starts the app on any free loopback port with Azurite storage. Timer schedules are off (the
    /// hourly reminder sweep must not fire during a measurement) and the worker's stdout (the console
    /// telemetry exporter, the app's default without OTLP / Application Insights) is read and dropped.
    /// </summary>
    /// <remarks><paramref name="settings"/> add to or override the app settings (e.g. to switch the console exporter off for a comparison).</remarks>
    public static Task<LocalFunctionsHost> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        if (!File.Exists(Path.Combine(AppDirectory, "LenaFunctions.dll")))
        {
            throw new InvalidOperationException($"The app is not built: {AppDirectory}LenaFunctions.dll is missing (build this project, it builds the app).");
        }

        var options = new LocalHostOptions { AppDirectory = AppDirectory, HttpPort = 0, RunTimerSchedules = false };
        options.Settings["Tables__connectionString"] = azurite.ConnectionString;
        options.Settings["Queues__connectionString"] = azurite.ConnectionString;
        options.Settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            options.Settings[name] = value;
        }

        return LocalFunctionsHost.StartAsync(options, cancellationToken);
    }

    /// <summary>A client for loopback requests: enough pooled connections for 16+ in flight, no proxy, 30 s per request.</summary>
    public static HttpClient NewClient() => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 64,
        UseProxy = false,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Waits (at most 60 s) until <c>POST /api/assessments</c> answers 200: the rule set is seeded and loaded.</summary>
    public static async Task WaitUntilAssessingAsync(HttpClient client, LocalFunctionsHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var deadline = Stopwatch.GetTimestamp() + (long)(60 * Stopwatch.Frequency);
        while (true)
        {
            var (status, _) = await SendAsync(client, host.BaseAddress, HostRequest.Assessment, cancellationToken).ConfigureAwait(false);
            if (status == HttpStatusCode.OK)
            {
                return;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"POST /api/assessments did not answer 200 within 60 s (last: {(int)status}).");
            }

            await Task.Delay(25, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The in-worker time of every clinical answer received so far (the app's <c>Server-Timing:
    /// evaluate;dur=N</c> header: <c>ClinicalAnswer.For</c> in milliseconds), in order of arrival.
    /// </summary>
    public static ConcurrentQueue<double> EvaluateTimings { get; } = new();

    /// <summary>Sends one request, reads the whole response, returns its status and the elapsed time in milliseconds.</summary>
    public static async Task<(HttpStatusCode Status, double Milliseconds)> SendAsync(HttpClient client, Uri baseAddress, HostRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        using var message = request.Create(baseAddress);
        var started = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response.Headers.TryGetValues("Server-Timing", out var timings)
            && timings.FirstOrDefault(t => t.StartsWith("evaluate;dur=", StringComparison.Ordinal)) is { } evaluate
            && double.TryParse(evaluate["evaluate;dur=".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var evaluateMs))
        {
            EvaluateTimings.Enqueue(evaluateMs);
        }

        return (response.StatusCode, elapsed);
    }

    /// <summary>VmRSS (and VmHWM, the peak) of a process in KiB, from /proc/&lt;pid&gt;/status.</summary>
    public static (long RssKiB, long PeakKiB) Memory(int processId)
    {
        long rss = -1, peak = -1;
        foreach (var line in File.ReadLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kib(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kib(line);
            }
        }

        return (rss, peak);

        static long Kib(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>User plus system CPU time a process has used so far, from /proc/&lt;pid&gt;/stat (clock ticks of 10 ms).</summary>
    public static TimeSpan CpuTime(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");
        // After "pid (comm) ": state is field 3, utime field 14, stime field 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>Sends one request and returns the sizes of its body and of the response body, in bytes.</summary>
    public static async Task<(long RequestBytes, long ResponseBytes)> SizesAsync(HttpClient client, Uri baseAddress, HostRequest request)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        using var message = request.Create(baseAddress);
        var sent = message.Content is null ? 0 : (await message.Content.ReadAsByteArrayAsync().ConfigureAwait(false)).Length;
        using var response = await client.SendAsync(message).ConfigureAwait(false);
        return (sent, (await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false)).Length);
    }

    /// <summary>The 1, 5 and 15 minute load averages from /proc/loadavg.</summary>
    public static (double One, double Five, double Fifteen) LoadAverage()
    {
        var parts = File.ReadAllText("/proc/loadavg").Split(' ');
        return (Parse(parts[0]), Parse(parts[1]), Parse(parts[2]));

        static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);
    }
}
