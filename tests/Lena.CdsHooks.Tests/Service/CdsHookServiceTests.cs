using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.CdsHooks.Discovery;
using Lena.CdsHooks.FhirServer;
using Lena.CdsHooks.Service;
using Lena.CdsHooks.Tests.Support;
using Lena.Clinical.Contract;
using Lena.Clinical.Contract.Responses;
using Lena.Clinical.Rules;
using Lena.Fhir;

namespace Lena.CdsHooks.Tests.Service;

public class CdsHookServiceTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static async Task<CdsServiceOutcome> CallAsync(JsonObject request, string serviceId = LenaCdsServices.OrderSignId, IFhirServerReader? server = null) =>
        await new CdsHookService(server ?? new FakeFhirServer())
            .HandleAsync(serviceId, Encoding.UTF8.GetBytes(request.ToJsonString()), RuleSetDocument.Default, Today, CancellationToken.None);

    private static JsonElement Json(CdsServiceOutcome outcome)
    {
        Assert.Null(outcome.Problem);
        return JsonSerializer.SerializeToElement(outcome.Response, CdsJson.Options);
    }

    private static List<JsonElement> Cards(JsonElement response) => [.. response.GetProperty("cards").EnumerateArray()];

    private static string Topic(JsonElement card) => card.GetProperty("source").GetProperty("topic").GetProperty("code").GetString()!;

    /// <summary>What POST /api/assessments answers for the snapshot the FHIR mapping makes of the same fixture.</summary>
    private static AssessmentResponse AssessmentOf(string fixture)
    {
        var request = CdsRequests.FromFixture(fixture);
        var documents = new List<FhirDocument>();
        foreach (var (key, value) in request["prefetch"]!.AsObject())
        {
            documents.Add(new FhirDocument(key, JsonSerializer.SerializeToElement(value)));
        }

        var record = FhirPatientRecord.Read(documents).Record;
        var drafts = FhirPatientRecord.Read([new FhirDocument("draft", JsonSerializer.SerializeToElement(request["context"]!["draftOrders"]))]).Record;
        var mapping = FhirSnapshotMapper.Map(record, drafts.MedicationRequests.Single(), Today);
        var answer = ClinicalAnswer.For(Concern.Assessment, JsonSerializer.SerializeToUtf8Bytes(mapping.Snapshot, LenaJson.Options), RuleSetDocument.Default, Today);
        Assert.True(answer.IsSuccess, Encoding.UTF8.GetString(answer.Body));
        return (AssessmentResponse)answer.Response!;
    }

    [Theory]
    [InlineData("myeloma-renal-impairment")]
    [InlineData("mds-del5q-cytopenia")]
    [InlineData("female-reproductive-potential")]
    [InlineData("si-units-cll")]
    public async Task EveryFindingOfTheAssessmentIsOnExactlyOneCard(string fixture)
    {
        var response = Json(await CallAsync(CdsRequests.FromFixture(fixture)));
        var assessment = AssessmentOf(fixture);

        var details = Cards(response).Select(c => c.GetProperty("detail").GetString()!).ToList();
        foreach (var finding in assessment.Findings)
        {
            Assert.Single(details, d => d.Contains($"`{finding.Code}`", StringComparison.Ordinal));
        }

        CardShape.AssertValid(response);
    }

    [Fact]
    public async Task MyelomaWithRenalImpairmentGetsTheRenalDoseAsAnUpdateOfTheDraftOrder()
    {
        var response = Json(await CallAsync(CdsRequests.FromFixture("myeloma-renal-impairment")));
        var assessment = AssessmentOf("myeloma-renal-impairment");

        var dose = Cards(response).Single(c => Topic(c) == "dose");
        Assert.Equal("warning", dose.GetProperty("indicator").GetString());
        Assert.Equal("at-most-one", dose.GetProperty("selectionBehavior").GetString());
        var action = dose.GetProperty("suggestions")[0].GetProperty("actions")[0];
        Assert.Equal("update", action.GetProperty("type").GetString());
        var resource = action.GetProperty("resource");
        Assert.Equal("draft-len", resource.GetProperty("id").GetString());
        var instruction = resource.GetProperty("dosageInstruction")[0];
        Assert.Equal(assessment.Dose.DoseMg, instruction.GetProperty("doseAndRate")[0].GetProperty("doseQuantity").GetProperty("value").GetDouble());
        Assert.Equal("mg", instruction.GetProperty("doseAndRate")[0].GetProperty("doseQuantity").GetProperty("code").GetString());
        Assert.Equal(2, instruction.GetProperty("timing").GetProperty("repeat").GetProperty("period").GetInt32());

        // The capsule product follows the dose: a 15 mg dose is a 15 mg capsule, not the 10 mg one ordered.
        var coding = resource.GetProperty("medicationCodeableConcept").GetProperty("coding")[0];
        Assert.Equal(LenalidomideOrders.CapsuleCode(assessment.Dose.DoseMg!.Value, brand: false), coding.GetProperty("code").GetString());

        var detail = dose.GetProperty("detail").GetString()!;
        Assert.Contains("**Creatinine clearance:**", detail, StringComparison.Ordinal);
        Assert.Contains(assessment.Derived.CreatinineClearanceMlPerMin!.Value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture), detail, StringComparison.Ordinal);
        Assert.Contains("Observation/obs-scr", detail, StringComparison.Ordinal);
        Assert.Contains("2160-0", detail, StringComparison.Ordinal);
        Assert.Contains("REVLIMID US Prescribing Information", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoDoseSuggestionWhenTheOrderedDoseIsTheRecommendedOne()
    {
        var request = CdsRequests.FromFixture("myeloma-renal-impairment");
        var assessment = AssessmentOf("myeloma-renal-impairment");
        var draft = request["context"]!["draftOrders"]!["entry"]![0]!["resource"]!.AsObject();
        var updated = Lena.CdsHooks.Cards.DoseUpdate.Updated(draft, assessment.Dose, "as recommended")!;
        request["context"]!["draftOrders"]!["entry"]![0]!["resource"] = updated;

        var dose = Cards(Json(await CallAsync(request))).Single(c => Topic(c) == "dose");

        Assert.False(dose.TryGetProperty("suggestions", out _));
        Assert.False(dose.TryGetProperty("selectionBehavior", out _));
    }

    [Fact]
    public async Task MdsDel5qWithAncBelow500GetsACriticalHoldCardOfferingToDropTheDraft()
    {
        // The fixture's ANC of 600 is above the after-week-4 hold threshold (500); 400 is below it.
        var request = CdsRequests.FromFixture("mds-del5q-cytopenia");
        var anc = ((JsonArray)request["prefetch"]!["observations"]!["entry"]!).Select(e => e!["resource"]!).Single(r => (string?)r["id"] == "obs-anc");
        anc["valueQuantity"]!["value"] = 400;

        var response = Json(await CallAsync(request));

        var hold = Cards(response).Single(c => Topic(c) == "hold");
        Assert.Equal("critical", hold.GetProperty("indicator").GetString());
        Assert.StartsWith("Hold lenalidomide", hold.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var action = hold.GetProperty("suggestions")[0].GetProperty("actions")[0];
        Assert.Equal("delete", action.GetProperty("type").GetString());
        Assert.Equal(["MedicationRequest/draft-len"], action.GetProperty("resourceId").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain(Cards(response), c => Topic(c) == "dose");
        Assert.Contains("`ancBelowHoldThreshold`", hold.GetProperty("detail").GetString(), StringComparison.Ordinal);
        CardShape.AssertValid(response);
    }

    [Fact]
    public async Task AFemaleOfReproductivePotentialGetsTheRemsCardWithHerPregnancyTest()
    {
        var response = Json(await CallAsync(CdsRequests.FromFixture("female-reproductive-potential")));

        var rems = Cards(response).Single(c => Topic(c) == "rems");
        var detail = rems.GetProperty("detail").GetString()!;
        Assert.Contains("`remsPregnancyTesting`", detail, StringComparison.Ordinal);
        Assert.Contains("pregnancyTest", detail, StringComparison.Ordinal);
        Assert.Contains("femaleOfReproductivePotential", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CardUuidsAreTheSameFromOrderSelectAndOrderSign()
    {
        var sign = Json(await CallAsync(CdsRequests.FromFixture("myeloma-renal-impairment")));
        var select = Json(await CallAsync(CdsRequests.FromFixture("myeloma-renal-impairment", LenaCdsServices.OrderSelectHook), LenaCdsServices.OrderSelectId));

        Assert.Equal(
            Cards(sign).Select(c => c.GetProperty("uuid").GetString()),
            Cards(select).Select(c => c.GetProperty("uuid").GetString()));
        Assert.Equal(Cards(sign).Count, Cards(sign).Select(c => c.GetProperty("uuid").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task MissingPrefetchWithoutAFhirServerIs412NamingTheKey()
    {
        var outcome = await CallAsync(CdsRequests.FromFixture("myeloma-renal-impairment", omitKeys: PrefetchTemplates.Observations));

        Assert.Equal(412, outcome.Problem!.Status);
        Assert.Equal(ProblemTypes.PreconditionFailed, outcome.Problem.Type);
        Assert.Contains("prefetch.observations", outcome.Problem.Errors!.Keys);
    }

    [Fact]
    public async Task MissingPrefetchIsReadFromTheFhirServerWithTheClientsToken()
    {
        var full = CdsRequests.FromFixture("myeloma-renal-impairment");
        var request = CdsRequests.FromFixture("myeloma-renal-impairment", omitKeys: PrefetchTemplates.Observations);
        request["fhirServer"] = "https://ehr.example.org/fhir";
        request["fhirAuthorization"] = new JsonObject
        {
            ["access_token"] = "token-abc",
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["scope"] = "user/Observation.read",
            ["subject"] = "lena",
        };
        var server = new FakeFhirServer(new() { ["Observation?"] = JsonSerializer.SerializeToElement(full["prefetch"]!["observations"]) });

        var withServer = Json(await CallAsync(request, server: server));
        var withPrefetch = Json(await CallAsync(full));

        var call = Assert.Single(server.Calls);
        Assert.Equal("token-abc", call.Token);
        Assert.StartsWith("Observation?patient=pt-mm&code=", call.Query, StringComparison.Ordinal);
        Assert.Equal(withPrefetch.GetRawText().Replace("prefetch.", string.Empty, StringComparison.Ordinal), withServer.GetRawText().Replace("prefetch.", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFhirServerThatFailsLeadsTo412SayingWhy()
    {
        var request = CdsRequests.FromFixture("myeloma-renal-impairment", omitKeys: PrefetchTemplates.Observations);
        request["fhirServer"] = "https://ehr.example.org/fhir";

        var outcome = await CallAsync(request);

        Assert.Equal(412, outcome.Problem!.Status);
        Assert.Contains("404", outcome.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabsAbsentFromTheSentPrefetchGiveADataCardNotA412EvenWithoutAFhirServer()
    {
        // The key was sent: the EHR has nothing more to send, so refusing would only hide from the clinician that no
        // advice was given. One missing-data card names every blocker and every other problem at once (issue 18).
        var response = Json(await CallAsync(CdsRequests.FromFixture("on-treatment-missing-anc")));

        var card = Cards(response).Single(c => Topic(c) == "missing-data");
        Assert.Contains("labs.ancPerMicroliter", card.GetProperty("summary").GetString(), StringComparison.Ordinal);
        CardShape.AssertValid(response);
    }

    [Fact]
    public async Task LabsTheRecordDoesNotHoldGiveADataCardNotAGuessWhenAFhirServerWasGiven()
    {
        var request = CdsRequests.FromFixture("on-treatment-missing-anc");
        request["fhirServer"] = "https://ehr.example.org/fhir";
        var server = new FakeFhirServer();

        var response = Json(await CallAsync(request, server: server));

        Assert.Empty(server.Calls); // every key was sent; asking the server the same search again would not help
        var card = Assert.Single(Cards(response));
        Assert.Equal("missing-data", Topic(card));
        Assert.Equal("warning", card.GetProperty("indicator").GetString());
        Assert.Contains("labs.ancPerMicroliter", card.GetProperty("summary").GetString(), StringComparison.Ordinal);
        CardShape.AssertValid(response);
    }

    [Fact]
    public async Task AFemaleWithoutTheReproductivePotentialExtensionGetsADataCardNeverAGuessFromGender()
    {
        var request = CdsRequests.FromFixture("female-reproductive-potential");
        request["prefetch"]!["patient"]!.AsObject().Remove("extension");

        var response = Json(await CallAsync(request));

        var card = Assert.Single(Cards(response));
        Assert.Equal("missing-data", Topic(card));
        Assert.Contains("femaleOfReproductivePotential", card.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains(Lena.Fhir.LenaFhirExtensions.FemaleOfReproductivePotential, card.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConflictingConditionsGiveADataCardNamingTheIndication()
    {
        var response = Json(await CallAsync(CdsRequests.FromFixture("conflicting-indications")));

        var card = Assert.Single(Cards(response));
        Assert.Equal("missing-data", Topic(card));
        Assert.Contains("indication", card.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOrderWithoutLenalidomideGetsNoCards()
    {
        var request = CdsRequests.FromFixture("myeloma-renal-impairment");
        var draft = request["context"]!["draftOrders"]!["entry"]![0]!["resource"]!;
        draft["medicationCodeableConcept"] = new JsonObject
        {
            ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://www.nlm.nih.gov/research/umls/rxnorm", ["code"] = "617993" }),
        };

        var response = Json(await CallAsync(request));

        Assert.Empty(Cards(response));
        CardShape.AssertValid(response);
    }

    [Fact]
    public async Task AnUnknownServiceIs404()
    {
        var outcome = await CallAsync(CdsRequests.FromFixture("myeloma-renal-impairment"), "lenalidomide-patient-view");

        Assert.Equal(404, outcome.Problem!.Status);
    }

    [Fact]
    public async Task AnInvalidRequestIs400ByPath()
    {
        var request = CdsRequests.FromFixture("myeloma-renal-impairment");
        request["context"]!.AsObject().Remove("patientId");

        var outcome = await CallAsync(request);

        Assert.Equal(400, outcome.Problem!.Status);
        Assert.Contains("context.patientId", outcome.Problem.Errors!.Keys);
    }

    [Fact]
    public async Task APrefetchObservationWithAListWhereOneValueBelongsIsNamedOnTheCardNotA500()
    {
        // Firely keeps such a value in recoverable mode, and reading Observation.code then threw: the whole call failed.
        var request = CdsRequests.FromFixture("myeloma-renal-impairment");
        var entries = (JsonArray)request["prefetch"]!["observations"]!["entry"]!;
        var broken = entries[0]!["resource"]!.DeepClone().AsObject();
        broken["id"] = "obs-list-code";
        broken["code"] = new JsonArray(broken["code"]!.DeepClone());
        entries.Add(new JsonObject { ["resource"] = broken });

        var outcome = await CallAsync(request);

        Assert.Null(outcome.Problem);
        var dose = Cards(Json(outcome)).Single(c => Topic(c) == "dose");
        Assert.Contains("Observation/obs-list-code", dose.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("a list where one value belongs", dose.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APrefetchResourceThatCannotBeReadIsNamedOnTheDoseCardNotDropped()
    {
        var request = CdsRequests.FromFixture("myeloma-renal-impairment");
        var entries = (JsonArray)request["prefetch"]!["observations"]!["entry"]!;
        entries.Add(new JsonObject { ["resource"] = new JsonObject { ["resourceType"] = "Observationz", ["id"] = "obs-typo" } });

        var dose = Cards(Json(await CallAsync(request))).Single(c => Topic(c) == "dose");

        Assert.Contains("could not be read as FHIR R4", dose.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADexamethasoneOrderCodedOnlyAsAProductIsReportedOnTheVteCard()
    {
        var request = CdsRequests.FromFixture("myeloma-renal-impairment");
        var dex = ((JsonArray)request["prefetch"]!["medications"]!["entry"]!).Select(e => e!["resource"]!).Single(r => (string?)r["id"] == "mr-dex");
        dex["medicationCodeableConcept"]!["coding"]![0]!["code"] = "197579";

        var vte = Cards(Json(await CallAsync(request))).Single(c => Topic(c) == "vte");

        Assert.Contains("MedicationRequest/mr-dex", vte.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing25MgWithCrCl41AndAFreeTextDexamethasoneOrderGivesTheRenalDoseCardAndADataCardForThromboprophylaxisOnly()
    {
        // Issue 11's case: one unreadable input (a dexamethasone order without structured timing) must withhold only the
        // advice that rests on it (thromboprophylaxis), never the renal dose warning, which does not.
        var request = CdsRequests.FromFixture("myeloma-renal-impairment");
        var observations = ((JsonArray)request["prefetch"]!["observations"]!["entry"]!).Select(e => e!["resource"]!).ToList();
        observations.Single(r => (string?)r["id"] == "obs-scr")!["valueQuantity"]!["value"] = 1.26; // Cockcroft–Gault 41.0 mL/min (78 y, 60 kg, male)
        var dex = ((JsonArray)request["prefetch"]!["medications"]!["entry"]!).Select(e => e!["resource"]!).Single(r => (string?)r["id"] == "mr-dex");
        dex["dosageInstruction"] = new JsonArray(new JsonObject { ["text"] = "Dexamethasone 40 mg by mouth once a week" });
        var draft = request["context"]!["draftOrders"]!["entry"]![0]!["resource"]!;
        draft["medicationCodeableConcept"]!["coding"]![0]!["code"] = LenalidomideOrders.CapsuleCode(25, brand: false);
        draft["medicationCodeableConcept"]!["coding"]![0]!["display"] = "lenalidomide 25 MG Oral Capsule";

        var response = Json(await CallAsync(request));
        var cards = Cards(response);

        var dose = cards.Single(c => Topic(c) == "dose");
        Assert.Contains("10 mg", dose.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("not the 25 mg ordered", dose.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("`renalDoseAdjustment`", dose.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var update = dose.GetProperty("suggestions")[0].GetProperty("actions")[0];
        Assert.Equal("update", update.GetProperty("type").GetString());
        Assert.Equal(10, update.GetProperty("resource").GetProperty("dosageInstruction")[0].GetProperty("doseAndRate")[0].GetProperty("doseQuantity").GetProperty("value").GetDouble());

        Assert.DoesNotContain(cards, c => Topic(c) == "vte");
        var missing = cards.Single(c => Topic(c) == "missing-data");
        Assert.StartsWith("No thromboprophylaxis advice", missing.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("regimen.dexamethasone", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(cards, c => Topic(c) == "contraindications");
        CardShape.AssertValid(response);
    }

    [Fact]
    public async Task A_context_patientId_that_is_not_the_prefetched_Patient_gets_a_400_and_no_cards()
    {
        var request = CdsRequests.FromFixture("myeloma-renal-impairment");
        request["context"]!["patientId"] = "someone-else";

        var outcome = await CallAsync(request);

        Assert.Null(outcome.Response);
        Assert.Equal(400, outcome.Problem!.Status);
        Assert.Contains("prefetch.patient", outcome.Problem.Errors!.Keys);
    }

    [Fact]
    public async Task AContraindicatedPatientGetsNoDoseCardAndNoProphylaxisAsOnEveryOtherRoute()
    {
        // Issue 11: a lenalidomide allergy (hypersensitivity) closes the dose gate in the cards as in /api/dosing.
        var request = CdsRequests.FromFixture("myeloma-renal-impairment");
        ((JsonArray)request["prefetch"]!["allergies"]!["entry"]!).Add(new JsonObject
        {
            ["resource"] = JsonNode.Parse("""
                {"resourceType":"AllergyIntolerance","id":"len-allergy","clinicalStatus":{"coding":[{"code":"active"}]},"verificationStatus":{"coding":[{"code":"confirmed"}]},
                 "category":["medication"],"code":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"342369"}]},"patient":{"reference":"Patient/pt-mm"}}
                """),
        });

        var response = Json(await CallAsync(request));
        var cards = Cards(response);

        Assert.DoesNotContain(cards, c => Topic(c) == "dose");
        var hold = cards.Single(c => Topic(c) == "hold");
        Assert.Equal("Lenalidomide is not recommended for this patient", hold.GetProperty("summary").GetString());
        Assert.Contains("none (lenalidomide is not to be given)", cards.Single(c => Topic(c) == "vte").GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Lenalidomide is contraindicated", cards.Single(c => Topic(c) == "contraindications").GetProperty("summary").GetString(), StringComparison.Ordinal);
        CardShape.AssertValid(response);
    }
}
