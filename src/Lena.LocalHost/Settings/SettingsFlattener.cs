using System.Globalization;
using System.Text.Json;

namespace Lena.LocalHost.Settings;

/// <summary>
/// Turns a JSON object of settings into flat environment-variable names and string values, the
/// way the worker's configuration reads them: nested objects become <c>Section__Key</c>, array
/// items <c>Section__0</c>, a <c>:</c> in a name becomes <c>__</c>, and numbers and booleans
/// keep their JSON text. Nulls are left out.
/// </summary>
public static class SettingsFlattener
{
    public static IReadOnlyDictionary<string, string> Flatten(JsonElement values)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (values.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"Settings must be a JSON object, not {values.ValueKind}.");
        }

        foreach (var property in values.EnumerateObject())
        {
            Add(result, NormalizeName(property.Name), property.Value);
        }

        return result;
    }

    /// <summary>The environment-variable form of a configuration key: <c>A:B</c> → <c>A__B</c>.</summary>
    public static string NormalizeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Replace(":", "__", StringComparison.Ordinal);
    }

    private static void Add(Dictionary<string, string> result, string name, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    Add(result, name + "__" + NormalizeName(property.Name), property.Value);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Add(result, name + "__" + index.ToString(CultureInfo.InvariantCulture), item);
                    index++;
                }

                break;
            case JsonValueKind.String:
                result[name] = value.GetString()!;
                break;
            case JsonValueKind.Number:
            case JsonValueKind.True:
            case JsonValueKind.False:
                result[name] = value.GetRawText();
                break;
            default:
                break;
        }
    }
}
