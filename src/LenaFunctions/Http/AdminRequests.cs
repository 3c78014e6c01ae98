using System.Text.Json;

namespace LenaFunctions.Http;

/// <summary>Body of <c>POST /api/rules/versions</c>: the rule set and who publishes it, why.</summary>
public sealed record PublishRuleVersionRequest
{
    public required string Author { get; init; }
    public required string Reason { get; init; }
    public string? BasedOn { get; init; }
    public required JsonElement RuleSet { get; init; }
}

/// <summary>Body of <c>PUT /api/rules/active</c> (with <c>If-Match</c>): the version to make live.</summary>
public sealed record ActivateRuleVersionRequest
{
    public required string Version { get; init; }
    public required string Actor { get; init; }
    public required string Reason { get; init; }
}
