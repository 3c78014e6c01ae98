using LenaFunctions.Http;
using LenaFunctions.Security;
using Lena.Storage.Rules;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Rules;

/// <summary><c>GET /api/rules/audit</c>: who published and activated what, when and why; newest first.</summary>
public sealed class ListRuleAudit(IRuleStore store, RuleAdminAuthorization authorization)
{
    private const int MaxEntries = 200;

    [Function(nameof(ListRuleAudit))]
    [RequiresKeyOrSignIn]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "rules/audit")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await authorization.RejectReaderAsync(request, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var entries = await store.ListAuditAsync(MaxEntries, cancellationToken).ConfigureAwait(false);
        return await HttpResponses.JsonAsync(request, 200, new RuleAuditResponse(entries), cancellationToken).ConfigureAwait(false);
    }
}
