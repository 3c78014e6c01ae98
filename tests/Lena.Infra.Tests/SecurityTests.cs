using System.Text.Json.Nodes;

namespace Lena.Infra.Tests;

/// <summary>The security posture of the compiled template: no keys, no plain HTTP, no basic auth.</summary>
[Collection(SharedInfraBuild.Name)]
public class SecurityTests(InfraBuild infra)
{
    private readonly CompiledTemplate template = infra.Template;

    [Fact]
    public void StorageRefusesSharedKeysPublicBlobsPlainHttpAndOldTls()
    {
        var properties = template.SingleOfType("Microsoft.Storage/storageAccounts").Properties;

        Assert.False(Bool(properties, "allowSharedKeyAccess"));
        Assert.False(Bool(properties, "allowBlobPublicAccess"));
        Assert.True(Bool(properties, "supportsHttpsTrafficOnly"));
        Assert.Equal("TLS1_2", (string?)properties?["minimumTlsVersion"]);
    }

    [Fact]
    public void SiteIsHttpsOnlyWithTls12()
    {
        var properties = template.SingleOfType("Microsoft.Web/sites").Properties;
        var siteConfig = properties?["siteConfig"];

        // FTP is off through the basic publishing credential policies below: Flex Consumption refuses
        // siteConfig.ftpsState (FlexConsumptionRulesTests).
        Assert.True(Bool(properties, "httpsOnly"));
        Assert.Equal("1.2", (string?)siteConfig?["minTlsVersion"]);
        Assert.Equal("1.2", (string?)siteConfig?["scmMinTlsVersion"]);
    }

    [Theory]
    [InlineData("ftp")]
    [InlineData("scm")]
    public void BasicPublishingCredentialsAreOff(string policy)
    {
        var policies = template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies")
            .Where(p => LastNameSegment(p.Name) == policy)
            .ToList();

        var single = Assert.Single(policies);
        Assert.False(Bool(single.Properties, "allow"));
    }

    [Fact]
    public void ApplicationInsightsAcceptsOnlyEntraAuthenticatedTelemetryIntoLogAnalytics()
    {
        var component = template.SingleOfType("Microsoft.Insights/components");
        template.SingleOfType("Microsoft.OperationalInsights/workspaces");

        Assert.True(Bool(component.Properties, "DisableLocalAuth"));
        Assert.NotNull(component.Properties?["WorkspaceResourceId"]);
    }

    [Fact]
    public void NoOutputLooksLikeASecret()
    {
        string[] secretNames = ["key", "connectionstring", "connection_string", "password", "secret", "token", "credential"];
        string[] secretValues = ["listKeys", "listAccountSas", "listServiceSas", "listSecrets", "ConnectionString", "InstrumentationKey", "primaryKey", "AccountKey"];

        var outputs = template.Outputs().ToList();
        Assert.NotEmpty(outputs);
        foreach (var (deployment, name, output) in outputs)
        {
            var lower = name.ToLowerInvariant();
            var words = lower.Split('_');
            Assert.False(
                secretNames.Any(s => lower.Contains(s, StringComparison.Ordinal)) || words.Contains("sas"),
                $"Output {name} of {deployment} is named like a secret.");
            var value = output?["value"]?.ToString() ?? "";
            Assert.False(
                secretValues.Any(s => value.Contains(s, StringComparison.OrdinalIgnoreCase)),
                $"Output {name} of {deployment} carries a secret: {value}");
            Assert.NotEqual("secureString", (string?)output?["type"]);
        }
    }

    [Fact]
    public void NoAppSettingCarriesAKeyOrSharedAccessSignature()
    {
        string[] forbidden = ["AccountKey=", "SharedAccessSignature", "SharedAccessKey", "sig=", "listKeys", "listAccountSas", "listServiceSas", "InstrumentationKey="];

        foreach (var (name, value) in template.AppSettings())
        {
            Assert.False(
                forbidden.Any(f => value.Contains(f, StringComparison.OrdinalIgnoreCase)),
                $"App setting {name} carries a key or SAS: {value}");
        }
    }

    [Fact]
    public void NoStorageConnectionStringSettingExists()
    {
        var names = template.AppSettings().Select(s => s.Key).ToList();

        Assert.DoesNotContain("AzureWebJobsStorage", names);
        Assert.DoesNotContain(names, n =>
            n.EndsWith("__connectionString", StringComparison.OrdinalIgnoreCase)
            || (n.Contains("CONNECTION_STRING", StringComparison.OrdinalIgnoreCase) && n != "APPLICATIONINSIGHTS_CONNECTION_STRING"));
    }

    [Fact]
    public void ApplicationInsightsConnectionStringIsReadFromTheComponentAndAuthenticatedWithTheIdentity()
    {
        var settings = template.AppSettings().ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);

        Assert.Contains("reference(", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"], StringComparison.Ordinal);
        Assert.Contains(".ConnectionString", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"], StringComparison.Ordinal);
        Assert.Equal(
            "[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]",
            settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    internal static bool? Bool(JsonNode? properties, string name) =>
        properties?[name] is JsonValue value && value.TryGetValue<bool>(out var b) ? b : null;

    /// <summary>'ftp' of "site/ftp" or of "[format('{0}/{1}', parameters('name'), 'ftp')]".</summary>
    internal static string LastNameSegment(string name)
    {
        var trimmed = name.TrimEnd(']', ')', '\'');
        var cut = trimmed.LastIndexOfAny(['/', '\'']);
        return cut < 0 ? trimmed : trimmed[(cut + 1)..];
    }
}
