using LenaFunctions.Http;
using LenaFunctions.Security;
using Lena.Storage.Rules;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Rules;

/// <summary><c>GET /api/rules</c>: the active rule set, its version, and the pointer ETag an admin activates against.</summary>
public sealed class GetActiveRules(ActiveRuleSetProvider rules, RuleAdminAuthorization authorization)
{
    [Function(nameof(GetActiveRules))]
    [RequiresKeyOrSignIn]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "rules")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await authorization.RejectReaderAsync(request, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var active = await rules.GetAsync(cancellationToken).ConfigureAwait(false);
        var etag = active.PointerETag.ToString();
        var response = await HttpResponses.JsonAsync(request, 200, new ActiveRuleSetResponse(active.RuleSet.Version, etag, active.Degraded, active.RuleSet), cancellationToken).ConfigureAwait(false);
        response.Headers.Add("ETag", etag);
        return response;
    }
}
