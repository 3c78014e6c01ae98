using Lena.CdsHooks.Security;
using Microsoft.Extensions.Time.Testing;

namespace Lena.CdsHooks.Tests.Security;

public sealed class InMemoryJtiReplayGuardTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_jti_is_new_once_and_replayed_after()
    {
        var guard = new InMemoryJtiReplayGuard(new FakeTimeProvider(Start));

        Assert.True(await guard.TryUseAsync("iss", "a", Start.AddMinutes(5), CancellationToken.None));
        Assert.False(await guard.TryUseAsync("iss", "a", Start.AddMinutes(5), CancellationToken.None));
        Assert.True(await guard.TryUseAsync("other-iss", "a", Start.AddMinutes(5), CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_uses_of_one_jti_let_exactly_one_through()
    {
        var guard = new InMemoryJtiReplayGuard(new FakeTimeProvider(Start));

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => guard.TryUseAsync("iss", "same", Start.AddMinutes(5), CancellationToken.None))));

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task Expired_entries_are_purged()
    {
        var clock = new FakeTimeProvider(Start);
        var guard = new InMemoryJtiReplayGuard(clock);
        await guard.TryUseAsync("iss", "a", Start.AddMinutes(5), CancellationToken.None);
        await guard.TryUseAsync("iss", "b", Start.AddMinutes(5), CancellationToken.None);

        clock.Advance(TimeSpan.FromMinutes(10));
        await guard.TryUseAsync("iss", "c", clock.GetUtcNow().AddMinutes(5), CancellationToken.None);

        Assert.Equal(1, guard.Count);
    }
}
