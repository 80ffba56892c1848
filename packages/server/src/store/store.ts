// The server's storage: patients, documents with immutable versions, sessions,
// idempotency keys, audit events and the submission queue, over either SQL driver.
// Every write runs in a transaction with its audit event; writes to an existing resource
// lock its row (SELECT … FOR UPDATE) and compare versions, so two writes carrying the same
// If-Match give exactly one success and one "stale".
import { randomUUID } from 'node:crypto';
import type { SqlDriver, SqlExecutor } from './driver.js';

export type IdentityStatus = 'provisional' | 'recovered' | 'validated' | 'qualified';
export type DocumentType = 'pps' | 'frcp';
export type DocumentStatus = 'draft' | 'validated' | 'signed' | 'submitted';

export interface PatientInput {
  ins: { value: string; oid: string };
  identityStatus: IdentityStatus;
  traits: { birthName: string; firstNames: string[]; birthDate: string; sex: 'M' | 'F' | 'U'; birthPlaceCode?: string };
  usedName?: string;
  structureId: string;
}
export interface Patient extends PatientInput {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}
export interface DocumentRecord {
  id: string;
  patientId: string;
  type: DocumentType;
  setId: string;
  currentVersion: number;
  status: DocumentStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
}
export interface ValidationSummary {
  valid: boolean;
  layers: Array<{ layer: string; valid: boolean; errorCount: number; warningCount: number }>;
  checkedAt: string;
}
export interface VersionRecord {
  documentId: string;
  number: number;
  status: DocumentStatus;
  model?: unknown;
  createdAt: string;
  createdBy: string;
  validation?: ValidationSummary;
  signedAt?: string;
  signedBy?: string;
  submittedAt?: string;
}
export interface AuditEvent {
  at: string;
  actor: string;
  action: string;
  resourceType: 'patient' | 'document';
  resourceId: string;
  version?: number;
  requestId: string;
}
/** Who acts: the professional, the structures they may see, the request (for the audit). */
export interface Actor {
  idNatPs: string;
  structures: readonly string[];
  requestId: string;
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
/** A refused write; a conflict names its problem type (`duplicate-ins`, `invalid-transition`…). */
export type WriteResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'stale' }
  | { ok: false; reason: 'conflict'; type: string; detail: string };

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const isoOrUndefined = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : iso(v));

export function encodeCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ s: seq })).toString('base64url');
}
/** Opaque cursor → sequence number; undefined when malformed (the route answers 400). */
export function decodeCursor(cursor: string): number | undefined {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown };
    return typeof v.s === 'number' && Number.isInteger(v.s) && v.s > 0 ? v.s : undefined;
  } catch {
    return undefined;
  }
}

type Row = Record<string, unknown>;

function toPatient(r: Row): Patient {
  const data = r.data as { traits: Patient['traits']; usedName?: string };
  return {
    id: String(r.id),
    version: Number(r.version),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    ins: { value: String(r.ins_value), oid: String(r.ins_oid) },
    identityStatus: r.identity_status as IdentityStatus,
    traits: data.traits,
    ...(data.usedName !== undefined ? { usedName: data.usedName } : {}),
    structureId: String(r.structure_id),
  };
}

function toDocument(r: Row): DocumentRecord {
  return {
    id: String(r.id),
    patientId: String(r.patient_id),
    type: r.type as DocumentType,
    setId: String(r.set_id),
    currentVersion: Number(r.current_version),
    status: r.status as DocumentStatus,
    version: Number(r.version),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

function toVersion(r: Row, withModel: boolean): VersionRecord {
  const v: VersionRecord = {
    documentId: String(r.document_id),
    number: Number(r.number),
    status: r.status as DocumentStatus,
    createdAt: iso(r.created_at),
    createdBy: String(r.created_by),
  };
  if (withModel) v.model = r.model;
  if (r.validation) v.validation = r.validation as ValidationSummary;
  const signedAt = isoOrUndefined(r.signed_at);
  if (signedAt) v.signedAt = signedAt;
  if (r.signed_by) v.signedBy = String(r.signed_by);
  const submittedAt = isoOrUndefined(r.submitted_at);
  if (submittedAt) v.submittedAt = submittedAt;
  return v;
}

function toAudit(r: Row): AuditEvent {
  return {
    at: iso(r.at),
    actor: String(r.actor),
    action: String(r.action),
    resourceType: r.resource_type as AuditEvent['resourceType'],
    resourceId: String(r.resource_id),
    ...(r.version !== null && r.version !== undefined ? { version: Number(r.version) } : {}),
    requestId: String(r.request_id),
  };
}

const patientData = (p: PatientInput) => JSON.stringify({ traits: p.traits, ...(p.usedName !== undefined ? { usedName: p.usedName } : {}) });

export interface StoredSession {
  kind: 'login' | 'session';
  payload: Buffer;
  expiresAt: Date;
}

export type IdempotencyClaim =
  | { state: 'new' }
  | { state: 'replay'; status: number; response: { body: unknown; headers: Record<string, string> } }
  | { state: 'mismatch' }
  | { state: 'pending' };

export class Store {
  constructor(readonly driver: SqlDriver) {}

  get kind(): 'pglite' | 'postgres' {
    return this.driver.kind;
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  private async audit(
    tx: SqlExecutor,
    actor: Actor,
    e: { action: string; resourceType: 'patient' | 'document'; resourceId: string; version?: number; structureId: string; patientId?: string; documentId?: string },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO audit_events (at, actor, action, resource_type, resource_id, version, request_id, structure_id, patient_id, document_id)
       VALUES (now(), $1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [actor.idNatPs, e.action, e.resourceType, e.resourceId, e.version ?? null, actor.requestId, e.structureId, e.patientId ?? null, e.documentId ?? null],
    );
  }

  // ---------------------------------------------------------------- patients

  async createPatient(input: PatientInput, actor: Actor): Promise<WriteResult<Patient>> {
    return this.driver.transaction(async (tx) => {
      const existing = await tx.query(
        'SELECT id FROM patients WHERE structure_id = $1 AND ins_oid = $2 AND ins_value = $3',
        [input.structureId, input.ins.oid, input.ins.value],
      );
      if (existing.length) return { ok: false, reason: 'conflict', type: 'duplicate-ins', detail: 'A patient with this INS already exists in this structure.' };
      const id = randomUUID();
      const rows = await tx.query(
        `INSERT INTO patients (id, structure_id, ins_value, ins_oid, identity_status, data, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, 1, now(), now()) RETURNING *`,
        [id, input.structureId, input.ins.value, input.ins.oid, input.identityStatus, patientData(input)],
      );
      await this.audit(tx, actor, { action: 'patient.create', resourceType: 'patient', resourceId: id, version: 1, structureId: input.structureId, patientId: id });
      return { ok: true, value: toPatient(rows[0]!) };
    });
  }

  async getPatient(id: string, structures: readonly string[]): Promise<Patient | undefined> {
    const rows = await this.driver.query('SELECT * FROM patients WHERE id = $1 AND structure_id = ANY($2::text[])', [id, [...structures]]);
    return rows[0] ? toPatient(rows[0]) : undefined;
  }

  async listPatients(q: { structures: readonly string[]; ins?: string; limit: number; after?: number }): Promise<Page<Patient>> {
    const rows = await this.driver.query(
      `SELECT * FROM patients WHERE structure_id = ANY($1::text[]) AND ($2::text IS NULL OR ins_value = $2)
         AND ($3::integer IS NULL OR seq < $3) ORDER BY seq DESC LIMIT $4`,
      [[...q.structures], q.ins ?? null, q.after ?? null, q.limit + 1],
    );
    return page(rows, q.limit, toPatient);
  }

  async updatePatient(id: string, expected: number, input: PatientInput, actor: Actor): Promise<WriteResult<Patient>> {
    return this.driver.transaction(async (tx) => {
      const cur = await tx.query('SELECT * FROM patients WHERE id = $1 AND structure_id = ANY($2::text[]) FOR UPDATE', [id, [...actor.structures]]);
      if (!cur[0]) return { ok: false, reason: 'not-found' };
      if (Number(cur[0].version) !== expected) return { ok: false, reason: 'stale' };
      const rows = await tx.query(
        `UPDATE patients SET structure_id = $2, ins_value = $3, ins_oid = $4, identity_status = $5, data = $6::jsonb,
           version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
        [id, input.structureId, input.ins.value, input.ins.oid, input.identityStatus, patientData(input)],
      );
      const p = toPatient(rows[0]!);
      await this.audit(tx, actor, { action: 'patient.update', resourceType: 'patient', resourceId: id, version: p.version, structureId: p.structureId, patientId: id });
      return { ok: true, value: p };
    });
  }

  // ---------------------------------------------------------------- documents

  async createDocument(
    input: { patientId: string; type: DocumentType; setId: string; model: unknown },
    actor: Actor,
  ): Promise<WriteResult<DocumentRecord>> {
    return this.driver.transaction(async (tx) => {
      const patient = await tx.query('SELECT structure_id FROM patients WHERE id = $1 AND structure_id = ANY($2::text[])', [input.patientId, [...actor.structures]]);
      if (!patient[0]) return { ok: false, reason: 'not-found' };
      const structureId = String(patient[0].structure_id);
      const id = randomUUID();
      const rows = await tx.query(
        `INSERT INTO documents (id, patient_id, structure_id, type, set_id, current_version, status, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 1, 'draft', 1, now(), now()) RETURNING *`,
        [id, input.patientId, structureId, input.type, input.setId],
      );
      await tx.query(
        `INSERT INTO document_versions (document_id, number, model, created_at, created_by, status) VALUES ($1, 1, $2::jsonb, now(), $3, 'draft')`,
        [id, JSON.stringify(input.model), actor.idNatPs],
      );
      await this.audit(tx, actor, { action: 'document.create', resourceType: 'document', resourceId: id, version: 1, structureId, patientId: input.patientId, documentId: id });
      return { ok: true, value: toDocument(rows[0]!) };
    });
  }

  async getDocument(id: string, structures: readonly string[]): Promise<DocumentRecord | undefined> {
    const rows = await this.driver.query('SELECT * FROM documents WHERE id = $1 AND structure_id = ANY($2::text[])', [id, [...structures]]);
    return rows[0] ? toDocument(rows[0]) : undefined;
  }

  async listDocuments(q: {
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

  async addVersion(id: string, expected: number, model: unknown, actor: Actor): Promise<WriteResult<{ document: DocumentRecord; version: VersionRecord }>> {
    return this.driver.transaction(async (tx) => {
      const cur = await tx.query('SELECT * FROM documents WHERE id = $1 AND structure_id = ANY($2::text[]) FOR UPDATE', [id, [...actor.structures]]);
      if (!cur[0]) return { ok: false, reason: 'not-found' };
      const doc = toDocument(cur[0]);
      if (doc.version !== expected) return { ok: false, reason: 'stale' };
      if (doc.status === 'submitted' || doc.status === 'signed') {
        // A signed or submitted document is closed; a new CDA version is a new document
        // (same setId, the model's document.replaces) — keeps signed content final.
        return { ok: false, reason: 'conflict', type: 'document-closed', detail: `The document is ${doc.status}: create a new document to replace it.` };
      }
      const number = doc.currentVersion + 1;
      const vrows = await tx.query(
        `INSERT INTO document_versions (document_id, number, model, created_at, created_by, status) VALUES ($1, $2, $3::jsonb, now(), $4, 'draft') RETURNING *`,
        [id, number, JSON.stringify(model), actor.idNatPs],
      );
      const drows = await tx.query(
        `UPDATE documents SET current_version = $2, status = 'draft', version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
        [id, number],
      );
      const document = toDocument(drows[0]!);
      await this.audit(tx, actor, {
        action: 'document.version.create',
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
      `SELECT document_id, number, status, created_at, created_by, validation, signed_at, signed_by, submitted_at
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
   */
  async transition(
    id: string,
    n: number,
    expected: number,
    change: { from: DocumentStatus[]; to: DocumentStatus; action: string; validation?: ValidationSummary; cda?: string; signedBy?: string; signedAt?: Date; queue?: boolean },
    actor: Actor,
    /** Last check inside the transaction: a refusal (problem type and detail), or undefined to go on. */
    precondition?: (tx: SqlExecutor, doc: DocumentRecord) => Promise<{ type: string; detail: string } | undefined>,
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
            submitted_at = CASE WHEN $3 = 'submitted' THEN now() ELSE submitted_at END
          WHERE document_id = $1 AND number = $2 RETURNING *`,
        [id, n, change.to, change.validation ? JSON.stringify(change.validation) : null, change.cda ?? null, change.signedBy ?? null, change.signedAt?.toISOString() ?? null],
      );
      const drows = await tx.query(`UPDATE documents SET status = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`, [id, change.to]);
      if (change.queue)
        await tx.query(`INSERT INTO submission_queue (id, document_id, version_number, created_at) VALUES ($1, $2, $3, now())`, [randomUUID(), id, n]);
      await this.audit(tx, actor, {
        action: change.action,
        resourceType: 'document',
        resourceId: id,
        version: n,
        structureId: String(cur[0].structure_id),
        patientId: doc.patientId,
        documentId: id,
      });
      return { ok: true, value: { document: toDocument(drows[0]!), version: toVersion(vrows[0]!, true) } };
    });
  }

  /** Records a failed validation (the version stays draft); audited, no version bump. */
  async recordFailedValidation(id: string, n: number, validation: ValidationSummary | undefined, actor: Actor): Promise<void> {
    await this.driver.transaction(async (tx) => {
      const cur = await tx.query('SELECT * FROM documents WHERE id = $1 AND structure_id = ANY($2::text[])', [id, [...actor.structures]]);
      if (!cur[0]) return;
      if (validation)
        await tx.query(`UPDATE document_versions SET validation = $3::jsonb WHERE document_id = $1 AND number = $2 AND status = 'draft'`, [id, n, JSON.stringify(validation)]);
      await this.audit(tx, actor, {
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

  async queuedSubmissions(documentId: string): Promise<Array<{ versionNumber: number; status: string }>> {
    const rows = await this.driver.query('SELECT version_number, status FROM submission_queue WHERE document_id = $1 ORDER BY version_number', [documentId]);
    return rows.map((r) => ({ versionNumber: Number(r.version_number), status: String(r.status) }));
  }

  // ---------------------------------------------------------------- audit

  async listAudit(q: { structures: readonly string[]; documentId?: string; patientId?: string; limit: number; after?: number }): Promise<Page<AuditEvent>> {
    const rows = await this.driver.query(
      `SELECT * FROM audit_events WHERE structure_id = ANY($1::text[]) AND ($2::uuid IS NULL OR document_id = $2)
         AND ($3::uuid IS NULL OR patient_id = $3) AND ($4::integer IS NULL OR seq < $4) ORDER BY seq DESC LIMIT $5`,
      [[...q.structures], q.documentId ?? null, q.patientId ?? null, q.after ?? null, q.limit + 1],
    );
    return page(rows, q.limit, toAudit);
  }

  // ---------------------------------------------------------------- sessions

  async putSession(id: string, kind: 'login' | 'session', payload: Buffer, expiresAt: Date): Promise<void> {
    await this.driver.query(
      `INSERT INTO sessions (id, kind, payload, expires_at, created_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload, expires_at = EXCLUDED.expires_at`,
      [id, kind, payload, expiresAt.toISOString()],
    );
  }

  async getSession(id: string, kind: 'login' | 'session'): Promise<StoredSession | undefined> {
    const rows = await this.driver.query('SELECT kind, payload, expires_at FROM sessions WHERE id = $1 AND kind = $2 AND expires_at > now()', [id, kind]);
    const r = rows[0];
    if (!r) return undefined;
    return { kind, payload: Buffer.from(r.payload as Uint8Array), expiresAt: new Date(iso(r.expires_at)) };
  }

  /** Deletes and returns (a login pre-session is single-use). */
  async takeSession(id: string, kind: 'login' | 'session'): Promise<StoredSession | undefined> {
    const rows = await this.driver.query('DELETE FROM sessions WHERE id = $1 AND kind = $2 RETURNING payload, expires_at', [id, kind]);
    const r = rows[0];
    if (!r || new Date(iso(r.expires_at)) <= new Date()) return undefined;
    return { kind, payload: Buffer.from(r.payload as Uint8Array), expiresAt: new Date(iso(r.expires_at)) };
  }

  async deleteSession(id: string): Promise<void> {
    await this.driver.query('DELETE FROM sessions WHERE id = $1', [id]);
  }

  async purgeExpired(): Promise<void> {
    await this.driver.query('DELETE FROM sessions WHERE expires_at < now()');
    await this.driver.query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours'`);
  }

  // ---------------------------------------------------------------- idempotency

  async claimIdempotencyKey(actor: string, key: string, route: string, bodyHash: string): Promise<IdempotencyClaim> {
    const inserted = await this.driver.query(
      `INSERT INTO idempotency_keys (actor, key, route, body_hash, created_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (actor, key) DO NOTHING RETURNING key`,
      [actor, key, route, bodyHash],
    );
    if (inserted.length) return { state: 'new' };
    const rows = await this.driver.query('SELECT route, body_hash, status, response FROM idempotency_keys WHERE actor = $1 AND key = $2', [actor, key]);
    const r = rows[0];
    if (!r) return this.claimIdempotencyKey(actor, key, route, bodyHash);
    if (r.route !== route || r.body_hash !== bodyHash) return { state: 'mismatch' };
    if (r.status === null || r.status === undefined) return { state: 'pending' };
    return { state: 'replay', status: Number(r.status), response: r.response as { body: unknown; headers: Record<string, string> } };
  }

  async completeIdempotencyKey(actor: string, key: string, status: number, response: { body: unknown; headers: Record<string, string> }): Promise<void> {
    await this.driver.query('UPDATE idempotency_keys SET status = $3, response = $4::jsonb WHERE actor = $1 AND key = $2', [actor, key, status, JSON.stringify(response)]);
  }

  async releaseIdempotencyKey(actor: string, key: string): Promise<void> {
    await this.driver.query('DELETE FROM idempotency_keys WHERE actor = $1 AND key = $2 AND status IS NULL', [actor, key]);
  }
}

function page<T>(rows: Row[], limit: number, map: (r: Row) => T): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(map), nextCursor: rows.length > limit && last ? encodeCursor(Number(last.seq)) : null };
}
