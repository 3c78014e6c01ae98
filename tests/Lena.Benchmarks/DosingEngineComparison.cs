using BenchmarkDotNet.Attributes;
using Lena.Clinical.Contract;
using Lena.Clinical.Derived;
using Lena.Clinical.Dosing;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.Benchmarks;

/// <summary>
/// The starting-dose + renal + hold decision: our <see cref="DosingEvaluator"/> against the same
/// decision as a Microsoft RulesEngine workflow (dosing.workflow.json).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class DosingEngineComparison
{
    private PatientSnapshot _snapshot = null!;
    private PatientContext _context = null!;
    private DosingFacts _facts = null!;
    private RulesEngineDosing _rulesEngine = null!;

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = Inputs.StartingRenal;

    public static IEnumerable<string> Cases => Inputs.Benchmarked;

    [GlobalSetup]
    public void Setup()
    {
        _rulesEngine = new RulesEngineDosing();
        var mismatches = Verify(_rulesEngine);
        if (mismatches.Count > 0)
        {
            throw new InvalidOperationException("The RulesEngine workflow decides differently from DosingEvaluator:\n" + string.Join("\n", mismatches));
        }

        var body = Inputs.Bytes(Case);
        _snapshot = Inputs.Parse(body, Concern.Dosing);
        _context = PatientContext.Create(_snapshot, RuleSetDocument.Default, Inputs.Today);
        _facts = DosingFacts.From(_snapshot);
    }

    /// <summary>Both engines on every equivalence case (the benchmarked ones and more); the differences.</summary>
    public static List<string> Verify(RulesEngineDosing rulesEngine, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(rulesEngine);
        var mismatches = new List<string>();
        foreach (var (name, body) in Inputs.EquivalenceCases())
        {
            var snapshot = Inputs.Parse(body, Concern.Dosing);
            var ours = DosingDecision.Of(DosingEvaluator.Evaluate(PatientContext.Create(snapshot, RuleSetDocument.Default, Inputs.Today)).Dose);
            var theirs = rulesEngine.DecideAsync(DosingFacts.From(snapshot)).AsTask().GetAwaiter().GetResult();
            log?.WriteLine($"{(ours == theirs ? "same" : "DIFF")}  {name}: {ours}");
            if (ours != theirs)
            {
                mismatches.Add($"{name}: DosingEvaluator {ours} vs RulesEngine {theirs}");
            }
        }

        return mismatches;
    }

    [Benchmark(Baseline = true, Description = "DosingEvaluator.Evaluate(ctx)")]
    public DosingResult Ours() => DosingEvaluator.Evaluate(_context);

    [Benchmark(Description = "PatientContext.Create + DosingEvaluator.Evaluate")]
    public DosingResult OursWithContext() => DosingEvaluator.Evaluate(PatientContext.Create(_snapshot, RuleSetDocument.Default, Inputs.Today));

    [Benchmark(Description = "RulesEngine workflow (ExecuteAllRulesAsync + combine)")]
    public ValueTask<DosingDecision> RulesEngine() => _rulesEngine.DecideAsync(_facts);
}
