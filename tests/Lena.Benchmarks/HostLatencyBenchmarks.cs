using System.Net;
using BenchmarkDotNet.Attributes;
using Lena.LocalHost;
using Lena.Testing;

namespace Lena.Benchmarks;

/// <summary>
/// One HTTP request through lena-host to the built app (against Azurite), per invocation: the
/// assessment against the trivial Fallback function (baseline). Sequential only; the host mode
/// (<see cref="HostRun"/>) has cold start, 16 in flight and memory. Azurite, host and worker are
/// started in [GlobalSetup] inside BenchmarkDotNet's runner process and stopped in [GlobalCleanup].
/// </summary>
/// <remarks>
/// A fixed 100 requests per iteration: on a shared machine the pilot stage's guess is thrown off by
/// one slow batch. Min and Median columns, because the means carry other processes' load.
/// </remarks>
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20, invocationCount: 100)]
[MinColumn]
[MedianColumn]
public class HostLatencyBenchmarks : IDisposable
{
    private AzuriteFixture? _azurite;
    private LocalFunctionsHost? _host;
    private HttpClient? _client;
    private Uri _baseAddress = null!;

    [GlobalSetup]
    public void Setup()
    {
        _azurite = new AzuriteFixture();
        _client = HostedApp.NewClient();
        _host = HostedApp.StartAsync(_azurite).GetAwaiter().GetResult();
        HostedApp.WaitUntilAssessingAsync(_client, _host).GetAwaiter().GetResult();
        _baseAddress = _host.BaseAddress;

        // BenchmarkDotNet's warm-up iterations (500 requests) end long before the worker's JIT has
        // promoted the hot code (10-20 s of load here; RESULTS.md, issue 15 §1): warm up until then.
        var warmUp = System.Diagnostics.Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(25))
        {
            SendAsync(HostRequest.Assessment).GetAwaiter().GetResult();
            SendAsync(HostRequest.Fallback).GetAwaiter().GetResult();
        }
    }

    [Benchmark(Baseline = true, Description = "GET /api/no-such-route (Fallback, 404)")]
    public Task<HttpStatusCode> Fallback() => SendAsync(HostRequest.Fallback);

    [Benchmark(Description = "POST /api/assessments (samples/patient.json)")]
    public Task<HttpStatusCode> Assessment() => SendAsync(HostRequest.Assessment);

    [GlobalCleanup]
    public void Cleanup()
    {
        _host?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _host = null;
        _client?.Dispose();
        _client = null;
        _azurite?.Dispose();
        _azurite = null;
    }

    public void Dispose()
    {
        Cleanup();
        GC.SuppressFinalize(this);
    }

    private async Task<HttpStatusCode> SendAsync(HostRequest request)
    {
        var (status, _) = await HostedApp.SendAsync(_client!, _baseAddress, request).ConfigureAwait(false);
        return status == request.Expected ? status : throw new InvalidOperationException($"{request.Description}: {(int)status}, expected {(int)request.Expected}.");
    }
}
