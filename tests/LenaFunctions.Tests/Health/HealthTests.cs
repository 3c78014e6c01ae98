using Lena.Clinical.Rules;
using LenaFunctions.Tests.Support;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging.Abstractions;
using HealthFunction = LenaFunctions.Functions.Health.Health;

namespace LenaFunctions.Tests.Health;

/// <summary>GET /api/health (anonymous): healthy, degraded, or 503 naming what is unreachable.</summary>
public class HealthTests
{
    private static Task<HttpResponseData> Run(TestApp app) =>
        new HealthFunction(app.Store, app.Rules, NullLogger<HealthFunction>.Instance).Run(TestHttpRequestData.Create("GET", "health"), CancellationToken.None);

    [Fact]
    public async Task WithStorageUpItIsHealthyAndNamesTheRuleSetVersion()
    {
        using var app = TestApp.Seeded();

        var response = await Run(app);

        Assert.Equal(200, response.Status());
        Assert.Equal("application/json; charset=utf-8", response.Header("Content-Type"));
        var json = response.Json();
        Assert.Equal("healthy", json.GetProperty("status").GetString());
        Assert.Equal(RuleSetDocument.Default.Version, json.GetProperty("ruleSetVersion").GetString());
        Assert.Equal(0, json.GetProperty("unreachable").GetArrayLength());
    }

    [Fact]
    public async Task WithStorageDownButACachedRuleSetWithinTheStalenessLimitItIsDegraded()
    {
        using var app = TestApp.Seeded();
        await app.Rules.GetAsync(CancellationToken.None);
        app.Store.Unreachable = true;
        app.Clock.Advance(app.StorageOptions.RuleStalenessLimit - TimeSpan.FromMinutes(1));

        var response = await Run(app);

        Assert.Equal(200, response.Status());
        var json = response.Json();
        Assert.Equal("degraded", json.GetProperty("status").GetString());
        Assert.Equal(RuleSetDocument.Default.Version, json.GetProperty("ruleSetVersion").GetString());
        Assert.Equal(["tableStorage"], json.GetProperty("unreachable").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(TestApp.Now, json.GetProperty("ruleSetConfirmedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task WhenStorageComesBackItIsHealthyAgain()
    {
        using var app = TestApp.Seeded();
        await app.Rules.GetAsync(CancellationToken.None);
        app.Store.Unreachable = true;
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("degraded", (await Run(app)).Json().GetProperty("status").GetString());

        app.Store.Unreachable = false;
        app.Clock.Advance(app.StorageOptions.RuleCacheRefresh);
        var response = await Run(app);

        Assert.Equal(200, response.Status());
        Assert.Equal("healthy", response.Json().GetProperty("status").GetString());
        Assert.Equal(TestApp.Now.AddMinutes(2) + app.StorageOptions.RuleCacheRefresh, response.Json().GetProperty("ruleSetConfirmedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task WithStorageDownAtColdStartItIs503NamingTableStorage()
    {
        using var app = TestApp.Seeded();
        app.Store.Unreachable = true;

        var response = await Run(app);

        Assert.Equal(503, response.Status());
        var json = response.Json();
        Assert.Equal("unhealthy", json.GetProperty("status").GetString());
        Assert.Equal(["tableStorage"], json.GetProperty("unreachable").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task WithStorageDownPastTheStalenessLimitItIs503()
    {
        using var app = TestApp.Seeded();
        await app.Rules.GetAsync(CancellationToken.None);
        app.Store.Unreachable = true;
        app.Clock.Advance(app.StorageOptions.RuleStalenessLimit + TimeSpan.FromMinutes(1));

        var response = await Run(app);

        Assert.Equal(503, response.Status());
        Assert.Equal(["tableStorage"], response.Json().GetProperty("unreachable").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task WithStorageUpButNoActiveRuleSetItIs503NamingTheRuleSet()
    {
        using var app = TestApp.Empty();

        var response = await Run(app);

        Assert.Equal(503, response.Status());
        Assert.Equal(["ruleSet"], response.Json().GetProperty("unreachable").EnumerateArray().Select(e => e.GetString()));
    }
}
