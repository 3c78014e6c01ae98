using Lena.Clinical.Tests.Dosing.Support;

namespace Lena.Clinical.Tests.Dosing;

/// <summary>
/// CLINICAL.md §3: each indication's ladder ("the next lower dose") and its floor. A grade 3–4 toxicity
/// (<c>otherDoseLimitingToxicity</c>, §4: resume at the next lower dose) walks the ladder the same way in every indication.
/// </summary>
public class DoseLadderTests
{
    /// <summary>row, indication, current dose, current schedule (only where one dose has two steps), next lower dose, its schedule, its dose level.</summary>
    public static TheoryData<string, string, double, string?, double, string, int> NextLowerStep => new()
    {
        { "§3 multipleMyeloma 25 → 20", "multipleMyeloma", 25, null, 20, "days1To21Every28", -1 },
        { "§3 multipleMyeloma 20 → 15", "multipleMyeloma", 20, null, 15, "days1To21Every28", -2 },
        { "§3 multipleMyeloma 15 → 10", "multipleMyeloma", 15, null, 10, "days1To21Every28", -3 },
        { "§3 multipleMyeloma 10 → 5", "multipleMyeloma", 10, null, 5, "days1To21Every28", -4 },
        { "§3 multipleMyeloma 5 → 2.5", "multipleMyeloma", 5, null, 2.5, "days1To21Every28", -5 },

        { "§3 maintenance 15 → 10", "multipleMyelomaMaintenance", 15, null, 10, "continuous", 0 },
        { "§3 maintenance 10 → 5 continuous", "multipleMyelomaMaintenance", 10, null, 5, "continuous", -1 },
        { "§3 maintenance 5 continuous → 5 days 1–21", "multipleMyelomaMaintenance", 5, "continuous", 5, "days1To21Every28", -2 },

        { "§3 mdsDel5q 10 → 5", "mdsDel5q", 10, null, 5, "continuous", -1 },
        { "§3 mdsDel5q 5 → 2.5", "mdsDel5q", 5, null, 2.5, "continuous", -2 },
        { "§3 mdsNonDel5q 10 → 5", "mdsNonDel5q", 10, null, 5, "continuous", -1 },
        { "§3 mdsNonDel5q 5 → 2.5", "mdsNonDel5q", 5, null, 2.5, "continuous", -2 },

        { "§3 mantleCellLymphoma 25 → 20", "mantleCellLymphoma", 25, null, 20, "days1To21Every28", -1 },
        { "§3 mantleCellLymphoma 20 → 15", "mantleCellLymphoma", 20, null, 15, "days1To21Every28", -2 },
        { "§3 mantleCellLymphoma 15 → 10", "mantleCellLymphoma", 15, null, 10, "days1To21Every28", -3 },
        { "§3 mantleCellLymphoma 10 → 5", "mantleCellLymphoma", 10, null, 5, "days1To21Every28", -4 },

        { "§3 follicularLymphoma 20 → 15", "follicularLymphoma", 20, null, 15, "days1To21Every28", -1 },
        { "§3 follicularLymphoma 15 → 10", "follicularLymphoma", 15, null, 10, "days1To21Every28", -2 },
        { "§3 follicularLymphoma 10 → 5", "follicularLymphoma", 10, null, 5, "days1To21Every28", -3 },
        { "§3 marginalZoneLymphoma 20 → 15", "marginalZoneLymphoma", 20, null, 15, "days1To21Every28", -1 },
        { "§3 marginalZoneLymphoma 15 → 10", "marginalZoneLymphoma", 15, null, 10, "days1To21Every28", -2 },
        { "§3 marginalZoneLymphoma 10 → 5", "marginalZoneLymphoma", 10, null, 5, "days1To21Every28", -3 },

        { "§3 cll 5 → 2.5", "cll", 5, null, 2.5, "continuous", 0 },
    };

    [Theory]
    [MemberData(nameof(NextLowerStep))]
    public void InterruptsAndResumesOneLadderStepLower(string row, string indication, double currentMg, string? schedule, double nextMg, string nextSchedule, int nextLevel)
    {
        var snapshot = SnapshotBuilder.OnTreatment(indication, currentMg).OtherDoseLimitingToxicity();
        if (schedule is not null)
        {
            snapshot.Schedule(schedule);
        }

        var answer = DosingAnswer.For(snapshot);

        Assert.True(answer.Action == "interrupt", $"{row}: {answer}");
        Assert.Null(answer.DoseMg);
        Assert.Equal(nextMg, answer.ResumeDoseMg);
        Assert.Equal(nextSchedule, answer.Schedule);
        Assert.Equal("daily", answer.Frequency); // cytopenias and toxicity reduce the daily dose, never space doses out
        Assert.Equal(nextLevel, answer.DoseLevel);
        Assert.False(answer.Has("doseFloorReached"));
    }

    [Theory]
    [MemberData(nameof(NextLowerStep))]
    public void ResumesOneLadderStepLowerOnceTheToxicityHasResolved(string row, string indication, double currentMg, string? schedule, double nextMg, string nextSchedule, int nextLevel)
    {
        var snapshot = SnapshotBuilder.Interrupted(indication, currentMg, "otherToxicity");
        if (schedule is not null)
        {
            snapshot.Schedule(schedule);
        }

        var answer = DosingAnswer.For(snapshot);

        Assert.True(answer.Action == "resume", $"{row}: {answer}");
        Assert.Equal(nextMg, answer.DoseMg);
        Assert.Equal(nextSchedule, answer.Schedule);
        Assert.Equal(nextLevel, answer.DoseLevel);
    }

    /// <summary>row, indication, CrCl, floor dose, its schedule (null: the indication's own).</summary>
    public static TheoryData<string, string, double, double, string?> Floors => new()
    {
        { "§3 multipleMyeloma floor 2.5", "multipleMyeloma", 90, 2.5, null },
        { "§3 maintenance floor 5 mg days 1–21", "multipleMyelomaMaintenance", 90, 5, "days1To21Every28" },
        { "§3 mdsDel5q floor 2.5", "mdsDel5q", 90, 2.5, null },
        { "§3 mdsNonDel5q floor 2.5", "mdsNonDel5q", 90, 2.5, null },
        { "§3 mantleCellLymphoma floor 5", "mantleCellLymphoma", 90, 5, null },
        { "§3 follicularLymphoma floor 5 (normal renal start)", "follicularLymphoma", 90, 5, null },
        { "§3 marginalZoneLymphoma floor 5 (normal renal start)", "marginalZoneLymphoma", 90, 5, null },
        { "§3 follicularLymphoma floor 5 (renal <30 start was 5 mg, not 10)", "follicularLymphoma", 20, 5, null },
        { "§3 follicularLymphoma floor 2.5 (renal 10 mg start)", "follicularLymphoma", 45, 2.5, null },
        { "§3 marginalZoneLymphoma floor 2.5 (renal 10 mg start)", "marginalZoneLymphoma", 45, 2.5, null },
        { "§3 cll floor 2.5", "cll", 90, 2.5, null },
    };

    [Theory]
    [MemberData(nameof(Floors))]
    public void ResumesAtTheFloorWithACriticalFindingWhenTheFloorIsReached(string row, string indication, double crCl, double floorMg, string? schedule)
    {
        var snapshot = SnapshotBuilder.OnTreatment(indication, floorMg).CreatinineClearance(crCl).OtherDoseLimitingToxicity();
        if (schedule is not null)
        {
            snapshot.Schedule(schedule);
        }

        var answer = DosingAnswer.For(snapshot);

        Assert.True(answer.Action == "interrupt", $"{row}: {answer}");
        Assert.Equal(floorMg, answer.ResumeDoseMg);
        if (schedule is not null)
        {
            Assert.Equal(schedule, answer.Schedule);
        }

        var floor = answer.Finding("doseFloorReached");
        Assert.NotNull(floor);
        Assert.Equal("critical", floor.Severity);
    }

    [Theory]
    [InlineData("follicularLymphoma")]
    [InlineData("marginalZoneLymphoma")]
    public void GoesFrom5To2Point5OnlyAfterARenal10MgStart(string indication)
    {
        // §3 FL/MZL: "20 → 15 → 10 → 5 → 2.5 (2.5 only when the start was 10 mg for renal reasons)"
        var renal = DosingAnswer.For(SnapshotBuilder.OnTreatment(indication, 5).CreatinineClearance(45).OtherDoseLimitingToxicity());
        var normal = DosingAnswer.For(SnapshotBuilder.OnTreatment(indication, 5).CreatinineClearance(90).OtherDoseLimitingToxicity());

        Assert.Equal(2.5, renal.ResumeDoseMg);
        Assert.False(renal.Has("doseFloorReached"));
        Assert.Equal(5, normal.ResumeDoseMg);
        Assert.True(normal.Has("doseFloorReached"));
    }

    [Fact]
    public void ResumesAFloorHoldAtTheFloorWithTheCriticalFinding()
    {
        // §3 "At the floor, a further hold resumes at the floor with a critical finding: consider stopping."
        var answer = DosingAnswer.For(SnapshotBuilder.Interrupted("multipleMyeloma", 2.5, "thrombocytopenia").Platelets(30_000));

        Assert.Equal("resume", answer.Action);
        Assert.Equal(2.5, answer.DoseMg);
        Assert.Equal("critical", answer.Finding("doseFloorReached")?.Severity);
    }

    [Fact]
    public void TreatsABelowLadderRenalDoseAsTheFloor()
    {
        // Maintenance at 2.5 mg (the <30 renal row) has no lower step: hold at 2.5 with the floor finding.
        var answer = DosingAnswer.For(SnapshotBuilder.OnTreatment("multipleMyelomaMaintenance", 2.5).CreatinineClearance(20).Platelets(29_999));

        Assert.Equal("interrupt", answer.Action);
        Assert.Equal(2.5, answer.ResumeDoseMg);
        Assert.True(answer.Has("doseFloorReached"));
    }

    [Fact]
    public void KeepsEvery48HourDosingOnlyAsTheRenalRule()
    {
        // §3 "every-48-hours dosing exists only as the renal rule": a hold in the <30 band steps the dose down
        // (15 → 10 mg) and keeps the band's every-48-hours frequency; at CrCl ≥ 60 it stays daily.
        var renal = DosingAnswer.For(SnapshotBuilder.OnTreatment("multipleMyeloma", 15).CreatinineClearance(20).Platelets(29_999));
        var normal = DosingAnswer.For(SnapshotBuilder.OnTreatment("multipleMyeloma", 15).Platelets(29_999));

        Assert.Equal(10, renal.ResumeDoseMg);
        Assert.Equal("every48Hours", renal.Frequency);
        Assert.Equal(10, normal.ResumeDoseMg);
        Assert.Equal("daily", normal.Frequency);
    }

    [Fact]
    public void KeepsTheDialysisAdministrationOnALowerStep()
    {
        var answer = DosingAnswer.For(SnapshotBuilder.OnTreatment("multipleMyeloma", 5).OnDialysis().Platelets(29_999));

        Assert.Equal(2.5, answer.ResumeDoseMg);
        Assert.Equal("afterDialysisOnDialysisDays", answer.Administration);
    }
}
