using System.Collections.Concurrent;

namespace Lena.CdsHooks.Security;

/// <summary>
/// <see cref="IJtiReplayGuard"/> in process memory, for tests and local runs: it protects one
/// instance only (production uses the table-backed guard in Lena.Storage). Expired ids are purged.
/// </summary>
public sealed class InMemoryJtiReplayGuard(TimeProvider clock) : IJtiReplayGuard
{
    private readonly ConcurrentDictionary<(string Issuer, string Jti), DateTimeOffset> _used = new();
    private long _nextPurgeTicks;

    public int Count => _used.Count;

    public Task<bool> TryUseAsync(string issuer, string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(jti);
        var now = clock.GetUtcNow();
        PurgeExpired(now);
        return Task.FromResult(_used.TryAdd((issuer, jti), expiresAt));
    }

    /// <summary>At most once a minute, so a burst of requests does not scan the set each time.</summary>
    private void PurgeExpired(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextPurgeTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextPurgeTicks, now.UtcTicks + TimeSpan.TicksPerMinute, next) != next)
        {
            return;
        }

        foreach (var entry in _used)
        {
            if (entry.Value < now)
            {
                _used.TryRemove(entry);
            }
        }
    }
}
