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

// "host": the built app under lena-host against Azurite, over loopback HTTP (see HostRun and RESULTS.md);
// "--quick" is a short smoke run of the same harness, not for numbers; "--set NAME=VALUE" (repeatable)
// adds an app setting to every host of the run, for comparisons.
if (args is ["host", ..])
{
    var plan = args.Contains("--quick") ? HostRun.Plan.Quick : HostRun.Plan.Full;
    var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    for (var i = 1; i < args.Length; i++)
    {
        if (args[i] == "--set" && i + 1 < args.Length && args[i + 1].Split('=', 2) is [var name, var value])
        {
            settings[name] = value;
            i++;
        }
        else if (args[i] != "--quick")
        {
            Console.Error.WriteLine($"Unknown host option {args[i]}: use host [--quick] [--set NAME=VALUE]...");
            return 2;
        }
    }

    return await HostRun.RunAsync(plan with { Settings = settings }, Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(Inputs).Assembly).Run(args);
return 0;
