namespace Lena.Infra.Tests;

/// <summary>Every Bicep file compiles and lints with no diagnostic at all (infra/bicepconfig.json sets the rules).</summary>
[Collection(SharedInfraBuild.Name)]
public class BicepCompileTests(InfraBuild infra)
{
    public static TheoryData<string> BicepFiles() => new(BicepFilePaths());

    [Fact]
    public void BuildOfEveryFileSucceedsWithoutAnyDiagnostic()
    {
        Assert.True(infra.Build.ExitCode == 0, infra.Build.Describe());
        Assert.Empty(infra.Build.Diagnostics);
    }

    [Fact]
    public void LintOfEveryFileIsClean()
    {
        Assert.True(infra.Lint.ExitCode == 0, infra.Lint.Describe());
        Assert.Empty(infra.Lint.Diagnostics);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void CompilesToAnArmTemplateWithoutWarnings(string file)
    {
        var json = infra.CompiledJson(file);

        Assert.True(json is not null, $"bicep build wrote nothing for {file}: {infra.Build.Describe()}");
        Assert.StartsWith("{", json.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain(infra.Build.Diagnostics, line => Mentions(line, file));
        Assert.DoesNotContain(infra.Lint.Diagnostics, line => Mentions(line, file));
    }

    [Fact]
    public void InfraHasTheEntryPointAndOneModulePerConcern()
    {
        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "main.bicep",
                "modules/identity.bicep",
                "modules/storage.bicep",
                "modules/monitoring.bicep",
                "modules/functionapp.bicep",
                "modules/rbac.bicep",
                "modules/keyvault.bicep",
                "modules/network.bicep",
                "modules/alerts.bicep",
            },
            BicepFilePaths().ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheCliIsThePinnedVersion()
    {
        var result = await BicepCli.RunAsync("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Bicep CLI version {BicepCli.Version} ", result.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Every .bicep file under infra/, relative to it, with '/' separators.</summary>
    private static IEnumerable<string> BicepFilePaths() =>
        Directory.EnumerateFiles(Repository.Infra, "*.bicep", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(Repository.Infra, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    private static bool Mentions(string diagnostic, string file) =>
        diagnostic.Replace('\\', '/').Contains("/infra/" + file + "(", StringComparison.Ordinal);
}
