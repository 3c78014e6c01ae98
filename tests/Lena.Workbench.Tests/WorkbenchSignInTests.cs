using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lena.Workbench.Tests;

/// <summary>
/// The page's signed-in mode, as in Azure: <c>sign-in.json</c> names a public client, and a stand-in for
/// Microsoft Entra ID (requests to <see cref="Authority"/> answered by the test, never the network) runs
/// the authorization code flow with PKCE. The app under lena-host has no tenant configured, so it lets
/// loopback rule administration through whatever the token; what is checked is what the page sends.
/// </summary>
[Collection(WorkbenchGroup.Name)]
public class WorkbenchSignInTests(WorkbenchFixture fixture)
{
    private const string Authority = "https://login.entra.test/00000000-0000-0000-0000-0000000000aa/oauth2/v2.0";
    private const string ClientId = "11111111-2222-3333-4444-555555555555";
    private const string Scope = "api://" + ClientId + "/user_impersonation";
    private const string Code = "one-time-authorization-code";

    /// <summary>An opaque stand-in for the access token; the page must pass it on unchanged.</summary>
    private static readonly string AccessToken = "eyJ0eXAiOiJKV1QifQ." + Base64Url(Encoding.UTF8.GetBytes("""{"roles":["Rules.Publish"]}""")) + ".signature";

    private static readonly string IdToken = "eyJ0eXAiOiJKV1QifQ." + Base64Url(Encoding.UTF8.GetBytes("""{"name":"J. Pharmacist (signed in)"}""")) + ".signature";

    [Fact(Timeout = 120_000)]
    public async Task InAzureThePageSignsInWithPkceShowsWhoAndSendsTheTokenInsteadOfAKey()
    {
        var entra = new FakeEntra();
        var context = await fixture.NewContextAsync();
        await context.RouteAsync("**/api/workbench/sign-in.json", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "application/json",
            Body = JsonSerializer.Serialize(new { enabled = true, clientId = ClientId, authority = Authority, scope = Scope }),
        }));
        await context.RouteAsync(new Uri(Authority).GetLeftPart(UriPartial.Authority) + "/**", entra.AnswerAsync);
        var page = await context.NewPageAsync();
        var apiCalls = new List<IRequest>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/rules", StringComparison.Ordinal) || request.Url.Contains("/api/assessments", StringComparison.Ordinal))
            {
                apiCalls.Add(request);
            }
        };

        // Not signed in: the page goes to Entra at once and comes back with a code, which it redeems.
        await page.GotoAsync("api/workbench");
        await Expect(page.Locator("#signInStatus")).ToHaveTextAsync("Signed in as J. Pharmacist (signed in).");
        await Expect(page.Locator("#signOutButton")).ToBeVisibleAsync();
        await Expect(page.Locator("#bearerToken")).ToBeHiddenAsync();
        await Expect(page.Locator("#functionKey")).ToBeHiddenAsync();
        await Expect(page.Locator("#key-hint")).ToContainTextAsync("no key is needed");
        Assert.Equal(1, entra.Authorizations);
        Assert.DoesNotContain("code=", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => sessionStorage.length"));
        await Expect(page.Locator("#status")).ToContainTextAsync("reference patients loaded");
        await WorkbenchFixture.ScreenshotAsync(page, "10-signed-in", page.Locator("#access"));

        // A patient's assessment, reading rules and a what-if of a draft all carry the token, never a key.
        await page.SelectOptionAsync("#panelPatient", new SelectOptionValue { Index = 1 });
        await page.ClickAsync("#loadPanelPatient");
        await page.ClickAsync("#assess");
        await Expect(page.Locator("#answer")).ToContainTextAsync("Rule set");
        await page.ClickAsync("#loadRules");
        await Expect(page.Locator("#activeVersion")).ToContainTextAsync("Active rule set: ");
        await page.ClickAsync("#newDraft");
        var whatIf = page.WaitForRequestAsync(r => r.Url.EndsWith("/api/rules/what-if", StringComparison.Ordinal));
        await page.ClickAsync("#checkDraft");
        var sent = await whatIf;
        Assert.Equal("Bearer " + AccessToken, await sent.HeaderValueAsync("authorization"));
        await Expect(page.Locator("#diff")).ToBeVisibleAsync();
        Assert.Contains(apiCalls, r => r.Method == "GET");
        Assert.Contains(apiCalls, r => r.Url.EndsWith("/api/assessments", StringComparison.Ordinal));
        foreach (var call in apiCalls)
        {
            Assert.Equal("Bearer " + AccessToken, await call.HeaderValueAsync("authorization"));
            Assert.Null(await call.HeaderValueAsync("x-functions-key"));
        }

        // The token never reaches storage.
        var stored = await page.EvaluateAsync<string>("() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })");
        Assert.DoesNotContain(AccessToken, stored, StringComparison.Ordinal);

        // Signing out goes to Entra's logout and back, and the page stays signed out (no redirect loop).
        await page.ClickAsync("#signOutButton");
        await Expect(page.Locator("#signInStatus")).ToHaveTextAsync("Signed out.");
        await Expect(page.Locator("#signInButton")).ToBeVisibleAsync();
        Assert.Equal(1, entra.Logouts);
        Assert.Equal(1, entra.Authorizations);
    }

    [Fact(Timeout = 120_000)]
    public async Task LocallyThePageDoesNotSignInAndOffersTheTokenField()
    {
        var page = await fixture.OpenWorkbenchAsync();

        Assert.Equal("""{"enabled":false}""", await page.EvaluateAsync<string>("() => fetch('/api/workbench/sign-in.json').then(r => r.text())"));
        await Expect(page.Locator("#signIn")).ToBeHiddenAsync();
        await Expect(page.Locator("#bearerToken")).ToBeVisibleAsync();
    }

    [Fact(Timeout = 120_000)]
    public async Task ARefusedSignInIsExplainedAndNotRetriedInALoop()
    {
        var entra = new FakeEntra { Refusal = "The user declined to sign in." };
        var context = await fixture.NewContextAsync();
        await context.RouteAsync("**/api/workbench/sign-in.json", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "application/json",
            Body = JsonSerializer.Serialize(new { enabled = true, clientId = ClientId, authority = Authority, scope = Scope }),
        }));
        await context.RouteAsync(new Uri(Authority).GetLeftPart(UriPartial.Authority) + "/**", entra.AnswerAsync);
        var page = await context.NewPageAsync();

        await page.GotoAsync("api/workbench");

        await Expect(page.Locator("#signInStatus")).ToHaveTextAsync("Not signed in: The user declined to sign in.");
        await Expect(page.Locator("#signInButton")).ToBeVisibleAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("reference patients loaded");
        Assert.Equal(1, entra.Authorizations);
        Assert.Equal(0, entra.TokenRequests);
        Assert.DoesNotContain("error=", page.Url, StringComparison.Ordinal);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Answers the three endpoints the page uses as Microsoft Entra ID would, and checks what the page sends.</summary>
    private sealed class FakeEntra
    {
        private string? _challenge;
        private string? _redirectUri;

        public int Authorizations { get; private set; }

        public int Logouts { get; private set; }

        public int TokenRequests { get; private set; }

        /// <summary>When set, the authorize endpoint answers with this error instead of a code.</summary>
        public string? Refusal { get; init; }

        public async Task AnswerAsync(IRoute route)
        {
            var request = route.Request;
            var url = new Uri(request.Url);
            var query = System.Web.HttpUtility.ParseQueryString(url.Query);
            switch (url.AbsolutePath[(url.AbsolutePath.LastIndexOf('/') + 1)..])
            {
                case "authorize":
                    Authorizations++;
                    Assert.Equal(ClientId, query["client_id"]);
                    Assert.Equal("code", query["response_type"]);
                    Assert.Equal("fragment", query["response_mode"]);
                    Assert.Equal("S256", query["code_challenge_method"]);
                    Assert.Contains(Scope, query["scope"], StringComparison.Ordinal);
                    Assert.False(string.IsNullOrEmpty(query["state"]));
                    _challenge = query["code_challenge"];
                    _redirectUri = query["redirect_uri"];
                    Assert.EndsWith("/api/workbench", _redirectUri, StringComparison.Ordinal);
                    var answer = Refusal is null
                        ? $"code={Code}&state={Uri.EscapeDataString(query["state"]!)}"
                        : $"error=access_denied&error_description={Uri.EscapeDataString(Refusal)}&state={Uri.EscapeDataString(query["state"]!)}";
                    await route.FulfillAsync(new RouteFulfillOptions
                    {
                        Status = 302,
                        Headers = new Dictionary<string, string> { ["Location"] = $"{_redirectUri}#{answer}" },
                    });
                    break;
                case "token":
                    TokenRequests++;
                    var form = System.Web.HttpUtility.ParseQueryString(request.PostData ?? "");
                    Assert.Equal("POST", request.Method);
                    Assert.Equal("authorization_code", form["grant_type"]);
                    Assert.Equal(Code, form["code"]);
                    Assert.Equal(ClientId, form["client_id"]);
                    Assert.Equal(_redirectUri, form["redirect_uri"]);
                    Assert.Null(form["client_secret"]);
                    // PKCE: the verifier sent now hashes to the challenge sent before the redirect.
                    Assert.Equal(_challenge, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"]!))));
                    await route.FulfillAsync(new RouteFulfillOptions
                    {
                        ContentType = "application/json",
                        Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = request.Headers.TryGetValue("origin", out var origin) ? origin : "*" },
                        Body = JsonSerializer.Serialize(new { token_type = "Bearer", access_token = AccessToken, id_token = IdToken, refresh_token = "refresh", expires_in = 3600, scope = Scope }),
                    });
                    break;
                case "logout":
                    Logouts++;
                    await route.FulfillAsync(new RouteFulfillOptions
                    {
                        Status = 302,
                        Headers = new Dictionary<string, string> { ["Location"] = query["post_logout_redirect_uri"]! },
                    });
                    break;
                default:
                    await route.AbortAsync();
                    break;
            }
        }
    }
}
