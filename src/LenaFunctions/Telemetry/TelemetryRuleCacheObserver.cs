using Lena.Clinical.Contract;
using Lena.Storage.Rules;

namespace LenaFunctions.Telemetry;

/// <summary>Counts what the rule cache does (hits, refreshes, stale answers) on the Lena meter.</summary>
public sealed class TelemetryRuleCacheObserver : IRuleCacheObserver
{
    public void Observed(RuleCacheEvent cacheEvent, string? version) =>
        LenaTelemetry.RuleCache.Add(1, new KeyValuePair<string, object?>("event", LenaJson.WireName(cacheEvent)), new KeyValuePair<string, object?>("rule_set.version", version));
}
