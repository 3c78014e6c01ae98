using System.Text.Json.Serialization;

namespace Lena.CdsHooks.Cards;

/// <summary>A CDS Hooks 2.0 card. Optional members are null when absent, and so omitted on the wire.</summary>
public sealed record Card
{
    public required string Uuid { get; init; }

    /// <summary>Under 140 characters (the spec's limit).</summary>
    public required string Summary { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; init; }
    public required CardIndicator Indicator { get; init; }
    public required CardSource Source { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Suggestion>? Suggestions { get; init; }

    /// <summary>Present exactly when there are suggestions.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SelectionBehavior { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Coding>? OverrideReasons { get; init; }
}
