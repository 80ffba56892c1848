/* global customElements */
// Shared pieces of the <pps-editor> and <rcp-form> stories: a fixed fictitious session (so a
// draft written by one story can be read by the next), seeding an encrypted draft the way the
// editor itself would, and waiting for the editors' asynchronous states before a story is shown.
import { DraftStore, draftIdFor, patientFingerprint } from '@dcc-kit/elements';
import { STORY_DRAFT_KEY } from './platform-handlers.js';

export const STORY_SESSION = Object.freeze({ userId: 'story-user-0001', draftKey: STORY_DRAFT_KEY });

/** Writes an encrypted draft for `documentId` as the editor would (same store, same key derivation). */
export async function seedDraft(volet, documentId, model, { baseVersion } = {}) {
  const store = new DraftStore({ keyMaterial: STORY_SESSION.draftKey, userId: STORY_SESSION.userId });
  // The editor keeps the fingerprint of the draft's patient inside it and restores it only for that patient.
  const patient = (await patientFingerprint(model.patient, STORY_SESSION.userId)) ?? null;
  await store.save(draftIdFor(volet, documentId), { patient, data: model }, baseVersion === undefined ? {} : { baseVersion });
}

/** Polls until `condition()` is truthy (editors restore drafts and build previews asynchronously). */
export async function until(condition, what, timeoutMs = 15_000) {
  const start = Date.now();
  for (;;) {
    const value = condition();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`story: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The editor of a story's canvas, upgraded and rendered. */
export async function editorIn(canvasElement, tag) {
  await customElements.whenDefined(tag);
  const editor = await until(() => canvasElement.querySelector(tag), `<${tag}>`);
  await editor.updateComplete;
  return editor;
}

export function part(editor, name) {
  return editor.shadowRoot?.querySelector(`[part~="${name}"]`) ?? null;
}
