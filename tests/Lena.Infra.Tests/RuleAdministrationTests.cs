using System.Text.Json.Nodes;

namespace Lena.Infra.Tests;

/// <summary>
/// Rule administration in Azure is a Microsoft Entra token from this subscription's tenant for the
/// API named by LENA_RULES_ADMIN_AUDIENCE, with the Rules.Publish app role; no key in the template.
/// </summary>
[Collection(SharedInfraBuild.Name)]
public class RuleAdministrationTests(InfraBuild infra)
{
    private readonly CompiledTemplate template = infra.Template;

    [Fact]
    public void TheAppChecksTokensOfThisTenantForTheConfiguredApiAndRole()
    {
        var settings = template.AppSettings().ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Infra, "main.parameters.json")))?["parameters"];

        Assert.Equal("[parameters('ruleAdminTenantId')]", settings["RuleAdmin__TenantId"]);
        Assert.Equal("[tenant().tenantId]", template.ModuleParameterExpression("functionapp", "ruleAdminTenantId"));
        Assert.Equal("[parameters('ruleAdminAudience')]", settings["RuleAdmin__Audience"]);
        Assert.Equal("[variables('rulesAdminAudiences')]", template.ModuleParameterExpression("functionapp", "ruleAdminAudience"));
        // LENA_RULES_ADMIN_AUDIENCE when given, else both forms of the client id LENA_RULES_ADMIN_CLIENT_ID (v1 and v2 tokens).
        var audiences = (string?)template.Main["variables"]?["rulesAdminAudiences"];
        Assert.StartsWith("[if(not(empty(parameters('rulesAdminAudience'))), parameters('rulesAdminAudience'), ", audiences, StringComparison.Ordinal);
        Assert.Contains("format('api://{0},{1}', parameters('rulesAdminClientId'), parameters('rulesAdminClientId'))", audiences, StringComparison.Ordinal);
        Assert.Equal("${LENA_RULES_ADMIN_AUDIENCE}", (string?)parameters?["rulesAdminAudience"]?["value"]);
        Assert.Equal("[parameters('ruleAdminRequiredRole')]", settings["RuleAdmin__RequiredRole"]);
        Assert.Equal("Rules.Publish", (string?)template.ModuleTemplate("functionapp")["parameters"]?["ruleAdminRequiredRole"]?["defaultValue"]);
        // A signed-in reader (the workbench without a key) needs this role, or Rules.Publish.
        Assert.Equal("[parameters('ruleAdminReaderRole')]", settings["RuleAdmin__ReaderRole"]);
        Assert.Equal("Workbench.Read", (string?)template.ModuleTemplate("functionapp")["parameters"]?["ruleAdminReaderRole"]?["defaultValue"]);
    }

    [Fact]
    public void NothingInTheTemplateReadsTheHostKeys()
    {
        var text = template.Main.ToJsonString();

        Assert.DoesNotContain("listKeys", text, StringComparison.Ordinal);
        Assert.DoesNotContain("host/default", text, StringComparison.Ordinal);
        Assert.DoesNotContain("masterKey", text, StringComparison.OrdinalIgnoreCase);
    }
}
