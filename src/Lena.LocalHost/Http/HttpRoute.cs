using Lena.LocalHost.Worker;

namespace Lena.LocalHost.Http;

/// <summary>
/// An HTTP-triggered function's route: its template, the methods it accepts (null = any) and its
/// authorization level. A function without a route is reachable at its name, as in the host.
/// </summary>
public sealed record HttpRoute(string FunctionName, RouteTemplate Template, IReadOnlySet<string>? Methods, string AuthLevel)
{
    public bool AllowsMethod(string method) => Methods is null || Methods.Contains(method);

    public static HttpRoute FromFunction(FunctionDescriptor function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var trigger = function.Trigger;
        var methods = trigger.TextList("methods");
        return new HttpRoute(
            function.Name,
            RouteTemplate.Parse(trigger.Text("route") ?? function.Name),
            methods is null || methods.Count == 0 ? null : methods.Select(m => m.ToUpperInvariant()).ToHashSet(StringComparer.OrdinalIgnoreCase),
            trigger.Text("authLevel") ?? "Function");
    }
}
