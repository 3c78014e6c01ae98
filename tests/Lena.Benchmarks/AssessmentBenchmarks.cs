using BenchmarkDotNet.Attributes;
using Lena.Clinical.Assessment;
using Lena.Clinical.Contract;
using Lena.Clinical.Contract.Responses;
using Lena.Clinical.Derived;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.Benchmarks;

/// <summary>
/// The full assessment (dosing, monitoring schedule, VTE, contraindications):
/// evaluation alone on a pre-parsed snapshot, and the whole request (parse + evaluate + serialize).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class AssessmentBenchmarks
{
    private byte[] _body = [];
    private PatientSnapshot _snapshot = null!;
    private RuleSet _rules = null!;

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = Inputs.StartingRenal;

    public static IEnumerable<string> Cases => Inputs.Benchmarked;

    /// <summary>The embedded rule set, and the one the worker evaluates (read back from its stored sections).</summary>
    [Params(Inputs.EmbeddedRules, Inputs.StoredRules)]
    public string Rules { get; set; } = Inputs.EmbeddedRules;

    [GlobalSetup]
    public void Setup()
    {
        _rules = Inputs.Rules(Rules);
        _body = Inputs.Bytes(Case);
        _snapshot = Inputs.Parse(_body, Concern.Assessment);
        var answer = ClinicalAnswer.For(Concern.Assessment, _body, _rules, Inputs.Today);
        if (!answer.IsSuccess)
        {
            throw new InvalidOperationException($"{Case}: the assessment is not a 200.");
        }

        if (!answer.Body.AsSpan().SequenceEqual(ClinicalAnswer.For(Concern.Assessment, _body, RuleSetDocument.Default, Inputs.Today).Body))
        {
            throw new InvalidOperationException($"{Case}: the {Rules} rule set answers other bytes than the embedded one.");
        }
    }

    [Benchmark(Description = "Evaluate (PatientContext.Create + ClinicalEvaluator.Evaluate)")]
    public EvaluationResponse Evaluate()
    {
        var context = PatientContext.Create(_snapshot, _rules, Inputs.Today);
        return ClinicalEvaluator.Evaluate(Concern.Assessment, context);
    }

    [Benchmark(Description = "Parse + evaluate + serialize (ClinicalAnswer.For)")]
    public ClinicalAnswer ParseEvaluateSerialize() => ClinicalAnswer.For(Concern.Assessment, _body, _rules, Inputs.Today);
}
