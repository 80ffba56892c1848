// The real DmpClient against the real simulator over HTTP: TD0.2, ITI-41 accepted with metadata
// equal to the CDA's, replacement, refusals (closed DMP, untrusted VIHF signature).
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { documentEntryFromCda } from '@dcc-kit/dmp/metadata';
import { AUTHOR, INS, SOURCE_ID, frcpExample, frcpVersion2, clinicalEntriesOf, randomOid, refusal, resetHarness, startHarness, type AdminEntry, type Harness } from './harness.test.util.js';
import { createTestPki } from '../pki/index.js';

let h: Harness;
before(async () => {
  h = await startHarness();
  console.log(`simulator at ${h.sim.url}`);
});
after(async () => h.close());
beforeEach(async () => resetHarness(h));

const clinicalEntries = (): Promise<AdminEntry[]> => clinicalEntriesOf(h);

test('TD0.2: active DMP with the author as médecin traitant; closed, none and blocked patients', async () => {
  assert.deepEqual(await h.client.patientStatus(INS, AUTHOR), { dmp: 'active', authorisation: 'VALIDE', medecinTraitant: true, mesAttached: true, canFeed: true });
  const closed = await h.client.patientStatus({ matricule: '285027512345771', oid: INS.oid }, AUTHOR);
  assert.equal(closed.dmp, 'closed');
  assert.equal(closed.closureReason, 'FERMETURE_DEMANDE_PATIENT');
  assert.equal(closed.canFeed, false);
  const none = await h.client.patientStatus({ matricule: '180017512345660', oid: INS.oid }, AUTHOR);
  assert.equal(none.dmp, 'none');
  const blocked = await h.client.patientStatus({ matricule: '175047512345959', oid: INS.oid }, AUTHOR);
  assert.deepEqual([blocked.dmp, blocked.authorisation, blocked.canFeed], ['active', 'INTERDIT', false]);
  const badKey = await refusal(h.client.patientStatus({ matricule: '279035121518988', oid: INS.oid }, AUTHOR));
  assert.deepEqual([badKey.code, badKey.transient], ['SIM_INS_INVALID', false]);
  const insC = await refusal(h.client.patientStatus({ matricule: INS.matricule, oid: '1.2.250.1.213.1.4.2' }, AUTHOR));
  assert.equal(insC.code, 'SIM_INS_INVALID');
});

test('ITI-41 accepted: the stored entry carries the metadata derived from the CDA, its hash, the visibility asked, and a signature entry', async () => {
  const cda = frcpExample();
  const entryUUID = `urn:uuid:${randomUUID()}`;
  const result = await h.client.provideAndRegister({ cda, visibility: ['INVISIBLE_PATIENT'], entryUUID, submissionSetUniqueId: randomOid(), sourceId: SOURCE_ID }, AUTHOR);
  assert.equal(result.entryUUID, entryUUID);
  assert.equal(result.alreadyStored, false);
  const { entry: expected } = documentEntryFromCda(cda, { visibility: ['INVISIBLE_PATIENT'] });
  const [stored, ...others] = await clinicalEntries();
  assert.equal(others.length, 0);
  assert.equal(stored?.entryUUID, entryUUID);
  assert.equal(stored?.uniqueId, expected.uniqueId);
  assert.equal(stored?.status, 'Approved');
  assert.equal(stored?.hash, createHash('sha1').update(cda).digest('hex'));
  assert.equal(stored?.size, cda.length);
  assert.deepEqual(stored?.visibility, ['INVISIBLE_PATIENT']);
  assert.equal(stored?.creationTime, expected.creationTime);
  assert.equal(stored?.serviceStartTime, expected.serviceStartTime);
  assert.deepEqual((stored?.typeCode as { code: string }).code, expected.typeCode.code);
  assert.deepEqual((stored?.classCode as { code: string }).code, expected.classCode.code);
  assert.deepEqual((stored?.formatCode as { code: string }).code, expected.formatCode.code);
  assert.equal(stored?.title, expected.title);
  assert.equal(stored?.legalAuthenticator, expected.legalAuthenticator);
  const signatures = (await h.admin<AdminEntry[]>('GET', '/entries')).filter((e) => e.isSignature);
  assert.equal(signatures.length, 1);
});

test('replacement: v2 with RPLC to v1 → v1 Deprecated, v2 Approved with a new logicalId', async () => {
  const v1 = `urn:uuid:${randomUUID()}`;
  await h.client.provideAndRegister({ cda: frcpExample(), visibility: [], entryUUID: v1, submissionSetUniqueId: randomOid(), sourceId: SOURCE_ID }, AUTHOR);
  const v2 = `urn:uuid:${randomUUID()}`;
  const v2Id = randomOid();
  const result = await h.client.provideAndRegister({ cda: frcpVersion2(v2Id), visibility: [], entryUUID: v2, submissionSetUniqueId: randomOid(), sourceId: SOURCE_ID, replaces: { entryUUID: v1 } }, AUTHOR);
  assert.equal(result.uniqueId, v2Id);
  const entries = await clinicalEntries();
  const old = entries.find((e) => e.entryUUID === v1);
  const current = entries.find((e) => e.entryUUID === v2);
  assert.equal(old?.status, 'Deprecated');
  assert.equal(current?.status, 'Approved');
  assert.notEqual(current?.logicalId, old?.logicalId);
  // replacing the deprecated v1 again is refused
  const again = await refusal(h.client.provideAndRegister({ cda: frcpVersion2(randomOid()), visibility: [], entryUUID: `urn:uuid:${randomUUID()}`, submissionSetUniqueId: randomOid(), sourceId: SOURCE_ID, replaces: { entryUUID: v1 } }, AUTHOR));
  assert.equal(again.transient, false);
  assert.ok(['SIM_RPLC_TARGET_NOT_APPROVED', 'XDSRegistryDeprecatedDocumentError'].includes(again.code), again.code);
});

test('closed DMP: ITI-41 refused with SIM_DMP_CLOSED, permanent, reasons in French and English; nothing stored', async () => {
  await h.admin('PATCH', `/patients/${INS.matricule}`, { dmpStatus: 'CLOSED', closureReason: 'FERMETURE_DEMANDE_PATIENT' });
  const e = await refusal(h.client.provideAndRegister({ cda: frcpExample(), visibility: [], entryUUID: `urn:uuid:${randomUUID()}`, submissionSetUniqueId: randomOid(), sourceId: SOURCE_ID }, AUTHOR));
  assert.equal(e.code, 'SIM_DMP_CLOSED');
  assert.equal(e.transient, false);
  assert.equal(e.messageFr, 'Le DMP du patient est fermé.');
  assert.equal(e.messageEn, "The patient's DMP is closed.");
  assert.ok(e.errors.length >= 1);
  assert.deepEqual(await clinicalEntries(), []);
});

test('VIHF signed by an untrusted certificate: SOAP Fault SIM_VIHF_INVALID, permanent; nothing stored', async () => {
  const other = await createTestPki();
  const stranger = h.clientWith({ signing: { key: other.signing.key, certificate: other.signing.cert } });
  const e = await refusal(stranger.provideAndRegister({ cda: frcpExample(), visibility: [], entryUUID: `urn:uuid:${randomUUID()}`, submissionSetUniqueId: randomOid(), sourceId: SOURCE_ID }, AUTHOR));
  assert.equal(e.code, 'SIM_VIHF_INVALID');
  assert.equal(e.transient, false);
  assert.deepEqual(await clinicalEntries(), []);
  const td02 = await refusal(stranger.patientStatus(INS, AUTHOR));
  assert.equal(td02.code, 'SIM_VIHF_INVALID');
});

test("minor's secret connection: refused without INVISIBLE_REPRESENTANTS_LEGAUX and the VIHF confidentiality-code, accepted with both", async () => {
  await h.admin('PATCH', `/patients/${INS.matricule}`, { minorSecretConnection: true });
  const input = { cda: frcpExample(), entryUUID: `urn:uuid:${randomUUID()}`, sourceId: SOURCE_ID };
  const e = await refusal(h.client.provideAndRegister({ ...input, visibility: [], submissionSetUniqueId: randomOid() }, AUTHOR));
  assert.equal(e.code, 'SIM_SECRET_CONNECTION');
  assert.equal(e.transient, false);
  assert.equal(e.errors.length, 2, 'both the entry flag and the VIHF attribute are named');
  const accepted = await h.client.provideAndRegister({ ...input, visibility: ['INVISIBLE_REPRESENTANTS_LEGAUX'], submissionSetUniqueId: randomOid(), secretConnection: true }, AUTHOR);
  assert.equal(accepted.alreadyStored, false);
  assert.deepEqual((await clinicalEntries())[0]?.visibility, ['INVISIBLE_REPRESENTANTS_LEGAUX']);
});

test('XAdES digests: SHA-256 (our choice, [?] §7.4) is refused by a registry that accepts SHA-1 only; signatureHash sha1 is accepted there', async () => {
  const strict = await startHarness({ strictSha1: true });
  try {
    const e = await refusal(strict.client.provideAndRegister({ cda: frcpExample(), visibility: [], entryUUID: `urn:uuid:${randomUUID()}`, submissionSetUniqueId: randomOid(), sourceId: SOURCE_ID }, AUTHOR));
    assert.equal(e.code, 'SIM_SIGNATURE_INVALID');
    assert.equal(e.transient, false);
    const sha1 = strict.clientWith({ signatureHash: 'sha1' });
    const accepted = await sha1.provideAndRegister({ cda: frcpExample(), visibility: [], entryUUID: `urn:uuid:${randomUUID()}`, submissionSetUniqueId: randomOid(), sourceId: SOURCE_ID }, AUTHOR);
    assert.equal(accepted.alreadyStored, false);
  } finally {
    await strict.close();
  }
});

