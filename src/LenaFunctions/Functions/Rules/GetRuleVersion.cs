using Lena.Clinical.Contract;
using Lena.Clinical.Rules;
using LenaFunctions.Http;
using LenaFunctions.Security;
using Lena.Storage.Rules;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Rules;

/// <summary><c>GET /api/rules/versions/{version}</c>: one published version, whole, with its metadata.</summary>
public sealed class GetRuleVersion(IRuleStore store, RuleAdminAuthorization authorization)
{
    [Function(nameof(GetRuleVersion))]
    [RequiresKeyOrSignIn]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "rules/versions/{version}")] HttpRequestData request,
        string version,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await authorization.RejectReaderAsync(request, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        // A malformed id was never published (and must not reach a table key): 404 without asking storage.
        var stored = RuleSetVersions.IsValid(version) ? await store.GetVersionAsync(version, cancellationToken).ConfigureAwait(false) : null;
        return stored is null
            ? await HttpResponses.ProblemAsync(request, ProblemDetails.Of(404, ProblemTypes.NotFound, "Unknown rule-set version.", $"No rule set {version} has been published; GET /api/rules/versions lists them."), cancellationToken).ConfigureAwait(false)
            : await HttpResponses.JsonAsync(request, 200, new RuleVersionResponse(stored.Info, stored.RuleSet), cancellationToken).ConfigureAwait(false);
    }
}
