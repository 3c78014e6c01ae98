using System.Text;
using System.Text.Json;
using Lena.Clinical.Contract;
using Lena.Clinical.Rules;

namespace Lena.Cli.Tests;

/// <summary>
/// <c>lena dosing|monitoring-schedule|vte-prophylaxis|contraindications|assess</c> as a process:
/// stdout is byte for byte what <see cref="ClinicalAnswer.For(Concern, ReadOnlyMemory{byte}, Lena.Clinical.Rules.RuleSet, DateOnly)"/> (and so the HTTP endpoint) returns.
/// </summary>
public class EvaluationProcessTests
{
    public static TheoryData<string, Concern> Commands => new()
    {
        { "dosing", Concern.Dosing },
        { "monitoring-schedule", Concern.MonitoringSchedule },
        { "vte-prophylaxis", Concern.VteProphylaxis },
        { "contraindications", Concern.Contraindications },
        { "assess", Concern.Assessment },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task TheSampleFromAFileGivesTheEndpointsExactBytes(string command, Concern concern)
    {
        var run = await LenaProcess.RunAsync(command, "--today", Snapshots.Today, LenaProcess.SamplePatient);

        Assert.True(run.ExitCode == 0, run.Stderr + run.StdoutText);
        Assert.Equal(Expected(concern, Snapshots.Sample), run.Body);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task TheSampleFromStdinGivesTheEndpointsExactBytes(string command, Concern concern)
    {
        var run = await LenaProcess.RunAsync(Snapshots.Sample, command, "--today", Snapshots.Today);

        Assert.True(run.ExitCode == 0, run.Stderr + run.StdoutText);
        Assert.Equal(Expected(concern, Snapshots.Sample), run.Body);
    }

    [Fact]
    public async Task ADashReadsTheSnapshotFromStdinAndOptionsMayFollowTheFile()
    {
        var run = await LenaProcess.RunAsync(Snapshots.Sample, "assess", "-", "--today", Snapshots.Today);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Expected(Concern.Assessment, Snapshots.Sample), run.Body);
    }

    [Fact]
    public async Task TheSampleIsAStartWithTheRenalDoseOfTenMilligrams()
    {
        var run = await LenaProcess.RunAsync("dosing", "--today", Snapshots.Today, LenaProcess.SamplePatient);

        using var json = JsonDocument.Parse(run.Body);
        var dose = json.RootElement.GetProperty("dose");
        Assert.Equal("2026.12.1", json.RootElement.GetProperty("ruleSetVersion").GetString());
        Assert.Equal("start", dose.GetProperty("action").GetString());
        Assert.Equal(10, dose.GetProperty("doseMg").GetDouble());
    }

    [Fact]
    public async Task AnAssessmentOnTreatmentWithLowPlateletsInterruptsAndMatchesTheEndpoint()
    {
        var run = await LenaProcess.RunAsync(Snapshots.OnTreatmentWithPlateletHold, "assess", "--today", Snapshots.Today);

        Assert.True(run.ExitCode == 0, run.Stderr + run.StdoutText);
        Assert.Equal(Expected(Concern.Assessment, Snapshots.OnTreatmentWithPlateletHold), run.Body);
        using var json = JsonDocument.Parse(run.Body);
        Assert.Equal("interrupt", json.RootElement.GetProperty("dose").GetProperty("action").GetString());
        Assert.Equal("hold", json.RootElement.GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task AnInvalidSnapshotWritesTheProblemToStdoutAndExitsTwo(string command, Concern concern)
    {
        var run = await LenaProcess.RunAsync(Snapshots.Invalid, command, "--today", Snapshots.Today);

        Assert.Equal(2, run.ExitCode);
        var expected = ClinicalAnswer.For(concern, Snapshots.Invalid, RuleSetDocument.Default, Snapshots.TodayDate);
        Assert.Equal(400, expected.Status);
        Assert.Equal(expected.Body, run.Body);
        using var problem = JsonDocument.Parse(run.Body);
        Assert.Equal(ProblemTypes.Validation, problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("labs.plateletsPerMicroliter", out var platelets), errors.ToString());
        Assert.Contains("send 42000", platelets[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("platelet", out _), errors.ToString());
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIsAProblemNotACrash()
    {
        var run = await LenaProcess.RunAsync(Encoding.UTF8.GetBytes("{\"indication\": "), "dosing", "--today", Snapshots.Today);

        Assert.Equal(2, run.ExitCode);
        using var problem = JsonDocument.Parse(run.Body);
        Assert.Contains("not valid JSON", problem.RootElement.GetProperty("errors").GetProperty("$")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("21/11/2026")]
    [InlineData("2026-11-21T00:00:00Z")]
    [InlineData("")]
    public async Task ABadTodayIsAUsageErrorExitOne(string today)
    {
        var run = await LenaProcess.RunAsync("dosing", "--today", today, LenaProcess.SamplePatient);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("--today must be a date as yyyy-MM-dd", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("2004-12-31")]
    [InlineData("9999-12-31")]
    public async Task ATodayOutsideItsWindowIsAUsageErrorExitOne(string today)
    {
        var run = await LenaProcess.RunAsync("dosing", "--today", today, LenaProcess.SamplePatient);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains($"--today {today} is outside the plausible window 2005-01-01", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TodayWithoutAValueIsAUsageError()
    {
        var run = await LenaProcess.RunAsync("dosing", LenaProcess.SamplePatient, "--today");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("--today needs a value", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingSnapshotFileIsAUsageError()
    {
        var run = await LenaProcess.RunAsync("dosing", "--today", Snapshots.Today, "no-such-patient.json");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("no such file: no-such-patient.json", run.Stderr, StringComparison.Ordinal);
    }

    private static byte[] Expected(Concern concern, byte[] snapshot)
    {
        var answer = ClinicalAnswer.For(concern, snapshot, RuleSetDocument.Default, Snapshots.TodayDate);
        Assert.True(answer.IsSuccess, Encoding.UTF8.GetString(answer.Body));
        return answer.Body;
    }

    [Fact]
    public async Task APregnantPatientGetsNoDoseFromLenaEither()
    {
        var pregnant = Snapshots.Edit(s =>
        {
            s["ageYears"] = 31;
            s["femaleOfReproductivePotential"] = true;
            s["pregnant"] = true;
        });

        var run = await LenaProcess.RunAsync(pregnant, "dosing", "--today", Snapshots.Today);

        Assert.True(run.ExitCode == 0, run.Stderr + run.StdoutText);
        Assert.Equal(Expected(Concern.Dosing, pregnant), run.Body);
        using var json = JsonDocument.Parse(run.Body);
        Assert.Equal("notRecommended", json.RootElement.GetProperty("dose").GetProperty("action").GetString());
    }

    [Fact]
    public async Task CountsTooOldToDecideOnDeferThroughLenaToo()
    {
        var outdated = Snapshots.Edit(s =>
        {
            s["therapy"]!["status"] = "onTreatment";
            s["therapy"]!["startDate"] = "2026-05-05";
            s["therapy"]!["currentDoseMg"] = 10;
            s["therapy"]!["daysOnTherapy"] = 200;
            s["labs"]!["takenOn"] = "2026-07-28";
        });

        var run = await LenaProcess.RunAsync(outdated, "assess", "--today", Snapshots.Today);

        Assert.True(run.ExitCode == 0, run.Stderr + run.StdoutText);
        Assert.Equal(Expected(Concern.Assessment, outdated), run.Body);
        using var json = JsonDocument.Parse(run.Body);
        Assert.Equal("defer", json.RootElement.GetProperty("dose").GetProperty("action").GetString());
    }

    [Fact]
    public async Task AWomanWithOneTestTwelveDaysAgoAndNoneInTheLast24HoursIsDeferredByLena()
    {
        // Issue 12: the first dose is today (2026-11-21); the second REMS test is due before it.
        var woman = Snapshots.Edit(s =>
        {
            s["ageYears"] = 31;
            s["femaleOfReproductivePotential"] = true;
            s["therapy"]!["startDate"] = Snapshots.Today;
            s["pregnancyTests"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["takenOn"] = "2026-11-09", ["result"] = "negative" });
        });

        var run = await LenaProcess.RunAsync(woman, "assess", "--today", Snapshots.Today);

        Assert.True(run.ExitCode == 0, run.Stderr + run.StdoutText);
        Assert.Equal(Expected(Concern.Assessment, woman), run.Body);
        using var json = JsonDocument.Parse(run.Body);
        Assert.Equal("defer", json.RootElement.GetProperty("dose").GetProperty("action").GetString());
        var required = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "pregnancyTestRequired");
        Assert.Equal("critical", required.GetProperty("severity").GetString());
        Assert.Contains("within 24 hours before the first dose", required.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
