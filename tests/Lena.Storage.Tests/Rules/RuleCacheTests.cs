using Lena.Storage.Configuration;
using Lena.Storage.Rules;
using Lena.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lena.Storage.Tests.Rules;

[Collection(AzuriteFixture.CollectionName)]
public sealed class RuleCacheTests(AzuriteFixture azurite)
{
    private readonly CancellationToken _ct = CancellationToken.None;

    internal static IOptions<LenaStorageOptions> Options => Microsoft.Extensions.Options.Options.Create(new LenaStorageOptions { RuleCacheRefreshSeconds = 30, RuleStalenessLimitMinutes = 15 });

    private async Task<(TableRuleStore Store, CountingRuleStore Counting, FakeTimeProvider Clock)> SeededAsync()
    {
        var clock = TestStorage.Clock();
        var store = TestStorage.Store(TestStorage.NewTable(azurite), clock);
        await store.SeedAsync(TestStorage.Default, _ct);
        return (store, new CountingRuleStore(store), clock);
    }

    [Fact]
    public async Task TheFirstRequestLoadsTheActiveVersion()
    {
        var (_, counting, clock) = await SeededAsync();
        using var provider = new ActiveRuleSetProvider(counting, Options, clock);

        var active = await provider.GetAsync(_ct);

        Assert.Equal(TestStorage.Default.Version, active.RuleSet.Version);
        Assert.False(active.Degraded);
        Assert.Equal(TestStorage.Start, active.ConfirmedAt);
        Assert.Equal((1, 1), (counting.GetActiveCalls, counting.GetVersionCalls));
        Assert.Same(active, provider.Current);
    }

    [Fact]
    public async Task WithinTheRefreshIntervalRequestsMakeNoStorageCall()
    {
        var (_, counting, clock) = await SeededAsync();
        var observer = new RecordingObserver();
        using var provider = new ActiveRuleSetProvider(counting, Options, clock, observer);
        var first = await provider.GetAsync(_ct);
        var calls = counting.Calls;

        for (var i = 0; i < 29; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Same(first, await provider.GetAsync(_ct));
        }

        Assert.Equal(calls, counting.Calls);
        Assert.Equal([RuleCacheEvent.Refreshed, .. Enumerable.Repeat(RuleCacheEvent.Hit, 29)], observer.Events);
    }

    [Fact]
    public async Task AfterTheIntervalANewlyActivatedVersionIsPickedUp()
    {
        var (store, counting, clock) = await SeededAsync();
        using var provider = new ActiveRuleSetProvider(counting, Options, clock);
        var before = await provider.GetAsync(_ct);
        await store.PublishAsync(TestStorage.Version("2026.12.2"), "pharmacist.a", "new", before.RuleSet.Version, _ct);
        var activated = await store.ActivateAsync("2026.12.2", before.PointerETag, "pharmacist.a", "go live", _ct);

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(TestStorage.Default.Version, (await provider.GetAsync(_ct)).RuleSet.Version);

        clock.Advance(TimeSpan.FromSeconds(2));
        var after = await provider.GetAsync(_ct);

        Assert.Equal("2026.12.2", after.RuleSet.Version);
        Assert.Equal(activated.Active!.ETag, after.PointerETag);
        Assert.Equal(clock.GetUtcNow(), after.ConfirmedAt);
        Assert.False(after.Degraded);
        Assert.Equal((2, 2), (counting.GetActiveCalls, counting.GetVersionCalls));
    }

    [Fact]
    public async Task AnUnchangedPointerRevalidatesWithoutReloadingTheVersion()
    {
        var (_, counting, clock) = await SeededAsync();
        var observer = new RecordingObserver();
        using var provider = new ActiveRuleSetProvider(counting, Options, clock, observer);
        var before = await provider.GetAsync(_ct);

        clock.Advance(TimeSpan.FromSeconds(31));
        var after = await provider.GetAsync(_ct);

        Assert.Same(before.RuleSet, after.RuleSet);
        Assert.Equal(before.PointerETag, after.PointerETag);
        Assert.Equal(TestStorage.Start.AddSeconds(31), after.ConfirmedAt);
        Assert.Equal((2, 1), (counting.GetActiveCalls, counting.GetVersionCalls));
        Assert.Equal([RuleCacheEvent.Refreshed, RuleCacheEvent.Revalidated], observer.Events);

        // The interval restarts from the revalidation.
        clock.Advance(TimeSpan.FromSeconds(29));
        await provider.GetAsync(_ct);
        Assert.Equal(2, counting.GetActiveCalls);
    }

    [Fact]
    public async Task ConcurrentColdRequestsLoadTheVersionOnce()
    {
        var (_, counting, clock) = await SeededAsync();
        using var provider = new ActiveRuleSetProvider(counting, Options, clock);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () => await provider.GetAsync(_ct), _ct)));

        Assert.All(results, r => Assert.Equal(TestStorage.Default.Version, r.RuleSet.Version));
        Assert.Equal((1, 1), (counting.GetActiveCalls, counting.GetVersionCalls));
    }
}
