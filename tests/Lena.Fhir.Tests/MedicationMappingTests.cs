using System.Text.Json.Nodes;
using Lena.Fhir.Codes;
using static Lena.Fhir.Tests.Support.Resources;

namespace Lena.Fhir.Tests;

public class MedicationMappingTests
{
    private const string RxNormSystem = "http://www.nlm.nih.gov/research/umls/rxnorm";

    public static TheoryData<string, string> ConcomitantCodes => Rows(RxNormIngredients.VerifiedIngredientCodes
        .Where(c => RxNormIngredients.ConcomitantMedication(c.Value) is not null)
        .Select(c => (c.Key, RxNormIngredients.ConcomitantMedication(c.Value)!)));

    public static TheoryData<string, string> RegimenCodes => Rows(RxNormCodes.RegimenAgent.Select(c => (c.Key, c.Value)));

    public static TheoryData<string, double> CapsuleCodes =>
        Rows(RxNormCodes.Lenalidomide.Where(c => c.Value is not null).Select(c => (c.Key, c.Value!.Value)));

    public static TheoryData<string> LenalidomideCodes => new(RxNormCodes.Lenalidomide.Keys);

    private static TheoryData<TKey, TValue> Rows<TKey, TValue>(IEnumerable<(TKey, TValue)> rows)
    {
        var data = new TheoryData<TKey, TValue>();
        foreach (var (key, value) in rows)
        {
            data.Add(key, value);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ConcomitantCodes))]
    public void Every_co_medication_RxNorm_code_maps_to_its_concomitant_medication(string code, string medication)
    {
        var mapping = Map(Patient, MedicationRequest("m1", code));

        Assert.Equal([medication], mapping.Snapshot["concomitantMedications"]!.AsArray().Select(n => (string?)n));
        Assert.Contains(mapping.Used, u => u.Field == "concomitantMedications" && u.Value == medication && u.Code == $"RxNorm {code}");
    }

    [Fact]
    public void The_co_medication_table_covers_every_API_value_except_where_no_code_was_verified()
    {
        Assert.Equal(
            ["aspirin", "digoxin", "directOralAnticoagulant", "erythropoiesisStimulatingAgent", "estrogenContainingTherapy", "lowMolecularWeightHeparin", "pembrolizumab", "warfarin"],
            RxNormIngredients.VerifiedIngredientCodes.Values.Select(RxNormIngredients.ConcomitantMedication).OfType<string>().Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RegimenCodes))]
    public void Every_regimen_agent_RxNorm_code_sets_its_regimen_flag(string code, string flag)
    {
        var mapping = Map(Patient, MedicationRequest("m1", code));

        Assert.True((bool?)mapping.Snapshot["regimen"]![flag]);
    }

    [Theory]
    [MemberData(nameof(LenalidomideCodes))]
    public void Every_lenalidomide_RxNorm_code_makes_an_active_request_current_therapy(string code)
    {
        var mapping = Map(Patient, MedicationRequest("len", code, dose: "10", unit: "mg"));

        Assert.Equal("onTreatment", (string?)mapping.Snapshot["therapy"]!["status"]);
        Assert.Equal(10.0, (double?)mapping.Snapshot["therapy"]!["currentDoseMg"]);
    }

    [Theory]
    [MemberData(nameof(CapsuleCodes))]
    public void A_capsule_count_of_a_lenalidomide_capsule_code_gives_the_dose_of_its_strength(string code, double strengthMg)
    {
        var mapping = MapWithDraft("draft", Patient, MedicationRequest("draft", code, dose: "2", unit: "{capsule}", status: "draft"));

        Assert.Equal(new OrderedDose(2 * strengthMg, "daily", "MedicationRequest/draft"), mapping.DraftDose);
    }

    [Theory]
    [InlineData(1, 1, "d", "daily")]
    [InlineData(1, 2, "d", "every48Hours")]
    [InlineData(2, 1, "d", null)]
    [InlineData(1, 1, "wk", null)]
    public void The_draft_frequency_is_daily_or_every_48_hours_else_null_with_a_problem(int frequency, int period, string unit, string? expected)
    {
        var mapping = MapWithDraft("draft", Patient, MedicationRequest("draft", "342369", dose: "5", status: "draft", frequency: frequency, period: period, periodUnit: unit));

        Assert.Equal(expected, mapping.DraftDose?.Frequency);
        Assert.Equal(expected is null, mapping.Problems.Any(p => p.Field == "draftOrder.frequency" && !p.Blocking));
    }

    [Fact]
    public void No_current_lenalidomide_means_starting_today_when_the_draft_order_has_no_planned_start()
    {
        var mapping = MapWithDraft("draft", Patient, MedicationRequest("draft", "342369", dose: "25", status: "draft"));

        Assert.Equal("starting", (string?)mapping.Snapshot["therapy"]!["status"]);
        Assert.Equal("2026-11-26", (string?)mapping.Snapshot["therapy"]!["startDate"]);
        Assert.Null(mapping.Snapshot["therapy"]!["currentDoseMg"]);
    }

    [Theory]
    [InlineData("neutropenia")]
    [InlineData("thrombocytopenia")]
    [InlineData("otherToxicity")]
    public void An_on_hold_lenalidomide_request_is_interrupted_for_the_cause_in_its_status_reason(string cause)
    {
        var request = JsonNode.Parse(MedicationRequest("len", "342369", dose: "10", status: "on-hold"))!.AsObject();
        request["statusReason"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = LenaFhirExtensions.InterruptionCauseSystem, ["code"] = cause }) };

        var mapping = Map(Patient, request.ToJsonString());

        Assert.Equal("interrupted", (string?)mapping.Snapshot["therapy"]!["status"]);
        Assert.Equal(cause, (string?)mapping.Snapshot["therapy"]!["interruptedFor"]);
    }

    [Fact]
    public void An_on_hold_lenalidomide_request_without_a_cause_is_blocking_NotInFhir()
    {
        var mapping = Map(Patient, MedicationRequest("len", "342369", dose: "10", status: "on-hold"));

        var problem = Assert.Single(mapping.Problems, p => p.Field == "therapy.interruptedFor");
        Assert.Equal((FhirProblemKind.NotInFhir, true, false), (problem.Kind, problem.Blocking, problem.ServerCouldResolve));
    }

    [Theory]
    [InlineData("40", 1, 1, "wk", "lowDose")] // 160 mg / 28 d
    [InlineData("20", 1, 1, "wk", "lowDose")]
    [InlineData("40", 1, 1, "d", "highDose")] // 1120 mg / 28 d
    [InlineData("20", 1, 1, "d", "highDose")] // 560 mg
    [InlineData("4", 1, 1, "d", "lowDose")] // 112 mg
    public void Dexamethasone_is_high_dose_from_480_mg_per_28_days(string dose, int frequency, int period, string unit, string expected)
    {
        var mapping = Map(Patient, MedicationRequest("dex", "3264", dose: dose, frequency: frequency, period: period, periodUnit: unit));

        Assert.Equal(expected, (string?)mapping.Snapshot["regimen"]!["dexamethasone"]);
        Assert.Contains(mapping.Used, u => u.Field == "regimen.dexamethasone" && u.Resource == "MedicationRequest/dex");
    }

    [Fact]
    public void Dexamethasone_pulses_limited_by_count_are_counted_per_28_days()
    {
        // 40 mg days 1–4, 9–12, 17–20: twelve doses a cycle = 480 mg → high dose.
        var request = JsonNode.Parse(MedicationRequest("dex", "3264", dose: "40"))!.AsObject();
        request["dosageInstruction"]![0]!["timing"]!["repeat"]!["count"] = 12;

        Assert.Equal("highDose", (string?)Map(Patient, request.ToJsonString()).Snapshot["regimen"]!["dexamethasone"]);
    }

    [Fact]
    public void Dexamethasone_without_computable_timing_is_blocking_never_guessed()
    {
        var request = JsonNode.Parse(MedicationRequest("dex", "3264", dose: "40"))!.AsObject();
        request["dosageInstruction"]![0]!.AsObject().Remove("timing");

        var mapping = Map(Patient, request.ToJsonString());

        Assert.Null(mapping.Snapshot["regimen"]?["dexamethasone"]);
        var problem = Assert.Single(mapping.Problems, p => p.Field == "regimen.dexamethasone");
        Assert.Equal((FhirProblemKind.Invalid, true), (problem.Kind, problem.Blocking));
    }

    [Fact]
    public void No_dexamethasone_is_none()
    {
        Assert.Equal("none", (string?)Map(Patient).Snapshot["regimen"]!["dexamethasone"]);
    }

    [Theory]
    [InlineData("completed")]
    [InlineData("stopped")]
    [InlineData("cancelled")]
    [InlineData("entered-in-error")]
    public void Finished_or_erroneous_requests_are_ignored(string status)
    {
        var mapping = Map(Patient, MedicationRequest("m1", "11289", status: status));

        Assert.Null(mapping.Snapshot["concomitantMedications"]);
    }

    [Theory]
    [InlineData("active")]
    [InlineData("on-hold")]
    public void A_current_request_whose_RxNorm_code_no_table_knows_is_a_non_blocking_notice(string status)
    {
        // e.g. dexamethasone sent only as a tablet product code: it would otherwise count as no dexamethasone.
        var mapping = Map(Patient, MedicationRequest("m1", "999999", status: status));

        var problem = Assert.Single(mapping.Problems, p => p.Resource == "MedicationRequest/m1");
        Assert.Equal(("concomitantMedications", FhirProblemKind.Invalid, false), (problem.Field, problem.Kind, problem.Blocking));
        foreach (var expected in new[] { "MedicationRequest/m1", "RxNorm 999999", "ingredient", "dexamethasone", "warfarin", "melphalan" })
        {
            Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        }

        Assert.Equal("none", (string?)mapping.Snapshot["regimen"]!["dexamethasone"]);
    }

    [Fact]
    public void A_current_request_without_any_RxNorm_coding_gets_the_same_notice()
    {
        var request = JsonNode.Parse(MedicationRequest("m1", "0"))!.AsObject();
        request["medicationCodeableConcept"] = JsonNode.Parse("""{"coding":[{"system":"http://snomed.info/sct","code":"372584003"}],"text":"dexamethasone"}""");

        var problem = Assert.Single(Map(Patient, request.ToJsonString()).Problems, p => p.Resource == "MedicationRequest/m1");
        Assert.Equal(FhirProblemKind.Invalid, problem.Kind);
        Assert.Contains("no RxNorm coding", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("342369", "active")] // lenalidomide
    [InlineData("602910", "active")] // a lenalidomide capsule
    [InlineData("3264", "active")] // dexamethasone
    [InlineData("11289", "on-hold")] // warfarin
    [InlineData("6718", "active")] // melphalan
    [InlineData("999999", "completed")]
    [InlineData("999999", "draft")]
    public void Recognised_lenalidomide_and_finished_requests_get_no_unrecognised_notice(string code, string status)
    {
        var mapping = Map(Patient, MedicationRequest("m1", code, dose: "10", status: status));

        Assert.DoesNotContain(mapping.Problems, p => p.Field == "concomitantMedications");
    }

    [Fact]
    public void A_Medication_missing_from_the_record_is_reported_once_not_also_as_unrecognised()
    {
        var request = JsonNode.Parse(MedicationRequest("m1", "0"))!.AsObject();
        request.Remove("medicationCodeableConcept");
        request["medicationReference"] = new JsonObject { ["reference"] = "Medication/absent" };

        var problem = Assert.Single(Map(Patient, request.ToJsonString()).Problems, p => p.Field == "concomitantMedications");
        Assert.Equal(FhirProblemKind.Missing, problem.Kind);
    }

    [Fact]
    public void A_contained_Medication_with_a_lenalidomide_ingredient_counts_as_lenalidomide()
    {
        var request = JsonNode.Parse(MedicationRequest("len", "0", dose: "5"))!.AsObject();
        request.Remove("medicationCodeableConcept");
        request["medicationReference"] = new JsonObject { ["reference"] = "#med" };
        request["contained"] = JsonNode.Parse($$$"""[{"resourceType":"Medication","id":"med","ingredient":[{"itemCodeableConcept":{"coding":[{"system":"{{{RxNormSystem}}}","code":"342369"}]}}]}]""");

        var mapping = Map(Patient, request.ToJsonString());

        Assert.Equal(5.0, (double?)mapping.Snapshot["therapy"]!["currentDoseMg"]);
    }

    [Fact]
    public void A_referenced_Medication_in_the_record_is_resolved()
    {
        var request = JsonNode.Parse(MedicationRequest("m1", "0"))!.AsObject();
        request.Remove("medicationCodeableConcept");
        request["medicationReference"] = new JsonObject { ["reference"] = "Medication/dig" };
        var medication = $$$"""{"resourceType":"Medication","id":"dig","code":{"coding":[{"system":"{{{RxNormSystem}}}","code":"3407"}]}}""";

        Assert.Equal(["digoxin"], Map(Patient, medication, request.ToJsonString()).Snapshot["concomitantMedications"]!.AsArray().Select(n => (string?)n));
    }

    [Theory]
    [InlineData("342369")]
    [InlineData("337535")]
    public void A_lenalidomide_allergy_is_a_hypersensitivity_history(string code)
    {
        var allergy = $$$"""{"resourceType":"AllergyIntolerance","id":"a1","patient":{"reference":"Patient/p1"},"code":{"coding":[{"system":"{{{RxNormSystem}}}","code":"{{{code}}}"}]}}""";

        Assert.True((bool?)Map(Patient, allergy).Snapshot["history"]!["lenalidomideHypersensitivity"]);
    }
}
