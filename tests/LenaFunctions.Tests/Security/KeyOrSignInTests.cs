using System.Reflection;
using System.Security.Claims;
using Lena.Clinical.Contract;
using LenaFunctions.Functions.Clinical;
using LenaFunctions.Functions.Rules;
using LenaFunctions.Security;
using LenaFunctions.Tests.Rules;
using LenaFunctions.Tests.Support;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace LenaFunctions.Tests.Security;

/// <summary>
/// The routes the workbench calls are anonymous at the host so a signed-in pharmacist handles no key:
/// reading rules and a patient's assessment take the function key (as the host authenticated it) or a
/// Microsoft Entra token with Workbench.Read or Rules.Publish; rule administration takes the token alone.
/// </summary>
public class KeyOrSignInTests
{
    private static TestHttpRequestData ReadRules(string? bearer = null)
    {
        var request = TestHttpRequestData.Create("GET", "rules");
        if (bearer is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", bearer);
        }

        return request;
    }

    private static TestHttpRequestData Assess(string? bearer = null)
    {
        var request = TestHttpRequestData.Json("POST", "assessments", Snapshots.Sample());
        if (bearer is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", bearer);
        }

        return request;
    }

    private static Task<HttpResponseData> GetRules(TestApp app, HttpRequestData request, RuleAdminAuthorization? authorization = null) =>
        new GetActiveRules(app.Rules, authorization ?? app.RuleAdmin).Run(request, CancellationToken.None);

    [Fact]
    public async Task WithTheFunctionKeyRulesAndAssessmentsAnswerAsBefore()
    {
        using var app = TestApp.Seeded();

        Assert.Equal(200, (await GetRules(app, ReadRules())).Status());
        Assert.Equal(200, (await app.RunClinicalAsync(Concern.Assessment, Assess())).Status());
    }

    [Fact]
    public async Task WithoutKeyOrTokenItIsA401ThatSaysHowToGetIn()
    {
        using var app = TestApp.Seeded();

        foreach (var response in new[] { await GetRules(app, ReadRules().WithoutKey()), await app.RunClinicalAsync(Concern.Assessment, Assess().WithoutKey()) })
        {
            Assert.Equal(401, response.Status());
            Assert.Equal("Bearer", response.Header("WWW-Authenticate"));
            var problem = response.Json();
            Assert.Equal(ProblemTypes.Unauthorized, problem.GetProperty("type").GetString());
            Assert.Contains("x-functions-key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains("Workbench.Read", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Workbench.Read")]
    [InlineData("Rules.Publish")]
    public async Task ASignedInUserWithAReaderRoleNeedsNoKeyAndGetsTheSameAnswer(string role)
    {
        using var app = TestApp.Seeded();
        var bearer = EntraTestTenant.Bearer(roles: [role]);

        var rules = await GetRules(app, ReadRules(bearer).WithoutKey());
        var signedIn = await app.RunClinicalAsync(Concern.Assessment, Assess(bearer).WithoutKey());
        var keyed = await app.RunClinicalAsync(Concern.Assessment, Assess());

        Assert.Equal(200, rules.Status());
        Assert.Equal(200, signedIn.Status());
        Assert.Equal(keyed.BodyBytes(), signedIn.BodyBytes());
    }

    [Fact]
    public async Task ASignedInUserWithoutAReaderRoleIsA403()
    {
        using var app = TestApp.Seeded();

        var response = await app.RunClinicalAsync(Concern.Assessment, Assess(EntraTestTenant.Bearer(roles: ["Courses.Write"])).WithoutKey());

        Assert.Equal(403, response.Status());
        Assert.StartsWith("Bearer error=\"insufficient_scope\"", response.Header("WWW-Authenticate"), StringComparison.Ordinal);
        Assert.Contains("Workbench.Read or Rules.Publish", response.Json().GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> RefusedTokens()
    {
        var now = DateTime.UtcNow;
        return new()
        {
            { "expired", EntraTestTenant.Bearer(notBefore: now.AddHours(-2), expires: now.AddMinutes(-10)) },
            { "signed by a foreign key", EntraTestTenant.Bearer(foreignKey: true) },
            { "for another API", EntraTestTenant.Bearer(audience: "api://another-api") },
            { "not a JWT", "Bearer not-a-token" },
        };
    }

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task ARefusedTokenWithoutAKeyIsA401AndNothingIsEvaluated(string description, string bearer)
    {
        using var app = TestApp.Seeded();

        var response = await app.RunClinicalAsync(Concern.Assessment, Assess(bearer).WithoutKey());

        Assert.True(response.Status() == 401, description);
        Assert.StartsWith("Bearer error=\"invalid_token\"", response.Header("WWW-Authenticate"), StringComparison.Ordinal);
        Assert.False(response.Json().TryGetProperty("ruleSetVersion", out _));
    }

    [Fact]
    public async Task AnAuthLevelClaimOnAnyOtherIdentityIsNotAKey()
    {
        using var app = TestApp.Seeded();
        var request = ReadRules().WithoutKey();
        // What a forged App Service principal would look like; the host strips it, and the app does not trust it either.
        request.HostIdentities.Add(new ClaimsIdentity([new Claim(HostKeyIdentity.AuthLevelClaimType, "Admin")], "aad"));
        request.HostIdentities.Add(new ClaimsIdentity([new Claim(HostKeyIdentity.AuthLevelClaimType, "Anonymous")], HostKeyIdentity.AuthenticationType));

        Assert.Equal(401, (await GetRules(app, request)).Status());
    }

    [Fact]
    public async Task ARuleAdministratorPublishesWithTheTokenAloneButAKeyAloneDoesNot()
    {
        using var app = TestApp.Seeded();
        var body = RuleRequests.PublishBody(RuleRequests.RuleSetJson(RuleRequests.Next));
        var publish = new PublishRuleVersion(app.Store, app.RuleAdmin, NullLogger<PublishRuleVersion>.Instance);

        var keyOnly = await publish.Run(RuleRequests.Publish(body, authorization: null), CancellationToken.None);
        var tokenOnly = await publish.Run(RuleRequests.Publish(body, EntraTestTenant.Bearer()).WithoutKey(), CancellationToken.None);

        Assert.Equal(401, keyOnly.Status());
        Assert.Equal(201, tokenOnly.Status());
    }

    [Fact]
    public async Task WithoutSignInConfiguredTheKeyIsTheOnlyWayInExceptOnADevelopmentHostsLoopback()
    {
        using var app = TestApp.Seeded();
        RuleAdminAuthorization Unconfigured(bool local)
        {
            var options = new RuleAdminOptions { LocalDevelopment = local };
            return new RuleAdminAuthorization(EntraTestTenant.Validator(options), MsOptions.Create(options), NullLogger<RuleAdminAuthorization>.Instance);
        }

        var inAzure = await GetRules(app, ReadRules(EntraTestTenant.Bearer()).WithoutKey(), Unconfigured(local: false));
        var keyInAzure = await GetRules(app, ReadRules(), Unconfigured(local: false));
        var loopback = new TestHttpRequestData(TestFunctionContext.ForHttp().Context, "GET", new Uri("http://localhost:7071/api/rules"), new MemoryStream()).WithoutKey();
        var locally = await GetRules(app, loopback, Unconfigured(local: true));

        Assert.Equal(401, inAzure.Status());
        Assert.Contains("accepts no sign-in", inAzure.Json().GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, keyInAzure.Status());
        Assert.Equal(200, locally.Status());
    }

    /// <summary>
    /// No HTTP function is open by accident: one anonymous at the host is either public by design or
    /// checks the key-or-sign-in or the rule administrator itself.
    /// </summary>
    [Fact]
    public void EveryFunctionAnonymousAtTheHostIsPublicByDesignOrChecksTheCallerItself()
    {
        string[] publicByDesign = ["Health", "OpenApi", "OpenApiExample", "WorkbenchPage", "Fallback"];
        var anonymous = typeof(Assessment).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(f => f.Function is not null && f.Trigger is { AuthLevel: AuthorizationLevel.Anonymous })
            .ToList();

        Assert.NotEmpty(anonymous);
        foreach (var (method, function, _) in anonymous)
        {
            var checksItself = method.GetCustomAttribute<RequiresKeyOrSignInAttribute>() is not null || method.GetCustomAttribute<RequiresRuleAdminAttribute>() is not null;
            Assert.True(checksItself || publicByDesign.Contains(function!.Name), $"{function!.Name} is anonymous at the host but checks no caller.");
        }
    }
}
