using Lena.Clinical.Tests.Dosing.Support;

namespace Lena.Clinical.Tests.Dosing;

/// <summary>
/// CLINICAL.md §4 "Every indication" (SUMMARY, "Absolute Contraindications" — a hold): ANC &lt; 500 or platelets &lt; 25,000
/// interrupts; growth factor support may be added for neutropenia (info). Also the CLL hold rows.
/// </summary>
public class CommonHoldTests
{
    /// <summary>Each indication at its usual dose after the first 4 weeks.</summary>
    public static TheoryData<string, double> Indications => new()
    {
        { "multipleMyeloma", 25 },
        { "multipleMyelomaMaintenance", 10 },
        { "mdsDel5q", 10 },
        { "mdsNonDel5q", 10 },
        { "mantleCellLymphoma", 25 },
        { "follicularLymphoma", 20 },
        { "marginalZoneLymphoma", 20 },
        { "cll", 5 },
    };

    [Theory]
    [MemberData(nameof(Indications))]
    public void ReturnsInterruptWhenAncBelow500InEveryIndication(string indication, double doseMg)
    {
        var answer = DosingAnswer.For(SnapshotBuilder.OnTreatment(indication, doseMg).Anc(499));

        Assert.Equal("interrupt", answer.Action);
        Assert.NotNull(answer.ResumeAncAtLeast);
        Assert.True(answer.ResumeAncAtLeast >= 500, answer.ToString());
        Assert.NotNull(answer.ResumeDoseMg);
        var hold = answer.Finding("ancBelowHoldThreshold");
        Assert.NotNull(hold);
        Assert.Equal("critical", hold.Severity);
        var gcsf = answer.Finding("growthFactorSupport");
        Assert.NotNull(gcsf);
        Assert.Equal("info", gcsf.Severity);
        Assert.Contains("Lenalidomide clinical summary (2026)", gcsf.CitedSources);
    }

    [Theory]
    [MemberData(nameof(Indications))]
    public void ReturnsInterruptWhenPlateletsBelow25000InEveryIndication(string indication, double doseMg)
    {
        var answer = DosingAnswer.For(SnapshotBuilder.OnTreatment(indication, doseMg).Platelets(24_999));

        Assert.Equal("interrupt", answer.Action);
        Assert.NotNull(answer.ResumePlateletsAtLeast);
        Assert.True(answer.ResumePlateletsAtLeast >= 25_000, answer.ToString());
        Assert.Equal("critical", answer.Finding("plateletsBelowHoldThreshold")?.Severity);
        Assert.False(answer.Has("growthFactorSupport"));
    }

    [Theory]
    [InlineData("multipleMyelomaMaintenance", 10)]
    [InlineData("mdsDel5q", 10)]
    [InlineData("mdsNonDel5q", 10)]
    [InlineData("mantleCellLymphoma", 25)]
    [InlineData("cll", 5)]
    public void ContinuesAtAnc500WhereNoIndicationRuleFires(string indication, double doseMg)
    {
        // The other side of ANC < 500, in the indications whose own rules do not hold at 500 (no fever, no duration).
        DoseAssert.Continues(DosingAnswer.For(SnapshotBuilder.OnTreatment(indication, doseMg).Anc(500)), $"§4 every indication ANC 500 ({indication})", doseMg);
    }

    [Fact]
    public void ContinuesCllAtPlatelets25000()
    {
        // CLL has no stricter platelet rule: 25,000 is the other side of the every-indication threshold.
        DoseAssert.Continues(DosingAnswer.For(SnapshotBuilder.OnTreatment("cll", 5).Platelets(25_000)), "§4 every indication platelets 25,000 (cll)", 5);
    }

    [Theory]
    [InlineData("§4 cll ANC 499 → interrupt, resume 2.5 mg at ≥ 500", 499, 150_000, 500, null)]
    [InlineData("§4 cll platelets 24,999 → interrupt, resume 2.5 mg at ≥ 25,000", 2000, 24_999, null, 25_000)]
    public void InterruptsCllAndResumesAtTheLowerDailyDose(string row, int anc, int platelets, int? ancAtLeast, int? plateletsAtLeast)
    {
        // §3 "Manage cytopenias by reducing the daily dose": CLL 5 → 2.5 mg.
        var answer = DosingAnswer.For(SnapshotBuilder.OnTreatment("cll", 5).Labs(anc, platelets));

        DoseAssert.Interrupts(answer, row, 2.5, ancAtLeast, plateletsAtLeast);
        Assert.Equal("daily", answer.Frequency);
    }

    [Theory]
    [InlineData("neutropenia", 500, 150_000, "resume")]
    [InlineData("neutropenia", 499, 150_000, "interrupt")]
    [InlineData("thrombocytopenia", 2000, 25_000, "resume")]
    [InlineData("thrombocytopenia", 2000, 24_999, "interrupt")]
    public void ResumesCllAt2Point5MgOnceTheCountRecovers(string cause, int anc, int platelets, string action)
    {
        var answer = DosingAnswer.For(SnapshotBuilder.Interrupted("cll", 5, cause).Labs(anc, platelets));

        Assert.Equal(action, answer.Action);
        Assert.Equal(2.5, action == "resume" ? answer.DoseMg : answer.ResumeDoseMg);
    }

    [Fact]
    public void DefersAStartWhenCountsAlreadyMeetAHold()
    {
        // Not a CLINICAL.md row by itself: a start with ANC 400 is held by the every-indication rule (defer, not start).
        var answer = DosingAnswer.For(SnapshotBuilder.Starting("multipleMyeloma").Labs(anc: 400, platelets: 150_000));

        Assert.Equal("defer", answer.Action);
        Assert.Null(answer.DoseMg);
        Assert.Equal(1000, answer.ResumeAncAtLeast);
        Assert.Equal(25, answer.ResumeDoseMg);
    }
}
