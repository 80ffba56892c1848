// Typed errors of the directory client. Messages name the operation and the HTTP status only:
// never a searched name or identifier (a search for a patient's GP reveals care relations).
import type { OperationOutcome } from './fhir.js';

export type AnnuaireErrorKind =
  /** Network failure, timeout, 5xx, or a body that is not FHIR: the directory cannot answer now. */
  | 'unavailable'
  /** 429 still answered after the allowed retries. */
  | 'rate-limited'
  /** 401/403: missing or refused ESANTE-API-KEY. */
  | 'unauthorized'
  /** 400/404/410/412: the query itself is wrong. */
  | 'bad-request'
  /** The caller aborted (AbortSignal). */
  | 'aborted';

export class AnnuaireError extends Error {
  override readonly name: string = 'AnnuaireError';
  readonly kind: AnnuaireErrorKind;
  /** HTTP status of the last answer, when there was one. */
  readonly status: number | undefined;
  /** The OperationOutcome the directory answered with, when it did (its diagnostics may quote the query: not for logs). */
  readonly outcome: OperationOutcome | undefined;
  /** Seconds the directory asked to wait (Retry-After), when it did. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    kind: AnnuaireErrorKind,
    message: string,
    details: { status?: number; outcome?: OperationOutcome; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.status = details.status;
    this.outcome = details.outcome;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  /** Whether the caller should fall back (manual entry): the directory is down, limited or aborted, not the query wrong. */
  get transient(): boolean {
    return this.kind === 'unavailable' || this.kind === 'rate-limited';
  }
}

export function isAnnuaireError(error: unknown): error is AnnuaireError {
  return error instanceof AnnuaireError;
}
