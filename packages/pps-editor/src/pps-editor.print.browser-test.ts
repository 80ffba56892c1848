// <pps-editor>'s preview and « Imprimer »: the header part (patient, birth date, author, care
// team with phones), the care acts with their state, no empty table column, and the print
// preparation (document alone, A4, page numbers). The PDF itself: tests/print-view.test.mjs.
import '@dcc-kit/elements/testing/mocha-globals.js';
import { html } from 'lit';
import { fixture, assert, loadExampleJson, expectNoAxeViolations } from '@dcc-kit/elements/testing/index.js';
import { PRINTING_ATTRIBUTE } from '@dcc-kit/elements';
import './pps-editor.js';
import type { PpsEditor } from './pps-editor.component.js';

const EXAMPLE = '01-sein-gauche-fec-docetaxel-radiotherapie.json';

async function previewOf(model: Record<string, unknown>): Promise<{ editor: PpsEditor; preview: HTMLElement }> {
  const editor = await fixture<PpsEditor>(html`<pps-editor mode="preview" .value=${model}></pps-editor>`);
  await editor.previewComplete;
  await editor.updateComplete;
  return { editor, preview: editor.shadowRoot!.querySelector<HTMLElement>('[part~="preview"]')! };
}

const cells = (row: Element) => [...row.children].map((c) => c.textContent!.trim());

describe('<pps-editor> preview: the narrative the patient reads', () => {
  it('starts with the patient, the birth date, the author and the care team with phones', async () => {
    const { editor, preview } = await previewOf(await loadExampleJson('pps', EXAMPLE));
    const header = preview.querySelector<HTMLElement>('[part~="preview-header"]');
    assert.ok(header, 'header part');
    const facts = Object.fromEntries([...header.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling!.textContent]));
    assert.equal(facts['Patient(e)'], 'Mme Isabelle MOREAU (née ROUSSEAU)');
    assert.equal(facts['Date de naissance'], '14/06/1973');
    assert.match(facts['Rédigé par']!, /^Dr Camille LEFORT, .* — tél\.\u00a002\u00a041\u00a035\u00a027\u00a045$/);
    const team = header.querySelector('table')!;
    assert.equal(team.querySelector('caption')!.textContent, 'Votre équipe de soins');
    const phone = cells(team.querySelector('thead tr')!).indexOf('Téléphone');
    assert.ok(phone > 0);
    assert.ok([...team.querySelectorAll('tbody tr')].filter((tr) => /^0\d(\u00a0\d\d){4}/.test(cells(tr)[phone]!)).length >= 3, 'phones of the team');
    // The header comes before the first section.
    assert.ok(header.compareDocumentPosition(preview.querySelector('section')!) & Node.DOCUMENT_POSITION_FOLLOWING);
    await expectNoAxeViolations(editor, { context: 'preview with header' });
  });

  it('shows each treatment with its state and no empty column', async () => {
    const { preview } = await previewOf(await loadExampleJson('pps', EXAMPLE));
    const tables = [...preview.querySelectorAll('table')];
    for (const table of tables) {
      const headers = [...table.querySelectorAll('thead th')];
      const rows = [...table.querySelectorAll('tbody tr')].map(cells);
      if (headers.length === 0 || (rows.length === 1 && rows[0]!.length === 1)) continue;
      headers.forEach((th, c) => {
        if (c > 0) assert.ok(rows.some((r) => r[c] !== ''), `« ${table.querySelector('caption')?.textContent} »: column « ${th.textContent} » empty`);
      });
    }
    const planned = tables.find((t) => t.querySelector('caption')?.textContent === 'Traitement — en cours ou à venir')!;
    const state = cells(planned.querySelector('thead tr')!).indexOf('État');
    const rows = [...planned.querySelectorAll('tbody tr')].map(cells);
    // Document of 19/11/2024: the chemotherapy starts on 25/11/2024, so it is to come, not ongoing.
    assert.equal(rows.find((r) => r[0]!.startsWith('chimiothérapie'))![state], 'à venir');
    assert.ok(rows.every((r) => ['à venir', 'en cours'].includes(r[state]!)));
    const done = tables.find((t) => t.querySelector('caption')?.textContent === 'Traitement — réalisé(s)')!;
    assert.deepEqual(
      [...done.querySelectorAll('tbody tr')].map((tr) => cells(tr).at(-1)),
      ['réalisé'],
    );
  });

  it('labels a pathological stage pTNM, not « Stade clinique »', async () => {
    const model = await loadExampleJson<Record<string, unknown> & { tumours: { tnm?: Record<string, string> }[] }>('pps', '02-colon-sigmoide-capox-v1.json');
    model.tumours[0]!.tnm = { ...model.tumours[0]!.tnm, t: 'pT3', n: 'pN1a', m: 'M0' };
    const { preview } = await previewOf(model);
    const labels = [...preview.querySelectorAll('td:first-child')].map((td) => td.textContent);
    assert.ok(labels.includes('Stade pathologique (pTNM)'), labels.join(' | '));
    assert.ok(!labels.includes('Stade clinique (cTNM)'));
  });
});

describe('<pps-editor> « Imprimer »', () => {
  it('prints the document alone: the element is marked and the A4 page sheet adopted while printing, then removed', async () => {
    const { editor } = await previewOf(await loadExampleJson('pps', EXAMPLE));
    const print = editor.shadowRoot!.querySelector<HTMLButtonElement>('button[data-action="print"]')!;
    assert.equal(print.textContent, 'Imprimer');
    const sheetsBefore = document.adoptedStyleSheets.length;
    let during: { marked: boolean; css: string } | undefined;
    const realPrint = window.print;
    window.print = () => {
      during = { marked: editor.hasAttribute(PRINTING_ATTRIBUTE), css: [...document.adoptedStyleSheets.at(-1)!.cssRules].map((r) => r.cssText).join('\n') };
    };
    try {
      print.click();
    } finally {
      window.print = realPrint;
    }
    assert.ok(during?.marked, 'marked while printing');
    assert.match(during!.css, /size: a4/i);
    assert.match(during!.css, /@bottom-right/);
    assert.match(during!.css, /"Page " counter\(page\) " sur " counter\(pages\)/);
    window.dispatchEvent(new Event('afterprint'));
    assert.ok(!editor.hasAttribute(PRINTING_ATTRIBUTE));
    assert.equal(document.adoptedStyleSheets.length, sheetsBefore);
  });
});
