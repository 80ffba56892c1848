// <pps-editor> inside a host page's native form and under hurried hands: a native submit shows
// the errors, a double click submits once, the browser's form state holds no health data, and
// an address line emptied while editing keeps its place.
import '@dcc-kit/elements/testing/mocha-globals.js';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { fixture, assert, loadExampleJson, expectNoAxeViolations, FakeClock, editorControl as control, editorValidated as settled, editorRendered as rendered } from '@dcc-kit/elements/testing/index.js';
import { DRAFT_DEBOUNCE_MS, DraftStore, type DccDraftSavedEvent } from '@dcc-kit/elements';
import './pps-editor.js';
import type { PpsEditor } from './pps-editor.component.js';

type Model = Record<string, unknown> & { patient: Record<string, unknown> };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const shadow = (el: PpsEditor) => el.shadowRoot!;
const example = async (): Promise<Model> => ({
  ...(await loadExampleJson<Model>('pps', '12-lymphome-hodgkin-jeune-adulte-abvd.json')),
  patientComment: 'Commentaire chargé.',
});

describe('<pps-editor> in a native form', () => {
  it('shows the error summary when a native submit finds it invalid', async () => {
    const model = await example();
    const form = await fixture<HTMLFormElement>(html`<form><pps-editor name="pps" .value=${{ ...model, tumours: [] }}></pps-editor><button>Envoyer</button></form>`);
    const editor = form.querySelector('pps-editor') as PpsEditor;
    await rendered(editor);
    await settled(editor);
    let submitted = false;
    form.addEventListener('submit', (e) => {
      submitted = true;
      e.preventDefault();
    });
    form.requestSubmit();
    await settled(editor);
    await wait(0);
    await editor.updateComplete;
    assert.equal(submitted, false, 'the browser blocked the submit');
    const summary = shadow(editor).querySelector<HTMLElement>('[part~="summary"]');
    assert.ok(summary, 'the summary is shown');
    assert.ok(summary.querySelector('a[data-issue-path="tumours"]'));
    assert.ok(editor.matches(':state(user-invalid)'));
  });

  it('submits once on a double click, the button aria-disabled meanwhile', async () => {
    const editor = await fixture<PpsEditor>(html`<pps-editor .value=${await example()}></pps-editor>`);
    await rendered(editor);
    await settled(editor);
    let submits = 0;
    editor.addEventListener('dcc-submit', () => submits++);
    const button = shadow(editor).querySelector<HTMLButtonElement>('[part~="submit"]')!;
    assert.equal(button.getAttribute('aria-disabled'), 'false');
    button.click();
    button.click();
    const running = editor.submit(); // the clicks' submit, still running: no other one starts
    await editor.updateComplete;
    assert.equal(button.getAttribute('aria-disabled'), 'true', 'busy while checking and building');
    await running;
    await editor.updateComplete;
    assert.equal(submits, 1, 'one dcc-submit for two clicks');
    assert.equal(button.getAttribute('aria-disabled'), 'false');
    const [first, second] = [editor.submit(), editor.submit()];
    assert.equal(first, second, 'a call while submitting gets the running submit');
    assert.equal(await first, true);
    assert.equal(submits, 2);
  });

  it('gives the browser a form state without health data', async () => {
    const states: unknown[] = [];
    const real = ElementInternals.prototype.setFormValue;
    ElementInternals.prototype.setFormValue = function (value, state) {
      states.push(state);
      return real.call(this, value, state);
    };
    try {
      const editor = await fixture<PpsEditor>(html`<pps-editor name="pps" .value=${await example()}></pps-editor>`);
      await rendered(editor);
      control(editor, 'patientComment')!.focus();
      await sendKeys({ press: 'End' });
      await sendKeys({ type: ' Secret.' });
      assert.ok(states.length > 0);
      assert.ok(states.includes('dcc-kit:draft'), 'the editor gives its marker');
      // (The code pickers inside give their code or null.)
      for (const state of states) assert.doesNotMatch(String(state), /Secret|VANDENBERGHE|102055935031141|\{/, 'no model in any state');
      // An old state holding a model (or anything not ours) is not applied.
      editor.formStateRestoreCallback(JSON.stringify({ patientComment: 'injecté' }), 'restore');
      await editor.updateComplete;
      assert.match(control(editor, 'patientComment')!.value, /Secret\.$/);
    } finally {
      ElementInternals.prototype.setFormValue = real;
    }
  });
});

describe('<pps-editor> address lines', () => {
  it('keeps an emptied line in place while editing and leaves it out of the value', async () => {
    const model = await example();
    const patient = { ...model.patient, addresses: [{ use: 'H', lines: ['Bâtiment A', '12 rue des Lilas', '59000 Lille'] }] };
    const editor = await fixture<PpsEditor>(html`<pps-editor .value=${{ ...model, patient }}></pps-editor>`);
    await rendered(editor);
    const first = control(editor, 'patient.addresses[0].lines[0]')!;
    first.focus();
    first.select();
    await sendKeys({ press: 'Backspace' });
    await editor.updateComplete;
    assert.equal(first.value, '', 'the next line did not move into the focused input');
    assert.equal(control(editor, 'patient.addresses[0].lines[1]')!.value, '12 rue des Lilas');
    const lines = () => ((editor.value.patient as { addresses: { lines: string[] }[] }).addresses[0]!.lines);
    assert.deepEqual(lines(), ['12 rue des Lilas', '59000 Lille'], 'the empty line is not in the value');
    await sendKeys({ type: 'Bâtiment B' });
    await editor.updateComplete;
    assert.equal(deepFocusPath(editor), 'patient.addresses[0].lines[0]');
    assert.deepEqual(lines(), ['Bâtiment B', '12 rue des Lilas', '59000 Lille']);
  });
});

describe('<pps-editor> two editors on one page', () => {
  it('keeps the list items (and the focus) of one editor when the other loads a model', async () => {
    const model = await example();
    const container = await fixture<HTMLElement>(html`<div><pps-editor id="a" .value=${model}></pps-editor><pps-editor id="b"></pps-editor></div>`);
    const [a, b] = [container.querySelector<PpsEditor>('#a')!, container.querySelector<PpsEditor>('#b')!];
    await rendered(a);
    const input = shadow(a).querySelector<HTMLInputElement>('input[data-path^="tumours[0]."][data-kind="text"]')!;
    input.focus();
    b.value = model;
    await b.updateComplete;
    a.requestUpdate();
    await a.updateComplete;
    assert.ok(input.isConnected, 'the item of editor A was not re-created');
    assert.equal(shadow(a).activeElement, input, 'focus stays in editor A');
  });
});

describe('<pps-editor> partial dates', () => {
  it('describes the expected format of a date typed as text', async () => {
    const model = await example();
    const tumours = (model.tumours as Record<string, unknown>[]).map((t, i) => (i === 0 ? { ...t, diagnosisDate: '2024-03' } : t));
    const editor = await fixture<PpsEditor>(html`<pps-editor .value=${{ ...model, tumours }}></pps-editor>`);
    await rendered(editor);
    const input = shadow(editor).querySelector<HTMLInputElement>('input[data-path="tumours[0].diagnosisDate"]')!;
    assert.equal(input.dataset.kind, 'date-text', 'one text field, no precision to choose');
    assert.equal(input.value, '03/2024');
    assert.equal(shadow(editor).querySelector('select[data-path="tumours[0].diagnosisDate"]'), null, 'no drop-down');
    const ids = input.getAttribute('aria-describedby')!.split(' ');
    const texts = ids.map((id) => shadow(editor).getElementById(id)?.textContent ?? '');
    assert.ok(texts.some((t) => /Format attendu : jj\/mm\/aaaa, ou mm\/aaaa ou aaaa/.test(t)), texts.join(' | '));
  });

  it('takes « 12/03/2026 », « 03/2026 » or « 2026 » in one field (precision from what is typed) and names an impossible date by its path', async () => {
    const editor = await fixture<PpsEditor>(html`<pps-editor .value=${await example()}></pps-editor>`);
    await rendered(editor);
    const path = 'tumours[0].diagnosisDate';
    const input = shadow(editor).querySelector<HTMLInputElement>(`input[data-path="${path}"]`)!;
    const typeDate = async (text: string) => {
      input.focus();
      input.select();
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ type: text });
      await editor.updateComplete;
    };
    const diagnosisDate = () => ((editor.value.tumours as Record<string, unknown>[])[0]!).diagnosisDate;
    await typeDate('12/03/2026');
    assert.equal(diagnosisDate(), '2026-03-12');
    await typeDate('03/2026');
    assert.equal(diagnosisDate(), '2026-03');
    await typeDate('2026');
    assert.equal(diagnosisDate(), '2026');
    await typeDate('31/02/2026');
    await sendKeys({ press: 'Tab' });
    const issues = await editor.validate();
    assert.ok(issues.some((i) => i.path === path), `an issue at ${path}: ${issues.map((i) => i.path).join(', ')}`);
    await editor.updateComplete;
    assert.equal(input.value, '31/02/2026', 'the text stays as typed, never a moved date');
    assert.equal(input.getAttribute('aria-invalid'), 'true');
    await expectNoAxeViolations(input.closest<HTMLElement>('[part~="field"]')!, { context: 'impossible date' });
  });
});

describe('<pps-editor> form state restore', () => {
  const session = { userId: 'user-state-test', draftKey: 'c3RhdGUtcmVzdG9yZS10ZXN0LWtleS0wMTIzNDU2Nzg5' };
  after(() => DraftStore.purgeAll());

  it('restores the model from the encrypted draft when the browser gives the state back', async () => {
    await DraftStore.purgeAll();
    const model = await example();
    const clock = new FakeClock();
    const first = await fixture<PpsEditor>(html`<pps-editor name="pps" document-id="doc-s" .clock=${clock} .session=${session} .value=${model}></pps-editor>`);
    await rendered(first);
    const saved = new Promise<DccDraftSavedEvent>((resolve) => first.addEventListener('dcc-draft-saved', resolve, { once: true }));
    control(first, 'patientComment')!.focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' Avant retour arrière.' });
    await clock.tick(DRAFT_DEBOUNCE_MS); // the autosave debounce
    await saved;
    first.remove();

    const second = await fixture<PpsEditor>(html`<pps-editor name="pps" document-id="doc-s" .session=${session} .value=${model}></pps-editor>`);
    await rendered(second);
    await second.draftsComplete;
    await second.updateComplete;
    shadow(second).querySelector<HTMLButtonElement>('[data-action="banner-undo"]')!.click();
    await second.updateComplete;
    assert.equal(control(second, 'patientComment')!.value, model.patientComment);
    // What the browser hands back after back/forward: the editor's own (non-identifying) state.
    second.formStateRestoreCallback('dcc-kit:draft', 'restore');
    await second.draftsComplete;
    await second.updateComplete;
    assert.match(control(second, 'patientComment')!.value, /Avant retour arrière\.$/);
  });
});

function deepFocusPath(editor: PpsEditor): string {
  return (shadow(editor).activeElement as HTMLElement | null)?.dataset.path ?? '';
}
