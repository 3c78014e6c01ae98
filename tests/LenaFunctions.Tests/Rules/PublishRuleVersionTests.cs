using System.Text.Json.Nodes;
using Lena.Clinical.Contract;
using Lena.Clinical.Rules;
using LenaFunctions.Functions.Rules;
using LenaFunctions.Tests.Support;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace LenaFunctions.Tests.Rules;

/// <summary>POST /api/rules/versions (admin): validate, then store a new immutable version.</summary>
public class PublishRuleVersionTests
{
    private static Task<HttpResponseData> Run(TestApp app, TestHttpRequestData request) =>
        new PublishRuleVersion(app.Store, app.RuleAdmin, NullLogger<PublishRuleVersion>.Instance).Run(request, CancellationToken.None);

    [Fact]
    public async Task AValidRuleSetIsPublishedWith201AndLocationButNotActivated()
    {
        using var app = TestApp.Seeded();

        var response = await Run(app, RuleRequests.Publish(RuleRequests.PublishBody(RuleRequests.RuleSetJson(RuleRequests.Next))));

        Assert.Equal(201, response.Status());
        Assert.Equal("/api/rules/versions/2027.01.1", response.Header("Location"));
        var json = response.Json();
        Assert.Equal(RuleRequests.NextVersion, json.GetProperty("version").GetString());
        Assert.Equal("pharmacist-17", json.GetProperty("author").GetString());
        Assert.Equal("Quarterly review.", json.GetProperty("reason").GetString());
        Assert.Equal(RuleSetDocument.Default.Version, json.GetProperty("basedOn").GetString());
        Assert.Equal(RuleSetDocument.ContentHash(RuleRequests.Next), json.GetProperty("contentHash").GetString());
        Assert.NotNull(await app.Store.GetVersionAsync(RuleRequests.NextVersion, CancellationToken.None));
        Assert.Equal(RuleSetDocument.Default.Version, (await app.Store.GetActiveAsync(CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task AnInvalidRuleSetIsA400ListingEveryProblemUnderRuleSet()
    {
        using var app = TestApp.Seeded();
        var ruleSet = RuleRequests.RuleSetJson(RuleRequests.Next);
        ruleSet["version"] = "not a version!";
        ruleSet["vte"]!["aspirin"]!["minDoseMg"] = 400;
        ruleSet["otherToxicity"]!["citations"] = new JsonArray();

        var response = await Run(app, RuleRequests.Publish(RuleRequests.PublishBody(ruleSet)));

        Assert.Equal(400, response.Status());
        Assert.Equal(ProblemTypes.InvalidRuleSet, response.Json().GetProperty("type").GetString());
        var errors = response.Errors();
        Assert.Contains("ruleSet.version", errors.Keys);
        Assert.Contains("ruleSet.vte.aspirin", errors.Keys);
        Assert.Contains("ruleSet.otherToxicity.citations", errors.Keys);
        Assert.All(errors.Keys, path => Assert.StartsWith("ruleSet", path, StringComparison.Ordinal));
        Assert.Single(await app.Store.ListVersionsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ARuleSetThatIsNotARuleSetDocumentIsA400UnderRuleSet()
    {
        using var app = TestApp.Seeded();

        var response = await Run(app, RuleRequests.Publish(RuleRequests.PublishBody(JsonValue.Create(42))));

        Assert.Equal(400, response.Status());
        Assert.All(response.Errors().Keys, path => Assert.StartsWith("ruleSet", path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARuleSetWithASectionTooLargeForTableStorageIsA400UnderRuleSet()
    {
        using var app = TestApp.Seeded();
        var ruleSet = RuleRequests.RuleSetJson(RuleRequests.Next);
        ruleSet["floorReached"]!["message"] = new string('x', 40_000);

        var response = await Run(app, RuleRequests.Publish(RuleRequests.PublishBody(ruleSet)));

        Assert.Equal(400, response.Status());
        Assert.Equal(["ruleSet"], response.Errors().Keys);
        Assert.Null(await app.Store.GetVersionAsync(RuleRequests.NextVersion, CancellationToken.None));
    }

    [Fact]
    public async Task AnExistingVersionIsA409()
    {
        using var app = TestApp.Seeded();

        var response = await Run(app, RuleRequests.Publish(RuleRequests.PublishBody(RuleRequests.RuleSetJson(RuleSetDocument.Default))));

        Assert.Equal(409, response.Status());
        Assert.Equal(ProblemTypes.Conflict, response.Json().GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("", "Quarterly review.", "author")]
    [InlineData("   ", "Quarterly review.", "author")]
    [InlineData("pharmacist-17", "", "reason")]
    public async Task AnEmptyAuthorOrReasonIsA400NamingIt(string author, string reason, string path)
    {
        using var app = TestApp.Seeded();

        var response = await Run(app, RuleRequests.Publish(RuleRequests.PublishBody(RuleRequests.RuleSetJson(RuleRequests.Next), author, reason)));

        Assert.Equal(400, response.Status());
        Assert.Contains(path, response.Errors().Keys);
        Assert.Null(await app.Store.GetVersionAsync(RuleRequests.NextVersion, CancellationToken.None));
    }

    [Theory]
    [InlineData("author")]
    [InlineData("reason")]
    public async Task AMissingAuthorOrReasonIsA400NamingIt(string missing)
    {
        using var app = TestApp.Seeded();
        var body = RuleRequests.PublishBody(RuleRequests.RuleSetJson(RuleRequests.Next));
        body.Remove(missing);

        var response = await Run(app, RuleRequests.Publish(body));

        Assert.Equal(400, response.Status());
        var error = Assert.Single(response.Errors());
        Assert.Equal(missing, error.Key);
        Assert.Contains(error.Value, m => m.Contains("required", StringComparison.Ordinal));
        Assert.DoesNotContain(error.Value, m => m.Contains("LenaFunctions.", StringComparison.Ordinal));
        Assert.Null(await app.Store.GetVersionAsync(RuleRequests.NextVersion, CancellationToken.None));
    }

    [Fact]
    public async Task AnUnknownPropertyIsA400()
    {
        using var app = TestApp.Seeded();
        var body = RuleRequests.PublishBody(RuleRequests.RuleSetJson(RuleRequests.Next));
        body["autor"] = "typo";

        var response = await Run(app, RuleRequests.Publish(body));

        Assert.Equal(400, response.Status());
        Assert.Null(await app.Store.GetVersionAsync(RuleRequests.NextVersion, CancellationToken.None));
    }

    [Fact]
    public async Task AnUnknownPropertyInsideTheRuleSetIsA400()
    {
        using var app = TestApp.Seeded();
        var ruleSet = RuleRequests.RuleSetJson(RuleRequests.Next);
        ruleSet["vte"]!["aspirin"]!["minDose"] = 81;

        var response = await Run(app, RuleRequests.Publish(RuleRequests.PublishBody(ruleSet)));

        Assert.Equal(400, response.Status());
        Assert.All(response.Errors().Keys, path => Assert.StartsWith("ruleSet", path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIsA415()
    {
        using var app = TestApp.Seeded();

        var response = await Run(app, TestHttpRequestData.Create("POST", "rules/versions", "version=1"u8.ToArray(), "application/x-www-form-urlencoded")
            .WithHeader("Authorization", EntraTestTenant.Bearer()));

        Assert.Equal(415, response.Status());
    }

    [Theory]
    [InlineData("version", "5")]
    [InlineData("renalBands", "\"many\"")]
    [InlineData("description", "[]")]
    public async Task AWrongTypeInTheRuleSetNamesThePathAndTheJsonToSendNeverADotNetType(string member, string json)
    {
        using var app = TestApp.Seeded();
        var ruleSet = RuleRequests.RuleSetJson(RuleRequests.Next);
        ruleSet[member] = JsonNode.Parse(json);

        var response = await Run(app, RuleRequests.Publish(RuleRequests.PublishBody(ruleSet)));

        Assert.Equal(400, response.Status());
        Assert.Contains(response.Errors().Keys, k => k.StartsWith("ruleSet." + member, StringComparison.Ordinal));
        Assert.DoesNotMatch(@"\b(System|Lena|Microsoft)\.[A-Z]", response.BodyText());
        Assert.DoesNotContain("LineNumber", response.BodyText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("author", 201)]
    [InlineData("author", 40_000)]
    [InlineData("reason", 2001)]
    public async Task AnAuditFieldLongerThanItsLimitIsA400NotAStorageError(string field, int length)
    {
        using var app = TestApp.Seeded();
        var text = new string('x', length);
        var body = field == "author"
            ? RuleRequests.PublishBody(RuleRequests.RuleSetJson(RuleRequests.Next), author: text)
            : RuleRequests.PublishBody(RuleRequests.RuleSetJson(RuleRequests.Next), reason: text);

        var response = await Run(app, RuleRequests.Publish(body));

        Assert.Equal(400, response.Status());
        Assert.Contains("at most", Assert.Single(response.Errors()[field]), StringComparison.Ordinal);
        Assert.Null(await app.Store.GetVersionAsync(RuleRequests.NextVersion, CancellationToken.None));
    }
}
