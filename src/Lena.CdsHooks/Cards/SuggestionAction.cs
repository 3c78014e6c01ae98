using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Lena.CdsHooks.Cards;

public sealed record SuggestionAction
{
    /// <summary>create | update | delete.</summary>
    public required string Type { get; init; }
    public required string Description { get; init; }

    /// <summary>The FHIR resource to create or the updated resource (update).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Resource { get; init; }

    /// <summary>delete: the relative references to remove ("MedicationRequest/abc").</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? ResourceId { get; init; }
}
