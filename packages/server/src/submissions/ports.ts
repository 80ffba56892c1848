// What the submission worker needs from the DMP and from an MSSanté relay, as small ports: the
// adapters over @dcc-kit/dmp's DmpClient and @dcc-kit/mss's MssSender implement them
// (adapters.ts), tests may give others. Shapes follow DMP-CONTRACT.md.
//
// The facts the ports carry — the DMP's visibility flags, an INS, the TD0.2 answer — are the
// connector's (types only, plus the flag list of its pure metadata module): a port stays
// implementable without a DmpClient. The acting party is the port's own, narrower than the
// client's (the server sets no authentication mode).
import type { DmpPatientStatus, Ins } from '@dcc-kit/dmp/client';
import type { VisibilityFlag } from '@dcc-kit/dmp/metadata';

export type { DmpPatientStatus, Ins, VisibilityFlag };
export { VISIBILITY_FLAGS } from '@dcc-kit/dmp/metadata';

/** Who the VIHF asserts in indirect authentication: the signer, for the document's structure. */
export interface ActingParty {
  nameId: string;
  displayName: string;
  roles: Array<{ code: string; codingScheme: string; displayName: string }>;
  structureId: string;
  secteurActivite: string;
}

export interface ProvideInput {
  cda: Uint8Array;
  visibility: readonly VisibilityFlag[];
  entryUUID: string;
  submissionSetUniqueId: string;
  replaces?: { entryUUID: string };
  /** A minor's secret connection: the VIHF carries confidentiality-code INVISIBLE_REPRESENTANTS_LEGAUX (§2.2). */
  secretConnection?: boolean;
}

export interface DmpPort {
  patientStatus(ins: Ins, actor: ActingParty, signal?: AbortSignal): Promise<DmpPatientStatus>;
  provideAndRegister(input: ProvideInput, actor: ActingParty, signal?: AbortSignal): Promise<{ entryUUID: string; uniqueId: string }>;
  updateVisibility(
    input: { cda: Uint8Array; logicalId: string; previousVersion: number; visibility: readonly VisibilityFlag[]; newEntryUUID: string; /** as in ProvideInput: an entry of a minor's secret connection changes in it */ secretConnection?: boolean },
    actor: ActingParty,
    signal?: AbortSignal,
  ): Promise<void>;
  updateStatus(input: { entryUUID: string; from: 'Approved' | 'Archived'; to: 'Approved' | 'Archived' | 'Deleted'; patientId: string; secretConnection?: boolean }, actor: ActingParty, signal?: AbortSignal): Promise<void>;
}

export interface MssPort {
  send(input: { cda: Uint8Array; visibility: readonly VisibilityFlag[]; to: string[]; submissionSetUniqueId: string; /** the same on every retry: a re-send after a lost answer is recognisable */ messageId: string }, signal?: AbortSignal): Promise<{ messageId: string; accepted: string[] }>;
}

/**
 * How a failure of either port is read: DmpError and MssError carry these fields. Anything
 * else (a bug, an unexpected exception) counts as transient: retried, then parked.
 */
export interface PortFailure {
  transient: boolean;
  code: string;
  messageFr?: string;
  messageEn?: string;
  location?: string;
}

export function asPortFailure(error: unknown): PortFailure {
  const e = error as Partial<PortFailure> & { name?: string; message?: string; errors?: Array<{ location?: string }> };
  if (e && typeof e === 'object' && typeof e.transient === 'boolean' && typeof e.code === 'string') {
    // the field: the error's own, else the first the registry named in its error list
    const location = e.location ?? e.errors?.find((x) => x.location && x.location !== '—')?.location;
    return { transient: e.transient, code: e.code, ...(e.messageFr ? { messageFr: e.messageFr } : {}), ...(e.messageEn ? { messageEn: e.messageEn } : {}), ...(location ? { location } : {}) };
  }
  return { transient: true, code: (e && typeof e.name === 'string' && e.name) || 'error' };
}
