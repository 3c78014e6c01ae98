using Lena.Clinical.Contract;
using Lena.Clinical.Rules;
using LenaFunctions.Functions.Rules;
using LenaFunctions.Tests.Support;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace LenaFunctions.Tests.Rules;

/// <summary>PUT /api/rules/active (admin) with If-Match: activate or roll back, never overwrite a concurrent change.</summary>
public class ActivateRuleVersionTests
{
    private static Task<HttpResponseData> Run(TestApp app, TestHttpRequestData request) =>
        new ActivateRuleVersion(app.Store, app.Rules, app.RuleAdmin, NullLogger<ActivateRuleVersion>.Instance).Run(request, CancellationToken.None);

    private static async Task<TestApp> WithNextPublished()
    {
        var app = TestApp.Seeded();
        await app.Store.PublishAsync(RuleRequests.Next, "pharmacist-17", "Quarterly review.", null, CancellationToken.None);
        return app;
    }

    private static async Task<string> CurrentETag(TestApp app) => (await app.Store.GetActiveAsync(CancellationToken.None))!.ETag.ToString();

    [Fact]
    public async Task AMatchingIfMatchActivatesAndReturnsTheNewETag()
    {
        using var app = await WithNextPublished();
        var before = await CurrentETag(app);

        var response = await Run(app, RuleRequests.Activate(RuleRequests.NextVersion, before));

        Assert.Equal(200, response.Status());
        var after = await CurrentETag(app);
        Assert.NotEqual(before, after);
        Assert.Equal(after, response.Header("ETag"));
        var json = response.Json();
        Assert.Equal(RuleRequests.NextVersion, json.GetProperty("version").GetString());
        Assert.Equal(after, json.GetProperty("eTag").GetString());
    }

    [Fact]
    public async Task TheActivatedVersionIsServedAtOnceByTheInstanceThatActivatedIt()
    {
        using var app = await WithNextPublished();
        Assert.Equal(RuleSetDocument.Default.Version, (await app.Rules.GetAsync(CancellationToken.None)).RuleSet.Version);

        var response = await Run(app, RuleRequests.Activate(RuleRequests.NextVersion, await CurrentETag(app)));

        // No clock advance: the activation invalidated this instance's rule cache.
        var served = await app.Rules.GetAsync(CancellationToken.None);
        Assert.Equal(RuleRequests.NextVersion, served.RuleSet.Version);
        Assert.Equal(response.Header("ETag"), served.PointerETag.ToString());
    }

    [Fact]
    public async Task TheFirstActivationOfAnEmptyStoreTakesIfMatchStar()
    {
        using var app = TestApp.Empty();
        await app.Store.PublishAsync(RuleRequests.Next, "pharmacist-17", "First rule set.", null, CancellationToken.None);

        var response = await Run(app, RuleRequests.Activate(RuleRequests.NextVersion, "*"));

        Assert.Equal(200, response.Status());
        Assert.Equal(RuleRequests.NextVersion, (await app.Store.GetActiveAsync(CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task IfMatchStarWhenAVersionIsAlreadyActiveIsA412CarryingTheCurrentETag()
    {
        using var app = await WithNextPublished();
        var current = await CurrentETag(app);

        var response = await Run(app, RuleRequests.Activate(RuleRequests.NextVersion, "*"));

        Assert.Equal(412, response.Status());
        Assert.Equal(current, response.Header("ETag"));
        Assert.Equal(RuleSetDocument.Default.Version, (await app.Store.GetActiveAsync(CancellationToken.None))!.Version);
    }

    [Theory]
    [InlineData("0x8DD1234")]
    [InlineData("W/0x8DD1234")]
    [InlineData("\"unterminated")]
    [InlineData("\"a\"b\"")]
    public async Task AnIfMatchThatIsNotAQuotedETagIsA400NamingTheHeader(string ifMatch)
    {
        using var app = await WithNextPublished();

        var response = await Run(app, RuleRequests.Activate(RuleRequests.NextVersion, ifMatch));

        Assert.Equal(400, response.Status());
        Assert.Contains("If-Match", response.Errors().Keys);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\\b")]
    [InlineData("a\u0001b")]
    [InlineData("")]
    [InlineData("123456789012345678901234567890123")]
    public async Task AVersionThatCannotBeAVersionIdIsA400BeforeStorageIsAsked(string version)
    {
        using var app = await WithNextPublished();

        var response = await Run(app, RuleRequests.Activate(version, await CurrentETag(app)));

        Assert.Equal(400, response.Status());
        Assert.Contains("version", response.Errors().Keys);
    }

    [Theory]
    [InlineData("actor", 201)]
    [InlineData("reason", 2001)]
    public async Task AnAuditFieldLongerThanItsLimitIsA400NamingTheLimit(string field, int length)
    {
        using var app = await WithNextPublished();
        var text = new string('x', length);

        var response = await Run(app, field == "actor"
            ? RuleRequests.Activate(RuleRequests.NextVersion, await CurrentETag(app), actor: text)
            : RuleRequests.Activate(RuleRequests.NextVersion, await CurrentETag(app), reason: text));

        Assert.Equal(400, response.Status());
        Assert.Contains("at most", Assert.Single(response.Errors()[field]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RollingBackIsActivatingAnEarlierVersion()
    {
        using var app = await WithNextPublished();
        await Run(app, RuleRequests.Activate(RuleRequests.NextVersion, await CurrentETag(app)));

        var response = await Run(app, RuleRequests.Activate(RuleSetDocument.Default.Version, await CurrentETag(app), reason: "Roll back."));

        Assert.Equal(200, response.Status());
        Assert.Equal(RuleSetDocument.Default.Version, (await app.Store.GetActiveAsync(CancellationToken.None))!.Version);
        var latest = (await app.Store.ListAuditAsync(1, CancellationToken.None))[0];
        Assert.Equal(("activated", RuleSetDocument.Default.Version, RuleRequests.NextVersion), (latest.Action, latest.Version, latest.PreviousVersion));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task WithoutIfMatchItIsA428(string? ifMatch)
    {
        using var app = await WithNextPublished();

        var response = await Run(app, RuleRequests.Activate(RuleRequests.NextVersion, ifMatch));

        Assert.Equal(428, response.Status());
        Assert.Equal(ProblemTypes.PreconditionRequired, response.Json().GetProperty("type").GetString());
        Assert.Equal(RuleSetDocument.Default.Version, (await app.Store.GetActiveAsync(CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task AStaleIfMatchIsA412CarryingTheCurrentETag()
    {
        using var app = await WithNextPublished();
        var stale = await CurrentETag(app);
        await Run(app, RuleRequests.Activate(RuleRequests.NextVersion, stale));
        var current = await CurrentETag(app);

        var response = await Run(app, RuleRequests.Activate(RuleSetDocument.Default.Version, stale, actor: "pharmacist-42"));

        Assert.Equal(412, response.Status());
        Assert.Equal(ProblemTypes.PreconditionFailed, response.Json().GetProperty("type").GetString());
        Assert.Equal(current, response.Header("ETag"));
        Assert.Equal(RuleRequests.NextVersion, (await app.Store.GetActiveAsync(CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task AnUnknownVersionIsA422()
    {
        using var app = TestApp.Seeded();

        var response = await Run(app, RuleRequests.Activate("1999.1.1", await CurrentETag(app)));

        Assert.Equal(422, response.Status());
        Assert.Equal("application/problem+json; charset=utf-8", response.Header("Content-Type"));
        Assert.Equal(RuleSetDocument.Default.Version, (await app.Store.GetActiveAsync(CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task AnEmptyActorIsA400()
    {
        using var app = await WithNextPublished();

        var response = await Run(app, RuleRequests.Activate(RuleRequests.NextVersion, await CurrentETag(app), actor: " "));

        Assert.Equal(400, response.Status());
        Assert.Contains("actor", response.Errors().Keys);
    }
}
