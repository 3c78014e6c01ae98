using Lena.Clinical.Tests.Dosing.Support;

namespace Lena.Clinical.Tests.Dosing;

/// <summary>CLINICAL.md §1: the starting dose per indication at CrCl ≥ 60 mL/min.</summary>
public class StartingDoseTests
{
    /// <summary>row, indication, dose mg, schedule.</summary>
    public static TheoryData<string, string, double, string> StartingDoseTable => new()
    {
        { "§1 multipleMyeloma: 25 mg daily, days 1–21 of 28", "multipleMyeloma", 25, "days1To21Every28" },
        { "§1 multipleMyelomaMaintenance: 10 mg daily, continuous", "multipleMyelomaMaintenance", 10, "continuous" },
        { "§1 mdsDel5q: 10 mg daily, continuous (label dose)", "mdsDel5q", 10, "continuous" },
        { "§1 mdsNonDel5q: 10 mg daily, continuous", "mdsNonDel5q", 10, "continuous" },
        { "§1 mantleCellLymphoma: 25 mg daily, days 1–21 of 28", "mantleCellLymphoma", 25, "days1To21Every28" },
        { "§1 follicularLymphoma: 20 mg daily, days 1–21 of 28", "follicularLymphoma", 20, "days1To21Every28" },
        { "§1 marginalZoneLymphoma: 20 mg daily, days 1–21 of 28", "marginalZoneLymphoma", 20, "days1To21Every28" },
        { "§1 cll: 2.5 mg daily, continuous", "cll", 2.5, "continuous" },
    };

    [Theory]
    [MemberData(nameof(StartingDoseTable))]
    public void StartsAtTheIndicationsDoseAndScheduleWhenRenalFunctionIsNormal(string row, string indication, double doseMg, string schedule)
    {
        var snapshot = SnapshotBuilder.Starting(indication);
        if (indication == "multipleMyelomaMaintenance")
        {
            snapshot.Labs(anc: 2000, platelets: 150_000); // start criteria met
        }

        var answer = DosingAnswer.For(snapshot);

        Assert.True(answer.Action == "start", $"{row}: {answer}");
        Assert.Equal(doseMg, answer.DoseMg);
        Assert.Equal("daily", answer.Frequency);
        Assert.Equal(schedule, answer.Schedule);
        Assert.Null(answer.Administration);
        Assert.Equal(0, answer.DoseLevel);
        Assert.False(answer.HasResumeWhen);
        Assert.Null(answer.ResumeDoseMg);
        Assert.Equal("info", answer.Finding("startingDose")?.Severity);
        Assert.False(answer.Has("renalDoseAdjustment"));
    }

    [Theory]
    [InlineData("mdsDel5q")]
    [InlineData("mdsNonDel5q")]
    public void ReturnsNotRecommendedForMdsWithMonosomy7(string indication)
    {
        // §1 "mdsNonDel5q or mdsDel5q with monosomy7 → notRecommended; treat as higher-risk MDS"
        var answer = DosingAnswer.For(SnapshotBuilder.Starting(indication).Monosomy7());

        Assert.Equal("notRecommended", answer.Action);
        Assert.Null(answer.DoseMg);
        var finding = answer.Finding("monosomy7");
        Assert.NotNull(finding);
        Assert.Equal("critical", finding.Severity);
        Assert.Contains("NCCN Guidelines: Myelodysplastic Syndromes", finding.CitedSources);
        Assert.Contains("Lenalidomide clinical summary (2026)", finding.CitedSources);
    }

    [Theory]
    [InlineData("mdsDel5q")]
    [InlineData("mdsNonDel5q")]
    public void ReturnsNotRecommendedForMdsWithMonosomy7AlsoDuringTreatment(string indication)
    {
        var answer = DosingAnswer.For(SnapshotBuilder.OnTreatment(indication, 10).Monosomy7());

        Assert.Equal("notRecommended", answer.Action);
        Assert.Null(answer.DoseMg);
    }

    [Fact]
    public void IgnoresMonosomy7OutsideMds()
    {
        // The monosomy7 row names MDS only; a myeloma patient with the flag starts normally.
        var answer = DosingAnswer.For(SnapshotBuilder.Starting("multipleMyeloma").Monosomy7());

        Assert.Equal("start", answer.Action);
        Assert.Equal(25, answer.DoseMg);
    }

    [Fact]
    public void WarnsThatMdsWithoutDel5qIsOffLabel()
    {
        // §1 mdsNonDel5q: off-label; transfusion independence 26 % vs 67 % with del(5q) (warning), SUMMARY + TRIALS (Raza)
        var answer = DosingAnswer.For(SnapshotBuilder.Starting("mdsNonDel5q"));

        var finding = answer.Finding("offLabelNonDel5q");
        Assert.NotNull(finding);
        Assert.Equal("warning", finding.Severity);
        Assert.Contains("Raza et al., Blood 2008", finding.CitedSources);
        Assert.False(DosingAnswer.For(SnapshotBuilder.Starting("mdsDel5q")).Has("offLabelNonDel5q"));
    }

    [Fact]
    public void NotesTheSummarysDays1To21AlternativeButStartsMdsDel5qContinuously()
    {
        // §1 mdsDel5q: "the summary also allows days 1–21 of 28; the label dose is continuous"
        var answer = DosingAnswer.For(SnapshotBuilder.Starting("mdsDel5q"));

        Assert.Equal("continuous", answer.Schedule);
        Assert.Equal("info", answer.Finding("mdsScheduleAlternative")?.Severity);
    }

    [Theory]
    [InlineData("follicularLymphoma")]
    [InlineData("marginalZoneLymphoma")]
    public void LimitsFollicularAndMarginalZoneLymphomaToTwelveCycles(string indication)
    {
        // §1 FL/MZL: with rituximab; at most 12 cycles
        var answer = DosingAnswer.For(SnapshotBuilder.Starting(indication));

        Assert.Equal("info", answer.Finding("maximumCycles")?.Severity);
    }

    [Fact]
    public void FlagsCllIncreasedMortalityAsCriticalAndLimitsTitration()
    {
        // §1 cll: off-label; increased mortality in a first-line trial (critical); titrate by at most 5 mg per 28 days
        // to a usual 5 mg; never the 25 mg standard dose.
        var answer = DosingAnswer.For(SnapshotBuilder.Starting("cll"));

        Assert.Equal(2.5, answer.DoseMg);
        var mortality = answer.Finding("cllIncreasedMortality");
        Assert.NotNull(mortality);
        Assert.Equal("critical", mortality.Severity);
        Assert.Contains("REVLIMID US Prescribing Information", mortality.CitedSources);
        var titration = answer.Finding("cllDoseTitration");
        Assert.NotNull(titration);
        Assert.Equal("warning", titration.Severity);
    }

    [Fact]
    public void KeepsCllAtTheTitratedDoseAndNeverAbove5Mg()
    {
        // §1 cll titration goes to a usual 5 mg: a patient on 5 mg continues at 5 mg (the top of the CLL ladder).
        var answer = DosingAnswer.For(SnapshotBuilder.OnTreatment("cll", 5));

        Assert.Equal("continue", answer.Action);
        Assert.Equal(5, answer.DoseMg);
        Assert.Equal("continuous", answer.Schedule);
    }

    [Fact]
    public void RejectsTheMyelomaStandardDoseForCll()
    {
        // §1 cll: "never the 25 mg standard dose" — 25 mg is no CLL dose, so the request is refused, never dosed.
        var snapshot = SnapshotBuilder.OnTreatment("cll", 25);
        var answer = Lena.Clinical.Contract.ClinicalAnswer.For(
            Lena.Clinical.Contract.Concern.Dosing, snapshot.ToBytes(), Lena.Clinical.Rules.RuleSetDocument.Default, SnapshotBuilder.Today);

        Assert.Equal(400, answer.Status);
        Assert.Contains("therapy.currentDoseMg", System.Text.Encoding.UTF8.GetString(answer.Body));
    }

    public static TheoryData<string, int, int, string> MaintenanceStartCriteria => new()
    {
        { "§1 maintenance: ANC 999 → defer", 999, 150_000, "defer" },
        { "§1 maintenance: ANC 1,000 and platelets 75,000 → start", 1000, 75_000, "start" },
        { "§1 maintenance: platelets 74,999 → defer", 2000, 74_999, "defer" },
        { "§1 maintenance: both below → defer", 800, 60_000, "defer" },
    };

    [Theory]
    [MemberData(nameof(MaintenanceStartCriteria))]
    public void DefersMaintenanceUntilAncIsAtLeast1000AndPlateletsAtLeast75000(string row, int anc, int platelets, string action)
    {
        var answer = DosingAnswer.For(SnapshotBuilder.Starting("multipleMyelomaMaintenance").Labs(anc, platelets));

        Assert.True(answer.Action == action, $"{row}: {answer}");
        if (action == "defer")
        {
            Assert.Null(answer.DoseMg);
            Assert.True(answer.HasResumeWhen);
            Assert.Equal(1000, answer.ResumeAncAtLeast);
            Assert.Equal(75_000, answer.ResumePlateletsAtLeast);
            Assert.Equal(10, answer.ResumeDoseMg);
            Assert.Equal("critical", answer.Finding("maintenanceStartCriteria")?.Severity);
        }
        else
        {
            Assert.Equal(10, answer.DoseMg);
            Assert.False(answer.Has("maintenanceStartCriteria"));
        }
    }

    [Fact]
    public void DefersMaintenanceAtTheRenalStartingDoseWhenCriteriaAreNotMet()
    {
        // §1 + §2: maintenance with CrCl 45 would start at 5 mg; the deferred start resumes at 5 mg.
        var answer = DosingAnswer.For(SnapshotBuilder.Starting("multipleMyelomaMaintenance").CreatinineClearance(45).Labs(900, 150_000));

        Assert.Equal("defer", answer.Action);
        Assert.Equal(5, answer.ResumeDoseMg);
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(4, true)]
    [InlineData(2, false)]
    public void OffersMaintenance15MgAfterThreeCompletedCyclesAsInfo(int cyclesCompleted, bool offered)
    {
        // §1 maintenance: "after 3 completed cycles, if tolerated, 15 mg daily may be used (info finding)"
        var answer = DosingAnswer.For(SnapshotBuilder.OnTreatment("multipleMyelomaMaintenance", 10, daysOnTherapy: 28 * cyclesCompleted)
            .Therapy("maintenanceCyclesCompleted", cyclesCompleted));

        Assert.Equal("continue", answer.Action);
        Assert.Equal(10, answer.DoseMg);
        Assert.Equal(offered, answer.Has("maintenanceDoseIncrease"));
        if (offered)
        {
            Assert.Equal("info", answer.Finding("maintenanceDoseIncrease")!.Severity);
        }
    }

    [Theory]
    [InlineData("§1 maintenance, 3 cycles, ANC 499 → interrupt: 15 mg is not tolerated now", 10, 90, 499)]
    [InlineData("§1+§2 maintenance, 3 cycles, CrCl 45 → 5 mg renal dose: no 15 mg offer", 5, 45, 2000)]
    [InlineData("§1 maintenance, 3 cycles, already reduced to 5 mg for toxicity: no 15 mg offer", 5, 90, 2000)]
    public void OffersMaintenance15MgOnlyWhenTheStartingDoseIsTolerated(string row, double doseMg, double crCl, int anc)
    {
        // Ambiguity resolved conservatively: "after 3 completed cycles, if tolerated, 15 mg daily may be used" is offered
        // only to a patient who continues on 10 mg. Not while a hold fires, not under a renal cap (§2 maintenance rows name
        // no escalation, and the service would cap 15 mg to the renal dose), not after a reduction for toxicity.
        var answer = DosingAnswer.For(SnapshotBuilder.OnTreatment("multipleMyelomaMaintenance", doseMg, daysOnTherapy: 90)
            .Schedule("continuous").CreatinineClearance(crCl).Anc(anc).Therapy("maintenanceCyclesCompleted", 3));

        Assert.False(answer.Has("maintenanceDoseIncrease"), $"{row}: {answer}");
    }
}
