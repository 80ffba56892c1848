// The audit trail: every write records who did what to which resource, in the write's own
// transaction; every read of a patient, a document, a version or its CDA records who read
// which resource (type and id, never content), when, in which structure. A professional reads
// the events of their structures.
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


/** The actions a read records; every other action is a write. */
export const READ_ACTIONS = ['patient.read', 'document.read', 'document.version.read', 'document.cda.read'] as const;
export type ReadAction = (typeof READ_ACTIONS)[number];

export interface AuditQuery {
  structures: readonly string[];
  documentId?: string;
  patientId?: string;
  /** Only reads, or only writes. */
  kind?: 'read' | 'write';
  /** Only the events of this professional (idNatPs). */
  actor?: string;
  limit: number;
  after?: number;
}

export class AuditRepository {
  constructor(private readonly driver: SqlDriver) {}

  /** A read of a patient the caller may see (its structure is one of theirs). */
  async recordRead(actor: Actor, e: AuditFact & { action: ReadAction }): Promise<void> {
    await recordAudit(this.driver, actor, e);
  }

  /** A read of a document, one of its versions or its CDA: ids and the document's structure, never content. */
  async recordDocumentRead(actor: Actor, action: ReadAction, doc: { id: string; patientId: string }, version?: number): Promise<void> {
    await this.driver.query(
      `INSERT INTO audit_events (at, actor, action, resource_type, resource_id, version, request_id, structure_id, patient_id, document_id)
       SELECT now(), $1, $2, 'document', id::text, $3, $4, structure_id, patient_id, id FROM documents WHERE id = $5`,
      [actor.idNatPs, action, version ?? null, actor.requestId, doc.id],
    );
  }

  async list(q: AuditQuery): Promise<Page<AuditEvent>> {
    const rows = await this.driver.query(
      `SELECT * FROM audit_events WHERE structure_id = ANY($1::text[]) AND ($2::uuid IS NULL OR document_id = $2)
         AND ($3::uuid IS NULL OR patient_id = $3) AND ($4::integer IS NULL OR seq < $4)
         AND ($6::text IS NULL OR (action = ANY($7::text[])) = ($6 = 'read')) AND ($8::text IS NULL OR actor = $8)
         ORDER BY seq DESC LIMIT $5`,
      [[...q.structures], q.documentId ?? null, q.patientId ?? null, q.after ?? null, q.limit + 1, q.kind ?? null, [...READ_ACTIONS], q.actor ?? null],
    );
    return page(rows, q.limit, toAudit);
  }
}
