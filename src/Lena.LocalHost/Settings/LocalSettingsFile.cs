using System.Text.Json;

namespace Lena.LocalHost.Settings;

/// <summary>
/// A <c>local.settings.json</c> as Core Tools reads it: <c>Values</c> become the worker's
/// environment, <c>ConnectionStrings</c> become <c>ConnectionStrings__name</c>, and
/// <c>Host.LocalHttpPort</c> is the default HTTP port.
/// </summary>
public sealed record LocalSettingsFile(string Path, IReadOnlyDictionary<string, string> Values, int? LocalHttpPort)
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static LocalSettingsFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var document = ParseFile(path);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path} must hold a JSON object.");
        }

        if (root.TryGetProperty("IsEncrypted", out var encrypted) && encrypted.ValueKind == JsonValueKind.True)
        {
            throw new InvalidDataException($"{path} is encrypted (IsEncrypted: true); lena-host reads only plain settings. Decrypt it with 'func settings decrypt' or use the sample.");
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (root.TryGetProperty(nameof(Values), out var valuesElement) && valuesElement.ValueKind != JsonValueKind.Null)
        {
            foreach (var (name, value) in SettingsFlattener.Flatten(valuesElement))
            {
                values[name] = value;
            }
        }

        if (root.TryGetProperty("ConnectionStrings", out var connectionStrings) && connectionStrings.ValueKind == JsonValueKind.Object)
        {
            foreach (var (name, value) in SettingsFlattener.Flatten(connectionStrings))
            {
                values["ConnectionStrings__" + name] = value;
            }
        }

        int? port = null;
        if (root.TryGetProperty("Host", out var host) && host.ValueKind == JsonValueKind.Object
            && host.TryGetProperty(nameof(LocalHttpPort), out var portElement) && portElement.ValueKind == JsonValueKind.Number)
        {
            port = portElement.GetInt32();
        }

        return new LocalSettingsFile(path, values, port);
    }

    private static JsonDocument ParseFile(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path), Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {ex.Message}", ex);
        }
    }
}
