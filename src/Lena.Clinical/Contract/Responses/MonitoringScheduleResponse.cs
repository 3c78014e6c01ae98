using Lena.Clinical.Monitoring;

namespace Lena.Clinical.Contract.Responses;

public sealed record MonitoringScheduleResponse : EvaluationResponse
{
    public required IReadOnlyList<ScheduledCheck> Checks { get; init; }
    public required IReadOnlyList<MonitoringRuleSummary> Rules { get; init; }
}
