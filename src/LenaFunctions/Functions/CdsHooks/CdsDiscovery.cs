using Lena.CdsHooks;
using Lena.CdsHooks.Discovery;
using LenaFunctions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.CdsHooks;

/// <summary><c>GET /api/cds-services</c>: the CDS Hooks discovery document (the two order services and their prefetch).</summary>
public sealed class CdsDiscovery
{
    [Function(nameof(CdsDiscovery))]
    public Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "cds-services")] HttpRequestData request,
        CancellationToken cancellationToken) =>
        HttpResponses.BytesAsync(request, 200, CdsJson.MediaType,
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new CdsDiscoveryResponse(LenaCdsServices.All), CdsJson.Options), cancellationToken);
}
