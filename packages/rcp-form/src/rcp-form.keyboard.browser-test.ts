// Keyboard-only fill of a full Fiche RCP: the patient, author and custodian come from
// <dcc-provider>, every other field of a realistic example of @dcc-kit/cda (04: cross-
// disciplinary board, relapse, quorum of five) is typed with Tab, text, arrows, Space and
// Enter; the document submitted with the keyboard passes the xsd and CANCER-FRCP layers.
// Example 04 keeps the run around two minutes on a shared 2-core CI; example 01 (937 fields)
// passes too in about 4 minutes (12,142 keys, measured once by replacing EXAMPLE below).
import '@dcc-kit/elements/testing/mocha-globals.js';
import { html } from 'lit';
import { fixture, assert, loadExampleJson, expectCdaConformant } from '@dcc-kit/elements/testing/index.js';
import { fillByKeyboard, comparable } from '../../elements/dist/form/testing/keyboard-fill.js';
import '@dcc-kit/elements/define/dcc-provider.js';
import './rcp-form.js';
import type { RcpForm } from './rcp-form.component.js';
import type { DccInvalidEvent, DccSubmitEvent } from '@dcc-kit/elements';

const EXAMPLE = '04-transversale-metastase-osseuse-rein-rechute.json';

describe('<rcp-form> keyboard only', () => {
  it('fills a full FRCP with the keyboard and submits a conformant document', async function () {
    this.timeout(600_000);
    const example = await loadExampleJson<Record<string, unknown>>('frcp', EXAMPLE);
    const { patient, author, custodian, ...typed } = example;
    const provider = await fixture<HTMLElement>(html`<dcc-provider .patient=${patient} .author=${author} .organization=${custodian}>
      <button id="before">before</button>
      <rcp-form></rcp-form>
    </dcc-provider>`);
    const editor = provider.querySelector('rcp-form') as RcpForm;
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
    await expectCdaConformant(submitted.xml, 'frcp');
  });
});
