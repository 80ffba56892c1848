// What the two page-level tests of « Tableau de bord » share (offline mode, real backend):
// Debian's Chromium through puppeteer-core, a page whose script errors, console errors and CSP
// violations are collected, downloads into a folder, and what <dcc-dashboard> shows.
/* global document */
export { launchChromium } from './chromium.mjs';

/**
 * A new page whose problems (script errors, console errors but those matching `ignoreConsole`,
 * CSP violations) are pushed to the returned list, downloads going to `downloadPath`.
 */
export async function watchedPage(browser, { ignoreConsole, downloadPath }) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !ignoreConsole.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.exposeFunction('reportCspViolation', (directive) => problems.push(`CSP violation: ${directive}`));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => globalThis.reportCspViolation(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  const cdp = await page.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath });
  return { page, problems };
}

/** What <dcc-dashboard> shows (its table rows, its chart's marks, its report's period, its volet), once it shows figures. */
export function dashboardShown(page) {
  return page.evaluate(() => {
    const element = document.querySelector('dcc-dashboard');
    const root = element?.shadowRoot;
    if (!root?.querySelector('[part~="figures"]') || !element.report) return undefined;
    const table = [...root.querySelectorAll('tbody tr')].map((tr) => ({
      month: tr.dataset.month,
      cells: Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.dataset.column, Number(td.dataset.value)])),
    }));
    const marks = [...root.querySelectorAll('[part~="chart-svg"] .mark')].map((m) => ({ series: m.dataset.series, month: m.dataset.month, value: Number(m.dataset.value) }));
    return { table, marks, period: element.report.period, volet: element.volet };
  });
}

/** Polls `check` until it gives a value, for at most `ms`; the error names `what`. */
export async function until(check, what, ms = 60_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
