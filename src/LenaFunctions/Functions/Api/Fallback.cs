using Lena.Clinical.Contract;
using LenaFunctions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Api;

/// <summary>
/// Catches what no other function's route and method took: <c>OPTIONS</c> on a route is 204 with
/// <c>Allow</c> (CORS headers come from <see cref="CorsMiddleware"/>); another method is 405 with
/// <c>Allow</c> when the path exists with other methods; else a 404 problem. The host prefers literal routes over this
/// catch-all, so it never shadows a real function.
/// </summary>
public sealed class Fallback(HttpRouteTable routes)
{
    [Function(nameof(Fallback))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "delete", "patch", "head", "options", Route = "{*path}")] HttpRequestData request,
        string? path,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var allowed = routes.MethodsFor(path ?? string.Empty);
        if (allowed.Count == 0)
        {
            return await HttpResponses.ProblemAsync(request, ProblemDetails.Of(404, ProblemTypes.NotFound, "No such route.",
                $"/api/{path} is not a LenaFunctions route; GET /api/openapi.json lists them."), cancellationToken).ConfigureAwait(false);
        }

        var allow = string.Join(", ", allowed.Append("OPTIONS"));
        if (string.Equals(request.Method, "OPTIONS", StringComparison.OrdinalIgnoreCase))
        {
            var options = request.CreateResponse(System.Net.HttpStatusCode.NoContent);
            options.Headers.Add("Allow", allow);
            return options;
        }

        var response = await HttpResponses.ProblemAsync(request, ProblemDetails.Of(405, ProblemTypes.MethodNotAllowed, "Method not allowed.",
            $"/api/{path} accepts {string.Join(", ", allowed)}, not {request.Method.ToUpperInvariant()}."), cancellationToken).ConfigureAwait(false);
        response.Headers.Add("Allow", allow);
        return response;
    }
}
