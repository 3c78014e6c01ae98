using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Lena.LocalHost.Tests.Support;

/// <summary>
/// A minimal Azurite for this test project: the repository's pinned npm dev dependency, in
/// memory, on ports the OS picks. A stop-gap until the shared Azurite fixture of tests/Lena.Testing
/// exists; replace this file with it then. Never skips: without Node.js or npm the tests fail,
/// saying what is missing. Runs <c>npm ci</c> once when node_modules lacks Azurite.
/// </summary>
public sealed partial class AzuriteLauncher : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private readonly Process _process;
    private readonly DirectoryInfo _workDirectory;

    private AzuriteLauncher(Process process, DirectoryInfo workDirectory, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _workDirectory = workDirectory;
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey + ";"
            + $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public static async Task<AzuriteLauncher> StartAsync()
    {
        var script = await EnsureInstalledAsync();
        var workDirectory = Directory.CreateTempSubdirectory("lena-azurite-");
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = workDirectory.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "--inMemoryPersistence", "--blobPort", "0", "--queuePort", "0", "--tablePort", "0", "--skipApiVersionCheck", "--loose", "--silent" })
        {
            info.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        var ports = new Dictionary<string, int>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
                var match = Listening().Match(line);
                if (match.Success)
                {
                    ports[match.Groups[1].Value] = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (ports.Count == 3)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"Azurite exited with code {process.ExitCode}:{Environment.NewLine}{output}"));
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("Node.js ('node') is required for the end-to-end tests (Azurite) and was not found on PATH.", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"Azurite did not report its three services within {StartTimeout.TotalSeconds:0} s:{Environment.NewLine}{output}");
        }

        return new AzuriteLauncher(process, workDirectory, ports["Blob"], ports["Queue"], ports["Table"]);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            _workDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    private static async Task<string> EnsureInstalledAsync()
    {
        var root = TestPaths.RepositoryRoot;
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        await InstallGate.WaitAsync();
        try
        {
            if (File.Exists(script))
            {
                return script;
            }

            var info = new ProcessStartInfo("npm") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
            {
                info.ArgumentList.Add(argument);
            }

            using var npm = Process.Start(info) ?? throw new InvalidOperationException("npm could not be started.");
            var stdout = npm.StandardOutput.ReadToEndAsync();
            var stderr = npm.StandardError.ReadToEndAsync();
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0 || !File.Exists(script))
            {
                throw new InvalidOperationException($"'npm ci' in {root} failed (exit {npm.ExitCode}), so Azurite is missing:{Environment.NewLine}{await stdout}{await stderr}");
            }

            return script;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Azurite is not installed ({script} is missing) and npm was not found to install it: run 'npm ci' in {root}.", ex);
        }
        finally
        {
            InstallGate.Release();
        }
    }

    [GeneratedRegex(@"Azurite (Blob|Queue|Table) service is successfully listening at http://[^:]+:(\d+)")]
    private static partial Regex Listening();
}
