namespace Lena.LocalHost.Settings;

/// <summary>
/// Finds the settings file for an app: <c>local.settings.json</c> in the app directory, else in
/// the nearest folder above it up to the repository root (the folder holding <c>.git</c>); failing
/// both, <c>local.settings.sample.json</c> searched the same way. Null when there is none.
/// </summary>
public static class SettingsFileLocator
{
    public const string FileName = "local.settings.json";
    public const string SampleFileName = "local.settings.sample.json";

    public static string? Find(string appDirectory)
    {
        ArgumentNullException.ThrowIfNull(appDirectory);
        return FindUpwards(appDirectory, FileName) ?? FindUpwards(appDirectory, SampleFileName);
    }

    private static string? FindUpwards(string start, string fileName)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            if (Directory.Exists(Path.Combine(directory.FullName, ".git")) || File.Exists(Path.Combine(directory.FullName, ".git")))
            {
                return null;
            }
        }

        return null;
    }
}
