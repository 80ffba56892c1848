// ITI-57 (visibility and status), ITI-18 (queries, status filters, MASQUE_PS) and ITI-43 over real HTTP.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestPki } from './pki/index.js';
import type { DmpSimulator } from './simulator.js';
import { startTrustingSimulator, signerOf, resetState } from './testing/simulator-fixture.test-util.js';
import { QUERIES } from './iti18.js';
import {
  FRCP_INS, cx, faultOf, iti18, iti41, iti43, iti57Status, iti57Visibility, post, registryErrors, type Signer,
} from './testing/request-builder.test-util.js';

let pki: TestPki;
let sim: DmpSimulator;
before(async () => ({ pki, sim } = await startTrustingSimulator()));
after(async () => sim.close());
beforeEach(async () => resetState(sim));

const signer = (): Signer => signerOf(pki);
const SUCCESS = /ResponseStatusType:Success/;

interface StoredEntry { entryUUID: string; logicalId: string; version: number; status: string; visibility: string[]; isSignature: boolean; uniqueId: string }
async function clinicalEntries(): Promise<StoredEntry[]> {
  const all = (await (await fetch(`${sim.adminUrl}/entries?patientId=${encodeURIComponent(cx(FRCP_INS))}`)).json()) as StoredEntry[];
  return all.filter((e) => !e.isSignature);
}
async function submit(visibility: string[] = []): Promise<StoredEntry> {
  const answer = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), visibility }));
  assert.match(answer.text, SUCCESS, answer.text);
  return (await clinicalEntries()).find((e) => e.status === 'Approved')!;
}
const codes = (text: string): string[][] => registryErrors(text).map((e) => [e.errorCode, e.location]);

test('ITI-57: mask then unmask to professionals — a new metadata version of the same logicalId each time', async () => {
  const v1 = await submit();
  const masked = await post(sim.url, 'registry', iti57Visibility(sim.url, { signer: signer(), logicalId: v1.logicalId, previousVersion: 1, visibility: ['MASQUE_PS'] }));
  assert.match(masked.text, SUCCESS, masked.text);
  let current = (await clinicalEntries()).filter((e) => e.status === 'Approved');
  assert.equal(current.length, 1);
  assert.equal(current[0]!.logicalId, v1.logicalId);
  assert.equal(current[0]!.version, 2);
  assert.deepEqual(current[0]!.visibility, ['MASQUE_PS']);
  assert.notEqual(current[0]!.entryUUID, v1.entryUUID);
  const unmasked = await post(sim.url, 'registry', iti57Visibility(sim.url, { signer: signer(), logicalId: v1.logicalId, previousVersion: 2, visibility: [] }));
  assert.match(unmasked.text, SUCCESS, unmasked.text);
  current = (await clinicalEntries()).filter((e) => e.status === 'Approved');
  assert.deepEqual([current[0]!.version, current[0]!.visibility], [3, []]);
});

test('ITI-57: a wrong PreviousVersion → XDSMetadataVersionError; an unknown logicalId → XDSMetadataUpdateError', async () => {
  const v1 = await submit();
  const stale = await post(sim.url, 'registry', iti57Visibility(sim.url, { signer: signer(), logicalId: v1.logicalId, previousVersion: 7, visibility: ['MASQUE_PS'] }));
  assert.deepEqual(codes(stale.text), [['XDSMetadataVersionError', 'Association(HasMember DocumentEntry).PreviousVersion']]);
  const unknown = await post(sim.url, 'registry', iti57Visibility(sim.url, { signer: signer(), logicalId: 'urn:uuid:00000000-0000-4000-8000-000000000001', previousVersion: 1, visibility: [] }));
  assert.deepEqual(codes(unknown.text), [['XDSMetadataUpdateError', 'DocumentEntry.logicalId']]);
});

test('ITI-57: INVISIBLE_PATIENT can be lifted once and never set again (irreversible)', async () => {
  const v1 = await submit(['INVISIBLE_PATIENT']);
  const lifted = await post(sim.url, 'registry', iti57Visibility(sim.url, { signer: signer(), logicalId: v1.logicalId, previousVersion: 1, visibility: [] }));
  assert.match(lifted.text, SUCCESS, lifted.text);
  const again = await post(sim.url, 'registry', iti57Visibility(sim.url, { signer: signer(), logicalId: v1.logicalId, previousVersion: 2, visibility: ['INVISIBLE_PATIENT'] }));
  assert.deepEqual(codes(again.text), [['SIM_VISIBILITY_IRREVERSIBLE', 'DocumentEntry.confidentialityCode']]);
  const legalReps = await post(sim.url, 'registry', iti57Visibility(sim.url, { signer: signer(), logicalId: v1.logicalId, previousVersion: 2, visibility: ['INVISIBLE_REPRESENTANTS_LEGAUX'] }));
  assert.deepEqual(codes(legalReps.text), [['SIM_VISIBILITY_IRREVERSIBLE', 'DocumentEntry.confidentialityCode']]);
});

test('ITI-57: only an author may change the visibility', async () => {
  const v1 = await submit();
  const other = await post(sim.url, 'registry', iti57Visibility(sim.url, { signer: signer(), logicalId: v1.logicalId, previousVersion: 1, visibility: ['MASQUE_PS'], vihf: { structureId: '1330000001' } }));
  assert.deepEqual(codes(other.text), [['SIM_NOT_AUTHOR', 'VIHF/Identifiant_Structure']]);
});

test('ITI-57: Approved → Archived → Approved → Deleted; Deleted is terminal; a wrong OriginalStatus is refused', async () => {
  const v1 = await submit();
  const step = async (from: 'Approved' | 'Archived' | 'Deleted', to: 'Approved' | 'Archived' | 'Deleted'): Promise<string> =>
    (await post(sim.url, 'registry', iti57Status(sim.url, { signer: signer(), entryUUID: v1.entryUUID, from, to }))).text;
  assert.match(await step('Approved', 'Archived'), SUCCESS);
  assert.equal((await clinicalEntries())[0]!.status, 'Archived');
  assert.deepEqual(codes(await step('Approved', 'Deleted')), [['XDSMetadataUpdateError', 'Association(UpdateAvailabilityStatus).OriginalStatus']]);
  assert.match(await step('Archived', 'Approved'), SUCCESS);
  assert.match(await step('Approved', 'Deleted'), SUCCESS);
  assert.equal((await clinicalEntries())[0]!.status, 'Deleted');
  assert.deepEqual(codes(await step('Deleted', 'Approved')), [['XDSMetadataUpdateError', 'Association(UpdateAvailabilityStatus).NewStatus']]);
});

test('ITI-57: deletion by a structure that is not an author → SIM_NOT_AUTHOR', async () => {
  const v1 = await submit();
  const answer = await post(sim.url, 'registry', iti57Status(sim.url, { signer: signer(), entryUUID: v1.entryUUID, from: 'Approved', to: 'Deleted', vihf: { structureId: '1330000001' } }));
  assert.deepEqual(codes(answer.text), [['SIM_NOT_AUTHOR', 'VIHF/Identifiant_Structure']]);
});

test('ITI-18: INDIRECTE authentication may not consult → SIM_ACCESS_MODE_FORBIDDEN (ITI-18 and ITI-43)', async () => {
  const find = await post(sim.url, 'registry', iti18(sim.url, { signer: signer(), queryId: QUERIES.findDocuments, params: { $XDSDocumentEntryPatientId: `'${cx(FRCP_INS)}'` }, vihf: { mode: 'INDIRECTE' } }));
  assert.deepEqual(faultOf(find.text), { code: 'SIM_ACCESS_MODE_FORBIDDEN', location: 'VIHF/Authentification_Mode' });
  const get = await post(sim.url, 'repository', iti43(sim.url, { signer: signer(), uniqueId: '1.2.3', vihf: { mode: 'INDIRECTE' } }));
  assert.equal(faultOf(get.text)?.code, 'SIM_ACCESS_MODE_FORBIDDEN');
});

test('ITI-18: FindDocuments returns Approved by default, Archived only when asked; GetDocuments by uniqueId; unknown query refused', async () => {
  const v1 = await submit();
  const find = async (status?: string, returnType: 'LeafClass' | 'ObjectRef' = 'ObjectRef'): Promise<string> =>
    (await post(sim.url, 'registry', iti18(sim.url, { signer: signer(), queryId: QUERIES.findDocuments, returnType, params: { $XDSDocumentEntryPatientId: `'${cx(FRCP_INS)}'`, ...(status ? { $XDSDocumentEntryStatus: status } : {}) } }))).text;
  const approved = await find();
  assert.match(approved, SUCCESS);
  assert.ok(approved.includes(`<rim:ObjectRef id="${v1.entryUUID}"/>`));
  const leaf = await find(undefined, 'LeafClass');
  assert.match(leaf, new RegExp(`<rim:ExtrinsicObject [^>]*id="${v1.entryUUID}"`));
  assert.match(leaf, /status="urn:oasis:names:tc:ebxml-regrep:StatusType:Approved"/);
  await post(sim.url, 'registry', iti57Status(sim.url, { signer: signer(), entryUUID: v1.entryUUID, from: 'Approved', to: 'Archived' }));
  assert.ok(!(await find()).includes(v1.entryUUID), 'archived entries are not found by default');
  assert.ok((await find("('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved','urn:asip:ci-sis:2010:StatusType:Archived')")).includes(v1.entryUUID));
  const byUniqueId = await post(sim.url, 'registry', iti18(sim.url, { signer: signer(), queryId: QUERIES.getDocuments, params: { $XDSDocumentEntryUniqueId: "('1.2.250.1.213.1.1.1.8.2022.1.1')" } }));
  assert.ok(byUniqueId.text.includes(v1.entryUUID));
  const unknown = await post(sim.url, 'registry', iti18(sim.url, { signer: signer(), queryId: 'urn:uuid:00000000-0000-0000-0000-000000000000', params: {} }));
  assert.deepEqual(codes(unknown.text), [['XDSStoredQueryParamNumber', 'rim:AdhocQuery/@id']]);
  const sets = await post(sim.url, 'registry', iti18(sim.url, { signer: signer(), queryId: QUERIES.findSubmissionSets, params: { $XDSSubmissionSetPatientId: `'${cx(FRCP_INS)}'` } }));
  assert.match(sets.text, /<rim:RegistryPackage /);
  const assoc = await post(sim.url, 'registry', iti18(sim.url, { signer: signer(), queryId: QUERIES.getAssociations, params: { $uuid: `('${v1.entryUUID}')` } }));
  assert.match(assoc.text, /associationType="urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember"/);
});

test('ITI-18: a MASQUE_PS document is hidden from a professional who is not its author, shown to its author', async () => {
  const v1 = await submit(['MASQUE_PS']);
  const asPerson = async (nameId: string, structureId = '1750100125'): Promise<string> =>
    (await post(sim.url, 'registry', iti18(sim.url, { signer: signer(), queryId: QUERIES.findDocuments, params: { $XDSDocumentEntryPatientId: `'${cx(FRCP_INS)}'` }, vihf: { nameId, structureId } }))).text;
  assert.ok((await asPerson('801234567897')).includes(v1.entryUUID), 'the legal authenticator sees it');
  assert.ok(!(await asPerson('810000000001', '1330000001')).includes(v1.entryUUID), 'another professional does not');
});

test('ITI-43: retrieves the stored bytes as MTOM; unknown uniqueId → XDSDocumentUniqueIdError', async () => {
  await submit();
  const answer = await post(sim.url, 'repository', iti43(sim.url, { signer: signer(), uniqueId: '1.2.250.1.213.1.1.1.8.2022.1.1' }));
  assert.match(answer.contentType, /^multipart\/related/);
  assert.match(answer.text, SUCCESS);
  assert.ok(answer.text.includes('<title>FRCP ONCO PAYS DE LA LOIRE / 3C CHU Angers / Sein</title>'));
  const unknown = await post(sim.url, 'repository', iti43(sim.url, { signer: signer(), uniqueId: '1.2.3.4' }));
  assert.deepEqual(codes(unknown.text), [['XDSDocumentUniqueIdError', 'DocumentRequest/DocumentUniqueId']]);
});

test('ITI-18 on a closed DMP answers an AdhocQueryResponse Failure naming SIM_DMP_CLOSED', async () => {
  await fetch(`${sim.adminUrl}/patients/${FRCP_INS.matricule}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dmpStatus: 'CLOSED' }) });
  const answer = await post(sim.url, 'registry', iti18(sim.url, { signer: signer(), queryId: QUERIES.findDocuments, params: { $XDSDocumentEntryPatientId: `'${cx(FRCP_INS)}'` } }));
  assert.match(answer.text, /<query:AdhocQueryResponse [^>]*status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure"/);
  assert.deepEqual(codes(answer.text), [['SIM_DMP_CLOSED', 'patientId']]);
});

test('ITI-57: a metadata update that no longer says what the stored CDA says → SIM_CDA_INCOHERENT', async () => {
  const v1 = await submit();
  const answer = await post(sim.url, 'registry', iti57Visibility(sim.url, { signer: signer(), logicalId: v1.logicalId, previousVersion: 1, visibility: ['MASQUE_PS'], edit: (v) => { v.title = 'Autre titre'; } }));
  assert.deepEqual(registryErrors(answer.text).map((e) => [e.location, e.codeContext.split(':')[0]]), [['DocumentEntry.title', 'SIM_CDA_INCOHERENT']]);
});

test('ITI-18: FindDocuments filters on classCode, typeCode and the creation time range', async () => {
  const v1 = await submit();
  const find = async (params: Record<string, string>): Promise<boolean> =>
    (await post(sim.url, 'registry', iti18(sim.url, { signer: signer(), queryId: QUERIES.findDocuments, returnType: 'ObjectRef', params: { $XDSDocumentEntryPatientId: `'${cx(FRCP_INS)}'`, ...params } }))).text.includes(v1.entryUUID);
  assert.equal(await find({ $XDSDocumentEntryClassCode: "('10^^1.2.250.1.213.1.1.4.1')" }), true);
  assert.equal(await find({ $XDSDocumentEntryClassCode: "('44^^1.2.250.1.213.1.1.4.1')" }), false);
  assert.equal(await find({ $XDSDocumentEntryTypeCode: "('34794-8^^2.16.840.1.113883.6.1')" }), true);
  assert.equal(await find({ $XDSDocumentEntryCreationTimeFrom: '20190218', $XDSDocumentEntryCreationTimeTo: '20190219' }), true);
  assert.equal(await find({ $XDSDocumentEntryCreationTimeFrom: '20190219' }), false);
});

test('ITI-57 in a minor’s secret connection: an entry hidden from the legal representatives changes only under a VIHF asserting it', async () => {
  const patched = await fetch(`${sim.adminUrl}/patients/${FRCP_INS.matricule}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ minorSecretConnection: true }) });
  assert.ok(patched.ok, `the patient is a minor in secret connection (HTTP ${patched.status})`);
  const secret = { secretConnection: true };
  const deposited = await post(sim.url, 'repository', iti41(sim.url, { signer: signer(), visibility: ['INVISIBLE_REPRESENTANTS_LEGAUX'], vihf: secret }));
  assert.match(deposited.text, SUCCESS, deposited.text);
  const v1 = (await clinicalEntries()).find((e) => e.status === 'Approved')!;
  const SECRET_VIHF = 'VIHF/urn:oasis:names:tc:xspa:1.0:resource:patient:hl7:confidentiality-code';
  const mask = (previousVersion: number, vihf = {}) =>
    post(sim.url, 'registry', iti57Visibility(sim.url, { signer: signer(), logicalId: v1.logicalId, previousVersion, visibility: ['INVISIBLE_REPRESENTANTS_LEGAUX', 'MASQUE_PS'], vihf }));
  const status = async (from: 'Approved' | 'Archived', to: 'Approved' | 'Archived' | 'Deleted', vihf = {}) => {
    const current = (await clinicalEntries()).find((e) => e.status === 'Approved' || e.status === 'Archived')!;
    return post(sim.url, 'registry', iti57Status(sim.url, { signer: signer(), entryUUID: current.entryUUID, from, to, vihf }));
  };
  // outside the secret connection: refused, nothing changed
  assert.deepEqual(codes((await mask(1)).text), [['SIM_SECRET_CONNECTION', SECRET_VIHF]]);
  assert.deepEqual(codes((await status('Approved', 'Archived')).text), [['SIM_SECRET_CONNECTION', SECRET_VIHF]]);
  assert.deepEqual(codes((await status('Approved', 'Deleted')).text), [['SIM_SECRET_CONNECTION', SECRET_VIHF]]);
  assert.deepEqual((await clinicalEntries()).map((e) => [e.version, e.status]), [[1, 'Approved']]);
  // in the secret connection: done
  assert.match((await mask(1, secret)).text, SUCCESS);
  assert.match((await status('Approved', 'Archived', secret)).text, SUCCESS);
  assert.match((await status('Archived', 'Approved', secret)).text, SUCCESS);
  // the minor lets her legal representatives see it (in secret connection); from then on the entry is theirs to see, so no secret connection is asked
  const lifted = await post(sim.url, 'registry', iti57Visibility(sim.url, { signer: signer(), logicalId: v1.logicalId, previousVersion: 2, visibility: ['MASQUE_PS'], vihf: secret }));
  assert.match(lifted.text, SUCCESS, lifted.text);
  assert.match((await status('Approved', 'Archived')).text, SUCCESS);
});
