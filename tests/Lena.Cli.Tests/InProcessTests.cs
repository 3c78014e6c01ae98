using System.Text;
using Lena.Clinical.Contract;
using Lena.Clinical.Rules;

namespace Lena.Cli.Tests;

/// <summary>Quick cases through <see cref="LenaCommand.RunAsync"/> without starting a process.</summary>
public class InProcessTests
{
    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(byte[] stdin, params string[] args)
    {
        using var input = new MemoryStream(stdin);
        using var output = new MemoryStream();
        using var error = new StringWriter();
        var exit = await LenaCommand.RunAsync(args, input, output, error);
        return (exit, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    private static Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync([], args);

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("rules")]
    [InlineData("rules", "validate")]
    [InlineData("rules", "diff", "only-one.json")]
    [InlineData("rules", "export", "extra")]
    public async Task AWrongCommandLinePrintsUsageAndExitsOne(params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(args);

        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Contains("usage:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoArgumentsPrintsUsageAndExitsOne()
    {
        var (exit, _, stderr) = await RunAsync();

        Assert.Equal(1, exit);
        Assert.Contains("lena rules validate FILE|-", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task HelpPrintsUsageAndExitsZero(string flag)
    {
        var (exit, _, stderr) = await RunAsync(flag);

        Assert.Equal(0, exit);
        Assert.Contains("usage:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecondSnapshotArgumentIsAUsageError()
    {
        var (exit, stdout, stderr) = await RunAsync("dosing", "a.json", "b.json");

        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Contains("unexpected argument \"b.json\"", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulesWithoutAValueIsAUsageError()
    {
        var (exit, _, stderr) = await RunAsync("assess", "--rules");

        Assert.Equal(1, exit);
        Assert.Contains("--rules needs a value", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEvaluationInProcessWritesTheAnswerAndANewline()
    {
        var (exit, stdout, _) = await RunAsync(Snapshots.Sample, "vte-prophylaxis", "--today", Snapshots.Today);

        var expected = ClinicalAnswer.For(Concern.VteProphylaxis, Snapshots.Sample, RuleSetDocument.Default, Snapshots.TodayDate);
        Assert.Equal(0, exit);
        Assert.Equal(Encoding.UTF8.GetString(expected.Body) + "\n", stdout);
    }

    [Fact]
    public async Task ValidateFromStdinInProcess()
    {
        var (exit, stdout, _) = await RunAsync(RuleSetDocument.Serialize(RuleSetDocument.Default), "rules", "validate", "-");

        Assert.Equal(0, exit);
        Assert.StartsWith("valid: rule set 2026.12.1", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyStdinIsAProblemNotACrash()
    {
        var (exit, stdout, _) = await RunAsync("contraindications", "--today", Snapshots.Today);

        Assert.Equal(2, exit);
        Assert.Contains(ProblemTypes.Validation, stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--todya", "2026-11-21")]
    [InlineData("--today=2026-11-21")]
    [InlineData("-r", "rules.json")]
    public async Task AnUnknownOptionIsNamedInsteadOfBeingReadAsTheSnapshotFile(params string[] option)
    {
        var (exit, stdout, stderr) = await RunAsync(Snapshots.Sample, ["dosing", .. option]);

        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Contains($"unknown option \"{option[0]}\"", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dosing", "--rules", "-")]
    [InlineData("dosing", "--rules", "-", "-")]
    [InlineData("rules", "diff", "-", "-")]
    public async Task StdinCannotCarryTwoDocuments(params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(Snapshots.Sample, args);

        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Contains("stdin can carry only one document", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulesFromStdinWithTheSnapshotFromAFileWorks()
    {
        var (exit, stdout, _) = await RunAsync(RuleSetDocument.Serialize(RuleSetDocument.Default), "dosing", "--rules", "-", "--today", Snapshots.Today, LenaProcess.SamplePatient);

        var expected = ClinicalAnswer.For(Concern.Dosing, Snapshots.Sample, RuleSetDocument.Default, Snapshots.TodayDate);
        Assert.Equal(0, exit);
        Assert.Equal(Encoding.UTF8.GetString(expected.Body) + "\n", stdout);
    }
}
