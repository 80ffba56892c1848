export {
  DraftStore,
  DraftKeyError,
  patientFingerprint,
  DraftStoreClosedError,
  draftIdbStore,
  DRAFT_DB_NAME,
  DRAFT_STORE_NAME,
  DEFAULT_DRAFT_MAX_AGE_MS,
  type DraftRecord,
  type DraftStoreOptions,
  type LoadedDraft,
  type ListedDraft,
  type SealedDraft,
} from './draft-store.js';
// Apart from the store: the forms name drafts before the store's chunk is loaded.
export { draftIdFor } from './draft-id.js';
