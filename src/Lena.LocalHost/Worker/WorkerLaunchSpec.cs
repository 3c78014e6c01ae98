using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Lena.LocalHost.Worker;

/// <summary>
/// How the worker process is started: <c>dotnet App.dll</c> with the gRPC endpoint, ids and the
/// lifted message size on its command line, and the app settings plus the two directory
/// variables in its environment, as the Functions host does.
/// </summary>
public sealed record WorkerLaunchSpec(string DotnetPath, string AppDirectory, string AssemblyPath, Uri GrpcUri, string WorkerId, string RequestId, IReadOnlyDictionary<string, string> Environment)
{
    public const int MaxMessageLength = int.MaxValue;

    public ProcessStartInfo ToStartInfo()
    {
        var info = new ProcessStartInfo(DotnetPath)
        {
            WorkingDirectory = AppDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            CreateNoWindow = true,
        };
        info.ArgumentList.Add(AssemblyPath);
        info.ArgumentList.Add("--functions-uri");
        info.ArgumentList.Add(GrpcUri.ToString());
        info.ArgumentList.Add("--functions-worker-id");
        info.ArgumentList.Add(WorkerId);
        info.ArgumentList.Add("--functions-request-id");
        info.ArgumentList.Add(RequestId);
        info.ArgumentList.Add("--functions-grpc-max-message-length");
        info.ArgumentList.Add(MaxMessageLength.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in Environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <summary>The worker environment: app settings, the caller's overrides, then the variables the host always sets.</summary>
    public static IReadOnlyDictionary<string, string> BuildEnvironment(string appDirectory, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var environment = new Dictionary<string, string>(settings, StringComparer.Ordinal);
        environment.TryAdd("FUNCTIONS_WORKER_RUNTIME", "dotnet-isolated");
        environment.TryAdd("AZURE_FUNCTIONS_ENVIRONMENT", "Development");
        environment["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory;
        environment["FUNCTIONS_WORKER_DIRECTORY"] = appDirectory;
        return environment;
    }

    /// <summary>The app's entry assembly: <c>defaultWorkerPath</c> of its <c>worker.config.json</c>.</summary>
    public static string FindAppAssembly(string appDirectory)
    {
        ArgumentNullException.ThrowIfNull(appDirectory);
        var config = Path.Combine(appDirectory, "worker.config.json");
        if (!File.Exists(config))
        {
            throw new WorkerStartupException($"{appDirectory} has no worker.config.json: pass the build output folder of a .NET isolated-worker function app (for example src/LenaFunctions/bin/Debug/net10.0).");
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(config));
        var workerPath = document.RootElement.TryGetProperty("description", out var description)
            && description.TryGetProperty("defaultWorkerPath", out var path) ? path.GetString() : null;
        if (string.IsNullOrEmpty(workerPath))
        {
            throw new WorkerStartupException($"{config} names no description.defaultWorkerPath.");
        }

        var assembly = Path.GetFullPath(Path.Combine(appDirectory, workerPath));
        return File.Exists(assembly) ? assembly : throw new WorkerStartupException($"{assembly} (from worker.config.json) does not exist: build the app first.");
    }
}
