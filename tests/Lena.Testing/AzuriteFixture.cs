using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Lena.Testing;

/// <summary>
/// A real Azurite (blob, queue, table) from the repository's pinned npm dev dependency, on free
/// ports, in-memory, started on construction and stopped (process tree killed) on dispose.
/// </summary>
/// <remarks>
/// <para>
/// One per test collection: declare in the test assembly
/// <c>[CollectionDefinition(AzuriteFixture.CollectionName)] public sealed class AzuriteCollection : ICollectionFixture&lt;AzuriteFixture&gt;;</c>
/// and mark the test classes <c>[Collection(AzuriteFixture.CollectionName)]</c>. A test class that
/// needs an instance of its own (outage tests that <see cref="Stop"/> and <see cref="Start"/> it)
/// takes it as a class fixture or constructs one.
/// </para>
/// <para>
/// It never skips: without Node.js or <c>node_modules/azurite</c> (run <c>npm ci</c> at the
/// repository root), or when Azurite does not come up in time, construction throws with what
/// Azurite printed.
/// </para>
/// </remarks>
public sealed partial class AzuriteFixture : IDisposable
{
    /// <summary>The xunit collection name for one shared Azurite per test assembly.</summary>
    public const string CollectionName = "Azurite";

    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development account key (public, documented by Azurite).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string Hint = "Run `npm ci` at the repository root (it installs the pinned Azurite into node_modules); Node.js 20+ must be on PATH.";
    private const int OutputLinesKept = 200;

    // Azurite refuses --location together with --inMemoryPersistence ("not supported when the
    // --location option is set"), so the fresh temp folder is its working directory instead:
    // whatever it writes lands there, never in the repository.
    private readonly string _workDirectory = Directory.CreateTempSubdirectory("lena-azurite-").FullName;
    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;
    private bool _disposed;

    /// <summary>Starts Azurite on free ports, waiting at most <see cref="StartTimeout"/>.</summary>
    /// <remarks>xunit requires a fixture to have exactly one public constructor: this one.</remarks>
    public AzuriteFixture()
    {
        RepositoryRoot = FindRepositoryRoot();
        AzuriteScript = Path.Combine(RepositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        WatchdogScript = Path.Combine(_workDirectory, "exit-when-parent-exits.cjs");

        // If the test host dies without disposing (crash, kill), its end of the stdin pipe closes
        // and this preloaded module ends Azurite, so no orphan keeps the ports.
        File.WriteAllText(WatchdogScript, "process.stdin.on('end', () => process.exit(0));\nprocess.stdin.on('error', () => process.exit(0));\nprocess.stdin.resume();\n");
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        try
        {
            Start();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// How long one start may take: 60 s, or <c>LENA_AZURITE_START_TIMEOUT_SECONDS</c>. Azurite
    /// needs a few seconds, more on a small machine under load.
    /// </summary>
    public static TimeSpan StartTimeout { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("LENA_AZURITE_START_TIMEOUT_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(60);

    /// <summary>The folder holding <c>package.json</c>, found by walking up from the test binaries.</summary>
    public string RepositoryRoot { get; }

    public string AzuriteScript { get; }

    private string WatchdogScript { get; }

    /// <summary>
    /// Takes effect at the next <see cref="Start"/>: true keeps the data on disk (a restart finds it
    /// again), false (the default) keeps it in memory (a restart starts empty).
    /// </summary>
    public bool PersistToDisk { get; set; }

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    public Uri BlobEndpoint => Endpoint(BlobPort);

    public Uri QueueEndpoint => Endpoint(QueuePort);

    public Uri TableEndpoint => Endpoint(TablePort);

    /// <summary>A connection string for all three services (stays valid across <see cref="Stop"/>/<see cref="Start"/>: same ports).</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: false };
            }
        }
    }

    /// <summary>CPU time the Azurite process has used so far (zero when it is not running): its cost, whatever the machine's load.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            lock (_gate)
            {
                if (_process is not { HasExited: false })
                {
                    return TimeSpan.Zero;
                }

                _process.Refresh();
                return _process.TotalProcessorTime;
            }
        }
    }

    /// <summary>The last lines Azurite printed (stdout and stderr), for diagnostics.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>A fresh name valid for a table or a queue (lower-case letter first, letters and digits, ≤ 63 characters).</summary>
    public static string UniqueName(string prefix = "t")
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        return (prefix + Guid.NewGuid().ToString("N")).ToLowerInvariant();
    }

    /// <summary>
    /// Starts Azurite if it is not running: the first time on free ports, afterwards on the same
    /// ports as before (for outage tests). With in-memory persistence a restarted Azurite is EMPTY:
    /// every table, entity, queue and blob written before <see cref="Stop"/> is gone, so a test
    /// re-creates (re-seeds) what it needs.
    /// </summary>
    /// <exception cref="InvalidOperationException">Node.js or Azurite is missing, Azurite exited, or it did not start in time.</exception>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_process is { HasExited: false })
            {
                return;
            }

            _process?.Dispose();
            _process = null;
            Launch();
        }
    }

    /// <summary>
    /// Stops Azurite (kills its process tree) and waits until it has exited, keeping the ports for
    /// <see cref="Start"/>. Clients then get connection refused. With in-memory persistence all data is lost.
    /// </summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_process is null)
            {
                return;
            }

            Kill(_process);
            _process.Dispose();
            _process = null;
        }
    }

    /// <summary>
    /// Stops Azurite as a service stop would: SIGTERM, so it closes its servers and, with
    /// <see cref="PersistToDisk"/>, saves its data (a killed Azurite loses writes it had not saved
    /// yet); killed after 15 s if it has not exited. Ports are kept for <see cref="Start"/>.
    /// </summary>
    public void StopGracefully()
    {
        lock (_gate)
        {
            if (_process is null)
            {
                return;
            }

            if (!OperatingSystem.IsWindows() && !_process.HasExited)
            {
                using var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
                term?.WaitForExit(5_000);
                _process.WaitForExit(15_000);
            }

            Kill(_process);
            _process.Dispose();
            _process = null;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        Stop();
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Walks up from <see cref="AppContext.BaseDirectory"/> to the folder holding <c>package.json</c>.</summary>
    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No package.json found in {AppContext.BaseDirectory} or any folder above it; the tests must run from a build inside the repository. {Hint}");
    }

    private void Launch()
    {
        if (!File.Exists(AzuriteScript))
        {
            throw new InvalidOperationException($"Azurite is not installed: {AzuriteScript} does not exist. {Hint}");
        }

        var restart = TablePort != 0;
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = _workDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // In memory by default; on disk (a folder of the fresh temp directory) when PersistToDisk is set.
        var persistence = PersistToDisk ? new[] { "--location", Path.Combine(_workDirectory, "data") } : ["--inMemoryPersistence"];
        foreach (var argument in new[]
        {
            "--require", WatchdogScript, AzuriteScript,
        }.Concat(persistence).Concat(new[]
        {
            "--blobPort", Port(BlobPort), "--queuePort", Port(QueuePort), "--tablePort", Port(TablePort),
            "--skipApiVersionCheck", "--loose", "--silent",
        }))
        {
            start.ArgumentList.Add(argument);
        }

        var ports = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            Remember(e.Data);
            var match = ListeningLine().Match(e.Data);
            if (match.Success)
            {
                ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                if (ports.Count == 3)
                {
                    ready.TrySetResult();
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Remember("stderr: " + e.Data);
            }
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("Azurite exited before it was listening."));

        Remember($"--- {(restart ? "restarting" : "starting")}: node {string.Join(' ', start.ArgumentList)}");
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not run `node` ({ex.Message}). {Hint}", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var timedOut = false;
        try
        {
            timedOut = !ready.Task.Wait(StartTimeout);
        }
        catch (AggregateException)
        {
            // Exited early: reported below with its output.
        }

        if (timedOut || !ready.Task.IsCompletedSuccessfully)
        {
            Kill(process);
            process.Dispose();
            var why = timedOut ? $"did not report all three services listening within {StartTimeout.TotalSeconds:0} s" : "exited before it was listening";
            throw new InvalidOperationException($"Azurite {why}{(restart ? $" (restart on ports blob {BlobPort}, queue {QueuePort}, table {TablePort})" : string.Empty)}. {Hint}{Environment.NewLine}Azurite printed:{Environment.NewLine}{Output}");
        }

        BlobPort = ports["Blob"];
        QueuePort = ports["Queue"];
        TablePort = ports["Table"];
        _process = process;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => Stop();

    private void Remember(string line)
    {
        _output.Enqueue(line);
        while (_output.Count > OutputLinesKept && _output.TryDequeue(out _))
        {
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static Uri Endpoint(int port) => new($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/{AccountName}");

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at https?://[^\s:]+:(?<port>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ListeningLine();
}
