// What the store holds and gives back: record types, the cursor encoding of pages, and the
// row → record mappings shared by the repositories.
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
  /** ClinicalDocument/id of the signed CDA (`root` or `root^extension`): its XDS uniqueId. Set at signature. */
  cdaDocumentId?: string;
  /** setId of the CDA (signed, or the one a replacement draft will carry). */
  cdaSetId?: string;
  /** versionNumber of the CDA (signed, or the one a replacement draft will carry). */
  cdaVersionNumber?: number;
  /** Server version (same document) whose signed CDA this one replaces (relatedDocument RPLC). */
  replacesVersion?: number;
  /** That version's cdaDocumentId: this CDA's relatedDocument/parentDocument/id. */
  replacesCdaDocumentId?: string;
  /** Why: JDV_MotifMiseAJour_CISIS code and precision, given when the replacement was created. */
  replacementReason?: { reason: { code: string; codeSystem: string; displayName: string }; precision?: string };
}
export interface AuditEvent {
  at: string;
  actor: string;
  action: string;
  resourceType: 'patient' | 'document';
  resourceId: string;
  version?: number;
  requestId: string;
  /** The structure whose resource it is (one of the caller's). */
  structureId: string;
}
/** Who acts: the professional, the structures they may see, the request (for the audit). */
export interface Actor {
  idNatPs: string;
  structures: readonly string[];
  requestId: string;
  /**
   * How the request came: `connector` (bearer token: an establishment's own system calling the
   * API) or `editor` (the web editors' session). Recorded on the documents it creates (indicators).
   */
  channel?: DocumentChannel;
}
/** The channel a document arrived through (GET /indicators groups by it). */
export type DocumentChannel = 'connector' | 'editor';
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

export const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
export const isoOrUndefined = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : iso(v));

/** Largest PostgreSQL `integer`, the type of every `seq` column. */
export const MAX_SEQ = 2 ** 31 - 1;

export function encodeCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ s: seq })).toString('base64url');
}
/** Opaque cursor → sequence number; undefined when malformed (the route answers 400). */
export function decodeCursor(cursor: string): number | undefined {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown };
    // Sequence numbers are PostgreSQL integers: a larger value names no row and would fail the query.
    return typeof v.s === 'number' && Number.isInteger(v.s) && v.s > 0 && v.s <= MAX_SEQ ? v.s : undefined;
  } catch {
    return undefined;
  }
}

export type Row = Record<string, unknown>;

export function toPatient(r: Row): Patient {
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

export function toDocument(r: Row): DocumentRecord {
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

export function toVersion(r: Row, withModel: boolean): VersionRecord {
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
  if (typeof r.cda_document_id === 'string') v.cdaDocumentId = r.cda_document_id;
  if (typeof r.cda_set_id === 'string') v.cdaSetId = r.cda_set_id;
  if (r.cda_version_number !== null && r.cda_version_number !== undefined) v.cdaVersionNumber = Number(r.cda_version_number);
  if (r.replaces_version !== null && r.replaces_version !== undefined) v.replacesVersion = Number(r.replaces_version);
  if (typeof r.replaces_cda_document_id === 'string') v.replacesCdaDocumentId = r.replaces_cda_document_id;
  if (r.replacement_reason) v.replacementReason = r.replacement_reason as NonNullable<VersionRecord['replacementReason']>;
  return v;
}

export function toAudit(r: Row): AuditEvent {
  return {
    at: iso(r.at),
    actor: String(r.actor),
    action: String(r.action),
    resourceType: r.resource_type as AuditEvent['resourceType'],
    resourceId: String(r.resource_id),
    ...(r.version !== null && r.version !== undefined ? { version: Number(r.version) } : {}),
    requestId: String(r.request_id),
    structureId: String(r.structure_id),
  };
}

export interface StoredSession {
  /** Always `session` (the table's `login` kind was for pending logins, which now live in their cookie). */
  kind: 'session';
  payload: Buffer;
  expiresAt: Date;
}

export type IdempotencyClaim =
  /** The key is this request's: `holder` names it (the answer is written only by the holder). */
  | { state: 'new'; holder: string }
  | { state: 'replay'; status: number; sealed: Buffer }
  | { state: 'mismatch' }
  | { state: 'pending'; retryAfterMs: number };


export function page<T>(rows: Row[], limit: number, map: (r: Row) => T): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(map), nextCursor: rows.length > limit && last ? encodeCursor(Number(last.seq)) : null };
}
