// <rcp-form>'s preview and « Imprimer »: the header part from @dcc-kit/cda/narrative (patient,
// birth date, author, RCP date, RCP team with phones), no empty table column, the print
// preparation shared with <pps-editor>.
import '@dcc-kit/elements/testing/mocha-globals.js';
import { html } from 'lit';
import { fixture, assert, loadExampleJson, expectNoAxeViolations } from '@dcc-kit/elements/testing/index.js';
import { PRINTING_ATTRIBUTE } from '@dcc-kit/elements';
import './rcp-form.js';
import type { RcpForm } from './rcp-form.component.js';

const cells = (row: Element) => [...row.children].map((c) => c.textContent!.trim());

describe('<rcp-form> preview and print', () => {
  it('starts with the patient, the author, the RCP date and its team; no empty column; prints alone', async () => {
    const model = await loadExampleJson<Record<string, unknown>>('frcp', '01-sein-appareil-organes-post-operatoire.json');
    const form = await fixture<RcpForm>(html`<rcp-form mode="preview" .value=${model}></rcp-form>`);
    await form.previewComplete;
    await form.updateComplete;
    const preview = form.shadowRoot!.querySelector<HTMLElement>('[part~="preview"]')!;
    const header = preview.querySelector<HTMLElement>('[part~="preview-header"]')!;
    const facts = Object.fromEntries([...header.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling!.textContent]));
    assert.equal(facts['Patient(e)'], 'Mme Isabelle MOREAU (née ROUSSEAU)');
    assert.equal(facts['Date de naissance'], '14/06/1973');
    assert.match(facts['Rédigé par']!, /^Dr Rémi GARNIER/);
    assert.equal(facts['Date de la RCP'], '05/11/2024');
    assert.match(header.querySelector('tbody')!.textContent!, /02\u00a041\u00a035\u00a027\u00a090/);
    for (const table of preview.querySelectorAll('table')) {
      const rows = [...table.querySelectorAll('tbody tr')].map(cells);
      if (rows.length === 1 && rows[0]!.length === 1) continue;
      [...table.querySelectorAll('thead th')].forEach((th, c) => {
        if (c > 0) assert.ok(rows.some((r) => r[c] !== ''), `column « ${th.textContent} » empty`);
      });
    }
    await expectNoAxeViolations(form, { context: 'preview with header' });

    let marked = false;
    const realPrint = window.print;
    window.print = () => (marked = form.hasAttribute(PRINTING_ATTRIBUTE));
    try {
      form.shadowRoot!.querySelector<HTMLButtonElement>('button[data-action="print"]')!.click();
    } finally {
      window.print = realPrint;
    }
    assert.ok(marked);
    window.dispatchEvent(new Event('afterprint'));
    assert.ok(!form.hasAttribute(PRINTING_ATTRIBUTE));
  });
});
