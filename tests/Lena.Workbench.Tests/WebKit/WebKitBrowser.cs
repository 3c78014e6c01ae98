using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Lena.Workbench.Tests.WebKit;

/// <summary>
/// Debian's WebKitGTK — Safari's engine, not Safari — driven by its WebKitWebDriver (package
/// <c>webkit2gtk-driver</c>). WebKitGTK's browser needs an X display, so each instance runs its own
/// Xvfb (package <c>xvfb</c>) on a display number Xvfb picks itself, so parallel runs cannot collide.
/// Disposing ends the session, the driver and the display.
/// </summary>
public sealed class WebKitBrowser : IAsyncDisposable
{
    public const string DriverPath = "/usr/bin/WebKitWebDriver";
    public const string XvfbPath = "/usr/bin/Xvfb";

    /// <summary>The display's height: the tallest whole-page screenshot (W3C WebDriver takes only the viewport).</summary>
    private const int ScreenHeight = 8192;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly StringBuilder _log = new();
    private Process? _xvfb;
    private Process? _driver;
    private WebDriverSession? _session;
    private int _width;
    private int _height;

    private WebKitBrowser()
    {
    }

    public WebDriverSession Session => _session ?? throw new InvalidOperationException("Not started.");

    /// <summary>Starts a display, the driver and one browser session with a <paramref name="width"/> × <paramref name="height"/> window.</summary>
    public static async Task<WebKitBrowser> StartAsync(int width, int height)
    {
        foreach (var (path, package) in new[] { (DriverPath, "webkit2gtk-driver"), (XvfbPath, "xvfb") })
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"{path} is missing: run ./test.sh (it installs Debian's {package} package) or `apt-get install -y webkit2gtk-driver xvfb`.");
            }
        }

        var browser = new WebKitBrowser();
        try
        {
            await browser.StartProcessesAsync(width, height);
            return browser;
        }
        catch (Exception e)
        {
            var log = browser.Log;
            await browser.DisposeAsync();
            throw new InvalidOperationException($"WebKit did not start: {e.Message}\n{log}", e);
        }
    }

    /// <summary>What Xvfb, the driver and the browser wrote, for a failure message.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    private async Task StartProcessesAsync(int width, int height)
    {
        // -displayfd 1: Xvfb takes the first free display and writes its number to stdout once ready.
        _xvfb = Start(XvfbPath, ["-displayfd", "1", "-screen", "0", $"{width}x{ScreenHeight}x24", "-nolisten", "tcp"], env: null, readStdout: false);
        using var startTimeout = new CancellationTokenSource(StartTimeout);
        var display = await _xvfb.StandardOutput.ReadLineAsync(startTimeout.Token)
            ?? throw new InvalidOperationException("Xvfb ended without naming a display.");

        var port = FreeLoopbackPort();
        // The browser inherits the driver's environment; no accessibility bus runs here.
        var env = new Dictionary<string, string> { ["DISPLAY"] = ":" + display.Trim(), ["NO_AT_BRIDGE"] = "1" };
        _driver = Start(DriverPath, [$"--port={port}"], env, readStdout: true);
        var driver = new Uri($"http://127.0.0.1:{port}/");
        await WaitForDriverAsync(driver, startTimeout.Token);

        _session = await WebDriverSession.StartAsync(driver, new JsonObject { ["browserName"] = "MiniBrowser" });
        await _session.SetWindowSizeAsync(width, height);
        _width = width;
        _height = height;
    }

    /// <summary>
    /// The whole page as <paramref name="name"/>.png in the screenshot directory. W3C WebDriver shoots
    /// only the viewport, so the window grows to the page's height (up to the display's) for the shot.
    /// No element shot: WebKitGTK's element screenshots come out black without a GPU, and with its
    /// compositing turned off its viewport screenshot of a page that does not scroll never answers.
    /// </summary>
    public async Task ScreenshotAsync(string name)
    {
        // The window's height includes its frame, so the page's height plus the frame's is asked for.
        var height = (await Session.ExecuteAsync(
            "window.scrollTo(0, 0); return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight;"))!.GetValue<int>();
        await Session.SetWindowSizeAsync(_width, Math.Clamp(height, _height, ScreenHeight));
        try
        {
            await Session.SaveScreenshotAsync(Path.Combine(WorkbenchFixture.ScreenshotDirectory, name + ".png"));
        }
        finally
        {
            await Session.SetWindowSizeAsync(_width, _height);
        }
    }

    private Process Start(string path, string[] arguments, Dictionary<string, string>? env, bool readStdout)
    {
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in env ?? [])
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{path} did not start.");
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginErrorReadLine();
        if (readStdout)
        {
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
        }

        return process;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            // Enough to explain a failed start; a chatty browser cannot fill the memory.
            if (_log.Length < 64 * 1024)
            {
                _log.AppendLine(line);
            }
        }
    }

    private async Task WaitForDriverAsync(Uri driver, CancellationToken cancellation)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (_driver!.HasExited)
            {
                throw new InvalidOperationException($"WebKitWebDriver exited with code {_driver.ExitCode}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(driver, "status"), cancellation);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellation);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }

        foreach (var process in new[] { _driver, _xvfb })
        {
            if (process is null)
            {
                continue;
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }
}
