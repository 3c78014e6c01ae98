using System.Diagnostics;

namespace Lena.Infra.Tests;

/// <summary>
/// <c>dotnet publish</c> of src/LenaFunctions, as <c>azd deploy</c> runs it before zipping the output
/// for the Flex Consumption deployment container: once per test class, into a temporary folder.
/// When the Release build already exists (./test.sh builds the solution first) it publishes with
/// <c>--no-build</c>: quick, and it never rewrites the build output other tests run from. On a
/// fresh clone it builds first.
/// </summary>
public sealed class PublishedApp : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "lena-publish-" + Guid.NewGuid().ToString("N"));

    public string Output { get; private set; } = "";

    public int ExitCode { get; private set; } = -1;

    public string File(params string[] parts) => Path.Combine([Directory, .. parts]);

    public async Task InitializeAsync()
    {
        var project = Repository.File("src", "LenaFunctions", "LenaFunctions.csproj");
        var built = System.IO.File.Exists(Repository.File("src", "LenaFunctions", "bin", "Release", "net10.0", "LenaFunctions.dll"));
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-o", Directory, "-nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        if (built)
        {
            start.ArgumentList.Add("--no-build");
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet publish.");
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
            throw new TimeoutException($"dotnet publish did not finish in {Timeout}.");
        }

        ExitCode = process.ExitCode;
        Output = await stdout + "\n" + await stderr;
    }

    public Task DisposeAsync()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}
