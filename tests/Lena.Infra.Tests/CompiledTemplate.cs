using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lena.Infra.Tests;

/// <summary>A resource of the compiled template, with the (possibly nested) template declaring it.</summary>
public sealed record ArmResource(JsonObject Node, JsonObject Template, string Deployment)
{
    public string Type => (string?)Node["type"] ?? "";

    public string Name => (string?)Node["name"] ?? "";

    public JsonNode? Properties => Node["properties"];

    /// <summary>A reference to a resource declared elsewhere (languageVersion 2.0 emits these).</summary>
    public bool IsExisting => Node["existing"] is JsonValue existing && existing.GetValue<bool>();

    public bool IsConditional => Node["condition"] is not null;

    /// <summary>A string property, with <c>variables('x')</c> replaced by the declaring template's literal.</summary>
    public string Resolved(JsonNode? value) => CompiledTemplate.Resolve(Template, value);
}

/// <summary>
/// infra/main.bicep compiled by <c>bicep build</c> to an ARM template. Bicep turns each module into a
/// nested <c>Microsoft.Resources/deployments</c> whose <c>properties.template</c> holds the module's
/// resources, so the walk below descends into those; a nested template may be languageVersion 2.0
/// (resources keyed by symbolic name) or 1.0 (a resource array).
/// </summary>
public sealed partial class CompiledTemplate(JsonObject main)
{
    public const string Deployments = "Microsoft.Resources/deployments";

    public JsonObject Main { get; } = main;

    public IReadOnlyList<ArmResource> AllResources { get; } = Walk(main, "main").ToList();

    /// <summary>Resources this template creates (not <c>existing</c> references) of one type.</summary>
    public IReadOnlyList<ArmResource> OfType(string type) =>
        AllResources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase) && !r.IsExisting).ToList();

    public ArmResource SingleOfType(string type)
    {
        var matches = OfType(type);
        Assert.True(matches.Count == 1, $"Expected exactly one {type}, found {matches.Count}.");
        return matches[0];
    }

    /// <summary>The module deployment named <paramref name="name"/> in main.bicep.</summary>
    public ArmResource Module(string name) =>
        OfType(Deployments).Single(d => d.Deployment == "main" && d.Name == name);

    /// <summary>A parameter value main.bicep passes to a module, resolved against main's variables.</summary>
    public string ModuleParameter(string module, string parameter)
    {
        var value = Module(module).Properties?["parameters"]?[parameter]?["value"];
        Assert.True(value is not null, $"Module {module} gets no parameter {parameter}.");
        return Resolve(Main, value);
    }

    /// <summary>The expression main.bicep passes to a module parameter, as compiled (not resolved).</summary>
    public string ModuleParameterExpression(string module, string parameter)
    {
        var value = Module(module).Properties?["parameters"]?[parameter]?["value"];
        Assert.True(value is not null, $"Module {module} gets no parameter {parameter}.");
        return value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString();
    }

    /// <summary>The compiled template of a module of main.bicep.</summary>
    public JsonObject ModuleTemplate(string module) =>
        Module(module).Properties?["template"] as JsonObject
            ?? throw new InvalidOperationException($"Module {module} has no nested template.");

    /// <summary>Like <see cref="ModuleParameter"/> for an array parameter.</summary>
    public IReadOnlyList<string> ModuleArrayParameter(string module, string parameter)
    {
        var value = Module(module).Properties?["parameters"]?[parameter]?["value"] as JsonArray;
        Assert.True(value is not null, $"Module {module} gets no array parameter {parameter}.");
        return value.Select(item => Resolve(Main, item)).ToList();
    }

    /// <summary>Every output of main and of the nested templates, with the deployment declaring it.</summary>
    public IEnumerable<(string Deployment, string Name, JsonNode? Output)> Outputs()
    {
        foreach (var (name, output) in OutputsOf(Main))
        {
            yield return ("main", name, output);
        }

        foreach (var deployment in OfType(Deployments))
        {
            if (deployment.Properties?["template"] is JsonObject nested)
            {
                foreach (var (name, output) in OutputsOf(nested))
                {
                    yield return (deployment.Name, name, output);
                }
            }
        }
    }

    /// <summary>The site's app settings, name to value expression, in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> AppSettings()
    {
        var site = SingleOfType("Microsoft.Web/sites");
        var settings = site.Properties?["siteConfig"]?["appSettings"] as JsonArray;
        Assert.True(settings is not null, "The site declares no siteConfig.appSettings array.");
        return settings
            .Select(s => new KeyValuePair<string, string>((string?)s?["name"] ?? "", s?["value"]?.ToString() ?? ""))
            .ToList();
    }

    public static string Resolve(JsonObject template, JsonNode? value)
    {
        var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
        var variables = template["variables"] as JsonObject;
        // A whole-value reference to a literal variable: "[variables('x')]" -> its value.
        var whole = WholeVariable().Match(text);
        if (whole.Success && variables?[whole.Groups[1].Value] is JsonValue literal && literal.TryGetValue<string>(out var resolved))
        {
            return resolved;
        }

        // Inside an expression: variables('x') -> 'value', so the literal can be seen in it.
        return VariableReference().Replace(text, match =>
            variables?[match.Groups[1].Value] is JsonValue inner && inner.TryGetValue<string>(out var literalText)
                ? $"'{literalText}'"
                : match.Value);
    }

    private static IEnumerable<ArmResource> Walk(JsonObject template, string deployment)
    {
        IEnumerable<JsonNode?> resources = template["resources"] switch
        {
            JsonArray array => array,
            JsonObject bySymbolicName => bySymbolicName.Select(entry => entry.Value),
            _ => [],
        };
        foreach (var node in resources.OfType<JsonObject>())
        {
            var resource = new ArmResource(node, template, deployment);
            yield return resource;
            if (resource.Type == Deployments && resource.Properties?["template"] is JsonObject nested)
            {
                foreach (var inner in Walk(nested, resource.Name))
                {
                    yield return inner;
                }
            }
        }
    }

    private static IEnumerable<(string Name, JsonNode? Output)> OutputsOf(JsonObject template) =>
        template["outputs"] is JsonObject outputs
            ? outputs.Select(entry => (entry.Key, entry.Value))
            : [];

    [GeneratedRegex(@"^\[variables\('([^']+)'\)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex WholeVariable();

    [GeneratedRegex(@"variables\('([^']+)'\)", RegexOptions.CultureInvariant)]
    private static partial Regex VariableReference();
}

/// <summary>
/// Builds and lints every .bicep file under infra/ once (<c>bicep build --pattern</c> into a temporary
/// folder, then <c>bicep lint --pattern</c>), and parses the compiled main template, for every test of
/// the collection. Two CLI processes instead of two per file keep the run short on a busy machine.
/// </summary>
public sealed class InfraBuild : IAsyncLifetime
{
    public const string Pattern = "**/*.bicep";

    private readonly string outputDirectory = Path.Combine(Path.GetTempPath(), "lena-infra-" + Guid.NewGuid().ToString("N"));
    private CompiledTemplate? template;

    public BicepResult Build { get; private set; } = new(-1, "", "");

    public BicepResult Lint { get; private set; } = new(-1, "", "");

    public CompiledTemplate Template => template ?? throw new InvalidOperationException("main.bicep did not compile: " + Build.Describe());

    /// <summary>The ARM JSON compiled from an infra-relative .bicep path, or null if none was written.</summary>
    public string? CompiledJson(string bicepFile)
    {
        var json = Path.Combine(outputDirectory, Path.ChangeExtension(bicepFile, ".json"));
        return File.Exists(json) ? File.ReadAllText(json) : null;
    }

    public async Task InitializeAsync()
    {
        Build = await BicepCli.RunInAsync(Repository.Infra, "build", "--pattern", Pattern, "--outdir", outputDirectory);
        Lint = await BicepCli.RunInAsync(Repository.Infra, "lint", "--pattern", Pattern);
        if (CompiledJson("main.bicep") is { } main && JsonNode.Parse(main) is JsonObject parsed)
        {
            template = new CompiledTemplate(parsed);
        }
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(outputDirectory))
        {
            Directory.Delete(outputDirectory, recursive: true);
        }

        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class SharedInfraBuild : ICollectionFixture<InfraBuild>
{
    public const string Name = "infra/ built once";
}
