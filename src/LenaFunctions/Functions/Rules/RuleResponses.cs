using Lena.Clinical.Rules;
using Lena.Storage.Rules;

namespace LenaFunctions.Functions.Rules;

/// <summary>The active rule set as <c>GET /api/rules</c> returns it.</summary>
public sealed record ActiveRuleSetResponse(string Version, string ETag, bool Degraded, RuleSet RuleSet);

public sealed record RuleVersionsResponse(string? Active, IReadOnlyList<RuleSetVersionInfo> Versions);

public sealed record RuleVersionResponse(RuleSetVersionInfo Info, RuleSet RuleSet);

public sealed record ActivationResponse(string Version, string ETag, DateTimeOffset? ActivatedAt);

public sealed record RuleAuditResponse(IReadOnlyList<RuleAuditEntry> Entries);
