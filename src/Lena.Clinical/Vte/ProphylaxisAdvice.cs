using System.Text.Json.Serialization;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Vte;

[System.Text.Json.Serialization.JsonConverter(typeof(Contract.CamelCaseEnumConverter<ProphylaxisRecommendation>))]
public enum ProphylaxisRecommendation
{
    Aspirin,
    LmwhOrWarfarin,

    /// <summary>The patient already takes a therapeutic anticoagulant: it covers prophylaxis; add no aspirin.</summary>
    ExistingAnticoagulation,

    /// <summary>No lenalidomide is to be given (the dose gate is closed): no prophylaxis advice.</summary>
    NotApplicable,
}

public sealed record DoseRange(double Min, double Max);

public sealed record LmwhDose(string Agent, double DoseMg, DoseFrequency Frequency);

/// <summary>The <c>prophylaxis</c> part of a VteProphylaxis response (API.md).</summary>
public sealed record ProphylaxisAdvice
{
    public required ProphylaxisRecommendation Recommendation { get; init; }

    /// <summary>Aspirin dose range in mg once daily; null with LMWH or warfarin.</summary>
    public DoseRange? AspirinDoseMg { get; init; }
    public required IReadOnlyList<VteRiskFactor> RiskFactors { get; init; }
    public required int IndividualRiskFactorCount { get; init; }
    public required bool TherapyRelatedRisk { get; init; }

    /// <summary>With lmwhOrWarfarin: the LMWH dose (renally adjusted where needed).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LmwhDose? Lmwh { get; init; }

    /// <summary>With lmwhOrWarfarin: the INR range for full-dose warfarin.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DoseRange? WarfarinInrTarget { get; init; }
}

public sealed record VteResult(ProphylaxisAdvice Prophylaxis, IReadOnlyList<Findings.Finding> Findings);
