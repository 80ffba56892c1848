// The printed PPS in Debian's Chromium: a host page (tests/print/, served by Vite) holds a
// <pps-editor> in preview, prepared for printing as « Imprimer » does; Chromium prints it to
// PDF (A4, page numbers) and pdfjs-dist reads the PDF back: the patient's name, the author,
// every treatment with its state, no empty column, nothing of the host page. A PNG of the first
// page (print media, A4 viewport) is kept in .artifacts/print/.
/* global document */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { loadExample } from '@dcc-kit/cda/examples';
import { openPrintPage, pdfPages, skipWithoutChromium } from './support/print-page.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ARTIFACTS = join(root, '.artifacts', 'print');
const skip = skipWithoutChromium('print test');

describe('the printed PPS (Chromium PDF of the print view)', { skip }, () => {
  let print;
  let page;
  let pages;
  let text;

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    print = await openPrintPage('index.html');
    page = print.page;
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
    writeFileSync(join(ARTIFACTS, 'pps.pdf'), pdf);
    pages = await pdfPages(pdf);
    text = pages.join(' ');
    // The first page as the printer sees it: print media, an A4 page at 96 dpi.
    await page.emulateMediaType('print');
    await page.setViewport({ width: 794, height: 1123 });
    await page.screenshot({ path: join(ARTIFACTS, 'pps-page-1.png') });
    console.log(`# ${pages.length} page(s); PDF and first page PNG: ${ARTIFACTS}`);
  });
  after(async () => {
    await print?.close();
  });

  test('A4 pages numbered « Page n sur N », and nothing of the host page', () => {
    assert.ok(pages.length >= 2, `${pages.length} page(s)`);
    pages.forEach((p, i) => assert.match(p, new RegExp(`Page ${i + 1} sur ${pages.length}`), `page ${i + 1}`));
    assert.doesNotMatch(text, /PAGE HÔTE|LIEN DE LA PAGE|PIED DE PAGE HÔTE/);
    assert.doesNotMatch(text, /Modifier|Aperçu|Imprimer/, 'no toolbar on paper');
  });

  test('the patient, the birth date and the author come first', () => {
    assert.match(pages[0], /Patient\(e\) Mme Isabelle MOREAU \(née ROUSSEAU\)/);
    assert.match(pages[0], /Date de naissance 14\/06\/1973/);
    assert.match(pages[0], /Rédigé par Dr Camille LEFORT, .*tél\.\s02\s41\s35\s27\s45/);
    assert.match(pages[0], /Votre équipe de soins/);
  });

  test('every treatment is printed with its state', () => {
    const model = loadExample('pps', '01').input;
    // Words wrap across lines in the PDF: compare without white space.
    const flat = text.replace(/\s+/g, '');
    const labels = model.therapeuticProgramme.treatments.map((act) => `${act.type.displayName}:${act.typePrecision}`.replace(/\s+/g, ''));
    const positions = labels.map((label) => flat.indexOf(label));
    const captions = [...flat.matchAll(/—(réalisé\(s\)|encoursouàvenir)|Page\d+sur\d+/g)].map((m) => m.index);
    model.therapeuticProgramme.treatments.forEach((act, i) => {
      assert.ok(positions[i] >= 0, `« ${labels[i].slice(0, 40)} » printed`);
      // The row: from the label to the next treatment label or table caption.
      const next = Math.min(...[...positions, ...captions].filter((p) => p > positions[i]), flat.length);
      const row = flat.slice(positions[i] + labels[i].length, next);
      // The state is the row's last cell: the last state word before the next row or caption.
      const state = [...row.matchAll(/réalisé(?!\(s\))|encours(?!ouàvenir)|àvenir|interrompu|annulé/g)].at(-1)?.[0];
      assert.equal(state, act.performed === 'done' ? 'réalisé' : state === 'encours' ? 'encours' : 'àvenir', `${labels[i].slice(0, 40)}: ${row.slice(-60)}`);
    });
    // Document of 19/11/2024, chemotherapy from 25/11/2024: to come, not ongoing.
    const chemo = labels.findIndex((l) => l.startsWith('chimiothérapie'));
    const afterChemo = Math.min(...[...positions, ...captions].filter((p) => p > positions[chemo]));
    assert.match(flat.slice(positions[chemo], afterChemo), /àvenir$/);
    assert.doesNotMatch(flat.slice(positions[chemo], afterChemo), /encours(?!ouàvenir)/);
  });

  test('no empty table column: the done treatments table has no planned dates, route or rhythm', async () => {
    const start = text.indexOf('Traitement — réalisé(s)');
    const end = text.indexOf('Mesure associée — réalisé(s)', start);
    assert.ok(start >= 0 && end > start);
    const table = text.slice(start, end);
    assert.match(table, /Type .*Dates confirmées/);
    assert.doesNotMatch(table, /Dates prévisionnelles|Mode d'administration|Rythme|Effets secondaires notables/);
    // And in the print view itself, no column of any table is empty.
    const empty = await page.evaluate(() => {
      const preview = document.querySelector('pps-editor').shadowRoot.querySelector('[part~="preview"]');
      const out = [];
      for (const table of preview.querySelectorAll('table')) {
        const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent.trim()));
        if (rows.length === 1 && rows[0].length === 1) continue;
        [...table.querySelectorAll('thead th')].forEach((th, c) => {
          if (c > 0 && !rows.some((r) => r[c])) out.push(`${table.querySelector('caption')?.textContent}: ${th.textContent}`);
        });
      }
      return out;
    });
    assert.deepEqual(empty, []);
  });
});
