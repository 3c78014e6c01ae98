using System.Reflection;

namespace Lena.LocalHost.Tests.Support;

/// <summary>The repository root and the function app's build output, as recorded at build time.</summary>
public static class TestPaths
{
    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string AppDirectory => Metadata("LenaFunctionsAppDirectory");

    public static string Sample(string name) => Path.Combine(RepositoryRoot, "samples", name);

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing.");
}
