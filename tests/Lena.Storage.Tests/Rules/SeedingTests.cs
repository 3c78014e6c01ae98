using Lena.Clinical.Rules;
using Lena.Storage.Rules;
using Lena.Testing;

namespace Lena.Storage.Tests.Rules;

[Collection(AzuriteFixture.CollectionName)]
public sealed class SeedingTests(AzuriteFixture azurite)
{
    private readonly CancellationToken _ct = CancellationToken.None;

    [Fact]
    public async Task SeedingAnEmptyTablePublishesTheDefaultAndActivatesIt()
    {
        var store = TestStorage.Store(TestStorage.NewTable(azurite), TestStorage.Clock());

        Assert.Null(await store.GetActiveAsync(_ct));
        Assert.True(await store.SeedAsync(TestStorage.Default, _ct));

        var active = await store.GetActiveAsync(_ct);
        Assert.NotNull(active);
        Assert.Equal(TestStorage.Default.Version, active.Version);
        Assert.Equal(TestStorage.Start, active.ActivatedAt);

        var stored = await store.GetVersionAsync(active.Version, _ct);
        Assert.NotNull(stored);
        Assert.Equal(RuleSetDocument.ContentHash(TestStorage.Default), RuleSetDocument.ContentHash(stored.RuleSet));
        Assert.Equal("system", stored.Info.Author);
        Assert.Null(stored.Info.BasedOn);

        var version = Assert.Single(await store.ListVersionsAsync(_ct));
        Assert.Equal(TestStorage.Default.Version, version.Version);

        var audit = await store.ListAuditAsync(10, _ct);
        Assert.Equal(["activated", "published"], audit.Select(a => a.Action).Order(StringComparer.Ordinal));
        Assert.All(audit, a => Assert.Equal("system", a.Actor));
    }

    [Fact]
    public async Task SeedingASecondTimeDoesNothing()
    {
        var table = TestStorage.NewTable(azurite);
        var clock = TestStorage.Clock();
        var store = TestStorage.Store(table, clock);
        Assert.True(await store.SeedAsync(TestStorage.Default, _ct));
        var before = await store.GetActiveAsync(_ct);

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.False(await store.SeedAsync(TestStorage.Default, _ct));
        // A second instance starting later sees the pointer too.
        Assert.False(await TestStorage.Store(table, clock).SeedAsync(TestStorage.Default, _ct));

        var after = await store.GetActiveAsync(_ct);
        Assert.Equal(before!.ETag, after!.ETag);
        Assert.Single(await store.ListVersionsAsync(_ct));
        Assert.Equal(2, (await store.ListAuditAsync(10, _ct)).Count);
    }

    [Fact]
    public async Task SeedingDoesNotReplaceAnActivatedVersion()
    {
        var clock = TestStorage.Clock();
        var store = TestStorage.Store(TestStorage.NewTable(azurite), clock);
        await store.SeedAsync(TestStorage.Default, _ct);
        await store.PublishAsync(TestStorage.Version("2026.12.2"), "pharmacist", "new bands", TestStorage.Default.Version, _ct);
        var pointer = await store.GetActiveAsync(_ct);
        Assert.Equal(ActivationStatus.Activated, (await store.ActivateAsync("2026.12.2", pointer!.ETag, "pharmacist", "go live", _ct)).Status);

        Assert.False(await store.SeedAsync(TestStorage.Default, _ct));

        Assert.Equal("2026.12.2", (await store.GetActiveAsync(_ct))!.Version);
    }

    [Fact]
    public async Task TwoConcurrentSeedsLeaveExactlyOnePointer()
    {
        // Several rounds: which instance wins differs from round to round.
        for (var round = 0; round < 5; round++)
        {
            var table = TestStorage.NewTable(azurite);
            var clock = TestStorage.Clock();
            await table.CreateIfNotExistsAsync(_ct);
            var first = TestStorage.Store(table, clock);
            var second = TestStorage.Store(table, clock);

            var results = await Task.WhenAll(
                Task.Run(() => first.SeedAsync(TestStorage.Default, _ct), _ct),
                Task.Run(() => second.SeedAsync(TestStorage.Default, _ct), _ct));

            Assert.Single(results, seeded => seeded);
            var pointers = await TestStorage.RowsAsync(table, "active");
            var pointer = Assert.Single(pointers);
            Assert.Equal(TestStorage.Default.Version, pointer.GetString("Version"));
            Assert.Single(await first.ListVersionsAsync(_ct));
            var audit = await first.ListAuditAsync(10, _ct);
            Assert.Single(audit, a => a.Action == "published");
            Assert.Single(audit, a => a.Action == "activated");
        }
    }
}
