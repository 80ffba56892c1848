// « Focus landing » (issue 13): after a start from the RCP, and when Enter confirms a group, focus
// lands on the next field still to fill (the first with an error, or required and empty) so
// that typing continues without Tabs; the live region says where; focus is never taken from a
// field the user is typing in outside the editor.
import '@dcc-kit/elements/testing/mocha-globals.js';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { fixture, assert, loadExampleJson, expectNoAxeViolations, deepActiveElement, editorControl as control, editorRendered as rendered } from '@dcc-kit/elements/testing/index.js';
import { modelValueAt as valueAt, isEmptyModelValue as empty } from '@dcc-kit/elements/testing/index.js';
import '@dcc-kit/elements/define/dcc-provider.js';
import type { FrcpDocument } from '@dcc-kit/cda/core';
import './pps-editor.js';
import type { PpsEditor } from './pps-editor.component.js';

const rcp = () => loadExampleJson<FrcpDocument>('frcp', '01-sein-appareil-organes-post-operatoire.json');
const live = (editor: PpsEditor) => editor.shadowRoot!.querySelector('.live')!.textContent!.trim();
/** The form's required controls in document order, visible ones only (what the clinician can reach). */
function requiredControls(editor: PpsEditor): HTMLElement[] {
  return [...editor.shadowRoot!.querySelectorAll<HTMLElement>('input[data-path][required],select[data-path][required],textarea[data-path][required],dcc-code-picker[data-path][required]')].filter(
    (c) => (c as HTMLInputElement).type !== 'checkbox' && !c.closest('[hidden]') && (!c.closest('details') || c.closest('details')!.open),
  );
}
/** The form control that has focus (a picker: its host). */
function focusedControl(): HTMLElement {
  const focused = deepActiveElement() as HTMLElement;
  const root = focused.getRootNode() as ShadowRoot;
  return root.host?.localName === 'dcc-code-picker' ? (root.host as HTMLElement) : focused;
}

describe('<pps-editor> focus landing on the next field to fill', () => {
  it('after startFromRcp: focus on the first empty required field, announced', async function () {
    this.timeout(120_000);
    const frcp = await rcp();
    // No author from the host: the author's fields are the clinician's to fill.
    const provider = await fixture<HTMLElement>(html`<dcc-provider><button id="start">Nouveau PPS depuis la RCP</button><pps-editor></pps-editor></dcc-provider>`);
    const editor = provider.querySelector('pps-editor') as PpsEditor;
    await rendered(editor);
    provider.querySelector<HTMLButtonElement>('#start')!.focus();
    await editor.startFromRcp(frcp);
    const firstEmpty = requiredControls(editor).find((c) => empty(valueAt(editor.value, c.dataset.path!)));
    assert.ok(firstEmpty, 'the started PPS leaves a required field to fill');
    const focused = focusedControl();
    assert.equal(focused.dataset.path, firstEmpty!.dataset.path, 'focus is on the first empty required field');
    assert.match(live(editor), /^À remplir : /);
    await expectNoAxeViolations(editor.shadowRoot!.querySelector('.live')!, { context: 'live region' });
  });

  it('never takes the focus from a field the user is typing in outside the editor', async function () {
    this.timeout(120_000);
    const frcp = await rcp();
    const provider = await fixture<HTMLElement>(html`<dcc-provider><input id="search" aria-label="Recherche patient" /><pps-editor></pps-editor></dcc-provider>`);
    const editor = provider.querySelector('pps-editor') as PpsEditor;
    await rendered(editor);
    const search = provider.querySelector<HTMLInputElement>('#search')!;
    search.focus();
    await sendKeys({ type: 'dup' });
    const started = await editor.startFromRcp(frcp);
    assert.ok(started.careTeamCandidates.length > 0, 'the start itself is done');
    assert.equal(document.activeElement, search, 'focus stays where the user types');
    assert.equal(search.value, 'dup');
  });

  it('Enter confirms a group: focus lands on the next empty required field; nothing left: on « Valider et enregistrer »', async function () {
    this.timeout(120_000);
    const model = await loadExampleJson<Record<string, any>>('pps', '12-lymphome-hodgkin-jeune-adulte-abvd.json'); // eslint-disable-line @typescript-eslint/no-explicit-any
    const editor = await fixture<PpsEditor>(html`<pps-editor .value=${model}></pps-editor>`);
    await rendered(editor);
    assert.equal(requiredControls(editor).filter((c) => empty(valueAt(editor.value, c.dataset.path!))).length, 0, 'the example fills every required field');
    const start = 'therapeuticProgramme.treatments[0].plannedPeriod.start';
    // Nothing left to fill: Enter leads to the save button.
    control(editor, start)!.focus();
    await sendKeys({ press: 'Enter' });
    await rendered(editor);
    assert.equal(deepActiveElement(), editor.shadowRoot!.querySelector('[part~="submit"]'));
    assert.match(live(editor), /Tous les champs obligatoires sont remplis/);
    // A required field of the last treatment left empty: the one Enter must lead to.
    const target = requiredControls(editor).find((c) => c.dataset.path!.startsWith('therapeuticProgramme.treatments[2].'));
    assert.ok(target, 'the last treatment has a required field');
    const targetPath = target!.dataset.path!;
    const emptied = structuredClone(model);
    const keys = targetPath.replace(/\[(\d+)\]/g, '.$1').split('.');
    const owner = keys.slice(0, -1).reduce<any>((at, k) => at[k], emptied); // eslint-disable-line @typescript-eslint/no-explicit-any
    delete owner[keys[keys.length - 1]!];
    editor.value = emptied;
    await rendered(editor);
    control(editor, start)!.focus();
    await sendKeys({ press: 'Enter' });
    await rendered(editor);
    assert.equal(focusedControl().dataset.path, targetPath, 'focus on the emptied required field');
    assert.match(live(editor), /^À remplir : .*3/, live(editor));
  });
});
