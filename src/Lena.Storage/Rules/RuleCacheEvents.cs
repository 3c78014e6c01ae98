namespace Lena.Storage.Rules;

/// <summary>What the rule cache did for one request; telemetry counts these.</summary>
public enum RuleCacheEvent
{
    Hit,
    Revalidated,
    Refreshed,
    ServedStale,
    Unavailable,
}

/// <summary>Observes the rule cache without the storage library depending on a telemetry stack.</summary>
public interface IRuleCacheObserver
{
    void Observed(RuleCacheEvent cacheEvent, string? version);
}

internal sealed class NullRuleCacheObserver : IRuleCacheObserver
{
    public void Observed(RuleCacheEvent cacheEvent, string? version)
    {
    }
}
