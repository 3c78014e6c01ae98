using System.Text.Json;
using Lena.CdsHooks.Discovery;
using Lena.CdsHooks.Service;
using Lena.CdsHooks.Tests.Support;
using Lena.Clinical.Rules;

namespace Lena.CdsHooks.Tests.Service;

/// <summary>The real-data corpus (tests/Lena.Fhir.Tests/Corpus) sent as an EHR sends it, and what the cards say.</summary>
public class RealDataCorpusTests
{
    private static async Task<List<JsonElement>> CardsAsync(string name, DateOnly today)
    {
        var body = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Corpus", name + ".json"));
        var outcome = await new CdsHookService(new FakeFhirServer())
            .HandleAsync(LenaCdsServices.OrderSignId, body, RuleSetDocument.Default, today, CancellationToken.None);
        Assert.True(outcome.Problem is null, JsonSerializer.Serialize(outcome.Problem));
        var response = JsonSerializer.SerializeToElement(outcome.Response, CdsJson.Options);
        return [.. response.GetProperty("cards").EnumerateArray()];
    }

    private static string Topic(JsonElement card) => card.GetProperty("source").GetProperty("topic").GetProperty("code").GetString()!;

    [Fact]
    public async Task The_heart_failure_patients_VTE_card_counts_it_and_names_every_drug_it_could_not_read()
    {
        var cards = await CardsAsync("synthea-heart-failure", new DateOnly(2020, 12, 20));

        var vte = Assert.Single(cards, c => Topic(c) == "vte");
        var detail = vte.GetProperty("detail").GetString()!;
        Assert.Contains("88805009", detail, StringComparison.Ordinal);
        Assert.Contains("Galantamine 4 MG Oral Tablet", detail, StringComparison.Ordinal);
        Assert.Contains("Lasix 40mg", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Years_later_the_missing_data_card_says_the_creatinine_is_stale()
    {
        var cards = await CardsAsync("synthea-heart-failure", new DateOnly(2026, 12, 4));

        var missing = Assert.Single(cards, c => Topic(c) == "missing-data");
        Assert.Contains("stale since 2021-01-18", missing.GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_US_Core_8_patient_is_not_asked_for_birth_sex()
    {
        var cards = await CardsAsync("uscore8-amy-shaw", new DateOnly(2026, 12, 4));

        Assert.All(cards, c => Assert.DoesNotContain("birthsex", c.GetRawText(), StringComparison.OrdinalIgnoreCase));
    }
}
