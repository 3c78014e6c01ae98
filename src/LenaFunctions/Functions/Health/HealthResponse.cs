namespace LenaFunctions.Functions.Health;

/// <summary><c>GET /api/health</c>: healthy, degraded (answering from the cached rule set) or unhealthy (503).</summary>
public sealed record HealthResponse(string Status, string? RuleSetVersion, IReadOnlyList<string> Unreachable, DateTimeOffset? RuleSetConfirmedAt);
