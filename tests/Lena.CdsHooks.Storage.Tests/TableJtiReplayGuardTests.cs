using Azure.Data.Tables;
using Lena.Testing;

namespace Lena.CdsHooks.Storage.Tests;

[Collection(AzuriteFixture.CollectionName)]
public sealed class TableJtiReplayGuardTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    private const string Issuer = "https://ehr.example.org";
    private readonly CancellationToken _ct = CancellationToken.None;

    private TableClient NewTable() => new(azurite.ConnectionString, AzuriteFixture.UniqueName("tokens"), FailFast.Tables());

    private static TableJtiReplayGuard Guard(TableClient tokens, TimeProvider clock) =>
        new(new CdsHooksTables(tokens, tokens), clock);

    private static async Task<List<TableEntity>> AllRowsAsync(TableClient table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public async Task A_jti_is_accepted_the_first_time_and_refused_the_second()
    {
        var guard = Guard(NewTable(), new FakeTimeProvider(Start));
        var expires = Start.AddMinutes(6);

        Assert.True(await guard.TryUseAsync(Issuer, "jti-1", expires, _ct));
        Assert.False(await guard.TryUseAsync(Issuer, "jti-1", expires, _ct));
        Assert.True(await guard.TryUseAsync("https://other-ehr.example.org", "jti-1", expires, _ct));
    }

    [Fact]
    public async Task The_table_is_created_on_first_use()
    {
        var table = NewTable();
        var guard = Guard(table, new FakeTimeProvider(Start));

        Assert.True(await guard.TryUseAsync(Issuer, "jti-1", Start.AddMinutes(6), _ct));

        Assert.Single(await AllRowsAsync(table));
    }

    [Fact]
    public async Task Two_concurrent_uses_of_one_jti_let_exactly_one_through()
    {
        for (var round = 0; round < 5; round++)
        {
            var table = NewTable();
            var clock = new FakeTimeProvider(Start);

            // Two instances, each with its own guard over the same table.
            var first = Guard(table, clock);
            var second = Guard(table, clock);
            await first.TryUseAsync(Issuer, "warm-up", Start.AddMinutes(6), _ct);
            await second.TryUseAsync(Issuer, "warm-up-2", Start.AddMinutes(6), _ct);

            var results = await Task.WhenAll(
                Task.Run(() => first.TryUseAsync(Issuer, "same", Start.AddMinutes(6), _ct)),
                Task.Run(() => second.TryUseAsync(Issuer, "same", Start.AddMinutes(6), _ct)));

            Assert.Single(results, r => r);
        }
    }

    [Fact]
    public async Task Neither_the_raw_jti_nor_the_issuer_is_stored()
    {
        var table = NewTable();
        var guard = Guard(table, new FakeTimeProvider(Start));
        const string jti = "a/b#c?d\\e";

        Assert.True(await guard.TryUseAsync(Issuer, jti, new DateTimeOffset(2026, 11, 2, 9, 5, 0, TimeSpan.FromHours(1)), _ct));

        var row = Assert.Single(await AllRowsAsync(table));
        Assert.Equal("exp|2026110208", row.PartitionKey);
        Assert.Matches("^[0-9a-f]{64}$", row.RowKey);
        Assert.DoesNotContain(row, p => p.Value is string s && (s.Contains(jti, StringComparison.Ordinal) || s.Contains(Issuer, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Purging_removes_the_partitions_whose_hour_ended_more_than_an_hour_ago()
    {
        var table = NewTable();
        var clock = new FakeTimeProvider(Start);
        var guard = Guard(table, clock);
        await guard.TryUseAsync(Issuer, "old-1", Start.AddMinutes(5), _ct);
        await guard.TryUseAsync(Issuer, "old-2", Start.AddMinutes(6), _ct);
        await guard.TryUseAsync(Issuer, "recent", Start.AddHours(2), _ct);

        clock.Advance(TimeSpan.FromHours(1.5));
        Assert.Equal(0, await guard.PurgeExpiredAsync(_ct)); // the hour just ended is kept: clock skew still accepts its tokens

        clock.Advance(TimeSpan.FromHours(1));
        var purged = await guard.PurgeExpiredAsync(_ct);

        Assert.Equal(2, purged);
        var left = Assert.Single(await AllRowsAsync(table));
        Assert.Equal("exp|2026110210", left.PartitionKey);
    }
}
