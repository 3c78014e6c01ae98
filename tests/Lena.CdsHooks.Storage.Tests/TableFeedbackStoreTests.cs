using Azure.Data.Tables;
using Lena.CdsHooks.Feedback;
using Lena.Testing;

namespace Lena.CdsHooks.Storage.Tests;

[Collection(AzuriteFixture.CollectionName)]
public sealed class TableFeedbackStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    private const string Service = "lena-monitoring";
    private readonly CancellationToken _ct = CancellationToken.None;

    private static readonly CdsFeedbackItem Accepted = new(
        "9368d37b-283f-44a0-93ea-547cebab93ed",
        CdsFeedbackOutcome.Accepted,
        ["b", "a"],
        null,
        new DateTimeOffset(2026, 11, 2, 9, 15, 0, TimeSpan.FromHours(1)));

    private TableClient NewTable() => new(azurite.ConnectionString, AzuriteFixture.UniqueName("feedback"), FailFast.Tables());

    private static TableFeedbackStore Store(TableClient feedback) => new(new CdsHooksTables(feedback, feedback), new FakeTimeProvider(Start));

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
    public async Task The_table_is_created_on_first_use_and_the_item_stored()
    {
        var table = NewTable();

        var outcome = Assert.Single(await Store(table).RecordAsync(Service, [Accepted], _ct));

        Assert.Equal(FeedbackStoreStatus.Stored, outcome.Status);
        var row = Assert.Single(await AllRowsAsync(table));
        Assert.Equal("lena-monitoring|2026-11", row.PartitionKey);
        Assert.Matches("^[0-9a-f]{64}$", row.RowKey);
        Assert.Equal(Accepted.Card, row.GetString("Card"));
        Assert.Equal("accepted", row.GetString("Outcome"));
        Assert.Equal("a,b", row.GetString("AcceptedSuggestions"));
        Assert.Equal(Accepted.OutcomeTimestamp, row.GetDateTimeOffset("OutcomeTimestamp"));
        Assert.Equal(Start, row.GetDateTimeOffset("ReceivedAt"));
    }

    [Fact]
    public async Task The_same_feedback_posted_twice_is_stored_once_and_both_posts_succeed()
    {
        var table = NewTable();
        var store = Store(table);

        var first = await store.RecordAsync(Service, [Accepted], _ct);

        // The retry's JSON may differ in form: another offset for the same instant, suggestions in another order.
        var again = Accepted with { AcceptedSuggestions = ["a", "b"], OutcomeTimestamp = Accepted.OutcomeTimestamp.ToUniversalTime() };
        var second = await Store(table).RecordAsync(Service, [again], _ct);

        Assert.Equal(FeedbackStoreStatus.Stored, Assert.Single(first).Status);
        Assert.Equal(FeedbackStoreStatus.AlreadyStored, Assert.Single(second).Status);
        Assert.Single(await AllRowsAsync(table));
    }

    [Fact]
    public async Task A_different_outcome_for_the_same_card_is_stored_separately()
    {
        var table = NewTable();
        var store = Store(table);
        var overridden = new CdsFeedbackItem(
            Accepted.Card,
            CdsFeedbackOutcome.Overridden,
            [],
            new CdsOverrideReason(new CdsCoding("https://lena.example.org/override-reasons", "patient-declined", "Patient declined"), "Discussed."),
            Accepted.OutcomeTimestamp.AddMinutes(1));

        var outcomes = await store.RecordAsync(Service, [Accepted, overridden], _ct);

        Assert.All(outcomes, o => Assert.Equal(FeedbackStoreStatus.Stored, o.Status));
        var rows = await AllRowsAsync(table);
        Assert.Equal(2, rows.Count);
        var stored = Assert.Single(rows, r => r.GetString("Outcome") == "overridden");
        Assert.Equal("patient-declined", stored.GetString("OverrideCode"));
        Assert.Equal("https://lena.example.org/override-reasons", stored.GetString("OverrideSystem"));
        Assert.Equal("Patient declined", stored.GetString("OverrideDisplay"));
        Assert.Equal("Discussed.", stored.GetString("UserComment"));
    }

    [Fact]
    public async Task One_post_with_a_new_and_a_repeated_item_reports_each()
    {
        var table = NewTable();
        var store = Store(table);
        await store.RecordAsync(Service, [Accepted], _ct);
        var later = Accepted with { OutcomeTimestamp = Accepted.OutcomeTimestamp.AddHours(1) };

        var outcomes = await store.RecordAsync(Service, [Accepted, later], _ct);

        Assert.Equal([FeedbackStoreStatus.AlreadyStored, FeedbackStoreStatus.Stored], outcomes.Select(o => o.Status));
        Assert.Equal(2, (await AllRowsAsync(table)).Count);
    }

    [Fact]
    public async Task A_service_id_that_cannot_be_part_of_a_key_is_refused() =>
        await Assert.ThrowsAsync<ArgumentException>(() => Store(NewTable()).RecordAsync("a/b", [Accepted], _ct));
}
