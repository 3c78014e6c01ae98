using Lena.Clinical.Tests.Dosing.Support;

namespace Lena.Clinical.Tests.Dosing;

/// <summary>CLINICAL.md §4 multipleMyelomaMaintenance (PI): ANC &lt; 500 and platelets &lt; 30,000, both at the next lower step.</summary>
public class MaintenanceHoldTests
{
    /// <summary>row, ANC, platelets, interrupts, resumeWhen ANC, resumeWhen platelets.</summary>
    public static TheoryData<string, int, int, bool, int?, int?> OnTreatmentAt10Mg => new()
    {
        { "§4 maintenance ANC 499 → interrupt, resume at ≥ 500", 499, 150_000, true, 500, null },
        { "§4 maintenance ANC 500 → continue", 500, 150_000, false, null, null },
        { "§4 maintenance ANC 999 → continue (the 1,000 rule is for starting only)", 999, 150_000, false, null, null },
        { "§4 maintenance platelets 29,999 → interrupt, resume at ≥ 30,000", 2000, 29_999, true, null, 30_000 },
        { "§4 maintenance platelets 30,000 → continue", 2000, 30_000, false, null, null },
        { "§4 maintenance platelets 74,999 on treatment → continue (start criterion only)", 2000, 74_999, false, null, null },
    };

    [Theory]
    [MemberData(nameof(OnTreatmentAt10Mg))]
    public void InterruptsBelowTheMaintenanceThresholdsAndResumesOneStepLower(string row, int anc, int platelets, bool interrupts, int? ancAtLeast, int? plateletsAtLeast)
    {
        var answer = DosingAnswer.For(SnapshotBuilder.OnTreatment("multipleMyelomaMaintenance", 10).Labs(anc, platelets));

        if (interrupts)
        {
            DoseAssert.Interrupts(answer, row, resumeDoseMg: 5, ancAtLeast, plateletsAtLeast);
            Assert.Equal("continuous", answer.Schedule);
        }
        else
        {
            DoseAssert.Continues(answer, row, 10);
        }
    }

    [Fact]
    public void ResumesMaintenanceAt5MgDays1To21AfterAHoldAt5MgContinuous()
    {
        var answer = DosingAnswer.For(SnapshotBuilder.OnTreatment("multipleMyelomaMaintenance", 5).Schedule("continuous").Platelets(29_999));

        DoseAssert.Interrupts(answer, "§4/§3 maintenance 5 mg continuous → 5 mg days 1–21", 5, null, 30_000);
        Assert.Equal("days1To21Every28", answer.Schedule);
    }

    /// <summary>row, cause, ANC, platelets, expected action.</summary>
    public static TheoryData<string, string, int, int, string> WhileInterrupted => new()
    {
        { "§4 maintenance interrupted for neutropenia, ANC 500 → resume 5 mg", "neutropenia", 500, 150_000, "resume" },
        { "§4 maintenance interrupted for neutropenia, ANC 499 → stay on hold", "neutropenia", 499, 150_000, "interrupt" },
        { "§4 maintenance interrupted for thrombocytopenia, platelets 30,000 → resume 5 mg", "thrombocytopenia", 2000, 30_000, "resume" },
        { "§4 maintenance interrupted for thrombocytopenia, platelets 29,999 → stay on hold", "thrombocytopenia", 2000, 29_999, "interrupt" },
    };

    [Theory]
    [MemberData(nameof(WhileInterrupted))]
    public void ResumesMaintenanceOneStepLowerOnceTheCountRecovers(string row, string cause, int anc, int platelets, string action)
    {
        var answer = DosingAnswer.For(SnapshotBuilder.Interrupted("multipleMyelomaMaintenance", 10, cause).Labs(anc, platelets));

        if (action == "resume")
        {
            DoseAssert.Resumes(answer, row, 5);
            Assert.Equal("continuous", answer.Schedule);
        }
        else
        {
            Assert.True(answer.Action == "interrupt", $"{row}: {answer}");
            Assert.Equal(5, answer.ResumeDoseMg);
        }
    }
}
