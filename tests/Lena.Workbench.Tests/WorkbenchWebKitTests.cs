using System.Globalization;
using Lena.Workbench.Tests.WebKit;

namespace Lena.Workbench.Tests;

/// <summary>
/// The patient what-if in WebKit, Safari's engine: Safari itself runs only on Apple's systems, so
/// Debian's WebKitGTK (<c>webkit2gtk-driver</c> and <c>xvfb</c>, which test.sh installs when missing)
/// is driven over W3C WebDriver against the same app as the chromium and Firefox tests. WebKitGTK
/// shares WebKit's engine and JavaScriptCore with Safari, not Safari's Apple-only parts.
/// </summary>
[Collection(WorkbenchGroup.Name)]
public class WorkbenchWebKitTests(WorkbenchFixture fixture)
{
    private static string Field(string path) => $"[data-path=\"{path}\"]";

    private async Task<WebKitBrowser> OpenWorkbenchAsync()
    {
        var browser = await WebKitBrowser.StartAsync(1280, 900);
        try
        {
            await browser.Session.NavigateAsync(new Uri(fixture.BaseAddress, "api/workbench"));
            await browser.Session.WaitForTextAsync("#status", "reference patients loaded");
            var agent = (await browser.Session.ExecuteAsync("return navigator.userAgent;"))!.GetValue<string>();
            Assert.Contains("AppleWebKit/", agent, StringComparison.Ordinal);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Selects an option by its value the way a user does: a click on the option (WebDriver selects it and fires input and change).</summary>
    private static async Task SelectAsync(WebDriverSession page, string select, string value) =>
        await page.ClickAsync($"{select} option[value=\"{value}\"]");

    [Fact(Timeout = 120_000)]
    public async Task FillingInAPatientShowsTheDoseCardWithItsCitationInWebKit()
    {
        await using var browser = await OpenWorkbenchAsync();
        var page = browser.Session;

        await SelectAsync(page, Field("indication"), "multipleMyeloma");
        await SelectAsync(page, Field("sex"), "male");
        await page.TypeAsync(Field("ageYears"), "66");
        await page.TypeAsync(Field("weightKg"), "74");
        await page.TypeAsync(Field("heightCm"), "172");
        await page.TypeAsync(Field("renal.creatinineClearanceMlPerMin"), "78");
        await SelectAsync(page, Field("therapy.status"), "starting");
        // A date input's keyboard entry differs per engine and locale; its value is set as a date picker would.
        await page.ExecuteAsync(
            "const e = document.querySelector(arguments[0]); e.value = arguments[1];"
            + " e.dispatchEvent(new Event('input', { bubbles: true })); e.dispatchEvent(new Event('change', { bubbles: true }));",
            Field("therapy.startDate"), DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await SelectAsync(page, Field("regimen.dexamethasone"), "lowDose");
        await page.ClickAsync("#assess");

        await page.WaitForTextAsync("#card-dose .headline", "start — 25 mg once daily");
        await page.WaitForTextAsync("#card-dose", "REVLIMID US Prescribing Information — Dosage and Administration: Multiple Myeloma");
        await page.WaitForTextAsync("#card-dose .version", "Rule set ");
        await page.WaitForTextAsync("#card-prophylaxis .headline", "aspirin");
        Assert.Equal("start — 25 mg once daily", (await page.TextAsync("#card-dose .headline")).Trim());
        await browser.ScreenshotAsync("webkit-1-patient-dose-card");
    }

    [Fact(Timeout = 120_000)]
    public async Task A400IsShownAtTheFieldItNamesInWebKit()
    {
        await using var browser = await OpenWorkbenchAsync();
        var page = browser.Session;
        var option = await page.ExecuteAsync(
            "return [...document.querySelectorAll('#panelPatient option')].find((o) => o.textContent.trim() === arguments[0]) ?? null;",
            "mm-start-crcl-78-full-dose");
        await page.ClickAsync(option);
        await page.ClickAsync("#loadPanelPatient");
        await page.WaitForTextAsync("#status", "Loaded mm-start-crcl-78-full-dose");

        var platelets = Field("labs.plateletsPerMicroliter");
        await page.ClearAsync(platelets);
        await page.TypeAsync(platelets, "42");
        await page.ClickAsync("#assess");

        await page.WaitUntilAsync(
            "the platelet field marked invalid",
            "return document.querySelector(arguments[0])?.getAttribute('aria-invalid') === 'true';", platelets);
        var describedBy = (await page.ExecuteAsync("return document.querySelector(arguments[0]).getAttribute('aria-describedby');", platelets))!.GetValue<string>();
        await page.WaitForTextAsync("#" + describedBy, "send 42000");
        await page.WaitForTextAsync("#patient-errors", "labs.plateletsPerMicroliter");
        await page.WaitUntilAsync("the error summary to take the focus", "return document.activeElement?.id === 'patient-errors';");
        await browser.ScreenshotAsync("webkit-2-patient-400-at-field");
    }
}
