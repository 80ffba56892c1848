// TD0.2 per §5.6 fixture, over real HTTP.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestPki } from './pki/index.js';
import type { DmpSimulator } from './simulator.js';
import { startTrustingSimulator, startSimulatorTrusting } from './testing/simulator-fixture.test-util.js';
import { FRCP_INS, post, td02 } from './testing/request-builder.test-util.js';

let pki: TestPki;
let sim: DmpSimulator;
before(async () => ({ pki, sim } = await startTrustingSimulator()));
after(async () => sim.close());

interface Td02 { ack?: string; detail?: string; response?: string; status?: string; reason?: string; authorisation?: string; medecinTraitant?: string; mes?: string }
function read(text: string): Td02 {
  const m = (re: RegExp): string | undefined => re.exec(text)?.[1];
  return {
    ack: m(/<acknowledgement><typeCode code="([^"]+)"/),
    detail: m(/<acknowledgementDetail[^>]*><code code="([^"]+)"/),
    response: m(/<queryResponseCode code="([^"]+)"/),
    status: m(/<registrationEvent[^>]*><statusCode code="([^"]+)"/),
    reason: m(/<reasonCode code="([^"]+)"/),
    authorisation: m(/<code code="AUTORISATION"[^>]*\/><value xsi:type="CS" code="([^"]+)"/),
    medecinTraitant: m(/<code code="MEDECIN_TRAITANT_DMP"[^>]*\/><value xsi:type="BL" value="([^"]+)"/),
    mes: m(/<code code="RATTACHEMENT_MES"[^>]*\/><value xsi:type="BL" value="([^"]+)"/),
  };
}
const ask = async (matricule: string, oid = FRCP_INS.oid): Promise<Td02> => {
  const answer = await post(sim.url, 'patients', td02(sim.url, { signer: { key: pki.signing.key, cert: pki.signing.cert }, ins: { matricule, oid } }));
  assert.equal(answer.status, 200, answer.text);
  assert.match(answer.text, /<PRPA_IN201308UV02 /);
  return read(answer.text);
};

test('TD0.2: the ANS example patient has an active DMP; the fixture PS is authorised and médecin traitant; attached to MES', async () => {
  assert.deepEqual(await ask('279035121518989'), { ack: 'AA', detail: undefined, response: 'OK', status: 'active', reason: undefined, authorisation: 'VALIDE', medecinTraitant: 'true', mes: 'true' });
});

test('TD0.2: a patient without authorisation for this PS → NON_EXISTE, not médecin traitant', async () => {
  const answer = await ask('146026322000196');
  assert.equal(answer.response, 'OK');
  assert.equal(answer.authorisation, 'NON_EXISTE');
  assert.equal(answer.medecinTraitant, 'false');
});

test('TD0.2: no DMP → NF; closed DMP → OK, terminated, DMPClosed and its reason', async () => {
  assert.deepEqual(await ask('180017512345660'), { ack: 'AA', detail: undefined, response: 'NF', status: undefined, reason: undefined, authorisation: undefined, medecinTraitant: undefined, mes: undefined });
  const closed = await ask('285027512345771');
  assert.equal(closed.response, 'OK');
  assert.equal(closed.status, 'terminated');
  assert.equal(closed.detail, 'DMPClosed');
  assert.equal(closed.reason, 'FERMETURE_DEMANDE_PATIENT');
});

test('TD0.2: blocked PS → INTERDIT; expired authorisation → EXPIRE; minor with secret connection is active', async () => {
  assert.equal((await ask('175047512345959')).authorisation, 'INTERDIT');
  assert.equal((await ask('268107512346059')).authorisation, 'EXPIRE');
  assert.equal((await ask('210087512345858')).status, 'active');
});

test('TD0.2: an invalid INS (key, INS-C) → acknowledgement AE naming SIM_INS_INVALID', async () => {
  const badKey = await ask('279035121518988');
  assert.equal(badKey.ack, 'AE');
  assert.equal(badKey.detail, 'SIM_INS_INVALID');
  assert.equal((await ask('279035121518989', '1.2.250.1.213.1.4.2')).detail, 'SIM_INS_INVALID');
});

test('TD0.2: the admin side door flips the DMP status and the blocked list', async () => {
  const patch = async (body: unknown): Promise<number> => (await fetch(`${sim.adminUrl}/patients/146026322000196`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status;
  assert.equal(await patch({ dmpStatus: 'CLOSED', closureReason: 'FERMETURE_DECES' }), 200);
  const closed = await ask('146026322000196');
  assert.equal(closed.status, 'terminated');
  assert.equal(closed.reason, 'FERMETURE_DECES');
  assert.equal(await patch({ dmpStatus: 'ACTIVE', blockedPs: ['801234567897'] }), 200);
  assert.equal((await ask('146026322000196')).authorisation, 'INTERDIT');
  const bad = await fetch(`${sim.adminUrl}/patients/146026322000196`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dmpStatus: 'OPEN' }) });
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as { path: string }).path, '$.dmpStatus');
  const created = await fetch(`${sim.adminUrl}/patients`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ insMatricule: '190017512345600', dmpStatus: 'NONE' }) });
  assert.equal(created.status, 201);
  await fetch(`${sim.adminUrl}/state`, { method: 'DELETE' });
  assert.equal((await ask('146026322000196')).authorisation, 'NON_EXISTE', 'reset restores the fixtures');
});

test('TD0.2: an unknown INS has no DMP, unless openDmpForUnknownPatients (the demo) opens one on first use; a bad key never does', async () => {
  const unknown = '290017512345605'; // valid key, not among the fixtures
  assert.equal((await ask(unknown)).response, 'NF');
  const open = await startSimulatorTrusting(pki, { openDmpForUnknownPatients: true });
  try {
    const askOpen = async (matricule: string) =>
      read((await post(open.url, 'patients', td02(open.url, { signer: { key: pki.signing.key, cert: pki.signing.cert }, ins: { matricule, oid: FRCP_INS.oid } }))).text);
    const answer = await askOpen(unknown);
    assert.equal(answer.response, 'OK');
    assert.equal(answer.status, 'active');
    assert.equal((await askOpen('180017512345660')).response, 'NF', 'a fixture without DMP keeps none');
    assert.equal((await askOpen('290017512345699')).ack, 'AE', 'a wrong key is refused, not opened');
  } finally {
    await open.close();
  }
});
