import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DmpClient, type ActingParty } from './dmp-client.js';
import { DmpError } from '../soap/dmp-error.js';
import { NS } from '../soap/namespaces.js';
import { descendants, firstDescendant, textOf } from '../soap/xml.js';
import { testCerts } from '../security/test-pki.test.util.js';
import { startFakeDmp, soap, registrySuccess, type Answer, type RecordedRequest } from './fake-dmp.test.util.js';

const actor: ActingParty = {
  nameId: '801234567897',
  displayName: 'Dr Charles MULLER',
  roles: [{ code: '10', codingScheme: '1.2.250.1.71.1.2.7', displayName: 'Médecin' }],
  structureId: '1750100125',
  secteurActivite: 'SA01^1.2.250.1.71.4.2.4',
};
const ins = { matricule: '279035121518989', oid: '1.2.250.1.213.1.4.10' };
const lps = { name: 'dcc-kit', version: '0.1.0', instanceId: '1.2.250.1.999.1', homologationId: 'HOMOLOG-TEST' };

async function withFake(answer: (r: RecordedRequest) => Answer, run: (client: DmpClient, requests: RecordedRequest[]) => Promise<void>, extra: { timeoutMs?: number } = {}): Promise<void> {
  const pki = await testCerts();
  const fake = await startFakeDmp(pki.signing.cert, answer);
  const client = new DmpClient({ endpoint: fake.url, signing: { key: pki.signing.key, certificate: pki.signing.cert }, lps, now: () => new Date(), sourceId: '1.2.250.1.999', ...extra });
  try {
    await run(client, fake.requests);
  } finally {
    await client.close();
    await fake.close();
  }
}

const td02 = (inner: string, ack = 'AA', detail = ''): string =>
  soap(`<PRPA_IN201308UV02 xmlns="urn:hl7-org:v3"><acknowledgement><typeCode code="${ack}"/>${detail}</acknowledgement><controlActProcess>${inner}</controlActProcess></PRPA_IN201308UV02>`);

test('patientStatus (TD0.2): PRPA_IN201307UV02 to /patients with a signed VIHF naming the patient; the answer read', async () => {
  const active = td02(
    `<subject><registrationEvent><statusCode code="active"/><subject1><patient><id root="${ins.oid}" extension="${ins.matricule}"/><statusCode code="active"/></patient></subject1>` +
      `<subjectOf><observation><code code="AUTORISATION"/><value code="VALIDE"/></observation></subjectOf>` +
      `<subjectOf><observation><code code="MEDECIN_TRAITANT_DMP"/><value value="true"/></observation></subjectOf>` +
      `<subjectOf><observation><code code="RATTACHEMENT_MES"/><value value="false"/></observation></subjectOf></registrationEvent></subject>` +
      `<queryAck><queryResponseCode code="OK"/></queryAck>`,
  );
  await withFake(() => ({ body: active }), async (client, requests) => {
    const status = await client.patientStatus(ins, actor);
    assert.deepEqual(status, { dmp: 'active', authorisation: 'VALIDE', medecinTraitant: true, mesAttached: false, canFeed: true });
    const [r] = requests;
    assert.equal(r?.service, 'patients');
    assert.equal(r?.action, 'urn:hl7-org:v3:PRPA_IN201307UV02');
    assert.match(r?.contentType ?? '', /^application\/soap\+xml; charset=UTF-8; action="urn:hl7-org:v3:PRPA_IN201307UV02"/);
    assert.equal(r?.payload.localName, 'PRPA_IN201307UV02');
    const value = firstDescendant(r!.payload, NS.hl7, 'patientIdentifier');
    assert.equal(firstDescendant(value as Element, NS.hl7, 'value')?.getAttribute('extension'), ins.matricule);
    assert.equal(firstDescendant(r!.payload, NS.hl7, 'reasonCode')?.getAttribute('code'), 'TEST_EXST');
    assert.equal(r?.vihfValid, true);
    assert.deepEqual(r?.vihfAttributes.get('urn:oasis:names:tc:xacml:2.0:resource:resource-id'), ['279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH']);
  });
  const closed = td02(`<subject><registrationEvent><statusCode code="terminated"/><reasonCode code="FERMETURE_DEMANDE_PATIENT"/><subjectOf><observation><code code="AUTORISATION"/><value code="INTERDIT"/></observation></subjectOf></registrationEvent></subject><queryAck><queryResponseCode code="OK"/></queryAck>`);
  await withFake(() => ({ body: closed }), async (client) => {
    assert.deepEqual(await client.patientStatus(ins, actor), { dmp: 'closed', closureReason: 'FERMETURE_DEMANDE_PATIENT', authorisation: 'INTERDIT', medecinTraitant: false, mesAttached: false, canFeed: false });
  });
  await withFake(() => ({ body: td02('<queryAck><queryResponseCode code="NF"/></queryAck>') }), async (client) => {
    const none = await client.patientStatus(ins, actor);
    assert.equal(none.dmp, 'none');
    assert.equal(none.canFeed, false);
  });
  await withFake(() => ({ body: td02('', 'AE', '<acknowledgementDetail><code code="DMPClosed"/></acknowledgementDetail>') }), async (client) => {
    assert.equal((await client.patientStatus(ins, actor)).dmp, 'closed');
  });
});

test('findDocuments (ITI-18): FindDocuments stored query with the statuses asked; LeafClass read', async () => {
  const leaf = soap(
    `<query:AdhocQueryResponse xmlns:query="${NS.query}" xmlns:rim="${NS.rim}" status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success"><rim:RegistryObjectList>` +
      `<rim:ExtrinsicObject id="urn:uuid:11111111-1111-4111-8111-111111111111" lid="urn:uuid:22222222-2222-4222-8222-222222222222" mimeType="text/xml" status="urn:asip:ci-sis:2010:StatusType:Archived" objectType="urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1">` +
      `<rim:Slot name="creationTime"><rim:ValueList><rim:Value>20190218084914</rim:Value></rim:ValueList></rim:Slot><rim:Slot name="size"><rim:ValueList><rim:Value>1234</rim:Value></rim:ValueList></rim:Slot>` +
      `<rim:Name><rim:LocalizedString value="FRCP Sein"/></rim:Name><rim:VersionInfo versionName="2"/>` +
      `<rim:Classification classificationScheme="urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f" classifiedObject="x" nodeRepresentation="N"><rim:Slot name="codingScheme"><rim:ValueList><rim:Value>2.16.840.1.113883.5.25</rim:Value></rim:ValueList></rim:Slot><rim:Name><rim:LocalizedString value="Normal"/></rim:Name></rim:Classification>` +
      `<rim:Classification classificationScheme="urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f" classifiedObject="x" nodeRepresentation="MASQUE_PS"><rim:Slot name="codingScheme"><rim:ValueList><rim:Value>1.2.250.1.213.1.1.4.13</rim:Value></rim:ValueList></rim:Slot><rim:Name><rim:LocalizedString value="Masqué"/></rim:Name></rim:Classification>` +
      `<rim:ExternalIdentifier identificationScheme="urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427" value="279035121518989^^^&amp;1.2.250.1.213.1.4.10&amp;ISO^NH" registryObject="x"/>` +
      `<rim:ExternalIdentifier identificationScheme="urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab" value="1.2.250.1.213.1.1.1.8.2022.1.1" registryObject="x"/>` +
      `</rim:ExtrinsicObject></rim:RegistryObjectList></query:AdhocQueryResponse>`,
  );
  await withFake(() => ({ body: leaf }), async (client, requests) => {
    const docs = await client.findDocuments(ins, actor, { statuses: ['Approved', 'Archived'] });
    assert.deepEqual(docs, [
      {
        entryUUID: 'urn:uuid:11111111-1111-4111-8111-111111111111', logicalId: 'urn:uuid:22222222-2222-4222-8222-222222222222', version: '2', status: 'Archived',
        uniqueId: '1.2.250.1.213.1.1.1.8.2022.1.1', patientId: '279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH', mimeType: 'text/xml', title: 'FRCP Sein',
        confidentialityCodes: [{ code: 'N', codingScheme: '2.16.840.1.113883.5.25', displayName: 'Normal' }, { code: 'MASQUE_PS', codingScheme: '1.2.250.1.213.1.1.4.13', displayName: 'Masqué' }],
        creationTime: '20190218084914', size: 1234,
      },
    ]);
    const r = requests[0]!;
    assert.equal(r.service, 'registry');
    assert.equal(r.action, 'urn:ihe:iti:2007:RegistryStoredQuery');
    const slots = descendants(r.payload, NS.rim, 'Slot').map((s) => [s.getAttribute('name'), textOf(s)]);
    assert.deepEqual(slots, [
      ['$XDSDocumentEntryPatientId', "'279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH'"],
      ['$XDSDocumentEntryStatus', "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved','urn:asip:ci-sis:2010:StatusType:Archived')"],
    ]);
  });
});

test('client errors: 503 and dropped connection transient, SOAP Sender fault permanent, timeout transient', async () => {
  let mode = '503';
  const answer = (): Answer => {
    if (mode === '503') return { status: 503, contentType: 'text/plain', body: 'busy' };
    if (mode === 'drop') return 'drop';
    if (mode === 'slow') return { body: '' };
    return { status: 400, body: soap(`<env:Fault><env:Code><env:Value>env:Sender</env:Value></env:Code><env:Reason><env:Text xml:lang="fr">VIHF invalide SIM_VIHF_INVALID</env:Text></env:Reason></env:Fault>`) };
  };
  await withFake(answer, async (client) => {
    const codeOf = async (): Promise<DmpError> => {
      try {
        await client.findDocuments(ins, actor);
      } catch (e) {
        assert.ok(e instanceof DmpError);
        return e;
      }
      assert.fail('expected a DmpError');
    };
    let e = await codeOf();
    assert.deepEqual([e.code, e.transient], ['http-503', true]);
    mode = 'drop';
    e = await codeOf();
    assert.deepEqual([e.code, e.transient], ['connection', true]);
    mode = 'fault';
    e = await codeOf();
    assert.deepEqual([e.code, e.transient, e.messageEn], ['SIM_VIHF_INVALID', false, 'The identification token (VIHF) is invalid: signature, issuer or validity period.']);
  });
});

test('provideAndRegister (ITI-41): MTOM to /repository, the CDA byte-exact, the XAdES signature entry whose manifest digests the CDA, RPLC when replacing', async () => {
  const { ansExample, FRCP_EXAMPLE } = await import('../testing/fixtures.js');
  const { createHash } = await import('node:crypto');
  const cda = ansExample(FRCP_EXAMPLE);
  await withFake(() => ({ body: soap(registrySuccess) }), async (client, requests) => {
    const entryUUID = 'urn:uuid:aaaaaaaa-1111-4111-8111-111111111111';
    const result = await client.provideAndRegister({ cda, visibility: ['INVISIBLE_PATIENT'], entryUUID, submissionSetUniqueId: '2.25.42', sourceId: '1.2.250.1.999', replaces: { entryUUID: 'urn:uuid:bbbbbbbb-1111-4111-8111-111111111111' } }, actor);
    assert.equal(result.entryUUID, entryUUID);
    assert.equal(result.uniqueId, '1.2.250.1.213.1.1.1.8.2022.1.1');
    assert.equal(result.alreadyStored, false);
    const r = requests[0]!;
    assert.equal(r.service, 'repository');
    assert.equal(r.action, 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b');
    assert.match(r.contentType, /^multipart\/related; type="application\/xop\+xml"; boundary="[^"]+"; start="<[^>]+>"; start-info="application\/soap\+xml"/);
    assert.equal(r.vihfValid, true);
    assert.equal(r.payload.localName, 'ProvideAndRegisterDocumentSetRequest');
    assert.equal(r.documents.size, 2);
    assert.deepEqual(Buffer.from(r.documents.get(entryUUID)!), Buffer.from(cda));
    const signatureId = result.signatureEntryUUID!;
    const xades = new TextDecoder().decode(r.documents.get(signatureId));
    const digest = /<ds:Reference URI="urn:oid:1\.2\.250\.1\.213\.1\.1\.1\.8\.2022\.1\.1"><ds:DigestMethod Algorithm="[^"]+"\/><ds:DigestValue>([^<]+)</.exec(xades)?.[1];
    assert.equal(digest, createHash('sha256').update(cda).digest('base64'));
    const associations = descendants(r.payload, NS.rim, 'Association').map((a) => [a.getAttribute('associationType'), a.getAttribute('sourceObject'), a.getAttribute('targetObject')]);
    assert.ok(associations.some(([t, s, tg]) => t === 'urn:ihe:iti:2007:AssociationType:RPLC' && s === entryUUID && tg === 'urn:uuid:bbbbbbbb-1111-4111-8111-111111111111'));
    assert.ok(associations.some(([t, s]) => t === 'urn:ihe:iti:2007:AssociationType:signs' && s === signatureId));
    const eo = descendants(r.payload, NS.rim, 'ExtrinsicObject');
    assert.deepEqual(eo.map((e) => e.getAttribute('id')), [entryUUID, signatureId]);
  });
});

test('provideAndRegister: a re-send answered "submission set already stored" counts as accepted; a real refusal is thrown', async () => {
  const { ansExample, FRCP_EXAMPLE } = await import('../testing/fixtures.js');
  const cda = ansExample(FRCP_EXAMPLE);
  const failure = (code: string, location: string): string => soap(`<rs:RegistryResponse xmlns:rs="${NS.rs}" status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure"><rs:RegistryErrorList><rs:RegistryError errorCode="${code}" codeContext="already there" location="${location}" severity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error"/></rs:RegistryErrorList></rs:RegistryResponse>`);
  let body = failure('XDSDuplicateUniqueIdInRegistry', 'SubmissionSet.uniqueId');
  await withFake(() => ({ body }), async (client) => {
    const input = { cda, visibility: [], entryUUID: 'urn:uuid:aaaaaaaa-1111-4111-8111-111111111111', submissionSetUniqueId: '2.25.42', sourceId: '1.2.250.1.999' };
    assert.equal((await client.provideAndRegister(input, actor)).alreadyStored, true);
    body = failure('XDSNonIdenticalHash', 'DocumentEntry.hash');
    await assert.rejects(client.provideAndRegister(input, actor), (e: unknown) => e instanceof DmpError && e.code === 'XDSNonIdenticalHash' && e.location === 'DocumentEntry.hash' && !e.transient);
  });
});

test('updateVisibility and updateStatus (ITI-57) to /registry: same logicalId + PreviousVersion; UpdateAvailabilityStatus with the CI-SIS status URNs', async () => {
  const { ansExample, FRCP_EXAMPLE } = await import('../testing/fixtures.js');
  await withFake(() => ({ body: soap(registrySuccess) }), async (client, requests) => {
    await client.updateVisibility({ cda: ansExample(FRCP_EXAMPLE), logicalId: 'urn:uuid:cccccccc-1111-4111-8111-111111111111', previousVersion: 1, visibility: ['MASQUE_PS'], newEntryUUID: 'urn:uuid:dddddddd-1111-4111-8111-111111111111' }, actor);
    await client.updateStatus({ entryUUID: 'urn:uuid:cccccccc-1111-4111-8111-111111111111', from: 'Approved', to: 'Archived', patientId: '279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH' }, actor);
    const [vis, status] = requests;
    assert.equal(vis?.action, 'urn:ihe:iti:2010:UpdateDocumentSet');
    assert.equal(vis?.service, 'registry');
    const eo = firstDescendant(vis!.payload, NS.rim, 'ExtrinsicObject');
    assert.equal(eo?.getAttribute('id'), 'urn:uuid:dddddddd-1111-4111-8111-111111111111');
    assert.equal(eo?.getAttribute('lid'), 'urn:uuid:cccccccc-1111-4111-8111-111111111111');
    assert.ok(descendants(eo as Element, NS.rim, 'Classification').some((c) => c.getAttribute('nodeRepresentation') === 'MASQUE_PS'));
    assert.match(vis!.payload.toString(), /name="PreviousVersion"><rim:ValueList><rim:Value>1</);
    assert.equal(status?.action, 'urn:ihe:iti:2010:UpdateDocumentSet');
    const assoc = firstDescendant(status!.payload, NS.rim, 'Association');
    assert.equal(assoc?.getAttribute('associationType'), 'urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus');
    assert.match(status!.payload.toString(), /urn:asip:ci-sis:2010:StatusType:Archived/);
    assert.match(status!.payload.toString(), /urn:oasis:names:tc:ebxml-regrep:StatusType:Approved/);
  });
});
