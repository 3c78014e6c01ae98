using System.Diagnostics;
using Lena.Testing;

namespace Lena.Benchmarks;

/// <summary>
/// "load": the built app under lena-host against Azurite, kept busy for a while with assessments
/// and Fallback requests interleaved one by one, so a profiler can attach to the worker
/// (<c>dotnet-trace collect -p PID</c>, <c>dotnet-counters monitor -p PID</c>). Prints the worker's
/// pid first, then one line per window: both p50s, their ratio, the in-worker
/// <c>ClinicalAnswer.For</c> p50 (the app's <c>Server-Timing</c> header), the worker's CPU per pair
/// of requests and the load average. Not a benchmark: a steady load to look at.
/// </summary>
public static class HostLoad
{
    public static async Task<int> RunAsync(TimeSpan duration, TimeSpan window, IReadOnlyDictionary<string, string> settings, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var azurite = await Task.Run(() => new AzuriteFixture()).ConfigureAwait(false);
        using var client = HostedApp.NewClient();
        await using var host = await HostedApp.StartAsync(azurite, settings).ConfigureAwait(false);
        await HostedApp.WaitUntilAssessingAsync(client, host).ConfigureAwait(false);
        var pid = host.WorkerProcessId;
        output.WriteLine(FormattableString.Invariant($"worker pid {pid}"));
        output.WriteLine("| window end (s) | pairs | assessment p50 | Fallback p50 | ratio | in-worker ClinicalAnswer.For p50 | worker CPU per pair | load (1-min) |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        await output.FlushAsync().ConfigureAwait(false);

        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            var assessments = new List<double>();
            var fallbacks = new List<double>();
            var cpu = HostedApp.CpuTime(pid);
            var windowStarted = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(windowStarted) < window)
            {
                var (a, aMs) = await HostedApp.SendAsync(client, host.BaseAddress, HostRequest.Assessment).ConfigureAwait(false);
                var (f, fMs) = await HostedApp.SendAsync(client, host.BaseAddress, HostRequest.Fallback).ConfigureAwait(false);
                if (a != HostRequest.Assessment.Expected || f != HostRequest.Fallback.Expected)
                {
                    throw new InvalidOperationException($"Unexpected answers: assessment {(int)a}, Fallback {(int)f}.");
                }

                assessments.Add(aMs);
                fallbacks.Add(fMs);
            }

            var cpuPerPair = (HostedApp.CpuTime(pid) - cpu).TotalMilliseconds / assessments.Count;
            // One Server-Timing per assessment: the window's are the last ones.
            var inWorker = HostedApp.EvaluateTimings.TakeLast(assessments.Count).ToList();
            var a50 = Median(assessments);
            var f50 = Median(fallbacks);
            output.WriteLine(FormattableString.Invariant(
                $"| {Stopwatch.GetElapsedTime(started).TotalSeconds:0} | {assessments.Count} | {a50:0.00} ms | {f50:0.00} ms | {a50 / f50:0.00}× | {(inWorker.Count == 0 ? "–" : $"{Median(inWorker):0.000} ms")} | {cpuPerPair:0.00} ms | {HostedApp.LoadAverage().One:0.00} |"));
            await output.FlushAsync().ConfigureAwait(false);
        }

        return 0;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count == 0 ? double.NaN : values[(values.Count - 1) / 2];
    }
}
