// Typed events of the dcc-kit elements. Native `input`/`change` keep their names; the
// domain events carry a documented `detail` and are declared in GlobalEventHandlersEventMap
// so that addEventListener is typed in the host's TypeScript.
import type { ModelIssue } from '@dcc-kit/cda/core';

const init = { bubbles: true, composed: true } as const;

/** A draft was encrypted and written to IndexedDB. */
export class DccDraftSavedEvent extends Event {
  static readonly type = 'dcc-draft-saved';
  constructor(readonly detail: { draftId: string; savedAt: number }) {
    super(DccDraftSavedEvent.type, init);
  }
}

/** Whole-form validation and CDA build succeeded: the host stores/sends the document. */
export class DccSubmitEvent<Model = unknown> extends Event {
  static readonly type = 'dcc-submit';
  constructor(readonly detail: { model: Model; xml: string }) {
    super(DccSubmitEvent.type, init);
  }
}

/** Whole-form validation failed; the issues are the model issues (paths, fr/en messages). */
export class DccInvalidEvent extends Event {
  static readonly type = 'dcc-invalid';
  constructor(readonly detail: { issues: readonly ModelIssue[] }) {
    super(DccInvalidEvent.type, init);
  }
}

/** The server holds a newer version than the one the restored draft was based on. */
export class DccServerVersionNewerEvent extends Event {
  static readonly type = 'dcc-server-version-newer';
  constructor(readonly detail: { serverVersion: string; draftVersion: string | undefined }) {
    super(DccServerVersionNewerEvent.type, init);
  }
}

/** A draft newer than the loaded model was restored into the editor. */
export class DccDraftRestoredEvent extends Event {
  static readonly type = 'dcc-draft-restored';
  constructor(readonly detail: { draftId: string; savedAt: number }) {
    super(DccDraftRestoredEvent.type, init);
  }
}

/** A draft could not be encrypted or written (storage full, IndexedDB unavailable…): the edit is kept in memory and retried. */
export class DccDraftErrorEvent extends Event {
  static readonly type = 'dcc-draft-error';
  constructor(readonly detail: { draftId: string }) {
    super(DccDraftErrorEvent.type, init);
  }
}

/**
 * A code picker was left with typed text that names no concept (the choice is kept): the host
 * form may keep the text as the field's free text (`<dcc-code-picker>` fires it; the schema
 * forms write it into the coded-or-text block's `text` or the act's `typePrecision` when empty).
 */
export class DccUnmatchedTextEvent extends Event {
  static readonly type = 'dcc-unmatched-text';
  constructor(readonly detail: { text: string }) {
    super(DccUnmatchedTextEvent.type, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dcc-unmatched-text': DccUnmatchedTextEvent;
    'dcc-draft-saved': DccDraftSavedEvent;
    'dcc-submit': DccSubmitEvent;
    'dcc-invalid': DccInvalidEvent;
    'dcc-server-version-newer': DccServerVersionNewerEvent;
    'dcc-draft-restored': DccDraftRestoredEvent;
    'dcc-draft-error': DccDraftErrorEvent;
  }
}
