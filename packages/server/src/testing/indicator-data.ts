// A generated history for the indicator tests and the bench: seeded random documents,
// versions, validations, signatures and DMP submissions (accepted, refused, pending; MSSanté
// rows that must not count) across months, establishments, 3C and channels, written straight
// into the tables with their own timestamps. Alongside, the events it wrote, so a test computes
// the expected figures in plain JavaScript without the SQL.
import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '../store/driver.js';
import { seededRandom } from './seeded-random.js';

export { seededRandom };

export type EventKind = 'created' | 'saved' | 'validated' | 'signed' | 'submitted' | 'deposited' | 'refused';
export interface GeneratedEvent {
  documentId: string;
  kind: EventKind;
  at: Date;
  professional: string | null;
}
/** What the generator meant a document to be counted under (not read back from the database). */
export interface GeneratedDocument {
  id: string;
  structureId: string;
  volet: 'pps' | 'frcp';
  channel: 'connector' | 'editor';
  finess: string;
  establishmentName: string | null;
  center3c: string | null;
  center3cName: string | null;
}
export interface GeneratedHistory {
  documents: GeneratedDocument[];
  events: GeneratedEvent[];
  versions: number;
}

export const STRUCTURES = ['492805973', '338521651'] as const;
const ESTABLISHMENTS: ReadonlyArray<readonly [string, string]> = [
  ['492805973', 'ICO Paul Papin'],
  ['338521651', 'Institut Bergonié'],
  ['445075658', 'CHU de Nantes'],
  ['2A0000123', 'CH de Castelluccio'],
];
const PPS_3C: ReadonlyArray<readonly [string, string]> = [
  ['1494809312', '3C ICO – CHU Angers'],
  ['1330000001', '3C Bergonié'],
];
const FRCP_3C: ReadonlyArray<readonly [string, string]> = [
  ['520114', '3C ICO-CHU Angers'],
  ['520200', '3C Gironde'],
];
export const PROFESSIONALS = ['810209801199', '810100000001', '810100000002', '810100000003', '810100000004', '810100000005', '810100000006'];

export interface GenerateOptions {
  seed: number;
  documents: number;
  /** First instant events may happen at, and the span (ms) they spread over. */
  start: Date;
  spanMs: number;
  /** Rows per INSERT (the bench writes 100,000 versions). */
  batch?: number;
}

/**
 * Writes the history through `db` (patients, documents, versions, submissions) and returns what
 * was written. Model facts vary: a custodian FINESS, or a SIRET custodian with an encounter
 * facility FINESS, or nothing (the structure counts); some first drafts have no custodian nor 3C
 * (the facts then come from the later version); some documents have no 3C.
 */
export async function writeHistory(db: SqlExecutor, o: GenerateOptions): Promise<GeneratedHistory> {
  const rnd = seededRandom(o.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const patients = new Map<string, string>();
  // One patient per structure, shared by successive calls (the bench writes in chunks).
  for (const structureId of STRUCTURES) {
    const ins = `2${structureId.replace(/\D/g, '0')}12345`.slice(0, 15);
    await db.query(
      `INSERT INTO patients (id, structure_id, ins_value, ins_oid, identity_status, data, version, created_at, updated_at)
       VALUES ($1, $2, $3, '1.2.250.1.213.1.4.10', 'qualified', '{}'::jsonb, 1, now(), now()) ON CONFLICT DO NOTHING`,
      [randomUUID(), structureId, ins],
    );
    const [row] = await db.query('SELECT id FROM patients WHERE structure_id = $1 AND ins_value = $2', [structureId, ins]);
    patients.set(structureId, String(row!.id));
  }
  const documents: GeneratedDocument[] = [];
  const events: GeneratedEvent[] = [];
  const docRows: unknown[][] = [];
  const versionRows: unknown[][] = [];
  const submissionRows: unknown[][] = [];
  const later = (t: Date, maxMs: number) => new Date(t.getTime() + 60_000 + Math.floor(rnd() * maxMs));
  const DAY = 86_400_000;
  for (let i = 0; i < o.documents; i++) {
    const id = randomUUID();
    const structureId = pick(STRUCTURES);
    const volet = rnd() < 0.6 ? 'pps' : 'frcp';
    const channel = rnd() < 0.35 ? 'connector' : 'editor';
    const [finess, establishmentName] = pick(ESTABLISHMENTS);
    const shape = rnd();
    const noCenter = rnd() < 0.15;
    const [center3c, center3cName] = noCenter ? [null, null] : pick(volet === 'pps' ? PPS_3C : FRCP_3C);
    const custodian = shape < 0.7 ? { idNatStruct: `1${finess}`, name: establishmentName } : { idNatStruct: '349231874600012', name: 'Cabinet' };
    const facility = shape >= 0.7 && shape < 0.9 ? { idNatStruct: `1${finess}`, name: establishmentName } : undefined;
    const counted: GeneratedDocument = facility || shape < 0.7
      ? { id, structureId, volet, channel, finess, establishmentName, center3c, center3cName }
      : { id, structureId, volet, channel, finess: structureId, establishmentName: null, center3c, center3cName };
    documents.push(counted);
    const model = {
      custodian,
      ...(facility ? { encounter: { facility } } : {}),
      ...(volet === 'pps'
        ? center3c ? { careNetwork: { coordinationCentre3C: { organization: { idNatStruct: center3c, name: center3cName } } } } : {}
        : { meeting: { ...(center3c ? { managerId: center3c } : {}), denomination: center3c ? `ONCO / ${center3cName} / Sein` : 'RCP locale' } }),
    };
    const versions = 1 + Math.floor(rnd() * 3);
    const createdAt = new Date(o.start.getTime() + Math.floor(rnd() * o.spanMs));
    events.push({ documentId: id, kind: 'created', at: createdAt, professional: null });
    let t = createdAt;
    let lastStatus = 'draft';
    for (let n = 1; n <= versions; n++) {
      const author = pick(PROFESSIONALS);
      const at = n === 1 ? createdAt : later(t, 20 * DAY);
      events.push({ documentId: id, kind: 'saved', at, professional: author });
      // An empty first draft of a document that has a later version: facts come from the last one.
      const versionModel = n === 1 && versions > 1 && rnd() < 0.3 ? {} : model;
      let status = 'draft';
      let validatedAt: Date | null = null, validatedBy: string | null = null, signedAt: Date | null = null, signedBy: string | null = null, submittedAt: Date | null = null;
      t = at;
      if (rnd() < 0.8) {
        validatedAt = later(t, 5 * DAY);
        validatedBy = pick(PROFESSIONALS);
        status = 'validated';
        t = validatedAt;
        events.push({ documentId: id, kind: 'validated', at: validatedAt, professional: validatedBy });
        if (rnd() < 0.8) {
          signedAt = later(t, 5 * DAY);
          signedBy = pick(PROFESSIONALS);
          status = 'signed';
          t = signedAt;
          events.push({ documentId: id, kind: 'signed', at: signedAt, professional: signedBy });
          if (rnd() < 0.75) {
            submittedAt = later(t, 2 * DAY);
            status = 'submitted';
            const requestedBy = pick(PROFESSIONALS);
            const outcome = rnd();
            const state = outcome < 0.65 ? 'accepted' : outcome < 0.85 ? 'refused' : 'queued';
            const decidedAt = later(submittedAt, 3 * DAY);
            events.push({ documentId: id, kind: 'submitted', at: submittedAt, professional: requestedBy });
            if (state === 'accepted') events.push({ documentId: id, kind: 'deposited', at: decidedAt, professional: null });
            if (state === 'refused') events.push({ documentId: id, kind: 'refused', at: decidedAt, professional: null });
            const base = [id, n, structureId, patients.get(structureId), `set-${id}`];
            submissionRows.push([randomUUID(), ...base, 'dmp', state, submittedAt, state === 'accepted' ? decidedAt : null, state === 'refused' ? decidedAt : null, requestedBy]);
            // An MSSanté copy: never counted as a DMP deposit nor refusal.
            if (rnd() < 0.3) submissionRows.push([randomUUID(), ...base, 'mss:dr@x.mssante.fr', pick(['accepted', 'refused']), submittedAt, null, null, pick(PROFESSIONALS)]);
            t = decidedAt;
          }
        }
      }
      lastStatus = status;
      versionRows.push([id, n, JSON.stringify(versionModel), at, author, status, validatedAt, validatedBy, signedAt, signedBy, submittedAt]);
    }
    docRows.push([id, patients.get(structureId), structureId, volet, `set-${id}`, versions, lastStatus, createdAt, channel]);
  }
  const batch = o.batch ?? 500;
  // Plain multi-row INSERTs (casts where the driver cannot infer the type).
  const insertRows = async (table: string, columns: string, casts: string[], rows: unknown[][]) => {
    for (let i = 0; i < rows.length; i += batch) {
      const chunk = rows.slice(i, i + batch);
      const params: unknown[] = [];
      const values = chunk.map((row) => `(${row.map((v, c) => { params.push(v instanceof Date ? v.toISOString() : v); return `$${params.length}${casts[c] ?? ''}`; }).join(', ')})`);
      await db.query(`INSERT INTO ${table} (${columns}) VALUES ${values.join(', ')}`, params);
    }
  };
  await insertRows('documents', 'id, patient_id, structure_id, type, set_id, current_version, status, version, created_at, updated_at, channel',
    ['::uuid', '::uuid', '', '', '', '::integer', '', '', '::timestamptz', '::timestamptz', ''],
    docRows.map(([id, patient, structure, volet, setId, cv, status, createdAt, channel]) => [id, patient, structure, volet, setId, cv, status, 1, createdAt, createdAt, channel]));
  await insertRows('document_versions', 'document_id, number, model, created_at, created_by, status, validated_at, validated_by, signed_at, signed_by, submitted_at',
    ['::uuid', '::integer', '::jsonb', '::timestamptz', '', '', '::timestamptz', '', '::timestamptz', '', '::timestamptz'], versionRows);
  await insertRows('dmp_submissions', 'id, document_id, version_number, structure_id, patient_id, set_id, channel, state, created_at, accepted_at, refused_at, requested_by, updated_at, visibility, entry_uuid, submission_set_id',
    ['::uuid', '::uuid', '::integer', '', '::uuid', '', '', '', '::timestamptz', '::timestamptz', '::timestamptz', '', '::timestamptz', '::text[]', '', ''],
    submissionRows.map((r) => [...r, r[8], '{}', `urn:uuid:${randomUUID()}`, `1.2.3.${Math.floor(rnd() * 1e9)}`]));
  return { documents, events, versions: versionRows.length };
}
