using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Lena.LocalHost;
using Lena.Testing;

namespace Lena.Benchmarks;

/// <summary>
/// "host": the built app under lena-host against a real Azurite, measured over loopback HTTP from
/// this process: cold start, latency and throughput of <c>POST /api/assessments</c> side by side
/// with the trivial <c>Fallback</c> function (sequential and 16 in flight), and the worker's
/// resident memory over 10,000 assessments. Not BenchmarkDotNet: several processes, counted
/// request loops. Every loop is bounded in count and in time.
/// </summary>
public static class HostRun
{
    /// <summary>The sizes of one run.</summary>
    public sealed record Plan(int ColdStarts, int WarmUp, TimeSpan WarmUpTime, int Sequential, int ConcurrentRounds, int ConcurrentBlock, int InFlight, int MemoryRequests, int MemoryStep, TimeSpan PhaseLimit)
    {
        /// <summary>App settings added to every host of the run (<c>--set NAME=VALUE</c>), for comparisons.</summary>
        public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

        /// <summary>Only the latency phase (<c>--latency</c>): the same-run comparison, a third of the run's time.</summary>
        public bool LatencyOnly { get; init; }

        public static Plan Full { get; } = new(ColdStarts: 5, WarmUp: 200, WarmUpTime: TimeSpan.FromSeconds(25), Sequential: 2000, ConcurrentRounds: 4, ConcurrentBlock: 500, InFlight: 16, MemoryRequests: 10_000, MemoryStep: 1000, PhaseLimit: TimeSpan.FromMinutes(4));

        /// <summary>A smoke run (a minute or so) to check the harness, not for numbers.</summary>
        public static Plan Quick { get; } = new(ColdStarts: 2, WarmUp: 20, WarmUpTime: TimeSpan.FromSeconds(2), Sequential: 100, ConcurrentRounds: 1, ConcurrentBlock: 100, InFlight: 16, MemoryRequests: 1000, MemoryStep: 500, PhaseLimit: TimeSpan.FromMinutes(1));
    }

    private static readonly HostRequest[] Compared = [HostRequest.Assessment, HostRequest.Fallback, HostRequest.HostOnly];

    public static async Task<int> RunAsync(Plan plan, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(output);
        var runStarted = Stopwatch.GetTimestamp();
        await using var load = new LoadSampler();
        Machine(plan, output);

        output.WriteLine($"Starting Azurite ({nameof(AzuriteFixture)}, in-memory)…");
        using var azurite = await Task.Run(() => new AzuriteFixture()).ConfigureAwait(false);
        using var client = HostedApp.NewClient();

        if (!plan.LatencyOnly)
        {
            await ColdStartsAsync(plan, azurite, client, output).ConfigureAwait(false);
        }

        await LatencyAsync(plan, azurite, client, output).ConfigureAwait(false);
        if (!plan.LatencyOnly)
        {
            await MemoryAsync(plan, azurite, client, output).ConfigureAwait(false);
        }

        var (one, five, fifteen) = HostedApp.LoadAverage();
        output.WriteLine();
        output.WriteLine($"Load average (/proc/loadavg, 1-min, sampled every 2 s over the whole run): min {load.Min:0.00}, median {load.Median:0.00}, max {load.Max:0.00}; at the end {one:0.00} {five:0.00} {fifteen:0.00}.");
        output.WriteLine($"Whole run: {Stopwatch.GetElapsedTime(runStarted).TotalSeconds:0} s.");
        return 0;
    }

    private static void Machine(Plan plan, TextWriter output)
    {
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var (one, five, fifteen) = HostedApp.LoadAverage();
        output.WriteLine($"Machine: {Environment.ProcessorCount} logical CPUs, {model}; {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}.");
        output.WriteLine($"App: {HostedApp.AppDirectory} ({HostedApp.AppConfiguration}); load average at start {one:0.00} {five:0.00} {fifteen:0.00}.");
        if (plan.Settings.Count > 0)
        {
            output.WriteLine($"Extra app settings: {string.Join(", ", plan.Settings.Select(p => $"{p.Key}={p.Value}"))}.");
        }
    }

    // ---- 1. cold start --------------------------------------------------------------------

    private static async Task ColdStartsAsync(Plan plan, AzuriteFixture azurite, HttpClient client, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"## Cold start: {plan.ColdStarts} launches after one priming launch (which seeds the empty rule table and warms the file cache; not counted)");
        output.WriteLine();
        output.WriteLine("| launch | launch → functions loaded | launch → first answer (Fallback 404) | launch → first assessment 200 | terminate → worker exit | load (1-min) |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        var loaded = new List<double>();
        var firstAnswer = new List<double>();
        var firstAssessment = new List<double>();
        for (var run = 0; run <= plan.ColdStarts; run++)
        {
            var started = Stopwatch.GetTimestamp();
            var host = await HostedApp.StartAsync(azurite, plan.Settings).ConfigureAwait(false);
            double answered, assessing, stopped;
            try
            {
                // StartAsync returns once every function is loaded; the first request goes right after.
                await FirstAnswerAsync(client, host).ConfigureAwait(false);
                answered = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                await HostedApp.WaitUntilAssessingAsync(client, host).ConfigureAwait(false);
                assessing = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            finally
            {
                var stopping = Stopwatch.GetTimestamp();
                await host.DisposeAsync().ConfigureAwait(false);
                stopped = Stopwatch.GetElapsedTime(stopping).TotalMilliseconds;
            }

            var label = run == 0 ? "priming" : run.ToString(CultureInfo.InvariantCulture);
            output.WriteLine($"| {label} | {host.StartupTime.TotalMilliseconds:0} ms | {answered:0} ms | {assessing:0} ms | {stopped:0} ms | {LoadNow:0.00} |");
            if (run > 0)
            {
                loaded.Add(host.StartupTime.TotalMilliseconds);
                firstAnswer.Add(answered);
                firstAssessment.Add(assessing);
            }
        }

        output.WriteLine($"| **min** | {loaded.Min():0} ms | {firstAnswer.Min():0} ms | {firstAssessment.Min():0} ms | | |");
        output.WriteLine($"| **median** | {Median(loaded):0} ms | {Median(firstAnswer):0} ms | {Median(firstAssessment):0} ms | | |");
    }

    private static async Task FirstAnswerAsync(HttpClient client, LocalFunctionsHost host)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(60 * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                await HostedApp.SendAsync(client, host.BaseAddress, HostRequest.Fallback).ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException) when (Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(10).ConfigureAwait(false);
            }
        }
    }

    // ---- 2. latency and throughput -----------------------------------------------------------

    private static async Task LatencyAsync(Plan plan, AzuriteFixture azurite, HttpClient client, TextWriter output)
    {
        await using var host = await HostedApp.StartAsync(azurite, plan.Settings).ConfigureAwait(false);
        await HostedApp.WaitUntilAssessingAsync(client, host).ConfigureAwait(false);
        var baseAddress = host.BaseAddress;

        var warmUp = Compared.ToDictionary(r => r, _ => new Series());
        var warmUpStarted = Stopwatch.GetTimestamp();
        await SequentialAsync(client, baseAddress, plan.WarmUp, warmUp, Deadline(plan)).ConfigureAwait(false);
        var firstInWorker = EvaluationTimes(host, plan.WarmUp);
        await ConcurrentAsync(client, baseAddress, host.WorkerProcessId, 1, plan.WarmUp, plan.InFlight, warmUp, Deadline(plan)).ConfigureAwait(false);

        // Until the JIT has promoted the hot code to tier 1: on 2 shared cores that takes 10-20 s of
        // load after start (RESULTS.md, "the in-worker gap"); measured before it, an assessment runs
        // tier-0 and instrumented code and looks 4-5x slower than it is.
        while (Stopwatch.GetElapsedTime(warmUpStarted) < plan.WarmUpTime)
        {
            await SequentialAsync(client, baseAddress, 100, warmUp, Deadline(plan)).ConfigureAwait(false);
        }

        var lastInWorker = EvaluationTimes(host, 100);
        var sizes = new Dictionary<HostRequest, (long RequestBytes, long ResponseBytes)>();
        foreach (var request in Compared)
        {
            sizes[request] = await HostedApp.SizesAsync(client, baseAddress, request).ConfigureAwait(false);
        }


        var sequentialLoad = LoadNow;
        var sequential = Compared.ToDictionary(r => r, _ => new Series());
        await SequentialAsync(client, baseAddress, plan.Sequential, sequential, Deadline(plan)).ConfigureAwait(false);
        var inWorker = EvaluationTimes(host, plan.Sequential);

        var concurrentLoad = LoadNow;
        var concurrent = Compared.ToDictionary(r => r, _ => new Series());
        await ConcurrentAsync(client, baseAddress, host.WorkerProcessId, plan.ConcurrentRounds, plan.ConcurrentBlock, plan.InFlight, concurrent, Deadline(plan)).ConfigureAwait(false);

        output.WriteLine();
        output.WriteLine($"## Latency and throughput over HTTP through lena-host (one host; warm-up {plan.WarmUp} of each, sequential and {plan.InFlight} in flight, then sequential until {plan.WarmUpTime.TotalSeconds:0} s after the first; not counted)");
        output.WriteLine();
        output.WriteLine($"In-worker `ClinicalAnswer.For` during the warm-up: the first {firstInWorker.Count} assessments p50 {Median(firstInWorker):0.000} ms; the last {lastInWorker.Count} p50 {Median(lastInWorker):0.000} ms.");
        output.WriteLine();
        output.WriteLine($"Sequential: {plan.Sequential} of each, interleaved request by request (A F H, H F A, …). {plan.InFlight} in flight: {plan.ConcurrentRounds} rounds × one block of {plan.ConcurrentBlock} per request kind, kinds alternating. req/s: sequential = count ÷ time spent in that kind's requests; {plan.InFlight} in flight = count ÷ wall time of that kind's blocks.");
        output.WriteLine();
        output.WriteLine("| in flight | request | n | p50 | p90 | p99 | max | mean | req/s | errors | load (1-min) at start |");
        output.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (inFlight, results, phaseLoad) in new[] { (1, sequential, sequentialLoad), (plan.InFlight, concurrent, concurrentLoad) })
        {
            foreach (var request in Compared)
            {
                var s = results[request];
                output.WriteLine($"| {inFlight} | {request.Description} | {s.Count} | {s.Percentile(0.50):0.00} ms | {s.Percentile(0.90):0.00} ms | {s.Percentile(0.99):0.00} ms | {s.Max:0.00} ms | {s.Mean:0.00} ms | {s.PerSecond:0} | {s.ErrorText} | {phaseLoad:0.00} |");
            }
        }

        output.WriteLine();
        output.WriteLine("| in flight | assessment ÷ Fallback p50 (target ≤ 1.5) | p90 | p99 | throughput Fallback ÷ assessment |");
        output.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var (inFlight, results) in new[] { (1, sequential), (plan.InFlight, concurrent) })
        {
            var a = results[HostRequest.Assessment];
            var f = results[HostRequest.Fallback];
            output.WriteLine($"| {inFlight} | **{a.Percentile(0.50) / f.Percentile(0.50):0.00}×** | {a.Percentile(0.90) / f.Percentile(0.90):0.00}× | {a.Percentile(0.99) / f.Percentile(0.99):0.00}× | {f.PerSecond / a.PerSecond:0.00}× |");
        }

        output.WriteLine();
        output.WriteLine($"Where the time goes ({plan.InFlight} in flight, CPU time per request over the blocks: the worker from /proc/<pid>/stat, this process = the HTTP client + lena-host's Kestrel front end, gRPC server and invocation dispatch, which run in it):");
        output.WriteLine();
        output.WriteLine("| request | request body | response body | worker CPU / request | this process CPU / request |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var request in Compared)
        {
            var s = concurrent[request];
            output.WriteLine($"| {request.Description} | {sizes[request].RequestBytes} B | {sizes[request].ResponseBytes} B | {s.WorkerCpu.TotalMilliseconds / s.Count:0.00} ms | {s.SelfCpu.TotalMilliseconds / s.Count:0.00} ms |");
        }

        output.WriteLine();
        output.WriteLine(inWorker.Count == 0
            ? "In-worker evaluation time: no Server-Timing headers received."
            : $"In-worker `ClinicalAnswer.For` during the sequential phase (the app's `Server-Timing: evaluate;dur=N` header, last {inWorker.Count}): p50 {Median(inWorker):0.000} ms, p99 {Percentile(inWorker, 0.99):0.000} ms.");
    }

    private static async Task SequentialAsync(HttpClient client, Uri baseAddress, int count, Dictionary<HostRequest, Series> results, long deadline)
    {
        for (var i = 0; i < count && Stopwatch.GetTimestamp() < deadline; i++)
        {
            IEnumerable<HostRequest> order = i % 2 == 0 ? Compared : Compared.Reverse();
            foreach (var request in order)
            {
                var (status, ms) = await HostedApp.SendAsync(client, baseAddress, request).ConfigureAwait(false);
                results[request].Add(request, status, ms);
                results[request].BusySeconds += ms / 1000;
            }
        }
    }

    private static async Task ConcurrentAsync(HttpClient client, Uri baseAddress, int workerPid, int rounds, int block, int inFlight, Dictionary<HostRequest, Series> results, long deadline)
    {
        using var self = Process.GetCurrentProcess();
        for (var round = 0; round < rounds && Stopwatch.GetTimestamp() < deadline; round++)
        {
            IEnumerable<HostRequest> order = round % 2 == 0 ? Compared : Compared.Reverse();
            foreach (var request in order)
            {
                var series = results[request];
                var workerCpu = HostedApp.CpuTime(workerPid);
                self.Refresh();
                var selfCpu = self.TotalProcessorTime;
                series.BusySeconds += await BlockAsync(client, baseAddress, request, block, inFlight, series, deadline).ConfigureAwait(false);
                series.WorkerCpu += HostedApp.CpuTime(workerPid) - workerCpu;
                self.Refresh();
                series.SelfCpu += self.TotalProcessorTime - selfCpu;
            }
        }
    }

    /// <summary><paramref name="count"/> requests with <paramref name="inFlight"/> outstanding at a time; returns the wall time in seconds.</summary>
    private static async Task<double> BlockAsync(HttpClient client, Uri baseAddress, HostRequest request, int count, int inFlight, Series series, long deadline)
    {
        var issued = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            while (Interlocked.Increment(ref issued) <= count && Stopwatch.GetTimestamp() < deadline)
            {
                var (status, ms) = await HostedApp.SendAsync(client, baseAddress, request).ConfigureAwait(false);
                series.Add(request, status, ms);
            }
        })).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>The last in-worker times of <c>ClinicalAnswer.For</c> (Server-Timing; only assessments send one here).</summary>
#pragma warning disable IDE0060 // the host: where the timings come from, kept for readability at the call sites
    private static List<double> EvaluationTimes(LocalFunctionsHost host, int last) => [.. HostedApp.EvaluateTimings.TakeLast(last)];
#pragma warning restore IDE0060

    // ---- 3. worker memory ----------------------------------------------------------------------

    private static async Task MemoryAsync(Plan plan, AzuriteFixture azurite, HttpClient client, TextWriter output)
    {
        await using var host = await HostedApp.StartAsync(azurite, plan.Settings).ConfigureAwait(false);
        await HostedApp.WaitUntilAssessingAsync(client, host).ConfigureAwait(false);
        var pid = host.WorkerProcessId;

        // Time for `dotnet-counters collect -p <pid>` (GC heap by generation) to attach; see RESULTS.md.
        output.WriteLine();
        output.WriteLine($"Memory phase: worker pid {pid}; warming up for {plan.WarmUpTime.TotalSeconds:0} s.");
        await Task.Delay(TimeSpan.FromSeconds(3)).ConfigureAwait(false);

        // As for latency: first until the JIT is done promoting the hot code. On a fresh worker it
        // compiles 350-900 methods a second for the first 15-20 s here, and its code heap and JIT data
        // grow the RSS by several MiB while the managed heap stays flat (RESULTS.md, issue 15 §6).
        var warmUp = Stopwatch.GetTimestamp();
        var warmUpSeries = new Series();
        while (Stopwatch.GetElapsedTime(warmUp) < plan.WarmUpTime)
        {
            await BlockAsync(client, host.BaseAddress, HostRequest.Assessment, 200, 1, warmUpSeries, Deadline(plan)).ConfigureAwait(false);
        }

        output.WriteLine();
        output.WriteLine($"## Worker memory: a fresh host warmed up for {plan.WarmUpTime.TotalSeconds:0} s ({warmUpSeries.Count} assessments, not counted), then {plan.MemoryRequests} assessments ({plan.InFlight} in flight), VmRSS of the worker (pid {pid}) from /proc/{pid}/status after every {plan.MemoryStep}");
        output.WriteLine();
        output.WriteLine("| assessments | VmRSS | VmHWM (peak) | load (1-min) |");
        output.WriteLine("|---:|---:|---:|---:|");
        var (rss0, peak0) = HostedApp.Memory(pid);
        output.WriteLine($"| after the warm-up | {Mib(rss0)} | {Mib(peak0)} | {LoadNow:0.00} |");

        var rss = new SortedDictionary<int, long>();
        var series = new Series();
        var deadline = Deadline(plan);
        var done = 0;
        while (done < plan.MemoryRequests && Stopwatch.GetTimestamp() < deadline)
        {
            var step = Math.Min(plan.MemoryStep, plan.MemoryRequests - done);
            await BlockAsync(client, host.BaseAddress, HostRequest.Assessment, step, plan.InFlight, series, deadline).ConfigureAwait(false);
            done = series.Count + series.Errors;
            var (now, peak) = HostedApp.Memory(pid);
            rss[done] = now;
            output.WriteLine($"| {done} | {Mib(now)} | {Mib(peak)} | {LoadNow:0.00} |");
        }

        if (series.Errors > 0)
        {
            output.WriteLine($"Errors: {series.ErrorText}.");
        }

        var first = rss.First(p => p.Key >= Math.Min(plan.MemoryStep, done));
        var lastPoint = rss.Last();
        output.WriteLine();
        output.WriteLine($"Growth from {first.Key} to {lastPoint.Key} assessments: {(lastPoint.Value - first.Value) / 1024.0:+0.0;-0.0;0.0} MiB (target: none). Latency while measuring: p50 {series.Percentile(0.5):0.00} ms, p99 {series.Percentile(0.99):0.00} ms.");
    }

    private static double LoadNow => HostedApp.LoadAverage().One;

    private static string Mib(long kib) => $"{kib / 1024.0:0.0} MiB";

    // ---- helpers -------------------------------------------------------------------------------

    private static long Deadline(Plan plan) => Stopwatch.GetTimestamp() + (long)(plan.PhaseLimit.TotalSeconds * Stopwatch.Frequency);

    private static double Median(List<double> values) => Percentile(values, 0.5);

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>The latencies of one request kind (thread-safe adds).</summary>
    private sealed class Series
    {
        private readonly Lock _gate = new();
        private readonly List<double> _milliseconds = [];
        private readonly List<string> _unexpected = [];

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _milliseconds.Count;
                }
            }
        }

        public int Errors { get; private set; }

        /// <summary>Sequential: the time spent in this kind's requests; concurrent: the wall time of its blocks.</summary>
        public double BusySeconds { get; set; }

        public TimeSpan WorkerCpu { get; set; }

        public TimeSpan SelfCpu { get; set; }

        public double PerSecond => BusySeconds > 0 ? Count / BusySeconds : double.NaN;

        public double Mean => _milliseconds.Count == 0 ? double.NaN : _milliseconds.Average();

        public double Max => _milliseconds.Count == 0 ? double.NaN : _milliseconds.Max();

        public string ErrorText => Errors == 0 ? "0" : $"{Errors} ({string.Join(", ", _unexpected.Distinct())})";

        public double Percentile(double p) => HostRun.Percentile(_milliseconds, p);

        /// <summary>Keeps the time of an expected answer; counts anything else (and stops the run after 50).</summary>
        public void Add(HostRequest request, HttpStatusCode status, double milliseconds)
        {
            lock (_gate)
            {
                if (status == request.Expected)
                {
                    _milliseconds.Add(milliseconds);
                    return;
                }

                Errors++;
                _unexpected.Add(((int)status).ToString(CultureInfo.InvariantCulture));
                if (Errors > 50)
                {
                    throw new InvalidOperationException($"{request.Description}: more than 50 unexpected answers ({string.Join(", ", _unexpected.Distinct())}).");
                }
            }
        }
    }

    /// <summary>/proc/loadavg's 1-minute figure every 2 s while the run lasts.</summary>
    private sealed class LoadSampler : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Lock _gate = new();
        private readonly List<double> _samples = [];
        private readonly Task _loop;

        public LoadSampler() => _loop = Task.Run(LoopAsync);

        public double Min => Snapshot().DefaultIfEmpty(double.NaN).Min();

        public double Max => Snapshot().DefaultIfEmpty(double.NaN).Max();

        public double Median => HostRun.Median(Snapshot());

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            _stop.Dispose();
        }

        private List<double> Snapshot()
        {
            lock (_gate)
            {
                return [.. _samples];
            }
        }

        private async Task LoopAsync()
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
            do
            {
                var one = LoadNow;
                lock (_gate)
                {
                    _samples.Add(one);
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
    }
}
