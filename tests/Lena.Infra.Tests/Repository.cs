namespace Lena.Infra.Tests;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Infra => Path.Combine(Root, "infra");

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "LenaFunctions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No LenaFunctions.sln above {AppContext.BaseDirectory}.");
    }
}
