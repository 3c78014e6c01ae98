using Lena.Clinical.Rules;
using Lena.Storage.Configuration;
using Lena.Storage.Rules;
using LenaFunctions.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LenaFunctions.Startup;

/// <summary>
/// In the background for the worker's whole life: seeds the embedded default rule set when the
/// table has no active version, retrying with backoff (1 s doubling to 10 s) until storage
/// answers, then warms the rule cache; afterwards it looks again every rule-cache interval, so
/// storage that comes back empty (an in-memory Azurite restarted, a wiped account) is seeded again
/// without a restart. It never delays or breaks the worker's start; failures are logged once per
/// outage, and health reports them meanwhile.
/// </summary>
public sealed class RuleSeeder(IRuleStore store, ActiveRuleSetProvider rules, IOptions<LenaStorageOptions> options, TimeProvider clock, ILogger<RuleSeeder> logger) : BackgroundService
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = FirstDelay;
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await store.SeedAsync(RuleSetDocument.Default, stoppingToken).ConfigureAwait(false))
                {
                    logger.SeededRuleSet(RuleSetDocument.Default.Version);
                    rules.Invalidate();
                }

                if (failing || rules.Current is null)
                {
                    var active = await rules.GetAsync(stoppingToken).ConfigureAwait(false);
                    logger.ServingRuleSet(active.RuleSet.Version);
                }

                failing = false;
                delay = FirstDelay;
                await Task.Delay(Watch, clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // Shutting down.
            }
            catch (Exception ex)
            {
                if (!failing)
                {
                    logger.StartupRulesFailed(ex);
                }

                failing = true;
                try
                {
                    await Task.Delay(delay, clock, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    /// <summary>How often a healthy store is checked for a missing active version.</summary>
    private TimeSpan Watch => options.Value.RuleCacheRefresh < MaxDelay ? options.Value.RuleCacheRefresh : MaxDelay;
}
