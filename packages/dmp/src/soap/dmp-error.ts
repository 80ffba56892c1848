import { errorMessageFor } from './error-messages.js';

export interface RegistryErrorItem {
  errorCode: string;
  codeContext: string;
  location?: string;
  severity: string;
}

/**
 * A refusal or failure of the DMP. `transient` says whether the same request may succeed later
 * (timeouts, connection errors, HTTP 5xx, busy registry, SOAP Receiver faults); otherwise the
 * request itself must change. `code` is the most specific code known: a SIM_* code carried in a
 * codeContext or fault, else the IHE errorCode, else the transport code.
 */
export class DmpError extends Error {
  override readonly name = 'DmpError';
  readonly transient: boolean;
  readonly code: string;
  readonly location?: string;
  readonly errors: RegistryErrorItem[];
  readonly messageFr: string;
  readonly messageEn: string;
  readonly httpStatus?: number;

  constructor(init: { code: string; transient?: boolean; location?: string; errors?: RegistryErrorItem[]; detail?: string; httpStatus?: number; cause?: unknown }) {
    const text = errorMessageFor(init.code);
    super(`${init.code}: ${text.en}${init.location ? ` (${init.location})` : ''}${init.detail ? ` — ${init.detail}` : ''}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.transient = init.transient ?? text.transient;
    if (init.location !== undefined) this.location = init.location;
    this.errors = init.errors ?? [];
    this.messageFr = text.fr;
    this.messageEn = text.en;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
  }
}

const SIM_CODE = /\bSIM_[A-Z0-9_]+\b/;

/** The SIM_* code a text carries, if any (the simulator puts it in codeContext and fault reasons). */
export function simCodeIn(text: string): string | undefined {
  return SIM_CODE.exec(text)?.[0];
}
