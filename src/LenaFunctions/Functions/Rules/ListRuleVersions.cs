using LenaFunctions.Http;
using Lena.Storage.Rules;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Rules;

/// <summary><c>GET /api/rules/versions</c>: every published version with author, reason and time.</summary>
public sealed class ListRuleVersions(IRuleStore store)
{
    [Function(nameof(ListRuleVersions))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "rules/versions")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        var versions = await store.ListVersionsAsync(cancellationToken).ConfigureAwait(false);
        var active = await store.GetActiveAsync(cancellationToken).ConfigureAwait(false);
        return await HttpResponses.JsonAsync(request, 200, new RuleVersionsResponse(active?.Version, versions), cancellationToken).ConfigureAwait(false);
    }
}
