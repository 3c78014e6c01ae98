using System.Diagnostics;

namespace Lena.Benchmarks;

/// <summary>
/// "cds-breakdown": the CDS Hooks order-sign call and each of its steps, timed alike in one process
/// (fastest of many short batches, as <see cref="Breakdown"/>), with the garbage collections each
/// causes: does the whole call cost more than the sum of its steps, and why.
/// </summary>
public static class CdsBreakdown
{
    public static void Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var call = new CdsHooksBenchmarks();
        call.Setup();
        var steps = new (string Name, Func<object> Action)[]
        {
            ("parse the request", call.ParseRequest),
            ("read the draft orders", call.ReadDrafts),
            ("read the prefetch", call.ReadPrefetch),
            ("map FHIR → snapshot", call.Map),
            ("validate per concern (3×)", () => call.ValidatePerConcern()),
            ("evaluate the parts and build the cards", call.BuildCards),
        };
        var sum = 0.0;
        foreach (var (name, action) in steps)
        {
            sum += Time(output, name, action);
        }

        output.WriteLine($"  {"sum of the steps",-44} {sum,8:F1} µs");
        Time(output, "whole call (CdsHookService.HandleAsync)", call.ServiceCall);
    }

    /// <summary>The whole call, over and over for <paramref name="duration"/> after 2,000 warm-up calls (tier 1 by then).</summary>
    public static void Loop(TimeSpan duration, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var call = new CdsHooksBenchmarks();
        call.Setup();
        for (var i = 0; i < 2000; i++)
        {
            call.ServiceCall();
        }

        // CPU time per call as well as wall time: on a shared machine the wall time mostly says how long the
        // process waited for a core; the CPU the process used (every thread, GC included) does not.
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var calls = 0;
        while (watch.Elapsed < duration)
        {
            call.ServiceCall();
            calls++;
        }

        watch.Stop();
        process.Refresh();
        var cpuPerCall = (process.TotalProcessorTime - cpu).TotalMicroseconds / calls;
        output.WriteLine(FormattableString.Invariant($"  {calls} calls in {watch.Elapsed.TotalSeconds:F1} s: {watch.Elapsed.TotalMicroseconds / calls:F1} µs/call wall (mean), {cpuPerCall:F1} µs/call process CPU"));
    }

    private static double Time(TextWriter output, string what, Func<object> action)
    {
        const int Batch = 50;
        for (var i = 0; i < 500; i++)
        {
            action();
        }

        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var best = double.MaxValue;
        const int Rounds = 100;
        for (var round = 0; round < Rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Batch; i++)
            {
                action();
            }

            best = Math.Min(best, watch.Elapsed.TotalMicroseconds / Batch);
        }

        const double Calls = Batch * Rounds / 1000.0;
        output.WriteLine(FormattableString.Invariant(
            $"  {what,-44} {best,8:F1} µs  {(GC.GetAllocatedBytesForCurrentThread() - allocated) / (Calls * 1000) / 1024,7:F0} KB/call  GCs per 1,000 calls: gen0 {(GC.CollectionCount(0) - gen0) / Calls:F0}, gen1 {(GC.CollectionCount(1) - gen1) / Calls:F1}, gen2 {(GC.CollectionCount(2) - gen2) / Calls:F1}"));
        return best;
    }
}
