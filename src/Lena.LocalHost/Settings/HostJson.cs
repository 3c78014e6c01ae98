using System.Text.Json;

namespace Lena.LocalHost.Settings;

/// <summary>What lena-host reads from the app's <c>host.json</c>: the HTTP route prefix (default <c>api</c>).</summary>
public sealed record HostJson(string RoutePrefix)
{
    public const string DefaultRoutePrefix = "api";

    public static HostJson Load(string appDirectory)
    {
        ArgumentNullException.ThrowIfNull(appDirectory);
        var path = Path.Combine(appDirectory, "host.json");
        if (!File.Exists(path))
        {
            return new HostJson(DefaultRoutePrefix);
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return Parse(document.RootElement);
    }

    public static HostJson Parse(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
            && extensions.TryGetProperty("http", out var http) && http.ValueKind == JsonValueKind.Object
            && http.TryGetProperty("routePrefix", out var prefix) && prefix.ValueKind == JsonValueKind.String)
        {
            return new HostJson(prefix.GetString()!.Trim('/'));
        }

        return new HostJson(DefaultRoutePrefix);
    }
}
