// What a submission needs beside its row: the signed CDA, the patient's INS and identity
// status, and who the VIHF asserts (indirect authentication: the signer, for the document's
// structure — EX_2.1-1140 wants the author's structure).
import type { SqlExecutor } from '../store/driver.js';
import { insCx } from '@dcc-kit/dmp/client';
import type { ActingParty, Ins } from './ports.js';

/** TRE_G15 profession 10 (médecin): only médecins sign (DCC_SIGNER_PROFESSIONS default). */
const MEDECIN = { code: '10', codingScheme: '1.2.250.1.71.1.2.7', displayName: 'Médecin' };

export function actingParty(idNatPs: string, structureId: string, secteurActivite: string): ActingParty {
  return { nameId: idNatPs, displayName: idNatPs, roles: [MEDECIN], structureId, secteurActivite };
}

/**
 * The XDS patientId (CX) of an INS, `matricule^^^&oid&ISO^NH` (dmp-mes.md §1.3): the connector's
 * one writer of it (the copy kept here lacked `^NH`, so archive/delete never reached a real DMP).
 */
export const patientCx = (matricule: string, oid: string) => insCx({ matricule, oid });

export interface SubmissionFacts {
  cda: Uint8Array;
  signedBy: string;
  ins: Ins;
  identityStatus: string;
  /** The patient's birth date as the record holds it (`YYYY-MM-DD`, maybe partial); absent when unknown. */
  birthDate?: string;
}

/** The calendar date in France (`YYYY-MM-DD`): a birthday is a French day. */
const PARIS_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * Whether a patient born on `birthDate` is a minor on `at` (under 18 on that day of the
 * French calendar: born 2010-08-01 → adult from 2028-08-01).
 *
 * A partial birth date, as the INS traits allow (`YYYY-00-00`, `YYYY-MM-00`, or `YYYY` /
 * `YYYY-MM`), is read at its LATEST possible day (31 December, the month's last day): [I] a
 * person who may still be a minor that day is treated as one, because the two mistakes are not
 * alike — taking a minor for an adult may reveal a document to the legal representatives or
 * drop the secret connection the minor asked for, while taking an adult for a minor only asserts
 * a secret connection the DMP ignores for an adult and keeps a copy out of her mailbox.
 * A missing or unreadable birth date is not read as a minor's (nothing to go by: the DMP then
 * says so itself if the patient is one).
 */
export function isMinorOn(birthDate: string | undefined, at: Date): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(birthDate ?? '');
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2] ?? '0') || 12;
  if (month > 12) return false;
  // day 0 of the next month is the month's last day (UTC arithmetic: no time zone in a date)
  const day = Number(m[3] ?? '0') || new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const adultFrom = `${pad(year + 18, 4)}-${pad(month)}-${pad(day)}`;
  return PARIS_DATE.format(at) < adultFrom;
}

/**
 * The minor's secret connection (« connexion secrète », dmp-mes.md §2.2, §3.4): a document of
 * a minor deposited hidden from the legal representatives is deposited in secret connection, so
 * the VIHF carries confidentiality-code INVISIBLE_REPRESENTANTS_LEGAUX. [I] The platform learns
 * the secret connection from that choice (the minor opposed disclosure, CSP L.1111-5): it keeps
 * no flag of its own, and the DMP still refuses a document of such a minor sent without it.
 *
 * The one rule for the deposit (the worker, on the row's visibility) and for every later DMP
 * action on the entry (mask, make visible, archive, delete — the service, on the stored row's
 * visibility before the change): an entry still hidden from the legal representatives of a patient
 * who is a minor on the day of the action is acted on in secret connection. [I] Once the flag is
 * lifted (irreversible) the entry is the representatives' to see, and at 18 there are no legal
 * representatives to hide from: no secret connection then.
 */
export function inSecretConnection(visibility: readonly string[], birthDate: string | undefined, at: Date): boolean {
  return visibility.includes('INVISIBLE_REPRESENTANTS_LEGAUX') && isMinorOn(birthDate, at);
}

export async function submissionFacts(db: SqlExecutor, documentId: string, versionNumber: number): Promise<SubmissionFacts | undefined> {
  const rows = await db.query<{ cda: string | null; signed_by: string | null; ins_value: string; ins_oid: string; identity_status: string; birth_date: string | null }>(
    `SELECT v.cda, v.signed_by, p.ins_value, p.ins_oid, p.identity_status, p.data->'traits'->>'birthDate' AS birth_date
       FROM document_versions v JOIN documents d ON d.id = v.document_id JOIN patients p ON p.id = d.patient_id
      WHERE v.document_id = $1 AND v.number = $2`,
    [documentId, versionNumber],
  );
  const r = rows[0];
  if (!r?.cda || !r.signed_by) return undefined;
  return { cda: new TextEncoder().encode(r.cda), signedBy: r.signed_by, ins: { matricule: r.ins_value, oid: r.ins_oid }, identityStatus: r.identity_status, ...(r.birth_date ? { birthDate: r.birth_date } : {}) };
}
