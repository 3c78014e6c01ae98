using System.Globalization;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Lena.Benchmarks;

/// <summary>
/// "trace FILE.nettrace": what an EventPipe trace of the worker shows, for RESULTS.md. Collect it
/// with <c>dotnet-trace collect -p PID --profile dotnet-sampled-thread-time,dotnet-common</c> while
/// <c>load</c> runs. Prints, per second of the trace, the methods the JIT compiled by tier, the
/// runtime suspensions (for GC and for everything else: tiered compilation's call counting and
/// code installs suspend the runtime too) and the managed CPU samples; then which of the app's own
/// methods were still below tier 1, and the CPU profile of the managed samples (the sampler marks
/// threads running managed code; threads waiting in native code are "external" and left out, so
/// this is CPU, not wall-clock, time). With <c>--under FRAME</c>: of the samples whose stack holds a
/// frame containing FRAME (the one nearest the thread's start), how they split among its direct callees.
/// </summary>
public static class TraceReport
{
    private const string SampleProvider = "Microsoft-DotNETCore-SampleProfiler";

    public static int Run(string path, int top, IReadOnlyList<string> under, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(under);
        var callees = under.ToDictionary(u => u, _ => new Dictionary<string, int>(StringComparer.Ordinal), StringComparer.Ordinal);
        var timeline = new SortedDictionary<int, Second>();
        var appTiers = new Dictionary<string, OptimizationTier>(StringComparer.Ordinal);
        var gcs = new SortedDictionary<int, int>();
        var pauses = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        double seconds;

        // Pass 1, the raw events: JIT, GC and suspensions (TraceLog keeps method loads for itself).
        using (var raw = new EventPipeEventSource(path))
        {
            (double At, string Reason)? suspended = null;
            raw.Clr.MethodLoadVerbose += m =>
            {
                At(timeline, m.TimeStampRelativeMSec).Jitted[Tier(m.OptimizationTier)]++;
                if (m.MethodNamespace.StartsWith("Lena", StringComparison.Ordinal))
                {
                    appTiers[$"{m.MethodNamespace}.{m.MethodName}"] = m.OptimizationTier;
                }
            };
            raw.Clr.TieredCompilationBackgroundJitStop += e => At(timeline, e.TimeStampRelativeMSec).BackgroundJitted += e.JittedMethodCount;
            raw.Clr.GCStart += g => gcs[g.Depth] = gcs.GetValueOrDefault(g.Depth) + 1;
            raw.Clr.GCSuspendEEStart += e => suspended = (e.TimeStampRelativeMSec, e.Reason == GCSuspendEEReason.SuspendForGC || e.Reason == GCSuspendEEReason.SuspendForGCPrep ? "GC" : "other");
            raw.Clr.GCRestartEEStop += e =>
            {
                if (suspended is { } s)
                {
                    var pause = e.TimeStampRelativeMSec - s.At;
                    (pauses.TryGetValue(s.Reason, out var list) ? list : pauses[s.Reason] = []).Add(pause);
                    var second = At(timeline, s.At);
                    if (s.Reason == "GC")
                    {
                        second.GcPauseMs += pause;
                    }
                    else
                    {
                        second.OtherSuspensions++;
                        second.OtherPauseMs += pause;
                    }

                    suspended = null;
                }
            };
            raw.Process();
            seconds = raw.SessionDuration.TotalSeconds;
        }

        // Pass 2, the CPU samples with their stacks.
        var exclusive = new Dictionary<string, int>(StringComparer.Ordinal);
        var inclusive = new Dictionary<string, int>(StringComparer.Ordinal);
        int managed = 0, external = 0;
        var etlx = TraceLog.CreateFromEventPipeDataFile(path);
        using (var log = new TraceLog(etlx))
        using (var source = log.Events.GetSource())
        {
            source.AllEvents += e =>
            {
                if (e.ProviderName != SampleProvider)
                {
                    return;
                }

                if (!string.Equals(e.PayloadByName("Type")?.ToString(), "Managed", StringComparison.Ordinal))
                {
                    external++;
                    return;
                }

                managed++;
                At(timeline, e.TimeStampRelativeMSec).ManagedSamples++;
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var first = true;
                var stack = new List<string>();
                for (var frame = e.CallStack(); frame is not null; frame = frame.Caller)
                {
                    var name = Shorten(frame.CodeAddress.FullMethodName);
                    stack.Add(name);
                    if (first)
                    {
                        exclusive[name] = exclusive.GetValueOrDefault(name) + 1;
                        first = false;
                    }

                    if (seen.Add(name))
                    {
                        inclusive[name] = inclusive.GetValueOrDefault(name) + 1;
                    }
                }

                // The stack runs leaf first: the frame nearest the thread's start is the last match.
                foreach (var (frame, split) in callees)
                {
                    var at = stack.FindLastIndex(n => n.Contains(frame, StringComparison.Ordinal));
                    if (at >= 0)
                    {
                        var callee = at == 0 ? "(itself)" : stack[at - 1];
                        split[callee] = split.GetValueOrDefault(callee) + 1;
                    }
                }
            };
            source.Process();
        }

        File.Delete(etlx);
        output.WriteLine(FormattableString.Invariant($"Trace {Path.GetFileName(path)}: {seconds:0.0} s."));
        output.WriteLine();
        output.WriteLine("| second | methods jitted: tier 0 | instrumented | tier 1 (incl. OSR) | other | runtime suspensions not for GC (their time) | GC pause time | tier-1 background JIT: methods | managed CPU samples |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (second, s) in timeline)
        {
            output.WriteLine(FormattableString.Invariant($"| {second} | {s.Jitted[0]} | {s.Jitted[1]} | {s.Jitted[2]} | {s.Jitted[3]} | {s.OtherSuspensions} ({s.OtherPauseMs:0.0} ms) | {s.GcPauseMs:0.0} ms | {s.BackgroundJitted} | {s.ManagedSamples} |"));
        }

        output.WriteLine();
        output.WriteLine(FormattableString.Invariant($"GCs: {string.Join(", ", gcs.Select(g => $"gen{g.Key} {g.Value}"))}. Runtime suspensions: {string.Join("; ", pauses.Select(p => $"{p.Key} {p.Value.Count}, {p.Value.Sum():0.0} ms in all, max {p.Value.Max():0.00} ms"))}."));
        var below = appTiers.Where(p => Tier(p.Value) is 0 or 1).Select(p => $"{p.Key} ({p.Value})").Order(StringComparer.Ordinal).ToList();
        output.WriteLine(FormattableString.Invariant($"App methods (Lena*) compiled during the trace: {appTiers.Count}, last compiled below tier 1: {below.Count}."));
        foreach (var name in below.Take(top))
        {
            output.WriteLine($"  {name}");
        }

        output.WriteLine();
        output.WriteLine(FormattableString.Invariant($"CPU samples: {managed} managed (running managed code), {external} external (native or waiting; left out below)."));
        Table(output, "exclusive", exclusive, managed, top);
        Table(output, "inclusive", inclusive, managed, top);
        foreach (var (frame, split) in callees)
        {
            var total = split.Values.Sum();
            output.WriteLine();
            output.WriteLine(FormattableString.Invariant($"Below the first frame containing \"{frame}\": {total} samples ({100.0 * total / Math.Max(1, managed):0.0} % of the managed ones), by direct callee:"));
            foreach (var (name, count) in split.OrderByDescending(p => p.Value).Take(top))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {100.0 * count / Math.Max(1, total),5:0.0} %  {name}"));
            }
        }

        return 0;
    }

    /// <summary>0 tier 0 (quick JIT, min-opts), 1 instrumented (PGO), 2 optimized (tier 1, OSR, full opts), 3 anything else.</summary>
    private static int Tier(OptimizationTier tier) => tier switch
    {
        OptimizationTier.QuickJitted or OptimizationTier.MinOptJitted => 0,
        OptimizationTier.OptimizedTier1 or OptimizationTier.OptimizedTier1OSR or OptimizationTier.Optimized => 2,
        _ when tier.ToString().Contains("Instrumented", StringComparison.Ordinal) => 1,
        _ => 3,
    };

    private static Second At(SortedDictionary<int, Second> timeline, double milliseconds)
    {
        var key = (int)(milliseconds / 1000);
        return timeline.TryGetValue(key, out var second) ? second : timeline[key] = new Second();
    }

    private static void Table(TextWriter output, string kind, Dictionary<string, int> counts, int total, int top)
    {
        output.WriteLine();
        output.WriteLine($"Top {top} by {kind} managed samples:");
        foreach (var (name, count) in counts.OrderByDescending(p => p.Value).Take(top))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {100.0 * count / Math.Max(1, total),5:0.0} %  {name}"));
        }
    }

    /// <summary>Drops the parameter list: frames read better by type and method.</summary>
    private static string Shorten(string name)
    {
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        return paren > 0 ? name[..paren] : name;
    }

    private sealed class Second
    {
        public int[] Jitted { get; } = new int[4];

        public int OtherSuspensions { get; set; }

        public double OtherPauseMs { get; set; }

        public double GcPauseMs { get; set; }

        public int ManagedSamples { get; set; }

        public int BackgroundJitted { get; set; }
    }
}
