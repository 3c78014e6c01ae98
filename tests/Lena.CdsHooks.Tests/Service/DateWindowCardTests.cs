using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.CdsHooks.Discovery;
using Lena.CdsHooks.Service;
using Lena.CdsHooks.Tests.Support;
using Lena.Clinical.Rules;

namespace Lena.CdsHooks.Tests.Service;

/// <summary>
/// Issue 13: dates in a CDS Hooks call (the draft order's planned start, the prefetched Observations) go through the
/// same windows as the API's: outside them, no advice rests on them and the missing-data card names them — never a
/// 5xx, never a dose. Today is 2026-11-26.
/// </summary>
public class DateWindowCardTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static async Task<List<JsonElement>> CardsAsync(JsonObject request)
    {
        var outcome = await new CdsHookService(new FakeFhirServer())
            .HandleAsync(LenaCdsServices.OrderSignId, Encoding.UTF8.GetBytes(request.ToJsonString()), RuleSetDocument.Default, Today, CancellationToken.None);
        Assert.Null(outcome.Problem);
        return [.. JsonSerializer.SerializeToElement(outcome.Response, CdsJson.Options).GetProperty("cards").EnumerateArray()];
    }

    private static string Topic(JsonElement card) => card.GetProperty("source").GetProperty("topic").GetProperty("code").GetString()!;

    private static string MissingData(List<JsonElement> cards) =>
        Assert.Single(cards, c => Topic(c) == "missing-data").GetProperty("detail").GetString()!;

    [Theory]
    [InlineData("1900-01-01", false)] // more than 20 years before today
    [InlineData("2006-11-26", true)] // 20 years before today: a long course, as implausible-looking as it may be
    [InlineData("2027-11-26", true)] // a year ahead
    [InlineData("2027-11-27", false)]
    [InlineData("9999-12-31", false)]
    public async Task The_draft_orders_planned_start_has_the_window_of_therapy_startDate(string start, bool accepted)
    {
        var request = CdsRequests.FromFixture("myeloma-renal-impairment");
        var draft = ((JsonArray)request["context"]!["draftOrders"]!["entry"]!)[0]!["resource"]!;
        draft["dosageInstruction"]![0]!["timing"]!["repeat"]!["boundsPeriod"]!["start"] = start;

        var cards = await CardsAsync(request);

        var named = cards.Any(c => Topic(c) == "missing-data" && c.GetProperty("detail").GetString()!.Contains($"{start} is implausible", StringComparison.Ordinal));
        Assert.Equal(!accepted, named);
        Assert.Equal(accepted, cards.Any(c => Topic(c) == "dose"));
    }

    [Fact]
    public async Task A_creatinine_dated_in_the_future_is_named_and_not_dosed_on()
    {
        var request = CdsRequests.FromFixture("myeloma-renal-impairment");
        var creatinine = ((JsonArray)request["prefetch"]![PrefetchTemplates.Observations]!["entry"]!)
            .Select(e => e!["resource"]!)
            .Single(r => (string?)r["id"] == "obs-scr");
        creatinine["effectiveDateTime"] = "9999-12-31T08:30:00Z";

        var cards = await CardsAsync(request);

        Assert.DoesNotContain(cards, c => Topic(c) == "dose");
        Assert.Contains("Observation/obs-scr (LOINC 2160-0) is dated 9999-12-31, after today (2026-11-26, UTC)", MissingData(cards), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_count_dated_tomorrow_withholds_the_dose_rather_than_falling_back_to_the_older_count()
    {
        // The fixture's ANC of 600 (2026-11-24) is above the hold threshold; an ANC of 400 dated tomorrow may be a
        // result with a wrong date that would hold: no dose advice rests on either until the date is corrected.
        var request = CdsRequests.FromFixture("mds-del5q-cytopenia");
        var observations = (JsonArray)request["prefetch"]![PrefetchTemplates.Observations]!["entry"]!;
        var future = observations.Select(e => e!["resource"]!).Single(r => (string?)r["id"] == "obs-anc").DeepClone();
        future["id"] = "obs-anc-future";
        future["effectiveDateTime"] = "2026-11-27T09:00:00Z";
        future["valueQuantity"]!["value"] = 400;
        observations.Add(new JsonObject { ["resource"] = future });

        var cards = await CardsAsync(request);

        Assert.DoesNotContain(cards, c => Topic(c) is "dose" or "hold");
        Assert.Contains("Observation/obs-anc-future (LOINC 751-8) is dated 2026-11-27", MissingData(cards), StringComparison.Ordinal);
    }
}
