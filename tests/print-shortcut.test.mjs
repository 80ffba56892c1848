// Ctrl+P and the host page (issue 13): inside an editor, Ctrl+P prints the document's print view
// (what « Imprimer » prints), never the host page; from the host page, Ctrl+P prints the page as
// before unless the host routes it to the editor with `routePagePrint` (optional), and then
// prints the document too. Real keys in Debian's Chromium (puppeteer), the printed state read
// back from Chromium's PDF with pdfjs-dist.
/* global document, window, Event */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openPrintPage, pdfPages, skipWithoutChromium } from './support/print-page.mjs';

const skip = skipWithoutChromium('print shortcut test');
const HOST_TEXT = /PAGE HÔTE|LIEN DE LA PAGE|PIED DE PAGE HÔTE/;

describe('Ctrl+P: the document, not the host page', { skip }, () => {
  let print;
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
  const printed = async () => (await pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: false }))).join(' ');
  const afterPrint = () => page.evaluate(() => window.dispatchEvent(new Event('afterprint')));

  before(async () => {
    print = await openPrintPage('shortcut.html');
    page = print.page;
  });
  after(async () => {
    await print?.close();
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
