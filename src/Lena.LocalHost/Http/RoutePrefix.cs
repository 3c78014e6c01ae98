namespace Lena.LocalHost.Http;

/// <summary>The route prefix from host.json (<c>api</c>): every function route lives under it.</summary>
public sealed record RoutePrefix(string Value)
{
    /// <summary>The path below the prefix (no leading slash), or null when the path is not under it.</summary>
    public string? Strip(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.TrimStart('/');
        if (Value.Length == 0)
        {
            return trimmed;
        }

        if (trimmed.Equals(Value, StringComparison.OrdinalIgnoreCase))
        {
            return string.Empty;
        }

        return trimmed.StartsWith(Value + "/", StringComparison.OrdinalIgnoreCase) ? trimmed[(Value.Length + 1)..] : null;
    }

    /// <summary>The public path of a route template, e.g. <c>/api/health</c>.</summary>
    public string PathOf(RouteTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return "/" + string.Join('/', new[] { Value, template.Text }.Where(s => s.Length > 0));
    }
}
