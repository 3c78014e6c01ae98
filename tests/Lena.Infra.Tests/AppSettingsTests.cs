using System.Text.Json.Nodes;

namespace Lena.Infra.Tests;

/// <summary>Every setting the app reads locally (local.settings.sample.json) is set in Azure, identity-based.</summary>
[Collection(SharedInfraBuild.Name)]
public class AppSettingsTests(InfraBuild infra)
{
    /// <summary>
    /// Local-only keys and what stands for them in Azure. Every other sample key must be set under
    /// its own name. An empty list means the key has no app setting in Azure.
    /// </summary>
    private static readonly Dictionary<string, string[]> AzureEquivalents = new(StringComparer.Ordinal)
    {
        // Flex Consumption takes the runtime from functionAppConfig.runtime and refuses this setting.
        ["FUNCTIONS_WORKER_RUNTIME"] = [],
        ["AzureWebJobsStorage"] =
        [
            "AzureWebJobsStorage__credential",
            "AzureWebJobsStorage__clientId",
            "AzureWebJobsStorage__blobServiceUri",
            "AzureWebJobsStorage__queueServiceUri",
            "AzureWebJobsStorage__tableServiceUri",
        ],
        ["Tables__connectionString"] = ["Tables__serviceUri", "Tables__credential", "Tables__clientId"],
        ["Queues__connectionString"] = ["Queues__serviceUri", "Queues__queueServiceUri", "Queues__credential", "Queues__clientId"],
        // Locally the dev issuer's keys are inline; in Azure an EHR publishes them at its JWKS URL.
        ["CdsHooks__TrustedIssuers__0__Jwks"] = ["CdsHooks__TrustedIssuers__0__JwksUrl"],
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = ["APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"],
    };

    private readonly CompiledTemplate template = infra.Template;

    public static TheoryData<string> SampleKeys()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Repository.File("local.settings.sample.json")));
        var data = new TheoryData<string>();
        foreach (var (key, _) in sample?["Values"]?.AsObject() ?? [])
        {
            data.Add(key);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SampleKeys))]
    public void EverySampleSettingHasItsAzureEquivalent(string sampleKey)
    {
        var names = template.AppSettings().Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var expected = AzureEquivalents.TryGetValue(sampleKey, out var equivalents) ? equivalents : [sampleKey];

        Assert.All(expected, name => Assert.Contains(name, names));
        if (AzureEquivalents.ContainsKey(sampleKey) && !expected.Contains(sampleKey))
        {
            Assert.DoesNotContain(sampleKey, names);
        }
    }

    [Fact]
    public void NoSettingIsDeclaredTwice()
    {
        var duplicates = template.AppSettings().GroupBy(s => s.Key, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void StorageConnectionsUseTheManagedIdentity()
    {
        var settings = template.AppSettings().ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);

        foreach (var section in new[] { "AzureWebJobsStorage", "Tables", "Queues" })
        {
            Assert.Equal("managedidentity", settings[$"{section}__credential"]);
            Assert.Equal("[parameters('identityClientId')]", settings[$"{section}__clientId"]);
        }

        Assert.Equal("[reference('storageAccount').primaryEndpoints.table]", settings["Tables__serviceUri"]);
        Assert.Equal("[reference('storageAccount').primaryEndpoints.queue]", settings["Queues__serviceUri"]);
        Assert.Equal("[reference('storageAccount').primaryEndpoints.blob]", settings["AzureWebJobsStorage__blobServiceUri"]);
        Assert.Equal("[reference('storageAccount').primaryEndpoints.queue]", settings["AzureWebJobsStorage__queueServiceUri"]);
        Assert.Equal("[reference('storageAccount').primaryEndpoints.table]", settings["AzureWebJobsStorage__tableServiceUri"]);
    }
}
