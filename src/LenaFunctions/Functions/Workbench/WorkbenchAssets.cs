using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LenaFunctions.Functions.Workbench;

/// <summary>
/// The workbench's files, embedded in the build: the page, its script and style, and the reference
/// panel (<c>samples/panel/</c>) as one JSON array of <c>{ name, snapshot }</c>. Read once.
/// </summary>
public static class WorkbenchAssets
{
    public const string PanelAsset = "panel.json";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".json"] = "application/json; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly Lazy<FrozenDictionary<string, (string ContentType, byte[] Body)>> Files = new(Load);

    /// <summary>The asset by its name (<c>index.html</c>, <c>workbench.js</c>, <c>workbench.css</c>, <c>panel.json</c>), or null.</summary>
    public static (string ContentType, byte[] Body)? Find(string name) =>
        Files.Value.TryGetValue(name, out var file) ? file : null;

    private static FrozenDictionary<string, (string, byte[])> Load()
    {
        var assembly = typeof(WorkbenchAssets).Assembly;
        var files = new Dictionary<string, (string, byte[])>(StringComparer.Ordinal);
        var panel = new JsonArray();
        foreach (var resource in assembly.GetManifestResourceNames().Order(StringComparer.Ordinal))
        {
            var bytes = Read(assembly, resource);
            if (resource.StartsWith("workbench/", StringComparison.Ordinal))
            {
                var name = resource["workbench/".Length..];
                files[name] = (ContentTypes[Path.GetExtension(name)], bytes);
            }
            else if (resource.StartsWith("panel/", StringComparison.Ordinal))
            {
                panel.Add(new JsonObject
                {
                    ["name"] = Path.GetFileNameWithoutExtension(resource["panel/".Length..]),
                    ["snapshot"] = JsonNode.Parse(bytes),
                });
            }
        }

        files[PanelAsset] = (ContentTypes[".json"], JsonSerializer.SerializeToUtf8Bytes(panel));
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static byte[] Read(System.Reflection.Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
