using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace LenaFunctions.Http;

/// <summary>One HTTP function's route template and methods, read from its trigger attribute.</summary>
public sealed record HttpRoute(string FunctionName, string Template, IReadOnlyList<string> Methods)
{
    private readonly string[] _segments = Template.Split('/', StringSplitOptions.RemoveEmptyEntries);

    public bool Matches(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (_segments.Any(s => s.StartsWith("{*", StringComparison.Ordinal)))
        {
            return false;
        }

        return segments.Length == _segments.Length
            && _segments.Zip(segments).All(p => p.First.StartsWith('{') || string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>The app's HTTP routes, so the fallback can tell "wrong method" (405) from "no such route" (404).</summary>
public sealed class HttpRouteTable(IReadOnlyList<HttpRoute> routes)
{
    public IReadOnlyList<HttpRoute> Routes { get; } = routes;

    public static HttpRouteTable FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var routes = new List<HttpRoute>();
        foreach (var method in assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)))
        {
            var function = method.GetCustomAttribute<FunctionAttribute>();
            var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null);
            if (function is not null && trigger?.Route is { } route)
            {
                routes.Add(new HttpRoute(function.Name, route, trigger.Methods?.Select(m => m.ToUpperInvariant()).ToArray() ?? []));
            }
        }

        return new HttpRouteTable(routes);
    }

    /// <summary>The methods some function accepts on this path; empty when no route matches it.</summary>
    public IReadOnlyList<string> MethodsFor(string path) =>
        Routes.Where(r => r.Matches(path)).SelectMany(r => r.Methods).Distinct().Order(StringComparer.Ordinal).ToArray();
}
