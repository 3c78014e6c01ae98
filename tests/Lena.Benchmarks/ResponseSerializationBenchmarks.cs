using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Lena.Clinical.Assessment;
using Lena.Clinical.Contract;
using Lena.Clinical.Contract.Responses;
using Lena.Clinical.Derived;
using Lena.Clinical.Rules;

namespace Lena.Benchmarks;

/// <summary>
/// Writing one assessment response (≈ 10.5 KB): the reflection-based serializer with <see cref="LenaJson.Options"/>
/// (what <c>ClinicalAnswer</c> did before issue 15) against the source-generated writer it uses now
/// (<see cref="ResponseJson"/>). Both give the same bytes (checked in <c>GlobalSetup</c>).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class ResponseSerializationBenchmarks
{
    private EvaluationResponse _response = null!;

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = Inputs.StartingRenal;

    public static IEnumerable<string> Cases => Inputs.Benchmarked;

    [GlobalSetup]
    public void Setup()
    {
        var snapshot = Inputs.Parse(Inputs.Bytes(Case), Concern.Assessment);
        _response = ClinicalEvaluator.Evaluate(Concern.Assessment, PatientContext.Create(snapshot, RuleSetDocument.Default, Inputs.Today));
        if (!Reflection().AsSpan().SequenceEqual(SourceGenerated()))
        {
            throw new InvalidOperationException($"{Case}: the source-generated writer answers other bytes than the reflection-based one.");
        }
    }

    [Benchmark(Baseline = true, Description = "reflection (JsonSerializer + LenaJson.Options)")]
    public byte[] Reflection() => JsonSerializer.SerializeToUtf8Bytes(_response, _response.GetType(), LenaJson.Options);

    [Benchmark(Description = "source-generated (ResponseJson.Serialize)")]
    public byte[] SourceGenerated() => ResponseJson.Serialize(_response);
}
