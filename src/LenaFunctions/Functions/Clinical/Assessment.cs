using Lena.Clinical.Contract;
using LenaFunctions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Clinical;

/// <summary><c>POST /api/assessments</c>: all four concerns in one round trip.</summary>
public sealed class Assessment(ClinicalRequestHandler handler)
{
    [Function(nameof(Assessment))]
    public Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "assessments")] HttpRequestData request,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(request, Concern.Assessment, cancellationToken);
}
