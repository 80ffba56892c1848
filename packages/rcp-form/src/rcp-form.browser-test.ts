// <rcp-form> in Chromium: native form association, validation timing and summary,
// localisation, narrative preview, quorum list editing and axe in each state.
import '@dcc-kit/elements/testing/mocha-globals.js';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { fixture, assert, loadExampleJson, expectNoAxeViolations, editorControl as control, editorValidated as settled } from '@dcc-kit/elements/testing/index.js';
import './rcp-form.js';
import type { RcpForm } from './rcp-form.component.js';

const example = () => loadExampleJson<Record<string, unknown>>('frcp', '04-transversale-metastase-osseuse-rein-rechute.json');
const shadow = (el: RcpForm) => el.shadowRoot!;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('<rcp-form>', () => {
  it('takes part in a native form: value, validity, reset, fieldset disabled', async () => {
    const model = await example();
    const form = await fixture<HTMLFormElement>(html`<form><fieldset><rcp-form name="frcp" .value=${model}></rcp-form></fieldset></form>`);
    const editor = form.querySelector('rcp-form') as RcpForm;
    await settled(editor);
    assert.equal(editor.modelIssues.length, 0, 'the example is valid');
    assert.equal(form.checkValidity(), true);
    assert.deepEqual(JSON.parse(String(new FormData(form).get('frcp'))), model);
    const summary = control(editor, 'caseSummary.summaryAndQuestion')!;
    summary.focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' Question complémentaire ?' });
    assert.match(String(new FormData(form).get('frcp')), /Question complémentaire/);
    form.reset();
    await editor.updateComplete;
    assert.deepEqual(JSON.parse(String(new FormData(form).get('frcp'))), model);
    assert.doesNotMatch(control(editor, 'caseSummary.summaryAndQuestion')!.value, /complémentaire/);
    editor.value = { ...model, tumours: [] };
    await settled(editor);
    assert.equal(form.checkValidity(), false, 'a record without tumour is invalid');
    form.querySelector('fieldset')!.disabled = true;
    await editor.updateComplete;
    assert.equal(new FormData(form).has('frcp'), false);
    assert.ok(editor.matches(':state(disabled)'));
  });

  it('shows errors after blur only, lists all of them on save, in French then English', async () => {
    const editor = await fixture<RcpForm>('<rcp-form></rcp-form>');
    const denomination = control(editor, 'meeting.denomination')!;
    denomination.focus();
    await settled(editor);
    assert.equal(denomination.getAttribute('aria-invalid'), null);
    await sendKeys({ press: 'Tab' });
    await settled(editor);
    assert.equal(denomination.getAttribute('aria-invalid'), 'true');
    assert.match(shadow(editor).querySelector('[part~="error"]')!.textContent!, /Ce champ est obligatoire/);
    const invalid = new Promise<number>((resolve) => editor.addEventListener('dcc-invalid', (e) => resolve(e.detail.issues.length), { once: true }));
    await editor.submit();
    const count = await invalid;
    const links = shadow(editor).querySelectorAll('[part~="summary"] a[data-issue-path]');
    assert.equal(links.length, count, 'every error is listed');
    assert.equal(shadow(editor).activeElement, shadow(editor).querySelector('[part~="summary"]'));
    await expectNoAxeViolations(editor, { context: 'invalid, summary shown' });
    editor.setAttribute('lang', 'en');
    await wait(0);
    await editor.updateComplete;
    assert.match(shadow(editor).querySelector('[part~="summary"] h2')!.textContent!, /errors? prevent saving/);
    assert.match(shadow(editor).querySelector('[part~="submit"]')!.textContent!, /Validate and save/);
  });

  it('renders the narrative preview and has no axe violation filled, read-only and in preview', async () => {
    const model = await example();
    const editor = await fixture<RcpForm>(html`<rcp-form .value=${model}></rcp-form>`);
    await settled(editor);
    await expectNoAxeViolations(editor, { context: 'filled' });
    editor.readonly = true;
    await editor.updateComplete;
    await expectNoAxeViolations(editor, { context: 'read-only' });
    editor.mode = 'preview';
    await editor.previewComplete; // the build and narrative chunks loaded, the preview built
    await editor.updateComplete;
    const preview = shadow(editor).querySelector<HTMLElement>('[part~="preview"]');
    assert.ok(preview?.querySelector('section'));
    assert.match(preview!.textContent!, /Proposition/);
    assert.ok(preview!.querySelector('table, ul, p'), 'narrative blocks are rendered');
    await expectNoAxeViolations(editor, { context: 'preview' });
  });

  it('adds a quorum member with the keyboard and focuses its first field', async () => {
    const editor = await fixture<RcpForm>('<rcp-form></rcp-form>');
    const add = shadow(editor).querySelector<HTMLButtonElement>('button[data-action="add-item"][data-path="meeting.quorumMembers"]')!;
    add.focus();
    await sendKeys({ press: 'Enter' });
    await editor.updateComplete;
    const focused = shadow(editor).activeElement as HTMLElement;
    assert.match(focused.dataset.path ?? '', /^meeting\.quorumMembers\[0\]\./);
    await sendKeys({ type: '810002900043' });
    assert.equal(((editor.value.meeting as { quorumMembers: { idNatPs?: string }[] }).quorumMembers[0]!).idNatPs, '810002900043');
    await expectNoAxeViolations(editor, { context: 'empty with one quorum member' });
  });
});
