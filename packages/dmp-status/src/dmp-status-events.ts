// Typed events of <dmp-status>, declared in GlobalEventHandlersEventMap so that a host's
// addEventListener is typed.
import type { Submission, SubmissionState } from '@dcc-kit/sdk';
import type { DmpStatusAction } from './dmp-status-model.js';

/** What an action acts on. */
export interface DmpStatusActionDetail {
  readonly action: DmpStatusAction;
  readonly documentId: string;
  readonly versionNumber: number;
  /** The submission acted on (the DMP row, or the parked row for `retry`). */
  readonly submissionId?: string;
}

/**
 * The user asked for an action (after the confirmation dialog when there is one), before the
 * SDK call. Cancelable: `preventDefault()` stops the call (e.g. a host asking its own questions).
 */
export class DmpStatusActionEvent extends Event {
  static readonly type = 'dmp-status-action';
  constructor(readonly detail: DmpStatusActionDetail) {
    super(DmpStatusActionEvent.type, { bubbles: true, composed: true, cancelable: true });
  }
}

/** The outcome of an action's SDK call. */
export interface DmpStatusActionResultDetail extends DmpStatusActionDetail {
  readonly ok: boolean;
  /** The submission as the server returned it (on success). */
  readonly submission?: Submission;
  /** On failure: HTTP status (when the server answered), problem title and detail, the message shown. */
  readonly error?: { readonly status?: number; readonly title?: string; readonly detail?: string; readonly message: string };
}

export class DmpStatusActionResultEvent extends Event {
  static readonly type = 'dmp-status-action-result';
  constructor(readonly detail: DmpStatusActionResultDetail) {
    super(DmpStatusActionResultEvent.type, { bubbles: true, composed: true });
  }
}

/** A submission changed, as the change feed said (state change, replacement or DMP action). */
export interface DmpStatusChangeDetail {
  readonly documentId: string;
  readonly versionNumber: number;
  readonly submissionId: string;
  readonly channel: string;
  readonly state: SubmissionState;
  /** `state`, `deprecated`, `visibility`, `archive`, `unarchive` or `delete`. */
  readonly kind: string;
}

export class DmpStatusChangeEvent extends Event {
  static readonly type = 'dmp-status-change';
  constructor(readonly detail: DmpStatusChangeDetail) {
    super(DmpStatusChangeEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dmp-status-action': DmpStatusActionEvent;
    'dmp-status-action-result': DmpStatusActionResultEvent;
    'dmp-status-change': DmpStatusChangeEvent;
  }
}
