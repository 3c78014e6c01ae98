using System.Globalization;
using System.Text.Json.Nodes;
using Lena.Clinical.Contract;
using Lena.Clinical.Tests.Evaluators;

namespace Lena.Clinical.Tests.Checks;

/// <summary>
/// The checks a pharmacist makes before every cycle (issue 12), each at both sides of its threshold or date boundary:
/// REMS pregnancy tests, liver tests, haemoglobin on an ESA, cycle limits, MCL early mortality, maintenance SPM,
/// statins and combined hormonal contraceptives.
/// </summary>
public class PharmacistChecksTests
{
    private static readonly DateOnly Today = EvaluatorRequests.Today;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static JsonArray Tests(params (int DaysBeforeToday, string Result)[] tests) =>
        new([.. tests.Select(t => (JsonNode)new JsonObject { ["takenOn"] = Iso(Today.AddDays(-t.DaysBeforeToday)), ["result"] = t.Result })]);

    /// <summary>A woman of reproductive potential whose first dose is today.</summary>
    private static JsonObject StartingToday() => EvaluatorRequests.Woman().Set("therapy.startDate", Iso(Today));

    private static JsonObject OnTreatment(string indication = "multipleMyeloma", int days = 60, double dose = 25) =>
        EvaluatorRequests.Patient(indication)
            .Set("therapy", new JsonObject { ["status"] = "onTreatment", ["startDate"] = Iso(Today.AddDays(-days)), ["currentDoseMg"] = dose, ["daysOnTherapy"] = days })
            .Labs(1800, 140_000, Iso(Today));

    private static string Action(Reply reply) => reply.Ok.GetProperty("dose").GetProperty("action").GetString()!;

    private static string Message(Reply reply, string code) =>
        reply.Ok.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == code).GetProperty("message").GetString()!;

    private static string Severity(Reply reply, string code) =>
        reply.Ok.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == code).GetProperty("severity").GetString()!;

    // REMS pregnancy tests before the first dose --------------------------------------------------

    [Fact]
    public void OneNegativeTest12DaysAgoAndNoneInTheLast24HoursDefersTheStartNamingTheTestDue()
    {
        foreach (var concern in new[] { Concern.Dosing, Concern.Assessment })
        {
            var reply = EvaluatorRequests.Post(concern, StartingToday().Set("pregnancyTests", Tests((12, "negative"))));

            Assert.Equal("defer", Action(reply));
            Assert.Equal("critical", Severity(reply, "pregnancyTestRequired"));
            Assert.Contains("within 24 hours before the first dose", Message(reply, "pregnancyTestRequired"), StringComparison.Ordinal);
            Assert.Contains(Iso(Today.AddDays(-12)), Message(reply, "pregnancyTestRequired"), StringComparison.Ordinal);
            Assert.Equal(25, reply.Ok.GetProperty("dose").GetProperty("resumeDoseMg").GetDouble());
        }
    }

    [Theory]
    // days before the first dose of the first test, of the second test, start allowed
    [InlineData(12, 0, true)]
    [InlineData(12, 1, true)] // the day before: within 24 hours
    [InlineData(12, 2, false)] // two days before: not within 24 hours
    [InlineData(10, 0, true)]
    [InlineData(9, 0, false)] // 9 days: too late for the 10–14-day test
    [InlineData(14, 0, true)]
    [InlineData(15, 0, false)] // 15 days: too early
    public void TheTwoTestsMustFallInTheirWindows(int first, int second, bool starts)
    {
        var reply = EvaluatorRequests.Post(Concern.Dosing, StartingToday().Set("pregnancyTests", Tests((first, "negative"), (second, "negative"))));

        Assert.Equal(starts ? "start" : "defer", Action(reply));
        Assert.Equal(!starts, reply.FindingCodes.Contains("pregnancyTestRequired"));
    }

    [Fact]
    public void APositiveTestIsThePregnancyContraindication()
    {
        var reply = EvaluatorRequests.Post(Concern.Assessment, StartingToday().Set("pregnancyTests", Tests((12, "negative"), (0, "positive"))));

        Assert.Equal("notRecommended", Action(reply));
        Assert.Equal("contraindicated", reply.Ok.GetProperty("status").GetString());
        Assert.Contains("pregnancy", reply.FindingCodes);
    }

    [Fact]
    public void AMaleOrAWomanNotOfReproductivePotentialNeedsNoTests()
    {
        Assert.Equal("start", Action(EvaluatorRequests.Post(Concern.Dosing, EvaluatorRequests.Patient())));
        Assert.Equal("start", Action(EvaluatorRequests.Post(Concern.Dosing, EvaluatorRequests.Woman(reproductivePotential: false))));
    }

    [Theory]
    // days on therapy, newest negative test (days ago), irregular cycles, overdue
    [InlineData(20, 6, false, false)] // weekly in the first 4 weeks: due day 14 (6 days ago), met
    [InlineData(20, 10, false, true)] // the day-14 test is missing
    [InlineData(70, 16, false, false)] // every 28 days: due day 56 (14 days ago); 16 days ago is within its window (7 days early)
    [InlineData(70, 22, false, true)]
    [InlineData(60, 4, true, false)] // irregular cycles, every 14 days: due day 56 (4 days ago)
    [InlineData(60, 8, true, true)] // 8 days ago is before the window of the day-56 test (3 days early)
    public void DuringTherapyAnOverdueTestIsAWarning(int days, int newestTest, bool irregular, bool overdue)
    {
        var body = OnTreatment(days: days).Set("sex", "female").Set("femaleOfReproductivePotential", true)
            .Set("irregularMenstrualCycles", irregular).Set("pregnancyTests", Tests((newestTest, "negative")));
        var reply = EvaluatorRequests.Post(Concern.Contraindications, body);

        Assert.Equal(overdue, reply.FindingCodes.Contains("pregnancyTestRequired"));
        if (overdue)
        {
            Assert.Equal("warning", Severity(reply, "pregnancyTestRequired"));
        }
    }

    // Liver ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData("altTimesUpperLimit", 1.0, false)]
    [InlineData("altTimesUpperLimit", 1.1, true)]
    [InlineData("astTimesUpperLimit", 3.5, true)]
    [InlineData("bilirubinTimesUpperLimit", 1.0, false)]
    [InlineData("bilirubinTimesUpperLimit", 1.6, true)]
    public void LiverValuesAboveTheUpperLimitInterruptWithALowerResumeDose(string field, double value, bool interrupts)
    {
        var body = OnTreatment().Set("liver", new JsonObject { ["takenOn"] = Iso(Today), [field] = value });
        var reply = EvaluatorRequests.Post(Concern.Dosing, body);

        Assert.Equal(interrupts ? "interrupt" : "continue", Action(reply));
        Assert.Equal(interrupts, reply.FindingCodes.Contains("liverTestsElevated"));
        if (interrupts)
        {
            Assert.Equal(20, reply.Ok.GetProperty("dose").GetProperty("resumeDoseMg").GetDouble());
            Assert.Contains("lower dose may be considered", Message(reply, "liverTestsElevated"), StringComparison.Ordinal);
            Assert.Equal("hold", EvaluatorRequests.Post(Concern.Contraindications, body).Ok.GetProperty("status").GetString());
        }
    }

    [Fact]
    public void ElevatedLiverTestsDeferAStart()
    {
        var reply = EvaluatorRequests.Post(Concern.Dosing, EvaluatorRequests.Patient().Set("liver", new JsonObject { ["takenOn"] = Iso(Today), ["astTimesUpperLimit"] = 2 }));

        Assert.Equal("defer", Action(reply));
    }

    [Theory]
    [InlineData(60, null, true)] // day 42's test due, none sent
    [InlineData(60, 20, false)] // sent 20 days ago (day 40): counts for day 42 (14 days early)
    [InlineData(60, 35, true)] // day 25: too early for day 42
    [InlineData(30, null, true)] // the baseline (day 0) was never sent
    public void OnTreatmentWithoutLiverTestsSinceTheirDueDateWarns(int days, int? sentDaysAgo, bool due)
    {
        var body = OnTreatment(days: days);
        if (sentDaysAgo is { } ago)
        {
            body.Set("liver", new JsonObject { ["takenOn"] = Iso(Today.AddDays(-ago)), ["altTimesUpperLimit"] = 0.8 });
        }

        var reply = EvaluatorRequests.Post(Concern.Dosing, body);

        Assert.Equal(due, reply.FindingCodes.Contains("liverTestsDue"));
    }

    // ESA and haemoglobin ---------------------------------------------------------------------------

    [Theory]
    [InlineData(12.0, false)]
    [InlineData(12.1, true)]
    public void HaemoglobinAbove12OnAnEsaIsAWarning(double hemoglobin, bool warned)
    {
        var body = OnTreatment().Set("labs.hemoglobinGPerDl", hemoglobin).Medications("erythropoiesisStimulatingAgent");

        Assert.Equal(warned, EvaluatorRequests.Post(Concern.Contraindications, body).FindingCodes.Contains("esaHemoglobinAboveThreshold"));
        Assert.DoesNotContain("esaHemoglobinAboveThreshold", EvaluatorRequests.Post(Concern.Contraindications, OnTreatment().Set("labs.hemoglobinGPerDl", 14.0)).FindingCodes);
    }

    [Fact]
    public void HaemoglobinInGramsPerLiterIsRefusedNamingBothReadings() =>
        Assert.Contains("looks like g/L, send 11.2", EvaluatorRequests.Post(Concern.Dosing, OnTreatment().Set("labs.hemoglobinGPerDl", 112)).ErrorAt("labs.hemoglobinGPerDl"), StringComparison.Ordinal);

    // Cycle limits ----------------------------------------------------------------------------------

    [Theory]
    [InlineData("follicularLymphoma", 11, false)]
    [InlineData("follicularLymphoma", 12, true)]
    [InlineData("marginalZoneLymphoma", 12, true)]
    [InlineData("mantleCellLymphoma", 30, false)]
    [InlineData("multipleMyeloma", 30, false)]
    public void TwelveCyclesEndFollicularAndMarginalZoneLymphoma(string indication, int cycles, bool ended)
    {
        var body = OnTreatment(indication, days: 400, dose: indication is "follicularLymphoma" or "marginalZoneLymphoma" ? 20 : 25).Set("therapy.cyclesCompleted", cycles);
        var reply = EvaluatorRequests.Post(Concern.Assessment, body);

        Assert.Equal(ended ? "notRecommended" : "continue", Action(reply));
        Assert.Equal(ended, reply.FindingCodes.Contains("maximumCyclesReached"));
        if (ended)
        {
            Assert.Equal("notApplicable", reply.Ok.GetProperty("prophylaxis").GetProperty("recommendation").GetString());
            Assert.Equal("hold", reply.Ok.GetProperty("status").GetString());
        }
    }

    // Warnings ----------------------------------------------------------------------------------------

    [Fact]
    public void MantleCellLymphomaWarnsOfEarlyMortalityAtTheStart()
    {
        Assert.Equal("warning", Severity(EvaluatorRequests.Post(Concern.Contraindications, EvaluatorRequests.Patient("mantleCellLymphoma")), "mclEarlyMortality"));
        Assert.DoesNotContain("mclEarlyMortality", EvaluatorRequests.Post(Concern.Contraindications, OnTreatment("mantleCellLymphoma")).FindingCodes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MaintenanceWarnsOfSecondPrimaryMalignanciesWithOrWithoutMelphalan(bool melphalan)
    {
        var body = EvaluatorRequests.Patient("multipleMyelomaMaintenance").Labs(2000, 150_000).Set("regimen.melphalan", melphalan);

        Assert.Equal("warning", Severity(EvaluatorRequests.Post(Concern.Contraindications, body), "secondPrimaryMalignancy"));
    }

    [Theory]
    [InlineData("statin", "statinInteraction")]
    [InlineData("combinedHormonalContraceptive", "combinedHormonalContraceptiveInteraction")]
    public void StatinsAndCombinedHormonalContraceptivesAreNamed(string medication, string code) =>
        Assert.Equal("warning", Severity(EvaluatorRequests.Post(Concern.Contraindications, EvaluatorRequests.Patient().Medications(medication)), code));

    [Fact]
    public void ACombinedHormonalContraceptiveCountsAsEstrogenForThromboprophylaxis() =>
        Assert.Contains("estrogenContainingTherapy", EvaluatorRequests.Post(Concern.VteProphylaxis, EvaluatorRequests.Woman(reproductivePotential: false).Medications("combinedHormonalContraceptive"))
            .Ok.GetProperty("prophylaxis").GetProperty("riskFactors").EnumerateArray().Select(e => e.GetString()));

    // Validation ----------------------------------------------------------------------------------

    [Theory]
    [InlineData("liver.takenOn", """{"altTimesUpperLimit":1.2}""")]
    [InlineData("liver", """{"takenOn":"2026-11-19"}""")]
    [InlineData("liver.altTimesUpperLimit", """{"takenOn":"2026-11-19","altTimesUpperLimit":250}""")]
    [InlineData("liver.takenOn", """{"takenOn":"2026-11-21","altTimesUpperLimit":1}""")]
    public void LiverTestsAreValidatedLikeEveryOtherField(string path, string liver) =>
        Assert.Contains(path, EvaluatorRequests.Post(Concern.Dosing, OnTreatment().Set("liver", JsonNode.Parse(liver))).Errors.Keys);

    [Theory]
    [InlineData("pregnancyTests[0].takenOn", """[{"takenOn":"2026-11-21","result":"negative"}]""")]
    [InlineData("pregnancyTests[0].result", """[{"takenOn":"2026-11-19","result":"maybe"}]""")]
    [InlineData("pregnancyTests[0].result", """[{"takenOn":"2026-11-19"}]""")]
    public void PregnancyTestsAreValidatedLikeEveryOtherField(string path, string tests) =>
        Assert.Contains(path, EvaluatorRequests.Post(Concern.Dosing, StartingToday().Set("pregnancyTests", JsonNode.Parse(tests))).Errors.Keys);

    [Fact]
    public void PregnancyTestsForAManAreAContradiction() =>
        Assert.Contains("pregnancyTests", EvaluatorRequests.Post(Concern.Dosing, EvaluatorRequests.Patient().Set("pregnancyTests", Tests((3, "negative")))).Errors.Keys);
}
