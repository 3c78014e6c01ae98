using Lena.Clinical.Rules;
using Lena.Storage.Rules;
using LenaFunctions.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LenaFunctions.Startup;

/// <summary>
/// In the background after start-up, seeds the embedded default rule set when the table has no
/// active version, then warms the rule cache. It never delays or breaks the worker's start:
/// storage being down is logged (health reports it, clinical functions answer 503 until a rule set
/// can be loaded), and a shutdown during seeding just ends it.
/// </summary>
public sealed class RuleSeeder(IRuleStore store, ActiveRuleSetProvider rules, ILogger<RuleSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (await store.SeedAsync(RuleSetDocument.Default, stoppingToken).ConfigureAwait(false))
            {
                logger.SeededRuleSet(RuleSetDocument.Default.Version);
            }

            var active = await rules.GetAsync(stoppingToken).ConfigureAwait(false);
            logger.ServingRuleSet(active.RuleSet.Version);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down before storage answered: nothing to do.
        }
        catch (Exception ex)
        {
            logger.StartupRulesFailed(ex);
        }
    }
}
