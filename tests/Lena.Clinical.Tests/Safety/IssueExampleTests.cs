using System.Globalization;
using System.Text.Json.Nodes;
using Lena.Clinical.Contract;
using Lena.Clinical.Tests.Evaluators;

namespace Lena.Clinical.Tests.Safety;

/// <summary>
/// The unsafe answers a hospital pharmacist found (issue 11), each with the answer API.md now requires
/// ("Contract additions, December 2026": safety and consistency, VteProphylaxis).
/// </summary>
public class IssueExampleTests
{
    private static readonly DateOnly Today = EvaluatorRequests.Today;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static JsonObject OnTreatment(string indication = "multipleMyeloma", double dose = 25, int days = 60) =>
        EvaluatorRequests.Patient(indication)
            .Set("therapy", new JsonObject
            {
                ["status"] = "onTreatment",
                ["startDate"] = Iso(Today.AddDays(-days)),
                ["currentDoseMg"] = dose,
                ["daysOnTherapy"] = days,
            })
            .Labs(1800, 140_000, Iso(Today.AddDays(-1)));

    private static string Action(Reply reply) => reply.Ok.GetProperty("dose").GetProperty("action").GetString()!;

    [Theory]
    [InlineData(Concern.Dosing)]
    [InlineData(Concern.Assessment)]
    public void APregnantFemaleOfReproductivePotentialGetsNoDoseAndTheFindingThatSaysWhy(Concern concern)
    {
        var reply = EvaluatorRequests.Post(concern, EvaluatorRequests.Woman().Set("pregnant", true));

        Assert.Equal("notRecommended", Action(reply));
        Assert.True(reply.Ok.GetProperty("dose").GetProperty("doseMg").ValueKind == System.Text.Json.JsonValueKind.Null);
        Assert.Contains("pregnancy", reply.FindingCodes);
        if (concern == Concern.Assessment)
        {
            Assert.Equal("contraindicated", reply.Ok.GetProperty("status").GetString());
            Assert.Equal("notApplicable", reply.Ok.GetProperty("prophylaxis").GetProperty("recommendation").GetString());
        }
    }

    [Theory]
    [InlineData("history.lenalidomideHypersensitivity", "hypersensitivity")]
    [InlineData("history.severeSkinReactionToThalidomide", "severeSkinReactionHistory")]
    public void AHistoryThatContraindicatesGivesNoDose(string path, string code)
    {
        var reply = EvaluatorRequests.Post(Concern.Dosing, EvaluatorRequests.Patient().Set(path, true));

        Assert.Equal("notRecommended", Action(reply));
        Assert.Contains(code, reply.FindingCodes);
    }

    [Fact]
    public void PembrolizumabWithMyelomaGivesNoDoseAndNoProphylaxisAdvice()
    {
        var body = EvaluatorRequests.Patient().Medications("pembrolizumab");

        Assert.Equal("notRecommended", Action(EvaluatorRequests.Post(Concern.Dosing, body)));
        Assert.Equal("notApplicable", EvaluatorRequests.Post(Concern.VteProphylaxis, body).Ok.GetProperty("prophylaxis").GetProperty("recommendation").GetString());
    }

    [Fact]
    public void BothRenalInputsAreUsedAndTheLowerClearanceDecides()
    {
        // CrCl reported 80, but serum creatinine 3.0 mg/dL at 60 years and 70 kg gives Cockcroft–Gault 25.9 mL/min.
        var body = EvaluatorRequests.Patient().Set("renal", new JsonObject { ["creatinineClearanceMlPerMin"] = 80, ["serumCreatinineMgPerDl"] = 3.0 });
        var reply = EvaluatorRequests.Post(Concern.Dosing, body);

        var dose = reply.Ok.GetProperty("dose");
        Assert.Equal("start", dose.GetProperty("action").GetString());
        Assert.Equal(15, dose.GetProperty("doseMg").GetDouble());
        Assert.Equal("every48Hours", dose.GetProperty("frequency").GetString());
        var derived = reply.Ok.GetProperty("derived");
        Assert.Equal(25.9, derived.GetProperty("creatinineClearanceMlPerMin").GetDouble());
        Assert.Equal("cockcroftGault", derived.GetProperty("creatinineClearanceSource").GetString());
        Assert.Equal(80, derived.GetProperty("reportedCreatinineClearanceMlPerMin").GetDouble());
        Assert.Equal(25.9, derived.GetProperty("cockcroftGaultCreatinineClearanceMlPerMin").GetDouble());
        var disagreement = reply.Ok.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "renalInputsDisagree");
        Assert.Equal("warning", disagreement.GetProperty("severity").GetString());
        Assert.Contains("80 mL/min", disagreement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("25.9 mL/min", disagreement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(80, 0.9, false)] // 80 and Cockcroft–Gault 86.4 (60 y, 70 kg, male): same band, no warning
    [InlineData(55, 0.9, true)] // 55 (30–59) and 86.4 (≥ 60): the reported, lower one decides
    [InlineData(65, 1.3, true)] // 65 (≥ 60) and 59.8 (30–59): the computed, lower one decides
    [InlineData(45, 1.5, false)] // 45 and 51.8, both 30–59
    public void TwoClearancesInDifferentBandsGiveRenalInputsDisagree(double reported, double creatinine, bool disagree)
    {
        var body = EvaluatorRequests.Patient().Set("renal", new JsonObject { ["creatinineClearanceMlPerMin"] = reported, ["serumCreatinineMgPerDl"] = creatinine });
        var reply = EvaluatorRequests.Post(Concern.Dosing, body);
        var derived = reply.Ok.GetProperty("derived");
        var computed = derived.GetProperty("cockcroftGaultCreatinineClearanceMlPerMin").GetDouble();

        Assert.Equal(Math.Min(reported, computed), derived.GetProperty("creatinineClearanceMlPerMin").GetDouble());
        Assert.Equal(disagree, reply.FindingCodes.Contains("renalInputsDisagree"));
    }

    [Fact]
    public void SerumCreatinineBesideAReportedClearanceNeedsAgeAndWeightToBeChecked()
    {
        var body = EvaluatorRequests.Patient().Without("ageYears").Set("renal", new JsonObject { ["creatinineClearanceMlPerMin"] = 80, ["serumCreatinineMgPerDl"] = 3.0 });

        Assert.Contains("lower clearance decides", EvaluatorRequests.Post(Concern.Dosing, body).ErrorAt("ageYears"), StringComparison.Ordinal);
    }

    [Fact]
    public void DialysisWithAClearanceOf30OrMoreIsFlaggedAndDialysisDecides()
    {
        var body = EvaluatorRequests.Patient().Set("renal", new JsonObject { ["creatinineClearanceMlPerMin"] = 45, ["onDialysis"] = true });
        var reply = EvaluatorRequests.Post(Concern.Dosing, body);

        Assert.Contains("renalInputsDisagree", reply.FindingCodes);
        Assert.Equal("afterDialysisOnDialysisDays", reply.Ok.GetProperty("dose").GetProperty("administration").GetString());
        Assert.Equal(5, reply.Ok.GetProperty("dose").GetProperty("doseMg").GetDouble());
    }

    [Fact]
    public void MoreDaysOnTherapyThanCalendarDaysIsA400NamingBothFields()
    {
        var body = EvaluatorRequests.Patient("mdsDel5q")
            .Set("therapy", new JsonObject { ["status"] = "onTreatment", ["startDate"] = Iso(Today.AddDays(-14)), ["currentDoseMg"] = 10, ["daysOnTherapy"] = 40 })
            .Labs(1800, 140_000);
        var errors = EvaluatorRequests.Post(Concern.Dosing, body).Errors;

        Assert.Contains("therapy.daysOnTherapy", errors.Keys);
        Assert.Contains("therapy.startDate", errors.Keys);
    }

    [Theory]
    [InlineData(14, 14, 200)]
    [InlineData(14, 15, 200)] // the day itself counts
    [InlineData(14, 16, 400)]
    [InlineData(-3, 0, 200)] // not started yet: 0 days on drug
    [InlineData(-3, 1, 400)]
    public void DaysOnTherapyMayNotExceedTheCalendarDaysSinceTheStart(int startedDaysAgo, int daysOnTherapy, int status)
    {
        var body = EvaluatorRequests.Patient()
            .Set("therapy", new JsonObject { ["status"] = "starting", ["startDate"] = Iso(Today.AddDays(-startedDaysAgo)), ["daysOnTherapy"] = daysOnTherapy });

        Assert.Equal(status, EvaluatorRequests.Post(Concern.Dosing, body).Status);
    }

    [Fact]
    public void MdsPhaseIsJudgedOnTheSmallerOfDaysOnDrugAndCalendarDays()
    {
        // 30 calendar days since the start but 20 days on drug (a hold): still the first 4 weeks, whose table needs baselines.
        var body = EvaluatorRequests.Patient("mdsDel5q")
            .Set("therapy", new JsonObject { ["status"] = "onTreatment", ["startDate"] = Iso(Today.AddDays(-30)), ["currentDoseMg"] = 10, ["daysOnTherapy"] = 20 })
            .Labs(1800, 140_000);

        Assert.Contains("labs.baselineAncPerMicroliter", EvaluatorRequests.Post(Concern.Dosing, body).Errors.Keys);
    }

    [Theory]
    [InlineData("mdsNonDel5q", true)]
    [InlineData("mdsDel5q", false)]
    public void AKaryotypeThatContradictsTheIndicationIsA400NamingBoth(string indication, bool del5q)
    {
        var errors = EvaluatorRequests.Post(Concern.Dosing, EvaluatorRequests.Patient(indication).Set("cytogenetics.del5q", del5q)).Errors;

        Assert.Contains("indication", errors.Keys);
        Assert.Contains("cytogenetics.del5q", errors.Keys);
    }

    [Fact]
    public void Del5qLeftOutContradictsNothing() =>
        Assert.Equal(200, EvaluatorRequests.Post(Concern.Dosing, EvaluatorRequests.Patient("mdsDel5q")).Status);

    [Theory]
    [InlineData("2026-11-21", "after today")]
    [InlineData("0001-01-01", "implausible")]
    [InlineData("2021-11-19", "implausible")]
    public void ImplausibleCountDatesAreRefused(string takenOn, string says) =>
        Assert.Contains(says, EvaluatorRequests.Post(Concern.Dosing, OnTreatment().Labs(1800, 140_000, takenOn)).ErrorAt("labs.takenOn"), StringComparison.Ordinal);

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public void ImplausibleStartDatesAreRefused(string startDate) =>
        Assert.Contains("implausible", EvaluatorRequests.Post(Concern.Dosing, EvaluatorRequests.Patient().Set("therapy.startDate", startDate)).ErrorAt("therapy.startDate"), StringComparison.Ordinal);

    [Theory]
    [InlineData(Concern.Dosing)]
    [InlineData(Concern.Contraindications)]
    [InlineData(Concern.MonitoringSchedule)]
    public void LabsWithoutTheirDateAreA400OnEveryRoute(Concern concern) =>
        Assert.Contains("required", EvaluatorRequests.Post(concern, OnTreatment().Without("labs.takenOn")).ErrorAt("labs.takenOn"), StringComparison.Ordinal);

    [Fact]
    public void CountsFrom116DaysAgoDeferInsteadOfContinue()
    {
        var reply = EvaluatorRequests.Post(Concern.Dosing, OnTreatment(days: 200).Labs(1800, 140_000, Iso(Today.AddDays(-116))));

        var dose = reply.Ok.GetProperty("dose");
        Assert.Equal("defer", dose.GetProperty("action").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, dose.GetProperty("resumeWhen").ValueKind);
        Assert.Equal(25, dose.GetProperty("resumeDoseMg").GetDouble());
        Assert.Contains("labsOutdated", reply.FindingCodes);
        Assert.DoesNotContain("continueDose", reply.FindingCodes);
        var finding = reply.Ok.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "labsOutdated");
        Assert.Contains(Iso(Today.AddDays(-116)), finding.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
    }

    [Fact]
    public void AStartOn147DayOldCountsIsDeferred()
    {
        var reply = EvaluatorRequests.Post(Concern.Dosing, EvaluatorRequests.Patient().Labs(1800, 140_000, Iso(Today.AddDays(-147))));

        Assert.Equal("defer", Action(reply));
        Assert.Contains("labsOutdated", reply.FindingCodes);
    }

    [Fact]
    public void AnIntegerAncOf20IsProfoundNeutropeniaTakenAsSentNeverAUnitSlip()
    {
        var reply = EvaluatorRequests.Post(Concern.Dosing, OnTreatment().Labs(20, 140_000, Iso(Today)));

        Assert.Equal("interrupt", Action(reply));
        Assert.Contains("ancBelowHoldThreshold", reply.FindingCodes);
    }

    [Theory]
    [InlineData("warfarin")]
    [InlineData("directOralAnticoagulant")]
    [InlineData("lowMolecularWeightHeparin")]
    public void APatientAlreadyAnticoagulatedIsNotToldToAddAspirin(string anticoagulant)
    {
        var reply = EvaluatorRequests.Post(Concern.VteProphylaxis, EvaluatorRequests.Patient().Medications(anticoagulant));

        var prophylaxis = reply.Ok.GetProperty("prophylaxis");
        Assert.Equal("existingAnticoagulation", prophylaxis.GetProperty("recommendation").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, prophylaxis.GetProperty("aspirinDoseMg").ValueKind);
        Assert.Contains("existingAnticoagulation", reply.FindingCodes);
        Assert.DoesNotContain("vteProphylaxisAspirin", reply.FindingCodes);
        Assert.DoesNotContain("vteProphylaxisAnticoagulant", reply.FindingCodes);
    }

    [Fact]
    public void AspirinAloneIsNoAnticoagulation() =>
        Assert.Equal("aspirin", EvaluatorRequests.Post(Concern.VteProphylaxis, EvaluatorRequests.Patient().Medications("aspirin")).Ok
            .GetProperty("prophylaxis").GetProperty("recommendation").GetString());

    [Theory]
    [InlineData(49_999, true)]
    [InlineData(50_000, false)]
    public void LowPlateletsGiveTheBleedingWarningOnAnyAdvice(int platelets, bool warned)
    {
        foreach (var medications in new[] { Array.Empty<string>(), ["warfarin"] })
        {
            var reply = EvaluatorRequests.Post(Concern.VteProphylaxis, EvaluatorRequests.Patient().Medications(medications).Labs(1800, platelets));

            Assert.Equal(warned, reply.FindingCodes.Contains("prophylaxisBleedingRisk"));
        }
    }
}
