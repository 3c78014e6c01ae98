using System.Diagnostics;
using System.Globalization;

namespace Lena.Workbench.Tests;

/// <summary>
/// The patient what-if in Firefox too. Playwright's own Firefox build cannot be downloaded here, so
/// Debian's firefox-esr (test.sh installs it when missing) is driven over WebDriver BiDi by
/// puppeteer-core from the repository's npm packages, against the same app as the chromium tests.
/// </summary>
[Collection(WorkbenchGroup.Name)]
public class WorkbenchFirefoxTests(WorkbenchFixture fixture)
{
    public const string FirefoxPath = "/usr/bin/firefox-esr";

    [Fact(Timeout = 180_000)]
    public async Task APatientsDoseCardAndA400AtItsFieldWorkInFirefox()
    {
        Assert.True(File.Exists(FirefoxPath), $"{FirefoxPath} is missing: run ./test.sh (it installs Debian's firefox-esr package) or `apt-get install -y firefox-esr`.");
        var script = Path.Combine(WorkbenchFixture.RepositoryRoot, "tests", "Lena.Workbench.Tests", "firefox", "workbench-in-firefox.mjs");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, fixture.BaseAddress.ToString(), DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), WorkbenchFixture.ScreenshotDirectory },
            WorkingDirectory = WorkbenchFixture.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["LENA_FIREFOX"] = FirefoxPath;
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2.5));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw;
        }

        var log = await output + await errors;
        Assert.True(node.ExitCode == 0, log);
        Assert.Contains("Firefox/", log, StringComparison.Ordinal);
        Assert.Contains("dose card: start — 25 mg once daily", log, StringComparison.Ordinal);
        Assert.Contains("400 at its field:", log, StringComparison.Ordinal);
    }
}
