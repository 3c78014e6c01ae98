using Lena.Clinical.Contract;
using LenaFunctions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Clinical;

/// <summary><c>POST /api/contraindications</c>: contraindications, holds, warnings and REMS duties.</summary>
public sealed class Contraindications(ClinicalRequestHandler handler)
{
    [Function(nameof(Contraindications))]
    public Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "contraindications")] HttpRequestData request,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(request, Concern.Contraindications, cancellationToken);
}
