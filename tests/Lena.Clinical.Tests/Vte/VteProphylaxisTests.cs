using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.Clinical.Contract;
using Lena.Clinical.Tests.Evaluators;

namespace Lena.Clinical.Tests.Vte;

/// <summary>CLINICAL.md §6: the IMWG risk profiles and the cautions, through the VteProphylaxis contract.</summary>
public class VteProphylaxisTests
{
    private static readonly string[] IndividualFlags =
    [
        "obesity", "priorVte", "centralVenousCatheterOrPacemaker", "cardiacDisease", "chronicKidneyDisease",
        "diabetes", "acuteInfection", "immobilization", "recentSurgeryOrTrauma", "inheritedThrombophilia",
    ];

    private static JsonElement Prophylaxis(JsonObject body) =>
        EvaluatorRequests.Post(Concern.VteProphylaxis, body).Ok.GetProperty("prophylaxis");

    private static string[] RiskFactors(JsonElement prophylaxis) =>
        prophylaxis.GetProperty("riskFactors").EnumerateArray().Select(f => f.GetString()!).ToArray();

    private static void AssertAspirin(JsonElement prophylaxis)
    {
        Assert.Equal("aspirin", prophylaxis.GetProperty("recommendation").GetString());
        Assert.Equal(81, prophylaxis.GetProperty("aspirinDoseMg").GetProperty("min").GetDouble());
        Assert.Equal(325, prophylaxis.GetProperty("aspirinDoseMg").GetProperty("max").GetDouble());
        Assert.False(prophylaxis.TryGetProperty("lmwh", out _));
    }

    private static void AssertAnticoagulant(JsonElement prophylaxis, double enoxaparinMg = 40)
    {
        Assert.Equal("lmwhOrWarfarin", prophylaxis.GetProperty("recommendation").GetString());
        var lmwh = prophylaxis.GetProperty("lmwh");
        Assert.Equal("enoxaparin", lmwh.GetProperty("agent").GetString());
        Assert.Equal(enoxaparinMg, lmwh.GetProperty("doseMg").GetDouble());
        Assert.Equal("daily", lmwh.GetProperty("frequency").GetString());
        Assert.Equal(2, prophylaxis.GetProperty("warfarinInrTarget").GetProperty("min").GetDouble());
        Assert.Equal(3, prophylaxis.GetProperty("warfarinInrTarget").GetProperty("max").GetDouble());
        Assert.Equal(JsonValueKind.Null, prophylaxis.GetProperty("aspirinDoseMg").ValueKind);
    }

    [Fact]
    public void No_risk_factor_means_aspirin_81_to_325_mg()
    {
        var prophylaxis = Prophylaxis(EvaluatorRequests.Patient());

        AssertAspirin(prophylaxis);
        Assert.Empty(RiskFactors(prophylaxis));
        Assert.Equal(0, prophylaxis.GetProperty("individualRiskFactorCount").GetInt32());
        Assert.False(prophylaxis.GetProperty("therapyRelatedRisk").GetBoolean());
    }

    public static TheoryData<string> IndividualFactorFlags() => [.. IndividualFlags];

    [Theory]
    [MemberData(nameof(IndividualFactorFlags))]
    [InlineData("newlyDiagnosedMyeloma")]
    [InlineData("hyperviscosity")]
    public void One_individual_or_myeloma_related_factor_alone_still_means_aspirin(string flag)
    {
        var prophylaxis = Prophylaxis(EvaluatorRequests.Patient().Set($"vteRiskFactors.{flag}", true));

        AssertAspirin(prophylaxis);
        Assert.Equal([flag], RiskFactors(prophylaxis));
        Assert.Equal(1, prophylaxis.GetProperty("individualRiskFactorCount").GetInt32());
    }

    [Theory]
    [MemberData(nameof(IndividualFactorFlags))]
    [InlineData("newlyDiagnosedMyeloma")]
    [InlineData("hyperviscosity")]
    public void Two_individual_or_myeloma_related_factors_call_for_lmwh_or_warfarin(string flag)
    {
        var other = flag == "priorVte" ? "diabetes" : "priorVte";
        var prophylaxis = Prophylaxis(EvaluatorRequests.Patient()
            .Set($"vteRiskFactors.{flag}", true)
            .Set($"vteRiskFactors.{other}", true));

        AssertAnticoagulant(prophylaxis);
        Assert.Equal(2, prophylaxis.GetProperty("individualRiskFactorCount").GetInt32());
        Assert.False(prophylaxis.GetProperty("therapyRelatedRisk").GetBoolean());
        Assert.Equal(new[] { flag, other }.Order(), RiskFactors(prophylaxis).Order());
    }

    [Theory]
    [InlineData("regimen.dexamethasone", "\"highDose\"", "highDoseDexamethasone")]
    [InlineData("regimen.doxorubicin", "true", "doxorubicin")]
    [InlineData("regimen.multiagentChemotherapy", "true", "multiagentChemotherapy")]
    public void Any_therapy_related_factor_alone_calls_for_lmwh_or_warfarin(string path, string json, string factor)
    {
        var prophylaxis = Prophylaxis(EvaluatorRequests.Patient().Set(path, JsonNode.Parse(json)));

        AssertAnticoagulant(prophylaxis);
        Assert.True(prophylaxis.GetProperty("therapyRelatedRisk").GetBoolean());
        Assert.Equal(0, prophylaxis.GetProperty("individualRiskFactorCount").GetInt32());
        Assert.Equal([factor], RiskFactors(prophylaxis));
    }

    [Theory]
    [InlineData("multipleMyeloma")]
    [InlineData("mantleCellLymphoma")]
    [InlineData("mdsDel5q")]
    public void A_therapy_related_factor_calls_for_anticoagulation_in_every_indication(string indication)
    {
        AssertAnticoagulant(Prophylaxis(EvaluatorRequests.Patient(indication).Set("regimen.doxorubicin", true)));
    }

    [Fact]
    public void The_anticoagulant_recommendation_is_a_critical_cited_finding()
    {
        var reply = EvaluatorRequests.Post(Concern.VteProphylaxis, EvaluatorRequests.Patient().Set("regimen.dexamethasone", "highDose"));

        var finding = reply.Finding("vteProphylaxisAnticoagulant");
        Assert.NotNull(finding);
        Assert.Equal("critical", finding.Value.GetProperty("severity").GetString());
        Assert.NotEqual(0, finding.Value.GetProperty("citations").GetArrayLength());
        Assert.Null(reply.Finding("vteProphylaxisAspirin"));
    }

    [Theory]
    [InlineData("lowDose")]
    [InlineData("none")]
    public void Low_dose_dexamethasone_melphalan_and_rituximab_are_not_therapy_related_factors(string dexamethasone)
    {
        var prophylaxis = Prophylaxis(EvaluatorRequests.Patient()
            .Set("regimen.dexamethasone", dexamethasone)
            .Set("regimen.melphalan", true)
            .Set("regimen.rituximab", true)
            .Set("vteRiskFactors.diabetes", true));

        AssertAspirin(prophylaxis);
        Assert.Equal(["diabetes"], RiskFactors(prophylaxis));
    }

    [Fact]
    public void A_bmi_of_30_or_more_from_weight_and_height_counts_as_obesity()
    {
        // 95 kg, 170 cm: BMI 32.9.
        var prophylaxis = Prophylaxis(EvaluatorRequests.Patient().Set("weightKg", 95).Set("heightCm", 170));

        Assert.Equal(["obesity"], RiskFactors(prophylaxis));
        Assert.Equal(1, prophylaxis.GetProperty("individualRiskFactorCount").GetInt32());
    }

    [Fact]
    public void A_bmi_below_30_is_not_obesity()
    {
        // 86 kg, 170 cm: BMI 29.8.
        var prophylaxis = Prophylaxis(EvaluatorRequests.Patient().Set("weightKg", 86).Set("heightCm", 170));

        Assert.Empty(RiskFactors(prophylaxis));
    }

    [Fact]
    public void Obesity_from_bmi_and_from_the_flag_counts_once()
    {
        var prophylaxis = Prophylaxis(EvaluatorRequests.Patient()
            .Set("weightKg", 95).Set("heightCm", 170)
            .Set("vteRiskFactors.obesity", true));

        AssertAspirin(prophylaxis);
        Assert.Equal(["obesity"], RiskFactors(prophylaxis));
        Assert.Equal(1, prophylaxis.GetProperty("individualRiskFactorCount").GetInt32());
    }

    [Fact]
    public void Obesity_by_bmi_with_one_other_factor_calls_for_anticoagulation()
    {
        var prophylaxis = Prophylaxis(EvaluatorRequests.Patient()
            .Set("weightKg", 95).Set("heightCm", 170)
            .Set("vteRiskFactors.immobilization", true));

        AssertAnticoagulant(prophylaxis);
        Assert.Equal(2, prophylaxis.GetProperty("individualRiskFactorCount").GetInt32());
    }

    [Theory]
    [InlineData("multipleMyeloma", 2, "lmwhOrWarfarin")]
    [InlineData("multipleMyelomaMaintenance", 2, "lmwhOrWarfarin")]
    [InlineData("mantleCellLymphoma", 0, "aspirin")]
    [InlineData("follicularLymphoma", 0, "aspirin")]
    [InlineData("marginalZoneLymphoma", 0, "aspirin")]
    [InlineData("mdsDel5q", 0, "aspirin")]
    [InlineData("mdsNonDel5q", 0, "aspirin")]
    [InlineData("cll", 0, "aspirin")]
    public void Myeloma_related_factors_count_only_for_myeloma_indications(string indication, int count, string recommendation)
    {
        var prophylaxis = Prophylaxis(EvaluatorRequests.Patient(indication)
            .Set("vteRiskFactors.newlyDiagnosedMyeloma", true)
            .Set("vteRiskFactors.hyperviscosity", true));

        Assert.Equal(recommendation, prophylaxis.GetProperty("recommendation").GetString());
        Assert.Equal(count, prophylaxis.GetProperty("individualRiskFactorCount").GetInt32());
        Assert.Equal(count, RiskFactors(prophylaxis).Length);
    }

    [Theory]
    [InlineData("erythropoiesisStimulatingAgent")]
    [InlineData("estrogenContainingTherapy")]
    public void Erythropoiesis_stimulating_agents_and_estrogen_are_counted_individual_factors(string medication)
    {
        var alone = Prophylaxis(EvaluatorRequests.Patient().Medications(medication));
        Assert.Equal([medication], RiskFactors(alone));
        Assert.Equal(1, alone.GetProperty("individualRiskFactorCount").GetInt32());
        AssertAspirin(alone);

        var withAnother = Prophylaxis(EvaluatorRequests.Patient().Medications(medication).Set("vteRiskFactors.cardiacDisease", true));
        AssertAnticoagulant(withAnother);
    }

    [Fact]
    public void Both_thrombogenic_medications_together_call_for_anticoagulation()
    {
        var prophylaxis = Prophylaxis(EvaluatorRequests.Patient().Medications("erythropoiesisStimulatingAgent", "estrogenContainingTherapy"));

        AssertAnticoagulant(prophylaxis);
        Assert.Equal(2, prophylaxis.GetProperty("individualRiskFactorCount").GetInt32());
    }

    [Fact]
    public void Every_factor_is_named_once_and_therapy_factors_are_not_counted_as_individual()
    {
        var prophylaxis = Prophylaxis(EvaluatorRequests.Patient()
            .Set("vteRiskFactors.priorVte", true)
            .Set("regimen.doxorubicin", true)
            .Set("regimen.multiagentChemotherapy", true)
            .Set("regimen.dexamethasone", "highDose"));

        Assert.Equal(1, prophylaxis.GetProperty("individualRiskFactorCount").GetInt32());
        Assert.True(prophylaxis.GetProperty("therapyRelatedRisk").GetBoolean());
        var factors = RiskFactors(prophylaxis);
        Assert.Equal(factors.Distinct().Count(), factors.Length);
        Assert.Equal(new[] { "priorVte", "highDoseDexamethasone", "doxorubicin", "multiagentChemotherapy" }.Order(), factors.Order());
    }

    // Cautions -------------------------------------------------------------------------------

    private static IReadOnlyList<string> Codes(JsonObject body) => EvaluatorRequests.Post(Concern.VteProphylaxis, body).FindingCodes;

    private static JsonObject Anticoagulated() => EvaluatorRequests.Patient().Set("regimen.doxorubicin", true);

    [Theory]
    [InlineData(59.9, "lmwhRenalMonitoring")]
    [InlineData(45, "lmwhRenalMonitoring")]
    [InlineData(30, "lmwhRenalMonitoring")]
    [InlineData(29.9, "lmwhRenalDoseAdjustment")]
    [InlineData(10, "lmwhRenalDoseAdjustment")]
    public void Reduced_clearance_with_lmwh_raises_the_renal_caution_of_its_band(double crCl, string code)
    {
        var codes = Codes(Anticoagulated().Set("renal.creatinineClearanceMlPerMin", crCl));

        Assert.Contains(code, codes);
        Assert.DoesNotContain(code == "lmwhRenalMonitoring" ? "lmwhRenalDoseAdjustment" : "lmwhRenalMonitoring", codes);
    }

    [Fact]
    public void Clearance_of_60_or_more_raises_no_lmwh_renal_caution()
    {
        var codes = Codes(Anticoagulated().Set("renal.creatinineClearanceMlPerMin", 60));

        Assert.DoesNotContain("lmwhRenalMonitoring", codes);
        Assert.DoesNotContain("lmwhRenalDoseAdjustment", codes);
    }

    [Fact]
    public void Reduced_clearance_without_lmwh_raises_no_lmwh_caution()
    {
        var codes = Codes(EvaluatorRequests.Patient().Set("renal.creatinineClearanceMlPerMin", 25));

        Assert.DoesNotContain("lmwhRenalMonitoring", codes);
        Assert.DoesNotContain("lmwhRenalDoseAdjustment", codes);
    }

    [Fact]
    public void Clearance_below_30_reduces_enoxaparin_to_30_mg()
    {
        var reply = EvaluatorRequests.Post(Concern.VteProphylaxis, Anticoagulated().Set("renal.creatinineClearanceMlPerMin", 20));

        AssertAnticoagulant(reply.Ok.GetProperty("prophylaxis"), enoxaparinMg: 30);
        Assert.Equal("critical", reply.Finding("lmwhRenalDoseAdjustment")!.Value.GetProperty("severity").GetString());
    }

    [Fact]
    public void Dialysis_counts_as_clearance_below_30_for_lmwh()
    {
        var body = Anticoagulated().Set("renal", new JsonObject { ["onDialysis"] = true });
        var reply = EvaluatorRequests.Post(Concern.VteProphylaxis, body);

        AssertAnticoagulant(reply.Ok.GetProperty("prophylaxis"), enoxaparinMg: 30);
        Assert.Contains("lmwhRenalDoseAdjustment", reply.FindingCodes);
    }

    [Fact]
    public void A_patient_already_on_lmwh_with_low_clearance_gets_the_renal_caution_even_on_the_aspirin_profile()
    {
        var codes = Codes(EvaluatorRequests.Patient().Set("renal.creatinineClearanceMlPerMin", 45).Medications("lowMolecularWeightHeparin"));

        Assert.Contains("lmwhRenalMonitoring", codes);
        Assert.Contains("existingAnticoagulation", codes);
    }

    [Theory]
    [InlineData(49_999, true)]
    [InlineData(20_000, true)]
    [InlineData(50_000, false)]
    [InlineData(150_000, false)]
    public void Platelets_below_50000_make_prophylaxis_a_critical_bleeding_risk_review(int platelets, bool expected)
    {
        var reply = EvaluatorRequests.Post(Concern.VteProphylaxis, Anticoagulated().Labs(1500, platelets));

        var finding = reply.Finding("prophylaxisBleedingRisk");
        Assert.Equal(expected, finding is not null);
        if (finding is { } f)
        {
            Assert.Equal("critical", f.GetProperty("severity").GetString());
        }
    }

    [Theory]
    [InlineData("warfarin", true)]
    [InlineData("directOralAnticoagulant", false)]
    [InlineData("lowMolecularWeightHeparin", false)]
    public void An_existing_anticoagulant_is_noted_and_warfarin_asks_for_inr_monitoring(string medication, bool warfarin)
    {
        var codes = Codes(EvaluatorRequests.Patient().Medications(medication));

        Assert.Contains("existingAnticoagulation", codes);
        Assert.Equal(warfarin, codes.Contains("warfarinInteraction"));
    }

    [Theory]
    [InlineData("aspirin")]
    [InlineData("digoxin")]
    public void Other_medications_are_not_existing_anticoagulation(string medication)
    {
        var codes = Codes(EvaluatorRequests.Patient().Medications(medication));

        Assert.DoesNotContain("existingAnticoagulation", codes);
        Assert.DoesNotContain("warfarinInteraction", codes);
    }

    [Fact]
    public void Every_vte_finding_cites_a_source_and_no_incidence_percentage_is_shown()
    {
        var reply = EvaluatorRequests.Post(Concern.VteProphylaxis, Anticoagulated()
            .Set("renal.creatinineClearanceMlPerMin", 20)
            .Labs(1500, 30_000)
            .Medications("warfarin"));

        var findings = reply.Ok.GetProperty("findings").EnumerateArray().ToList();

        // Warfarin covers prophylaxis: no LMWH advice and so no LMWH renal finding; bleeding risk and INR remain.
        Assert.Equal(["existingAnticoagulation", "prophylaxisBleedingRisk", "warfarinInteraction"], findings.Select(f => f.GetProperty("code").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(findings, f =>
        {
            Assert.NotEqual(0, f.GetProperty("citations").GetArrayLength());
            Assert.DoesNotContain("%", f.GetProperty("message").GetString(), StringComparison.Ordinal);
        });
    }
}
