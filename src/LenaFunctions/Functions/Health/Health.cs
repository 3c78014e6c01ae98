using Lena.Storage.Rules;
using LenaFunctions.Http;
using LenaFunctions.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace LenaFunctions.Functions.Health;

/// <summary>
/// <c>GET /api/health</c> (anonymous): whether table storage answers and which rule set is served.
/// Degraded = storage down but a validated rule set within the staleness limit; 503 = no rule set can be served.
/// </summary>
public sealed class Health(IRuleStore store, ActiveRuleSetProvider rules, ILogger<Health> logger)
{
    private const string TableStorage = "tableStorage";
    private static readonly TimeSpan StorageProbeTimeout = TimeSpan.FromSeconds(5);

    [Function(nameof(Health))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "health")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        var storageUp = await ProbeStorageAsync(cancellationToken).ConfigureAwait(false);
        ActiveRuleSet? active;
        try
        {
            active = await rules.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RuleSetUnavailableException)
        {
            active = null;
        }

        string[] unreachable = storageUp ? [] : [TableStorage];
        if (active is null)
        {
            return await HttpResponses.JsonAsync(request, 503, new HealthResponse("unhealthy", null, storageUp ? ["ruleSet"] : unreachable, null), cancellationToken).ConfigureAwait(false);
        }

        var status = storageUp && !active.Degraded ? "healthy" : "degraded";
        return await HttpResponses.JsonAsync(request, 200, new HealthResponse(status, active.RuleSet.Version, unreachable, active.ConfirmedAt), cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> ProbeStorageAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StorageProbeTimeout);
        try
        {
            await store.GetActiveAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.StorageProbeFailed(ex.GetType().Name);
            return false;
        }
    }
}
