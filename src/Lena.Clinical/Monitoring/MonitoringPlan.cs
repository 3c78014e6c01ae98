using Lena.Clinical.Findings;
using Lena.Clinical.Rules;

namespace Lena.Clinical.Monitoring;

/// <summary>One dated check (API.md <c>checks</c>).</summary>
public sealed record ScheduledCheck(MonitoringTest Test, DateOnly DueDate, string Reason);

/// <summary>The human-readable rule behind a test's checks, with its sources (API.md <c>rules</c>).</summary>
public sealed record MonitoringRuleSummary(MonitoringTest Test, string Description, IReadOnlyList<Citation> Citations);

public sealed record MonitoringPlan(IReadOnlyList<ScheduledCheck> Checks, IReadOnlyList<MonitoringRuleSummary> Rules, IReadOnlyList<Finding> Findings);
