// <pps-editor> in Chromium: native form association, validation timing and summary,
// localisation, preview of the narrative, encrypted draft restore, axe in each state.
import '@dcc-kit/elements/testing/mocha-globals.js';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { fixture, assert, loadExampleJson, expectNoAxeViolations, editorControl as control, editorValidated as settled } from '@dcc-kit/elements/testing/index.js';
import { deepActiveElement, FakeClock } from '@dcc-kit/elements/testing';
import { DRAFT_DEBOUNCE_MS, DraftStore, patientFingerprint, type DccDraftSavedEvent, type DccServerVersionNewerEvent } from '@dcc-kit/elements';
import '@dcc-kit/elements/define/dcc-provider.js';
import './pps-editor.js';
import type { PpsEditor } from './pps-editor.component.js';

const EXAMPLE = '12-lymphome-hodgkin-jeune-adulte-abvd.json';
// Example 12 has no free comment on the patient: the tests add one to edit.
const example = async (): Promise<Record<string, unknown>> => ({
  ...(await loadExampleJson<Record<string, unknown>>('pps', EXAMPLE)),
  patientComment: 'Patient informé du programme.',
});
const shadow = (el: PpsEditor) => el.shadowRoot!;
/** data-path of the editor control holding focus (through a picker's shadow root). */
function focusedPath(editor: PpsEditor): string {
  let el = deepActiveElement() as HTMLElement | null;
  while (el && !(el.getRootNode() === editor.shadowRoot && el.dataset.path !== undefined)) {
    const root = el.getRootNode();
    el = root instanceof ShadowRoot ? (root.host as HTMLElement) : null;
  }
  return el?.dataset.path ?? '';
}
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('<pps-editor> form association', () => {
  it('submits the model JSON under its name, resets, follows <fieldset disabled> and reports validity', async () => {
    const model = await example();
    const form = await fixture<HTMLFormElement>(html`<form>
      <fieldset><pps-editor name="pps" .value=${model}></pps-editor></fieldset>
    </form>`);
    const editor = form.querySelector('pps-editor') as PpsEditor;
    await settled(editor);
    assert.equal(editor.modelIssues.length, 0, 'the example is valid');
    assert.equal(form.checkValidity(), true);
    assert.deepEqual(JSON.parse(String(new FormData(form).get('pps'))), model);

    // An edit changes the submitted value; reset gives the initial value back.
    const comment = control(editor, 'patientComment')!;
    comment.focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' Ajout.' });
    assert.match(String(new FormData(form).get('pps')), /Ajout\./);
    form.reset();
    await editor.updateComplete;
    assert.deepEqual(JSON.parse(String(new FormData(form).get('pps'))), model);
    assert.equal(control(editor, 'patientComment')!.value, model.patientComment);

    // Invalid model → invalid form.
    editor.value = { ...model, tumours: [] };
    await settled(editor);
    assert.equal(form.checkValidity(), false);
    assert.ok(editor.validationMessage.length > 0);

    // <fieldset disabled> disables the editor: not submitted, controls disabled.
    form.querySelector('fieldset')!.disabled = true;
    await editor.updateComplete;
    assert.ok(editor.matches(':state(disabled)'));
    assert.equal(new FormData(form).has('pps'), false);
    assert.ok(shadow(editor).querySelector<HTMLFieldSetElement>('fieldset.root')!.disabled);
  });

  it('does not take a model from a state given back by the browser (restore goes through the encrypted draft)', async () => {
    // The browser keeps form state unencrypted in session history: the editor gives it only a
    // marker, and restores from its draft (pps-editor.forms.browser-test.ts); a model is ignored.
    const model = await example();
    const editor = await fixture<PpsEditor>('<pps-editor name="pps"></pps-editor>');
    editor.formStateRestoreCallback(JSON.stringify(model), 'restore');
    await settled(editor);
    assert.equal(editor.value.patientComment, undefined);
    assert.equal(control(editor, 'patientComment')!.value, '');
  });
});

describe('<pps-editor> validation', () => {
  it('shows a field error only after the user leaves the field', async () => {
    const editor = await fixture<PpsEditor>('<pps-editor></pps-editor>');
    const family = control(editor, 'patient.birthFamilyName')!;
    const given = control(editor, 'patient.birthGivenNames')!;
    family.focus();
    await sendKeys({ type: 'X' });
    await sendKeys({ press: 'Backspace' });
    await settled(editor);
    assert.equal(family.getAttribute('aria-invalid'), null, 'no error while typing');
    assert.equal(shadow(editor).querySelectorAll('[part~="error"]').length, 0);
    await sendKeys({ press: 'Tab' }); // leaves the field
    await settled(editor);
    assert.equal(family.getAttribute('aria-invalid'), 'true');
    const errorId = family.getAttribute('aria-describedby')!.split(' ').find((id) => id.startsWith('e-'))!;
    assert.match(shadow(editor).getElementById(errorId)!.textContent!, /obligatoire/);
    assert.equal(given.getAttribute('aria-invalid'), null, 'a field not left yet shows nothing');
    assert.ok(editor.matches(':state(user-invalid)'));
    await expectNoAxeViolations(editor, { context: 'field error shown' });
  });

  it('lists every error in a summary whose links focus the fields', async () => {
    const model = await example();
    const editor = await fixture<PpsEditor>(html`<pps-editor .value=${{ ...model, referencedDocuments: [], tumours: [] }}></pps-editor>`);
    await settled(editor);
    const issues = editor.modelIssues;
    assert.ok(issues.length >= 2);
    assert.equal(shadow(editor).querySelector('[part~="summary"]'), null, 'no summary before a check');
    assert.equal(editor.checkValidity(), false);
    await editor.updateComplete;
    assert.ok(shadow(editor).querySelector('[part~="summary"]'), 'checkValidity() shows the summary');
    assert.notEqual(shadow(editor).activeElement, shadow(editor).querySelector('[part~="summary"]'), 'without moving focus');
    assert.equal(editor.reportValidity(), false);
    await editor.updateComplete;
    const summary = shadow(editor).querySelector<HTMLElement>('[part~="summary"]')!;
    assert.notEqual(summary.getAttribute('role'), 'alert', 'a persistent block, not re-announced at each validation');
    assert.match(shadow(editor).querySelector('[role="status"].live')!.textContent!, /erreurs? empêch/, 'announced once through the live region');
    assert.equal(shadow(editor).activeElement, summary, 'focus moved to the summary');
    const links = [...summary.querySelectorAll<HTMLAnchorElement>('a[data-issue-path]')];
    assert.equal(links.length, issues.length, 'every error is listed');
    const tumours = links.find((a) => a.dataset.issuePath === 'tumours')!;
    assert.match(tumours.textContent!, /Tumeurs/);
    tumours.focus();
    await sendKeys({ press: 'Enter' });
    await editor.updateComplete;
    assert.equal(focusedPath(editor), 'tumours', 'focus on the control of the list (its add button)');
    await expectNoAxeViolations(editor, { context: 'summary shown' });
  });

  it('fires dcc-invalid, then dcc-submit with a built CDA once fixed', async () => {
    const model = await example();
    const editor = await fixture<PpsEditor>(html`<pps-editor .value=${{ ...model, referencedDocuments: [] }}></pps-editor>`);
    const events: string[] = [];
    let xml = '';
    editor.addEventListener('dcc-invalid', () => events.push('invalid'));
    editor.addEventListener('dcc-submit', (e) => {
      events.push('submit');
      xml = e.detail.xml;
    });
    assert.equal(await editor.submit(), false);
    editor.value = model;
    assert.equal(await editor.submit(), true);
    assert.deepEqual(events, ['invalid', 'submit']);
    assert.match(xml, /<ClinicalDocument[\s\S]*<\/ClinicalDocument>\s*$/);
  });
});

describe('<pps-editor> context', () => {
  it('takes patient, author, custodian and locale from <dcc-provider>; properties win', async () => {
    const model = await example();
    const { patient, author, custodian } = model as unknown as Record<string, Record<string, unknown>>;
    const provider = await fixture<HTMLElement>(html`<dcc-provider locale="en" .patient=${patient} .author=${author} .organization=${custodian}>
      <pps-editor></pps-editor>
    </dcc-provider>`);
    const editor = provider.querySelector('pps-editor') as PpsEditor;
    await editor.updateComplete;
    const summary = shadow(editor).querySelector('[part~="context-summary"][data-path="patient"]')!;
    assert.match(summary.textContent!, new RegExp(String(patient!.birthFamilyName)));
    assert.equal(control(editor, 'patient.birthFamilyName'), null, 'no patient form when the host gives the patient');
    assert.deepEqual(editor.value.patient, patient);
    assert.equal(shadow(editor).querySelector('[part~="submit"]')!.textContent!.trim(), 'Validate and save', 'context locale');
    editor.setAttribute('lang', 'fr');
    const other = { ...patient, birthFamilyName: 'AUTRE' };
    editor.patient = other as never;
    await wait(0);
    await editor.updateComplete;
    assert.deepEqual(editor.value.patient, other);
    assert.equal(shadow(editor).querySelector('[part~="submit"]')!.textContent!.trim(), 'Valider et enregistrer', 'own lang wins');
    await expectNoAxeViolations(editor, { context: 'context summaries' });
  });
});

describe('<pps-editor> localisation', () => {
  it('speaks French by default and English with lang="en"', async () => {
    const editor = await fixture<PpsEditor>('<pps-editor></pps-editor>');
    const submit = () => shadow(editor).querySelector('[part~="submit"]')!.textContent!.trim();
    assert.equal(submit(), 'Valider et enregistrer');
    assert.match(shadow(editor).querySelector('label[for="f-patient_birthFamilyName"]')!.textContent!, /Nom de naissance/);
    editor.setAttribute('lang', 'en');
    await wait(0); // the lang observer runs as a microtask, then Lit updates
    await editor.updateComplete;
    assert.equal(submit(), 'Validate and save');
    assert.match(shadow(editor).querySelector('label[for="f-patient_birthFamilyName"]')!.textContent!, /Birth family name/);
    control(editor, 'patient.birthFamilyName')!.focus();
    await sendKeys({ press: 'Tab' });
    await settled(editor);
    assert.match(shadow(editor).querySelector('[part~="error"]')!.textContent!, /This field is required/);
    await expectNoAxeViolations(editor, { context: 'English' });
  });

  it('follows the lang of an ancestor', async () => {
    const wrapper = await fixture<HTMLElement>('<div lang="en"><pps-editor></pps-editor></div>');
    const editor = wrapper.querySelector('pps-editor') as PpsEditor;
    await editor.updateComplete;
    assert.equal(shadow(editor).querySelector('[part~="submit"]')!.textContent!.trim(), 'Validate and save');
  });
});

describe('<pps-editor> preview', () => {
  it('renders the French narrative of the built document, without markup from the data', async () => {
    const model = await example();
    model.patientComment = 'Patiente <b>inquiète</b> <script>alert(1)</script>';
    const editor = await fixture<PpsEditor>(html`<pps-editor mode="preview" .value=${model}></pps-editor>`);
    await editor.previewComplete; // the build and narrative chunks loaded, the preview built
    await editor.updateComplete;
    const preview = shadow(editor).querySelector<HTMLElement>('[part~="preview"]');
    assert.ok(preview?.querySelector('section'), 'sections rendered');
    assert.ok(preview!.querySelectorAll('h3').length >= 5, 'one heading per section');
    assert.match(preview!.textContent!, /Patiente <b>inquiète<\/b> <script>/, 'the text is shown as text');
    assert.equal(preview!.querySelector('script, b'), null, 'no element comes from the data');
    assert.ok(shadow(editor).querySelector<HTMLElement>('[part~="form"]')!.hidden, 'the form is hidden in preview');
    await expectNoAxeViolations(editor, { context: 'preview' });
  });

  it('is read-only without editing controls in readonly mode', async () => {
    const model = await example();
    const editor = await fixture<PpsEditor>(html`<pps-editor readonly .value=${model}></pps-editor>`);
    await settled(editor);
    assert.equal(shadow(editor).querySelector('[part~="submit"]'), null);
    assert.equal(shadow(editor).querySelector('button[data-action="add-item"]'), null);
    assert.ok(control(editor, 'patientComment')!.readOnly);
    await expectNoAxeViolations(editor, { context: 'read-only' });
  });
});

describe('<pps-editor> drafts', () => {
  const session = { userId: 'user-h3-test', draftKey: 'c2VjcmV0LWRyYWZ0LWtleS1mb3ItdGVzdHMtMDEyMzQ1Njc4OQ' };

  it('autosaves an encrypted draft and restores it in a new editor, with undo', async () => {
    await DraftStore.purgeAll();
    const model = await example();
    const clock = new FakeClock();
    const first = await fixture<PpsEditor>(html`<pps-editor document-id="doc-1" .clock=${clock} .session=${session} .value=${model}></pps-editor>`);
    await settled(first);
    const saved = new Promise<DccDraftSavedEvent>((resolve) => first.addEventListener('dcc-draft-saved', resolve, { once: true }));
    const comment = control(first, 'patientComment')!;
    comment.focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' Brouillon non enregistré.' });
    await clock.tick(DRAFT_DEBOUNCE_MS); // the autosave debounce
    const event = await saved;
    assert.equal(event.detail.draftId, 'pps:doc-1');
    first.remove();

    const second = await fixture<PpsEditor>(html`<pps-editor document-id="doc-1" .session=${session} .value=${model}></pps-editor>`);
    await second.draftsComplete; // the draft check read IndexedDB and restored
    await second.updateComplete;
    const banner = shadow(second).querySelector<HTMLElement>('[part~="banner"]')!;
    assert.match(banner.textContent!, /Brouillon restauré/);
    assert.match(control(second, 'patientComment')!.value, /Brouillon non enregistré\.$/);
    await expectNoAxeViolations(second, { context: 'restored draft' });
    banner.querySelector<HTMLButtonElement>('[data-action="banner-undo"]')!.click();
    await second.updateComplete;
    assert.equal(control(second, 'patientComment')!.value, model.patientComment);
    await DraftStore.purgeAll();
  });

  it('warns when the server holds a newer version than the draft', async () => {
    await DraftStore.purgeAll();
    const model = await example();
    const patient = await patientFingerprint(model.patient, session.userId);
    await new DraftStore({ keyMaterial: session.draftKey, userId: session.userId }).save('pps:doc-2', { patient, data: { ...model, patientComment: 'ancien' } }, { baseVersion: 2 });
    const editor = document.createElement('pps-editor') as PpsEditor;
    const newer = new Promise<DccServerVersionNewerEvent>((resolve) => editor.addEventListener('dcc-server-version-newer', resolve, { once: true }));
    editor.documentId = 'doc-2';
    editor.serverVersion = '3';
    editor.session = session;
    editor.value = model;
    await fixture(html`<div></div>`).then((div) => div.append(editor));
    const event = await newer;
    assert.deepEqual(event.detail, { serverVersion: '3', draftVersion: '2' });
    await editor.updateComplete;
    assert.match(shadow(editor).querySelector('[part~="banner"]')!.textContent!, /version plus récente/);
    assert.equal(control(editor, 'patientComment')!.value, model.patientComment, 'the draft is not applied silently');
    await DraftStore.purgeAll();
  });
});

describe('<pps-editor> long lists', () => {
  it('opens 50 treatments folded, unfolds one with Enter and from an error link', async () => {
    const model = await example();
    const programme = model.therapeuticProgramme as { treatments: Record<string, unknown>[] };
    const first = programme.treatments[0]!;
    const treatments: Record<string, unknown>[] = Array.from({ length: 50 }, (_, i) => ({ ...structuredClone(first), typePrecision: `Cycle ${i + 1}` }));
    treatments[49] = { ...treatments[49], type: { code: 'PAS-UN-CODE' } };
    const started = performance.now();
    const editor = await fixture<PpsEditor>(html`<pps-editor .value=${{ ...model, therapeuticProgramme: { ...programme, treatments } }}></pps-editor>`);
    console.log(`first render with 50 treatments: ${Math.round(performance.now() - started)} ms (printed, not asserted)`);
    const folded = shadow(editor).querySelectorAll('button[data-action="unfold-item"]');
    assert.equal(folded.length, 50);
    assert.match(folded[2]!.textContent!, /Cycle 3/);
    (folded[2] as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await editor.updateComplete;
    assert.match(focusedPath(editor), /^therapeuticProgramme\.treatments\[2\]\./);
    await settled(editor);
    assert.equal(editor.reportValidity(), false);
    await editor.updateComplete;
    const link = shadow(editor).querySelector<HTMLAnchorElement>('a[data-issue-path^="therapeuticProgramme.treatments[49]"]')!;
    link.focus();
    await sendKeys({ press: 'Enter' });
    await editor.updateComplete;
    assert.match(focusedPath(editor), /^therapeuticProgramme\.treatments\[49\]\.type/);
    await expectNoAxeViolations(editor, { context: 'folded list' });
  });
});

describe('<pps-editor> accessibility', () => {
  it('has no axe violation empty and filled', async () => {
    const empty = await fixture<PpsEditor>('<pps-editor></pps-editor>');
    await expectNoAxeViolations(empty, { context: 'empty' });
    const model = await example();
    const filled = await fixture<PpsEditor>(html`<pps-editor .value=${model}></pps-editor>`);
    await settled(filled);
    await expectNoAxeViolations(filled, { context: 'filled' });
  });

  it('jumps to a section from the section links', async () => {
    const editor = await fixture<PpsEditor>('<pps-editor></pps-editor>');
    const link = shadow(editor).querySelector<HTMLAnchorElement>('[part~="nav"] a[data-section="diagnosis"]')!;
    assert.equal(link.textContent, 'Diagnostic');
    link.focus();
    await sendKeys({ press: 'Enter' });
    assert.equal(shadow(editor).activeElement?.id, 's-diagnosis');
  });

  it('adds, moves and removes list items with the keyboard, focus following', async () => {
    const editor = await fixture<PpsEditor>('<pps-editor></pps-editor>');
    const add = shadow(editor).querySelector<HTMLButtonElement>('button[data-action="add-item"][data-path="tumours"]')!;
    add.focus();
    await sendKeys({ press: 'Enter' });
    await editor.updateComplete;
    assert.match(focusedPath(editor), /^tumours\[0\]/, 'focus moved into the new item');
    add.focus();
    await sendKeys({ press: 'Enter' });
    await editor.updateComplete;
    assert.equal((editor.value.tumours as unknown[]).length, 2);
    const remove = shadow(editor).querySelector<HTMLButtonElement>('button[data-action="remove-item"][data-path="tumours[1]"]')!;
    remove.focus();
    await sendKeys({ press: 'Enter' });
    await editor.updateComplete;
    assert.equal((editor.value.tumours as unknown[]).length, 1);
    assert.match(shadow(editor).querySelector('[role="status"].live')!.textContent!, /supprimé/);
  });
});
