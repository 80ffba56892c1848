// ITI-41 through the real HTTP server: acceptance, idempotent re-send, refusals stage by stage
// (each with its code and the field it names), replacement.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestPki, type TestPki } from './pki/index.js';
import type { DmpSimulator } from './simulator.js';
import { resetState, signerOf, startSimulatorTrusting, startTrustingSimulator } from './testing/simulator-fixture.test-util.js';
import {
  FRCP_INS, cx, faultOf, frcpExample, iti41, mutateCda, post, registryErrors, plainSoap, soapEnvelope, signedVihf, ACTION_41, type Signer,
} from './testing/request-builder.test-util.js';

let pki: TestPki;
let sim: DmpSimulator;
let clock = new Date();

before(async () => ({ pki, sim } = await startTrustingSimulator({ now: () => clock })));
after(async () => sim.close());
beforeEach(async () => {
  clock = new Date();
  await resetState(sim);
});

const signer = (): Signer => signerOf(pki);
const SUCCESS = 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success';
const FAILURE = 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure';

async function entries(): Promise<{ entryUUID: string; status: string; uniqueId: string; isSignature: boolean; version: number; logicalId: string; visibility: string[]; setIdFromCda?: string }[]> {
  return (await fetch(`${sim.adminUrl}/entries?patientId=${FRCP_INS.matricule}`)).json() as never;
}

test('ITI-41: the ANS FRCP example with its signature entry is accepted over MTOM, stored Approved with the CDA metadata', async () => {
  const request = iti41(sim.url, { signer: signer() });
  const answer = await post(sim.url, 'repository', request);
  assert.equal(answer.status, 200, answer.text);
  assert.match(answer.text, new RegExp(`status="${SUCCESS}"`), answer.text);
  assert.deepEqual(registryErrors(answer.text), []);
  const stored = await entries();
  assert.equal(stored.length, 2);
  const clinical = stored.find((e) => !e.isSignature)!;
  assert.equal(clinical.entryUUID, request.entryUUID);
  assert.equal(clinical.uniqueId, '1.2.250.1.213.1.1.1.8.2022.1.1');
  assert.equal(clinical.status, 'Approved');
  assert.equal(clinical.setIdFromCda, '1.2.250.1.213.1.1.1.8.2022.1');
  const sets = (await (await fetch(`${sim.adminUrl}/submission-sets`)).json()) as unknown[];
  assert.equal(sets.length, 1);
});

test('ITI-41: inline base64 documents (no MTOM) are accepted too', async () => {
  const answer = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), mtom: false }));
  assert.match(answer.text, new RegExp(`status="${SUCCESS}"`), answer.text);
});

test('ITI-41: an identical re-send (same uniqueId, same bytes) is accepted without a second entry; other bytes → XDSNonIdenticalHash', async () => {
  const first = iti41(sim.url, { signer: signer() });
  assert.match((await post(sim.url, 'repository', first)).text, new RegExp(SUCCESS));
  const again = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), entryUUID: first.entryUUID }));
  assert.match(again.text, new RegExp(SUCCESS), again.text);
  assert.equal((await entries()).filter((e) => !e.isSignature).length, 1);
  const changed = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), cda: mutateCda(frcpExample(), { bodyText: 'changed' }) }));
  assert.deepEqual(registryErrors(changed.text).map((e) => [e.errorCode, e.location]), [['XDSNonIdenticalHash', 'DocumentEntry.uniqueId']]);
});

test('ITI-41: a SubmissionSet uniqueId already registered with other content → XDSDuplicateUniqueIdInRegistry', async () => {
  const first = iti41(sim.url, { signer: signer() });
  await post(sim.url, 'repository', first);
  const ssUniqueId = /identificationScheme="urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8" registryObject="SubmissionSet01" value="([^"]+)"/.exec(first.body.toString())![1]!;
  const cda = mutateCda(frcpExample(), { id: '1.2.250.1.999.7', bodyText: 'another document' });
  const answer = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), cda, submissionSetUniqueId: ssUniqueId }));
  assert.deepEqual(registryErrors(answer.text).map((e) => [e.errorCode, e.location]), [['XDSDuplicateUniqueIdInRegistry', 'SubmissionSet.uniqueId']]);
});

test('stage 1: not SOAP 1.2, no MessageID, an action the endpoint does not serve → SOAP Fault env:Sender', async () => {
  const soap11 = await post(sim.url, 'repository', { body: Buffer.from('<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>'), contentType: 'application/soap+xml' });
  assert.equal(soap11.status, 400);
  assert.match(soap11.text, /env:Sender/);
  assert.deepEqual(faultOf(soap11.text), { code: 'SIM_SOAP_INVALID', location: 'env:Envelope' });
  const noId = await post(sim.url, 'repository', plainSoap(soapEnvelope(ACTION_41, sim.url, '<x/>', undefined, { messageId: null }), ACTION_41));
  assert.deepEqual(faultOf(noId.text), { code: 'SIM_MESSAGE_ID_MISSING', location: 'wsa:MessageID' });
  const wrong = await post(sim.url, 'registry', iti41(sim.url, { signer: signer() }));
  assert.deepEqual(faultOf(wrong.text), { code: 'SIM_ACTION_INVALID', location: 'wsa:Action' });
  const badMtom = await post(sim.url, 'repository', { body: Buffer.from('--x\r\n\r\n--x--'), contentType: 'multipart/related; boundary=y' });
  assert.equal(faultOf(badMtom.text)?.code, 'SIM_MTOM_INVALID');
});

test('stage 2: VIHF missing, signed by an untrusted key, wrong Issuer, outside ±5 min → SIM_VIHF_INVALID', async () => {
  const none = await post(sim.url, 'repository', plainSoap(soapEnvelope(ACTION_41, sim.url, '<x/>', undefined), ACTION_41));
  assert.deepEqual(faultOf(none.text), { code: 'SIM_VIHF_INVALID', location: 'wsse:Security/saml2:Assertion' });
  const other = await createTestPki();
  const untrusted = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), vihf: { signer: { key: other.signing.key, cert: other.signing.cert } } }));
  assert.deepEqual(faultOf(untrusted.text), { code: 'SIM_VIHF_INVALID', location: 'saml2:Assertion/ds:Signature' });
  const issuer = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), vihf: { issuer: 'CN=someone else,O=X,C=FR' } }));
  assert.deepEqual(faultOf(issuer.text), { code: 'SIM_VIHF_INVALID', location: 'saml2:Issuer' });
  const skewed = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), vihf: { issueInstant: new Date(clock.getTime() + 6 * 60_000) } }));
  assert.deepEqual(faultOf(skewed.text), { code: 'SIM_VIHF_INVALID', location: 'saml2:Assertion/@IssueInstant' });
  const fine = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), vihf: { issueInstant: new Date(clock.getTime() + 4 * 60_000) } }));
  assert.match(fine.text, new RegExp(SUCCESS), 'within 5 minutes of skew is accepted');
  clock = new Date(clock.getTime() + 2 * 3600_000);
  const expired = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), vihf: { issueInstant: new Date(clock.getTime() - 3600_000 - 6 * 60_000) } }));
  assert.deepEqual(faultOf(expired.text), { code: 'SIM_VIHF_INVALID', location: 'saml2:Conditions/@NotOnOrAfter' });
});

test('stage 2: a tampered VIHF attribute breaks the signature', async () => {
  const request = iti41(sim.url, { signer: signer() });
  const tampered = { ...request, body: Buffer.from(request.body.toString('latin1').replace('>1750100125<', '>1750100126<'), 'latin1') };
  assert.deepEqual(faultOf((await post(sim.url, 'repository', tampered)).text), { code: 'SIM_VIHF_INVALID', location: 'saml2:Assertion/ds:Signature' });
});

test('stage 2: mandatory VIHF attributes and their allowed values → SIM_VIHF_ATTRIBUTE naming the attribute', async () => {
  const cases: [Record<string, string | null>, string][] = [
    [{ VIHF_Version: null }, 'VIHF/VIHF_Version'],
    [{ Authentification_Mode: 'AUTRE' }, 'VIHF/Authentification_Mode'],
    [{ Secteur_Activite: 'SA01' }, 'VIHF/Secteur_Activite'],
    [{ Ressource_URN: 'urn:autre' }, 'VIHF/Ressource_URN'],
    [{ LPS_ID_HOMOLOGATION_DMP: null }, 'VIHF/LPS_ID_HOMOLOGATION_DMP'],
    [{ 'urn:oasis:names:tc:xspa:1.0:subject:subject-id': null }, 'VIHF/urn:oasis:names:tc:xspa:1.0:subject:subject-id'],
    [{ purpose: 'curiosite' }, 'VIHF/urn:oasis:names:tc:xspa:1.0:subject:purposeofuse'],
    [{ role: null }, 'VIHF/urn:oasis:names:tc:xacml:2.0:subject:role'],
  ];
  for (const [attributes, location] of cases) {
    const answer = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), vihf: { attributes } }));
    assert.deepEqual(faultOf(answer.text), { code: 'SIM_VIHF_ATTRIBUTE', location }, JSON.stringify(attributes));
  }
});

test('stage 3: INS-C, a test OID in the prod-like profile, a wrong NIR key → SIM_INS_INVALID; no DMP, closed DMP, blocked PS', async () => {
  const insC = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), vihf: { resourceId: `${FRCP_INS.matricule}^^^&1.2.250.1.213.1.4.2&ISO^NH` } }));
  assert.deepEqual(registryErrors(insC.text).map((e) => [e.errorCode, e.location, e.codeContext.split(':')[0]]), [['XDSUnknownPatientId', 'VIHF/resource-id', 'SIM_INS_INVALID']]);
  const badKey = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), vihf: { resourceId: cx({ matricule: '279035121518988', oid: FRCP_INS.oid }) } }));
  assert.match(registryErrors(badKey.text)[0]!.codeContext, /^SIM_INS_INVALID: .*key/);
  const patient = async (matricule: string): Promise<string> => {
    const ins = { matricule, oid: FRCP_INS.oid };
    return (await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), cda: mutateCda(frcpExample(), { ins }) }))).text;
  };
  assert.deepEqual(registryErrors(await patient('180017512345660')).map((e) => [e.errorCode, e.codeContext.split(':')[0]]), [['XDSUnknownPatientId', 'SIM_DMP_NOT_FOUND']]);
  assert.deepEqual(registryErrors(await patient('285027512345771')).map((e) => [e.errorCode, e.location]), [['SIM_DMP_CLOSED', 'patientId']]);
  assert.deepEqual(registryErrors(await patient('175047512345959')).map((e) => [e.errorCode, e.location]), [['SIM_PS_BLOCKED', 'VIHF/NameID']]);
  const prod = await startSimulatorTrusting(pki, { profile: 'prod-like' });
  try {
    const refused = await post(prod.url, 'repository', iti41(prod.url, { signer: signer() }));
    assert.match(registryErrors(refused.text)[0]!.codeContext, /^SIM_INS_INVALID: .*not allowed in the 'prod-like' profile/);
  } finally {
    await prod.close();
  }
});

test('stage 4: every metadata problem is reported at once, each naming its attribute', async () => {
  const answer = await post(sim.url, 'repository', iti41(sim.url, {
    signer: signer(),
    edit: (v) => {
      v.creationTime = '2019-02-18';
      v.classCode = ['99', '1.2.250.1.213.1.1.4.1', 'inconnu'];
      v.languageCode = null;
      v.legalAuthenticator = 'MULLER';
      v.practiceSettingCode = null;
    },
  }));
  assert.match(answer.text, new RegExp(FAILURE));
  const found = registryErrors(answer.text).map((e) => [e.errorCode, e.location, e.codeContext.split(':')[0]]);
  assert.deepEqual(found.sort(), [
    ['XDSRegistryMetadataError', 'DocumentEntry.classCode', 'SIM_METADATA_CODE'],
    ['XDSRegistryMetadataError', 'DocumentEntry.creationTime', 'SIM_METADATA_FORMAT'],
    ['XDSRegistryMetadataError', 'DocumentEntry.languageCode', 'SIM_METADATA_MISSING'],
    ['XDSRegistryMetadataError', 'DocumentEntry.legalAuthenticator', 'SIM_METADATA_FORMAT'],
    ['XDSRegistryMetadataError', 'DocumentEntry.practiceSettingCode', 'SIM_METADATA_MISSING'],
  ].sort());
});

test('stage 4: patientId mismatch between SubmissionSet and entry; a missing document', async () => {
  const other = cx({ matricule: '146026322000196', oid: FRCP_INS.oid });
  const mismatch = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), edit: (v) => { v.patientId = other; } }));
  assert.ok(registryErrors(mismatch.text).some((e) => e.errorCode === 'XDSPatientIdDoesNotMatch' && e.location === 'DocumentEntry.patientId'), mismatch.text);
  const missing = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), dropDocument: true }));
  assert.ok(registryErrors(missing.text).some((e) => e.errorCode === 'XDSMissingDocument'), missing.text);
});

test('stage 5: metadata that does not say what the CDA says → XDSRegistryMetadataError naming the field', async () => {
  const answer = await post(sim.url, 'repository', iti41(sim.url, {
    signer: signer(),
    edit: (v) => {
      v.creationTime = '20190218094914'; // local time, not UTC
      v.title = 'Autre titre';
      v.healthcareFacilityTypeCode = ['SA03', '1.2.250.1.71.4.2.4', 'PSPH'];
      v.uniqueId = '1.2.250.1.213.1.1.1.8.2022.1.2';
      v.hash = '0000000000000000000000000000000000000000';
    },
  }));
  const found = registryErrors(answer.text).map((e) => [e.location, e.codeContext.split(':')[0]]);
  assert.deepEqual(found.sort(), [
    ['DocumentEntry.creationTime', 'SIM_CDA_INCOHERENT'],
    ['DocumentEntry.hash', 'SIM_HASH_MISMATCH'],
    ['DocumentEntry.healthcareFacilityTypeCode', 'SIM_CDA_INCOHERENT'],
    ['DocumentEntry.title', 'SIM_CDA_INCOHERENT'],
    ['DocumentEntry.uniqueId', 'SIM_CDA_INCOHERENT'],
  ].sort(), answer.text);
  assert.ok(registryErrors(answer.text).find((e) => e.location === 'DocumentEntry.hash')!.errorCode === 'XDSRepositoryMetadataError');
});

test('stage 5: a wrong typeCode/classCode pair and a CDA whose effectiveTime has no offset', async () => {
  const cda = mutateCda(frcpExample(), { effectiveTime: '20190218094914' });
  const answer = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), cda, edit: (v) => { v.classCode = ['11', '1.2.250.1.213.1.1.4.1', 'Synthèse']; } }));
  const found = registryErrors(answer.text).map((e) => e.location).sort();
  assert.deepEqual(found, ['DocumentEntry.classCode', 'DocumentEntry.creationTime']);
});

test('stage 5: the validateCda hook refuses with SIM_CDA_INVALID at the path it reports', async () => {
  const strict = await startSimulatorTrusting(pki, { validateCda: () => [{ path: '/ClinicalDocument/title', message: 'schematron says no' }] });
  try {
    const answer = await post(strict.url, 'repository', iti41(strict.url, { signer: signer() }));
    assert.deepEqual(registryErrors(answer.text).map((e) => [e.location, e.codeContext.split(':')[0]]), [['/ClinicalDocument/title', 'SIM_CDA_INVALID']]);
  } finally {
    await strict.close();
  }
});

test('stage 6: INVISIBLE_PATIENT with MASQUE_PS → SIM_CONFIDENTIALITY_CONFLICT', async () => {
  const answer = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), visibility: ['INVISIBLE_PATIENT', 'MASQUE_PS'] }));
  assert.deepEqual(registryErrors(answer.text).map((e) => [e.errorCode, e.location]), [['SIM_CONFIDENTIALITY_CONFLICT', 'DocumentEntry.confidentialityCode']]);
});

test('stage 6: minor with a secret connection needs INVISIBLE_REPRESENTANTS_LEGAUX and the VIHF confidentiality-code', async () => {
  const ins = { matricule: '210087512345858', oid: FRCP_INS.oid };
  const cda = mutateCda(frcpExample(), { ins });
  const refused = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), cda }));
  assert.deepEqual(registryErrors(refused.text).map((e) => [e.errorCode, e.location]).sort(), [
    ['SIM_SECRET_CONNECTION', 'DocumentEntry.confidentialityCode'],
    ['SIM_SECRET_CONNECTION', 'VIHF/urn:oasis:names:tc:xspa:1.0:resource:patient:hl7:confidentiality-code'],
  ]);
  const accepted = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), cda, visibility: ['INVISIBLE_REPRESENTANTS_LEGAUX'], vihf: { secretConnection: true } }));
  assert.match(accepted.text, new RegExp(SUCCESS), accepted.text);
});

test('stage 6: a structure that is not an author (indirect) and a person who is not (direct) → SIM_NOT_AUTHOR', async () => {
  const structure = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), vihf: { structureId: '1330000001' } }));
  assert.deepEqual(registryErrors(structure.text).map((e) => [e.errorCode, e.location]), [['SIM_NOT_AUTHOR', 'VIHF/Identifiant_Structure']]);
  const person = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), vihf: { mode: 'DIRECTE', nameId: '810000000001' } }));
  assert.deepEqual(registryErrors(person.text).map((e) => [e.errorCode, e.location]), [['SIM_NOT_AUTHOR', 'VIHF/NameID']]);
  const legal = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), vihf: { mode: 'DIRECTE', nameId: '801234567897' } }));
  assert.match(legal.text, new RegExp(SUCCESS), 'the legal authenticator may submit in direct mode');
});

test('stage 6: signature entry missing, doubled, not signing the SubmissionSet, or with a wrong manifest digest → SIM_SIGNATURE_INVALID; SHA-1 accepted', async () => {
  const codes = async (signature: 'none' | 'two' | 'no-signs' | 'tampered'): Promise<string[][]> =>
    registryErrors((await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), signature }))).text).map((e) => [e.errorCode, e.location]);
  assert.deepEqual(await codes('none'), [['SIM_SIGNATURE_INVALID', 'SignatureEntry']]);
  assert.deepEqual((await codes('two')).filter((c) => c[0] === 'SIM_SIGNATURE_INVALID'), [['SIM_SIGNATURE_INVALID', 'SignatureEntry']]);
  assert.deepEqual(await codes('no-signs'), [['SIM_SIGNATURE_INVALID', 'Association(signs)']]);
  assert.deepEqual(await codes('tampered'), [['SIM_SIGNATURE_INVALID', "SignatureEntry.document/ds:Manifest/ds:Reference[@URI='urn:oid:1.2.250.1.213.1.1.1.8.2022.1.1']/ds:DigestValue"]]);
  const sha1 = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), signature: 'sha1' }));
  assert.match(sha1.text, new RegExp(SUCCESS), sha1.text);
});

test('stage 6: RPLC — v2 deprecates v1; replacing it again, an unknown target, incoherent CDA, missing RPLC, unchanged document', async () => {
  const v1 = iti41(sim.url, { signer: signer() });
  assert.match((await post(sim.url, 'repository', v1)).text, new RegExp(SUCCESS));
  const v2cda = mutateCda(frcpExample(), { id: '1.2.250.1.213.1.1.1.8.2022.1.2', version: 2, replaces: '1.2.250.1.213.1.1.1.8.2022.1.1', bodyText: 'v2' });

  const missing = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), cda: v2cda }));
  assert.deepEqual(registryErrors(missing.text).map((e) => [e.location, e.codeContext.split(':')[0]]), [["ClinicalDocument/relatedDocument[@typeCode='RPLC']", 'SIM_RPLC_MISSING']]);
  const unknown = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), cda: v2cda, replaces: 'urn:uuid:00000000-0000-4000-8000-000000000000' }));
  assert.deepEqual(registryErrors(unknown.text).map((e) => [e.errorCode, e.location]), [['UnresolvedReferenceException', 'Association(RPLC).targetObject']]);
  const badVersion = mutateCda(frcpExample(), { id: '1.2.250.1.213.1.1.1.8.2022.1.2', version: 3, replaces: '1.2.250.1.213.1.1.1.8.2022.1.1', bodyText: 'v2' });
  const incoherent = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), cda: badVersion, replaces: v1.entryUUID }));
  assert.deepEqual(registryErrors(incoherent.text).map((e) => [e.location, e.codeContext.split(':')[0]]), [['ClinicalDocument/versionNumber/@value', 'SIM_RPLC_INCOHERENT']]);
  const unchanged = mutateCda(frcpExample(), { id: '1.2.250.1.213.1.1.1.8.2022.1.2', version: 2, replaces: '1.2.250.1.213.1.1.1.8.2022.1.1' });
  const same = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), cda: unchanged, replaces: v1.entryUUID }));
  assert.deepEqual(registryErrors(same.text).map((e) => e.codeContext.split(':')[0]), ['SIM_UNCHANGED_DOCUMENT']);
  const notAuthor = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), cda: v2cda, replaces: v1.entryUUID, vihf: { mode: 'DIRECTE', nameId: '801234567897' } }));
  assert.match(notAuthor.text, new RegExp(SUCCESS), 'the legal authenticator of v1 may replace it');

  const stored = await entries();
  const first = stored.find((e) => e.entryUUID === v1.entryUUID)!;
  const second = stored.find((e) => e.uniqueId === '1.2.250.1.213.1.1.1.8.2022.1.2')!;
  assert.equal(first.status, 'Deprecated');
  assert.equal(second.status, 'Approved');
  assert.notEqual(second.logicalId, first.logicalId, 'a replacement is a new logical document');
  const v3cda = mutateCda(frcpExample(), { id: '1.2.250.1.213.1.1.1.8.2022.1.3', version: 2, replaces: '1.2.250.1.213.1.1.1.8.2022.1.1', bodyText: 'v3' });
  const deprecated = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), cda: v3cda, replaces: v1.entryUUID }));
  assert.deepEqual(registryErrors(deprecated.text).map((e) => [e.errorCode, e.location]), [['XDSRegistryDeprecatedDocumentError', 'Association(RPLC).targetObject']]);
});

test('ITI-41: a client VIHF without resource-id is refused naming the attribute', async () => {
  const answer = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), vihf: { resourceId: null } }));
  assert.deepEqual(faultOf(answer.text), { code: 'SIM_VIHF_ATTRIBUTE', location: 'VIHF/urn:oasis:names:tc:xacml:2.0:resource:resource-id' });
  void signedVihf;
});

test('ITI-41: ten concurrent re-sends of one document (same entryUUID) all succeed and store it once', async () => {
  const first = iti41(sim.url, { signer: signer() });
  const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => post(sim.url, 'repository', i === 0 ? first : iti41(sim.url, { signer: signer(), entryUUID: first.entryUUID }))));
  for (const answer of answers) assert.match(answer.text, new RegExp(SUCCESS), answer.text);
  const clinical = (await entries()).filter((e) => !e.isSignature);
  assert.equal(clinical.length, 1);
  assert.equal(clinical[0]!.entryUUID, first.entryUUID);
});

test('ITI-41: a new document that reuses the entryUUID of a stored entry → SIM_ENTRY_UUID_TAKEN', async () => {
  const first = iti41(sim.url, { signer: signer() });
  await post(sim.url, 'repository', first);
  const other = mutateCda(frcpExample(), { id: '1.2.250.1.999.8', setId: '1.2.250.1.999.9', bodyText: 'other' });
  const answer = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), cda: other, entryUUID: first.entryUUID }));
  assert.deepEqual(registryErrors(answer.text).map((e) => [e.errorCode, e.location, e.codeContext.split(':')[0]]), [['XDSRegistryMetadataError', 'DocumentEntry.entryUUID', 'SIM_ENTRY_UUID_TAKEN']]);
});

test('stage 5: a root^extension uniqueId is accepted, unless strictUniqueId (SIM_UNIQUEID_EXTENSION)', async () => {
  const cda = Buffer.from(Buffer.from(frcpExample()).toString('utf8').replace('<id root="1.2.250.1.213.1.1.1.8.2022.1.1"/>', '<id root="1.2.250.1.213.1.1.1.8.2022.1" extension="7"/>'));
  const edit = (v: { uniqueId: string }): void => { v.uniqueId = '1.2.250.1.213.1.1.1.8.2022.1^7'; };
  const lenient = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), cda, edit }));
  assert.match(lenient.text, new RegExp(SUCCESS), lenient.text);
  const strict = await startSimulatorTrusting(pki, { strictUniqueId: true });
  try {
    const refused = await post(strict.url, 'repository', iti41(strict.url, { signer: signer(), cda, edit }));
    assert.deepEqual(registryErrors(refused.text).map((e) => [e.location, e.codeContext.split(':')[0]]), [['DocumentEntry.uniqueId', 'SIM_UNIQUEID_EXTENSION']]);
  } finally {
    await strict.close();
  }
});
