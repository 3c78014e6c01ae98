using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;

namespace LenaFunctions.Http;

/// <summary>
/// CORS for browser portals, from configuration: <c>Cors__AllowedOrigins</c> is a comma-separated
/// list of exact origins (<c>https://portal.example.org</c>); none by default (API.md "HTTP"). A
/// listed origin gets <c>Access-Control-Allow-Origin</c> on every answer, and a preflight
/// (<c>OPTIONS</c> with <c>Access-Control-Request-Method</c>, answered 204 by the fallback) the
/// methods and headers it may use. Other origins get no CORS headers, so browsers refuse them.
/// </summary>
public sealed class CorsMiddleware(IConfiguration configuration) : IFunctionsWorkerMiddleware
{
    public const string Setting = "Cors:AllowedOrigins";

    private const string AllowedHeaders = "Content-Type, If-Match, Idempotency-Key, Authorization, x-functions-key";
    private const string ExposedHeaders = "ETag, Location, Retry-After, X-Rule-Set-Version, Warning";

    private readonly HashSet<string> _origins = (configuration?[Setting] ?? string.Empty)
        .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(o => o.TrimEnd('/'))
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await next(context).ConfigureAwait(false);
        if (_origins.Count == 0 || context.GetInvocationResult().Value is not HttpResponseData response)
        {
            return;
        }

        var request = await context.GetHttpRequestDataAsync().ConfigureAwait(false);
        if (request is null || !request.Headers.TryGetValues("Origin", out var origins) || origins.FirstOrDefault() is not { } origin || !_origins.Contains(origin))
        {
            Vary(response);
            return;
        }

        Vary(response);
        response.Headers.Add("Access-Control-Allow-Origin", origin);
        response.Headers.Add("Access-Control-Expose-Headers", ExposedHeaders);
        if (string.Equals(request.Method, "OPTIONS", StringComparison.OrdinalIgnoreCase) && request.Headers.Contains("Access-Control-Request-Method"))
        {
            var allow = response.Headers.TryGetValues("Allow", out var methods) ? string.Join(", ", methods) : "GET, HEAD, POST, PUT, OPTIONS";
            response.Headers.Add("Access-Control-Allow-Methods", allow);
            response.Headers.Add("Access-Control-Allow-Headers", AllowedHeaders);
            response.Headers.Add("Access-Control-Max-Age", "600");
        }
    }

    private static void Vary(HttpResponseData response)
    {
        if (!response.Headers.Contains("Vary"))
        {
            response.Headers.Add("Vary", "Origin");
        }
    }
}
