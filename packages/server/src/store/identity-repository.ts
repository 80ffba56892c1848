// The identity lifecycle's storage: the two criteria of the status (INSi, identity document),
// each with who and when, on the patient row; every transition is one transaction with its
// audit event (ids and the new status only, never a trait).
import type { SqlDriver } from './driver.js';
import { recordAudit } from './audit-repository.js';
import { DUPLICATE_INS, insTaken } from './patients-repository.js';
import { iso, toPatient, type Actor, type IdentityStatus, type Patient, type Row, type WriteResult } from './records.js';

export type InsiOperation = 'search' | 'verify';
export type IdentityDocumentKind = 'passport' | 'identity-card' | 'residence-permit';

export interface InsiEvidence { at: string; by: string; operation: InsiOperation }
export interface DocumentEvidence { at: string; by: string; kind: IdentityDocumentKind }

/** A patient with the criteria of its identity status. */
export interface PatientIdentity {
  patient: Patient;
  insi?: InsiEvidence;
  document?: DocumentEvidence;
}

/** What a transition writes: the new status and criteria (null clears, undefined keeps), and INSi's INS and traits when applied. */
export interface IdentityChange {
  status: IdentityStatus;
  insi?: Omit<InsiEvidence, 'at'> | null;
  document?: Omit<DocumentEvidence, 'at'> | null;
  ins?: Patient['ins'];
  traits?: Patient['traits'];
  /** The audit action, e.g. `patient.identity.insi-search`. */
  action: string;
}

export function toPatientIdentity(r: Row): PatientIdentity {
  return {
    patient: toPatient(r),
    ...(r.identity_insi_at ? { insi: { at: iso(r.identity_insi_at), by: String(r.identity_insi_by), operation: r.identity_insi_operation as InsiOperation } } : {}),
    ...(r.identity_document_at ? { document: { at: iso(r.identity_document_at), by: String(r.identity_document_by), kind: r.identity_document_kind as IdentityDocumentKind } } : {}),
  };
}

export class IdentityRepository {
  constructor(private readonly driver: SqlDriver) {}

  async get(id: string, structures: readonly string[]): Promise<PatientIdentity | undefined> {
    const rows = await this.driver.query('SELECT * FROM patients WHERE id = $1 AND structure_id = ANY($2::text[])', [id, [...structures]]);
    return rows[0] ? toPatientIdentity(rows[0]) : undefined;
  }

  /** Applies a transition under the patient's lock if its version is still `expected`. */
  async apply(id: string, expected: number, change: IdentityChange, actor: Actor): Promise<WriteResult<PatientIdentity>> {
    return this.driver.transaction(async (tx) => {
      const cur = await tx.query('SELECT * FROM patients WHERE id = $1 AND structure_id = ANY($2::text[]) FOR UPDATE', [id, [...actor.structures]]);
      if (!cur[0]) return { ok: false, reason: 'not-found' };
      if (Number(cur[0].version) !== expected) return { ok: false, reason: 'stale' };
      const current = toPatient(cur[0]);
      if (change.ins && (change.ins.value !== current.ins.value || change.ins.oid !== current.ins.oid) && (await insTaken(tx, { structureId: current.structureId, ins: change.ins }, id)))
        return DUPLICATE_INS;
      const data = change.traits ? JSON.stringify({ traits: change.traits, ...(current.usedName !== undefined ? { usedName: current.usedName } : {}) }) : null;
      const insi = change.insi;
      const doc = change.document;
      const rows = await tx.query(
        `UPDATE patients SET identity_status = $2, version = version + 1, updated_at = now(),
           ins_value = COALESCE($3, ins_value), ins_oid = COALESCE($4, ins_oid), data = COALESCE($5::jsonb, data),
           identity_insi_at = CASE WHEN $6 THEN now() WHEN $7 THEN NULL ELSE identity_insi_at END,
           identity_insi_by = CASE WHEN $6 THEN $8 WHEN $7 THEN NULL ELSE identity_insi_by END,
           identity_insi_operation = CASE WHEN $6 THEN $9 WHEN $7 THEN NULL ELSE identity_insi_operation END,
           identity_document_at = CASE WHEN $10 THEN now() WHEN $11 THEN NULL ELSE identity_document_at END,
           identity_document_by = CASE WHEN $10 THEN $12 WHEN $11 THEN NULL ELSE identity_document_by END,
           identity_document_kind = CASE WHEN $10 THEN $13 WHEN $11 THEN NULL ELSE identity_document_kind END
         WHERE id = $1 RETURNING *`,
        [
          id, change.status, change.ins?.value ?? null, change.ins?.oid ?? null, data,
          !!insi, insi === null, insi?.by ?? null, insi?.operation ?? null,
          !!doc, doc === null, doc?.by ?? null, doc?.kind ?? null,
        ],
      );
      const after = toPatientIdentity(rows[0]!);
      await recordAudit(tx, actor, { action: change.action, resourceType: 'patient', resourceId: id, version: after.patient.version, structureId: after.patient.structureId, patientId: id });
      if (after.patient.identityStatus !== current.identityStatus)
        await recordAudit(tx, actor, { action: `patient.identity.status.${after.patient.identityStatus}`, resourceType: 'patient', resourceId: id, version: after.patient.version, structureId: after.patient.structureId, patientId: id });
      return { ok: true, value: after };
    });
  }

  /** An INSi call that changed nothing (none, several, unusable): who asked, when (the traits left for the CNAM). */
  async recordCall(patient: Patient, action: string, actor: Actor): Promise<void> {
    await recordAudit(this.driver, actor, { action, resourceType: 'patient', resourceId: patient.id, version: patient.version, structureId: patient.structureId, patientId: patient.id });
  }
}
