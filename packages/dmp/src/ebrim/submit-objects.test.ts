import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { SaxesParser } from 'saxes';
import { ansExample, FRCP_EXAMPLE } from '../testing/fixtures.js';
import { documentEntryFromCda, signatureEntryFor, submissionSetFor } from '../metadata/index.js';
import { submitObjectsRequestXml, XDS, type SubmissionContent } from './index.js';

interface Node {
  uri: string;
  name: string;
  attributes: Record<string, string>;
  children: Node[];
  text: string;
}

// Reads the XML back with a namespace-aware parser (what a registry does first).
function parse(xml: string): Node {
  const parser = new SaxesParser({ xmlns: true });
  const stack: Node[] = [];
  let root: Node | undefined;
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) if (a.prefix !== 'xmlns' && a.name !== 'xmlns') attributes[a.local] = a.value;
    const node: Node = { uri: tag.uri, name: tag.local, attributes, children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1]!.children.push(node);
    else root = node;
    stack.push(node);
  });
  parser.on('text', (t) => {
    if (stack.length > 0) stack[stack.length - 1]!.text += t;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  return root!;
}

const RIM = XDS.namespaces.rim;
const kids = (node: Node | undefined, name: string): Node[] => (node?.children ?? []).filter((c) => c.uri === RIM && c.name === name);
const slotValues = (node: Node, name: string): string[] | undefined => {
  const slot = kids(node, 'Slot').find((s) => s.attributes.name === name);
  return slot ? kids(kids(slot, 'ValueList')[0], 'Value').map((v) => v.text) : undefined;
};
const nameOf = (node: Node): string | undefined => kids(kids(node, 'Name')[0], 'LocalizedString')[0]?.attributes.value;

const bytes = ansExample(FRCP_EXAMPLE);
const { entry } = documentEntryFromCda(bytes, { visibility: ['INVISIBLE_PATIENT'], comments: 'Résultats <à annoncer> & "discuter"' });
const signatureBytes = new TextEncoder().encode('<ds:Signature/>');
const signature = signatureEntryFor(entry, { uniqueId: '1.2.250.1.999.1.2', hash: createHash('sha1').update(signatureBytes).digest('hex'), size: signatureBytes.byteLength, creationTime: '20261206040000' });
const set = submissionSetFor(entry, { uniqueId: '1.2.250.1.999.1.1', sourceId: '1.2.250.1.999', submissionTime: new Date('2026-12-06T04:00:00Z') });
const DOC = 'urn:uuid:0b0e4c3e-2f1c-4a77-9a43-0d7a1f6c2b11';
const SIG = 'urn:uuid:5d0b7f4e-8a1b-4c2d-9e3f-6a7b8c9d0e1f';
const SS = 'urn:uuid:9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const OLD = 'urn:uuid:11111111-2222-4333-8444-555555555555';
const content: SubmissionContent = {
  submissionSet: { id: SS, metadata: set },
  documents: [
    { id: DOC, entry },
    { id: SIG, entry: signature },
  ],
  replacements: [{ documentId: DOC, targetEntryUUID: OLD }],
  signature: { documentId: SIG },
};

test('ITI-41: namespaces, every §1.9 scheme, slots, names and identifiers read back', () => {
  const xml = submitObjectsRequestXml(content);
  assert.match(xml, /^<lcm:SubmitObjectsRequest xmlns:lcm="urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3\.0" xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3\.0">/);
  const root = parse(xml);
  assert.deepEqual([root.uri, root.name], [XDS.namespaces.lcm, 'SubmitObjectsRequest']);
  const list = kids(root, 'RegistryObjectList')[0]!;
  const [doc, sig] = kids(list, 'ExtrinsicObject');
  assert.ok(doc && sig);
  assert.deepEqual([doc.attributes.id, doc.attributes.mimeType, doc.attributes.objectType], [DOC, 'text/xml', XDS.objectType.documentEntry]);
  // ebRIM order: Slot*, Name, Description, Classification*, ExternalIdentifier*.
  const order = doc.children.map((c) => c.name).filter((n, i, all) => n !== all[i - 1]);
  assert.deepEqual(order, ['Slot', 'Name', 'Description', 'Classification', 'ExternalIdentifier']);
  assert.deepEqual(slotValues(doc, 'creationTime'), ['20190218084914']);
  assert.deepEqual(slotValues(doc, 'serviceStartTime'), ['20190218144500']);
  assert.equal(slotValues(doc, 'serviceStopTime'), undefined);
  assert.deepEqual(slotValues(doc, 'languageCode'), ['fr-FR']);
  assert.deepEqual(slotValues(doc, 'sourcePatientId'), ['1234567890121^^^&1.2.3.4.567.8.9.10&ISO^PI']);
  assert.deepEqual(slotValues(doc, 'sourcePatientInfo'), entry.sourcePatientInfo);
  assert.deepEqual(slotValues(doc, 'legalAuthenticator'), ['801234567897^MULLER^Charles^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS']);
  // Hash and size of the exact bytes.
  assert.deepEqual(slotValues(doc, 'hash'), [createHash('sha1').update(bytes).digest('hex')]);
  assert.deepEqual(slotValues(doc, 'size'), [String(bytes.byteLength)]);
  assert.equal(nameOf(doc), 'FRCP ONCO PAYS DE LA LOIRE / 3C CHU Angers / Sein');
  assert.equal(kids(kids(doc, 'Description')[0], 'LocalizedString')[0]?.attributes.value, 'Résultats <à annoncer> & "discuter"');

  const classifications = kids(doc, 'Classification');
  const byScheme = (scheme: string): Node[] => classifications.filter((c) => c.attributes.classificationScheme === scheme);
  for (const [attribute, scheme] of Object.entries(XDS.documentEntry)) {
    if (attribute === 'patientId' || attribute === 'uniqueId') continue;
    assert.ok(byScheme(scheme).length >= 1, `${attribute} classification ${scheme}`);
  }
  for (const c of classifications) {
    assert.equal(c.attributes.classifiedObject, DOC);
    assert.match(c.attributes.id ?? '', /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  }
  const coded = (scheme: string): Array<[string | undefined, string[] | undefined, string | undefined]> =>
    byScheme(scheme).map((c) => [c.attributes.nodeRepresentation, slotValues(c, 'codingScheme'), nameOf(c)]);
  assert.deepEqual(coded(XDS.documentEntry.classCode), [['10', ['1.2.250.1.213.1.1.4.1'], 'Compte rendu']]);
  assert.deepEqual(coded(XDS.documentEntry.typeCode), [['34794-8', ['2.16.840.1.113883.6.1'], 'CR de réunion de concertation pluridisciplinaire']]);
  assert.deepEqual(coded(XDS.documentEntry.formatCode).map((c) => c[0]), ['urn:asip:ci-sis:frcp:2011']);
  assert.deepEqual(coded(XDS.documentEntry.confidentialityCode).map((c) => [c[0], c[1]?.[0]]), [['N', '2.16.840.1.113883.5.25'], ['INVISIBLE_PATIENT', '1.2.250.1.213.1.1.4.13']]);
  assert.deepEqual(coded(XDS.documentEntry.eventCodeList).map((c) => c[0]), ['39', 'C50.2']);
  assert.deepEqual(coded(XDS.documentEntry.healthcareFacilityTypeCode).map((c) => c[0]), ['SA01']);
  assert.deepEqual(coded(XDS.documentEntry.practiceSettingCode).map((c) => c[0]), ['ETABLISSEMENT']);
  const author = byScheme(XDS.documentEntry.author)[0]!;
  assert.equal(author.attributes.nodeRepresentation, '');
  assert.deepEqual(slotValues(author, 'authorInstitution'), ["Centre Hospitalier d'Angers^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^1750100125"]);
  assert.deepEqual(slotValues(author, 'authorSpecialty'), ['G15_10/SM36^Médecin - Oncologie, opt médicale (SM)^1.2.250.1.213.1.1.4.5']);
  assert.equal(slotValues(author, 'authorPerson')?.length, 1);

  const identifiers = kids(doc, 'ExternalIdentifier').map((e) => [e.attributes.identificationScheme, e.attributes.value, e.attributes.registryObject, nameOf(e)]);
  assert.deepEqual(identifiers, [
    [XDS.documentEntry.patientId, '279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH', DOC, 'XDSDocumentEntry.patientId'],
    [XDS.documentEntry.uniqueId, '1.2.250.1.213.1.1.1.8.2022.1.1', DOC, 'XDSDocumentEntry.uniqueId'],
  ]);

  // The signature entry.
  assert.deepEqual(kids(sig, 'Classification').filter((c) => c.attributes.classificationScheme === XDS.documentEntry.classCode).map((c) => [c.attributes.nodeRepresentation, slotValues(c, 'codingScheme')?.[0]]), [
    ['urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1', 'URN'],
  ]);
  assert.deepEqual(slotValues(sig, 'hash'), [createHash('sha1').update(signatureBytes).digest('hex')]);

  // The SubmissionSet.
  const [pkg] = kids(list, 'RegistryPackage');
  assert.ok(pkg);
  assert.equal(pkg.attributes.id, SS);
  assert.deepEqual(slotValues(pkg, 'submissionTime'), ['20261206040000']);
  const ssSchemes = kids(pkg, 'Classification').map((c) => c.attributes.classificationScheme);
  assert.deepEqual(ssSchemes, [XDS.submissionSet.author, XDS.submissionSet.contentTypeCode]);
  assert.deepEqual(kids(pkg, 'Classification')[1]?.attributes.nodeRepresentation, '07');
  assert.deepEqual(kids(pkg, 'ExternalIdentifier').map((e) => [e.attributes.identificationScheme, e.attributes.value, nameOf(e)]), [
    [XDS.submissionSet.uniqueId, '1.2.250.1.999.1.1', 'XDSSubmissionSet.uniqueId'],
    [XDS.submissionSet.sourceId, '1.2.250.1.999', 'XDSSubmissionSet.sourceId'],
    [XDS.submissionSet.patientId, entry.patientId, 'XDSSubmissionSet.patientId'],
  ]);
  const node = kids(list, 'Classification')[0]!;
  assert.deepEqual([node.attributes.classifiedObject, node.attributes.classificationNode], [SS, XDS.submissionSet.node]);

  // Associations: HasMember ×2 (Original), RPLC to the old entryUUID, signs from the signature to the SS.
  const associations = kids(list, 'Association').map((a) => [a.attributes.associationType, a.attributes.sourceObject, a.attributes.targetObject, slotValues(a, 'SubmissionSetStatus')?.[0]]);
  assert.deepEqual(associations, [
    [XDS.associationType.hasMember, SS, DOC, 'Original'],
    [XDS.associationType.hasMember, SS, SIG, 'Original'],
    ['urn:ihe:iti:2007:AssociationType:RPLC', DOC, OLD, undefined],
    ['urn:ihe:iti:2007:AssociationType:signs', SIG, SS, undefined],
  ]);
  // Deterministic: the same content gives the same bytes (a retry re-sends the same request).
  assert.equal(submitObjectsRequestXml(content), xml);
});

test('XML special characters are escaped in attributes and text', () => {
  const tricky = { ...entry, title: `Fiche <RCP> "sein" & l'os`, sourcePatientInfo: ['PID-5|D<A>&B^X^^^^^L'] };
  const xml = submitObjectsRequestXml({ submissionSet: { id: SS, metadata: set }, documents: [{ id: DOC, entry: tricky }] });
  const doc = kids(kids(parse(xml), 'RegistryObjectList')[0], 'ExtrinsicObject')[0]!;
  assert.equal(nameOf(doc), `Fiche <RCP> "sein" & l'os`);
  assert.deepEqual(slotValues(doc, 'sourcePatientInfo'), ['PID-5|D<A>&B^X^^^^^L']);
  assert.doesNotMatch(xml, /<RCP>/);
});

test('ITI-57 metadata update: lid, HasMember with PreviousVersion', () => {
  const xml = submitObjectsRequestXml({
    submissionSet: { id: SS, metadata: set },
    documents: [{ id: DOC, entry: { ...entry, confidentialityCodes: entry.confidentialityCodes.slice(0, 1) } }],
    metadataUpdate: { logicalId: OLD, previousVersion: 1 },
  });
  const list = kids(parse(xml), 'RegistryObjectList')[0]!;
  const doc = kids(list, 'ExtrinsicObject')[0]!;
  assert.deepEqual([doc.attributes.id, doc.attributes.lid], [DOC, OLD]);
  const member = kids(list, 'Association')[0]!;
  assert.deepEqual([slotValues(member, 'SubmissionSetStatus'), slotValues(member, 'PreviousVersion')], [['Original'], ['1']]);
});

test('ITI-57 UpdateAvailabilityStatus: SS → entry with OriginalStatus / NewStatus, no document', () => {
  const xml = submitObjectsRequestXml({
    submissionSet: { id: SS, metadata: set },
    documents: [],
    statusUpdates: [{ entryUUID: OLD, from: XDS.status.approved, to: XDS.status.archived }],
  });
  const list = kids(parse(xml), 'RegistryObjectList')[0]!;
  assert.equal(kids(list, 'ExtrinsicObject').length, 0);
  const [update] = kids(list, 'Association');
  assert.ok(update);
  assert.deepEqual([update.attributes.associationType, update.attributes.sourceObject, update.attributes.targetObject], [XDS.associationType.updateAvailabilityStatus, SS, OLD]);
  assert.deepEqual(slotValues(update, 'OriginalStatus'), ['urn:oasis:names:tc:ebxml-regrep:StatusType:Approved']);
  assert.deepEqual(slotValues(update, 'NewStatus'), ['urn:asip:ci-sis:2010:StatusType:Archived']);
  assert.equal(XDS.status.deleted, 'urn:asip:ci-sis:2010:StatusType:Deleted');
});

test('XDM METADATA.XML: declaration, URI slot, intended recipients', () => {
  const xdmSet = submissionSetFor(entry, { uniqueId: '1.2.250.1.999.1.3', sourceId: '1.2.250.1.999', submissionTime: new Date(0), intendedRecipients: ['|^^^^^^^^^^^^^^NET^Internet^279035121518989@patient.mssante.fr'] });
  const xml = submitObjectsRequestXml({ submissionSet: { id: SS, metadata: xdmSet }, documents: [{ id: DOC, entry, uri: 'DOC0001.XML' }] }, { declaration: true });
  assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<lcm:SubmitObjectsRequest /);
  const list = kids(parse(xml), 'RegistryObjectList')[0]!;
  assert.deepEqual(slotValues(kids(list, 'ExtrinsicObject')[0]!, 'URI'), ['DOC0001.XML']);
  assert.deepEqual(slotValues(kids(list, 'RegistryPackage')[0]!, 'intendedRecipient'), xdmSet.intendedRecipients);
});

test('refused: unknown ids, empty submission, values longer than ebRIM allows', () => {
  assert.throws(() => submitObjectsRequestXml({ ...content, signature: { documentId: 'urn:uuid:nope' } }), /signature\.documentId/);
  assert.throws(() => submitObjectsRequestXml({ ...content, replacements: [{ documentId: 'x', targetEntryUUID: OLD }] }), /replacements/);
  assert.throws(() => submitObjectsRequestXml({ submissionSet: { id: SS, metadata: set }, documents: [] }), /nothing to submit/);
  assert.throws(() => submitObjectsRequestXml({ submissionSet: { id: SS, metadata: set }, documents: [{ id: DOC, entry: { ...entry, legalAuthenticator: 'x'.repeat(300) } }] }), /slot legalAuthenticator has 300 characters/);
});
