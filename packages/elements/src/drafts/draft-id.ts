// Draft ids, apart from the store: the forms compute them eagerly, while the store (encryption,
// IndexedDB) is a chunk they load on first need.

/**
 * The draft id an editor (by its own prefix) uses for a document: `frcp:<documentId>`, or for a document not stored
 * yet `pps:new:<patientKey>` (the patient fingerprint, see `patientFingerprint`) so that a new
 * document of one patient never restores the draft of another. Hashed again before storage.
 */
export function draftIdFor(editor: string, documentId?: string, patientKey?: string): string {
  return documentId ? `${editor}:${documentId}` : `${editor}:new:${patientKey || 'none'}`;
}

