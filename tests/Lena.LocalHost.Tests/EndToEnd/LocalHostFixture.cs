using System.Diagnostics;
using Lena.LocalHost.Tests.Support;
using Lena.Testing;

namespace Lena.LocalHost.Tests.EndToEnd;

/// <summary>
/// One Azurite (the shared <see cref="AzuriteFixture"/>) and one running LenaFunctions worker under
/// the local host, shared by the end-to-end tests; <see cref="StartHostAsync(IReadOnlyDictionary{string, string})"/> starts further
/// hosts on the same Azurite.
/// </summary>
public sealed class LocalHostFixture : IAsyncLifetime
{
    private AzuriteFixture? _azurite;
    private LocalFunctionsHost? _host;

    public LocalFunctionsHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>From calling StartAsync to the first answered request (GET /api/openapi.json, which needs no storage).</summary>
    public TimeSpan LaunchToFirstAnswer { get; private set; }

    /// <summary>From calling StartAsync to the first healthy GET /api/health (rule set seeded and loaded from Azurite).</summary>
    public TimeSpan LaunchToHealthy { get; private set; }

    public string StorageConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _azurite = await Task.Run(() => new AzuriteFixture());
        var started = Stopwatch.GetTimestamp();
        _host = await StartHostAsync();
        using (await Client.GetAsync(new Uri(_host.BaseAddress, "api/openapi.json")))
        {
            LaunchToFirstAnswer = Stopwatch.GetElapsedTime(started);
        }

        await WaitUntilHealthyAsync(_host);
        LaunchToHealthy = Stopwatch.GetElapsedTime(started);
    }

    /// <summary>A host for the built app with Azurite storage; <paramref name="settings"/> add to or override the app settings.</summary>
    public Task<LocalFunctionsHost> StartHostAsync(IReadOnlyDictionary<string, string>? settings = null) =>
        StartHostAsync(StorageConnectionString, settings);

    /// <summary>A host for the built app on the storage of <paramref name="storageConnectionString"/> (for tests with an Azurite of their own).</summary>
    /// <param name="functionKey">When set, the host checks it as Azure checks function keys (<see cref="LocalHostOptions.FunctionKey"/>).</param>
    public static Task<LocalFunctionsHost> StartHostAsync(string storageConnectionString, IReadOnlyDictionary<string, string>? settings = null, string? functionKey = null)
    {
        var options = new LocalHostOptions { AppDirectory = TestPaths.AppDirectory, HttpPort = 0, FunctionKey = functionKey };
        options.Settings["Tables__connectionString"] = storageConnectionString;
        options.Settings["Queues__connectionString"] = storageConnectionString;
        options.Settings["AzureWebJobsStorage"] = storageConnectionString;
        // The reminder queue stays as the timer left it (tests read it) unless a test turns delivery on
        // with AzureWebJobs__DeliverReminders__Disabled=false, as ReminderDeliveryEndToEndTests does.
        options.Settings["AzureWebJobs__DeliverReminders__Disabled"] = "true";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            options.Settings[name] = value;
        }

        return LocalFunctionsHost.StartAsync(options);
    }

    /// <summary>
    /// Waits until the app reports healthy: it seeds its rule table in a hosted service that runs
    /// alongside the first invocations, so rule endpoints answer 503 for the first moments.
    /// </summary>
    public Task WaitUntilHealthyAsync(LocalFunctionsHost host) => WaitUntilHealthyAsync(Client, host);

    /// <inheritdoc cref="WaitUntilHealthyAsync(LocalFunctionsHost)"/>
    public static async Task WaitUntilHealthyAsync(HttpClient client, LocalFunctionsHost host)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await client.GetAsync(new Uri(host.BaseAddress, "api/health"));
            if (response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains("\"healthy\"", StringComparison.Ordinal))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The app did not report healthy within 60 s: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _azurite?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class LocalHostGroup : ICollectionFixture<LocalHostFixture>
{
    public const string Name = "Local functions host";
}
