using System.Text.Json.Serialization;
using Lena.Clinical.Derived;
using Lena.Clinical.Findings;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Contract.Responses;

/// <summary>The common envelope of every clinical response (API.md); each concern adds its part after it.</summary>
public abstract record EvaluationResponse
{
    [JsonPropertyOrder(-4)]
    public required string RuleSetVersion { get; init; }

    [JsonPropertyOrder(-3)]
    public required Indication Indication { get; init; }

    [JsonPropertyOrder(-2)]
    public required DerivedValues Derived { get; init; }

    [JsonPropertyOrder(-1)]
    public required IReadOnlyList<Finding> Findings { get; init; }
}
