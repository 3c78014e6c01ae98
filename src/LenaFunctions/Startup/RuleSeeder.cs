using Lena.Clinical.Rules;
using Lena.Storage.Rules;
using LenaFunctions.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LenaFunctions.Startup;

/// <summary>
/// At start-up, seeds the embedded default rule set when the table has no active version, then
/// warms the rule cache. Storage being down is logged, not fatal: health reports it and clinical
/// functions answer 503 until a rule set can be loaded.
/// </summary>
public sealed class RuleSeeder(IRuleStore store, ActiveRuleSetProvider rules, ILogger<RuleSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await store.SeedAsync(RuleSetDocument.Default, cancellationToken).ConfigureAwait(false))
            {
                logger.SeededRuleSet(RuleSetDocument.Default.Version);
            }

            var active = await rules.GetAsync(cancellationToken).ConfigureAwait(false);
            logger.ServingRuleSet(active.RuleSet.Version);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.StartupRulesFailed(ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
