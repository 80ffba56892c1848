// The ports over the real parts: @dcc-kit/dmp's DmpClient (SOAP 1.2/MTOM, signed VIHF, mutual
// TLS) and @dcc-kit/mss's MssSender (SMTP, XDM zip). Thin: the worker's rules do not depend on
// them, and their errors (DmpError, MssError) already carry `transient`, `code`, the plain-language
// reasons and the field.
import { DmpClient, type DmpClientOptions } from '@dcc-kit/dmp/client';
import { documentEntryFromCda } from '@dcc-kit/dmp/metadata';
import { MssSender, smtpOptionsFromUrl, type MssSenderOptions } from '@dcc-kit/mss';
import type { ActingParty, DmpPort, MssPort } from './ports.js';

export interface DmpConnection {
  client: DmpClientOptions;
  /** SubmissionSet sourceId: the OID of this sending system. */
  sourceId: string;
}

/**
 * The VIHF's Identifiant_Structure is the acting structure as the CDA writes it among its
 * authors' organisations (Struct_IdNat: '1' + FINESS, '3' + SIRET…), so that EX_2.1-1140
 * (only an author's structure feeds) compares like with like; never another author's structure.
 */
function forDocument(actor: ActingParty, cda: Uint8Array): ActingParty {
  try {
    const ids = documentEntryFromCda(cda).facts.authorStructureIds;
    const structureId = ids.find((id) => id === actor.structureId || id.slice(1) === actor.structureId);
    return { ...actor, structureId: structureId ?? structIdNat(actor.structureId) };
  } catch {
    return { ...actor, structureId: structIdNat(actor.structureId) };
  }
}

/** The Struct_IdNat of a FINESS / SIRET structure id as PSC gives it ('1' FINESS, '3' SIRET). */
export const structIdNat = (structureId: string) => (/^\d{9}$/.test(structureId) ? `1${structureId}` : /^\d{14}$/.test(structureId) ? `3${structureId}` : structureId);

export function dmpPort(connection: DmpConnection): DmpPort & { close(): Promise<void> } {
  const client = new DmpClient({ ...connection.client, sourceId: connection.sourceId });
  return {
    patientStatus: (ins, actor, signal) => client.patientStatus(ins, { ...actor, structureId: structIdNat(actor.structureId) }, signal),
    async provideAndRegister(input, actor, signal) {
      const r = await client.provideAndRegister({ ...input, sourceId: connection.sourceId }, forDocument(actor, input.cda), signal);
      return { entryUUID: r.entryUUID, uniqueId: r.uniqueId };
    },
    updateVisibility: (input, actor, signal) => client.updateVisibility(input, forDocument(actor, input.cda), signal),
    updateStatus: (input, actor, signal) => client.updateStatus(input, { ...actor, structureId: structIdNat(actor.structureId) }, signal),
    close: () => client.close(),
  };
}

export interface MssConnection {
  /** smtp://user:pass@host:port or smtps://… (DCC_MSS_SMTP_URL). */
  smtpUrl: string;
  /** The sending mailbox (DCC_MSS_FROM). */
  from: string;
  /** X-MSS-NIL (DCC_MSS_NIL). */
  nil: string;
  sourceId: string;
  sender: MssSenderOptions['sender'];
}

export function mssPort(connection: MssConnection): MssPort {
  const sender = new MssSender({ smtp: smtpOptionsFromUrl(connection.smtpUrl), nil: connection.nil, sender: connection.sender });
  return {
    send: (input, signal) => sender.send({ ...input, from: connection.from, sourceId: connection.sourceId }, signal),
  };
}
