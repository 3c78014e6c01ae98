using Lena.Clinical.Tests.Dosing.Support;

namespace Lena.Clinical.Tests.Dosing;

/// <summary>CLINICAL.md §4 multipleMyeloma (PI, "Dosage Modifications: Hematologic Toxicities"), on treatment at 25 mg.</summary>
public class MyelomaHoldTests
{
    [Fact]
    public void ReturnsInterruptWhenPlateletsBelow30000()
    {
        // §4 multipleMyeloma: platelets < 30,000 → interrupt; resume at ≥ 30,000 at the next lower dose.
        var answer = DosingAnswer.For(SnapshotBuilder.OnTreatment("multipleMyeloma", 25).Platelets(29_999));

        DoseAssert.Interrupts(answer, "§4 MM platelets 29,999", resumeDoseMg: 20, ancAtLeast: null, plateletsAtLeast: 30_000);
        Assert.Equal(-1, answer.DoseLevel);
        Assert.Contains("REVLIMID US Prescribing Information", answer.Finding("plateletsBelowHoldThreshold")!.CitedSources);
    }

    [Fact]
    public void ContinuesWhenPlateletsAre30000()
    {
        DoseAssert.Continues(DosingAnswer.For(SnapshotBuilder.OnTreatment("multipleMyeloma", 25).Platelets(30_000)), "§4 MM platelets 30,000", 25);
    }

    [Fact]
    public void ResumesAtTheSameDoseAfterAFirstNeutropeniaAlone()
    {
        // §4 MM ANC < 1,000: resume dose is the dose at interruption if neutropenia was the only toxicity and
        // previousNeutropeniaInterruptions is 0.
        var answer = DosingAnswer.For(SnapshotBuilder.OnTreatment("multipleMyeloma", 25).Anc(999));

        DoseAssert.Interrupts(answer, "§4 MM ANC 999, first neutropenia", resumeDoseMg: 25, ancAtLeast: 1000, plateletsAtLeast: null);
        Assert.Equal(0, answer.DoseLevel);
        Assert.Equal("info", answer.Finding("growthFactorSupport")?.Severity); // §4 G-CSF may be added (info)
    }

    [Fact]
    public void ResumesOneStepLowerAfterARepeatedNeutropenia()
    {
        var answer = DosingAnswer.For(SnapshotBuilder.OnTreatment("multipleMyeloma", 25).Anc(999).Therapy("previousNeutropeniaInterruptions", 1));

        DoseAssert.Interrupts(answer, "§4 MM ANC 999, previousNeutropeniaInterruptions 1", resumeDoseMg: 20, ancAtLeast: 1000, plateletsAtLeast: null);
    }

    [Fact]
    public void ContinuesWhenAncIs1000()
    {
        DoseAssert.Continues(DosingAnswer.For(SnapshotBuilder.OnTreatment("multipleMyeloma", 25).Anc(1000)), "§4 MM ANC 1,000", 25);
    }

    [Fact]
    public void ResumesOneStepLowerWhenNeutropeniaComesWithThrombocytopenia()
    {
        // "the dose at interruption if neutropenia was the only toxicity" — here it is not.
        var answer = DosingAnswer.For(SnapshotBuilder.OnTreatment("multipleMyeloma", 25).Labs(anc: 999, platelets: 29_999));

        DoseAssert.Interrupts(answer, "§4 MM ANC 999 + platelets 29,999", resumeDoseMg: 20, ancAtLeast: 1000, plateletsAtLeast: 30_000);
    }

    [Fact]
    public void ResumesOneStepLowerWhenNeutropeniaComesWithAnotherDoseLimitingToxicity()
    {
        var answer = DosingAnswer.For(SnapshotBuilder.OnTreatment("multipleMyeloma", 25).Anc(999).OtherDoseLimitingToxicity());

        DoseAssert.Interrupts(answer, "§4 MM ANC 999 + other grade 3–4 toxicity", resumeDoseMg: 20, ancAtLeast: 1000, plateletsAtLeast: null);
    }

    /// <summary>row, dose before the hold, cause, ANC, platelets, previous neutropenia holds, expected action, dose (resume) or resumeDoseMg (interrupt).</summary>
    public static TheoryData<string, double, string, int, int, int, string, double> WhileInterrupted => new()
    {
        { "§4 MM interrupted for neutropenia, ANC 1,000, first → resume same dose", 25, "neutropenia", 1000, 150_000, 0, "resume", 25 },
        { "§4 MM interrupted for neutropenia, ANC 999 → stay on hold", 25, "neutropenia", 999, 150_000, 0, "interrupt", 25 },
        { "§4 MM interrupted for neutropenia, ANC 1,000, repeated → resume one step lower", 25, "neutropenia", 1000, 150_000, 1, "resume", 20 },
        { "§4 MM interrupted for neutropenia at 15 mg, repeated → 10 mg", 15, "neutropenia", 1500, 150_000, 2, "resume", 10 },
        { "§4 MM interrupted for thrombocytopenia, platelets 30,000 → resume one step lower", 25, "thrombocytopenia", 2000, 30_000, 0, "resume", 20 },
        { "§4 MM interrupted for thrombocytopenia, platelets 29,999 → stay on hold", 25, "thrombocytopenia", 2000, 29_999, 0, "interrupt", 20 },
        { "§4 MM interrupted for neutropenia, ANC recovered but platelets 29,999 → stay on hold", 25, "neutropenia", 1000, 29_999, 0, "interrupt", 20 },
    };

    [Theory]
    [MemberData(nameof(WhileInterrupted))]
    public void ResumesWhenEveryThresholdIsMetOtherwiseStaysOnHold(string row, double doseMg, string cause, int anc, int platelets, int previous, string action, double expectedMg)
    {
        var answer = DosingAnswer.For(SnapshotBuilder.Interrupted("multipleMyeloma", doseMg, cause)
            .Labs(anc, platelets).Therapy("previousNeutropeniaInterruptions", previous));

        if (action == "resume")
        {
            DoseAssert.Resumes(answer, row, expectedMg);
            Assert.Equal("days1To21Every28", answer.Schedule);
        }
        else
        {
            Assert.True(answer.Action == "interrupt", $"{row}: {answer}");
            Assert.Equal(expectedMg, answer.ResumeDoseMg);
            Assert.True(answer.HasResumeWhen);
        }
    }

    [Fact]
    public void NamesTheUnmetResumeThresholdWhileStillOnHold()
    {
        var answer = DosingAnswer.For(SnapshotBuilder.Interrupted("multipleMyeloma", 25, "neutropenia").Anc(999));

        Assert.Equal(1000, answer.ResumeAncAtLeast);
        Assert.Equal("warning", answer.Finding("resumeThresholdNotMet")?.Severity);
    }
}
