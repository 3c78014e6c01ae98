using Lena.Clinical.Dosing;
using Lena.Clinical.Monitoring;
using Lena.Clinical.Rules;
using Lena.Clinical.Vte;

namespace Lena.Clinical.Contract.Responses;

/// <summary>All four concerns in one answer; findings are the union, one per code.</summary>
public sealed record AssessmentResponse : EvaluationResponse
{
    public required DoseRecommendation Dose { get; init; }
    public required IReadOnlyList<ScheduledCheck> Checks { get; init; }
    public required IReadOnlyList<MonitoringRuleSummary> Rules { get; init; }
    public required ProphylaxisAdvice Prophylaxis { get; init; }
    public required ContraindicationStatus Status { get; init; }
}
