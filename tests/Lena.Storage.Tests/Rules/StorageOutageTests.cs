using Azure;
using Lena.Storage.Rules;
using Lena.Testing;

namespace Lena.Storage.Tests.Rules;

/// <summary>
/// The rule cache while storage is down. These tests stop and restart Azurite, so they have an
/// Azurite of their own (a class fixture, not the shared collection); xunit runs them one at a time.
/// </summary>
public sealed class StorageOutageTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private readonly AzuriteFixture _azurite;

    public StorageOutageTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _azurite.Start(); // no-op when running
    }

    // Leave Azurite running for the next test, even when this one failed mid-outage.
    public void Dispose() => _azurite.Start();

    [Fact]
    public async Task WhileStorageIsDownTheCacheAnswersDegradedUpToTheStalenessLimitAndNotASecondLonger()
    {
        var clock = TestStorage.Clock();
        var store = TestStorage.Store(TestStorage.NewTable(_azurite), clock);
        await store.SeedAsync(TestStorage.Default, _ct);
        var counting = new CountingRuleStore(store);
        using var provider = new ActiveRuleSetProvider(counting, RuleCacheTests.Options, clock);
        var healthy = await provider.GetAsync(_ct);

        _azurite.Stop();

        clock.Advance(TimeSpan.FromSeconds(31));
        var degraded = await provider.GetAsync(_ct);
        Assert.True(degraded.Degraded);
        Assert.Same(healthy.RuleSet, degraded.RuleSet);
        Assert.Equal(TestStorage.Start, degraded.ConfirmedAt);

        // Within the interval after a failed check: no new attempt, still degraded.
        var attempts = counting.GetActiveCalls;
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True((await provider.GetAsync(_ct)).Degraded);
        Assert.Equal(attempts, counting.GetActiveCalls);

        // A check at 14:50 fails: still within the limit.
        clock.Advance(TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(50) - TimeSpan.FromSeconds(41));
        Assert.True((await provider.GetAsync(_ct)).Degraded);

        // 15:00, exactly the limit, 10 s after that check: still served.
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True((await provider.GetAsync(_ct)).Degraded);

        // 15:01: past the limit though only 11 s after the last check, so no cached answer.
        clock.Advance(TimeSpan.FromSeconds(1));
        var refused = await Assert.ThrowsAsync<RuleSetUnavailableException>(async () => await provider.GetAsync(_ct));
        Assert.IsType<RequestFailedException>(refused.InnerException, exactMatch: false);

        clock.Advance(TimeSpan.FromSeconds(31));
        await Assert.ThrowsAsync<RuleSetUnavailableException>(async () => await provider.GetAsync(_ct));
    }

    [Fact]
    public async Task AColdStartWithStorageDownIsUnavailable()
    {
        var clock = TestStorage.Clock();
        var store = TestStorage.Store(TestStorage.NewTable(_azurite), clock);
        await store.SeedAsync(TestStorage.Default, _ct);

        _azurite.Stop();
        using var provider = new ActiveRuleSetProvider(TestStorage.Store(TestStorage.NewTable(_azurite), clock), RuleCacheTests.Options, clock);

        var refused = await Assert.ThrowsAsync<RuleSetUnavailableException>(async () => await provider.GetAsync(_ct));
        Assert.Null(provider.Current);
        Assert.NotNull(refused.InnerException);
        // Every request tries again: there is nothing to serve meanwhile.
        await Assert.ThrowsAsync<RuleSetUnavailableException>(async () => await provider.GetAsync(_ct));
    }

    [Fact]
    public async Task AfterStorageComesBackEmptyTheCacheRefusesUntilReSeededAndIsThenHealthyAgain()
    {
        var clock = TestStorage.Clock();
        var table = TestStorage.NewTable(_azurite);
        var store = TestStorage.Store(table, clock);
        await store.SeedAsync(TestStorage.Default, _ct);
        using var provider = new ActiveRuleSetProvider(store, RuleCacheTests.Options, clock);
        var before = await provider.GetAsync(_ct);

        _azurite.Stop();
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True((await provider.GetAsync(_ct)).Degraded);

        // In-memory Azurite comes back empty: no table, no pointer.
        _azurite.Start();
        clock.Advance(TimeSpan.FromSeconds(31));
        await Assert.ThrowsAsync<RuleSetUnavailableException>(async () => await provider.GetAsync(_ct));
        clock.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<RuleSetUnavailableException>(async () => await provider.GetAsync(_ct));

        // Re-seeded, as the app's start-up seeder does.
        Assert.True(await TestStorage.Store(table, clock).SeedAsync(TestStorage.Default, _ct));
        clock.Advance(TimeSpan.FromSeconds(31));
        var after = await provider.GetAsync(_ct);

        Assert.False(after.Degraded);
        Assert.Equal(TestStorage.Default.Version, after.RuleSet.Version);
        Assert.NotEqual(before.PointerETag, after.PointerETag);
        Assert.Equal(clock.GetUtcNow(), after.ConfirmedAt);
    }
}
