// DMP / MSSanté submission rows and their change feed. Every state change of a row appends a
// submission_events row in the same transaction (the feed of GET /events never misses one,
// whichever process made the change). SQL only; the rules are in src/submissions/.
import { randomUUID } from 'node:crypto';
import type { SqlDriver, SqlExecutor } from './driver.js';

export const SUBMISSION_STATES = ['queued', 'sending', 'retrying', 'accepted', 'refused', 'parked'] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

/** Why the DMP or the MSSanté relay refused, in plain French and English, and the field it names. */
export interface SubmissionReason {
  code: string;
  fr: string;
  en: string;
  field?: string;
}

export interface SubmissionRecord {
  id: string;
  seq: number;
  documentId: string;
  versionNumber: number;
  structureId: string;
  patientId: string;
  setId: string;
  /** `dmp` or `mss:<address>`. */
  channel: string;
  state: SubmissionState;
  /** Why the row waits or was parked when the state alone does not say it (`dmp-not-configured`, `retries-exhausted`…). */
  stateDetail?: string;
  visibility: string[];
  entryUUID: string;
  submissionSetId: string;
  jobId?: string;
  attempts: number;
  nextAttemptAt?: string;
  dmp?: { entryUUID: string; logicalId?: string; metadataVersion?: number; status?: string };
  reason?: SubmissionReason;
  requestedBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface SubmissionEvent {
  seq: number;
  at: string;
  structureId: string;
  submissionId: string;
  documentId: string;
  versionNumber: number;
  channel: string;
  state: SubmissionState;
  kind: string;
  data: Record<string, unknown>;
}

export interface NewSubmission {
  documentId: string;
  versionNumber: number;
  structureId: string;
  patientId: string;
  setId: string;
  channel: string;
  visibility: readonly string[];
  stateDetail?: string;
  requestedBy: string;
}

/** The columns a state change may set (undefined: unchanged; null: cleared). */
export interface SubmissionChange {
  state: SubmissionState;
  stateDetail?: string | null;
  jobId?: string | null;
  attempts?: number;
  nextAttemptAt?: Date | null;
  dmp?: { entryUUID: string; logicalId?: string; metadataVersion?: number; status?: string } | null;
  dmpStatus?: string;
  dmpMetadataVersion?: number;
  visibility?: readonly string[];
  reason?: SubmissionReason | null;
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

export function toSubmission(r: Record<string, unknown>): SubmissionRecord {
  const s: SubmissionRecord = {
    id: String(r.id),
    seq: Number(r.seq),
    documentId: String(r.document_id),
    versionNumber: Number(r.version_number),
    structureId: String(r.structure_id),
    patientId: String(r.patient_id),
    setId: String(r.set_id),
    channel: String(r.channel),
    state: r.state as SubmissionState,
    visibility: (r.visibility as string[]) ?? [],
    entryUUID: String(r.entry_uuid),
    submissionSetId: String(r.submission_set_id),
    attempts: Number(r.attempts),
    requestedBy: String(r.requested_by),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
  if (r.state_detail) s.stateDetail = String(r.state_detail);
  if (r.job_id) s.jobId = String(r.job_id);
  if (r.next_attempt_at) s.nextAttemptAt = iso(r.next_attempt_at);
  if (r.dmp_entry_uuid) {
    s.dmp = { entryUUID: String(r.dmp_entry_uuid) };
    if (r.dmp_logical_id) s.dmp.logicalId = String(r.dmp_logical_id);
    if (r.dmp_metadata_version != null) s.dmp.metadataVersion = Number(r.dmp_metadata_version);
    if (r.dmp_status) s.dmp.status = String(r.dmp_status);
  }
  if (r.reason_code) {
    s.reason = { code: String(r.reason_code), fr: String(r.reason_fr ?? ''), en: String(r.reason_en ?? '') };
    if (r.reason_field) s.reason.field = String(r.reason_field);
  }
  return s;
}

function toEvent(r: Record<string, unknown>): SubmissionEvent {
  return {
    seq: Number(r.seq),
    at: iso(r.at),
    structureId: String(r.structure_id),
    submissionId: String(r.submission_id),
    documentId: String(r.document_id),
    versionNumber: Number(r.version_number),
    channel: String(r.channel),
    state: r.state as SubmissionState,
    kind: String(r.kind),
    data: (r.data as Record<string, unknown>) ?? {},
  };
}

async function appendEvent(tx: SqlExecutor, s: SubmissionRecord, kind: string, data: Record<string, unknown>): Promise<void> {
  await tx.query(
    `INSERT INTO submission_events (at, structure_id, submission_id, document_id, version_number, channel, state, kind, data)
     VALUES (now(), $1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
    [s.structureId, s.id, s.documentId, s.versionNumber, s.channel, s.state, kind, JSON.stringify(data)],
  );
}

export class SubmissionRepository {
  constructor(private readonly driver: SqlDriver) {}

  /** Inserts a row (state queued) and its first event, in the caller's transaction. */
  async insert(tx: SqlExecutor, input: NewSubmission): Promise<SubmissionRecord> {
    const rows = await tx.query(
      `INSERT INTO dmp_submissions (id, document_id, version_number, structure_id, patient_id, set_id, channel, state, state_detail, visibility,
         entry_uuid, submission_set_id, requested_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', $8, $9::text[], $10, $11, $12, now(), now()) RETURNING *`,
      [randomUUID(), input.documentId, input.versionNumber, input.structureId, input.patientId, input.setId, input.channel, input.stateDetail ?? null,
        [...input.visibility], `urn:uuid:${randomUUID()}`, `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`)}`, input.requestedBy],
    );
    const s = toSubmission(rows[0]!);
    await appendEvent(tx, s, 'state', {});
    return s;
  }

  /** The row, locked for the rest of the transaction. */
  async lock(tx: SqlExecutor, id: string): Promise<SubmissionRecord | undefined> {
    const rows = await tx.query('SELECT * FROM dmp_submissions WHERE id = $1 FOR UPDATE', [id]);
    return rows[0] ? toSubmission(rows[0]) : undefined;
  }

  /** Applies a change and appends its event (kind `state` unless an action names it). */
  async change(tx: SqlExecutor, id: string, change: SubmissionChange, kind = 'state', data: Record<string, unknown> = {}): Promise<SubmissionRecord> {
    const has = (k: keyof SubmissionChange) => change[k] !== undefined;
    const rows = await tx.query(
      `UPDATE dmp_submissions SET state = $2,
          state_detail = CASE WHEN $3 THEN $4 ELSE state_detail END,
          job_id = CASE WHEN $5 THEN $6 ELSE job_id END,
          attempts = COALESCE($7, attempts),
          next_attempt_at = CASE WHEN $8 THEN $9::timestamptz ELSE next_attempt_at END,
          dmp_entry_uuid = CASE WHEN $10 THEN $11 ELSE dmp_entry_uuid END,
          dmp_logical_id = CASE WHEN $10 THEN $12 ELSE dmp_logical_id END,
          dmp_metadata_version = COALESCE($20::integer, CASE WHEN $10 THEN $13::integer ELSE dmp_metadata_version END),
          dmp_status = COALESCE($19, CASE WHEN $10 THEN $14 ELSE dmp_status END),
          visibility = COALESCE($21::text[], visibility),
          reason_code = CASE WHEN $15 THEN $16 ELSE reason_code END,
          reason_fr = CASE WHEN $15 THEN $17 ELSE reason_fr END,
          reason_en = CASE WHEN $15 THEN $18 ELSE reason_en END,
          reason_field = CASE WHEN $15 THEN $22 ELSE reason_field END,
          updated_at = now()
        WHERE id = $1 RETURNING *`,
      [
        id,
        change.state,
        has('stateDetail'),
        change.stateDetail ?? null,
        has('jobId'),
        change.jobId ?? null,
        change.attempts ?? null,
        has('nextAttemptAt'),
        change.nextAttemptAt?.toISOString() ?? null,
        has('dmp'),
        change.dmp?.entryUUID ?? null,
        change.dmp?.logicalId ?? null,
        change.dmp?.metadataVersion ?? null,
        change.dmp?.status ?? null,
        has('reason'),
        change.reason?.code ?? null,
        change.reason?.fr ?? null,
        change.reason?.en ?? null,
        change.dmpStatus ?? null,
        change.dmpMetadataVersion ?? null,
        change.visibility ? [...change.visibility] : null,
        change.reason?.field ?? null,
      ],
    );
    const s = toSubmission(rows[0]!);
    await appendEvent(tx, s, kind, data);
    return s;
  }

  async get(id: string, structures?: readonly string[]): Promise<SubmissionRecord | undefined> {
    const rows = await this.driver.query('SELECT * FROM dmp_submissions WHERE id = $1 AND ($2::text[] IS NULL OR structure_id = ANY($2::text[]))', [id, structures ? [...structures] : null]);
    return rows[0] ? toSubmission(rows[0]) : undefined;
  }

  async forVersion(documentId: string, versionNumber: number): Promise<SubmissionRecord[]> {
    const rows = await this.driver.query('SELECT * FROM dmp_submissions WHERE document_id = $1 AND version_number = $2 ORDER BY seq', [documentId, versionNumber]);
    return rows.map(toSubmission);
  }

  /** The DMP rows of a document set created before `seq`, oldest first (the versions this one follows). */
  async earlierOfSet(tx: SqlExecutor, setId: string, seq: number): Promise<SubmissionRecord[]> {
    const rows = await tx.query(`SELECT * FROM dmp_submissions WHERE set_id = $1 AND channel = 'dmp' AND seq < $2 ORDER BY seq`, [setId, seq]);
    return rows.map(toSubmission);
  }

  /** The DMP rows of a set after `seq` that wait for an earlier version (parked behind it), in order. */
  async waitingBehind(tx: SqlExecutor, setId: string, seq: number): Promise<SubmissionRecord[]> {
    const rows = await tx.query(
      `SELECT * FROM dmp_submissions WHERE set_id = $1 AND channel = 'dmp' AND seq > $2 AND state = 'parked' AND state_detail = 'waiting-for-earlier-version' ORDER BY seq FOR UPDATE`,
      [setId, seq],
    );
    return rows.map(toSubmission);
  }

  /** Events of these structures after `afterSeq`, oldest first. */
  async eventsAfter(structures: readonly string[], afterSeq: number, limit: number): Promise<SubmissionEvent[]> {
    const rows = await this.driver.query(`SELECT * FROM submission_events WHERE structure_id = ANY($1::text[]) AND seq > $2 ORDER BY seq LIMIT $3`, [[...structures], afterSeq, limit]);
    return rows.map(toEvent);
  }

  /** The newest event id of these structures (where a feed without Last-Event-ID starts). */
  async lastSeq(structures: readonly string[]): Promise<number> {
    const rows = await this.driver.query('SELECT max(seq) AS seq FROM submission_events WHERE structure_id = ANY($1::text[])', [[...structures]]);
    return Number(rows[0]?.seq ?? 0);
  }

  /** Rows still to do (queued/sending/retrying), for the counts of tests and the bench. */
  async countByState(): Promise<Record<string, number>> {
    const rows = await this.driver.query('SELECT state, count(*)::integer AS n FROM dmp_submissions GROUP BY state');
    return Object.fromEntries(rows.map((r) => [String(r.state), Number(r.n)]));
  }
}
