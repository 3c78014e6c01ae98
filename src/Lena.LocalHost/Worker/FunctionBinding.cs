using System.Text.Json;

namespace Lena.LocalHost.Worker;

/// <summary>One binding of a function as its raw JSON declares it (<c>name</c>, <c>type</c>, <c>direction</c>, and the rest).</summary>
public sealed record FunctionBinding(string Name, string Type, string Direction, JsonElement Raw)
{
    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);

    public bool IsType(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);

    public static FunctionBinding Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        return FromElement(document.RootElement.Clone());
    }

    public static FunctionBinding FromElement(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("A binding must be a JSON object.");
        }

        return new FunctionBinding(
            StringProperty(element, "name") ?? throw new InvalidDataException("A binding has no name."),
            StringProperty(element, "type") ?? throw new InvalidDataException("A binding has no type."),
            StringProperty(element, "direction") ?? "In",
            element);
    }

    /// <summary>A string property, matched case-insensitively as the host does.</summary>
    public string? Text(string name) => StringProperty(Raw, name);

    public bool Flag(string name) =>
        TryGet(Raw, name, out var value) && (value.ValueKind == JsonValueKind.True
            || (value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out var parsed) && parsed));

    public IReadOnlyList<string>? TextList(string name)
    {
        if (!TryGet(Raw, name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray();
    }

    private static string? StringProperty(JsonElement element, string name) =>
        TryGet(element, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
