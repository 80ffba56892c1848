// What the sink needs from an attached CDA's header: the document code, the INS and the four
// INS traits. Read by the simulator's own CDA reader (cda-read.ts, the one its DMP side checks
// the metadata with), not by the sender's metadata code, so that the sink does not share a bug
// with the writer it checks.
import { isInsOid } from '@dcc-kit/cda/identity';
import { readCda } from '../cda-read.js';

export interface CdaHeader {
  code?: string;
  ins?: { matricule: string; oid: string };
  birthFamilyName?: string;
  firstGivenName?: string;
  birthDate?: string;
  sex?: string;
}

/**
 * The header of an attached CDA. An obsolete INS-C identifier is not an INS here (the sink
 * neither matches it against the metadata nor counts it as qualified).
 * @throws CdaUnreadable when not UTF-8, not well-formed or without an HL7 ClinicalDocument.
 */
export function readCdaHeader(bytes: Uint8Array): CdaHeader {
  const view = readCda(bytes);
  const { birthFamilyName, firstGivenName, birthTime, gender } = view.patient;
  return {
    ...(view.code ? { code: view.code.code } : {}),
    ...(view.ins && isInsOid(view.ins.oid) ? { ins: view.ins } : {}),
    ...(birthFamilyName !== undefined ? { birthFamilyName } : {}),
    ...(firstGivenName !== undefined ? { firstGivenName } : {}),
    ...(birthTime !== undefined ? { birthDate: birthTime } : {}),
    ...(gender !== undefined ? { sex: gender } : {}),
  };
}
