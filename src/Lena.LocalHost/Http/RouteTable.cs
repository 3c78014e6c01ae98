namespace Lena.LocalHost.Http;

/// <summary>
/// The app's HTTP routes, selected like the host's endpoint routing: every route whose template
/// matches the path is a candidate; candidates that do not take the request's method drop out;
/// the most specific remaining template wins (literal beats parameter beats catch-all). So when
/// a literal route matches the path but not the method and a catch-all takes the method, the
/// catch-all gets the request. No candidate with the method: 405 (with the allowed methods); no
/// candidate at all: 404.
/// </summary>
public sealed class RouteTable
{
    private readonly HttpRoute[] _routes;

    public RouteTable(IEnumerable<HttpRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        _routes = routes.OrderBy(r => r.Template, RouteTemplate.Precedence).ToArray();
    }

    public IReadOnlyList<HttpRoute> Routes => _routes;

    /// <param name="method">The HTTP method (any case).</param>
    /// <param name="path">The request path after the route prefix, decoded.</param>
    public RouteSelection Select(string method, string path)
    {
        ArgumentNullException.ThrowIfNull(method);
        var candidates = new List<(HttpRoute Route, IReadOnlyDictionary<string, string> Values)>();
        foreach (var route in _routes)
        {
            if (route.Template.Match(path) is { } values)
            {
                candidates.Add((route, values));
            }
        }

        if (candidates.Count == 0)
        {
            return new RouteSelection.NotFound();
        }

        foreach (var (route, values) in candidates)
        {
            if (route.AllowsMethod(method))
            {
                return new RouteSelection.Matched(route, values);
            }
        }

        var allowed = candidates.SelectMany(c => (IEnumerable<string>?)c.Route.Methods ?? []).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToArray();
        return new RouteSelection.MethodNotAllowed(allowed);
    }
}
