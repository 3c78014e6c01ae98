using Lena.Clinical.Contract;
using LenaFunctions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Workbench;

/// <summary>
/// <c>GET /api/workbench</c> and <c>GET /api/workbench/{asset}</c> (anonymous): the workbench page for
/// the people who use the rules. The page holds no data and no secret; it calls the API with the key
/// the user types, kept in the tab's memory only, so every call is authorised like any other client's.
/// </summary>
public sealed class WorkbenchPage
{
    /// <summary>Same-origin only: no inline script or style, no third-party source, no framing.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    [Function(nameof(WorkbenchPage))]
    public static async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "workbench/{*asset}")] HttpRequestData request,
        string? asset,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = string.IsNullOrEmpty(asset) ? "index.html" : asset;
        if (WorkbenchAssets.Find(name) is not { } file)
        {
            return await HttpResponses.ProblemAsync(request, ProblemDetails.Of(404, ProblemTypes.NotFound, "No such workbench file.",
                "The workbench is at /api/workbench."), cancellationToken).ConfigureAwait(false);
        }

        var response = await HttpResponses.BytesAsync(request, 200, file.ContentType, file.Body, cancellationToken).ConfigureAwait(false);
        response.Headers.Add("Content-Security-Policy", ContentSecurityPolicy);
        response.Headers.Add("Referrer-Policy", "no-referrer");
        return response;
    }
}
