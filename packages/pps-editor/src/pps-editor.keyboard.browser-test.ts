// Keyboard-only fill of a full PPS: the patient, author and custodian come from
// <dcc-provider>, every other field of a realistic example of @dcc-kit/cda is typed with Tab,
// text, arrows, Space and Enter; the document submitted with the keyboard passes the xsd and
// CANCER-PPS layers. Example 12 (118 fields, 2,300 characters) keeps the run short on a shared
// 2-core CI; example 01 (921 fields, 15,000 characters) passes too but takes about 5 minutes
// (13,912 keys, measured once by replacing EXAMPLE below).
import '@dcc-kit/elements/testing/mocha-globals.js';
import { html } from 'lit';
import { fixture, assert, loadExampleJson, expectCdaConformant } from '@dcc-kit/elements/testing/index.js';
import { fillByKeyboard, comparable } from '../../elements/dist/form/testing/keyboard-fill.js';
import '@dcc-kit/elements/define/dcc-provider.js';
import './pps-editor.js';
import type { PpsEditor } from './pps-editor.component.js';
import type { DccInvalidEvent, DccSubmitEvent } from '@dcc-kit/elements';

const EXAMPLE = '12-lymphome-hodgkin-jeune-adulte-abvd.json';

describe('<pps-editor> keyboard only', () => {
  it('fills a full PPS with the keyboard and submits a conformant document', async function () {
    this.timeout(600_000);
    const example = await loadExampleJson<Record<string, unknown>>('pps', EXAMPLE);
    const { patient, author, custodian, ...typed } = example;
    const provider = await fixture<HTMLElement>(html`<dcc-provider .patient=${patient} .author=${author} .organization=${custodian}>
      <button id="before">before</button>
      <pps-editor></pps-editor>
    </dcc-provider>`);
    const editor = provider.querySelector('pps-editor') as PpsEditor;
    let submitted: DccSubmitEvent['detail'] | undefined;
    let invalid: readonly { path: string; code: string }[] | undefined;
    editor.addEventListener('dcc-submit', (e) => (submitted = (e as DccSubmitEvent).detail));
    editor.addEventListener('dcc-invalid', (e) => (invalid = (e as DccInvalidEvent).detail.issues));
    (provider.querySelector('#before') as HTMLButtonElement).focus();
    const started = performance.now();
    const report = await fillByKeyboard(editor, typed);
    console.log(`keyboard fill: ${report.keys} keys, ${report.steps} steps, ${Math.round((performance.now() - started) / 1000)} s`);
    assert.ok(report.submitted);
    for (let i = 0; i < 200 && !submitted && !invalid; i++) await new Promise((r) => setTimeout(r, 50));
    if (invalid) {
      const got = comparable(editor.value) as Record<string, unknown>;
      const want = comparable(example) as Record<string, unknown>;
      const differing = Object.keys(want).filter((k) => JSON.stringify(got[k]) !== JSON.stringify(want[k]));
      assert.fail(`dcc-invalid: ${invalid.map((i) => `${i.path} ${i.code}`).join('; ')} — differing keys: ${differing.map((k) => `${k}: ${JSON.stringify(got[k])?.slice(0, 300)} vs ${JSON.stringify(want[k])?.slice(0, 300)}`).join(' | ')}`);
    }
    assert.ok(submitted, 'dcc-submit was fired after Enter on the submit button');
    assert.deepEqual(comparable(submitted.model), comparable(example));
    await expectCdaConformant(submitted.xml, 'pps');
  });
});
