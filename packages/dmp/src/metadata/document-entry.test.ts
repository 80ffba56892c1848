import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ansExample, builtExample, FRCP_EXAMPLE, PPS_EXAMPLE, uuidOid } from '../testing/fixtures.js';
import { documentEntryFromCda, MetadataError, type MetadataIssue } from './index.js';

const decoder = new TextDecoder();

function issuesOf(cda: string | Uint8Array): MetadataIssue[] {
  try {
    documentEntryFromCda(cda);
  } catch (error) {
    assert.ok(error instanceof MetadataError, String(error));
    return error.issues;
  }
  assert.fail('expected a MetadataError');
}

test('ANS FRCP example: exactly the worked mapping of dmp-mes.md §1.10', () => {
  const bytes = ansExample(FRCP_EXAMPLE);
  const { entry, facts } = documentEntryFromCda(bytes);
  assert.equal(entry.uniqueId, '1.2.250.1.213.1.1.1.8.2022.1.1');
  assert.deepEqual(entry.typeCode, { code: '34794-8', codingScheme: '2.16.840.1.113883.6.1', displayName: 'CR de réunion de concertation pluridisciplinaire' });
  assert.deepEqual(entry.classCode, { code: '10', codingScheme: '1.2.250.1.213.1.1.4.1', displayName: 'Compte rendu' });
  assert.deepEqual([entry.formatCode.code, entry.formatCode.codingScheme], ['urn:asip:ci-sis:frcp:2011', '1.2.250.1.213.1.1.4.2.282']);
  assert.deepEqual(entry.confidentialityCodes, [{ code: 'N', codingScheme: '2.16.840.1.113883.5.25', displayName: 'Normal' }]);
  assert.equal(entry.mimeType, 'text/xml');
  assert.equal(entry.languageCode, 'fr-FR');
  assert.equal(entry.title, 'FRCP ONCO PAYS DE LA LOIRE / 3C CHU Angers / Sein');
  assert.equal(entry.creationTime, '20190218084914');
  assert.equal(entry.serviceStartTime, '20190218144500');
  assert.equal(entry.serviceStopTime, undefined);
  assert.deepEqual([entry.healthcareFacilityTypeCode.code, entry.healthcareFacilityTypeCode.codingScheme], ['SA01', '1.2.250.1.71.4.2.4']);
  assert.deepEqual([entry.practiceSettingCode.code, entry.practiceSettingCode.codingScheme], ['ETABLISSEMENT', '1.2.250.1.213.1.1.4.9']);
  assert.deepEqual(entry.eventCodes.map((c) => [c.code, c.codingScheme]), [['39', '1.2.250.1.213.3.3.13'], ['C50.2', '2.16.840.1.113883.6.3']]);
  assert.equal(entry.patientId, '279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH');
  assert.equal(entry.sourcePatientId, '1234567890121^^^&1.2.3.4.567.8.9.10&ISO^PI');
  assert.deepEqual(entry.sourcePatientInfo, ['PID-5|PAT-TROIS^DOMINIQUE MARIE-LOUISE^^^^^L', 'PID-7|19790328', 'PID-8|F', 'PID-11|^^^^^^BDL^^51215']);
  assert.equal(entry.legalAuthenticator, '801234567897^MULLER^Charles^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS');
  assert.equal(entry.authors.length, 1);
  assert.deepEqual(entry.authors[0]?.institutions, ["Centre Hospitalier d'Angers^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^1750100125"]);
  assert.deepEqual(entry.authors[0]?.specialties, ['G15_10/SM36^Médecin - Oncologie, opt médicale (SM)^1.2.250.1.213.1.1.4.5']);
  assert.deepEqual(entry.authors[0]?.roles, ["353^Membre de l'équipe de soins^1.2.250.1.213.1.6.1.107"]);
  // A structure-internal PS_IdNat (prefix 4) is an EI, not a national IDNPS.
  assert.equal(entry.authors[0]?.person, '401234567890009^MULLER^Charles^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^EI');
  // Hash and size of the exact bytes.
  assert.equal(entry.hash, createHash('sha1').update(bytes).digest('hex'));
  assert.equal(entry.size, bytes.byteLength);
  assert.deepEqual(facts, {
    volet: 'frcp',
    documentId: '1.2.250.1.213.1.1.1.8.2022.1.1',
    setId: '1.2.250.1.213.1.1.1.8.2022.1',
    versionNumber: 1,
    ins: { matricule: '279035121518989', oid: '1.2.250.1.213.1.4.10' },
    patient: { birthFamilyName: 'PAT-TROIS', firstGivenName: 'DOMINIQUE', birthDate: '19790328', sex: 'F', birthPlaceCode: '51215' },
    authorStructureIds: ['1750100125'],
    authorPersonIds: ['401234567890009', '801234567897'],
    cdaCodes: ['34794-8'],
  });
});

test('ANS PPS auto-presentable example: the CDA inside the XSLT is read (§1.10), typed application/xslt+xml', () => {
  const bytes = ansExample(PPS_EXAMPLE);
  const { entry, facts } = documentEntryFromCda(bytes);
  assert.equal(entry.uniqueId, '1.2.250.1.213.1.1.1.26.2022.1.1');
  assert.equal(facts.setId, '1.2.250.1.213.1.1.1.26.2022.1');
  assert.equal(facts.versionNumber, 1);
  assert.equal(facts.volet, 'pps');
  assert.equal(facts.autoPresentable, true);
  assert.equal(entry.mimeType, 'application/xslt+xml');
  assert.deepEqual([entry.typeCode.code, entry.classCode.code, entry.formatCode.code], ['18776-5', '44', 'urn:asip:ci-sis:pps-cancer:2017']);
  assert.equal(entry.creationTime, '20210113111700');
  assert.equal(entry.serviceStartTime, '20190930111700');
  assert.deepEqual([entry.healthcareFacilityTypeCode.code, entry.practiceSettingCode.code], ['SA01', 'ETABLISSEMENT']);
  assert.deepEqual(entry.eventCodes, []);
  assert.equal(entry.title, 'PROGRAMME PERSONNALISÉ DE SOINS EN CANCEROLOGIE');
  assert.equal(entry.authors[0]?.person, '801234567897^MULLER^Charles^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS');
  assert.deepEqual(facts.authorStructureIds, ['2801234567']);
  assert.deepEqual(facts.authorPersonIds, ['801234567897']);
  assert.equal(entry.hash, createHash('sha1').update(bytes).digest('hex'));
  // The same PPS with an external stylesheet is a plain CDA.
  const plain = documentEntryFromCda(ansExample('CANCER-PPS_2022.01_feuille-de-style-externe.xml'));
  assert.equal(plain.entry.mimeType, 'text/xml');
  assert.equal(plain.facts.autoPresentable, undefined);
  assert.equal(plain.facts.volet, 'pps');
});

test('PPS built by @dcc-kit/cda: the metadata say what the input says', () => {
  const { xml, input } = builtExample('pps', '01');
  const { entry, facts } = documentEntryFromCda(xml);
  assert.equal(entry.uniqueId, `${input.document.id.root}^${input.document.id.extension}`);
  assert.equal(facts.setId, `${input.document.setId.root}^${input.document.setId.extension}`);
  assert.equal(entry.creationTime, '20241119102000'); // 2024-11-19T11:20:00+01:00
  assert.equal(entry.title, input.document.title);
  assert.equal(entry.typeCode.code, '18776-5');
  assert.equal(entry.classCode.code, '44');
  assert.equal(entry.patientId, `${input.patient.ins.value}^^^&1.2.250.1.213.1.4.10&ISO^NH`);
  assert.match(entry.sourcePatientId, /\^PI$/);
  assert.equal(entry.hash, createHash('sha1').update(xml, 'utf8').digest('hex'));
  assert.equal(entry.size, Buffer.byteLength(xml, 'utf8'));
  assert.deepEqual(facts.cdaCodes, ['18776-5']);
  assert.ok(facts.authorStructureIds.length >= 1);
  assert.deepEqual(entry.authors[0]?.telecommunications, ['^NET^Internet^camille.lefort@ico-angers.mssante.fr']);
});

test('FRCP built by @dcc-kit/cda, and a PPS v2 that replaces v1 (RPLC facts)', () => {
  const frcp = builtExample('frcp', '01');
  const { entry, facts } = documentEntryFromCda(frcp.xml);
  assert.equal(facts.volet, 'frcp');
  assert.equal(entry.classCode.code, '10');
  assert.equal(entry.creationTime, '20241105164500');
  assert.ok(entry.eventCodes.length >= 1);
  const v2 = builtExample('pps', '03');
  const replaced = documentEntryFromCda(v2.xml).facts;
  assert.equal(replaced.versionNumber, 2);
  assert.equal(replaced.replacedDocumentId, v2.input.document.replaces?.root);
  assert.match(replaced.replacedDocumentId ?? '', /^2\.25\.\d+$/);
  assert.equal(v2.input.document.replaces?.root, uuidOid('3b89f9a4-168b-498c-bdbd-012aac4d3628'));
});

const frcpText = (): string => decoder.decode(ansExample(FRCP_EXAMPLE));

test('mutant: a local-time effectiveTime is refused with its path', () => {
  const issues = issuesOf(frcpText().replace('<effectiveTime value="20190218094914+0100" />', '<effectiveTime value="20190218094914" />'));
  assert.deepEqual(issues.map((i) => [i.path, i.code]), [['ClinicalDocument/effectiveTime/@value', 'local-time']]);
});

test('mutant: no INS, INS-C, UUID id, RPLC without a parent id', () => {
  const text = frcpText();
  const withoutIns = text.replace('<id extension="279035121518989" root="1.2.250.1.213.1.4.10"/>', '');
  assert.deepEqual(issuesOf(withoutIns).map((i) => [i.path, i.code]), [['ClinicalDocument/recordTarget/patientRole/id', 'ins-missing']]);
  const insC = text.replace('root="1.2.250.1.213.1.4.10"', 'root="1.2.250.1.213.1.4.2"');
  assert.deepEqual(issuesOf(insC).map((i) => [i.path, i.code]), [['ClinicalDocument/recordTarget/patientRole/id', 'ins-c']]);
  const badKey = text.replace('extension="279035121518989"', 'extension="279035121518988"');
  assert.deepEqual(issuesOf(badKey).map((i) => i.code), ['ins-invalid']);
  const uuid = text.replace('<id root="1.2.250.1.213.1.1.1.8.2022.1.1"/>', '<id root="15c1a27d-53c9-5c66-9d3e-6f0a4c7b2e11"/>');
  assert.deepEqual(issuesOf(uuid).map((i) => [i.path, i.code]), [['ClinicalDocument/id/@root', 'uuid-not-oid']]);
  const long = text.replace('<id root="1.2.250.1.213.1.1.1.8.2022.1.1"/>', `<id root="1.2.250.1.213.1.1.1.8.2022.1.1" extension="${'X'.repeat(100)}"/>`);
  assert.deepEqual(issuesOf(long).map((i) => [i.path, i.code]), [['ClinicalDocument/id/@extension', 'too-long']]);
  const longRoot = text.replace('<id root="1.2.250.1.213.1.1.1.8.2022.1.1"/>', `<id root="1.2.250.1.213.1.1.1.8.2022.1.1.${'1.'.repeat(20)}1"/>`);
  assert.deepEqual(issuesOf(longRoot).map((i) => [i.path, i.code]), [['ClinicalDocument/id/@root', 'too-long']]);
  const rplc = text.replace('<versionNumber value="1" />', '<versionNumber value="2" /><relatedDocument typeCode="RPLC"><parentDocument/></relatedDocument>');
  assert.deepEqual(issuesOf(rplc).map((i) => [i.path, i.code]), [['ClinicalDocument/relatedDocument/parentDocument/id', 'missing']]);
  const rplcOk = text.replace('<versionNumber value="2" />', '').replace('<versionNumber value="1" />', '<versionNumber value="2" /><relatedDocument typeCode="RPLC"><parentDocument><id root="1.2.250.1.213.1.1.1.8.2022.1.0"/></parentDocument></relatedDocument>');
  assert.equal(documentEntryFromCda(rplcOk).facts.replacedDocumentId, '1.2.250.1.213.1.1.1.8.2022.1.0');
});

test('every problem at once, none with patient data in its message', () => {
  const text = frcpText()
    .replace('<effectiveTime value="20190218094914+0100" />', '<effectiveTime value="20190218094914" />')
    .replace('<id extension="279035121518989" root="1.2.250.1.213.1.4.10"/>', '')
    .replace('<code code="SA01"', '<code code="SA99"')
    .replace('<languageCode code="fr-FR" />', '');
  const issues = issuesOf(text);
  assert.deepEqual(issues.map((i) => i.code).sort(), ['ins-missing', 'local-time', 'missing', 'not-in-value-set']);
  for (const issue of issues) {
    assert.doesNotMatch(issue.message, /PAT-TROIS|DOMINIQUE|279035121518989|19790328/);
    assert.match(issue.path, /^ClinicalDocument\//);
  }
});

test('not XML, not a CDA, unknown volet: one clear problem', () => {
  assert.deepEqual(issuesOf('<ClinicalDocument xmlns="urn:hl7-org:v3"><id>').map((i) => i.code), ['malformed']);
  assert.deepEqual(issuesOf('<html/>').map((i) => i.code), ['not-cda']);
  const other = frcpText().replace('root="1.2.250.1.213.1.1.1.8" extension="2022.01"', 'root="1.2.250.1.213.1.1.1.99" extension="2022.01"');
  assert.deepEqual(issuesOf(other).map((i) => [i.path, i.code]), [['ClinicalDocument/templateId/@root', 'unknown-volet']]);
  assert.deepEqual(issuesOf(new Uint8Array([0x3c, 0xff, 0xfe])).map((i) => i.code), ['encoding']);
});

test('visibility flags follow the CDA code; INVISIBLE_PATIENT with MASQUE_PS is refused', () => {
  const bytes = ansExample(FRCP_EXAMPLE);
  const { entry } = documentEntryFromCda(bytes, { visibility: ['INVISIBLE_PATIENT'], comments: 'Annonce à faire' });
  assert.deepEqual(entry.confidentialityCodes.map((c) => [c.code, c.codingScheme]), [['N', '2.16.840.1.113883.5.25'], ['INVISIBLE_PATIENT', '1.2.250.1.213.1.1.4.13']]);
  assert.equal(entry.comments, 'Annonce à faire');
  assert.throws(() => documentEntryFromCda(bytes, { visibility: ['INVISIBLE_PATIENT', 'MASQUE_PS'] }), (error: unknown) => {
    assert.ok(error instanceof MetadataError);
    assert.deepEqual(error.issues.map((i) => [i.path, i.code]), [['confidentialityCode', 'visibility-conflict']]);
    return true;
  });
});
