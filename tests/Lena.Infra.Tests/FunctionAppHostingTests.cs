using System.Text.Json.Nodes;

namespace Lena.Infra.Tests;

/// <summary>Flex Consumption, the .NET 10 isolated worker, identity-authenticated deployment storage, azd tags.</summary>
[Collection(SharedInfraBuild.Name)]
public class FunctionAppHostingTests(InfraBuild infra)
{
    private readonly CompiledTemplate template = infra.Template;

    [Fact]
    public void PlanIsFlexConsumptionFc1OnLinux()
    {
        var plan = template.SingleOfType("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", (string?)plan.Node["sku"]?["name"]);
        Assert.Equal("FlexConsumption", (string?)plan.Node["sku"]?["tier"]);
        Assert.True(SecurityTests.Bool(plan.Properties, "reserved"));
    }

    [Fact]
    public void SiteRunsDotnetIsolated10AsTheUserAssignedIdentity()
    {
        var site = template.SingleOfType("Microsoft.Web/sites");
        var config = site.Properties?["functionAppConfig"];

        Assert.Equal("functionapp,linux", (string?)site.Node["kind"]);
        Assert.Equal("dotnet-isolated", (string?)config?["runtime"]?["name"]);
        Assert.Equal("10.0", (string?)config?["runtime"]?["version"]);
        Assert.Equal("UserAssigned", (string?)site.Node["identity"]?["type"]);
        Assert.Single(site.Node["identity"]?["userAssignedIdentities"]?.AsObject() ?? []);
    }

    [Fact]
    public void DeploymentPackageIsABlobContainerReadWithTheUserAssignedIdentity()
    {
        var storage = template.SingleOfType("Microsoft.Web/sites").Properties?["functionAppConfig"]?["deployment"]?["storage"];

        Assert.Equal("blobContainer", (string?)storage?["type"]);
        Assert.Contains("parameters('deploymentContainerName')", (string?)storage?["value"] ?? "", StringComparison.Ordinal);
        Assert.Equal("UserAssignedIdentity", (string?)storage?["authentication"]?["type"]);
        Assert.Equal("[parameters('identityId')]", (string?)storage?["authentication"]?["userAssignedIdentityResourceId"]);
        Assert.Null(storage?["authentication"]?["storageAccountConnectionStringName"]);

        var containers = template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.Single(containers);
        Assert.Equal(
            template.ModuleParameter("functionapp", "deploymentContainerName"),
            template.ModuleParameter("storage", "deploymentContainerName"));
    }

    [Fact]
    public void AlwaysReadyAndMaximumInstanceCountsAreParameters()
    {
        var scale = template.SingleOfType("Microsoft.Web/sites").Properties?["functionAppConfig"]?["scaleAndConcurrency"];
        var parameters = template.Main["parameters"]?.AsObject();

        Assert.Contains("parameters('alwaysReadyInstanceCount')", scale?["alwaysReady"]?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal("[parameters('maximumInstanceCount')]", (string?)scale?["maximumInstanceCount"]);
        Assert.Equal(0, (int?)parameters?["alwaysReadyInstanceCount"]?["defaultValue"]);
        Assert.NotNull(parameters?["maximumInstanceCount"]?["defaultValue"]);
        Assert.Equal("[parameters('alwaysReadyInstanceCount')]", (string?)template.Module("functionapp").Properties?["parameters"]?["alwaysReadyInstanceCount"]?["value"]);
        Assert.Equal("[parameters('maximumInstanceCount')]", (string?)template.Module("functionapp").Properties?["parameters"]?["maximumInstanceCount"]?["value"]);
    }

    [Fact]
    public void StorageHoldsTheRuleFollowUpAndCdsHooksTablesAndTheReminderQueue()
    {
        Assert.NotEmpty(template.OfType("Microsoft.Storage/storageAccounts/tableServices/tables"));
        Assert.NotEmpty(template.OfType("Microsoft.Storage/storageAccounts/queueServices/queues"));
        Assert.Equal(["LenaRules", "LenaFollowUps", "LenaCdsTokens", "LenaCdsFeedback"], template.ModuleArrayParameter("storage", "tableNames"));
        Assert.Equal(["lena-reminders"], template.ModuleArrayParameter("storage", "queueNames"));

        // The app is told the same names the storage module creates.
        Assert.Equal("LenaRules", template.ModuleParameter("functionapp", "rulesTableName"));
        Assert.Equal("LenaFollowUps", template.ModuleParameter("functionapp", "followUpsTableName"));
        Assert.Equal("lena-reminders", template.ModuleParameter("functionapp", "reminderQueueName"));
        Assert.Equal("LenaCdsTokens", template.ModuleParameter("functionapp", "cdsTokensTableName"));
        Assert.Equal("LenaCdsFeedback", template.ModuleParameter("functionapp", "cdsFeedbackTableName"));
    }

    [Fact]
    public void NoEhrIsTrustedUnlessTheDeployerNamesOneAndItsKeysAreNeverInline()
    {
        Assert.Equal("[parameters('cdsTrustedIssuer')]", template.ModuleParameter("functionapp", "cdsTrustedIssuer"));
        Assert.DoesNotContain(template.AppSettings(), s => s.Key.EndsWith("__Jwks", StringComparison.Ordinal));
    }

    [Fact]
    public void ResourcesCarryTheAzdTags()
    {
        var group = template.SingleOfType("Microsoft.Resources/resourceGroups");
        var tags = template.Main["variables"]?["tags"]?.AsObject();
        var site = template.SingleOfType("Microsoft.Web/sites");

        Assert.Equal("[parameters('environmentName')]", (string?)tags?["azd-env-name"]);
        Assert.Equal("[variables('tags')]", (string?)group.Node["tags"]);
        foreach (var module in template.OfType(CompiledTemplate.Deployments).Where(d => d.Deployment == "main" && d.Name != "rbac"))
        {
            Assert.Equal("[variables('tags')]", (string?)module.Properties?["parameters"]?["tags"]?["value"]);
        }

        Assert.Contains("createObject('azd-service-name', parameters('serviceName'))", (string?)site.Node["tags"] ?? "", StringComparison.Ordinal);
        Assert.Equal("api", template.ModuleParameter("functionapp", "serviceName"));
    }

    [Fact]
    public void OutputsGiveAzdTheNamesAndEndpointsItNeeds()
    {
        var outputs = template.Main["outputs"]?.AsObject() ?? new JsonObject();

        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "AZURE_LOCATION",
                "AZURE_TENANT_ID",
                "AZURE_FUNCTION_APP_NAME",
                "SERVICE_API_NAME",
                "AZURE_STORAGE_ACCOUNT_NAME",
                "AZURE_STORAGE_BLOB_ENDPOINT",
                "AZURE_STORAGE_TABLE_ENDPOINT",
                "AZURE_STORAGE_QUEUE_ENDPOINT",
                "APPLICATIONINSIGHTS_NAME",
            },
            outputs.Select(o => o.Key).ToHashSet(StringComparer.Ordinal));
    }
}
