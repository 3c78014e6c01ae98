using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.CdsHooks.Discovery;
using Lena.CdsHooks.Service;
using Lena.CdsHooks.Tests.Support;
using Lena.Clinical.Rules;

namespace Lena.CdsHooks.Tests.Service;

/// <summary>
/// A patient under 65 with low clearance: the creatinine may be at most 28 + 7 days old (CLINICAL.md §5, renal
/// function monthly when CrCl &lt; 60), not the 91 + 7 of a patient with normal clearance. The myeloma fixture made
/// 50 years old, creatinine taken 2026-10-01 (56 days before today), weight 60 kg.
/// </summary>
public class RenalDataAgeCardTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static JsonObject Request(string creatinineMgPerDl)
    {
        var request = CdsRequests.FromFixture("myeloma-renal-impairment");
        var prefetch = request["prefetch"]!;
        prefetch[PrefetchTemplates.Patient]!["birthDate"] = "1976-03-10";
        var creatinine = ((JsonArray)prefetch[PrefetchTemplates.Observations]!["entry"]!)
            .Select(e => e!["resource"]!)
            .Single(r => (string?)r["id"] == "obs-scr");
        creatinine["effectiveDateTime"] = "2026-10-01T08:30:00Z";
        creatinine["valueQuantity"]!["value"] = JsonValue.Create(decimal.Parse(creatinineMgPerDl, System.Globalization.CultureInfo.InvariantCulture));
        return request;
    }

    private static async Task<List<JsonElement>> CardsAsync(JsonObject request)
    {
        var outcome = await new CdsHookService(new FakeFhirServer())
            .HandleAsync(LenaCdsServices.OrderSignId, Encoding.UTF8.GetBytes(request.ToJsonString()), RuleSetDocument.Default, Today, CancellationToken.None);
        Assert.Null(outcome.Problem);
        return [.. JsonSerializer.SerializeToElement(outcome.Response, CdsJson.Options).GetProperty("cards").EnumerateArray()];
    }

    private static string Topic(JsonElement card) => card.GetProperty("source").GetProperty("topic").GetProperty("code").GetString()!;

    [Theory]
    [InlineData("2.1", false)] // CrCl 35.7: monthly renal checks, so a 56-day-old creatinine is stale — no dose
    [InlineData("1.25", true)] // CrCl 60.0: every 91 days, the creatinine is used
    [InlineData("1.26", false)] // CrCl 59.5
    public async Task A_dose_rests_on_a_56_day_old_creatinine_only_when_the_clearance_is_at_least_60(string creatinine, bool dosed)
    {
        var cards = await CardsAsync(Request(creatinine));

        Assert.Equal(dosed, cards.Any(c => Topic(c) == "dose"));
        var stale = cards.Any(c => Topic(c) == "missing-data" && c.GetProperty("detail").GetString()!.Contains("stale since 2026-11-06", StringComparison.Ordinal));
        Assert.Equal(!dosed, stale);
    }
}
