using BenchmarkDotNet.Running;
using Lena.Benchmarks;

// "verify": only check that the RulesEngine workflow decides as DosingEvaluator does (fast, no timing).
if (args is ["verify"])
{
    var mismatches = DosingEngineComparison.Verify(new RulesEngineDosing(), Console.Out);
    Console.WriteLine(mismatches.Count == 0
        ? $"RulesEngine workflow and DosingEvaluator agree on all {Inputs.EquivalenceCases().Count()} cases."
        : string.Join(Environment.NewLine, mismatches));
    return mismatches.Count == 0 ? 0 : 1;
}

// "breakdown": a rough split of one assessment request into parse, evaluate and serialize.
if (args is ["breakdown"])
{
    Breakdown.Run(Console.Out);
    return 0;
}

// "cds-breakdown": the CDS Hooks order-sign call against the sum of its steps, timed alike.
if (args is ["cds-breakdown"])
{
    CdsBreakdown.Run(Console.Out);
    return 0;
}

// "cds-loop SECONDS": the whole order-sign call in a loop (after a warm-up), for a CPU profile of it
// (RESULTS.md §4: run under DOTNET_EnableEventPipe, then "trace").
if (args is ["cds-loop", var loopSeconds])
{
    CdsBreakdown.Loop(TimeSpan.FromSeconds(double.Parse(loopSeconds, System.Globalization.CultureInfo.InvariantCulture)), Console.Out);
    return 0;
}

// "host": the built app under lena-host against Azurite, over loopback HTTP (see HostRun and RESULTS.md);
// "--quick" is a short smoke run of the same harness, not for numbers; "--set NAME=VALUE" (repeatable)
// adds an app setting to every host of the run, for comparisons; "--latency" runs only the latency
// phase (the assessment ÷ Fallback comparison), without the cold starts and the memory phase.
if (args is ["host", ..])
{
    var plan = args.Contains("--quick") ? HostRun.Plan.Quick : HostRun.Plan.Full;
    plan = plan with { LatencyOnly = args.Contains("--latency") };
    var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    for (var i = 1; i < args.Length; i++)
    {
        if (args[i] == "--set" && i + 1 < args.Length && args[i + 1].Split('=', 2) is [var name, var value])
        {
            settings[name] = value;
            i++;
        }
        else if (args[i] is not ("--quick" or "--latency"))
        {
            Console.Error.WriteLine($"Unknown host option {args[i]}: use host [--quick] [--latency] [--set NAME=VALUE]...");
            return 2;
        }
    }

    return await HostRun.RunAsync(plan with { Settings = settings }, Console.Out);
}

// "trace FILE.nettrace [--top N] [--under FRAME]...": JIT tiers, GCs and the CPU profile of a worker trace
// (TraceReport); each "--under" adds the split of the samples below the frames whose name contains FRAME.
if (args is ["trace", var tracePath, ..])
{
    var top = 25;
    var under = new List<string>();
    for (var i = 2; i + 1 < args.Length; i += 2)
    {
        switch (args[i])
        {
            case "--top": top = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
            case "--under": under.Add(args[i + 1]); break;
            default:
                Console.Error.WriteLine($"Unknown trace option {args[i]}: use trace FILE [--top N] [--under FRAME]...");
                return 2;
        }
    }

    return TraceReport.Run(tracePath, top, under, Console.Out);
}

// "load [--seconds N] [--window N] [--set NAME=VALUE]...": a steady sequential load on the app under
// lena-host, the worker's pid printed first, for dotnet-trace / dotnet-counters (see RESULTS.md).
if (args is ["load", ..])
{
    var seconds = 60.0;
    var window = 5.0;
    var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    for (var i = 1; i + 1 < args.Length; i += 2)
    {
        switch (args[i])
        {
            case "--seconds": seconds = double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
            case "--window": window = double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
            case "--set" when args[i + 1].Split('=', 2) is [var name, var value]: settings[name] = value; break;
            default:
                Console.Error.WriteLine($"Unknown load option {args[i]}: use load [--seconds N] [--window N] [--set NAME=VALUE]...");
                return 2;
        }
    }

    return await HostLoad.RunAsync(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(window), settings, Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(Inputs).Assembly).Run(args);
return 0;
