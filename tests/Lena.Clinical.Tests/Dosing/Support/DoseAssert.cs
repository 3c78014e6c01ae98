namespace Lena.Clinical.Tests.Dosing.Support;

/// <summary>What a clinician reads off a dose: hold with its resume criteria and dose, or the dose to give.</summary>
internal static class DoseAssert
{
    /// <summary>An interrupt names the counts to reach and the dose to restart at; it gives no dose today.</summary>
    public static void Interrupts(DosingAnswer answer, string row, double resumeDoseMg, int? ancAtLeast, int? plateletsAtLeast)
    {
        ArgumentNullException.ThrowIfNull(answer);
        Assert.True(answer.Action == "interrupt", $"{row}: expected interrupt, got {answer}");
        Assert.Null(answer.DoseMg);
        Assert.True(answer.HasResumeWhen, $"{row}: an interrupt must name resumeWhen");
        Assert.True(resumeDoseMg == answer.ResumeDoseMg, $"{row}: expected resumeDoseMg {resumeDoseMg}, got {answer}");
        Assert.True(ancAtLeast == answer.ResumeAncAtLeast, $"{row}: expected resumeWhen.ancAtLeastPerMicroliter {ancAtLeast}, got {answer}");
        Assert.True(plateletsAtLeast == answer.ResumePlateletsAtLeast, $"{row}: expected resumeWhen.plateletsAtLeastPerMicroliter {plateletsAtLeast}, got {answer}");
        if (ancAtLeast is not null && answer.Finding("ancBelowHoldThreshold") is { } anc)
        {
            Assert.Equal("critical", anc.Severity);
        }

        if (plateletsAtLeast is not null && answer.Finding("plateletsBelowHoldThreshold") is { } platelets)
        {
            Assert.Equal("critical", platelets.Severity);
        }
    }

    /// <summary>No hold fires: the patient continues at this dose.</summary>
    public static void Continues(DosingAnswer answer, string row, double doseMg)
    {
        ArgumentNullException.ThrowIfNull(answer);
        Assert.True(answer.Action == "continue", $"{row}: expected continue, got {answer}");
        Assert.True(doseMg == answer.DoseMg, $"{row}: expected {doseMg} mg, got {answer}");
        Assert.False(answer.HasResumeWhen);
        Assert.False(answer.Has("ancBelowHoldThreshold"), row);
        Assert.False(answer.Has("plateletsBelowHoldThreshold"), row);
    }

    /// <summary>Every threshold is met while interrupted: resume at this dose.</summary>
    public static void Resumes(DosingAnswer answer, string row, double doseMg)
    {
        ArgumentNullException.ThrowIfNull(answer);
        Assert.True(answer.Action == "resume", $"{row}: expected resume, got {answer}");
        Assert.True(doseMg == answer.DoseMg, $"{row}: expected resume at {doseMg} mg, got {answer}");
        Assert.False(answer.HasResumeWhen);
    }
}
