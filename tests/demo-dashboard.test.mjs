// The demo's « Tableau de bord » view in Debian's Chromium, in the page's offline mode (msw
// answers the API in the browser, GET /indicators included): the page served by Vite with its
// strict CSP, the offline login, the menu bar's « Tableau de bord », <dcc-dashboard> showing the
// last 12 months (the table's numbers equal to the chart's marks), the keyboard reaching the
// export, and the CSV really downloaded under the contract's name, UTF-8 with its BOM. No
// console error, no CSP violation. The backend's GET /indicators is tested over HTTP by the server
// and SDK tests (packages/server/src/indicators.e2e.test.ts, packages/sdk/src/indicators.test.ts).
/* global document, location */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { prepareOfflineWorker } from '../scripts/start.mjs';
import { skipWithoutChromium } from './support/chromium.mjs';
import { dashboardShown, launchChromium, until, watchedPage } from './support/dashboard-page.mjs';
import { freePort } from '../scripts/free-port.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Under CI the browser is required: no silent skip there.
const skip = skipWithoutChromium('the dashboard page test');

let server;
let url;
let downloads;

before(async () => {
  if (skip) return;
  prepareOfflineWorker();
  const vite = await import('vite');
  const port = await freePort();
  server = await vite.createServer({ configFile: join(root, 'demo', 'vite.config.mjs'), root: join(root, 'demo'), logLevel: 'silent', clearScreen: false, server: { host: '127.0.0.1', port, strictPort: true } });
  await server.listen();
  url = `http://127.0.0.1:${port}`;
  console.log(`demo page (offline mode) on ${url}`);
  downloads = mkdtempSync(join(tmpdir(), 'dcc-dashboard-downloads-'));
});

after(async () => {
  await server?.close();
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

test('« Tableau de bord » in the offline demo: figures, table = chart, CSV downloaded with the keyboard, no CSP violation', { skip, timeout: 240_000 }, async () => {
  const browser = await launchChromium();
  try {
    // Before the offline login, /auth/session answers 401 (the page then offers the login).
    const { page, problems } = await watchedPage(browser, { ignoreConsole: /^Failed to load resource: the server responded with a status of 401/, downloadPath: downloads });

    await page.goto(`${url}/?offline=1`);
    await page.waitForSelector('html[data-ready]', { timeout: 120_000 });
    await page.click('#login');
    await page.waitForSelector('#session-in:not([hidden])', { timeout: 30_000 });
    await page.click('#dashboard-link');
    await page.waitForSelector('#tableau-de-bord:not([hidden])', { timeout: 10_000 });
    const figures = await until(async () => {
      const view = await dashboardShown(page);
      return view && { ...view, ...(await page.evaluate(() => ({ workspaceHidden: document.getElementById('workspace').hidden, hash: location.hash }))) };
    }, 'the dashboard figures');
    assert.equal(figures.hash, '#tableau-de-bord');
    assert.equal(figures.workspaceHidden, true, 'the view replaces the workspace');
    assert.equal(figures.table.length, 12, 'the last 12 months');
    assert.ok(figures.table.some((r) => r.cells.created > 0), 'fictitious figures');
    assert.equal(figures.marks.length, 12 * 5);
    for (const mark of figures.marks) assert.equal(mark.value, figures.table.find((r) => r.month === mark.month).cells[mark.series], `${mark.series} ${mark.month}`);

    // The keyboard from the first filter to the export button, Enter: the file is downloaded.
    await page.evaluate(() => document.querySelector('dcc-dashboard').shadowRoot.querySelector('[part~="from-month"]').focus());
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.querySelector('dcc-dashboard').shadowRoot.activeElement?.getAttribute('part'));
    assert.equal(focused, 'export');
    await page.keyboard.press('Enter');
    const name = `indicateurs-dcc-${figures.period.from}-${figures.period.to}.csv`;
    await until(() => readdirSync(downloads).includes(name), `the download ${name}`, 30_000);
    const bytes = readFileSync(join(downloads, name));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    assert.match(lines[0], /;/, 'a header row with the ; separator');
    assert.ok(lines.length > 2, 'rows');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
