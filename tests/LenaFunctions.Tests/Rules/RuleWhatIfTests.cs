using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.Clinical.Contract;
using Lena.Clinical.Rules;
using LenaFunctions.Functions.Rules;
using LenaFunctions.Tests.Support;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace LenaFunctions.Tests.Rules;

/// <summary>POST /api/rules/what-if (admin): each snapshot under the active rule set and a draft, nothing stored.</summary>
public class RuleWhatIfTests
{
    private static Task<HttpResponseData> Run(TestApp app, JsonObject body, string? authorization = "")
    {
        var request = TestHttpRequestData.Json("POST", "rules/what-if", Encoding.UTF8.GetBytes(body.ToJsonString()));
        if (authorization is not null)
        {
            request = request.WithHeader("Authorization", authorization == "" ? EntraTestTenant.Bearer() : authorization);
        }

        return new RuleWhatIf(app.Rules, app.RuleAdmin, app.Clock, NullLogger<RuleWhatIf>.Instance).Run(request, CancellationToken.None);
    }

    /// <summary>The default rule set with the 30–59 band starting at 50 mL/min: a CrCl of 52 is then unadjusted.</summary>
    private static JsonObject DraftWithRenalThreshold50()
    {
        var ruleSet = RuleRequests.RuleSetJson(RuleRequests.Next);
        var ranges = ruleSet["renalBands"]!["ranges"]!.AsArray();
        ranges.Single(r => (string)r!["band"]! == "crClAtLeast60")!["minMlPerMin"] = 50;
        ranges.Single(r => (string)r!["band"]! == "crCl30To59")!["maxMlPerMin"] = 50;
        return ruleSet;
    }

    private static JsonObject Body(JsonNode? ruleSet, params byte[][] snapshots) => new()
    {
        ["ruleSet"] = ruleSet,
        ["snapshots"] = new JsonArray([.. snapshots.Select(s => JsonNode.Parse(s))]),
        ["today"] = TestApp.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task ARenalThresholdChangeShowsTheDoseThatChangesAndTheRuleThatChanged()
    {
        using var app = TestApp.Seeded();

        var response = await Run(app, Body(DraftWithRenalThreshold50(), Snapshots.Sample(), Snapshots.OnTreatmentHold()));

        Assert.Equal(200, response.Status());
        var json = response.Json();
        Assert.Equal(RuleSetDocument.Default.Version, json.GetProperty("ruleSetVersion").GetString());
        Assert.Equal(RuleRequests.NextVersion, json.GetProperty("draftVersion").GetString());
        Assert.Equal(1, json.GetProperty("changedCount").GetInt32());
        var changes = json.GetProperty("ruleChanges").EnumerateArray().Select(c => c.GetString()!).ToArray();
        Assert.Contains("~ $.renalBands.ranges[crClAtLeast60].minMlPerMin: 60 -> 50", changes);
        Assert.Contains("~ $.version: \"2026.12.1\" -> \"2027.01.1\"".Replace("2026.12.1", RuleSetDocument.Default.Version, StringComparison.Ordinal), changes);

        var sample = json.GetProperty("results")[0];
        Assert.True(sample.GetProperty("changed").GetBoolean());
        var differences = sample.GetProperty("differences").EnumerateArray().ToDictionary(d => d.GetProperty("path").GetString()!);
        Assert.Equal("10", differences["dose.doseMg"].GetProperty("active").GetString());
        Assert.Equal("25", differences["dose.doseMg"].GetProperty("draft").GetString());
        Assert.Equal("crCl30To59", differences["derived.renalBand"].GetProperty("active").GetString());
        Assert.Equal("warning", differences["findings.renalDoseAdjustment"].GetProperty("active").GetString());
        Assert.Equal(JsonValueKind.Null, differences["findings.renalDoseAdjustment"].GetProperty("draft").ValueKind);

        var hold = json.GetProperty("results")[1];
        Assert.False(hold.GetProperty("changed").GetBoolean());
        Assert.Empty(hold.GetProperty("differences").EnumerateArray());
    }

    [Fact]
    public async Task EachAnswerIsWhatTheAssessmentsRouteAnswersUnderThatRuleSet()
    {
        using var app = TestApp.Seeded();
        var draft = DraftWithRenalThreshold50();
        var draftRules = RuleSetDocument.Parse(Encoding.UTF8.GetBytes(draft.ToJsonString())).RuleSet!;

        var result = (await Run(app, Body(draft, Snapshots.Sample()))).Json().GetProperty("results")[0];

        var expectedActive = ClinicalAnswer.For(Concern.Assessment, Snapshots.Sample(), RuleSetDocument.Default, TestApp.Today);
        var expectedDraft = ClinicalAnswer.For(Concern.Assessment, Snapshots.Sample(), draftRules, TestApp.Today);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedActive.Body), JsonNode.Parse(result.GetProperty("active").GetProperty("body").GetRawText())));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedDraft.Body), JsonNode.Parse(result.GetProperty("draft").GetProperty("body").GetRawText())));
        Assert.Equal(200, result.GetProperty("draft").GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task AnInvalidSnapshotIsAnsweredWithItsOwn400BesideTheOthers()
    {
        using var app = TestApp.Seeded();
        var bad = JsonNode.Parse(Snapshots.Sample())!;
        bad["labs"]!["plateletsPerMicroliter"] = 42;

        var response = await Run(app, Body(DraftWithRenalThreshold50(), Encoding.UTF8.GetBytes(bad.ToJsonString()), Snapshots.Sample()));

        Assert.Equal(200, response.Status());
        var first = response.Json().GetProperty("results")[0];
        Assert.Equal(400, first.GetProperty("active").GetProperty("status").GetInt32());
        Assert.True(first.GetProperty("active").GetProperty("body").GetProperty("errors").TryGetProperty("labs.plateletsPerMicroliter", out _));
    }

    [Fact]
    public async Task AnInvalidDraftIsA400ListingEveryProblemUnderRuleSetAsPublishingDoes()
    {
        using var app = TestApp.Seeded();
        var ruleSet = RuleRequests.RuleSetJson(RuleRequests.Next);
        ruleSet["version"] = "not a version!";
        ruleSet["vte"]!["aspirin"]!["minDoseMg"] = 400;

        var response = await Run(app, Body(ruleSet, Snapshots.Sample()));

        Assert.Equal(400, response.Status());
        Assert.Equal(ProblemTypes.InvalidRuleSet, response.Json().GetProperty("type").GetString());
        var errors = response.Errors();
        Assert.Contains("ruleSet.version", errors.Keys);
        Assert.Contains("ruleSet.vte.aspirin", errors.Keys);
    }

    [Fact]
    public async Task MoreThan200SnapshotsIsA400NamingSnapshots()
    {
        using var app = TestApp.Seeded();

        var response = await Run(app, Body(DraftWithRenalThreshold50(), [.. Enumerable.Repeat(Snapshots.Sample(), 201)]));

        Assert.Equal(400, response.Status());
        Assert.Equal(["snapshots"], response.Errors().Keys);
    }

    [Theory]
    [InlineData("today", "\"01.12.2026\"")]
    [InlineData("snapshots", "[]")]
    [InlineData("ruleSet", "42")]
    [InlineData("draft", "{}")]
    public async Task AMalformedFieldIsA400NamingIt(string field, string value)
    {
        using var app = TestApp.Seeded();
        var body = Body(DraftWithRenalThreshold50(), Snapshots.Sample());
        body[field] = JsonNode.Parse(value);

        var response = await Run(app, body);

        Assert.Equal(400, response.Status());
        Assert.Contains(field, response.Errors().Keys);
    }

    /// <summary>Issue 13: the evaluation day lies from lenalidomide's first approval (2005) to a year after today (2026-11-21).</summary>
    [Theory]
    [InlineData("0001-01-01", 400)]
    [InlineData("2004-12-31", 400)]
    [InlineData("2005-01-01", 200)]
    [InlineData("2027-11-21", 200)]
    [InlineData("2027-11-22", 400)]
    [InlineData("9999-12-31", 400)]
    public async Task TodayOutsideItsWindowIsA400NamingToday(string today, int status)
    {
        using var app = TestApp.Seeded();
        var body = Body(DraftWithRenalThreshold50(), Snapshots.Sample());
        body["today"] = today;

        var response = await Run(app, body);

        Assert.Equal(status, response.Status());
        if (status == 400)
        {
            var error = Assert.Single(response.Errors()["today"]);
            Assert.Contains($"{today} is outside the plausible window 2005-01-01", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task NoTokenIsRefusedBeforeTheBodyIsRead()
    {
        using var app = TestApp.Seeded();

        var response = await Run(app, Body(DraftWithRenalThreshold50(), Snapshots.Sample()), authorization: null);

        Assert.Equal(401, response.Status());
    }

    [Fact]
    public async Task NothingIsStored()
    {
        using var app = TestApp.Seeded();

        await Run(app, Body(DraftWithRenalThreshold50(), Snapshots.Sample()));

        Assert.Single(await app.Store.ListVersionsAsync(CancellationToken.None));
        Assert.Null(await app.Store.GetVersionAsync(RuleRequests.NextVersion, CancellationToken.None));
    }
}
