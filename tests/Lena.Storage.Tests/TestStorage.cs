using Azure.Data.Tables;
using Lena.Clinical.Rules;
using Lena.Storage.Rules;
using Lena.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Lena.Storage.Tests;

/// <summary>Builds stores over a fresh table in Azurite, with a fake clock and fail-fast clients.</summary>
internal static class TestStorage
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    public static RuleSet Default => RuleSetDocument.Default;

    public static RuleSet Version(string version) => RuleSetDocument.Default with { Version = version };

    public static FakeTimeProvider Clock() => new(Start);

    /// <summary>No retries and a short network timeout, so a stopped Azurite fails a call at once.</summary>
    public static TableClientOptions FailFast() => Lena.Testing.FailFast.Tables();

    public static TableClient NewTable(AzuriteFixture azurite) =>
        new(azurite.ConnectionString, AzuriteFixture.UniqueName("rules"), FailFast());

    public static TableRuleStore Store(TableClient table, TimeProvider clock) => new(new RuleStoreTables(table), clock);

    public static async Task<List<TableEntity>> RowsAsync(TableClient table, string partition)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition))
        {
            rows.Add(row);
        }

        return rows;
    }
}
