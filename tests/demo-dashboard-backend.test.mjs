// <dcc-dashboard> against the real backend, in Debian's Chromium: the demo (`startDemo`: the
// backend on in-memory PGlite with the year of fictitious indicator history of
// scripts/demo-seed.mjs, the local Pro Santé Connect, the Vite page with its strict CSP) —
// a real login through the emulator's page as Dr LEFORT (ICO), the « Tableau de bord » view, the
// SDK calling GET /indicators over real HTTP. The table shows exactly the server's JSON months
// for the shown volet (then for the other), the chart's marks equal the table, the CSV the
// element downloads is byte for byte the server's CSV, and axe finds no WCAG 2.1 A/AA violation
// in the element. No console error, no CSP violation.
/* global document, axe */
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startDemo } from '../scripts/start.mjs';
import { skipWithoutChromium } from './support/chromium.mjs';
import { loginToDemo } from './support/demo-login.mjs';
import { dashboardShown, launchChromium, until, watchedPage } from './support/dashboard-page.mjs';

const skip = skipWithoutChromium('the dashboard page test');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let demo;
let downloads;

before(async () => {
  if (skip) return;
  demo = await startDemo({ port: 0, pscPort: 0, memory: true, quiet: true, history: true });
  console.log(`demo (real backend, seeded history) on ${demo.url}`);
  downloads = mkdtempSync(join(tmpdir(), 'dcc-dashboard-backend-'));
});

after(async () => {
  await demo?.close();
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

test('« Tableau de bord » on the real backend: the server’s figures in the table and the chart, its CSV downloaded, axe-clean', { skip, timeout: 300_000 }, async () => {
  const browser = await launchChromium();
  try {
    // A failed load is reported with its address by the response listener below.
    const { page, problems } = await watchedPage(browser, { ignoreConsole: /^Failed to load resource/, downloadPath: downloads });
    await page.setViewport({ width: 1400, height: 1000 });
    page.on('response', (r) => {
      // Before the login, /auth/session answers 401 (the page then offers the login); the page
      // declares no icon, so the browser's own /favicon.ico guess is a 404.
      const path = new URL(r.url()).pathname;
      if (r.status() >= 400 && !(r.status() === 401 && path === '/auth/session') && path !== '/favicon.ico') problems.push(`HTTP ${r.status()} ${path}`);
    });

    // A real login through the local Pro Santé Connect, acting for ICO.
    await loginToDemo(page, demo.url, { firstLoadTimeout: 120_000 });
    await page.click('#dashboard-link');
    await page.waitForSelector('#tableau-de-bord:not([hidden])', { timeout: 10_000 });

    const shown = () => dashboardShown(page);
    const first = await until(shown, 'the dashboard figures');
    assert.equal(first.table.length, 12, 'the last 12 months');

    // The server's JSON for the same period, fetched by the page with the same session.
    const q = `from=${first.period.from}&to=${first.period.to}`;
    const server = await page.evaluate(async (query) => (await fetch(`/indicators?${query}`, { credentials: 'same-origin' })).json(), q);
    assert.ok(server.rows.length > 10, `the seeded history is there (${server.rows.length} rows)`);
    assert.ok(server.establishments.length >= 3 && server.centers3c.length >= 3, 'several establishments and 3C');
    const compare = (view, volet) => {
      assert.equal(view.volet, volet);
      for (const row of view.table) {
        const want = server.months.find((m) => m.month === row.month && m.volet === volet);
        assert.ok(want, `${volet} ${row.month} in the server's months`);
        for (const [column, value] of Object.entries(row.cells)) assert.equal(value, want[column], `${volet} ${row.month} ${column}`);
      }
      assert.ok(view.table.some((r) => r.cells.created > 0 && r.cells.deposited > 0), `${volet}: real figures`);
      for (const mark of view.marks) assert.equal(mark.value, view.table.find((r) => r.month === mark.month).cells[mark.series], `${volet} mark ${mark.series} ${mark.month}`);
    };
    compare(first, 'pps');
    await page.evaluate(() => {
      const input = document.querySelector('dcc-dashboard').shadowRoot.querySelector('input[name="volet"][value="frcp"]');
      input.click();
    });
    compare(await until(async () => {
      const v = await shown();
      return v?.volet === 'frcp' ? v : undefined;
    }, 'the FRCP figures'), 'frcp');

    // axe (WCAG 2.1 A/AA) on the element with the real figures.
    await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async () => {
      const result = await axe.run(document.querySelector('dcc-dashboard'), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return result.violations.map((v) => `${v.id}: ${v.nodes.length} node(s)`);
    });
    assert.deepEqual(violations, []);

    // The CSV the element downloads is the server's CSV, byte for byte.
    await page.evaluate(() => document.querySelector('dcc-dashboard').shadowRoot.querySelector('[part~="export"]').click());
    const name = `indicateurs-dcc-${first.period.from}-${first.period.to}.csv`;
    await until(() => readdirSync(downloads).includes(name), `the download ${name}`, 30_000);
    const downloaded = readFileSync(join(downloads, name));
    const serverCsv = Buffer.from(await page.evaluate(async (query) => [...new Uint8Array(await (await fetch(`/indicators?${query}&format=csv`, { credentials: 'same-origin' })).arrayBuffer())], q));
    assert.deepEqual([...downloaded.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
    assert.equal(downloaded.toString('utf8'), serverCsv.toString('utf8'));
    assert.equal(downloaded.toString('utf8').split('\r\n').length, server.rows.length + 2, 'header, one line per server row, final CRLF');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
