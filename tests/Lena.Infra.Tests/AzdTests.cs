using System.Text.Json.Nodes;

namespace Lena.Infra.Tests;

/// <summary>azure.yaml and infra/main.parameters.json fit main.bicep.</summary>
[Collection(SharedInfraBuild.Name)]
public class AzdTests(InfraBuild infra)
{
    private readonly CompiledTemplate template = infra.Template;

    [Fact]
    public void AzureYamlDeploysTheFunctionProjectAsServiceApi()
    {
        var lines = File.ReadAllLines(Repository.File("azure.yaml")).Select(l => l.TrimEnd()).ToList();

        var api = lines.IndexOf("  api:");
        Assert.True(api > lines.IndexOf("services:") && lines.Contains("services:"), "azure.yaml has no services.api.");
        var service = lines.Skip(api + 1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
        Assert.Contains("project: ./src/LenaFunctions", service);
        Assert.Contains("language: dotnet", service);
        Assert.Contains("host: function", service);
    }

    [Fact]
    public void ParametersFileNamesOnlyDeclaredParametersAndEveryRequiredOne()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Infra, "main.parameters.json")));
        var given = file?["parameters"]?.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        var declared = template.Main["parameters"]?.AsObject() ?? new JsonObject();

        Assert.Subset(declared.Select(p => p.Key).ToHashSet(StringComparer.Ordinal), given);
        Assert.All(
            declared.Where(p => p.Value?["defaultValue"] is null).Select(p => p.Key),
            required => Assert.Contains(required, given));
        Assert.Equal("${AZURE_ENV_NAME}", (string?)file?["parameters"]?["environmentName"]?["value"]);
        Assert.Equal("${AZURE_LOCATION}", (string?)file?["parameters"]?["location"]?["value"]);
        Assert.Equal("${AZURE_PRINCIPAL_ID}", (string?)file?["parameters"]?["principalId"]?["value"]);
    }

    [Fact]
    public void EveryAzdValueIsNamedForThisAppOrIsOneAzdSetsItself()
    {
        // A generic name (OTEL_EXPORTER_OTLP_ENDPOINT) is read from whatever shell runs azd and can
        // carry a developer's local collector into Azure; LENA_* names are set on purpose.
        string[] setByAzd = ["AZURE_ENV_NAME", "AZURE_LOCATION", "AZURE_PRINCIPAL_ID", "AZURE_PRINCIPAL_TYPE"];
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Infra, "main.parameters.json")));
        var references = (file?["parameters"]?.AsObject() ?? [])
            .Select(p => (string?)p.Value?["value"] ?? "")
            .Select(v => v.TrimStart('$', '{').Split('=', '}')[0])
            .ToList();

        Assert.All(references, name => Assert.True(name.StartsWith("LENA_", StringComparison.Ordinal) || setByAzd.Contains(name), $"azd value {name} is not named for this app."));
        Assert.Equal("${LENA_OTLP_ENDPOINT}", (string?)file?["parameters"]?["otlpEndpoint"]?["value"]);
    }

    [Fact]
    public void TheTemplateTargetsTheSubscriptionAndCreatesTheResourceGroup()
    {
        Assert.Contains("subscriptionDeploymentTemplate.json", (string?)template.Main["$schema"] ?? "", StringComparison.Ordinal);
        Assert.All(
            template.OfType(CompiledTemplate.Deployments).Where(d => d.Deployment == "main"),
            module => Assert.Equal("[variables('names').resourceGroup]", (string?)module.Node["resourceGroup"]));
    }
}
