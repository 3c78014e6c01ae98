using System.Globalization;
using System.Text.Json;
using Lena.Clinical.Contract;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace LenaFunctions.Tests.Panel;

/// <summary>
/// The reference panel (<c>samples/panel/</c>, the patients the workbench runs a draft against): every
/// patient answers 200 on the assessment with the dose decision its file name promises, and the panel
/// together covers every indication, renal band, hold and contraindication code of CLINICAL.md, so
/// the panel cannot rot unnoticed.
/// </summary>
public class ReferencePanelTests
{
    /// <summary>The panel's date: every count in it is at most 10 days older.</summary>
    public static readonly DateOnly PanelToday = new(2026, 12, 1);

    private static string PanelDirectory => Path.Combine(AppContext.BaseDirectory, "Samples", "panel");

    private static ClinicalAnswer Assess(string name) =>
        ClinicalAnswer.For(Concern.Assessment, File.ReadAllBytes(Path.Combine(PanelDirectory, name + ".json")), RuleSetDocument.Default, PanelToday);

    private static IEnumerable<JsonElement> AllAnswers() =>
        Directory.GetFiles(PanelDirectory, "*.json").Order(StringComparer.Ordinal)
            .Select(f => JsonDocument.Parse(Assess(Path.GetFileNameWithoutExtension(f)).Body).RootElement);

    [Theory]
    [InlineData("cll-crcl-25-not-recommended", "notRecommended", null, "crClBelow30", "contraindicated")]
    [InlineData("cll-start-2-5mg-dose-limit", "start", 2.5, "crClAtLeast60", "caution")]
    [InlineData("fl-12-cycles-completed-maximum-reached", "notRecommended", null, "crClAtLeast60", "hold")]
    [InlineData("fl-hold-anc-850-with-fever", "interrupt", null, "crClAtLeast60", "hold")]
    [InlineData("fl-on-treatment-15mg-counts-fine-continue", "continue", 15.0, "crClAtLeast60", "caution")]
    [InlineData("fl-start-full-dose-with-rituximab", "start", 20.0, "crClAtLeast60", "caution")]
    [InlineData("mcl-hold-platelets-42000", "interrupt", null, "crClAtLeast60", "hold")]
    [InlineData("mcl-start-dialysis-after-dialysis", "start", 5.0, "dialysis", "caution")]
    [InlineData("mcl-start-full-dose", "start", 25.0, "crClAtLeast60", "caution")]
    [InlineData("mcl-start-on-doac-platelets-45000-bleeding-risk", "defer", null, "crClAtLeast60", "hold")]
    [InlineData("mds-after-4-weeks-hold-anc-480-with-fever", "interrupt", null, "crClAtLeast60", "hold")]
    [InlineData("mds-after-4-weeks-hold-anc-below-500-for-8-days", "interrupt", null, "crClAtLeast60", "hold")]
    [InlineData("mds-after-4-weeks-hold-platelets-28000", "interrupt", null, "crClAtLeast60", "hold")]
    [InlineData("mds-after-4-weeks-hold-platelets-45000-transfusion-dependent", "interrupt", null, "crClAtLeast60", "hold")]
    [InlineData("mds-del5q-start-crcl-22-renal-2-5mg", "start", 2.5, "crClBelow30", "caution")]
    [InlineData("mds-del5q-start-full-dose", "start", 10.0, "crClAtLeast60", "caution")]
    [InlineData("mds-first-4-weeks-hold-anc-450-baseline-800", "interrupt", null, "crClAtLeast60", "hold")]
    [InlineData("mds-first-4-weeks-hold-anc-700-baseline-1400", "interrupt", null, "crClAtLeast60", "hold")]
    [InlineData("mds-first-4-weeks-hold-platelets-45000-baseline-150000", "interrupt", null, "crClAtLeast60", "hold")]
    [InlineData("mds-first-4-weeks-hold-platelets-half-of-baseline-85000", "interrupt", null, "crClAtLeast60", "hold")]
    [InlineData("mds-monosomy-7-contraindicated", "notRecommended", null, "crClAtLeast60", "contraindicated")]
    [InlineData("mds-non-del5q-start-crcl-45-renal-5mg", "start", 5.0, "crCl30To59", "caution")]
    [InlineData("mds-tp53-mutation-closer-monitoring", "start", 10.0, "crClAtLeast60", "caution")]
    [InlineData("mm-breastfeeding-frp-two-negative-pregnancy-tests", "start", 25.0, "crClAtLeast60", "caution")]
    [InlineData("mm-frp-no-pregnancy-tests-defer", "defer", null, "crClAtLeast60", "hold")]
    [InlineData("mm-high-dose-dexamethasone-esa-estrogen-lmwh", "start", 25.0, "crClAtLeast60", "caution")]
    [InlineData("mm-hold-anc-450-every-indication", "interrupt", null, "crClAtLeast60", "hold")]
    [InlineData("mm-hold-anc-850-first-neutropenia", "interrupt", null, "crClAtLeast60", "hold")]
    [InlineData("mm-hold-liver-enzymes-alt-6x", "interrupt", null, "crClAtLeast60", "hold")]
    [InlineData("mm-hold-other-grade-3-toxicity", "interrupt", null, "crClAtLeast60", "hold")]
    [InlineData("mm-hold-platelets-24000-every-indication", "interrupt", null, "crClAtLeast60", "hold")]
    [InlineData("mm-hold-platelets-28000", "interrupt", null, "crClAtLeast60", "hold")]
    [InlineData("mm-hypersensitivity-contraindicated", "notRecommended", null, "crClAtLeast60", "contraindicated")]
    [InlineData("mm-interrupted-neutropenia-recovered-resume-lower", "resume", 15.0, "crClAtLeast60", "caution")]
    [InlineData("mm-interrupted-thrombocytopenia-still-below-30000", "interrupt", null, "crClAtLeast60", "hold")]
    [InlineData("mm-maintenance-after-melphalan-second-malignancy", "start", 10.0, "crClAtLeast60", "caution")]
    [InlineData("mm-maintenance-hold-anc-480", "interrupt", null, "crClAtLeast60", "hold")]
    [InlineData("mm-maintenance-hold-platelets-27000", "interrupt", null, "crClAtLeast60", "hold")]
    [InlineData("mm-maintenance-start-crcl-40-renal-5mg", "start", 5.0, "crCl30To59", "caution")]
    [InlineData("mm-maintenance-start-full-dose", "start", 10.0, "crClAtLeast60", "caution")]
    [InlineData("mm-maintenance-start-platelets-62000-defer", "defer", null, "crClAtLeast60", "hold")]
    [InlineData("mm-on-treatment-counts-fine-continue", "continue", 25.0, "crClAtLeast60", "caution")]
    [InlineData("mm-pembrolizumab-contraindicated", "notRecommended", null, "crClAtLeast60", "contraindicated")]
    [InlineData("mm-pregnant-contraindicated", "notRecommended", null, "crClAtLeast60", "contraindicated")]
    [InlineData("mm-severe-skin-reaction-to-thalidomide-contraindicated", "notRecommended", null, "crClAtLeast60", "contraindicated")]
    [InlineData("mm-start-crcl-24-every-48-hours", "start", 15.0, "crClBelow30", "caution")]
    [InlineData("mm-start-crcl-52-renal-10mg", "start", 10.0, "crCl30To59", "caution")]
    [InlineData("mm-start-crcl-78-full-dose", "start", 25.0, "crClAtLeast60", "caution")]
    [InlineData("mm-start-dialysis-after-dialysis", "start", 5.0, "dialysis", "caution")]
    [InlineData("mm-start-esa-hemoglobin-13-4-on-statin", "start", 25.0, "crClAtLeast60", "caution")]
    [InlineData("mm-start-serum-creatinine-2-1-cockcroft-gault-below-30", "start", 15.0, "crClBelow30", "caution")]
    [InlineData("mm-transplant-candidate-on-digoxin-and-warfarin", "start", 25.0, "crClAtLeast60", "caution")]
    [InlineData("mzl-hold-anc-below-1000-for-8-days", "interrupt", null, "crClAtLeast60", "hold")]
    [InlineData("mzl-start-crcl-26-renal-5mg", "start", 5.0, "crClBelow30", "caution")]
    public void ThePanelPatientAnswersTheDoseItsNamePromises(string name, string action, double? doseMg, string renalBand, string status)
    {
        var answer = Assess(name);

        Assert.True(answer.Status == 200, $"{name}: {System.Text.Encoding.UTF8.GetString(answer.Body)}");
        var json = JsonDocument.Parse(answer.Body).RootElement;
        var dose = json.GetProperty("dose");
        Assert.Equal(action, dose.GetProperty("action").GetString());
        Assert.Equal(doseMg, dose.GetProperty("doseMg").ValueKind == JsonValueKind.Null ? null : dose.GetProperty("doseMg").GetDouble());
        Assert.Equal(renalBand, json.GetProperty("derived").GetProperty("renalBand").GetString());
        Assert.Equal(status, json.GetProperty("status").GetString());
    }

    [Fact]
    public void EveryPanelFileIsInTheTable()
    {
        var listed = typeof(ReferencePanelTests).GetMethod(nameof(ThePanelPatientAnswersTheDoseItsNamePromises))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).Single()[0]).Order(StringComparer.Ordinal);
        var files = Directory.GetFiles(PanelDirectory, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);

        Assert.Equal(files, listed);
        Assert.True(files.Count() >= 30);
    }

    [Fact]
    public void ThePanelCoversEveryIndicationAndRenalBand()
    {
        var answers = AllAnswers().ToArray();

        Assert.Equal(
            Enum.GetValues<Indication>().Select(i => LenaJson.WireName(i)).Order(StringComparer.Ordinal),
            answers.Select(a => a.GetProperty("indication").GetString()!).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(
            ["crCl30To59", "crClAtLeast60", "crClBelow30", "dialysis"],
            answers.Select(a => a.GetProperty("derived").GetProperty("renalBand").GetString()!).Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>CLINICAL.md §7's codes, the holds of §4 (other toxicity, maintenance start criteria) and the December 2026 additions of §8.</summary>
    [Theory]
    [InlineData("pregnancy")]
    [InlineData("hypersensitivity")]
    [InlineData("severeSkinReactionHistory")]
    [InlineData("monosomy7")]
    [InlineData("pembrolizumabCombination")]
    [InlineData("ancBelowHoldThreshold")]
    [InlineData("plateletsBelowHoldThreshold")]
    [InlineData("maintenanceStartCriteria")]
    [InlineData("otherDoseLimitingToxicity")]
    [InlineData("resumeThresholdMet")]
    [InlineData("resumeThresholdNotMet")]
    [InlineData("breastfeeding")]
    [InlineData("cllDoseLimit")]
    [InlineData("tp53Mutation")]
    [InlineData("remsPregnancyTesting")]
    [InlineData("remsContraception")]
    [InlineData("remsBloodDonation")]
    [InlineData("renalDoseAdjustment")]
    [InlineData("vteProphylaxisRequired")]
    [InlineData("digoxinInteraction")]
    [InlineData("warfarinInteraction")]
    [InlineData("thrombogenicCoMedication")]
    [InlineData("stemCellMobilization")]
    [InlineData("tumorFlare")]
    [InlineData("tumorLysis")]
    [InlineData("secondPrimaryMalignancy")]
    [InlineData("hepatotoxicity")]
    [InlineData("thyroidMonitoring")]
    [InlineData("pregnancyTestRequired")]
    [InlineData("liverTestsElevated")]
    [InlineData("maximumCyclesReached")]
    [InlineData("esaHemoglobinAboveThreshold")]
    [InlineData("statinInteraction")]
    public void SomePanelPatientRaisesTheFinding(string code) =>
        Assert.Contains(AllAnswers(), a => a.GetProperty("findings").EnumerateArray().Any(f => f.GetProperty("code").GetString() == code));

    [Fact]
    public void EveryCountInThePanelIsAtMostTenDaysOld()
    {
        foreach (var file in Directory.GetFiles(PanelDirectory, "*.json"))
        {
            using var snapshot = JsonDocument.Parse(File.ReadAllBytes(file));
            var takenOn = DateOnly.ParseExact(snapshot.RootElement.GetProperty("labs").GetProperty("takenOn").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.InRange(PanelToday.DayNumber - takenOn.DayNumber, 0, 10);
        }
    }
}
