using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lena.Workbench.Tests;

/// <summary>
/// The workbench page in headless chromium against the app under lena-host and Azurite: what a
/// clinician and a rule-maintaining pharmacist do with it, by mouse and by keyboard alone.
/// </summary>
[Collection(WorkbenchGroup.Name)]
public class WorkbenchBrowserTests(WorkbenchFixture fixture)
{
    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static ILocator Field(IPage page, string path) => page.Locator($"[data-path=\"{path}\"]");

    private static ILocator RuleNumber(IPage page, string path) => page.Locator($"[data-rule-path=\"{path}\"]");

    private static async Task LoadPanelPatientAsync(IPage page, string name)
    {
        await page.SelectOptionAsync("#panelPatient", new SelectOptionValue { Label = name });
        await page.ClickAsync("#loadPanelPatient");
        await Expect(page.Locator("#status")).ToContainTextAsync("Loaded " + name);
    }

    [Fact(Timeout = 120_000)]
    public async Task FillingInAPatientShowsTheDoseCard()
    {
        var page = await fixture.OpenWorkbenchAsync();

        await Field(page, "indication").SelectOptionAsync("multipleMyeloma");
        await Field(page, "sex").SelectOptionAsync("male");
        await Field(page, "ageYears").FillAsync("66");
        await Field(page, "weightKg").FillAsync("74");
        await Field(page, "heightCm").FillAsync("172");
        await Field(page, "renal.creatinineClearanceMlPerMin").FillAsync("78");
        await Field(page, "therapy.status").SelectOptionAsync("starting");
        await Field(page, "therapy.startDate").FillAsync(Today);
        await Field(page, "regimen.dexamethasone").SelectOptionAsync("lowDose");
        await page.ClickAsync("#assess");

        var dose = page.Locator("#card-dose");
        await Expect(dose.Locator(".headline")).ToHaveTextAsync("start — 25 mg once daily");
        await Expect(dose).ToContainTextAsync("REVLIMID US Prescribing Information — Dosage and Administration: Multiple Myeloma");
        await Expect(dose.Locator(".version")).ToContainTextAsync("Rule set ");
        await Expect(page.Locator("#card-monitoring tbody tr").First).ToContainTextAsync(Today);
        await Expect(page.Locator("#card-prophylaxis .headline")).ToHaveTextAsync("aspirin");
        await Expect(page.Locator("#card-contraindications")).ToContainTextAsync("remsContraception");
        await WorkbenchFixture.ScreenshotAsync(page, "1-patient-dose-card", page.Locator("#card-dose"));
    }

    [Fact(Timeout = 120_000)]
    public async Task A400IsShownAtTheFieldItNames()
    {
        var page = await fixture.OpenWorkbenchAsync();
        await LoadPanelPatientAsync(page, "mm-start-crcl-78-full-dose");

        await Field(page, "labs.plateletsPerMicroliter").FillAsync("42");
        await page.ClickAsync("#assess");

        var platelets = Field(page, "labs.plateletsPerMicroliter");
        await Expect(platelets).ToHaveAttributeAsync("aria-invalid", "true");
        var message = page.Locator("#" + await platelets.GetAttributeAsync("aria-describedby"));
        await Expect(message).ToBeVisibleAsync();
        await Expect(message).ToContainTextAsync("send 42000");
        await Expect(page.Locator("#patient-errors")).ToBeFocusedAsync();
        await Expect(page.Locator("#patient-errors")).ToContainTextAsync("labs.plateletsPerMicroliter");
        await WorkbenchFixture.ScreenshotAsync(page, "2-patient-400-at-field", page.Locator("#group-labs"));
    }

    [Fact(Timeout = 120_000)]
    public async Task ARenalThresholdChangeIsReviewedOnThePanelPublishedActivatedAndAnswers()
    {
        var page = await fixture.OpenWorkbenchAsync();
        await page.ClickAsync("#loadRules");
        await Expect(page.Locator("#activeVersion")).ToContainTextAsync("Active rule set: ");
        var before = (await page.Locator("#activeVersion").TextContentAsync())!.Replace("Active rule set: ", "", StringComparison.Ordinal).Trim();
        await page.ClickAsync("#newDraft");
        var draftVersion = await page.InputValueAsync("#draftVersion");
        Assert.NotEqual(before, draftVersion);
        await page.ClickAsync("details[data-section=renalBands] > summary");

        // Half a change first: the validator's problem is shown at the rule, and nothing is evaluated.
        await RuleNumber(page, "renalBands.ranges[crClAtLeast60].minMlPerMin").FillAsync("50");
        await page.Keyboard.PressAsync("Tab");
        await page.ClickAsync("#checkDraft");
        await Expect(page.Locator("#draft-errors")).ToBeVisibleAsync();
        await Expect(page.Locator("#draftTables .field-error:visible").First).ToBeVisibleAsync();
        await WorkbenchFixture.ScreenshotAsync(page, "3-rules-validator-problem");

        await RuleNumber(page, "renalBands.ranges[crCl30To59].maxMlPerMin").FillAsync("50");
        await page.Keyboard.PressAsync("Tab");
        await page.ClickAsync("#checkDraft");
        await Expect(page.Locator("#diff")).ToContainTextAsync("~ $.renalBands.ranges[crClAtLeast60].minMlPerMin: 60 -> 50");
        await Expect(page.Locator("#diff")).ToContainTextAsync("~ $.renalBands.ranges[crCl30To59].maxMlPerMin: 60 -> 50");
        var changed = page.Locator("#changedPatients tbody tr", new() { HasText = "mm-start-crcl-52-renal-10mg" });
        await Expect(changed).ToContainTextAsync("dose.doseMg: 10 → 25");
        await Expect(page.Locator("#changedPatients tbody tr", new() { HasText = "mm-start-crcl-78-full-dose" })).ToHaveCountAsync(0);
        await Expect(page.Locator("#draft-errors")).ToBeHiddenAsync();
        await WorkbenchFixture.ScreenshotAsync(page, "4-rules-diff-and-impact", page.Locator("#impact"));

        // A second pharmacist loaded the rules before the activation: their activation must be a 412, explained.
        var other = await fixture.OpenWorkbenchAsync();
        await other.ClickAsync("#newDraft");
        await Expect(other.Locator("#activeVersion")).ToContainTextAsync(before);

        await page.FillAsync("#author", "J. Pharmacist");
        await page.FillAsync("#reason", "Browser test: renal threshold 50 mL/min");
        await page.ClickAsync("#publish");
        await Expect(page.Locator("#confirmText")).ToContainTextAsync($"Publish rule set {draftVersion}");
        await page.ClickAsync("#confirmYes");
        await Expect(page.Locator("#publishResult")).ToContainTextAsync($"Published {draftVersion}");
        await page.ClickAsync("#activate");
        await Expect(page.Locator("#confirmText")).ToContainTextAsync($"Make {draftVersion} the active rule set");
        await page.ClickAsync("#confirmYes");
        await Expect(page.Locator("#publishResult")).ToContainTextAsync($"{draftVersion} is active");
        await Expect(page.Locator("#activeVersion")).ToContainTextAsync(draftVersion);
        await Expect(page.Locator("#rulesOverview")).ToContainTextAsync("Browser test: renal threshold 50 mL/min");
        await WorkbenchFixture.ScreenshotAsync(page, "5-rules-activated");

        await other.FillAsync("#author", "Second pharmacist");
        await other.FillAsync("#reason", "Stale view");
        await other.ClickAsync("#activate");
        await other.ClickAsync("#confirmYes");
        await Expect(other.Locator("#publishResult")).ToContainTextAsync("Not activated (412)");
        await Expect(other.Locator("#publishResult")).ToContainTextAsync("Load the rules again");
        await WorkbenchFixture.ScreenshotAsync(other, "6-rules-412-explained");

        // The new version answers (each instance refreshes its rule cache; here every second).
        await LoadPanelPatientAsync(page, "mm-start-crcl-52-renal-10mg");
        await Field(page, "labs.takenOn").FillAsync(Today);
        var heading = page.Locator("#answer-heading");
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await page.ClickAsync("#assess");
            await Expect(heading).ToBeVisibleAsync();
            if ((await heading.TextContentAsync())!.Contains(draftVersion, StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(500);
        }

        await Expect(heading).ToContainTextAsync($"rule set {draftVersion}");
        await Expect(page.Locator("#card-dose .headline")).ToHaveTextAsync("start — 25 mg once daily");
        await WorkbenchFixture.ScreenshotAsync(page, "7-new-version-answers");
    }

    [Fact(Timeout = 120_000)]
    public async Task TheWorkbenchWorksWithTheKeyboardAlone()
    {
        var page = await fixture.OpenWorkbenchAsync();

        // The skip link comes first and moves on to the workbench.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("a.skip")).ToBeFocusedAsync();
        await TabToAsync(page, "panelPatient");
        await page.Keyboard.PressAsync("ArrowDown");
        await TabToAsync(page, "loadPanelPatient");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#status")).ToContainTextAsync("Loaded ");
        await TabToAsync(page, "assess");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#answer-heading")).ToBeFocusedAsync();
        await Expect(page.Locator("#card-dose")).ToBeVisibleAsync();
        await WorkbenchFixture.ScreenshotAsync(page, "8-keyboard-only");
    }

    [Fact(Timeout = 120_000)]
    public async Task AnAccessibilityScanFindsNoSeriousOrCriticalViolation()
    {
        var page = await fixture.OpenWorkbenchAsync();
        await LoadPanelPatientAsync(page, "mm-high-dose-dexamethasone-esa-estrogen-lmwh");
        await page.ClickAsync("#assess");
        await Expect(page.Locator("#card-dose")).ToBeVisibleAsync();
        await page.ClickAsync("#newDraft");
        await page.ClickAsync("details[data-section=renalBands] > summary");

        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Path.Combine(WorkbenchFixture.RepositoryRoot, "node_modules", "axe-core", "axe.min.js") });
        var json = await page.EvaluateAsync<string>(
            "async () => JSON.stringify((await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })).violations" +
            ".map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })))");
        using var violations = JsonDocument.Parse(json);
        var serious = violations.RootElement.EnumerateArray().Where(v => v.GetProperty("impact").GetString() is "serious" or "critical").ToArray();
        await WorkbenchFixture.ScreenshotAsync(page, "9-accessibility-scan");

        Assert.True(serious.Length == 0, string.Join('\n', serious.Select(v => v.GetRawText())));
    }

    private static async Task TabToAsync(IPage page, string id)
    {
        for (var presses = 0; presses < 200; presses++)
        {
            if (await page.EvaluateAsync<string>("() => document.activeElement && document.activeElement.id") == id)
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"#{id} cannot be reached with Tab.");
    }
}
