using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Lena.Infra.Tests;

/// <summary>The Bicep CLI that restore downloaded (package Azure.Bicep.CommandLine.linux-x64).</summary>
public static partial class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Version the test project downloads (BicepCliVersion in Directory.Packages.props).</summary>
    public static string Version => Metadata("BicepCliVersion")
        ?? throw new InvalidOperationException("The test assembly carries no BicepCliVersion metadata.");

    /// <summary>
    /// Path of the bicep executable: BICEP_CLI_PATH if set, else tools/bicep of the package in the
    /// NuGet packages folder (this build's NuGetPackageRoot, NUGET_PACKAGES, ~/.nuget/packages).
    /// </summary>
    public static string Path { get; } = Locate();

    /// <summary>A diagnostic line as Bicep prints it: <c>file(line,col) : Warning rule: text</c>.</summary>
    [GeneratedRegex(@"\(\d+,\d+\) : (Error|Warning|Info) ", RegexOptions.CultureInvariant)]
    public static partial Regex DiagnosticLine();

    public static Task<BicepResult> RunAsync(params string[] arguments) =>
        RunInAsync(Environment.CurrentDirectory, arguments);

    public static async Task<BicepResult> RunInAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {Path}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish in {Timeout}.");
        }

        return new BicepResult(process.ExitCode, await stdout, await stderr);
    }

    private static string Locate()
    {
        var overridden = Environment.GetEnvironmentVariable("BICEP_CLI_PATH");
        if (!string.IsNullOrEmpty(overridden))
        {
            return overridden;
        }

        var roots = new[]
        {
            Metadata("NuGetPackageRoot"),
            Environment.GetEnvironmentVariable("NUGET_PACKAGES"),
            System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        };
        var candidates = roots
            .Where(root => !string.IsNullOrEmpty(root))
            .Select(root => System.IO.Path.Combine(root!, "azure.bicep.commandline.linux-x64", Version, "tools", "bicep"))
            .ToList();
        var found = candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                "The Bicep CLI was not found; restore tests/Lena.Infra.Tests (it downloads the package) "
                + "or set BICEP_CLI_PATH. Looked at: " + string.Join(", ", candidates));

        // NuGet extracts package files without the execute bit.
        if (!OperatingSystem.IsWindows())
        {
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            var mode = File.GetUnixFileMode(found);
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(found, mode | execute);
            }
        }

        return found;
    }

    private static string? Metadata(string key) =>
        typeof(BicepCli).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == key)?.Value;
}

public sealed record BicepResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Every error, warning or info diagnostic Bicep printed.</summary>
    public IReadOnlyList<string> Diagnostics =>
        (Stdout + "\n" + Stderr)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => BicepCli.DiagnosticLine().IsMatch(line))
            .ToList();

    public string Describe() => $"exit {ExitCode}\nstderr:\n{Stderr}";
}
