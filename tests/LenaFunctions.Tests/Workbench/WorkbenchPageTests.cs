using LenaFunctions.Functions.Workbench;
using LenaFunctions.Tests.Support;

namespace LenaFunctions.Tests.Workbench;

/// <summary>GET /api/workbench/{asset} (anonymous): the page, its script and style, and the reference panel.</summary>
public class WorkbenchPageTests
{
    [Theory]
    [InlineData(null, "text/html; charset=utf-8", "<h1>LenaFunctions workbench</h1>")]
    [InlineData("workbench.js", "text/javascript; charset=utf-8", "rules/what-if")]
    [InlineData("workbench.css", "text/css; charset=utf-8", ".card")]
    public async Task ServesTheAssetWithItsTypeAndASameOriginPolicy(string? asset, string contentType, string contains)
    {
        var response = await WorkbenchPage.Run(TestHttpRequestData.Create("GET", "workbench"), asset, CancellationToken.None);

        Assert.Equal(200, response.Status());
        Assert.Equal(contentType, response.Header("Content-Type"));
        Assert.Contains("script-src 'self'", response.Header("Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Contains(contains, response.BodyText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePanelIsEveryReferencePatientByName()
    {
        var response = await WorkbenchPage.Run(TestHttpRequestData.Create("GET", "workbench/panel.json"), "panel.json", CancellationToken.None);

        var panel = response.Json().EnumerateArray().ToArray();
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples", "panel"), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(files, panel.Select(p => p.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.All(panel, p => Assert.Equal("panel-", p.GetProperty("snapshot").GetProperty("patientId").GetString()![..6]));
    }

    [Fact]
    public async Task AnUnknownFileIsA404()
    {
        var response = await WorkbenchPage.Run(TestHttpRequestData.Create("GET", "workbench/secrets.txt"), "secrets.txt", CancellationToken.None);

        Assert.Equal(404, response.Status());
    }

    [Fact]
    public async Task LocallySignInIsOffAndThePageTalksToItsOwnOriginOnly()
    {
        var response = await WorkbenchPage.Run(TestHttpRequestData.Create("GET", "workbench/sign-in.json"), "sign-in.json", CancellationToken.None);

        Assert.Equal(200, response.Status());
        Assert.Equal("""{"enabled":false}""", response.BodyText());
        Assert.Equal("no-store", response.Header("Cache-Control"));
        Assert.Contains("connect-src 'self';", response.Header("Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InAzureThePageLearnsThePublicClientAndMayTalkToTheAuthorityOnly()
    {
        var signIn = new WorkbenchSignInOptions
        {
            ClientId = "11111111-2222-3333-4444-555555555555",
            TenantId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
            Scope = "api://11111111-2222-3333-4444-555555555555/user_impersonation",
        };

        var config = await WorkbenchPage.ServeAsync(TestHttpRequestData.Create("GET", "workbench/sign-in.json"), "sign-in.json", signIn, CancellationToken.None);
        var page = await WorkbenchPage.ServeAsync(TestHttpRequestData.Create("GET", "workbench"), null, signIn, CancellationToken.None);

        var json = config.Json();
        Assert.True(json.GetProperty("enabled").GetBoolean());
        Assert.Equal(signIn.ClientId, json.GetProperty("clientId").GetString());
        Assert.Equal("https://login.microsoftonline.com/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/oauth2/v2.0", json.GetProperty("authority").GetString());
        Assert.Equal(signIn.Scope, json.GetProperty("scope").GetString());
        // A public client: the document names ids and a scope, nothing that could be a secret.
        Assert.Equal(["authority", "clientId", "enabled", "scope"], json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("connect-src 'self' https://login.microsoftonline.com;", page.Header("Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", page.Header("Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "tenant", "scope", "https://login.microsoftonline.com/")]
    [InlineData("client", "", "scope", "https://login.microsoftonline.com/")]
    [InlineData("client", "tenant", "", "https://login.microsoftonline.com/")]
    [InlineData("client", "tenant", "scope", "http://login.example.org/")]
    public async Task AnIncompleteOrPlainHttpConfigurationLeavesSignInOff(string clientId, string tenantId, string scope, string instance)
    {
        var signIn = new WorkbenchSignInOptions { ClientId = clientId, TenantId = tenantId, Scope = scope, Instance = instance };

        var response = await WorkbenchPage.ServeAsync(TestHttpRequestData.Create("GET", "workbench/sign-in.json"), "sign-in.json", signIn, CancellationToken.None);

        Assert.Equal("""{"enabled":false}""", response.BodyText());
        Assert.Contains("connect-src 'self';", response.Header("Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePageLoadsTheSignInScriptBeforeItsOwn()
    {
        var response = await WorkbenchPage.Run(TestHttpRequestData.Create("GET", "workbench"), null, CancellationToken.None);
        var script = await WorkbenchPage.Run(TestHttpRequestData.Create("GET", "workbench/workbench-signin.js"), "workbench-signin.js", CancellationToken.None);

        var html = response.BodyText();
        Assert.True(html.IndexOf("workbench-signin.js", StringComparison.Ordinal) < html.IndexOf("/workbench.js", StringComparison.Ordinal));
        Assert.Equal(200, script.Status());
        // Tokens stay in memory: the script never touches localStorage.
        Assert.DoesNotContain("localStorage", script.BodyText(), StringComparison.Ordinal);
    }
}
