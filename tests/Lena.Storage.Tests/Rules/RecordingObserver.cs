using System.Collections.Concurrent;
using Lena.Storage.Rules;

namespace Lena.Storage.Tests.Rules;

internal sealed class RecordingObserver : IRuleCacheObserver
{
    private readonly ConcurrentQueue<RuleCacheEvent> _events = new();

    public IReadOnlyList<RuleCacheEvent> Events => [.. _events];

    public void Observed(RuleCacheEvent cacheEvent, string? version) => _events.Enqueue(cacheEvent);
}
