using System.Text.Json.Nodes;

namespace Lena.CdsHooks.Cards;

/// <summary>A CDS Hooks 2.0 card. Optional members are null when absent, and so omitted on the wire.</summary>
public sealed record Card
{
    public required string Uuid { get; init; }

    /// <summary>Under 140 characters (the spec's limit).</summary>
    public required string Summary { get; init; }
    public string? Detail { get; init; }
    public required CardIndicator Indicator { get; init; }
    public required CardSource Source { get; init; }
    public IReadOnlyList<Suggestion>? Suggestions { get; init; }

    /// <summary>Present exactly when there are suggestions.</summary>
    public string? SelectionBehavior { get; init; }
    public IReadOnlyList<Coding>? OverrideReasons { get; init; }
}

public sealed record CardSource(string Label, string? Url = null, Coding? Topic = null);

public sealed record Coding(string System, string Code, string? Display = null);

public sealed record Suggestion
{
    public required string Label { get; init; }
    public required string Uuid { get; init; }
    public bool? IsRecommended { get; init; }
    public required IReadOnlyList<SuggestionAction> Actions { get; init; }
}

public sealed record SuggestionAction
{
    /// <summary>create | update | delete.</summary>
    public required string Type { get; init; }
    public required string Description { get; init; }

    /// <summary>The FHIR resource to create or the updated resource (update).</summary>
    public JsonObject? Resource { get; init; }

    /// <summary>delete: the relative references to remove ("MedicationRequest/abc").</summary>
    public IReadOnlyList<string>? ResourceId { get; init; }
}

/// <summary>The body of a service response. This service never sends systemActions.</summary>
public sealed record CdsHooksResponse(IReadOnlyList<Card> Cards);
