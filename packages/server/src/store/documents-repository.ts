// Documents and their immutable versions (a database trigger refuses changes to a version's
// model), status transitions with the submission rows and jobs, in one transaction with the audit event.
import { randomUUID } from 'node:crypto';
import type { InTransaction, SqlDriver, SqlExecutor } from './driver.js';
import { recordAudit } from './audit-repository.js';
import {
  encodeCursor,
  page,
  toDocument,
  toVersion,
  type Actor,
  type DocumentRecord,
  type DocumentStatus,
  type DocumentType,
  type Page,
  type ValidationSummary,
  type VersionRecord,
  type WriteResult,
} from './records.js';

/** A status change of a version, with what it records (validation summary, CDA, signature, queue entry). */
export interface TransitionChange {
  from: DocumentStatus[];
  to: DocumentStatus;
  action: string;
  validation?: ValidationSummary;
  cda?: string;
  signedBy?: string;
  signedAt?: Date;
  /** Writes the submission rows and jobs in the transition's transaction (submit). */
  enqueue?: (tx: SqlExecutor, doc: DocumentRecord) => Promise<void>;
  /** The signed CDA's header (signature): what the DMP queue reads without parsing the CDA. */
  cdaHeader?: CdaHeader;
}
/** ClinicalDocument/id, setId (`root` or `root^extension`) and versionNumber of a CDA. */
export interface CdaHeader {
  documentId: string;
  setId: string;
  versionNumber: number;
}
/** The last signed (or submitted) version of a document: what a replacement is derived from. */
export interface SignedVersion {
  number: number;
  /** Stored header facts (NULL for a version signed before migration 003 whose CDA the backfill could not read). */
  header: Partial<CdaHeader>;
  cda: string;
}
/** Inside addVersion's transaction: the document as locked, its last signed version, and the current version's replacement. */
export interface NewVersionState {
  document: DocumentRecord;
  lastSigned?: SignedVersion;
  current: { replacesVersion?: number; replacementReason?: VersionRecord['replacementReason'] };
}
/** What addVersion writes: the model, and for a replacement what it replaces and why. */
export interface NewVersionPlan {
  model: unknown;
  replacement?: {
    replacesVersion: number;
    replacesCdaDocumentId: string;
    setId: string;
    versionNumber: number;
    reason: NonNullable<VersionRecord['replacementReason']>;
  };
  /** Audit action: `document.version.create`, or `document.version.replace` when a signed document is replaced. */
  action: string;
}
/** Last check inside the transaction: a refusal (problem type and detail), or undefined to go on. */
export type TransitionPrecondition = (tx: SqlExecutor, doc: DocumentRecord) => Promise<{ type: string; detail: string } | undefined>;

export class DocumentRepository {
  constructor(private readonly driver: SqlDriver) {}

  async create(
    input: { patientId: string; type: DocumentType; setId: string; model: unknown },
    actor: Actor,
    then?: InTransaction<DocumentRecord>,
  ): Promise<WriteResult<DocumentRecord>> {
    return this.driver.transaction(async (tx) => {
      const patient = await tx.query('SELECT structure_id FROM patients WHERE id = $1 AND structure_id = ANY($2::text[])', [input.patientId, [...actor.structures]]);
      if (!patient[0]) return { ok: false, reason: 'not-found' };
      const structureId = String(patient[0].structure_id);
      const id = randomUUID();
      const rows = await tx.query(
        `INSERT INTO documents (id, patient_id, structure_id, type, set_id, current_version, status, version, created_at, updated_at, channel)
         VALUES ($1, $2, $3, $4, $5, 1, 'draft', 1, now(), now(), $6) RETURNING *`,
        [id, input.patientId, structureId, input.type, input.setId, actor.channel ?? 'editor'],
      );
      await tx.query(
        `INSERT INTO document_versions (document_id, number, model, created_at, created_by, status) VALUES ($1, 1, $2::jsonb, now(), $3, 'draft')`,
        [id, JSON.stringify(input.model), actor.idNatPs],
      );
      await recordAudit(tx, actor, { action: 'document.create', resourceType: 'document', resourceId: id, version: 1, structureId, patientId: input.patientId, documentId: id });
      const value = toDocument(rows[0]!);
      await then?.(tx, value);
      return { ok: true, value };
    });
  }

  async get(id: string, structures: readonly string[]): Promise<DocumentRecord | undefined> {
    const rows = await this.driver.query('SELECT * FROM documents WHERE id = $1 AND structure_id = ANY($2::text[])', [id, [...structures]]);
    return rows[0] ? toDocument(rows[0]) : undefined;
  }

  async list(q: {
    structures: readonly string[];
    patientId?: string;
    type?: string;
    status?: string;
    limit: number;
    after?: number;
  }): Promise<Page<DocumentRecord>> {
    const rows = await this.driver.query(
      `SELECT * FROM documents WHERE structure_id = ANY($1::text[]) AND ($2::uuid IS NULL OR patient_id = $2)
         AND ($3::text IS NULL OR type = $3) AND ($4::text IS NULL OR status = $4) AND ($5::integer IS NULL OR seq < $5)
         ORDER BY seq DESC LIMIT $6`,
      [[...q.structures], q.patientId ?? null, q.type ?? null, q.status ?? null, q.after ?? null, q.limit + 1],
    );
    return page(rows, q.limit, toDocument);
  }

  /**
   * Saves version n+1. `plan` runs inside the transaction, the document row locked, after the
   * If-Match check: it sees the last signed version as it is now, and may throw (an HttpProblem)
   * to refuse. A replacement records what it replaces and why.
   */
  async addVersion(
    id: string,
    expected: number,
    actor: Actor,
    plan: (state: NewVersionState) => NewVersionPlan,
  ): Promise<WriteResult<{ document: DocumentRecord; version: VersionRecord }>> {
    return this.driver.transaction(async (tx) => {
      const cur = await tx.query('SELECT * FROM documents WHERE id = $1 AND structure_id = ANY($2::text[]) FOR UPDATE', [id, [...actor.structures]]);
      if (!cur[0]) return { ok: false, reason: 'not-found' };
      const doc = toDocument(cur[0]);
      if (doc.version !== expected) return { ok: false, reason: 'stale' };
      const signed = await tx.query(
        `SELECT number, cda, cda_document_id, cda_set_id, cda_version_number FROM document_versions
          WHERE document_id = $1 AND status IN ('signed', 'submitted') ORDER BY number DESC LIMIT 1`,
        [id],
      );
      const currentRow = await tx.query('SELECT replaces_version, replacement_reason FROM document_versions WHERE document_id = $1 AND number = $2', [id, doc.currentVersion]);
      const s0 = signed[0];
      const c0 = currentRow[0];
      const decided = plan({
        document: doc,
        ...(s0
          ? {
              lastSigned: {
                number: Number(s0.number),
                cda: String(s0.cda),
                header: {
                  ...(typeof s0.cda_document_id === 'string' ? { documentId: s0.cda_document_id } : {}),
                  ...(typeof s0.cda_set_id === 'string' ? { setId: s0.cda_set_id } : {}),
                  ...(s0.cda_version_number !== null && s0.cda_version_number !== undefined ? { versionNumber: Number(s0.cda_version_number) } : {}),
                },
              },
            }
          : {}),
        current: {
          ...(c0?.replaces_version !== null && c0?.replaces_version !== undefined ? { replacesVersion: Number(c0.replaces_version) } : {}),
          ...(c0?.replacement_reason ? { replacementReason: c0.replacement_reason as NonNullable<VersionRecord['replacementReason']> } : {}),
        },
      });
      const number = doc.currentVersion + 1;
      const r = decided.replacement;
      const vrows = await tx.query(
        `INSERT INTO document_versions (document_id, number, model, created_at, created_by, status,
                                        cda_set_id, cda_version_number, replaces_version, replaces_cda_document_id, replacement_reason)
         VALUES ($1, $2, $3::jsonb, now(), $4, 'draft', $5, $6, $7, $8, $9::jsonb) RETURNING *`,
        [id, number, JSON.stringify(decided.model), actor.idNatPs, r?.setId ?? null, r?.versionNumber ?? null, r?.replacesVersion ?? null, r?.replacesCdaDocumentId ?? null, r ? JSON.stringify(r.reason) : null],
      );
      const drows = await tx.query(
        `UPDATE documents SET current_version = $2, status = 'draft', version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
        [id, number],
      );
      const document = toDocument(drows[0]!);
      await recordAudit(tx, actor, {
        action: decided.action,
        resourceType: 'document',
        resourceId: id,
        version: number,
        structureId: String(cur[0].structure_id),
        patientId: doc.patientId,
        documentId: id,
      });
      return { ok: true, value: { document, version: toVersion(vrows[0]!, true) } };
    });
  }

  async getVersion(id: string, n: number, structures: readonly string[]): Promise<(VersionRecord & { cda?: string }) | undefined> {
    const rows = await this.driver.query(
      `SELECT v.* FROM document_versions v JOIN documents d ON d.id = v.document_id
        WHERE v.document_id = $1 AND v.number = $2 AND d.structure_id = ANY($3::text[])`,
      [id, n, [...structures]],
    );
    if (!rows[0]) return undefined;
    const v: VersionRecord & { cda?: string } = toVersion(rows[0], true);
    if (typeof rows[0].cda === 'string') v.cda = rows[0].cda;
    return v;
  }

  async listVersions(id: string, q: { limit: number; after?: number }): Promise<Page<VersionRecord>> {
    const rows = await this.driver.query(
      `SELECT document_id, number, status, created_at, created_by, validation, signed_at, signed_by, submitted_at,
              cda_document_id, cda_set_id, cda_version_number, replaces_version, replaces_cda_document_id, replacement_reason
         FROM document_versions WHERE document_id = $1 AND ($2::integer IS NULL OR number < $2) ORDER BY number DESC LIMIT $3`,
      [id, q.after ?? null, q.limit + 1],
    );
    const items = rows.slice(0, q.limit).map((r) => toVersion(r, false));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(last.number) : null };
  }

  /**
   * Moves version `n` of a document from one of `from` to `to` (with the validation summary
   * and CDA when given), after checking the document version and that `n` is current.
   * `then` runs last in the transaction (the Idempotency-Key's answer).
   */
  async transition(
    id: string,
    n: number,
    expected: number,
    change: TransitionChange,
    actor: Actor,
    precondition?: TransitionPrecondition,
    then?: InTransaction<{ document: DocumentRecord; version: VersionRecord }>,
  ): Promise<WriteResult<{ document: DocumentRecord; version: VersionRecord }>> {
    return this.driver.transaction(async (tx) => {
      const cur = await tx.query('SELECT * FROM documents WHERE id = $1 AND structure_id = ANY($2::text[]) FOR UPDATE', [id, [...actor.structures]]);
      if (!cur[0]) return { ok: false, reason: 'not-found' };
      const doc = toDocument(cur[0]);
      const vrow = await tx.query('SELECT status FROM document_versions WHERE document_id = $1 AND number = $2', [id, n]);
      if (!vrow[0]) return { ok: false, reason: 'not-found' };
      if (doc.version !== expected) return { ok: false, reason: 'stale' };
      if (n !== doc.currentVersion) return { ok: false, reason: 'conflict', type: 'not-current-version', detail: `Version ${n} is not the current version (${doc.currentVersion}).` };
      const status = vrow[0].status as DocumentStatus;
      if (!change.from.includes(status))
        return { ok: false, reason: 'conflict', type: 'invalid-transition', detail: `Version ${n} is ${status}; ${change.action} needs ${change.from.join(' or ')}.` };
      const refusal = await precondition?.(tx, doc);
      if (refusal) return { ok: false, reason: 'conflict', ...refusal };
      const vrows = await tx.query(
        `UPDATE document_versions SET status = $3,
            validation = COALESCE($4::jsonb, validation), cda = COALESCE($5, cda),
            signed_by = COALESCE($6, signed_by), signed_at = COALESCE($7::timestamptz, signed_at),
            submitted_at = CASE WHEN $3 = 'submitted' THEN now() ELSE submitted_at END,
            cda_document_id = COALESCE($8, cda_document_id), cda_set_id = COALESCE($9, cda_set_id),
            cda_version_number = COALESCE($10::integer, cda_version_number),
            validated_at = CASE WHEN $3 = 'validated' AND validated_at IS NULL THEN now() ELSE validated_at END,
            validated_by = CASE WHEN $3 = 'validated' AND validated_at IS NULL THEN $11 ELSE validated_by END
          WHERE document_id = $1 AND number = $2 RETURNING *`,
        [
          id, n, change.to, change.validation ? JSON.stringify(change.validation) : null, change.cda ?? null, change.signedBy ?? null, change.signedAt?.toISOString() ?? null,
          change.cdaHeader?.documentId ?? null, change.cdaHeader?.setId ?? null, change.cdaHeader?.versionNumber ?? null, actor.idNatPs,
        ],
      );
      const drows = await tx.query(`UPDATE documents SET status = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`, [id, change.to]);
      if (change.enqueue) await change.enqueue(tx, doc);
      await recordAudit(tx, actor, {
        action: change.action,
        resourceType: 'document',
        resourceId: id,
        version: n,
        structureId: String(cur[0].structure_id),
        patientId: doc.patientId,
        documentId: id,
      });
      const value = { document: toDocument(drows[0]!), version: toVersion(vrows[0]!, true) };
      await then?.(tx, value);
      return { ok: true, value };
    });
  }

  /** Records a failed validation (the version stays draft); audited, no version bump. */
  async recordFailedValidation(id: string, n: number, validation: ValidationSummary | undefined, actor: Actor): Promise<void> {
    await this.driver.transaction(async (tx) => {
      const cur = await tx.query('SELECT * FROM documents WHERE id = $1 AND structure_id = ANY($2::text[])', [id, [...actor.structures]]);
      if (!cur[0]) return;
      if (validation)
        await tx.query(`UPDATE document_versions SET validation = $3::jsonb WHERE document_id = $1 AND number = $2 AND status = 'draft'`, [id, n, JSON.stringify(validation)]);
      await recordAudit(tx, actor, {
        action: 'document.validate.failed',
        resourceType: 'document',
        resourceId: id,
        version: n,
        structureId: String(cur[0].structure_id),
        patientId: String(cur[0].patient_id),
        documentId: id,
      });
    });
  }

  /** The DMP submissions of a document, summarised: pending (not yet answered), sent (accepted) or failed. */
  async queuedSubmissions(documentId: string): Promise<Array<{ versionNumber: number; status: string }>> {
    const rows = await this.driver.query(`SELECT version_number, state FROM dmp_submissions WHERE document_id = $1 AND channel = 'dmp' ORDER BY version_number`, [documentId]);
    const summary = (state: string) => (state === 'accepted' ? 'sent' : state === 'refused' || state === 'parked' ? 'failed' : 'pending');
    return rows.map((r) => ({ versionNumber: Number(r.version_number), status: summary(String(r.state)) }));
  }
}
