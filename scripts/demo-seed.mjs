// The demo's seeded patients (fictitious, from the @dcc-kit/cda examples, test INS), created at
// start in the structure of Dr LEFORT (ICO, FINESS 492805973) through the store, and — for the
// two whose DMP is not the simulator's default open one — in the DMP simulator through its admin
// side door. A persistent store already holding them keeps them (duplicate INS → skipped).
import { loadExample } from '@dcc-kit/cda/examples';
import { patientToApi } from '@dcc-kit/cda/identity';

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
