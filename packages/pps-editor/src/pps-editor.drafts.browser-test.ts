// Encrypted drafts of <pps-editor> across patients, documents, failures and logout: a draft is
// only ever restored for its own patient and document, typing is never lost on a document
// switch, a failed save is visible, and nothing is written after a logout purged the drafts.
import '@dcc-kit/elements/testing/mocha-globals.js';
import { html } from 'lit';
import { entries } from 'idb-keyval';
import { sendKeys } from '@web/test-runner-commands';
import { fixture, assert, loadExampleJson, FakeClock, editorControl as control, editorRendered as rendered } from '@dcc-kit/elements/testing/index.js';
import { DRAFT_DEBOUNCE_MS, DraftStore, draftIdbStore, patientFingerprint, type DccDraftSavedEvent, type DccProvider } from '@dcc-kit/elements';
import '@dcc-kit/elements/define/dcc-provider.js';
import './pps-editor.js';
import type { PpsEditor } from './pps-editor.component.js';

type Model = Record<string, unknown> & { patient: Record<string, unknown> };
const session = { userId: 'user-drafts-test', draftKey: 'ZHJhZnRzLXRlc3Qta2V5LTAxMjM0NTY3ODlhYmNkZWY' };
const shadow = (el: PpsEditor) => el.shadowRoot!;
const banner = (el: PpsEditor) => shadow(el).querySelector<HTMLElement>('[part~="banner"]');

async function patientA(): Promise<Model> {
  const model = await loadExampleJson<Model>('pps', '12-lymphome-hodgkin-jeune-adulte-abvd.json');
  return { ...model, patientComment: 'Commentaire chargé.' };
}
/** The same document shape for another patient (other INS, other traits, consistent with each other). */
async function patientB(): Promise<Model> {
  const a = await patientA();
  return {
    ...a,
    patient: { ...a.patient, ins: { ...(a.patient.ins as object), value: '286077512345643' }, birthFamilyName: 'MARTIN', birthGivenNames: 'Claire', gender: 'F', birthDate: '1986-07-14', birthPlace: { cogCode: '75123' } },
  };
}
const nextSave = (el: HTMLElement) => new Promise<DccDraftSavedEvent>((resolve) => el.addEventListener('dcc-draft-saved', resolve, { once: true }));
async function typeAtEnd(el: PpsEditor, path: string, text: string): Promise<void> {
  control(el, path)!.focus();
  await sendKeys({ press: 'End' });
  await sendKeys({ type: text });
}
/** Whether a restore banner shows once the draft check has run. */
async function bannerShown(el: PpsEditor): Promise<boolean> {
  await el.draftsComplete;
  await el.updateComplete;
  return banner(el) !== null;
}

describe('<pps-editor> drafts per patient', () => {
  beforeEach(() => DraftStore.purgeAll());
  after(() => DraftStore.purgeAll());

  it('never restores the new-document draft of one patient in a new document of another', async () => {
    const a = await patientA();
    const clock = new FakeClock();
    const first = await fixture<PpsEditor>(html`<pps-editor .clock=${clock} .session=${session} .value=${a}></pps-editor>`);
    await rendered(first);
    const saved = nextSave(first);
    await typeAtEnd(first, 'patientComment', ' Brouillon du patient A.');
    await clock.tick(DRAFT_DEBOUNCE_MS); // the autosave debounce
    const { detail } = await saved;
    assert.match(detail.draftId, /^pps:new:[0-9a-f]{32}$/, 'a new document is keyed by its patient (hashed)');
    assert.doesNotMatch(detail.draftId, /102055935031141|VANDENBERGHE/);
    first.remove();

    const other = await fixture<PpsEditor>(html`<pps-editor .session=${session} .value=${await patientB()}></pps-editor>`);
    await rendered(other);
    assert.equal(await bannerShown(other), false, 'no banner for patient B');
    assert.equal(control(other, 'patientComment')!.value, 'Commentaire chargé.');
    other.remove();

    const again = await fixture<PpsEditor>(html`<pps-editor .session=${session} .value=${a}></pps-editor>`);
    await rendered(again);
    assert.ok(await bannerShown(again), 'patient A gets the draft back');
    assert.match(control(again, 'patientComment')!.value, /Brouillon du patient A\.$/);
  });

  it('refuses a stored document draft whose patient is not the loaded one, and deletes the draft on discardDraft()', async () => {
    const a = await patientA();
    const store = new DraftStore({ keyMaterial: session.draftKey, userId: session.userId });
    const fingerprintA = await patientFingerprint(a.patient, session.userId);
    await store.save('pps:doc-7', { patient: fingerprintA, data: { ...a, patientComment: 'Brouillon de A.' } });
    const wrong = await fixture<PpsEditor>(html`<pps-editor document-id="doc-7" .session=${session} .value=${await patientB()}></pps-editor>`);
    await rendered(wrong);
    assert.equal(await bannerShown(wrong), false, 'the draft of patient A is not shown over patient B');
    assert.equal(control(wrong, 'patientComment')!.value, 'Commentaire chargé.');
    wrong.remove();

    const right = await fixture<PpsEditor>(html`<pps-editor document-id="doc-7" .session=${session} .value=${a}></pps-editor>`);
    await rendered(right);
    assert.ok(await bannerShown(right));
    assert.equal(control(right, 'patientComment')!.value, 'Brouillon de A.');
    // The host stored the document: the draft goes.
    await right.discardDraft();
    assert.equal(await store.load('pps:doc-7'), undefined);
  });
});

describe('<pps-editor> drafts across a document switch', () => {
  beforeEach(() => DraftStore.purgeAll());
  after(() => DraftStore.purgeAll());

  it('saves pending typing under the document being left and restores the draft of the next one', async () => {
    const a = await patientA();
    const b = await patientB();
    const store = new DraftStore({ keyMaterial: session.draftKey, userId: session.userId });
    await store.save('pps:doc-b', { patient: await patientFingerprint(b.patient, session.userId), data: { ...b, patientComment: 'Brouillon de B.' } });
    // A clock nobody advances: the autosave debounce never fires by itself.
    const clock = new FakeClock();
    const editor = await fixture<PpsEditor>(html`<pps-editor document-id="doc-a" .clock=${clock} .session=${session} .value=${a}></pps-editor>`);
    await rendered(editor);
    await editor.draftsComplete; // the restore check of doc-a found nothing
    await typeAtEnd(editor, 'patientComment', ' Saisie en cours.');
    // The host opens another document before the 800 ms debounce.
    editor.documentId = 'doc-b';
    editor.value = b;
    assert.ok(await bannerShown(editor), 'the draft of doc-b is offered');
    assert.equal(control(editor, 'patientComment')!.value, 'Brouillon de B.');
    await editor.saveDraft();
    const left = await store.load<{ data: Model }>('pps:doc-a');
    assert.ok(left, 'the typing of doc-a was saved under doc-a');
    assert.match(String(left.value.data.patientComment), /Saisie en cours\.$/);
    const other = await store.load<{ data: Model }>('pps:doc-b');
    assert.equal(other!.value.data.patientComment, 'Brouillon de B.', 'doc-b was not overwritten with doc-a’s model');
  });
});

describe('<pps-editor> failed draft save', () => {
  beforeEach(() => DraftStore.purgeAll());
  after(() => DraftStore.purgeAll());

  it('shows a banner, fires dcc-draft-error and saves on the next flush', async () => {
    const clock = new FakeClock();
    const editor = await fixture<PpsEditor>(html`<pps-editor document-id="doc-f" .clock=${clock} .session=${session} .value=${await patientA()}></pps-editor>`);
    await rendered(editor);
    const realWrite = DraftStore.prototype.writeSealed;
    // IndexedDB refusing a write (quota, private mode) for the first save only.
    DraftStore.prototype.writeSealed = function () {
      DraftStore.prototype.writeSealed = realWrite;
      return Promise.reject(new DOMException('quota', 'QuotaExceededError'));
    };
    try {
      const failed = new Promise<Event>((resolve) => editor.addEventListener('dcc-draft-error', resolve, { once: true }));
      await typeAtEnd(editor, 'patientComment', ' Non perdu.');
      await clock.tick(DRAFT_DEBOUNCE_MS); // the autosave debounce
      await failed;
      await editor.updateComplete;
      assert.match(banner(editor)!.textContent!, /n’a pas pu être enregistré/);
      assert.equal(banner(editor)!.getAttribute('role'), 'alert');
    } finally {
      DraftStore.prototype.writeSealed = realWrite;
    }
    // No new edit: the pending change is still dirty and the page hiding saves it.
    const saved = nextSave(editor);
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    await saved;
    await editor.updateComplete;
    assert.equal(banner(editor), null, 'the error banner goes once a save succeeds');
    const stored = await new DraftStore({ keyMaterial: session.draftKey, userId: session.userId }).load<{ data: Model }>('pps:doc-f');
    assert.match(String(stored!.value.data.patientComment), /Non perdu\.$/);
  });
});

describe('<pps-editor> draft saves in order', () => {
  after(() => DraftStore.purgeAll());

  it('never lets a slow older save overwrite a newer draft', async () => {
    await DraftStore.purgeAll();
    const clock = new FakeClock();
    const editor = await fixture<PpsEditor>(html`<pps-editor document-id="doc-o" .clock=${clock} .session=${session} .value=${await patientA()}></pps-editor>`);
    await rendered(editor);
    const realWrite = DraftStore.prototype.writeSealed;
    let calls = 0;
    let finishSlowWrite = (): void => undefined;
    const slowWrite = new Promise<void>((resolve) => (finishSlowWrite = resolve));
    // The first write is slow (a busy disk): it holds the content of its time (sealed) and
    // ends only after the second save was asked for.
    DraftStore.prototype.writeSealed = async function (this: DraftStore, sealed) {
      if (calls++ > 0) return realWrite.call(this, sealed);
      await slowWrite;
      return realWrite.call(this, sealed);
    };
    try {
      await typeAtEnd(editor, 'patientComment', ' Premier.');
      const first = editor.saveDraft();
      await sendKeys({ type: ' Second.' });
      const second = editor.saveDraft();
      finishSlowWrite();
      await Promise.all([first, second]);
      // Any save still due (the autosave debounce) runs and lands before the check.
      await clock.runAll();
      await editor.saveDraft();
    } finally {
      DraftStore.prototype.writeSealed = realWrite;
    }
    assert.ok(calls >= 2, 'both saves went through the write');
    const stored = await new DraftStore({ keyMaterial: session.draftKey, userId: session.userId }).load<{ data: Model }>('pps:doc-o');
    assert.match(String(stored!.value.data.patientComment), /Premier\. Second\.$/, 'the newer draft is the one kept');
  });
});

describe('<pps-editor> expired drafts', () => {
  it('deletes the expired drafts of the origin once a session is known', async () => {
    await DraftStore.purgeAll();
    const longAgo = Date.now() - 13 * 60 * 60 * 1000;
    await new DraftStore({ keyMaterial: session.draftKey, userId: 'someone-else', now: () => longAgo }).save('frcp:old', { patient: null, data: {} });
    assert.equal((await entries(draftIdbStore())).length, 1);
    // A session this page has not seen yet (the purge runs once per session).
    const fresh = { userId: 'user-expired-test', draftKey: 'ZXhwaXJlZC1kcmFmdHMtdGVzdC1rZXktMDEyMzQ1Njc' };
    const editor = await fixture<PpsEditor>(html`<pps-editor .session=${fresh}></pps-editor>`);
    await editor.draftsComplete; // the purge of expired drafts has run
    const left = (await entries(draftIdbStore())).length;
    assert.equal(left, 0, 'the expired record of another user was purged');
  });
});

describe('<dcc-provider> logout with an editor holding a pending change', () => {
  it('writes no draft after the purge', async () => {
    await DraftStore.purgeAll();
    const a = await patientA();
    // The clock comes to the editor through the provider's context.
    const clock = new FakeClock();
    const provider = await fixture<DccProvider>(html`<dcc-provider .clock=${clock} .session=${session}><pps-editor document-id="doc-l" .value=${a}></pps-editor></dcc-provider>`);
    const editor = provider.querySelector('pps-editor') as PpsEditor;
    await rendered(editor);
    await typeAtEnd(editor, 'patientComment', ' Après déconnexion ?');
    await provider.logout();
    await clock.tick(DRAFT_DEBOUNCE_MS + 300); // past the debounce
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    document.dispatchEvent(new Event('visibilitychange'));
    await editor.saveDraft(); // every save goes through one chain: waits for any write started above
    assert.deepEqual(await entries(draftIdbStore()), [], 'the store stays empty');
  });
});
