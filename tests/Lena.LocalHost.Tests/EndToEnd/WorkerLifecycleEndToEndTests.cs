using System.Diagnostics;
using System.Net;
using Lena.LocalHost.Tests.Support;
using Lena.LocalHost.Worker;

namespace Lena.LocalHost.Tests.EndToEnd;

/// <summary>Start-up failure, worker death and shutdown with the real worker.</summary>
[Collection(LocalHostGroup.Name)]
public sealed class WorkerLifecycleEndToEndTests(LocalHostFixture fixture) : IDisposable
{
    private readonly string _emptySettings = Path.GetTempFileName();

    public void Dispose() => File.Delete(_emptySettings);

    [Fact]
    public async Task AWorkerThatCrashesAtStartupFailsFastWithItsStderr()
    {
        // No Tables / Queues settings at all: the app refuses to start.
        await File.WriteAllTextAsync(_emptySettings, """{ "IsEncrypted": false, "Values": { "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated" } }""");
        var started = Stopwatch.GetTimestamp();

        var failure = await Assert.ThrowsAsync<WorkerStartupException>(() => LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            AppDirectory = TestPaths.AppDirectory,
            HttpPort = 0,
            SettingsFile = _emptySettings,
        }));

        Assert.Contains("exited with code", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Tables", failure.Message, StringComparison.Ordinal);
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(45));
    }

    [Fact]
    public async Task AWorkerTooSlowToStartIsAStartupFailureAndIsStopped()
    {
        var options = new LocalHostOptions
        {
            AppDirectory = TestPaths.AppDirectory,
            HttpPort = 0,
            StartupTimeout = TimeSpan.FromMilliseconds(1),
            ShutdownGracePeriod = TimeSpan.FromSeconds(1),
        };
        options.Settings["Tables__connectionString"] = fixture.StorageConnectionString;
        options.Settings["Queues__connectionString"] = fixture.StorageConnectionString;

        var failure = await Assert.ThrowsAsync<WorkerStartupException>(() => LocalFunctionsHost.StartAsync(options));

        Assert.Contains("within", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestsAfterTheWorkerDiedAre502AndDisposalStillWorks()
    {
        var host = await fixture.StartHostAsync(new Dictionary<string, string> { ["Lena__RulesTable"] = "LenaRulesLifecycle" });
        await using (host)
        {
            using (var before = await fixture.Client.GetAsync(new Uri(host.BaseAddress, "api/openapi.json")))
            {
                Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            }

            using (var worker = Process.GetProcessById(host.WorkerProcessId))
            {
                worker.Kill();
            }

            await host.WorkerExited.WaitAsync(TimeSpan.FromSeconds(30));
            using var after = await fixture.Client.GetAsync(new Uri(host.BaseAddress, "api/openapi.json"));

            Assert.Equal(HttpStatusCode.BadGateway, after.StatusCode);
            Assert.Equal("application/problem+json", after.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task DisposalTerminatesTheWorker()
    {
        var host = await fixture.StartHostAsync(new Dictionary<string, string> { ["Lena__RulesTable"] = "LenaRulesShutdown" });
        await fixture.WaitUntilHealthyAsync(host);
        var exited = host.WorkerExited;

        await host.DisposeAsync();

        Assert.True(exited.IsCompleted);
        var code = await exited;
        Assert.True(code == 0, $"exit code {code}; worker stderr:{Environment.NewLine}{string.Join(Environment.NewLine, host.Logs.Select(l => $"{l.Category} {l.Level} {l.Message} {l.Exception}"))}");
    }
}
