// What a submission needs beside its row: the signed CDA, the patient's INS and identity
// status, and who the VIHF asserts (indirect authentication: the signer, for the document's
// structure — EX_2.1-1140 wants the author's structure).
import type { SqlExecutor } from '../store/driver.js';
import type { ActingParty, Ins } from './ports.js';

/** TRE_G15 profession 10 (médecin): only médecins sign (DCC_SIGNER_PROFESSIONS default). */
const MEDECIN = { code: '10', codingScheme: '1.2.250.1.71.1.2.7', displayName: 'Médecin' };

export function actingParty(idNatPs: string, structureId: string, secteurActivite: string): ActingParty {
  return { nameId: idNatPs, displayName: idNatPs, roles: [MEDECIN], structureId, secteurActivite };
}

/** The XDS patientId (CX) of an INS: `matricule^^^&oid&ISO`. */
export const patientCx = (matricule: string, oid: string) => `${matricule}^^^&${oid}&ISO`;

export interface SubmissionFacts {
  cda: Uint8Array;
  signedBy: string;
  ins: Ins;
  identityStatus: string;
}

export async function submissionFacts(db: SqlExecutor, documentId: string, versionNumber: number): Promise<SubmissionFacts | undefined> {
  const rows = await db.query<{ cda: string | null; signed_by: string | null; ins_value: string; ins_oid: string; identity_status: string }>(
    `SELECT v.cda, v.signed_by, p.ins_value, p.ins_oid, p.identity_status
       FROM document_versions v JOIN documents d ON d.id = v.document_id JOIN patients p ON p.id = d.patient_id
      WHERE v.document_id = $1 AND v.number = $2`,
    [documentId, versionNumber],
  );
  const r = rows[0];
  if (!r?.cda || !r.signed_by) return undefined;
  return { cda: new TextEncoder().encode(r.cda), signedBy: r.signed_by, ins: { matricule: r.ins_value, oid: r.ins_oid }, identityStatus: r.identity_status };
}
