using System.Text.Json.Serialization;

namespace Lena.CdsHooks.Cards;

public sealed record Suggestion
{
    public required string Label { get; init; }
    public required string Uuid { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? IsRecommended { get; init; }
    public required IReadOnlyList<SuggestionAction> Actions { get; init; }
}
