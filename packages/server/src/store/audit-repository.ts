// The audit trail: every write records who did what to which resource, in the write's own
// transaction; a professional reads the events of their structures.
import type { SqlDriver, SqlExecutor } from './driver.js';
import { page, toAudit, type Actor, type AuditEvent, type Page } from './records.js';

export interface AuditFact {
  action: string;
  resourceType: 'patient' | 'document';
  resourceId: string;
  version?: number;
  structureId: string;
  patientId?: string;
  documentId?: string;
}

export async function recordAudit(tx: SqlExecutor, actor: Actor, e: AuditFact): Promise<void> {
  await tx.query(
    `INSERT INTO audit_events (at, actor, action, resource_type, resource_id, version, request_id, structure_id, patient_id, document_id)
     VALUES (now(), $1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [actor.idNatPs, e.action, e.resourceType, e.resourceId, e.version ?? null, actor.requestId, e.structureId, e.patientId ?? null, e.documentId ?? null],
  );
}


export class AuditRepository {
  constructor(private readonly driver: SqlDriver) {}

  async list(q: { structures: readonly string[]; documentId?: string; patientId?: string; limit: number; after?: number }): Promise<Page<AuditEvent>> {
    const rows = await this.driver.query(
      `SELECT * FROM audit_events WHERE structure_id = ANY($1::text[]) AND ($2::uuid IS NULL OR document_id = $2)
         AND ($3::uuid IS NULL OR patient_id = $3) AND ($4::integer IS NULL OR seq < $4) ORDER BY seq DESC LIMIT $5`,
      [[...q.structures], q.documentId ?? null, q.patientId ?? null, q.after ?? null, q.limit + 1],
    );
    return page(rows, q.limit, toAudit);
  }
}
