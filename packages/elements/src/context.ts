// The dcc context: what the host application knows once for every editor on the page
// (patient identity, logged-in author, organisation, locale, SDK client, session for the
// encrypted drafts). Provided by <dcc-provider>, consumed by the editors with @lit/context;
// every editor also takes the same data as plain properties (properties win).
import { createContext } from '@lit/context';
import type { Custodian, DocumentAuthor, PatientIdentity } from '@dcc-kit/cda/core';
import type { IdentityStatus } from '@dcc-kit/cda/identity';
import type { EstablishmentContext } from '@dcc-kit/cda/start';
import type { DccLocale } from './localize.js';
import type { Clock } from './clock.js';

/**
 * The part of an @dcc-kit/sdk client the elements use, typed loosely so that the elements do
 * not depend on the SDK package (any object with these methods works, e.g. a test double in
 * Storybook).
 */
export interface DccClientLike {
  /** Fetches the latest stored version of a document, when the host has a backend. */
  getDocumentVersion?(documentId: string, options?: { signal?: AbortSignal }): Promise<{ version: string } | undefined>;
  /** Any other SDK call; the elements never rely on it. */
  readonly [method: string]: unknown;
}

/** The user's session, needed to encrypt drafts (the key never leaves memory). */
export interface DccSession {
  /** Stable id of the logged-in user (salt/info of the draft key derivation). */
  readonly userId: string;
  /** Secret from the backend's `/auth/session` (base64url), or given by the host. */
  readonly draftKey: string;
}

export interface DccContextValue {
  readonly locale?: DccLocale;
  /** Patient identity from the host's identity service (INS, traits). */
  readonly patient?: PatientIdentity;
  /** The RNIV status of the patient's identity (from the platform's identity lifecycle); the editors say why a non-qualified one cannot be deposited. */
  readonly identityStatus?: IdentityStatus;
  /** The logged-in professional as document author. */
  readonly author?: DocumentAuthor;
  /** The organisation keeping the documents (custodian). */
  readonly organization?: Custodian;
  /**
   * The establishment's identifiers (3C, regional network, structure, facility type, practice
   * setting, the RCP's national ids), given once by the host: the editors fill them in and the
   * clinician never types them.
   */
  readonly establishment?: EstablishmentContext;
  readonly client?: DccClientLike;
  readonly session?: DccSession;
  /** Time source of the editors' debounces and timers (default: the browser's). */
  readonly clock?: Clock;
  /** Called by elements offering a "log out" action; the provider purges drafts first. */
  readonly onLogout?: () => void | Promise<void>;
}

/**
 * Context key. `Symbol.for` so that two copies of @dcc-kit/elements on one page (a vendor
 * bundle and a plugin bundle) still find each other's provider.
 */
export const dccContext = createContext<DccContextValue | undefined>(Symbol.for('dcc-kit/context'));
