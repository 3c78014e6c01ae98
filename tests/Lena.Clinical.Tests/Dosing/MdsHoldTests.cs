using Lena.Clinical.Tests.Dosing.Support;

namespace Lena.Clinical.Tests.Dosing;

/// <summary>
/// CLINICAL.md §4 mdsDel5q, mdsNonDel5q (PI, MDS table): the first-4-weeks rules at 10 mg that depend on the
/// baseline counts, and the later rules (after 4 weeks at 10 mg, or at any time at 5 mg). Every row runs for both MDS indications.
/// </summary>
public class MdsHoldTests
{
    private static readonly string[] MdsIndications = ["mdsDel5q", "mdsNonDel5q"];

    /// <summary>row, indication, baseline ANC, baseline platelets, ANC, platelets, interrupts, resumeWhen ANC, resumeWhen platelets.</summary>
    public static TheoryData<string, string, int, int, int, int, bool, int?, int?> EarlyPhase()
    {
        var rows = new (string Row, int BaselineAnc, int BaselinePlatelets, int Anc, int Platelets, bool Interrupts, int? Anc2, int? Plt2)[]
        {
            ("§4 MDS early, platelet baseline ≥ 100,000: 49,999 → interrupt, resume 5 mg at ≥ 50,000", 2000, 100_000, 2000, 49_999, true, null, 50_000),
            ("§4 MDS early, platelet baseline ≥ 100,000: 50,000 → continue", 2000, 100_000, 2000, 50_000, false, null, null),
            ("§4 MDS early, platelet baseline 99,999 (60,000–99,999): 49,999 ≤ 50 % → interrupt, resume at ≥ 50,000", 2000, 99_999, 2000, 49_999, true, null, 50_000),
            ("§4 MDS early, platelet baseline 99,999: 50,000 > 50 % → continue", 2000, 99_999, 2000, 50_000, false, null, null),
            ("§4 MDS early, platelet baseline 80,000: 40,000 = 50 % → interrupt, resume at ≥ 50,000", 2000, 80_000, 2000, 40_000, true, null, 50_000),
            ("§4 MDS early, platelet baseline 80,000: 40,001 → continue", 2000, 80_000, 2000, 40_001, false, null, null),
            ("§4 MDS early, platelet baseline 60,000: 30,000 = 50 % → interrupt, resume at ≥ 50,000", 2000, 60_000, 2000, 30_000, true, null, 50_000),
            ("§4 MDS early, platelet baseline 60,000: 30,001 → continue", 2000, 60_000, 2000, 30_001, false, null, null),
            ("§4 MDS early, platelet baseline 59,999 (< 60,000): 29,999 ≤ 50 % → interrupt, resume at ≥ 30,000", 2000, 59_999, 2000, 29_999, true, null, 30_000),
            ("§4 MDS early, platelet baseline 56,000 (< 60,000): 28,000 = 50 % → interrupt, resume at ≥ 30,000", 2000, 56_000, 2000, 28_000, true, null, 30_000),
            ("§4 MDS early, platelet baseline 56,000: 28,001 → continue", 2000, 56_000, 2000, 28_001, false, null, null),
            ("§4 MDS early, ANC baseline ≥ 1,000: 749 → interrupt, resume 5 mg at ≥ 1,000", 1000, 150_000, 749, 150_000, true, 1000, null),
            ("§4 MDS early, ANC baseline ≥ 1,000: 750 → continue", 1000, 150_000, 750, 150_000, false, null, null),
            ("§4 MDS early, ANC baseline 999 (< 1,000): 749 → continue", 999, 150_000, 749, 150_000, false, null, null),
            ("§4 MDS early, ANC baseline < 1,000: 499 → interrupt, resume 5 mg at ≥ 500", 999, 150_000, 499, 150_000, true, 500, null),
            ("§4 MDS early, ANC baseline < 1,000: 500 → continue", 999, 150_000, 500, 150_000, false, null, null),
        };
        var data = new TheoryData<string, string, int, int, int, int, bool, int?, int?>();
        foreach (var indication in MdsIndications)
        {
            foreach (var r in rows)
            {
                data.Add($"{r.Row} ({indication})", indication, r.BaselineAnc, r.BaselinePlatelets, r.Anc, r.Platelets, r.Interrupts, r.Anc2, r.Plt2);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EarlyPhase))]
    public void AppliesTheBaselineDependentRulesInTheFirstFourWeeksAt10Mg(string row, string indication, int baselineAnc, int baselinePlatelets, int anc, int platelets, bool interrupts, int? ancAtLeast, int? plateletsAtLeast)
    {
        var answer = DosingAnswer.For(SnapshotBuilder.OnTreatment(indication, 10, daysOnTherapy: 14)
            .Baseline(baselineAnc, baselinePlatelets).Labs(anc, platelets));

        if (interrupts)
        {
            DoseAssert.Interrupts(answer, row, resumeDoseMg: 5, ancAtLeast, plateletsAtLeast);
            Assert.Equal(-1, answer.DoseLevel);
        }
        else
        {
            DoseAssert.Continues(answer, row, 10);
        }
    }

    [Theory]
    [InlineData("mdsDel5q", 27, true)]
    [InlineData("mdsDel5q", 28, false)]
    [InlineData("mdsNonDel5q", 27, true)]
    [InlineData("mdsNonDel5q", 28, false)]
    public void SwitchesFromTheEarlyToTheLaterRulesOnDay28(string indication, int daysOnTherapy, bool interrupts)
    {
        // Platelets 45,000 with baseline 150,000: the early rule (< 50,000) holds on day 27 (daysOnTherapy < 28);
        // from day 28 the later rule (< 30,000) does not.
        var answer = DosingAnswer.For(SnapshotBuilder.OnTreatment(indication, 10, daysOnTherapy).Platelets(45_000));

        Assert.Equal(interrupts ? "interrupt" : "continue", answer.Action);
    }

    /// <summary>row, indication, dose, days on therapy, ANC, platelets, ANC &lt; 500 days, fever, transfusion dependent, interrupts, resume dose, resumeWhen ANC, resumeWhen platelets.</summary>
    public static IEnumerable<object?[]> LaterPhase()
    {
        var rows = new (string Row, double Dose, int Days, int Anc, int Platelets, int AncDays, bool Fever, bool Transfused, bool Interrupts, double Resume, int? Anc2, int? Plt2)[]
        {
            ("§4 MDS later: platelets 29,999 → interrupt, resume one step lower at ≥ 30,000", 10, 60, 2000, 29_999, 0, false, false, true, 5, null, 30_000),
            ("§4 MDS later: platelets 30,000 → continue", 10, 60, 2000, 30_000, 0, false, false, false, 10, null, null),
            ("§4 MDS later: platelets 49,999 and transfusion dependent → interrupt, resume at ≥ 30,000", 10, 60, 2000, 49_999, 0, false, true, true, 5, null, 30_000),
            ("§4 MDS later: platelets 50,000 and transfusion dependent → continue", 10, 60, 2000, 50_000, 0, false, true, false, 10, null, null),
            ("§4 MDS later: platelets 49,999 not transfusion dependent → continue", 10, 60, 2000, 49_999, 0, false, false, false, 10, null, null),
            ("§4 MDS later: ANC 499 for 7 days → interrupt, resume one step lower at ≥ 500", 10, 60, 499, 150_000, 7, false, false, true, 5, 500, null),
            ("§4 MDS later: ANC 499 with fever → interrupt, resume at ≥ 500", 10, 60, 499, 150_000, 0, true, false, true, 5, 500, null),
            ("§4 MDS later: ANC 500 with fever → continue", 10, 60, 500, 150_000, 0, true, false, false, 10, null, null),
            ("§4 MDS later: ANC 600 for 10 days → continue", 10, 60, 600, 150_000, 0, false, false, false, 10, null, null),
            ("§4 MDS at 5 mg in week 2: platelets 45,000 → continue (later rules at 5 mg)", 5, 10, 2000, 45_000, 0, false, false, false, 5, null, null),
            ("§4 MDS at 5 mg in week 2: platelets 29,999 → interrupt, resume 2.5 mg", 5, 10, 2000, 29_999, 0, false, false, true, 2.5, null, 30_000),
            ("§4 MDS at 5 mg: ANC 499 for 7 days → interrupt, resume 2.5 mg", 5, 60, 499, 150_000, 7, false, false, true, 2.5, 500, null),
        };
        return MdsIndications.SelectMany(indication => rows.Select(r => new object?[]
        {
            $"{r.Row} ({indication})", indication, r.Dose, r.Days, r.Anc, r.Platelets, r.AncDays, r.Fever, r.Transfused, r.Interrupts, r.Resume, r.Anc2, r.Plt2,
        }));
    }

    [Theory]
    [MemberData(nameof(LaterPhase))]
    public void AppliesTheLaterRulesAfterFourWeeksOrAt5Mg(string row, string indication, double doseMg, int daysOnTherapy, int anc, int platelets, int ancBelow500ForDays, bool fever, bool transfusionDependent, bool interrupts, double expectedMg, int? ancAtLeast, int? plateletsAtLeast)
    {
        var answer = DosingAnswer.For(SnapshotBuilder.OnTreatment(indication, doseMg, daysOnTherapy)
            .Labs(anc, platelets)
            .Therapy("ancBelow500ForDays", ancBelow500ForDays)
            .Therapy("fever38_5C", fever)
            .Therapy("plateletTransfusionDependent", transfusionDependent));

        if (interrupts)
        {
            DoseAssert.Interrupts(answer, row, expectedMg, ancAtLeast, plateletsAtLeast);
        }
        else
        {
            DoseAssert.Continues(answer, row, expectedMg);
        }
    }

    [Theory]
    [InlineData("mdsDel5q")]
    [InlineData("mdsNonDel5q")]
    public void HoldsAnyAncBelow500EvenForFewerThanSevenDaysAndResumesOneStepLower(string indication)
    {
        // §4 MDS later: "(With the every-indication rule, any ANC < 500 holds.)" The every-indication rule names no resume
        // dose; the MDS rule for the same count (ANC < 500) resumes one step lower. Conservative reading: one step lower,
        // and the interrupt must announce the dose the later resume will use.
        var onTreatment = DosingAnswer.For(SnapshotBuilder.OnTreatment(indication, 10).Anc(499).Therapy("ancBelow500ForDays", 3));
        DoseAssert.Interrupts(onTreatment, "§4 MDS later ANC 499 for 3 days, no fever", resumeDoseMg: 5, ancAtLeast: 500, plateletsAtLeast: null);

        var recovered = DosingAnswer.For(SnapshotBuilder.Interrupted(indication, 10, "neutropenia").Anc(500));
        DoseAssert.Resumes(recovered, "§4 MDS interrupted for neutropenia, ANC 500", onTreatment.ResumeDoseMg!.Value);
    }

    [Theory]
    [InlineData("mdsDel5q")]
    [InlineData("mdsNonDel5q")]
    public void HoldsEarlyPlateletsBelow25000UntilTheMdsResumeThresholdWithALowBaseline(string indication)
    {
        // Baseline 40,000 (< 60,000): the MDS rule fires at ≤ 20,000, the every-indication rule at < 25,000. At 24,999 only
        // the latter fires; resuming still follows the MDS row for this baseline (≥ 30,000, 5 mg), so the interrupt must
        // announce that, not 25,000 at 10 mg.
        var held = DosingAnswer.For(SnapshotBuilder.OnTreatment(indication, 10, daysOnTherapy: 14).Baseline(2000, 40_000).Platelets(24_999));
        DoseAssert.Interrupts(held, "§4 MDS early, baseline 40,000, platelets 24,999", resumeDoseMg: 5, ancAtLeast: null, plateletsAtLeast: 30_000);

        var at25000 = DosingAnswer.For(SnapshotBuilder.Interrupted(indication, 10, "thrombocytopenia", daysOnTherapy: 14).Baseline(2000, 40_000).Platelets(25_000));
        Assert.Equal("interrupt", at25000.Action);

        var at30000 = DosingAnswer.For(SnapshotBuilder.Interrupted(indication, 10, "thrombocytopenia", daysOnTherapy: 14).Baseline(2000, 40_000).Platelets(30_000));
        DoseAssert.Resumes(at30000, "§4 MDS early, baseline 40,000, held: 30,000", 5);
    }

    /// <summary>row, indication, days, cause, baseline ANC, baseline platelets, ANC, platelets, action, resume dose, resumeWhen ANC, resumeWhen platelets.</summary>
    public static IEnumerable<object?[]> WhileInterrupted()
    {
        var rows = new (string Row, int Days, string Cause, int BaselineAnc, int BaselinePlatelets, int Anc, int Platelets, string Action, double Dose, int? Anc2, int? Plt2)[]
        {
            ("§4 MDS later, held for neutropenia: ANC 500 → resume 5 mg", 60, "neutropenia", 2000, 150_000, 500, 150_000, "resume", 5, null, null),
            ("§4 MDS later, held for neutropenia: ANC 499 → stay on hold", 60, "neutropenia", 2000, 150_000, 499, 150_000, "interrupt", 5, 500, null),
            ("§4 MDS later, held for thrombocytopenia: platelets 30,000 → resume 5 mg", 60, "thrombocytopenia", 2000, 150_000, 2000, 30_000, "resume", 5, null, null),
            ("§4 MDS later, held for thrombocytopenia: platelets 29,999 → stay on hold", 60, "thrombocytopenia", 2000, 150_000, 2000, 29_999, "interrupt", 5, null, 30_000),
            ("§4 MDS early, platelet baseline ≥ 100,000, held: 50,000 → resume 5 mg", 14, "thrombocytopenia", 2000, 100_000, 2000, 50_000, "resume", 5, null, null),
            ("§4 MDS early, platelet baseline ≥ 100,000, held: 49,999 → stay on hold", 14, "thrombocytopenia", 2000, 100_000, 2000, 49_999, "interrupt", 5, null, 50_000),
            ("§4 MDS early, platelet baseline 80,000, held: 49,999 → stay on hold (resume at ≥ 50,000)", 14, "thrombocytopenia", 2000, 80_000, 2000, 49_999, "interrupt", 5, null, 50_000),
            ("§4 MDS early, platelet baseline 80,000, held: 50,000 → resume 5 mg", 14, "thrombocytopenia", 2000, 80_000, 2000, 50_000, "resume", 5, null, null),
            ("§4 MDS early, platelet baseline 50,000, held: 30,000 → resume 5 mg", 14, "thrombocytopenia", 2000, 50_000, 2000, 30_000, "resume", 5, null, null),
            ("§4 MDS early, platelet baseline 50,000, held: 29,999 → stay on hold", 14, "thrombocytopenia", 2000, 50_000, 2000, 29_999, "interrupt", 5, null, 30_000),
            ("§4 MDS early, ANC baseline ≥ 1,000, held: 1,000 → resume 5 mg", 14, "neutropenia", 1500, 150_000, 1000, 150_000, "resume", 5, null, null),
            ("§4 MDS early, ANC baseline ≥ 1,000, held: 999 → stay on hold", 14, "neutropenia", 1500, 150_000, 999, 150_000, "interrupt", 5, 1000, null),
            ("§4 MDS early, ANC baseline < 1,000, held: 500 → resume 5 mg", 14, "neutropenia", 900, 150_000, 500, 150_000, "resume", 5, null, null),
            ("§4 MDS early, ANC baseline < 1,000, held: 499 → stay on hold", 14, "neutropenia", 900, 150_000, 499, 150_000, "interrupt", 5, 500, null),
        };
        return MdsIndications.SelectMany(indication => rows.Select(r => new object?[]
        {
            $"{r.Row} ({indication})", indication, r.Days, r.Cause, r.BaselineAnc, r.BaselinePlatelets, r.Anc, r.Platelets, r.Action, r.Dose, r.Anc2, r.Plt2,
        }));
    }

    [Theory]
    [MemberData(nameof(WhileInterrupted))]
    public void ResumesAt5MgOnceTheMdsResumeThresholdIsMet(string row, string indication, int daysOnTherapy, string cause, int baselineAnc, int baselinePlatelets, int anc, int platelets, string action, double doseMg, int? ancAtLeast, int? plateletsAtLeast)
    {
        var answer = DosingAnswer.For(SnapshotBuilder.Interrupted(indication, 10, cause, daysOnTherapy)
            .Baseline(baselineAnc, baselinePlatelets).Labs(anc, platelets));

        if (action == "resume")
        {
            DoseAssert.Resumes(answer, row, doseMg);
        }
        else
        {
            DoseAssert.Interrupts(answer, row, doseMg, ancAtLeast, plateletsAtLeast);
        }
    }
}
