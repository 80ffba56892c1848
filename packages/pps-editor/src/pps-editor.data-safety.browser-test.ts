// Data safety of <pps-editor> (issue 13): a new or switched document never shows another
// document's content (form or preview, the preview being what « Imprimer » prints); what was
// typed 50 ms before a real reload is restored; draft times are Paris wall-clock times; the host
// can list the drafts of a patient to offer « reprendre le brouillon ».
import '@dcc-kit/elements/testing/mocha-globals.js';
import { html } from 'lit';
import { fixture, assert, loadExampleJson, expectNoAxeViolations, openProbePage, FakeClock, editorControl as control, editorRendered as rendered } from '@dcc-kit/elements/testing/index.js';
import { DRAFT_DEBOUNCE_MS, DraftStore } from '@dcc-kit/elements';
import './pps-editor.js';
import type { PpsEditor } from './pps-editor.component.js';

type Model = Record<string, unknown> & { patient: Record<string, unknown> };
const session = { userId: 'user-data-safety', draftKey: 'ZGF0YS1zYWZldHktdGVzdC1rZXktMDEyMzQ1Njc4OWFi' };
const shadow = (el: PpsEditor) => el.shadowRoot!;
const previewText = (el: PpsEditor) => shadow(el).querySelector<HTMLElement>('[part~="preview"]')?.textContent ?? '';

async function documentA(): Promise<Model> {
  return { ...(await loadExampleJson<Model>('pps', '12-lymphome-hodgkin-jeune-adulte-abvd.json')), patientComment: 'Commentaire du document A.' };
}
async function documentB(): Promise<Model> {
  return { ...(await loadExampleJson<Model>('pps', '02-colon-sigmoide-capox-v1.json')), patientComment: 'Commentaire du document B.' };
}

describe('<pps-editor> never shows another document', () => {
  it('shows the new document, not the previous one, when « Nouveau PPS » comes while the preview is shown', async () => {
    const editor = await fixture<PpsEditor>(html`<pps-editor mode="preview" .value=${await documentA()}></pps-editor>`);
    await editor.previewComplete;
    await editor.updateComplete;
    assert.match(previewText(editor), /Commentaire du document A\./, 'the preview of A is shown');
    editor.value = {}; // « Nouveau PPS »
    await editor.updateComplete;
    assert.doesNotMatch(previewText(editor), /document A/, 'nothing of A right after the switch');
    await editor.previewComplete;
    await editor.updateComplete;
    assert.doesNotMatch(previewText(editor), /document A/, 'nothing of A once the new preview is settled');
    await expectNoAxeViolations(editor, { context: 'preview of a new document' });
  });

  it('shows the switched document in the preview, even when the switch comes while the previous preview is being built', async () => {
    const editor = await fixture<PpsEditor>(html`<pps-editor .value=${await documentA()}></pps-editor>`);
    await editor.updateComplete;
    editor.mode = 'preview'; // the build of A's preview starts (lazy chunks)…
    await editor.updateComplete;
    editor.value = await documentB(); // …and another document is opened meanwhile
    await editor.previewComplete;
    await editor.updateComplete;
    const text = previewText(editor);
    assert.match(text, /Commentaire du document B\./, 'the preview shows B');
    assert.doesNotMatch(text, /document A/, 'nothing of A');
    editor.mode = 'edit';
    await rendered(editor);
    assert.equal(control(editor, 'patientComment')!.value, 'Commentaire du document B.', 'the form shows B too');
    editor.mode = 'preview';
    await editor.previewComplete;
    await editor.updateComplete;
    assert.match(previewText(editor), /Commentaire du document B\./);
  });

  it('rebuilds the preview when the document id changes with its model', async () => {
    const editor = await fixture<PpsEditor>(html`<pps-editor mode="preview" document-id="doc-a" .value=${await documentA()}></pps-editor>`);
    await editor.previewComplete;
    editor.documentId = 'doc-b';
    editor.value = await documentB();
    await editor.previewComplete;
    await editor.updateComplete;
    assert.match(previewText(editor), /document B/);
    assert.doesNotMatch(previewText(editor), /document A/);
  });
});

describe('<pps-editor> drafts survive a reload', () => {
  beforeEach(() => DraftStore.purgeAll());
  after(() => DraftStore.purgeAll());

  it('keeps what was typed 50 ms before leaving even when the leaving page runs no further asynchronous work', async () => {
    const probe = await openProbePage();
    const module = new URL('./pps-editor.data-safety.browser-test.probe.js', import.meta.url).href;
    try {
      const model = await documentA();
      await probe.call(module, 'typeInNewPps', [session, model, ' Tapé juste avant de partir.']);
      await probe.call(module, 'stopAsyncWorkAfter', [50]);
      await probe.reload(); // pagehide: only what it issues synchronously can land
      const restored = await probe.call<{ comment: string; banner: string }>(module, 'openNewPps', [session, model]);
      assert.equal(restored.comment, 'Commentaire du document A. Tapé juste avant de partir.');
    } finally {
      await probe.close();
    }
  });

  it('restores what was typed 50 ms before a real reload of the page', async () => {
    const probe = await openProbePage();
    const module = new URL('./pps-editor.data-safety.browser-test.probe.js', import.meta.url).href;
    try {
      const model = await documentA();
      await probe.call(module, 'typeInNewPps', [session, model, ' Tapé juste avant le rechargement.']);
      await probe.reload({ afterMs: 50 });
      const restored = await probe.call<{ comment: string; banner: string }>(module, 'openNewPps', [session, model]);
      assert.equal(restored.comment, 'Commentaire du document A. Tapé juste avant le rechargement.');
      assert.match(restored.banner, /Brouillon restauré/);
    } finally {
      await probe.close();
    }
  });

  it('restores what was typed 50 ms before the page reloads itself (timed in the page: only the pagehide flush can keep it)', async () => {
    const probe = await openProbePage();
    const module = new URL('./pps-editor.data-safety.browser-test.probe.js', import.meta.url).href;
    try {
      const model = await documentA();
      await probe.call(module, 'typeThenReload', [session, model, ' Tapé 50 ms avant le rechargement.', 50]);
      // The page reloads itself: wait (bounded) for the new document; a call during the navigation fails and is retried.
      let fresh = false;
      for (let i = 0; i < 100 && !fresh; i++) {
        fresh = await probe.call<boolean>(module, 'reloaded').catch(() => false);
        if (!fresh) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.ok(fresh, 'the probe page reloaded');
      const restored = await probe.call<{ comment: string; banner: string }>(module, 'openNewPps', [session, model]);
      assert.equal(restored.comment, 'Commentaire du document A. Tapé 50 ms avant le rechargement.');
      assert.match(restored.banner, /Brouillon restauré/);
    } finally {
      await probe.close();
    }
  });
});

describe('<pps-editor> draft times and the drafts of a patient', () => {
  beforeEach(() => DraftStore.purgeAll());
  after(() => DraftStore.purgeAll());

  it('shows the time of a restored draft in Paris time (winter and summer)', async () => {
    for (const [instant, shown] of [
      ['2026-01-15T08:05:00Z', /15 janvier 2026 à 09:05/],
      ['2026-07-15T08:05:00Z', /15 juillet 2026 à 10:05/],
    ] as const) {
      await DraftStore.purgeAll();
      const clock = new FakeClock(Date.parse(instant));
      const model = await documentA();
      const first = await fixture<PpsEditor>(html`<pps-editor lang="fr" .clock=${clock} .session=${session} .value=${model}></pps-editor>`);
      await rendered(first);
      const input = control(first, 'patientComment')!;
      input.value += ' suite';
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await clock.tick(DRAFT_DEBOUNCE_MS);
      await first.draftsComplete;
      first.remove();
      const again = await fixture<PpsEditor>(html`<pps-editor lang="fr" .clock=${clock} .session=${session} .value=${model}></pps-editor>`);
      await again.draftsComplete;
      await again.updateComplete;
      const banner = shadow(again).querySelector<HTMLElement>('[part~="banner"]');
      assert.match(banner?.textContent ?? '', shown, `saved at ${instant}`);
      again.remove();
    }
  });

  it('lists the drafts of a patient for the host (« reprendre le brouillon »), never another patient’s', async () => {
    const a = await documentA();
    const b = await documentB();
    const clock = new FakeClock(Date.parse('2026-03-02T13:30:00Z'));
    const editor = await fixture<PpsEditor>(html`<pps-editor .clock=${clock} .session=${session} .value=${a}></pps-editor>`);
    await rendered(editor);
    assert.deepEqual(await editor.draftsFor(a.patient), [], 'no draft yet');
    const input = control(editor, 'patientComment')!;
    input.value += ' suite';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await clock.tick(DRAFT_DEBOUNCE_MS);
    await editor.draftsComplete;
    editor.documentId = 'doc-b';
    editor.value = b;
    await editor.updateComplete;
    const inputB = control(editor, 'patientComment')!;
    inputB.value += ' suite B';
    inputB.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await editor.saveDraft();

    const ofA = await editor.draftsFor(a.patient);
    assert.equal(ofA.length, 1, 'one draft of patient A');
    assert.equal(ofA[0]!.documentId, undefined, 'a new document');
    assert.equal(ofA[0]!.savedAt, Date.parse('2026-03-02T13:30:00Z') + DRAFT_DEBOUNCE_MS);
    assert.equal(ofA[0]!.savedAtText, '2 mars 2026 à 14:30');
    const ofB = await editor.draftsFor(b.patient);
    assert.deepEqual(
      ofB.map((d) => d.documentId),
      ['doc-b'],
      'the draft of the stored document of patient B',
    );
    assert.deepEqual(await editor.draftsFor({ ...a.patient, ins: { ...(a.patient.ins as object), value: '299999999999999' } }), [], 'another patient has none');
  });
});
