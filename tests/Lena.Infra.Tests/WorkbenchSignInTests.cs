using System.Text.Json.Nodes;

namespace Lena.Infra.Tests;

/// <summary>
/// The workbench page signs pharmacists in with Microsoft Entra ID in Azure by itself (authorization
/// code flow with PKCE, a public client of the app registration exposing Rules.Publish), and App
/// Service Authentication stays declared off so it never stands between a caller and a route's own
/// check (function keys, CDS Hooks client JWTs, Entra tokens for rule administration).
/// </summary>
[Collection(SharedInfraBuild.Name)]
public class WorkbenchSignInTests(InfraBuild infra)
{
    private readonly CompiledTemplate template = infra.Template;

    [Fact]
    public void AppServiceAuthenticationIsDeclaredOffWithHttpsRequired()
    {
        var auth = Assert.Single(template.OfType("Microsoft.Web/sites/config"), c => SecurityTests.LastNameSegment(c.Name) == "authsettingsV2");
        var properties = auth.Properties;

        Assert.False(SecurityTests.Bool(properties?["platform"], "enabled"));
        // Nothing is redirected or refused by the platform: every route authorises itself.
        Assert.False(SecurityTests.Bool(properties?["globalValidation"], "requireAuthentication"));
        Assert.Equal("AllowAnonymous", (string?)properties?["globalValidation"]?["unauthenticatedClientAction"]);
        Assert.Null(properties?["globalValidation"]?["excludedPaths"]);
        Assert.True(SecurityTests.Bool(properties?["httpSettings"], "requireHttps"));
        // No provider, so no client secret setting and no token store (which on Flex Consumption would need a SAS URL).
        Assert.Null(properties?["identityProviders"]);
        Assert.Null(properties?["login"]);
        Assert.True(SecurityTests.Bool(template.SingleOfType("Microsoft.Web/sites").Properties, "httpsOnly"));
    }

    [Fact]
    public void ThePageLearnsThePublicClientTenantAndScopeFromOneAzdValue()
    {
        var settings = template.AppSettings().ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Infra, "main.parameters.json")))?["parameters"];

        Assert.Equal("[parameters('workbenchSignInClientId')]", settings["Workbench__SignIn__ClientId"]);
        Assert.Equal("[parameters('ruleAdminTenantId')]", settings["Workbench__SignIn__TenantId"]);
        Assert.Equal("[parameters('workbenchSignInScope')]", settings["Workbench__SignIn__Scope"]);
        Assert.Equal("[parameters('rulesAdminClientId')]", template.ModuleParameterExpression("functionapp", "workbenchSignInClientId"));
        Assert.Equal("[variables('workbenchSignInScope')]", template.ModuleParameterExpression("functionapp", "workbenchSignInScope"));
        Assert.Equal("${LENA_RULES_ADMIN_CLIENT_ID}", (string?)parameters?["rulesAdminClientId"]?["value"]);
        Assert.Equal("", (string?)template.Main["parameters"]?["rulesAdminClientId"]?["defaultValue"]);
        // The scope is the API's own delegated permission; tokens for it carry the user's app roles.
        Assert.Equal(
            "[if(not(empty(parameters('rulesAdminClientId'))), format('{0}/user_impersonation', variables('rulesAdminIdentifierUri')), '')]",
            (string?)template.Main["variables"]?["workbenchSignInScope"]);
    }

    [Fact]
    public void NoSecretIsCreatedReferencedOrAskedFor()
    {
        var text = template.Main.ToJsonString();
        string[] forbidden = ["clientSecret", "MICROSOFT_PROVIDER_AUTHENTICATION_SECRET", "OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID", "sasUrlSettingName", "passwordCredentials"];

        Assert.All(forbidden, f => Assert.DoesNotContain(f, text, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(template.AppSettings(), s => s.Key.Contains("SECRET", StringComparison.OrdinalIgnoreCase) || s.Key.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase));
        var secureParameters = (template.Main["parameters"]?.AsObject() ?? [])
            .Where(p => (string?)p.Value?["type"] == "securestring")
            .Select(p => p.Key);
        Assert.Equal(["patientIdSaltSeed"], secureParameters);
    }

    [Theory]
    [InlineData("infra/hooks/postprovision.sh")]
    [InlineData("infra/scripts/create-entra-app.sh")]
    public void TheScriptsRegisterNoCredential(string script)
    {
        var path = Repository.File(script.Split('/'));
        var text = File.ReadAllText(path);

        Assert.StartsWith("#!/bin/sh\n", text, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True((File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0, $"{script} is not executable.");
        }

        string[] credentials = ["client_secret", "client-secret", "passwordCredentials", "addPassword", "credential reset", "keyCredentials", "--password"];
        Assert.All(credentials, c => Assert.DoesNotContain(c, text, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void AzdRegistersTheDeployedPageAfterEveryProvisionWithoutFailingIt()
    {
        var lines = File.ReadAllLines(Repository.File("azure.yaml")).Select(l => l.TrimEnd()).ToList();

        var hooks = lines.IndexOf("hooks:");
        Assert.True(hooks >= 0, "azure.yaml has no hooks.");
        var hook = lines.Skip(hooks + 1).TakeWhile(l => l.Length == 0 || l.StartsWith(' ')).Select(l => l.Trim()).ToList();
        Assert.Contains("postprovision:", hook);
        Assert.Contains("run: ./infra/hooks/postprovision.sh", hook);
        Assert.Contains("shell: sh", hook);
        Assert.Contains("continueOnError: true", hook);
    }
}
