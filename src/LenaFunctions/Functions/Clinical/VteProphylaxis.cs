using Lena.Clinical.Contract;
using LenaFunctions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Clinical;

/// <summary><c>POST /api/vte-prophylaxis</c>: thromboprophylaxis advice.</summary>
public sealed class VteProphylaxis(ClinicalRequestHandler handler)
{
    [Function(nameof(VteProphylaxis))]
    public Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "vte-prophylaxis")] HttpRequestData request,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(request, Concern.VteProphylaxis, cancellationToken);
}
