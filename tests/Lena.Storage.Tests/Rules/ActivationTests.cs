using Azure;
using Lena.Storage.Rules;
using Lena.Testing;

namespace Lena.Storage.Tests.Rules;

[Collection(AzuriteFixture.CollectionName)]
public sealed class ActivationTests(AzuriteFixture azurite)
{
    private const string Next = "2026.12.2";
    private readonly CancellationToken _ct = CancellationToken.None;

    private async Task<(TableRuleStore Store, Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock, ActivePointer Pointer)> SeededWithNextPublishedAsync()
    {
        var clock = TestStorage.Clock();
        var store = TestStorage.Store(TestStorage.NewTable(azurite), clock);
        await store.SeedAsync(TestStorage.Default, _ct);
        clock.Advance(TimeSpan.FromMinutes(1));
        await store.PublishAsync(TestStorage.Version(Next), "pharmacist.a", "new version", TestStorage.Default.Version, _ct);
        clock.Advance(TimeSpan.FromMinutes(1));
        return (store, clock, (await store.GetActiveAsync(_ct))!);
    }

    [Fact]
    public async Task ActivatingWithTheCurrentETagSwitchesThePointerAndReturnsANewETag()
    {
        var (store, clock, pointer) = await SeededWithNextPublishedAsync();

        var outcome = await store.ActivateAsync(Next, pointer.ETag, "pharmacist.b", "go live", _ct);

        Assert.Equal(ActivationStatus.Activated, outcome.Status);
        Assert.NotNull(outcome.Active);
        Assert.Equal(Next, outcome.Active.Version);
        Assert.NotEqual(default, outcome.Active.ETag);
        Assert.NotEqual(pointer.ETag, outcome.Active.ETag);
        var read = await store.GetActiveAsync(_ct);
        Assert.Equal(Next, read!.Version);
        Assert.Equal(outcome.Active.ETag, read.ETag);
        Assert.Equal(clock.GetUtcNow(), read.ActivatedAt);
    }

    [Fact]
    public async Task ActivatingWithAStaleETagFailsThePreconditionAndChangesNothing()
    {
        var (store, _, stale) = await SeededWithNextPublishedAsync();
        var first = await store.ActivateAsync(Next, stale.ETag, "pharmacist.b", "go live", _ct);

        var second = await store.ActivateAsync(TestStorage.Default.Version, stale.ETag, "pharmacist.c", "roll back", _ct);

        Assert.Equal(ActivationStatus.PreconditionFailed, second.Status);
        Assert.Equal(Next, second.Active!.Version);
        Assert.Equal(first.Active!.ETag, second.Active.ETag);
        Assert.Equal(Next, (await store.GetActiveAsync(_ct))!.Version);
        Assert.DoesNotContain(await store.ListAuditAsync(10, _ct), a => a.Actor == "pharmacist.c");
    }

    [Fact]
    public async Task OfTwoConcurrentActivationsWithTheSameETagExactlyOneWins()
    {
        var (store, _, pointer) = await SeededWithNextPublishedAsync();
        await store.PublishAsync(TestStorage.Version("2026.12.3"), "pharmacist.c", "another", Next, _ct);

        var outcomes = await Task.WhenAll(
            Task.Run(() => store.ActivateAsync(Next, pointer.ETag, "admin.one", "one", _ct), _ct),
            Task.Run(() => store.ActivateAsync("2026.12.3", pointer.ETag, "admin.two", "two", _ct), _ct));

        var winner = Assert.Single(outcomes, o => o.Status == ActivationStatus.Activated);
        Assert.Single(outcomes, o => o.Status == ActivationStatus.PreconditionFailed);
        var active = await store.GetActiveAsync(_ct);
        Assert.Equal(winner.Active!.Version, active!.Version);
        Assert.Equal(winner.Active.ETag, active.ETag);
        Assert.Single(await store.ListAuditAsync(10, _ct), a => a.Action == "activated" && a.Actor.StartsWith("admin.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ActivatingAnUnknownVersionIsRefused()
    {
        var (store, _, pointer) = await SeededWithNextPublishedAsync();

        var outcome = await store.ActivateAsync("1999.1.1", pointer.ETag, "pharmacist.b", "typo", _ct);

        Assert.Equal(ActivationStatus.UnknownVersion, outcome.Status);
        Assert.Null(outcome.Active);
        Assert.Equal(pointer.ETag, (await store.GetActiveAsync(_ct))!.ETag);
    }

    [Fact]
    public async Task RollingBackToThePreviousVersionWorksAndTheAuditTrailTellsTheStoryNewestFirst()
    {
        var (store, clock, pointer) = await SeededWithNextPublishedAsync();
        var forward = await store.ActivateAsync(Next, pointer.ETag, "pharmacist.b", "go live", _ct);
        clock.Advance(TimeSpan.FromMinutes(1));

        var back = await store.ActivateAsync(TestStorage.Default.Version, forward.Active!.ETag, "pharmacist.c", "wrong renal band, roll back", _ct);

        Assert.Equal(ActivationStatus.Activated, back.Status);
        Assert.Equal(TestStorage.Default.Version, (await store.GetActiveAsync(_ct))!.Version);
        var audit = await store.ListAuditAsync(10, _ct);
        Assert.Equal(
            [
                ("activated", TestStorage.Default.Version, "pharmacist.c", "wrong renal band, roll back", (string?)Next),
                ("activated", Next, "pharmacist.b", "go live", TestStorage.Default.Version),
                ("published", Next, "pharmacist.a", "new version", TestStorage.Default.Version),
            ],
            audit.Take(3).Select(a => (a.Action, a.Version, a.Actor, a.Reason, a.PreviousVersion)));
        Assert.Equal(5, audit.Count);
        Assert.Equal(audit.OrderByDescending(a => a.At).Select(a => a.At), audit.Select(a => a.At));
        Assert.Equal(TestStorage.Start.AddMinutes(3), audit[0].At);
        Assert.Equal(2, (await store.ListAuditAsync(2, _ct)).Count);
    }

    [Fact]
    public async Task ActivatingBeforeAnythingWasSeededFailsThePrecondition()
    {
        var store = TestStorage.Store(TestStorage.NewTable(azurite), TestStorage.Clock());
        await store.PublishAsync(TestStorage.Version(Next), "pharmacist.a", "new version", null, _ct);

        var outcome = await store.ActivateAsync(Next, new ETag("W/\"datetime'2026-01-01T00%3A00%3A00.0000000Z'\""), "pharmacist.a", "go live", _ct);

        Assert.Equal(ActivationStatus.PreconditionFailed, outcome.Status);
        Assert.Null(outcome.Active);
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("W/\"datetime'not-a-date'\"")]
    public async Task AQuotedETagStorageNeverIssuedFailsThePreconditionNotTheRequest(string etag)
    {
        var (store, _, pointer) = await SeededWithNextPublishedAsync();

        var outcome = await store.ActivateAsync(Next, new ETag(etag), "pharmacist.b", "go live", _ct);

        Assert.Equal(ActivationStatus.PreconditionFailed, outcome.Status);
        Assert.Equal(pointer.ETag, outcome.Active!.ETag);
    }

    [Fact]
    public async Task TheFirstActivationTakesIfMatchStarAndAStarAfterThatFailsThePrecondition()
    {
        var store = TestStorage.Store(TestStorage.NewTable(azurite), TestStorage.Clock());
        await store.PublishAsync(TestStorage.Version(Next), "pharmacist.a", "new version", null, _ct);

        var first = await store.ActivateAsync(Next, ETag.All, "pharmacist.a", "first rule set", _ct);
        var again = await store.ActivateAsync(Next, ETag.All, "pharmacist.b", "again", _ct);

        Assert.Equal(ActivationStatus.Activated, first.Status);
        Assert.Equal(ActivationStatus.PreconditionFailed, again.Status);
        Assert.Equal(first.Active!.ETag, again.Active!.ETag);
    }
}
