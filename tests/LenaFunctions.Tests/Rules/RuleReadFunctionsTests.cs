using Lena.Clinical.Contract;
using Lena.Clinical.Rules;
using LenaFunctions.Functions.Rules;
using LenaFunctions.Tests.Support;

namespace LenaFunctions.Tests.Rules;

/// <summary>GET /api/rules, /api/rules/versions, /api/rules/versions/{version}, /api/rules/audit.</summary>
public class RuleReadFunctionsTests
{
    [Fact]
    public async Task GetActiveRulesReturnsTheActiveSetWithThePointerETag()
    {
        using var app = TestApp.Seeded();
        var pointer = await app.Store.GetActiveAsync(CancellationToken.None);

        var response = await new GetActiveRules(app.Rules, app.RuleAdmin).Run(TestHttpRequestData.Create("GET", "rules"), CancellationToken.None);

        Assert.Equal(200, response.Status());
        Assert.Equal(pointer!.ETag.ToString(), response.Header("ETag"));
        var json = response.Json();
        Assert.Equal(RuleSetDocument.Default.Version, json.GetProperty("version").GetString());
        Assert.Equal(pointer.ETag.ToString(), json.GetProperty("eTag").GetString());
        Assert.False(json.GetProperty("degraded").GetBoolean());
        Assert.Equal(RuleSetDocument.Default.Version, json.GetProperty("ruleSet").GetProperty("version").GetString());
        Assert.Equal(RuleSetDocument.Default.Indications.Count, json.GetProperty("ruleSet").GetProperty("indications").GetArrayLength());
    }

    [Fact]
    public async Task ListRuleVersionsNamesAuthorReasonAndTimeOfEachAndTheActiveOne()
    {
        using var app = TestApp.Seeded();
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.Store.PublishAsync(RuleRequests.Next, "pharmacist-17", "Quarterly review.", RuleSetDocument.Default.Version, CancellationToken.None);

        var response = await new ListRuleVersions(app.Store, app.RuleAdmin).Run(TestHttpRequestData.Create("GET", "rules/versions"), CancellationToken.None);

        Assert.Equal(200, response.Status());
        var json = response.Json();
        Assert.Equal(RuleSetDocument.Default.Version, json.GetProperty("active").GetString());
        var versions = json.GetProperty("versions").EnumerateArray().ToArray();
        Assert.Equal([RuleSetDocument.Default.Version, RuleRequests.NextVersion], versions.Select(v => v.GetProperty("version").GetString()));
        Assert.Equal("pharmacist-17", versions[1].GetProperty("author").GetString());
        Assert.Equal("Quarterly review.", versions[1].GetProperty("reason").GetString());
        Assert.Equal(TestApp.Now.AddHours(1), versions[1].GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task GetRuleVersionReturnsAPublishedVersionWhole()
    {
        using var app = TestApp.Seeded();
        await app.Store.PublishAsync(RuleRequests.Next, "pharmacist-17", "Quarterly review.", null, CancellationToken.None);

        var response = await new GetRuleVersion(app.Store, app.RuleAdmin).Run(TestHttpRequestData.Create("GET", "rules/versions/" + RuleRequests.NextVersion), RuleRequests.NextVersion, CancellationToken.None);

        Assert.Equal(200, response.Status());
        var json = response.Json();
        Assert.Equal(RuleRequests.NextVersion, json.GetProperty("info").GetProperty("version").GetString());
        Assert.Equal(RuleSetDocument.ContentHash(RuleRequests.Next), json.GetProperty("info").GetProperty("contentHash").GetString());
        Assert.Equal(RuleRequests.NextVersion, json.GetProperty("ruleSet").GetProperty("version").GetString());
    }

    [Fact]
    public async Task GetRuleVersionOfAnUnknownVersionIsA404Problem()
    {
        using var app = TestApp.Seeded();

        var response = await new GetRuleVersion(app.Store, app.RuleAdmin).Run(TestHttpRequestData.Create("GET", "rules/versions/1999.1.1"), "1999.1.1", CancellationToken.None);

        Assert.Equal(404, response.Status());
        Assert.Equal("application/problem+json; charset=utf-8", response.Header("Content-Type"));
        Assert.Equal(ProblemTypes.NotFound, response.Json().GetProperty("type").GetString());
    }

    [Fact]
    public async Task ListRuleAuditListsPublicationsAndActivationsNewestFirst()
    {
        using var app = TestApp.Seeded();
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.Store.PublishAsync(RuleRequests.Next, "pharmacist-17", "Quarterly review.", null, CancellationToken.None);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var pointer = await app.Store.GetActiveAsync(CancellationToken.None);
        await app.Store.ActivateAsync(RuleRequests.NextVersion, pointer!.ETag, "pharmacist-42", "Go live.", CancellationToken.None);

        var response = await new ListRuleAudit(app.Store, app.RuleAdmin).Run(TestHttpRequestData.Create("GET", "rules/audit"), CancellationToken.None);

        Assert.Equal(200, response.Status());
        var entries = response.Json().GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal(
            ["activated 2027.01.1", "published 2027.01.1", "activated 2026.12.1", "published 2026.12.1"],
            entries.Select(e => e.GetProperty("action").GetString() + " " + e.GetProperty("version").GetString()));
        Assert.Equal("pharmacist-42", entries[0].GetProperty("actor").GetString());
        Assert.Equal("Go live.", entries[0].GetProperty("reason").GetString());
        Assert.Equal(RuleSetDocument.Default.Version, entries[0].GetProperty("previousVersion").GetString());
        Assert.Equal(TestApp.Now.AddMinutes(20), entries[0].GetProperty("at").GetDateTimeOffset());
    }
}
