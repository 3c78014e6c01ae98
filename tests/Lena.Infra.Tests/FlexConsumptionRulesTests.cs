using System.Text.Json.Nodes;

namespace Lena.Infra.Tests;

/// <summary>
/// What Flex Consumption refuses is absent from the compiled template. The table is Microsoft's
/// "Flex Consumption plan deprecations" (App settings reference for Azure Functions,
/// https://learn.microsoft.com/azure/azure-functions/functions-app-settings#flex-consumption-plan-deprecations):
/// site properties and app settings that "are deprecated and shouldn't be used when creating
/// function app resources" in a Flex Consumption plan. ARM refuses some of them on create
/// (ftpsState: "FTPS not supported"; FUNCTIONS_WORKER_RUNTIME: "for Flex Consumption sites is invalid").
/// </summary>
[Collection(SharedInfraBuild.Name)]
public class FlexConsumptionRulesTests(InfraBuild infra)
{
    /// <summary>Site properties (on <c>properties</c> or <c>properties.siteConfig</c>) and the documented reason.</summary>
    public static TheoryData<string, string> RefusedSiteProperties() => new()
    {
        { "alwaysOn", "Not valid" },
        { "containerSize", "Renamed as instanceMemoryMB" },
        { "ftpsState", "FTPS not supported" },
        { "isReserved", "Not valid" },
        { "isXenon", "Not valid" },
        { "javaVersion", "Replaced by version in properties.functionAppConfig.runtime" },
        { "linuxFxVersion", "Replaced by properties.functionAppConfig.runtime" },
        { "netFrameworkVersion", "Replaced by version in properties.functionAppConfig.runtime" },
        { "powerShellVersion", "Replaced by version in properties.functionAppConfig.runtime" },
        { "functionAppScaleLimit", "Renamed as maximumInstanceCount" },
        { "preWarmedInstanceCount", "Renamed as alwaysReadyInstances" },
        { "use32BitWorkerProcess", "32-bit not supported" },
        { "vnetBackupRestoreEnabled", "Not used for networking in Flex Consumption" },
        { "vnetContentShareEnabled", "Not used for networking in Flex Consumption" },
        { "vnetImagePullEnabled", "Not used for networking in Flex Consumption" },
        { "vnetRouteAllEnabled", "Not used for networking in Flex Consumption" },
        { "windowsFxVersion", "Not valid" },
    };

    /// <summary>App settings and the documented reason.</summary>
    public static TheoryData<string, string> RefusedAppSettings() => new()
    {
        { "ENABLE_ORYX_BUILD", "Replaced by the remoteBuild parameter when deploying in Flex Consumption" },
        { "FUNCTIONS_EXTENSION_VERSION", "App Setting is set by the backend" },
        { "FUNCTIONS_WORKER_RUNTIME", "Replaced by name in properties.functionAppConfig.runtime" },
        { "FUNCTIONS_WORKER_RUNTIME_VERSION", "Replaced by version in properties.functionAppConfig.runtime" },
        { "FUNCTIONS_MAX_HTTP_CONCURRENCY", "Replaced by scale and concurrency's trigger section" },
        { "FUNCTIONS_WORKER_PROCESS_COUNT", "Setting not valid" },
        { "FUNCTIONS_WORKER_DYNAMIC_CONCURRENCY_ENABLED", "Setting not valid" },
        { "SCM_DO_BUILD_DURING_DEPLOYMENT", "Replaced by the remoteBuild parameter when deploying in Flex Consumption" },
        { "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "Replaced by functionAppConfig's deployment section" },
        { "WEBSITE_CONTENTOVERVNET", "Not used for networking in Flex Consumption" },
        { "WEBSITE_CONTENTSHARE", "Replaced by functionAppConfig's deployment section" },
        { "WEBSITE_DNS_SERVER", "DNS is inherited from the integrated virtual network in Flex" },
        { "WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT", "Replaced by maximumInstanceCount in properties.functionAppConfig.scaleAndConcurrency" },
        { "WEBSITE_NODE_DEFAULT_VERSION", "Replaced by version in properties.functionAppConfig.runtime" },
        { "WEBSITE_RUN_FROM_PACKAGE", "Not used for deployments in Flex Consumption" },
        { "WEBSITE_SKIP_CONTENTSHARE_VALIDATION", "Content share isn't used in Flex Consumption" },
        { "WEBSITE_VNET_ROUTE_ALL", "Not used for networking in Flex Consumption" },
    };

    /// <summary>
    /// Everything siteConfig may hold here. Anything else must first be checked against the Flex
    /// deprecations table and added with its reason, so the whole site config stays reviewed.
    /// </summary>
    private static readonly HashSet<string> AllowedSiteConfig = new(StringComparer.OrdinalIgnoreCase)
    {
        "appSettings",     // identity-based settings only (AppSettingsTests, SecurityTests)
        "minTlsVersion",   // not in the deprecations table; TLS 1.2 floor
        "scmMinTlsVersion", // not in the deprecations table; TLS 1.2 floor for the deployment endpoint
    };

    private readonly CompiledTemplate template = infra.Template;

    private ArmResource Site => template.SingleOfType("Microsoft.Web/sites");

    [Theory]
    [MemberData(nameof(RefusedSiteProperties))]
    public void NoRefusedSiteProperty(string property, string reason)
    {
        var properties = Site.Properties?.AsObject() ?? [];
        var siteConfig = properties["siteConfig"]?.AsObject() ?? [];

        Assert.False(Has(properties, property), $"properties.{property} is refused on Flex Consumption: {reason}.");
        Assert.False(Has(siteConfig, property), $"properties.siteConfig.{property} is refused on Flex Consumption: {reason}.");
    }

    [Theory]
    [MemberData(nameof(RefusedAppSettings))]
    public void NoRefusedAppSetting(string setting, string reason)
    {
        Assert.False(
            template.AppSettings().Any(s => string.Equals(s.Key, setting, StringComparison.OrdinalIgnoreCase)),
            $"App setting {setting} is refused on Flex Consumption: {reason}.");
    }

    [Fact]
    public void SiteConfigHoldsOnlyReviewedSettings()
    {
        var siteConfig = Site.Properties?["siteConfig"]?.AsObject() ?? [];

        Assert.All(siteConfig.Select(p => p.Key), key => Assert.Contains(key, AllowedSiteConfig));
    }

    [Fact]
    public void RuntimeScaleAndDeploymentLiveInFunctionAppConfig()
    {
        var config = Site.Properties?["functionAppConfig"];
        var memory = template.Main["parameters"]?["instanceMemoryMB"]?["allowedValues"]?.AsArray().Select(v => (int?)v).ToList();

        Assert.NotNull(config?["runtime"]);
        Assert.NotNull(config?["deployment"]?["storage"]);
        Assert.NotNull(config?["scaleAndConcurrency"]?["maximumInstanceCount"]);
        Assert.NotNull(config?["scaleAndConcurrency"]?["instanceMemoryMB"]);
        // Flex Consumption instance sizes (flex-consumption-plan, "Instance memory").
        Assert.Equal([512, 2048, 4096], memory);
        Assert.True((int?)template.Main["parameters"]?["maximumInstanceCount"]?["maxValue"] <= 1000);
    }

    [Fact]
    public void OneAppPerPlan()
    {
        // One app per Flex Consumption plan (flex-consumption-plan, "Considerations": apps per plan).
        template.SingleOfType("Microsoft.Web/serverfarms");
        template.SingleOfType("Microsoft.Web/sites");
    }

    [Fact]
    public void VirtualNetworkIntegrationUsesTheSitePropertyAndAMicrosoftAppDelegatedSubnet()
    {
        var vnet = template.SingleOfType("Microsoft.Network/virtualNetworks");
        var subnets = vnet.Properties?["subnets"]?.AsArray() ?? [];
        var app = subnets.Single(s => vnet.Resolved(s?["name"]) == "app");

        // Flex Consumption joins a subnet delegated to Microsoft.App/environments through
        // properties.virtualNetworkSubnetId; WEBSITE_VNET_ROUTE_ALL / vnetRouteAllEnabled are refused (above).
        Assert.Equal("Microsoft.App/environments", (string?)app?["properties"]?["delegations"]?[0]?["properties"]?["serviceName"]);
        Assert.Contains("parameters('virtualNetworkSubnetId')", Site.Properties?["virtualNetworkSubnetId"]?.ToString() ?? "", StringComparison.Ordinal);
    }

    private static bool Has(JsonObject node, string property) =>
        node.Any(p => string.Equals(p.Key, property, StringComparison.OrdinalIgnoreCase));
}
