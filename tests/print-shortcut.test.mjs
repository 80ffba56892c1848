// Ctrl+P and the host page (issue 13): inside an editor, Ctrl+P prints the document's print view
// (what « Imprimer » prints), never the host page; from the host page, Ctrl+P prints the page as
// before unless the host routes it to the editor with `routePagePrint` (optional), and then
// prints the document too. Real keys in Debian's Chromium (puppeteer), the printed state read
// back from Chromium's PDF with pdfjs-dist.
/* global document, window, Event */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) || process.env.CI ? false : `${CHROMIUM} not found (set CHROME_PATH): print shortcut test skipped`;
const HOST_TEXT = /PAGE HÔTE|LIEN DE LA PAGE|PIED DE PAGE HÔTE/;

async function pdfText(bytes) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: true, isEvalSupported: false }).promise;
  let text = '';
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : '')).join('') + ' ';
  }
  await pdf.destroy();
  return text.replace(/\s+/g, ' ');
}

describe('Ctrl+P: the document, not the host page', { skip }, () => {
  let server;
  let browser;
  let page;

  /** Ctrl+P with real keys (CDP key events). */
  const pressCtrlP = async () => {
    await page.keyboard.down('Control');
    await page.keyboard.press('p');
    await page.keyboard.up('Control');
  };
  const state = () =>
    page.evaluate(() => {
      const editor = document.querySelector('pps-editor');
      return { printCalls: globalThis.printCalls, printing: editor.hasAttribute('data-dcc-printing'), mode: editor.mode, lastPrintKey: { defaultPrevented: globalThis.lastPrintKey?.defaultPrevented } };
    });
  const printed = async () => pdfText(await page.pdf({ preferCSSPageSize: true, printBackground: false }));
  const afterPrint = () => page.evaluate(() => window.dispatchEvent(new Event('afterprint')));

  before(async () => {
    const vite = await import('vite');
    server = await vite.createServer({
      configFile: false,
      root: join(root, 'tests', 'print'),
      logLevel: 'error',
      server: { host: '127.0.0.1', port: 0, strictPort: false, fs: { allow: [root] } },
    });
    await server.listen();
    const url = new URL('shortcut.html', server.resolvedUrls.local[0]).href;
    console.log(`# print shortcut page: ${url}`);
    const { default: puppeteer } = await import('puppeteer-core');
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(url, { waitUntil: 'load' });
    try {
      await page.waitForFunction(() => globalThis.printViewReady === true, { timeout: 120_000, polling: 100 });
    } catch (error) {
      throw new Error(`page not ready (${problems.join(' | ')})`, { cause: error });
    }
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('Ctrl+P in a field of the form prints the print view alone, then the form comes back with focus in the field', async () => {
    // Focus in the first text field of the form.
    const field = await page.evaluateHandle(() => document.querySelector('pps-editor').shadowRoot.querySelector('input[type="text"]:not([role])'));
    await field.focus();
    const fieldPath = await field.evaluate((el) => el.dataset.path);
    await pressCtrlP();
    await page.waitForFunction(() => globalThis.printCalls === 1, { timeout: 60_000, polling: 50 });
    const during = await state();
    assert.equal(during.printing, true, 'the editor is marked for printing');
    assert.equal(during.mode, 'preview', 'the print view is shown for the print');
    assert.equal(during.lastPrintKey.defaultPrevented, true, 'the browser does not print the page');
    const text = await printed();
    assert.match(text, /Mme Isabelle MOREAU/, 'the patient is printed');
    assert.match(text, /Page 1 sur \d+/, 'pages numbered');
    assert.doesNotMatch(text, HOST_TEXT, 'nothing of the host page');
    assert.doesNotMatch(text, /Valider et enregistrer|Aperçu|Imprimer/, 'neither the form nor the toolbar');
    await afterPrint();
    await page.waitForFunction(() => document.querySelector('pps-editor').mode === 'edit', { timeout: 10_000 });
    const back = await page.evaluate(() => ({
      printing: document.querySelector('pps-editor').hasAttribute('data-dcc-printing'),
      focused: document.querySelector('pps-editor').shadowRoot.activeElement?.dataset?.path,
      sheets: document.adoptedStyleSheets.length,
    }));
    assert.deepEqual(back, { printing: false, focused: fieldPath, sheets: 0 });
  });

  test('Ctrl+P from the host page prints the page as before, unless the host routes it to the editor', async () => {
    await page.focus('#host-link');
    await pressCtrlP();
    let now = await state();
    assert.equal(now.lastPrintKey.defaultPrevented, false, 'left to the browser');
    assert.equal(now.printCalls, 1, 'the editor did not print');
    assert.equal(now.printing, false);

    await page.evaluate(() => globalThis.routePagePrint());
    await page.focus('#host-link');
    await pressCtrlP();
    await page.waitForFunction(() => globalThis.printCalls === 2, { timeout: 60_000, polling: 50 });
    now = await state();
    assert.equal(now.lastPrintKey.defaultPrevented, true);
    assert.equal(now.printing, true);
    const text = await printed();
    assert.match(text, /Mme Isabelle MOREAU/);
    assert.doesNotMatch(text, HOST_TEXT);
    await afterPrint();
    await page.waitForFunction(() => document.querySelector('pps-editor').mode === 'edit', { timeout: 10_000 });
  });

  test('with the route, the browser’s Print command prints the document alone while the editor shows its preview', async () => {
    // From the form, the menu's print is the host page's (it cannot wait for a preview).
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    assert.equal((await state()).printing, false);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.evaluate(async () => {
      const editor = document.querySelector('pps-editor');
      editor.mode = 'preview';
      await editor.previewComplete;
      await editor.updateComplete;
      window.dispatchEvent(new Event('beforeprint'));
    });
    assert.equal((await state()).printing, true);
    const text = await printed();
    assert.match(text, /Mme Isabelle MOREAU/);
    assert.doesNotMatch(text, HOST_TEXT);
    await afterPrint();
    assert.equal((await state()).printing, false);
    await page.evaluate(() => globalThis.unroute());
  });
});
