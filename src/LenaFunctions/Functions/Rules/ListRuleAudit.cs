using LenaFunctions.Http;
using Lena.Storage.Rules;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Rules;

/// <summary><c>GET /api/rules/audit</c>: who published and activated what, when and why; newest first.</summary>
public sealed class ListRuleAudit(IRuleStore store)
{
    private const int MaxEntries = 200;

    [Function(nameof(ListRuleAudit))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "rules/audit")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        var entries = await store.ListAuditAsync(MaxEntries, cancellationToken).ConfigureAwait(false);
        return await HttpResponses.JsonAsync(request, 200, new RuleAuditResponse(entries), cancellationToken).ConfigureAwait(false);
    }
}
