// Patients: one row per patient and structure (INS unique within a structure), identity
// data as JSON, optimistic concurrency on `version`.
import { randomUUID } from 'node:crypto';
import type { InTransaction, SqlDriver, SqlExecutor } from './driver.js';
import { recordAudit } from './audit-repository.js';
import { page, toPatient, type Actor, type Page, type Patient, type PatientInput, type WriteResult } from './records.js';

const patientData = (p: PatientInput) => JSON.stringify({ traits: p.traits, ...(p.usedName !== undefined ? { usedName: p.usedName } : {}) });

export const DUPLICATE_INS = { ok: false, reason: 'conflict', type: 'duplicate-ins', detail: 'A patient with this INS already exists in this structure.' } as const;

/**
 * Inside a write transaction: whether another patient of the structure holds this INS. The
 * transaction first takes a lock on the (structure, INS) pair, held until it ends, so two
 * writers of one INS are serialised and the second sees the first's row: the unique
 * constraint is never violated, and PostgreSQL never logs an error quoting the INS.
 */
export async function insTaken(tx: SqlExecutor, input: Pick<PatientInput, 'structureId' | 'ins'>, exceptId?: string): Promise<boolean> {
  await tx.query('SELECT pg_advisory_xact_lock(4242002, hashtext($1))', [`${input.structureId}|${input.ins.oid}|${input.ins.value}`]);
  const rows = await tx.query(
    'SELECT 1 FROM patients WHERE structure_id = $1 AND ins_oid = $2 AND ins_value = $3 AND ($4::uuid IS NULL OR id <> $4)',
    [input.structureId, input.ins.oid, input.ins.value, exceptId ?? null],
  );
  return rows.length > 0;
}

export class PatientRepository {
  constructor(private readonly driver: SqlDriver) {}

  /** `then` runs last in the transaction (the Idempotency-Key's answer). */
  async create(input: PatientInput, actor: Actor, then?: InTransaction<Patient>): Promise<WriteResult<Patient>> {
    return this.driver.transaction(async (tx) => {
      if (await insTaken(tx, input)) return DUPLICATE_INS;
      const id = randomUUID();
      // ON CONFLICT: a concurrent creation that slipped past the check never becomes an error
      // (whose DETAIL would quote the INS in the database server's log).
      const rows = await tx.query(
        `INSERT INTO patients (id, structure_id, ins_value, ins_oid, identity_status, data, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, 1, now(), now())
         ON CONFLICT (structure_id, ins_oid, ins_value) DO NOTHING RETURNING *`,
        [id, input.structureId, input.ins.value, input.ins.oid, input.identityStatus, patientData(input)],
      );
      if (!rows[0]) return DUPLICATE_INS;
      await recordAudit(tx, actor, { action: 'patient.create', resourceType: 'patient', resourceId: id, version: 1, structureId: input.structureId, patientId: id });
      const value = toPatient(rows[0]!);
      await then?.(tx, value);
      return { ok: true, value };
    });
  }

  async get(id: string, structures: readonly string[]): Promise<Patient | undefined> {
    const rows = await this.driver.query('SELECT * FROM patients WHERE id = $1 AND structure_id = ANY($2::text[])', [id, [...structures]]);
    return rows[0] ? toPatient(rows[0]) : undefined;
  }

  async list(q: { structures: readonly string[]; ins?: string; limit: number; after?: number }): Promise<Page<Patient>> {
    const rows = await this.driver.query(
      `SELECT * FROM patients WHERE structure_id = ANY($1::text[]) AND ($2::text IS NULL OR ins_value = $2)
         AND ($3::integer IS NULL OR seq < $3) ORDER BY seq DESC LIMIT $4`,
      [[...q.structures], q.ins ?? null, q.after ?? null, q.limit + 1],
    );
    return page(rows, q.limit, toPatient);
  }

  /**
   * `resetIdentity`: the INS or a strict trait changed, so both criteria of the identity status
   * are cleared (identity-auth.md §1.5; the caller gives the status they lead to).
   */
  async update(id: string, expected: number, input: PatientInput, actor: Actor, options: { resetIdentity?: boolean } = {}): Promise<WriteResult<Patient>> {
    return this.driver.transaction(async (tx) => {
      const cur = await tx.query('SELECT * FROM patients WHERE id = $1 AND structure_id = ANY($2::text[]) FOR UPDATE', [id, [...actor.structures]]);
      if (!cur[0]) return { ok: false, reason: 'not-found' };
      if (Number(cur[0].version) !== expected) return { ok: false, reason: 'stale' };
      if (await insTaken(tx, input, id)) return DUPLICATE_INS;
      const rows = await tx.query(
        `UPDATE patients SET structure_id = $2, ins_value = $3, ins_oid = $4, identity_status = $5, data = $6::jsonb,
           version = version + 1, updated_at = now(),
           identity_insi_at = CASE WHEN $7 THEN NULL ELSE identity_insi_at END,
           identity_insi_by = CASE WHEN $7 THEN NULL ELSE identity_insi_by END,
           identity_insi_operation = CASE WHEN $7 THEN NULL ELSE identity_insi_operation END,
           identity_document_at = CASE WHEN $7 THEN NULL ELSE identity_document_at END,
           identity_document_by = CASE WHEN $7 THEN NULL ELSE identity_document_by END,
           identity_document_kind = CASE WHEN $7 THEN NULL ELSE identity_document_kind END
         WHERE id = $1 RETURNING *`,
        [id, input.structureId, input.ins.value, input.ins.oid, input.identityStatus, patientData(input), options.resetIdentity === true],
      );
      const p = toPatient(rows[0]!);
      await recordAudit(tx, actor, { action: 'patient.update', resourceType: 'patient', resourceId: id, version: p.version, structureId: p.structureId, patientId: id });
      if (options.resetIdentity)
        await recordAudit(tx, actor, { action: `patient.identity.reset.${p.identityStatus}`, resourceType: 'patient', resourceId: id, version: p.version, structureId: p.structureId, patientId: id });
      return { ok: true, value: p };
    });
  }

  /** Inside a transaction: whether the patient's identity is qualified, the row locked until commit. */
  async isQualifiedForUpdate(tx: SqlExecutor, id: string): Promise<boolean> {
    const rows = await tx.query<{ identity_status: string }>('SELECT identity_status FROM patients WHERE id = $1 FOR UPDATE', [id]);
    return rows[0]?.identity_status === 'qualified';
  }
}
