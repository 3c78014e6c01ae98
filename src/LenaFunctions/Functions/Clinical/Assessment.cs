using Lena.Clinical.Contract;
using LenaFunctions.Http;
using LenaFunctions.Security;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Clinical;

/// <summary><c>POST /api/assessments</c>: all four concerns in one round trip.</summary>
/// <remarks>
/// Anonymous at the host, checked here instead: a function key as everywhere else, or the workbench's
/// signed-in user (<see cref="RuleAdminAuthorization.RejectReaderAsync"/>).
/// </remarks>
public sealed class Assessment(ClinicalRequestHandler handler, RuleAdminAuthorization authorization)
{
    [Function(nameof(Assessment))]
    [RequiresKeyOrSignIn]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "assessments")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await authorization.RejectReaderAsync(request, cancellationToken).ConfigureAwait(false)
            ?? await handler.HandleAsync(request, Concern.Assessment, cancellationToken).ConfigureAwait(false);
    }
}
