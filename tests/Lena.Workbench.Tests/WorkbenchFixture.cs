using System.Reflection;
using Lena.LocalHost;
using Lena.Testing;
using Microsoft.Playwright;

namespace Lena.Workbench.Tests;

/// <summary>
/// Azurite, the function app under lena-host (its own rules table, a 1 s rule cache so an
/// activation shows at once) and one headless Debian chromium driven by Playwright, shared by the
/// browser tests. Each test opens its own page; screenshots go to TestResults/workbench/.
/// </summary>
public sealed class WorkbenchFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium package; test.sh installs it when missing. Playwright never downloads a browser here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private AzuriteFixture? _azurite;
    private LocalFunctionsHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress => _host?.BaseAddress ?? throw new InvalidOperationException("Not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string ScreenshotDirectory => Path.Combine(RepositoryRoot, "TestResults", "workbench");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run ./test.sh (it installs Debian's chromium package) or `apt-get install -y chromium`.");
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        _azurite = await Task.Run(() => new AzuriteFixture());
        var options = new LocalHostOptions { AppDirectory = Metadata("LenaFunctionsAppDirectory"), HttpPort = 0 };
        foreach (var name in new[] { "Tables__connectionString", "Queues__connectionString", "AzureWebJobsStorage" })
        {
            options.Settings[name] = _azurite.ConnectionString;
        }

        options.Settings["Lena__RulesTable"] = "LenaRulesWorkbench";
        options.Settings["Lena__RuleCacheRefreshSeconds"] = "1";
        _host = await LocalFunctionsHost.StartAsync(options);
        await WaitUntilHealthyAsync();

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    /// <summary>A fresh page at the workbench; axe-core is injected as a script, so the page's CSP is bypassed in tests only.</summary>
    public async Task<IPage> OpenWorkbenchAsync()
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("api/workbench");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("reference patients loaded");
        return page;
    }

    /// <summary>A fresh browser context on the app (CSP bypassed for axe-core, as above), for tests that route requests before the page opens.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            BypassCSP = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        return context;
    }

    /// <summary>The whole page as <paramref name="name"/>.png, and the part a reader looks at (if given) as <paramref name="name"/>-detail.png.</summary>
    public static async Task ScreenshotAsync(IPage page, string name, ILocator? detail = null)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
        if (detail is not null)
        {
            await detail.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + "-detail.png") });
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(BaseAddress, "api/health"));
                if (response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains("\"healthy\"", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The app did not report healthy within 60 s.");
            }

            await Task.Delay(200);
        }
    }

    private static string Metadata(string key) =>
        typeof(WorkbenchFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing.");

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _azurite?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class WorkbenchGroup : ICollectionFixture<WorkbenchFixture>
{
    public const string Name = "Workbench in a browser";
}
