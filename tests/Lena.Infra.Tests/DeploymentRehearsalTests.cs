using System.Text.Json.Nodes;

namespace Lena.Infra.Tests;

/// <summary>
/// A deployment rehearsal that runs offline: the package <c>azd deploy</c> would upload (the
/// <c>dotnet publish</c> output) holds what the Flex Consumption host loads, nothing it must not,
/// and agrees with the compiled template (runtime version, the app settings its bindings name).
/// What only a real subscription can show is listed in infra/README.md ("Verified offline").
/// </summary>
[Collection(SharedInfraBuild.Name)]
public class DeploymentRehearsalTests(InfraBuild infra, PublishedApp app) : IClassFixture<PublishedApp>
{
    private readonly CompiledTemplate template = infra.Template;

    private IEnumerable<JsonNode> Functions =>
        JsonNode.Parse(File.ReadAllText(app.File("functions.metadata")))?.AsArray().OfType<JsonNode>() ?? [];

    private IEnumerable<JsonNode> Bindings => Functions.SelectMany(f => f["bindings"]?.AsArray().OfType<JsonNode>() ?? []);

    [Fact]
    public void PublishSucceeds()
    {
        Assert.True(app.ExitCode == 0, app.Output);
    }

    [Fact]
    public void HostJsonIsAtTheRootAsInTheRepository()
    {
        Assert.True(File.Exists(app.File("host.json")), "host.json must be at the root of the package.");
        Assert.Equal(File.ReadAllText(Repository.File("host.json")), File.ReadAllText(app.File("host.json")));
    }

    [Fact]
    public void NoLocalSettingsShip()
    {
        var settings = Directory.EnumerateFiles(app.Directory, "local.settings*.json", SearchOption.AllDirectories).ToList();

        Assert.True(settings.Count == 0, "local settings must never ship: " + string.Join(", ", settings));
    }

    [Fact]
    public void TheWorkerConfigurationStartsTheIsolatedWorkerFromThePackage()
    {
        var worker = JsonNode.Parse(File.ReadAllText(app.File("worker.config.json")))?["description"];

        Assert.Equal("dotnet-isolated", (string?)worker?["language"]);
        Assert.Equal("dotnet", (string?)worker?["defaultExecutablePath"]);
        Assert.Equal("LenaFunctions.dll", (string?)worker?["defaultWorkerPath"]);
        Assert.True(File.Exists(app.File("LenaFunctions.dll")));
    }

    [Fact]
    public void FunctionMetadataListsEveryFunctionForTheIsolatedWorker()
    {
        var functions = Functions.ToList();

        Assert.NotEmpty(functions);
        Assert.All(functions, f =>
        {
            Assert.Equal("dotnet-isolated", (string?)f["language"]);
            Assert.Equal("LenaFunctions.dll", (string?)f["scriptFile"]);
        });
        Assert.Contains(functions, f => (string?)f["name"] == "FollowUpReminders");
        Assert.Contains(functions, f => (string?)f["name"] == "PublishRuleVersion");
    }

    [Fact]
    public void TheExtensionsTheHostLoadsAreInThePackage()
    {
        var extensions = JsonNode.Parse(File.ReadAllText(app.File("extensions.json")))?["extensions"]?.AsArray() ?? [];

        Assert.NotEmpty(extensions);
        Assert.All(extensions, e => Assert.True(
            File.Exists(Path.GetFullPath(Path.Combine(app.Directory, (string?)e?["hintPath"] ?? ""))),
            $"extension {(string?)e?["name"]} points at a missing {(string?)e?["hintPath"]}"));
        Assert.True(File.Exists(app.File(".azurefunctions", "function.deps.json")));
    }

    [Fact]
    public void ThePackageIsFrameworkDependentOnTheRuntimeTheTemplateNames()
    {
        var runtime = JsonNode.Parse(File.ReadAllText(app.File("LenaFunctions.runtimeconfig.json")))?["runtimeOptions"];
        var templateVersion = (string?)template.SingleOfType("Microsoft.Web/sites").Properties?["functionAppConfig"]?["runtime"]?["version"] ?? "";

        // Flex Consumption supplies .NET: functionAppConfig.runtime dotnet-isolated 10.0 must be the
        // framework the worker was built for, and the package must not bring its own runtime.
        Assert.Equal("Microsoft.NETCore.App", (string?)runtime?["framework"]?["name"]);
        Assert.StartsWith(templateVersion.Split('.')[0] + ".", (string?)runtime?["framework"]?["version"] ?? "", StringComparison.Ordinal);
        Assert.Equal("net" + templateVersion, (string?)runtime?["tfm"]);
        Assert.False(File.Exists(app.File("libcoreclr.so")), "The package is self-contained; Flex Consumption runs framework-dependent apps.");
    }

    [Fact]
    public void NoFunctionNeedsTheMasterKey()
    {
        var levels = Bindings.Where(b => (string?)b["type"] == "httpTrigger").Select(b => (string?)b["authLevel"]).ToList();

        Assert.NotEmpty(levels);
        Assert.All(levels, level => Assert.Contains(level, new[] { "Anonymous", "Function" }));
    }

    [Fact]
    public void EveryAppSettingABindingNamesIsSetInAzure()
    {
        var settings = template.AppSettings().Select(s => s.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var referenced = Bindings
            .SelectMany(b => b.AsObject().Select(p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null))
            .Where(v => v is { Length: > 2 } && v.StartsWith('%') && v.EndsWith('%'))
            .Select(v => v![1..^1])
            .Distinct()
            .ToList();

        Assert.Contains("FollowUpReminders__Schedule", referenced);
        Assert.All(referenced, name => Assert.Contains(name, settings));
    }

    [Fact]
    public void EveryStorageTriggerConnectionIsIdentityBasedInAzure()
    {
        // Queue and blob triggers read "<connection>__queueServiceUri" (or __serviceUri) with the
        // managed identity; no trigger may rely on a connection string Azure does not have.
        var settings = template.AppSettings().Select(s => s.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var connections = Bindings
            .Where(b => (string?)b["type"] is "queueTrigger" or "queue" or "blobTrigger" or "blob")
            .Select(b => (string?)b["connection"] is { Length: > 0 } c ? c : "AzureWebJobsStorage")
            .Distinct();

        Assert.All(connections, c => Assert.True(
            settings.Contains(c + "__queueServiceUri") || settings.Contains(c + "__blobServiceUri") || settings.Contains(c + "__serviceUri"),
            $"Binding connection {c} has no identity-based service URI setting in the template."));
    }
}
