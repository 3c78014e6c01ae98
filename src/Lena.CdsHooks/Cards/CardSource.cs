using System.Text.Json.Serialization;

namespace Lena.CdsHooks.Cards;

public sealed record CardSource(
    string Label,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Coding? Topic = null);
