namespace Lena.LocalHost.Http;

/// <summary>The outcome of routing one request: a function with its route values, a wrong method (with the allowed ones), or nothing.</summary>
public abstract record RouteSelection
{
    public sealed record Matched(HttpRoute Route, IReadOnlyDictionary<string, string> Values) : RouteSelection;

    public sealed record MethodNotAllowed(IReadOnlyList<string> Allowed) : RouteSelection;

    public sealed record NotFound : RouteSelection;
}
