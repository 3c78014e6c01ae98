using System.Text.Json.Serialization;

namespace Lena.CdsHooks.Cards;

public sealed record Coding(
    string System,
    string Code,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Display = null);
