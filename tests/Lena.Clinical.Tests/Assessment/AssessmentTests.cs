using System.Text.Json.Nodes;
using FsCheck.Xunit;
using Lena.Clinical.Contract;
using Lena.Clinical.Tests.Evaluators;

namespace Lena.Clinical.Tests.Assessment;

/// <summary>API.md "Assessment": all four parts in one answer, findings united by code, one rule-set version.</summary>
public class AssessmentTests
{
    private static JsonObject ComplexPatient() => EvaluatorRequests.Woman().StartingTodayWithPregnancyTests()
        .Set("ageYears", 70)
        .Set("renal.creatinineClearanceMlPerMin", 45)
        .Set("regimen.dexamethasone", "highDose")
        .Set("vteRiskFactors.priorVte", true)
        .Medications("warfarin", "digoxin")
        .Labs(1800, 140_000);

    [Fact]
    public void The_assessment_holds_every_part_with_one_rule_set_version()
    {
        var body = EvaluatorRequests.Post(Concern.Assessment, ComplexPatient()).Ok;

        Assert.Equal("2026.12.1", body.GetProperty("ruleSetVersion").GetString());
        Assert.Equal("multipleMyeloma", body.GetProperty("indication").GetString());
        Assert.Equal(45, body.GetProperty("derived").GetProperty("creatinineClearanceMlPerMin").GetDouble());
        Assert.Equal("start", body.GetProperty("dose").GetProperty("action").GetString());
        Assert.Equal(10, body.GetProperty("dose").GetProperty("doseMg").GetDouble());
        Assert.NotEqual(0, body.GetProperty("checks").GetArrayLength());
        Assert.NotEqual(0, body.GetProperty("rules").GetArrayLength());
        Assert.Equal("existingAnticoagulation", body.GetProperty("prophylaxis").GetProperty("recommendation").GetString());
        Assert.Equal("caution", body.GetProperty("status").GetString());

        // Only one ruleSetVersion anywhere in the document.
        var json = body.GetRawText();
        Assert.Equal(json.IndexOf("\"ruleSetVersion\"", StringComparison.Ordinal), json.LastIndexOf("\"ruleSetVersion\"", StringComparison.Ordinal));
    }

    [Fact]
    public void The_findings_are_the_union_of_every_part_deduplicated_by_code()
    {
        var patient = ComplexPatient();
        var assessment = EvaluatorRequests.Post(Concern.Assessment, patient).FindingCodes;
        var parts = new[] { Concern.Dosing, Concern.VteProphylaxis, Concern.Contraindications, Concern.MonitoringSchedule }
            .SelectMany(c => EvaluatorRequests.Post(c, patient).FindingCodes)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(assessment.Distinct().Count(), assessment.Count);
        Assert.Equal(parts.Order(StringComparer.Ordinal), assessment.Order(StringComparer.Ordinal));

        // Each part contributes: dosing, VTE, contraindications.
        Assert.Contains("startingDose", assessment);
        Assert.Contains("existingAnticoagulation", assessment);
        Assert.Contains("remsPregnancyTesting", assessment);

        // Both dosing and contraindications raise renalDoseAdjustment and VTE and contraindications warfarinInteraction: one each.
        Assert.Single(assessment, c => c == "renalDoseAdjustment");
        Assert.Single(assessment, c => c == "warfarinInteraction");
    }

    [Fact]
    public void The_assessment_parts_equal_the_single_concern_answers()
    {
        var patient = ComplexPatient();
        var assessment = EvaluatorRequests.Post(Concern.Assessment, patient).Ok;

        Assert.Equal(
            EvaluatorRequests.Post(Concern.Dosing, patient).Ok.GetProperty("dose").GetRawText(),
            assessment.GetProperty("dose").GetRawText());
        Assert.Equal(
            EvaluatorRequests.Post(Concern.MonitoringSchedule, patient).Ok.GetProperty("checks").GetRawText(),
            assessment.GetProperty("checks").GetRawText());
        Assert.Equal(
            EvaluatorRequests.Post(Concern.VteProphylaxis, patient).Ok.GetProperty("prophylaxis").GetRawText(),
            assessment.GetProperty("prophylaxis").GetRawText());
        Assert.Equal(
            EvaluatorRequests.Post(Concern.Contraindications, patient).Ok.GetProperty("status").GetRawText(),
            assessment.GetProperty("status").GetRawText());
    }

    [Fact]
    public void A_hold_found_by_dosing_sets_the_assessment_status_to_hold()
    {
        var body = EvaluatorRequests.Patient()
            .Set("therapy.status", "onTreatment").Set("therapy.currentDoseMg", 25)
            .Labs(700, 150_000);
        var reply = EvaluatorRequests.Post(Concern.Assessment, body);

        Assert.Equal("hold", reply.Verdict);
        Assert.Equal("interrupt", reply.Ok.GetProperty("dose").GetProperty("action").GetString());
        Assert.Single(reply.FindingCodes, c => c == "ancBelowHoldThreshold");
    }

    [Fact]
    public void The_assessment_validates_the_requirements_of_every_part()
    {
        var body = EvaluatorRequests.Patient().Without("renal").Without("therapy.startDate").Without("ageYears");
        var errors = EvaluatorRequests.Post(Concern.Assessment, body).Errors;

        Assert.Contains("renal", errors.Keys);
        Assert.Contains("therapy.startDate", errors.Keys);
        Assert.Contains("ageYears", errors.Keys);
    }

    [Fact]
    public void Identical_input_gives_byte_identical_output()
    {
        var text = ComplexPatient().ToJsonString();

        var first = EvaluatorRequests.PostRaw(Concern.Assessment, text);
        var second = EvaluatorRequests.PostRaw(Concern.Assessment, text);

        Assert.Equal(first.Bytes, second.Bytes);
    }

    [Property(MaxTest = 50)]
    public bool Any_valid_patient_is_answered_identically_twice(bool female, bool priorVte, bool diabetes, bool doxorubicin, byte crCl, byte indicationIndex)
    {
        string[] indications = ["multipleMyeloma", "multipleMyelomaMaintenance", "mdsDel5q", "mdsNonDel5q", "mantleCellLymphoma", "follicularLymphoma", "marginalZoneLymphoma", "cll"];
        var body = (female ? EvaluatorRequests.Woman(indications[indicationIndex % 8]) : EvaluatorRequests.Patient(indications[indicationIndex % 8]))
            .Set("renal.creatinineClearanceMlPerMin", 10 + (crCl % 140))
            .Set("vteRiskFactors.priorVte", priorVte)
            .Set("vteRiskFactors.diabetes", diabetes)
            .Set("regimen.doxorubicin", doxorubicin)
            .Labs(2000, 150_000)
            .ToJsonString();

        var first = EvaluatorRequests.PostRaw(Concern.Assessment, body);
        var second = EvaluatorRequests.PostRaw(Concern.Assessment, body);

        return first.Status == 200 && first.Bytes.AsSpan().SequenceEqual(second.Bytes);
    }
}
