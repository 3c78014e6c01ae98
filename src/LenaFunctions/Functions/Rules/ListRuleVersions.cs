using LenaFunctions.Http;
using LenaFunctions.Security;
using Lena.Storage.Rules;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Rules;

/// <summary><c>GET /api/rules/versions</c>: every published version with author, reason and time.</summary>
public sealed class ListRuleVersions(IRuleStore store, RuleAdminAuthorization authorization)
{
    [Function(nameof(ListRuleVersions))]
    [RequiresKeyOrSignIn]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "rules/versions")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await authorization.RejectReaderAsync(request, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var versions = await store.ListVersionsAsync(cancellationToken).ConfigureAwait(false);
        var active = await store.GetActiveAsync(cancellationToken).ConfigureAwait(false);
        return await HttpResponses.JsonAsync(request, 200, new RuleVersionsResponse(active?.Version, versions), cancellationToken).ConfigureAwait(false);
    }
}
