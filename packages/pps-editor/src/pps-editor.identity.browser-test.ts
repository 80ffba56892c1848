// <pps-editor>'s identity status line: the status the host gives through <dcc-provider>, and
// why a non-qualified identity cannot be deposited (texts of @dcc-kit/cda/identity), in French
// and English; follows a change of status; axe-clean.
import '@dcc-kit/elements/testing/mocha-globals.js';
import { html } from 'lit';
import { fixture, assert, loadExampleJson, expectNoAxeViolations, editorValidated as settled } from '@dcc-kit/elements/testing/index.js';
import type { DccProvider } from '@dcc-kit/elements';
import '@dcc-kit/elements/define/dcc-provider.js';
import './pps-editor.js';
import type { PpsEditor } from './pps-editor.component.js';

const part = (editor: PpsEditor, name: string) => editor.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('<pps-editor> identity status', () => {
  it('says why a provisional identity cannot be deposited, then that a qualified one can', async function () {
    this.timeout(120_000); // axe on a whole PPS, on a loaded machine
    const model = await loadExampleJson<Record<string, unknown>>('pps', '12-lymphome-hodgkin-jeune-adulte-abvd.json');
    const provider = await fixture<DccProvider>(html`<dcc-provider locale="fr" .identityStatus=${'provisional'}><pps-editor .value=${model}></pps-editor></dcc-provider>`);
    const editor = provider.querySelector('pps-editor') as PpsEditor;
    await settled(editor);
    assert.match(part(editor, 'identity-status-label')!.textContent!, /Identité du patient : identité provisoire\./);
    assert.match(part(editor, 'identity-status-why')!.textContent!, /Seule une identité INS qualifiée peut alimenter le DMP.*INSi/);
    await expectNoAxeViolations(editor, { context: 'identity provisional' });

    provider.identityStatus = 'qualified';
    await provider.updateComplete;
    await editor.updateComplete;
    assert.match(part(editor, 'identity-status-label')!.textContent!, /INS qualifiée/);
    assert.equal(part(editor, 'identity-status-why'), null);
  });

  it('speaks English with the page, and shows nothing when the host gives no status', async () => {
    const model = await loadExampleJson<Record<string, unknown>>('pps', '12-lymphome-hodgkin-jeune-adulte-abvd.json');
    const provider = await fixture<DccProvider>(html`<dcc-provider locale="en" .identityStatus=${'recovered'}><pps-editor .value=${model}></pps-editor></dcc-provider>`);
    const editor = provider.querySelector('pps-editor') as PpsEditor;
    await settled(editor);
    assert.match(part(editor, 'identity-status-why')!.textContent!, /no high-trust identity document was checked/);
    const bare = await fixture<PpsEditor>(html`<pps-editor .value=${model}></pps-editor>`);
    await settled(bare);
    assert.equal(part(bare, 'identity-status'), null);
  });
});
