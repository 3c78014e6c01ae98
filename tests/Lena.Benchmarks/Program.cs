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

BenchmarkSwitcher.FromAssembly(typeof(Inputs).Assembly).Run(args);
return 0;
