export {
  DraftStore,
  DraftKeyError,
  draftIdFor,
  patientFingerprint,
  DraftStoreClosedError,
  draftIdbStore,
  DRAFT_DB_NAME,
  DRAFT_STORE_NAME,
  DEFAULT_DRAFT_MAX_AGE_MS,
  type DraftRecord,
  type DraftStoreOptions,
  type LoadedDraft,
} from './draft-store.js';
