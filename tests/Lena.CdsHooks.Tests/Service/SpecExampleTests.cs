using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.CdsHooks.Discovery;
using Lena.CdsHooks.Service;
using Lena.CdsHooks.Tests.Support;
using Lena.Clinical.Contract;
using Lena.Clinical.Contract.Responses;
using Lena.Clinical.Rules;
using Lena.Clinical.Vte;

namespace Lena.CdsHooks.Tests.Service;

/// <summary>
/// samples/cds-hooks/order-sign.json: the CDS Hooks spec's R4 order-sign example (its nutrition
/// and amoxicillin drafts, patient 1288992) with a lenalidomide draft added and our prefetch.
/// samples/cds-hooks/order-sign.same-patient.json is that patient as a portal would post it to
/// /api/assessments. The cards must carry exactly that answer's advice.
/// </summary>
public class SpecExampleTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", name));

    private static AssessmentResponse SamePatientAssessment()
    {
        var answer = ClinicalAnswer.For(Concern.Assessment, Sample("order-sign.same-patient.json"), RuleSetDocument.Default, Today);
        Assert.True(answer.IsSuccess, Encoding.UTF8.GetString(answer.Body));
        return (AssessmentResponse)answer.Response!;
    }

    private static async Task<List<JsonElement>> CardsAsync()
    {
        var outcome = await new CdsHookService(new FakeFhirServer())
            .HandleAsync(LenaCdsServices.OrderSignId, Sample("order-sign.json"), RuleSetDocument.Default, Today, CancellationToken.None);
        var response = JsonSerializer.SerializeToElement(outcome.Response, CdsJson.Options);
        CardShape.AssertValid(response);
        return [.. response.GetProperty("cards").EnumerateArray()];
    }

    private static JsonElement Card(List<JsonElement> cards, string topic) =>
        cards.Single(c => c.GetProperty("source").GetProperty("topic").GetProperty("code").GetString() == topic);

    [Fact]
    public async Task EveryFindingOfTheAssessmentIsOnExactlyOneCardAndNoOtherIs()
    {
        var assessment = SamePatientAssessment();
        var cards = await CardsAsync();

        var details = cards.Select(c => c.GetProperty("detail").GetString()!).ToList();
        foreach (var finding in assessment.Findings)
        {
            Assert.Single(details, d => d.Contains($"`{finding.Code}`", StringComparison.Ordinal));
            Assert.Single(details, d => d.Contains(Cards.MarkdownText.Escape(finding.Message), StringComparison.Ordinal));
        }

        var listed = details.SelectMany(d => d.Split('\n').Where(l => l.StartsWith("- `", StringComparison.Ordinal))).Count();
        Assert.Equal(assessment.Findings.Count, listed);
    }

    [Fact]
    public async Task TheDoseCardRecommendsTheAssessmentsDoseAndOffersItAsAnUpdate()
    {
        var assessment = SamePatientAssessment();
        var dose = Card(await CardsAsync(), "dose");

        var update = dose.GetProperty("suggestions")[0].GetProperty("actions")[0].GetProperty("resource");
        Assert.Equal("draft-len", update.GetProperty("id").GetString());
        var instruction = update.GetProperty("dosageInstruction")[0];
        Assert.Equal(assessment.Dose.DoseMg, instruction.GetProperty("doseAndRate")[0].GetProperty("doseQuantity").GetProperty("value").GetDouble());
        Assert.Equal(assessment.Dose.Frequency == Lena.Clinical.Snapshot.DoseFrequency.Every48Hours ? 2 : 1, instruction.GetProperty("timing").GetProperty("repeat").GetProperty("period").GetInt32());
        Assert.Contains(Cards.DoseText.Of(assessment.Dose), dose.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheVteAndContraindicationCardsSayWhatTheAssessmentSays()
    {
        var assessment = SamePatientAssessment();
        var cards = await CardsAsync();

        var vte = Card(cards, "vte").GetProperty("summary").GetString()!;
        Assert.Contains(assessment.Prophylaxis.Recommendation == ProphylaxisRecommendation.Aspirin ? "aspirin" : "warfarin", vte, StringComparison.Ordinal);
        Assert.Contains($"**Status:** {LenaJson.WireName(assessment.Status)}.", Card(cards, "contraindications").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSpecsOtherDraftOrdersGetNoCards()
    {
        var cards = await CardsAsync();

        Assert.All(cards, c => Assert.DoesNotContain("smart-MedicationRequest-103", c.GetRawText(), StringComparison.Ordinal));
        Assert.All(cards, c => Assert.DoesNotContain("pureeddiet-simple", c.GetRawText(), StringComparison.Ordinal));
    }

    [Fact]
    public void TheFhirMappingOfTheSampleIsTheSamePatientsSnapshot()
    {
        var request = JsonNode.Parse(Sample("order-sign.json"))!;
        var documents = request["prefetch"]!.AsObject().Select(p => new Lena.Fhir.FhirDocument(p.Key, JsonSerializer.SerializeToElement(p.Value))).ToList();
        var record = Lena.Fhir.FhirPatientRecord.Read(documents).Record;
        var drafts = Lena.Fhir.FhirPatientRecord.Read([new Lena.Fhir.FhirDocument("draft", JsonSerializer.SerializeToElement(request["context"]!["draftOrders"]))]).Record;
        var draft = drafts.MedicationRequests.Single(m => m.Id == "draft-len");

        var mapping = Lena.Fhir.FhirSnapshotMapper.Map(record, draft, Today);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Sample("order-sign.same-patient.json")), mapping.Snapshot), mapping.Snapshot.ToJsonString());
    }
}
