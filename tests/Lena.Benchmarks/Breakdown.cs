using System.Diagnostics;
using System.Text.Json;
using Lena.Clinical.Assessment;
using Lena.Clinical.Contract;
using Lena.Clinical.Derived;
using Lena.Clinical.Contraindications;
using Lena.Clinical.Dosing;
using Lena.Clinical.Monitoring;
using Lena.Clinical.Vte;
using Lena.Clinical.Rules;

namespace Lena.Benchmarks;

/// <summary>
/// "breakdown": where the time of one assessment request goes (parse, evaluate, serialize), and the
/// dosing comparison, each as the fastest of many short batches: a rough view that tolerates other
/// processes on the machine, not a BenchmarkDotNet result.
/// </summary>
public static class Breakdown
{
    public static void Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rules = RuleSetDocument.Default;
        var engine = new RulesEngineDosing();
        foreach (var name in Inputs.Benchmarked)
        {
            var body = Inputs.Bytes(name);
            var snapshot = Inputs.Parse(body, Concern.Assessment);
            var response = ClinicalEvaluator.Evaluate(Concern.Assessment, PatientContext.Create(snapshot, rules, Inputs.Today));
            output.WriteLine($"{name}:");
            Time(output, "SnapshotParser.Parse", () => SnapshotParser.Parse(body, Concern.Assessment, rules, Inputs.Today));
            Time(output, "PatientContext.Create + Evaluate", () => ClinicalEvaluator.Evaluate(Concern.Assessment, PatientContext.Create(snapshot, rules, Inputs.Today)));
            Time(output, "serialize response (reflection)", () => JsonSerializer.SerializeToUtf8Bytes(response, response.GetType(), LenaJson.Options));
            Time(output, "serialize response (source-generated)", () => ResponseJson.Serialize(response));
            Time(output, "ClinicalAnswer.For", () => ClinicalAnswer.For(Concern.Assessment, body, rules, Inputs.Today));
            var stored = Inputs.Rules(Inputs.StoredRules);
            Time(output, "ClinicalAnswer.For, rule set as stored", () => ClinicalAnswer.For(Concern.Assessment, body, stored, Inputs.Today));

            var context = PatientContext.Create(snapshot, rules, Inputs.Today);
            var facts = DosingFacts.From(snapshot);
            var ours = Time(output, "DosingEvaluator.Evaluate(ctx)", () => DosingEvaluator.Evaluate(context));
            var dosing = DosingEvaluator.Evaluate(context);
            Time(output, "PatientContext.Create", () => PatientContext.Create(snapshot, rules, Inputs.Today));
            Time(output, "MonitoringPlanner.Plan(ctx)", () => MonitoringPlanner.Plan(context));
            Time(output, "VteProphylaxisEvaluator.Evaluate(ctx)", () => VteProphylaxisEvaluator.Evaluate(context));
            Time(output, "ContraindicationEvaluator.Evaluate(ctx)", () => ContraindicationEvaluator.Evaluate(context, dosing));
            var oursWithContext = Time(output, "PatientContext.Create + DosingEvaluator", () => DosingEvaluator.Evaluate(PatientContext.Create(snapshot, rules, Inputs.Today)));
            var theirs = Time(output, "RulesEngine workflow", () => engine.DecideAsync(facts).AsTask().GetAwaiter().GetResult());
            output.WriteLine($"  RulesEngine / DosingEvaluator(ctx) = {theirs / ours:F1}x; / (Create + DosingEvaluator) = {theirs / oursWithContext:F1}x");
        }
    }

    private static double Time(TextWriter output, string what, Func<object> action)
    {
        const int Batch = 200;
        for (var i = 0; i < 2000; i++)
        {
            action();
        }

        var best = double.MaxValue;
        for (var round = 0; round < 200; round++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Batch; i++)
            {
                action();
            }

            best = Math.Min(best, watch.Elapsed.TotalMicroseconds / Batch);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"  {what,-40} {best,8:F1} µs (fastest batch of {Batch}) {allocated / 1024.0,7:F1} KB allocated");
        return best;
    }
}
