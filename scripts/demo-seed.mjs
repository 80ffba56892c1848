// The demo's seeded patients (fictitious, from the @dcc-kit/cda examples, test INS), created at
// start in the structure of Dr LEFORT (ICO, FINESS 492805973) through the store, and — for the
// two whose DMP is not the simulator's default open one — in the DMP simulator through its admin
// side door. A persistent store already holding them keeps them (duplicate INS → skipped).
import { loadExample } from '@dcc-kit/cda/examples';
import { patientToApi } from '@dcc-kit/cda/identity';
import { randomUUID } from 'node:crypto';
import { seededRandom } from '@dcc-kit/server/testing/seeded-random';

export const SEED_STRUCTURE = '492805973';

/** label: what the patient stands for in the demo; dmp: the simulator's record when not the default. */
export const SEEDED_PATIENTS = [
  { label: 'adulte, INS qualifiée, DMP ouvert', example: '09-ovaire-rechute-brca1-antecedent-sein', identityStatus: 'qualified' },
  {
    label: 'mineure, connexion secrète au DMP',
    example: '07-lam-pediatrique-allogreffe-tuteurs-parents',
    identityStatus: 'qualified',
    dmp: { minorSecretConnection: true },
  },
  { label: 'identité non qualifiée (provisoire)', example: '02-colon-sigmoide-capox-v1', identityStatus: 'provisional' },
  {
    label: 'DMP fermé',
    example: '04-poumon-lsd-metastase-cerebrale-corse',
    identityStatus: 'qualified',
    dmp: { dmpStatus: 'CLOSED', closureReason: 'Fermeture à la demande du patient' },
  },
];

/** The API body of a seeded patient (also used by the tests to find them). */
export function seededPatientBody(seed) {
  const api = patientToApi(loadExample('pps', seed.example).input.patient);
  return { ...api, identityStatus: seed.identityStatus, structureId: SEED_STRUCTURE };
}

export async function seedPatients(store, simulatorAdminUrl) {
  const actor = { idNatPs: 'demo-seed', structures: [SEED_STRUCTURE], requestId: 'demo-seed' };
  for (const seed of SEEDED_PATIENTS) {
    const body = seededPatientBody(seed);
    await store.patients.create(body, actor); // ok: false (duplicate INS) when already there
    if (seed.dmp && simulatorAdminUrl) {
      const r = await fetch(`${simulatorAdminUrl}/patients`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ insMatricule: body.ins.value, insOid: body.ins.oid, ...seed.dmp }),
      });
      if (!r.ok) throw new Error(`DMP simulator: seeding a patient failed (HTTP ${r.status})`);
    }
  }
}

// ── A year of indicator history (the dashboard's « Tableau de bord ») ────────────────────────
// Fictitious PPS and FRCP of the last 12 months in the three structures of the demo's users
// (ICO Angers, Institut Bergonié, CHU de Nantes), for several establishments (custodian FINESS)
// and 3C: versions, validations, signatures, DMP deposits accepted or refused. Written in one
// transaction straight into the tables (as a migration would): the triggers of migrations 006
// and 008 derive the facts the indicators group by and keep the per-document rows the report
// reads, exactly as for the routes' writes.
// The models are the @dcc-kit/cda examples (fictitious patients) with the establishment and the
// 3C changed and the structure's patient in place of theirs; each structure's documents belong to
// one fictitious patient of the examples (a patient of their own, so the demo's four stay clear).
// Only on the demo's own embedded store (scripts/start.mjs never calls it on a DATABASE_URL);
// a store already holding the history keeps it (set ids start with `demo-history-`).

/** structure → its establishments (custodian FINESS, name), PPS 3C (IdNat_Struct, name), FRCP 3C (RCP manager id, name), patient example. */
const HISTORY_STRUCTURES = [
  {
    structureId: '492805973',
    patientExample: '05-prostate-hormono-radiotherapie-oncogeriatrie',
    establishments: [['492805973', "Institut de Cancérologie de l'Ouest (ICO) – site Paul Papin"], ['490000031', "CHU d'Angers"], ['490000676', 'CH de Cholet']],
    pps3c: [['1494809312', '3C ICO – CHU d’Angers'], ['1490000999', '3C Maine-et-Loire Sud']],
    frcp3c: [['520114', '3C ICO-CHU Angers']],
  },
  {
    structureId: '338521651',
    patientExample: '11-melanome-dos-nivolumab-adjuvant-texte-long',
    establishments: [['338521651', 'Institut Bergonié'], ['330781196', 'CHU de Bordeaux']],
    pps3c: [['1330000001', '3C Bergonié']],
    frcp3c: [['520200', '3C Gironde']],
  },
  {
    structureId: '445075658',
    patientExample: '12-lymphome-hodgkin-jeune-adulte-abvd',
    establishments: [['445075658', 'CHU de Nantes – Hôtel-Dieu'], ['440000057', 'CH de Saint-Nazaire']],
    pps3c: [['1440000999', '3C Nantes Métropole']],
    frcp3c: [['520300', '3C Loire-Atlantique']],
  },
];
const HISTORY_PROFESSIONALS = ['810101229700', '810100000011', '810100000012', '810100000013', '810100000014', '810100000015', '810100000016', '810100000017'];
const PPS_MODEL = '01-sein-gauche-fec-docetaxel-radiotherapie';
const FRCP_MODEL = '01-sein-appareil-organes-post-operatoire';

/**
 * Writes about `perStructure` documents per structure over the 12 months before `now`, unless
 * the store already holds them. Returns how many documents were written (0 when already there).
 */
export async function seedIndicatorHistory(store, { now = new Date(), perStructure = 100 } = {}) {
  const [done] = await store.driver.query(`SELECT count(*)::integer AS n FROM documents WHERE set_id LIKE 'demo-history-%'`);
  if (Number(done.n) > 0) return 0;
  const rnd = seededRandom(20260101); // the same history on every fresh store
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const later = (t, maxDays) => new Date(Math.min(t.getTime() + 3_600_000 + Math.floor(rnd() * maxDays * 86_400_000), now.getTime() - 60_000));
  const ppsBase = loadExample('pps', PPS_MODEL).input;
  const frcpBase = loadExample('frcp', FRCP_MODEL).input;
  const start = now.getTime() - 365 * 86_400_000;
  const docs = [];
  const versions = [];
  const submissions = [];
  for (const s of HISTORY_STRUCTURES) {
    const patientModel = loadExample('pps', s.patientExample).input.patient;
    const body = { ...patientToApi(patientModel), identityStatus: 'qualified', structureId: s.structureId };
    const actor = { idNatPs: 'demo-seed', structures: [s.structureId], requestId: 'demo-seed' };
    await store.patients.create(body, actor);
    const [patient] = await store.driver.query('SELECT id FROM patients WHERE structure_id = $1 AND ins_value = $2', [s.structureId, body.ins.value]);
    for (let i = 0; i < perStructure; i++) {
      const id = randomUUID();
      const volet = rnd() < 0.6 ? 'pps' : 'frcp';
      const [finess, establishment] = pick(s.establishments);
      const [center, centerName] = pick(volet === 'pps' ? s.pps3c : s.frcp3c);
      const custodian = { ...(volet === 'pps' ? ppsBase : frcpBase).custodian, idNatStruct: `1${finess}`, name: establishment };
      const model = volet === 'pps'
        ? { ...ppsBase, patient: patientModel, custodian, careNetwork: { ...ppsBase.careNetwork, coordinationCentre3C: { ...ppsBase.careNetwork?.coordinationCentre3C, organization: { name: centerName, idNatStruct: center } } } }
        : { ...frcpBase, patient: patientModel, custodian, meeting: { ...frcpBase.meeting, managerId: center, denomination: `ONCO / ${centerName} / Sein` } };
      // More activity in recent months, as a platform being adopted.
      const createdAt = new Date(start + Math.floor(Math.sqrt(rnd()) * 360 * 86_400_000));
      const channel = rnd() < 0.3 ? 'connector' : 'editor';
      const count = 1 + Math.floor(rnd() * 2);
      let t = createdAt;
      let status = 'draft';
      for (let n = 1; n <= count; n++) {
        const at = n === 1 ? createdAt : later(t, 15);
        const row = { document_id: id, number: n, model, created_at: at, created_by: pick(HISTORY_PROFESSIONALS), status: 'draft', validated_at: null, validated_by: null, signed_at: null, signed_by: null, submitted_at: null };
        t = at;
        if (rnd() < 0.85) {
          Object.assign(row, { status: 'validated', validated_at: (t = later(t, 3)), validated_by: row.created_by });
          if (rnd() < 0.85) {
            Object.assign(row, { status: 'signed', signed_at: (t = later(t, 4)), signed_by: pick(HISTORY_PROFESSIONALS) });
            if (n === count && rnd() < 0.8) {
              Object.assign(row, { status: 'submitted', submitted_at: (t = later(t, 1)) });
              const outcome = rnd();
              const state = outcome < 0.9 ? 'accepted' : 'refused'; // settled: no job for the demo's worker
              submissions.push({ id: randomUUID(), document_id: id, version_number: n, structure_id: s.structureId, patient_id: patient.id, set_id: `demo-history-${id}`, state, created_at: t, requested_by: row.signed_by, accepted_at: state === 'accepted' ? later(t, 1) : null, refused_at: state === 'refused' ? later(t, 1) : null });
            }
          }
        }
        status = row.status;
        versions.push(row);
      }
      docs.push({ id, patient_id: patient.id, structure_id: s.structureId, type: volet, set_id: `demo-history-${id}`, current_version: count, status, created_at: createdAt, channel });
    }
  }
  await store.driver.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO documents (id, patient_id, structure_id, type, set_id, current_version, status, version, created_at, updated_at, channel)
       SELECT id, patient_id, structure_id, type, set_id, current_version, status, 1, created_at, created_at, channel
         FROM jsonb_to_recordset($1::jsonb) AS r (id uuid, patient_id uuid, structure_id text, type text, set_id text, current_version integer, status text, created_at timestamptz, channel text)`,
      [JSON.stringify(docs)],
    );
    await tx.query(
      `INSERT INTO document_versions (document_id, number, model, created_at, created_by, status, validated_at, validated_by, signed_at, signed_by, submitted_at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r (document_id uuid, number integer, model jsonb, created_at timestamptz, created_by text, status text,
              validated_at timestamptz, validated_by text, signed_at timestamptz, signed_by text, submitted_at timestamptz)`,
      [JSON.stringify(versions)],
    );
    await tx.query(
      `INSERT INTO dmp_submissions (id, document_id, version_number, structure_id, patient_id, set_id, channel, state, visibility, entry_uuid, submission_set_id, requested_by, created_at, updated_at, accepted_at, refused_at)
       SELECT id, document_id, version_number, structure_id, patient_id, set_id, 'dmp', state, '{}', 'urn:uuid:' || gen_random_uuid(), '1.2.250.1.999.' || row_number() OVER (), requested_by, created_at, created_at, accepted_at, refused_at
         FROM jsonb_to_recordset($1::jsonb) AS r (id uuid, document_id uuid, version_number integer, structure_id text, patient_id uuid, set_id text, state text, created_at timestamptz, requested_by text, accepted_at timestamptz, refused_at timestamptz)`,
      [JSON.stringify(submissions)],
    );
  });
  return docs.length;
}
