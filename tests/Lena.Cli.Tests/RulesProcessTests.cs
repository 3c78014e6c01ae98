using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.Clinical.Contract;
using Lena.Clinical.Rules;

namespace Lena.Cli.Tests;

/// <summary><c>--rules FILE</c> and <c>lena rules validate|export|diff</c> as processes.</summary>
public sealed class RulesProcessTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>The default rule set with three independent problems the validator must all report.</summary>
    private static JsonObject RulesWithThreeProblems() => TempFiles.DefaultRules(rules =>
    {
        rules["version"] = "not a version!";
        rules["floorReached"]!["citations"] = new JsonArray();
        TempFiles.Hold(rules, "multipleMyeloma", "mm-platelets")["citations"] = new JsonArray();
    });

    [Fact]
    public async Task AnEvaluationWithAModifiedRuleSetAnswersWithThatVersion()
    {
        var edited = TempFiles.DefaultRules(rules => rules["version"] = "2026.12.0-test");
        var file = _files.Write("rules-2026.12.0.json", edited);

        var run = await LenaProcess.RunAsync("dosing", "--rules", file, "--today", Snapshots.Today, LenaProcess.SamplePatient);

        Assert.True(run.ExitCode == 0, run.Stderr + run.StdoutText);
        using var json = JsonDocument.Parse(run.Body);
        Assert.Equal("2026.12.0-test", json.RootElement.GetProperty("ruleSetVersion").GetString());
        var rules = RuleSetDocument.Parse(File.ReadAllBytes(file)).RuleSet!;
        Assert.Equal(ClinicalAnswer.For(Concern.Dosing, Snapshots.Sample, rules, Snapshots.TodayDate).Body, run.Body);
    }

    [Fact]
    public async Task AModifiedThresholdInTheRuleSetChangesTheDecision()
    {
        // mm-platelets holds below 30,000/µL by default; at 150,000 the sample's 140,000 defers the start.
        var edited = TempFiles.DefaultRules(rules =>
        {
            rules["version"] = "2026.12.0-strict";
            var hold = TempFiles.Hold(rules, "multipleMyeloma", "mm-platelets");
            hold["triggers"]![0]!["belowPerMicroliter"] = 150000;
            hold["resumeAtLeastPerMicroliter"] = 150000;
        });
        var file = _files.Write("strict.json", edited);

        var run = await LenaProcess.RunAsync(Snapshots.Sample, "dosing", "--today", Snapshots.Today, "--rules", file);

        Assert.True(run.ExitCode == 0, run.Stderr + run.StdoutText);
        using var json = JsonDocument.Parse(run.Body);
        var dose = json.RootElement.GetProperty("dose");
        Assert.Equal("defer", dose.GetProperty("action").GetString());
        Assert.Equal(150000, dose.GetProperty("resumeWhen").GetProperty("plateletsAtLeastPerMicroliter").GetInt32());
    }

    [Fact]
    public async Task AnInvalidRuleSetViaRulesIsAProblemAndExitTwo()
    {
        var file = _files.Write("bad-rules.json", RulesWithThreeProblems());

        var run = await LenaProcess.RunAsync("assess", "--rules", file, "--today", Snapshots.Today, LenaProcess.SamplePatient);

        Assert.Equal(2, run.ExitCode);
        using var problem = JsonDocument.Parse(run.Body);
        Assert.Equal(ProblemTypes.InvalidRuleSet, problem.RootElement.GetProperty("type").GetString());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("version", out _));
    }

    [Fact]
    public async Task AMissingRulesFileIsAUsageError()
    {
        var run = await LenaProcess.RunAsync("dosing", "--rules", "no-such-rules.json", "--today", Snapshots.Today, LenaProcess.SamplePatient);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("no such file: no-such-rules.json", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAcceptsAValidRuleSetFile()
    {
        var file = _files.Write("default.json", TempFiles.DefaultRules());

        var run = await LenaProcess.RunAsync("rules", "validate", file);

        Assert.True(run.ExitCode == 0, run.Stderr + run.StdoutText);
        var hash = RuleSetDocument.ContentHash(RuleSetDocument.Default);
        Assert.Equal($"valid: rule set 2026.12.1, 8 indications, sha256 {hash}", run.StdoutText.TrimEnd('\n'));
    }

    [Fact]
    public async Task ValidateListsEveryProblemOfAnInvalidRuleSetAndExitsTwo()
    {
        var file = _files.Write("three-problems.json", RulesWithThreeProblems());

        var run = await LenaProcess.RunAsync("rules", "validate", file);

        Assert.Equal(2, run.ExitCode);
        using var problem = JsonDocument.Parse(run.Body);
        Assert.Equal(ProblemTypes.InvalidRuleSet, problem.RootElement.GetProperty("type").GetString());
        var errors = problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["floorReached.citations", "indications[multipleMyeloma].holds[0].citations", "version"], errors);
        Assert.Equal("3 problem(s) found; see errors.", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ValidateNamesAnUnknownPropertyInTheRuleSet()
    {
        var file = _files.Write("typo.json", TempFiles.DefaultRules(rules => rules["verison"] = "2026.12.2"));

        var run = await LenaProcess.RunAsync("rules", "validate", file);

        Assert.Equal(2, run.ExitCode);
        using var problem = JsonDocument.Parse(run.Body);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("verison", out _), run.StdoutText);
    }

    [Fact]
    public async Task ExportPipedIntoValidateFromStdinPasses()
    {
        var (export, validate) = await LenaProcess.PipeAsync(["rules", "export"], ["rules", "validate", "-"]);

        Assert.True(export.ExitCode == 0, export.Stderr);
        Assert.True(validate.ExitCode == 0, validate.Stderr + validate.StdoutText);
        Assert.StartsWith("valid: rule set 2026.12.1, 8 indications, sha256 ", validate.StdoutText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportWritesTheShippedDefaultRuleSet()
    {
        var run = await LenaProcess.RunAsync("rules", "export");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(RuleSetDocument.Serialize(RuleSetDocument.Default), run.Body);
        var reparsed = RuleSetDocument.Parse(run.Body);
        Assert.True(reparsed.IsValid);
        Assert.Equal(RuleSetDocument.ContentHash(RuleSetDocument.Default), RuleSetDocument.ContentHash(reparsed.RuleSet!));
    }

    [Fact]
    public async Task DiffReportsAChangedThresholdAtTheRuleThatHoldsIt()
    {
        var a = _files.Write("a.json", TempFiles.DefaultRules());
        var b = _files.Write("b.json", TempFiles.DefaultRules(rules =>
            TempFiles.Hold(rules, "multipleMyeloma", "mm-platelets")["resumeAtLeastPerMicroliter"] = 40000));

        var run = await LenaProcess.RunAsync("rules", "diff", a, b);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "~ $.indications[multipleMyeloma].holds[mm-platelets].resumeAtLeastPerMicroliter: 30000 -> 40000",
            run.StdoutText.TrimEnd('\n'));
    }

    [Fact]
    public async Task DiffReportsAddedAndRemovedRules()
    {
        var a = _files.Write("a.json", TempFiles.DefaultRules());
        var b = _files.Write("b.json", TempFiles.DefaultRules(rules =>
        {
            rules["version"] = "2026.12.2";
            var holds = rules["commonHolds"]!.AsArray();
            holds.RemoveAt(holds.Count - 1);
        }));

        var lines = (await LenaProcess.RunAsync("rules", "diff", a, b)).StdoutText.TrimEnd('\n').Split('\n');

        Assert.Contains("~ $.version: \"2026.12.1\" -> \"2026.12.2\"", lines);
        Assert.Contains(lines, l => l.StartsWith("- $.commonHolds[common-platelets].resumeAtLeastPerMicroliter: 25000", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.True(l.StartsWith("- $.commonHolds[common-platelets]", StringComparison.Ordinal) || l.StartsWith("~ $.version", StringComparison.Ordinal), l));
    }

    [Fact]
    public async Task DiffOfEqualFilesSaysNoDifferences()
    {
        var a = _files.Write("a.json", TempFiles.DefaultRules());
        var b = _files.Write("b.json", TempFiles.DefaultRules());

        var run = await LenaProcess.RunAsync("rules", "diff", a, b);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("no differences\n", run.StdoutText);
    }

    [Fact]
    public async Task DiffMatchesRulesByIdentitySoReorderingIsNoChange()
    {
        var a = _files.Write("a.json", TempFiles.DefaultRules());
        var b = _files.Write("reordered.json", TempFiles.DefaultRules(rules =>
        {
            var holds = rules["commonHolds"]!.AsArray();
            var first = holds[0]!;
            holds.RemoveAt(0);
            holds.Add(first);
        }));

        var run = await LenaProcess.RunAsync("rules", "diff", a, b);

        Assert.Equal("no differences\n", run.StdoutText);
    }

    [Fact]
    public async Task DiffOfAFileThatIsNotJsonIsAProblemAndExitTwoNotACrash()
    {
        var a = _files.Write("a.json", TempFiles.DefaultRules());
        var broken = _files.Write("broken.json", "{\"version\": \"2026.12.2\",\n  oops }");

        var run = await LenaProcess.RunAsync("rules", "diff", a, broken);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
        using var problem = JsonDocument.Parse(run.Body);
        Assert.Equal(ProblemTypes.InvalidRuleSet, problem.RootElement.GetProperty("type").GetString());
        var message = problem.RootElement.GetProperty("errors").GetProperty(broken)[0].GetString();
        Assert.StartsWith("is not valid JSON at line 2", message, StringComparison.Ordinal);
    }
}
