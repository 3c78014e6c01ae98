using Lena.CdsHooks.Storage;
using LenaFunctions.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LenaFunctions.Functions.CdsHooks;

/// <summary>
/// Deletes used CDS client token ids once their tokens can no longer be accepted anyway (schedule
/// <c>CdsHooks__TokenPurgeSchedule</c>, daily by default), so the replay table stays small.
/// </summary>
public sealed class CdsTokenPurge(TableJtiReplayGuard guard, ILogger<CdsTokenPurge> logger)
{
    [Function(nameof(CdsTokenPurge))]
    public async Task Run(
        [TimerTrigger("%CdsHooks__TokenPurgeSchedule%", RunOnStartup = false)] TimerInfo timer,
        CancellationToken cancellationToken)
    {
        var purged = await guard.PurgeExpiredAsync(cancellationToken).ConfigureAwait(false);
        logger.CdsTokensPurged(purged);
    }
}
