// Loaded in a probe page (see probe-page.ts) by the draft tests: saves and loads a draft in a
// page that is then really reloaded, so nothing survives but IndexedDB.
import { DraftStore } from '../drafts/draft-store.js';

export async function saveDraftInPage(keyMaterial: string, userId: string, draftId: string, value: unknown): Promise<number> {
  const { savedAt } = await new DraftStore({ keyMaterial, userId }).save(draftId, value, { baseVersion: 2 });
  return savedAt;
}

export async function loadDraftInPage(keyMaterial: string, userId: string, draftId: string): Promise<unknown> {
  return (await new DraftStore({ keyMaterial, userId }).load(draftId)) ?? null;
}
