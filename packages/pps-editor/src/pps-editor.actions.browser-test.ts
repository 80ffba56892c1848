// « Fewer keys » (issue 13): saving is one keystroke away from anywhere in the form — Ctrl+S
// submits from a field deep in the form, and the action bar stays in view (sticky).
import '@dcc-kit/elements/testing/mocha-globals.js';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { fixture, assert, loadExampleJson, expectNoAxeViolations, deepActiveElement, editorControl as control, editorRendered as rendered } from '@dcc-kit/elements/testing/index.js';
import './pps-editor.js';
import type { PpsEditor } from './pps-editor.component.js';

describe('<pps-editor> action bar', () => {
  it('submits with Ctrl+S from a field deep in the form, and keeps its action bar in view', async function () {
    this.timeout(120_000); // a whole PPS rendered, checked and built on a shared machine
    const model = await loadExampleJson<Record<string, unknown>>('pps', '12-lymphome-hodgkin-jeune-adulte-abvd.json');
    const editor = await fixture<PpsEditor>(html`<pps-editor .value=${{ ...model, patientComment: 'Commentaire.' }}></pps-editor>`);
    await rendered(editor);
    const submitted = new Promise<Event>((resolve) => editor.addEventListener('dcc-submit', resolve, { once: true }));
    control(editor, 'patientComment')!.focus();
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'KeyS' });
    await sendKeys({ up: 'Control' });
    const event = (await submitted) as CustomEvent<{ xml: string }>;
    assert.match(event.detail.xml, /<ClinicalDocument/);
    const bar = editor.shadowRoot!.querySelector<HTMLElement>('[part~="actions"]')!;
    assert.equal(getComputedStyle(bar).position, 'sticky');
    assert.equal(bar.querySelector('[part~="submit"]')!.getAttribute('aria-keyshortcuts'), 'Control+S Meta+S');
    await expectNoAxeViolations(bar, { context: 'action bar' });
  });

  it('adds the next item of a list with Enter in a field of its last item', async function () {
    this.timeout(120_000);
    const model = await loadExampleJson<Record<string, any>>('pps', '12-lymphome-hodgkin-jeune-adulte-abvd.json'); // eslint-disable-line @typescript-eslint/no-explicit-any
    const editor = await fixture<PpsEditor>(html`<pps-editor .value=${model}></pps-editor>`);
    await rendered(editor);
    const treatments = () => (editor.value.therapeuticProgramme as { treatments: unknown[] }).treatments.length;
    assert.equal(treatments(), 3);
    control(editor, 'therapeuticProgramme.treatments[1].plannedPeriod.start')!.focus();
    await sendKeys({ press: 'Enter' });
    await editor.updateComplete;
    assert.equal(treatments(), 3, 'Enter in an item that is not the last adds nothing');
    control(editor, 'therapeuticProgramme.treatments[2].plannedPeriod.start')!.focus();
    await sendKeys({ press: 'Enter' });
    await rendered(editor);
    assert.equal(treatments(), 4, 'Enter in the last item adds the next one');
    const focused = deepActiveElement() as HTMLElement;
    const inNewItem = focused.closest?.('[data-path]') ?? (focused.getRootNode() as ShadowRoot).host;
    assert.match((inNewItem as HTMLElement).dataset.path ?? '', /^therapeuticProgramme\.treatments\[3\]/, 'focus moves into the new item');
  });

  it('keeps the text typed in a picker that names no concept as the free text beside the code', async function () {
    this.timeout(120_000);
    const model = await loadExampleJson<Record<string, any>>('pps', '12-lymphome-hodgkin-jeune-adulte-abvd.json'); // eslint-disable-line @typescript-eslint/no-explicit-any
    model.tumours[0].topography = { coding: model.tumours[0].topography.coding };
    const editor = await fixture<PpsEditor>(html`<pps-editor .value=${model}></pps-editor>`);
    await rendered(editor);
    const picker = control(editor, 'tumours[0].topography.coding') as unknown as HTMLElement & { updateComplete: Promise<unknown> };
    const input = picker.shadowRoot!.querySelector('input')!;
    input.focus();
    input.select();
    await sendKeys({ type: 'zzz aire inconnue' });
    await sendKeys({ press: 'Tab' });
    await editor.updateComplete;
    const topography = (editor.value.tumours as Record<string, any>[])[0]!.topography; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.equal(topography.coding.code, 'C81.1', 'the choice is kept');
    assert.equal(topography.text, 'zzz aire inconnue', 'the typed text is kept as the free text');
    assert.match(editor.shadowRoot!.querySelector('.live')!.textContent!, /Texte saisi conservé/);
  });
});
