using Lena.Clinical.Tests.Dosing.Support;

namespace Lena.Clinical.Tests.Dosing;

/// <summary>
/// CLINICAL.md §4: "Other grade 3–4 toxicity judged related (otherDoseLimitingToxicity) → interrupt; resume at the next
/// lower dose when resolved to grade ≤ 2 (PI)."
/// </summary>
public class OtherToxicityTests
{
    [Fact]
    public void ReturnsInterruptForAGrade3Or4ToxicityWithNormalCounts()
    {
        var answer = DosingAnswer.For(SnapshotBuilder.OnTreatment("multipleMyeloma", 25).OtherDoseLimitingToxicity());

        Assert.Equal("interrupt", answer.Action);
        Assert.Null(answer.DoseMg);
        Assert.True(answer.HasResumeWhen);
        Assert.Null(answer.ResumeAncAtLeast);
        Assert.Null(answer.ResumePlateletsAtLeast);
        Assert.Equal(20, answer.ResumeDoseMg);
        var finding = answer.Finding("otherDoseLimitingToxicity");
        Assert.NotNull(finding);
        Assert.Equal("critical", finding.Severity);
        Assert.Contains("REVLIMID US Prescribing Information", finding.CitedSources);
    }

    [Fact]
    public void StaysOnHoldWhileTheToxicityIsStillGrade3Or4()
    {
        var answer = DosingAnswer.For(SnapshotBuilder.Interrupted("multipleMyeloma", 25, "otherToxicity").OtherDoseLimitingToxicity());

        Assert.Equal("interrupt", answer.Action);
        Assert.Equal(20, answer.ResumeDoseMg);
    }

    [Fact]
    public void ResumesOneStepLowerOnceTheToxicityHasResolvedToGrade2()
    {
        var answer = DosingAnswer.For(SnapshotBuilder.Interrupted("multipleMyeloma", 25, "otherToxicity").OtherDoseLimitingToxicity(false));

        DoseAssert.Resumes(answer, "§4 other toxicity resolved", 20);
        Assert.Equal(-1, answer.DoseLevel);
    }

    [Fact]
    public void StaysOnHoldWhenTheToxicityResolvedButCountsNowMeetAHold()
    {
        var answer = DosingAnswer.For(SnapshotBuilder.Interrupted("multipleMyeloma", 25, "otherToxicity").Platelets(29_999));

        DoseAssert.Interrupts(answer, "§4 other toxicity resolved, platelets 29,999", 20, null, 30_000);
    }

    [Fact]
    public void TakesTheLowerOfTwoResumeDosesWhenAToxicityAndAPlateletHoldCoincide()
    {
        // Both rules say one step lower from 25 mg: 20 mg, not two steps.
        var answer = DosingAnswer.For(SnapshotBuilder.OnTreatment("multipleMyeloma", 25).Platelets(29_999).OtherDoseLimitingToxicity());

        DoseAssert.Interrupts(answer, "§4 other toxicity + platelets 29,999", 20, null, 30_000);
    }
}
