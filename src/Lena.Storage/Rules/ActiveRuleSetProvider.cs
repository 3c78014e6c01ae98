using Lena.Storage.Configuration;
using Microsoft.Extensions.Options;

namespace Lena.Storage.Rules;

/// <summary>
/// The active rule set for every request, from memory. At most once per refresh interval it asks
/// storage for the pointer's ETag; only a changed ETag loads a version. When storage fails it
/// keeps serving the last validated version, marked degraded, up to the staleness limit; after
/// that (or on a cold start with storage down) it throws <see cref="RuleSetUnavailableException"/>.
/// </summary>
public sealed class ActiveRuleSetProvider(IRuleStore store, IOptions<LenaStorageOptions> options, TimeProvider clock, IRuleCacheObserver? observer = null) : IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly IRuleCacheObserver _observer = observer ?? new NullRuleCacheObserver();
    private volatile ActiveRuleSet? _current;
    private DateTimeOffset _lastCheck = DateTimeOffset.MinValue;
    private int _invalidated;

    /// <summary>The last validated rule set, if any (for health reporting; never for answers).</summary>
    public ActiveRuleSet? Current => _current;

    /// <summary>When storage last answered the pointer check.</summary>
    public DateTimeOffset? LastConfirmedAt => _current?.ConfirmedAt;

    public async ValueTask<ActiveRuleSet> GetAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        var now = clock.GetUtcNow();
        if (current is not null && IsFresh(current, now))
        {
            _observer.Observed(RuleCacheEvent.Hit, current.RuleSet.Version);
            return current;
        }

        // One request refreshes; the others keep answering from the cached copy meanwhile.
        if (current is not null && !await _refresh.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return Stale(current, now);
        }

        if (current is null)
        {
            await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            current = _current;
            if (current is not null && IsFresh(current, clock.GetUtcNow()))
            {
                return current;
            }

            return await RefreshAsync(current, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<ActiveRuleSet> RefreshAsync(ActiveRuleSet? current, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _invalidated, 0);
        ActivePointer? pointer;
        try
        {
            pointer = await store.GetActiveAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Failed(current, ex);
        }

        var now = clock.GetUtcNow();
        if (pointer is null)
        {
            // Not a successful check: the next request asks again instead of answering from the
            // cached copy, as if it were confirmed, for a whole interval.
            _observer.Observed(RuleCacheEvent.Unavailable, null);
            throw new RuleSetUnavailableException("The rule store has no active rule set; the app seeds one at start-up, so the seeding failed or was undone.");
        }

        _lastCheck = now;

        if (current is not null && current.PointerETag == pointer.ETag)
        {
            _observer.Observed(RuleCacheEvent.Revalidated, current.RuleSet.Version);
            return _current = current with { ConfirmedAt = now, Degraded = false };
        }

        StoredRuleSet? stored;
        try
        {
            stored = await store.GetVersionAsync(pointer.Version, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Failed(current, ex);
        }

        if (stored is null)
        {
            return Failed(current, new InvalidDataException($"The active pointer names version {pointer.Version}, which is not in the store."));
        }

        _observer.Observed(RuleCacheEvent.Refreshed, stored.RuleSet.Version);
        return _current = new ActiveRuleSet(stored.RuleSet, pointer.ETag, now, Degraded: false);
    }

    private ActiveRuleSet Failed(ActiveRuleSet? current, Exception cause)
    {
        var now = clock.GetUtcNow();
        if (current is not null && now - current.ConfirmedAt <= options.Value.RuleStalenessLimit)
        {
            // Try storage again at the next interval, not on every request.
            _lastCheck = now;
            _observer.Observed(RuleCacheEvent.ServedStale, current.RuleSet.Version);
            return _current = current with { Degraded = true };
        }

        _observer.Observed(RuleCacheEvent.Unavailable, current?.RuleSet.Version);
        throw new RuleSetUnavailableException(
            current is null
                ? "Rule storage is unreachable and no rule set has been loaded yet."
                : $"Rule storage has been unreachable since {current.ConfirmedAt:O}, longer than the staleness limit of {options.Value.RuleStalenessLimit}.",
            cause);
    }

    /// <summary>
    /// Makes the next request ask storage for the pointer: after an activation on this instance,
    /// so the instance that made it serves it at once (others within the refresh interval).
    /// </summary>
    public void Invalidate() => Volatile.Write(ref _invalidated, 1);

    public void Dispose() => _refresh.Dispose();

    /// <summary>
    /// The cached copy may answer without asking storage: checked within the interval, and, when
    /// degraded, still within the staleness limit (not until the next check is due).
    /// </summary>
    private bool IsFresh(ActiveRuleSet current, DateTimeOffset now) =>
        Volatile.Read(ref _invalidated) == 0
        && now - _lastCheck < options.Value.RuleCacheRefresh
        && (!current.Degraded || now - current.ConfirmedAt <= options.Value.RuleStalenessLimit);

    private ActiveRuleSet Stale(ActiveRuleSet current, DateTimeOffset now)
    {
        if (now - current.ConfirmedAt > options.Value.RuleStalenessLimit)
        {
            throw new RuleSetUnavailableException($"Rule storage has not confirmed the active version since {current.ConfirmedAt:O}.");
        }

        _observer.Observed(RuleCacheEvent.Hit, current.RuleSet.Version);
        return current;
    }
}
