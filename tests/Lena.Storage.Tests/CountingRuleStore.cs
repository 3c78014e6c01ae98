using Azure;
using Lena.Clinical.Rules;
using Lena.Storage.Rules;

namespace Lena.Storage.Tests;

/// <summary>Counts the storage calls the rule cache makes.</summary>
internal sealed class CountingRuleStore(IRuleStore inner) : IRuleStore
{
    private int _getActive;
    private int _getVersion;
    private int _other;

    public int GetActiveCalls => Volatile.Read(ref _getActive);

    public int GetVersionCalls => Volatile.Read(ref _getVersion);

    public int Calls => GetActiveCalls + GetVersionCalls + Volatile.Read(ref _other);

    public Task<ActivePointer?> GetActiveAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _getActive);
        return inner.GetActiveAsync(cancellationToken);
    }

    public Task<StoredRuleSet?> GetVersionAsync(string version, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _getVersion);
        return inner.GetVersionAsync(version, cancellationToken);
    }

    public Task<IReadOnlyList<RuleSetVersionInfo>> ListVersionsAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _other);
        return inner.ListVersionsAsync(cancellationToken);
    }

    public Task<PublishOutcome> PublishAsync(RuleSet rules, string author, string reason, string? basedOn, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _other);
        return inner.PublishAsync(rules, author, reason, basedOn, cancellationToken);
    }

    public Task<ActivationOutcome> ActivateAsync(string version, ETag ifMatch, string actor, string reason, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _other);
        return inner.ActivateAsync(version, ifMatch, actor, reason, cancellationToken);
    }

    public Task<IReadOnlyList<RuleAuditEntry>> ListAuditAsync(int max, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _other);
        return inner.ListAuditAsync(max, cancellationToken);
    }

    public Task<bool> SeedAsync(RuleSet defaults, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _other);
        return inner.SeedAsync(defaults, cancellationToken);
    }
}
