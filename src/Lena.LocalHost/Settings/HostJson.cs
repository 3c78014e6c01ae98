using System.Text.Json;
using Lena.LocalHost.Queues;

namespace Lena.LocalHost.Settings;

/// <summary>
/// What lena-host reads from the app's <c>host.json</c>: the HTTP route prefix (default <c>api</c>)
/// and the queue trigger settings (<c>extensions.queues</c>), which app settings named
/// <c>AzureFunctionsJobHost__extensions__queues__…</c> override, as on the Functions host.
/// </summary>
public sealed record HostJson(string RoutePrefix)
{
    public const string DefaultRoutePrefix = "api";

    public QueueSettings Queues { get; init; } = new();

    public static HostJson Load(string appDirectory, AppSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(appDirectory);
        var path = Path.Combine(appDirectory, "host.json");
        if (!File.Exists(path))
        {
            return new HostJson(DefaultRoutePrefix) { Queues = QueueSettings.Parse(null, name => settings?[name]) };
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return Parse(document.RootElement, settings);
    }

    public static HostJson Parse(JsonElement root, AppSettings? settings = null)
    {
        var extensions = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("extensions", out var e) && e.ValueKind == JsonValueKind.Object ? e : (JsonElement?)null;
        var prefix = extensions is { } ext
            && ext.TryGetProperty("http", out var http) && http.ValueKind == JsonValueKind.Object
            && http.TryGetProperty("routePrefix", out var p) && p.ValueKind == JsonValueKind.String
                ? p.GetString()!.Trim('/')
                : DefaultRoutePrefix;
        var queues = extensions is { } x && x.TryGetProperty("queues", out var q) ? q : (JsonElement?)null;
        return new HostJson(prefix) { Queues = QueueSettings.Parse(queues, name => settings?[name]) };
    }
}
