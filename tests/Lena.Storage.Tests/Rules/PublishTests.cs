using Lena.Clinical.Rules;
using Lena.Storage.Rules;
using Lena.Testing;

namespace Lena.Storage.Tests.Rules;

[Collection(AzuriteFixture.CollectionName)]
public sealed class PublishTests(AzuriteFixture azurite)
{
    private readonly CancellationToken _ct = CancellationToken.None;

    [Fact]
    public async Task APublishedVersionIsOnePartitionWhoseRowsReassembleToTheSameRuleSet()
    {
        var table = TestStorage.NewTable(azurite);
        var store = TestStorage.Store(table, TestStorage.Clock());
        var rules = TestStorage.Version("2026.12.2");

        var outcome = await store.PublishAsync(rules, "pharmacist.a", "Renal bands per the 2026 label", TestStorage.Default.Version, _ct);

        Assert.Equal(PublishStatus.Published, outcome.Status);
        var rows = await TestStorage.RowsAsync(table, "version|2026.12.2");
        var sections = RuleSetSections.Split(rules);
        Assert.Equal(sections.Count + 1, rows.Count);
        Assert.Contains(rows, r => r.RowKey == "meta");
        Assert.All(sections, s => Assert.Contains(rows, r => r.RowKey == $"section|{s.Order:D3}|{s.Name}" && r.GetString("Json") == s.Json && r.GetString("Hash") == s.Hash));

        var stored = await store.GetVersionAsync("2026.12.2", _ct);
        Assert.NotNull(stored);
        Assert.Equal("2026.12.2", stored.RuleSet.Version);
        Assert.Equal(RuleSetDocument.ContentHash(rules), RuleSetDocument.ContentHash(stored.RuleSet));
        Assert.Equal(RuleSetDocument.Serialize(rules), RuleSetDocument.Serialize(stored.RuleSet));
        Assert.Equal(outcome.Info, stored.Info);
    }

    [Fact]
    public async Task PublishedVersionsAreListedWithTheirMetadata()
    {
        var clock = TestStorage.Clock();
        var store = TestStorage.Store(TestStorage.NewTable(azurite), clock);
        await store.SeedAsync(TestStorage.Default, _ct);
        clock.Advance(TimeSpan.FromHours(2));
        var rules = TestStorage.Version("2026.12.2");

        await store.PublishAsync(rules, "pharmacist.a", "Renal bands per the 2026 label", TestStorage.Default.Version, _ct);

        var versions = await store.ListVersionsAsync(_ct);
        Assert.Equal([TestStorage.Default.Version, "2026.12.2"], versions.Select(v => v.Version));
        var info = versions[1];
        Assert.Equal("pharmacist.a", info.Author);
        Assert.Equal("Renal bands per the 2026 label", info.Reason);
        Assert.Equal(TestStorage.Default.Version, info.BasedOn);
        Assert.Equal(TestStorage.Start.AddHours(2), info.CreatedAt);
        Assert.Equal(RuleSetDocument.ContentHash(rules), info.ContentHash);
        Assert.Equal(rules.Description, info.Description);
        Assert.Equal("system", versions[0].Author);
        Assert.Null(versions[0].BasedOn);
    }

    [Fact]
    public async Task PublishingAnExistingVersionAgainIsRefusedAndLeavesItUnchanged()
    {
        var clock = TestStorage.Clock();
        var store = TestStorage.Store(TestStorage.NewTable(azurite), clock);
        var rules = TestStorage.Version("2026.12.2");
        await store.PublishAsync(rules, "pharmacist.a", "first", null, _ct);
        clock.Advance(TimeSpan.FromMinutes(1));

        var changed = rules with { Description = "Something else under the same version id" };
        var again = await store.PublishAsync(changed, "pharmacist.b", "second", null, _ct);

        Assert.Equal(PublishStatus.VersionExists, again.Status);
        Assert.Null(again.Info);
        Assert.Contains("immutable", again.Problem, StringComparison.Ordinal);
        var stored = await store.GetVersionAsync("2026.12.2", _ct);
        Assert.Equal("pharmacist.a", stored!.Info.Author);
        Assert.Equal(RuleSetDocument.ContentHash(rules), RuleSetDocument.ContentHash(stored.RuleSet));
        var audit = await store.ListAuditAsync(10, _ct);
        Assert.Equal("published", Assert.Single(audit).Action);
    }

    [Fact]
    public async Task AnUnknownVersionReadsAsNull()
    {
        var store = TestStorage.Store(TestStorage.NewTable(azurite), TestStorage.Clock());

        Assert.Null(await store.GetVersionAsync("1999.1.1", _ct));
    }
}
