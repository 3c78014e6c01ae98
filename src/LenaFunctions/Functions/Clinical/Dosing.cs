using Lena.Clinical.Contract;
using LenaFunctions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Clinical;

/// <summary><c>POST /api/dosing</c>: starting dose, renal adjustment, toxicity hold / resume.</summary>
public sealed class Dosing(ClinicalRequestHandler handler)
{
    [Function(nameof(Dosing))]
    public Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "dosing")] HttpRequestData request,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(request, Concern.Dosing, cancellationToken);
}
