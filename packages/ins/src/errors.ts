// Typed failures of an INSi exchange. Messages never quote traits or INS (they reach logs).

/**
 * - `invalid-request`: the traits given cannot be sent (caught before any call; `location` is the field).
 * - `unavailable`: the service could not answer (connection, timeout, HTTP 5xx or 429, SOAP Receiver fault): retry later.
 * - `fault`: INSi refused the request (SOAP Sender fault, e.g. desir_560 rights, desir_550 software unknown).
 * - `invalid-response`: the answer is not an INSi answer (`location` names what is missing).
 */
export type InsiErrorKind = 'invalid-request' | 'unavailable' | 'fault' | 'invalid-response';

const MESSAGES: Record<InsiErrorKind, { fr: string; en: string }> = {
  'invalid-request': {
    fr: 'Les traits d’identité ne peuvent pas être envoyés au téléservice INSi tels quels.',
    en: 'The identity traits cannot be sent to the INSi teleservice as they are.',
  },
  unavailable: {
    fr: 'Le téléservice INSi ne répond pas pour le moment : réessayez plus tard.',
    en: 'The INSi teleservice is not answering at the moment: try again later.',
  },
  fault: {
    fr: 'Le téléservice INSi a refusé la demande.',
    en: 'The INSi teleservice refused the request.',
  },
  'invalid-response': {
    fr: 'La réponse du téléservice INSi est illisible.',
    en: 'The answer of the INSi teleservice is unreadable.',
  },
};

export class InsiError extends Error {
  override readonly name = 'InsiError';
  readonly kind: InsiErrorKind;
  /** The most specific code: the fault's desir_xxx, else the transport's (timeout, connection, http-503…). */
  readonly code: string;
  readonly transient: boolean;
  /** Where: the request field (`traits.birthName`) or the SOAP element (`RECSANSVITALE/NomNaissance`, `RESULTAT/CR/CodeCR`). */
  readonly location?: string;
  readonly httpStatus?: number;
  readonly messageFr: string;
  readonly messageEn: string;

  constructor(init: { kind: InsiErrorKind; code: string; location?: string; httpStatus?: number; detail?: string; cause?: unknown }) {
    const text = MESSAGES[init.kind];
    super(`INSi ${init.kind} (${init.code})${init.location ? ` at ${init.location}` : ''}${init.detail ? `: ${init.detail}` : ''}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.code = init.code;
    this.transient = init.kind === 'unavailable';
    if (init.location !== undefined) this.location = init.location;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
    this.messageFr = text.fr;
    this.messageEn = text.en;
  }
}
