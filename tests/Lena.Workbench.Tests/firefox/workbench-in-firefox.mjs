// The workbench's patient what-if in Firefox: Debian's firefox-esr driven over WebDriver BiDi by
// puppeteer-core (Playwright's patched Firefox cannot be downloaded here; stock Firefox speaks BiDi).
// Usage: node workbench-in-firefox.mjs <base URL of the app> <today yyyy-MM-dd> <screenshot directory>
// Prints one line per checked step; exits non-zero with the reason on the first step that fails.
import puppeteer from 'puppeteer-core';
import path from 'node:path';

const [baseUrl, today, screenshots] = process.argv.slice(2);
const executablePath = process.env.LENA_FIREFOX ?? '/usr/bin/firefox-esr';
const timeout = 20_000;

const browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true, timeout: 60_000 });
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(timeout);
  await page.setViewport({ width: 1280, height: 900 });
  const field = (p) => `[data-path="${p}"]`;
  const textOf = (selector) => page.$eval(selector, (e) => e.textContent ?? '');
  const waitForText = (selector, text) => page.waitForFunction(
    (s, t) => (document.querySelector(s)?.textContent ?? '').includes(t), { timeout }, selector, text);

  await page.goto(new URL('api/workbench', baseUrl).toString());
  await waitForText('#status', 'reference patients loaded');
  console.log('page loaded: ' + (await page.evaluate(() => navigator.userAgent)));

  // A clinician fills in a patient and sees the dose card with its citation.
  await page.select(field('indication'), 'multipleMyeloma');
  await page.select(field('sex'), 'male');
  await page.type(field('ageYears'), '66');
  await page.type(field('weightKg'), '74');
  await page.type(field('heightCm'), '172');
  await page.type(field('renal.creatinineClearanceMlPerMin'), '78');
  await page.select(field('therapy.status'), 'starting');
  await page.$eval(field('therapy.startDate'), (e, v) => { e.value = v; e.dispatchEvent(new Event('input', { bubbles: true })); e.dispatchEvent(new Event('change', { bubbles: true })); }, today);
  await page.select(field('regimen.dexamethasone'), 'lowDose');
  await page.click('#assess');
  await waitForText('#card-dose .headline', 'start — 25 mg once daily');
  await waitForText('#card-dose', 'REVLIMID US Prescribing Information — Dosage and Administration: Multiple Myeloma');
  await waitForText('#card-prophylaxis .headline', 'aspirin');
  console.log('dose card: ' + (await textOf('#card-dose .headline')));
  await page.screenshot({ path: path.join(screenshots, 'firefox-1-patient-dose-card.png'), fullPage: true });

  // A count in the wrong unit is a 400 shown at the field it names (on a reference patient).
  await page.$eval('#panelPatient', (select, label) => {
    const option = [...select.options].find((o) => o.textContent.trim() === label);
    select.value = option.value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, 'mm-start-crcl-78-full-dose');
  await page.click('#loadPanelPatient');
  await waitForText('#status', 'Loaded mm-start-crcl-78-full-dose');
  const platelets = field('labs.plateletsPerMicroliter');
  await page.$eval(platelets, (e) => { e.value = ''; });
  await page.type(platelets, '42');
  await page.click('#assess');
  await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('aria-invalid') === 'true', { timeout }, platelets);
  const describedBy = await page.$eval(platelets, (e) => e.getAttribute('aria-describedby'));
  await waitForText('#' + describedBy, 'send 42000');
  await waitForText('#patient-errors', 'labs.plateletsPerMicroliter');
  console.log('400 at its field: ' + (await textOf('#' + describedBy)).trim());
  await page.screenshot({ path: path.join(screenshots, 'firefox-2-patient-400-at-field.png'), fullPage: true });
} catch (error) {
  console.error('failed: ' + (error?.message ?? error));
  process.exitCode = 1;
} finally {
  await browser.close();
}
