using LenaFunctions.Functions.Rules;
using LenaFunctions.Security;
using LenaFunctions.Tests.Rules;
using LenaFunctions.Tests.Support;
using Lena.Clinical.Contract;
using Lena.Clinical.Rules;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace LenaFunctions.Tests.Security;

/// <summary>
/// Publishing and activating rule sets need a Microsoft Entra token with the Rules.Publish app role
/// (never the host's master key); a refused caller changes nothing. Locally, with no tenant configured,
/// a loopback request on a development host passes on its key alone.
/// </summary>
public class RuleAdminAuthorizationTests
{
    private static Task<HttpResponseData> Publish(TestApp app, TestHttpRequestData request, RuleAdminAuthorization? authorization = null) =>
        new PublishRuleVersion(app.Store, authorization ?? app.RuleAdmin, NullLogger<PublishRuleVersion>.Instance).Run(request, CancellationToken.None);

    private static Task<HttpResponseData> Activate(TestApp app, TestHttpRequestData request) =>
        new ActivateRuleVersion(app.Store, app.Rules, app.RuleAdmin, NullLogger<ActivateRuleVersion>.Instance).Run(request, CancellationToken.None);

    private static TestHttpRequestData PublishNext(string? authorization) =>
        RuleRequests.Publish(RuleRequests.PublishBody(RuleRequests.RuleSetJson(RuleRequests.Next)), authorization);

    [Fact]
    public async Task APharmacistWithTheAppRolePublishes()
    {
        using var app = TestApp.Seeded();

        var response = await Publish(app, PublishNext(EntraTestTenant.Bearer()));

        Assert.Equal(201, response.Status());
    }

    [Fact]
    public async Task NoTokenIsA401ChallengeAndNothingIsStored()
    {
        using var app = TestApp.Seeded();

        var response = await Publish(app, PublishNext(authorization: null));

        Assert.Equal(401, response.Status());
        Assert.Equal("Bearer", response.Header("WWW-Authenticate"));
        Assert.Equal(ProblemTypes.Unauthorized, response.Json().GetProperty("type").GetString());
        Assert.Single(await app.Store.ListVersionsAsync(CancellationToken.None));
    }

    public static TheoryData<string, string> InvalidTokens()
    {
        var now = DateTime.UtcNow;
        return new()
        {
            { "wrong audience", EntraTestTenant.Bearer(audience: "api://another-api") },
            { "expired", EntraTestTenant.Bearer(notBefore: now.AddHours(-2), expires: now.AddMinutes(-10)) },
            { "wrong issuer", EntraTestTenant.Bearer(issuer: "https://login.microsoftonline.com/99999999-0000-0000-0000-000000000000/v2.0") },
            { "foreign key", EntraTestTenant.Bearer(foreignKey: true) },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidTokens))]
    public async Task AnInvalidTokenIsA401NamingTheProblemAndNothingIsStored(string description, string bearer)
    {
        using var app = TestApp.Seeded();

        var response = await Publish(app, PublishNext(bearer));

        Assert.True(response.Status() == 401, description);
        Assert.StartsWith("Bearer error=\"invalid_token\"", response.Header("WWW-Authenticate"), StringComparison.Ordinal);
        Assert.Single(await app.Store.ListVersionsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AValidTokenWithoutTheRoleIsA403()
    {
        using var app = TestApp.Seeded();

        var response = await Publish(app, PublishNext(EntraTestTenant.Bearer(roles: ["Rules.Read"])));

        Assert.Equal(403, response.Status());
        Assert.Equal(ProblemTypes.Forbidden, response.Json().GetProperty("type").GetString());
        Assert.StartsWith("Bearer error=\"insufficient_scope\"", response.Header("WWW-Authenticate"), StringComparison.Ordinal);
        Assert.Single(await app.Store.ListVersionsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ActivationWithoutATokenLeavesThePointerWhereItWas()
    {
        using var app = TestApp.Seeded();
        await Publish(app, PublishNext(EntraTestTenant.Bearer()));
        var active = (await app.Store.GetActiveAsync(CancellationToken.None))!;

        var response = await Activate(app, RuleRequests.Activate(RuleRequests.NextVersion, active.ETag.ToString(), authorization: null));

        Assert.Equal(401, response.Status());
        Assert.Equal(RuleSetDocument.Default.Version, (await app.Store.GetActiveAsync(CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task WithoutATenantALoopbackRequestOnADevelopmentHostPassesOnItsKey()
    {
        using var app = TestApp.Seeded();
        var local = Unconfigured(localDevelopment: true);
        var request = Loopback(PublishNext(authorization: null));

        var response = await Publish(app, request, local);

        Assert.Equal(201, response.Status());
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public async Task WithoutATenantAnythingElseIsA503AndNothingIsStored(bool localDevelopment, bool loopback)
    {
        using var app = TestApp.Seeded();
        var request = PublishNext(authorization: null);

        var response = await Publish(app, loopback ? Loopback(request) : request, Unconfigured(localDevelopment));

        Assert.Equal(503, response.Status());
        Assert.Equal(ProblemTypes.RuleAdminUnverifiable, response.Json().GetProperty("type").GetString());
        Assert.Single(await app.Store.ListVersionsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task WithATenantConfiguredEvenALoopbackDevelopmentRequestNeedsAToken()
    {
        using var app = TestApp.Seeded();
        var options = EntraTestTenant.Options();
        options.LocalDevelopment = true;

        var response = await Publish(app, Loopback(PublishNext(authorization: null)), EntraTestTenant.Authorization(options));

        Assert.Equal(401, response.Status());
    }

    private static RuleAdminAuthorization Unconfigured(bool localDevelopment)
    {
        var options = new RuleAdminOptions { LocalDevelopment = localDevelopment };
        return new RuleAdminAuthorization(EntraTestTenant.Validator(options), MsOptions.Create(options), NullLogger<RuleAdminAuthorization>.Instance);
    }

    /// <summary>The same request as if sent to http://localhost:7071 (the development host).</summary>
    private static TestHttpRequestData Loopback(TestHttpRequestData request)
    {
        var copy = new TestHttpRequestData(request.FunctionContext, request.Method, new Uri("http://localhost:7071" + request.Url.PathAndQuery), request.Body);
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return copy;
    }
}
