// FRCP builder: a rich input that uses every section and field must pass the 7 layers of the
// ANS kit, keep every narrative reference resolvable, and invalid inputs must be reported
// with their exact field path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildWithModel, validateFrcp } from '../api.js';
import type { FrcpDocument } from '../model/frcp.js';
import type { ModelIssue } from '../issues.js';
import { conformance, failures, fixedContext, narrativeLinkProblems, loadExamples } from '../testing/support.js';

const ORG_CHU = {
  idNatStruct: '1490000049',
  name: "Centre Hospitalier Universitaire d'Angers",
  address: { houseNumber: '4', streetName: 'Rue Larrey', postalCode: '49933', city: 'ANGERS' },
  telecoms: [{ scheme: 'tel' as const, value: '0241353637', use: 'WP' as const }],
  practiceSetting: { code: 'ETABLISSEMENT' },
};
const ORG_LAB = { idNatStruct: '1750000010', name: 'Laboratoire Pasteur', address: { streetName: 'Boulevard Pasteur', postalCode: '75015', city: 'PARIS' } };

const doctor = (idNatPs: string, family: string, given: string, specialty: string, organization: object = ORG_CHU) => ({
  idNatPs,
  profession: { code: specialty },
  name: { family, given, prefix: 'M' as const, suffix: 'DR' as const },
  address: { houseNumber: '4', streetName: 'Rue Larrey', postalCode: '49933', city: 'ANGERS' },
  telecoms: [{ scheme: 'tel' as const, value: '0241353600', use: 'WP' as const }],
  organization,
});

const COORDINATOR = doctor('810001045367', 'MULLER', 'Charles', 'G15_10/SM36');

/** A complete FRCP (RCP Appareil - Organes, breast) using every section and every field. */
export function richFrcp(): FrcpDocument {
  return structuredClone({
    document: {
      id: { root: '1.2.250.1.999.1.8', extension: 'FRCP-1' },
      setId: { root: '1.2.250.1.999.2.8', extension: 'FRCP' },
      effectiveTime: '2024-03-18T17:45:00+01:00',
      confidentiality: 'N',
    },
    author: {
      professional: COORDINATOR,
      functionCode: { code: '353', codeSystem: '1.2.250.1.213.1.6.1.107' },
      functionComment: 'Médecin coordonnateur de la RCP',
    },
    legalAuthenticator: { professional: COORDINATOR, time: '2024-03-18T18:00:00+01:00' },
    custodian: { idNatStruct: '1490000049', name: "CHU d'Angers", address: ORG_CHU.address },
    encounter: { facilityType: { code: 'SA01' } },
    patient: {
      ins: { kind: 'NIR', value: '279035121518989', environment: 'test' },
      localIds: [{ root: '1.2.3.4.567.8.9.10', extension: '1234567890121' }],
      birthFamilyName: 'PAT-TROIS',
      birthGivenNames: 'DOMINIQUE MARIE-LOUISE',
      usedFamilyName: 'PAT-TROIS',
      usedGivenName: 'DOMINIQUE',
      gender: 'F',
      birthDate: '1979-03-28',
      birthPlace: { cogCode: '51215', city: 'DOMPREMY' },
      addresses: [{ houseNumber: '28', streetName: 'Avenue de Breteuil', postalCode: '75007', city: 'PARIS' }],
      telecoms: [{ scheme: 'tel', value: '0144534551', use: 'H' }],
    },
    trustedPerson: { relationship: { code: 'SIS' }, name: { family: 'NESSI', given: 'Sophie' }, telecoms: [{ scheme: 'tel', value: '0647150100', use: 'MC' }] },
    emergencyContacts: [{ relationship: { code: 'SIS' }, name: { family: 'NESSI', given: 'Sophie' } }],
    meeting: {
      denomination: 'ONCO PAYS DE LA LOIRE / 3C CHU Angers / Sein',
      meetingTime: '2024-03-18T17:00:00+01:00',
      rrcId: '5201',
      managerId: '520114',
      rcpId: '27011113',
      sessionId: { root: '1.2.250.1.999.3', extension: 'S-2024-11' },
      localIds: [{ root: '1.2.3.4.567.8.9.10', extension: '54678' }],
      encounterType: { code: 'VR' },
      facility: { idNatStruct: '1490000049', name: "Centre Hospitalier Universitaire d'Angers", address: ORG_CHU.address },
      registration: { id: { root: '2CE71A5B-FD99-4958-ADE4-CA39E86625ED' }, comment: 'Inscription par le secrétariat du 3C' },
      primaryTumourTopography: { coding: { code: 'C50.4' } },
      coordinator: { professional: COORDINATOR, comment: 'PS coordonnateur de la RCP' },
      requester: doctor('810002000015', 'PRENT', 'Julie', 'G15_10/SM45'),
      presenter: doctor('810003000022', 'ZENBERGER', 'Michel', 'G15_10/SM05'),
      generalPractitioner: { professional: doctor('810004000039', 'MAGNE', 'Gilbert', 'G15_10/SM54', { name: 'Cabinet du Dr Magne' }) },
      quorumMembers: [
        doctor('810001045367', 'MULLER', 'Charles', 'G15_10/SM36'),
        doctor('810002000015', 'PRENT', 'Julie', 'G15_10/SM45'),
        doctor('810005000046', 'LEGRAND', 'Philippe', 'G15_10/SM01', ORG_LAB),
      ],
      otherAttendees: [
        { idNatPs: '810006000052', profession: { code: 'G15_10/SM21' }, name: { family: 'MANON', given: 'Cécile', prefix: 'MME', suffix: 'DR' } },
        { name: { family: 'LILOU', given: 'Véronique', prefix: 'MME' }, organization: { name: 'Etablissement du Reuil' } },
      ],
      correspondents: [doctor('810007000069', 'FABRE', 'Pierre', 'G15_10/SM21', { name: 'Clinique Médicale du Mail' })],
    },
    discussion: {
      nature: 'ORG-117',
      apparatus: { code: '76752008' },
      organs: [{ code: '76752008' }],
      isRecourseRcp: false,
      isPaediatricRcp: false,
      typeComment: 'RCP hebdomadaire sein',
      reason: {
        diagnosticOpinion: true,
        treatmentProposal: true,
        recourse: false,
        paediatrics: false,
        caseStatus: 'ORG-128',
        comment: 'Dossier présenté après la chirurgie',
        reasonText: 'Proposition de traitement adjuvant après tumorectomie',
        date: '2024-03-01',
      },
    },
    discovery: { viaScreening: true, date: '2024-01-15' },
    tumours: [
      {
        status: 'active',
        diagnosisDate: '2024-01-29',
        topography: { coding: { code: 'C50.4' }, text: 'Sein gauche, quadrant supéro-externe' },
        laterality: { code: '7771000' },
        morphology: { coding: { code: '8500/3' } },
        tnm: { date: '2024-02-10', stage: 'IIA', version: '8', t: 'T2', n: 'N0', m: 'M0' },
        otherStages: [{ text: 'Grade SBR II', classificationName: 'Scarff-Bloom-Richardson', classificationVersion: 'Elston-Ellis 1991' }],
        comment: 'Récepteurs hormonaux positifs, HER2 négatif',
      },
      {
        status: 'completed',
        diagnosisDate: '2015-06',
        endDate: '2016-02',
        topography: { text: 'Peau du dos' },
        morphology: { text: 'Carcinome basocellulaire' },
        tnm: { t: 'T1' },
      },
    ],
    medicalHistory: [
      { date: '1998', label: 'Appendicectomie' },
      { label: 'Hypothyroïdie substituée' },
    ],
    comorbidities: [{ date: '2019-01-10', label: 'Diabète de type 2' }],
    functionalStatus: {
      pain: { date: '2024-03-01', score: 2 },
      whoPerformance: { date: '2024-03-01', stage: 'MED-264' },
      geriatricScreening: { date: '2024-03-01', score: 15, toolName: 'G8' },
    },
    examResults: {
      items: [
        { date: '2024-01-20', exam: 'Mammographie bilatérale', result: 'Opacité spiculée QSE gauche, ACR 5' },
        { exam: 'IRM mammaire', result: 'Lésion unifocale de 22 mm' },
      ],
      comment: 'Bilan d’extension négatif',
    },
    phase: {
      phase: 'MED-268',
      date: '2024-01-29',
      comment: 'Première prise en charge',
      progression: { observed: true, date: '2024-03-01', local: true, regional: false, distant: false },
    },
    pastTreatments: [
      { type: { code: '387713003' }, precision: 'Tumorectomie + ganglion sentinelle', period: { start: '2024-02-26', end: '2024-02-26' }, status: 'completed', comment: 'Suites simples' },
      { type: { code: 'GEN-092.03.01' }, precision: 'Kinésithérapie', period: { start: '2024-03-04' }, status: 'active' },
      { type: { code: 'C15632' }, status: 'cancelled' },
    ],
    surgeryReport: {
      transcribedBy: COORDINATOR,
      period: { start: '2024-02-26T09:49:00+01:00', end: '2024-02-26T10:18:00+01:00' },
      conclusion: 'Tumorectomie QSE gauche, berges saines macroscopiquement.\nGanglion sentinelle prélevé.',
      performer: doctor('810003000022', 'ZENBERGER', 'Michel', 'G15_10/SM05'),
      originalAuthor: { professional: doctor('810003000022', 'ZENBERGER', 'Michel', 'G15_10/SM05'), time: '2024-02-26T11:00:00+01:00' },
      examTitle: 'Tumorectomie et ganglion sentinelle',
      comment: 'Conclusion recopiée du CRO',
    },
    pathologyReport: {
      transcribedBy: COORDINATOR,
      period: { start: '2024-03-04T11:30:00+01:00', end: '2024-03-04T11:31:00+01:00' },
      conclusion: 'Carcinome canalaire infiltrant de 21 mm, grade II, berges saines, pN0(sn).',
      performer: doctor('810005000046', 'LEGRAND', 'Philippe', 'G15_10/SM01', ORG_LAB),
      originalAuthor: { professional: doctor('810005000046', 'LEGRAND', 'Philippe', 'G15_10/SM01', ORG_LAB) },
      sampler: doctor('810003000022', 'ZENBERGER', 'Michel', 'G15_10/SM05', { idNatStruct: '1490000049', name: "CHU d'Angers" }),
      samplingDate: '2024-02-26',
      comment: 'Relecture demandée',
    },
    molecularReports: [
      {
        transcribedBy: COORDINATOR,
        period: { start: '2024-03-10' },
        conclusion: 'Pas de mutation BRCA1/2 détectée.',
        performer: doctor('810008000076', 'DUCOUT', 'Eric', 'G15_10/DSM205', ORG_LAB),
        originalAuthor: { professional: doctor('810008000076', 'DUCOUT', 'Eric', 'G15_10/DSM205', ORG_LAB), time: '2024-03-10T11:30:00+01:00' },
        sampler: doctor('810009000083', 'DUBOIS', 'Marc', 'G15_10/SM05'),
        samplingDate: '2024-03-01',
        examTitle: 'Analyse BRCA1/BRCA2 constitutionnelle',
        comment: 'Conseil génétique proposé',
      },
      {
        transcribedBy: COORDINATOR,
        conclusion: 'Oncotype DX : RS 12.',
        performer: doctor('810010000098', 'DURAND', 'Anne', 'G15_10/DSM205', ORG_LAB),
      },
    ],
    caseSummary: {
      summaryAndQuestion: 'Patiente de 45 ans, CCI QSE gauche pT2N0(sn)M0, RH+ HER2-.\nQuelle adjuvance ?',
      otherData: 'Souhait de grossesse ultérieure',
    },
    recordStatus: { complete: true, quorum: { code: 'ORG-126' }, comment: 'Dossier complet, imagerie relue' },
    proposal: {
      recourseRcpRequested: true,
      examRequests: [
        { label: 'Consultation d’oncogénétique', earliest: '2024-03-20', latest: '2024-04-15' },
        { label: 'Échographie cardiaque', latest: '2024-04-01' },
        { label: 'Scintigraphie osseuse' },
      ],
      surveillanceOnly: true,
      treatments: [
        { sequence: 1, type: { code: 'C15313' }, label: 'Radiothérapie du sein restant 50 Gy', period: { start: '2024-04-01', end: '2024-05-10' } },
        { sequence: 1, type: { code: 'C547' }, label: 'Hormonothérapie par tamoxifène 5 ans' },
        { sequence: 2, type: { code: 'GEN-092.03.01' }, label: 'Essai de désescalade' },
      ],
      comment: 'Proposition validée à l’unanimité',
    },
    framework: {
      guidelines: [{ nameAndVersion: 'Référentiel régional sein ONCO PDL v2023', date: '2023-06-01' }, { nameAndVersion: 'Recommandations INCa 2022' }],
      clinicalTrialProposed: false,
      comment: 'Pas d’essai ouvert adapté',
    },
    patientComment: 'Patiente informée de la tenue de la RCP.',
    status: { status: { code: '9571008' }, date: '2024-03-18', comment: 'Fiche validée en séance' },
  }) as FrcpDocument;
}

const CONTEXT = fixedContext(8);

function issues(input: unknown): ModelIssue[] {
  const r = validateFrcp(input, CONTEXT);
  return r.ok ? [] : [...r.issues];
}

/** Asserts that the XML matches, without dumping the whole document on failure. */
function has(xml: string, re: RegExp): void {
  assert.ok(re.test(xml), `expected the document to match ${String(re)}`);
}

function expectIssue(found: readonly ModelIssue[], path: string, code?: string): void {
  const hit = found.find((i) => i.path === path && (code === undefined || i.code === code));
  assert.ok(hit, `expected an issue at ${path}${code ? ` (${code})` : ''}; got:\n${found.map((i) => `  ${i.path} ${i.code}: ${i.message.en}`).join('\n')}`);
  assert.ok(hit.message.fr.length > 0 && hit.message.en.length > 0);
}

test('the rich FRCP input is valid and normalised', () => {
  const found = issues(richFrcp());
  assert.deepEqual(found, []);
  const { document } = buildWithModel('frcp', richFrcp(), CONTEXT);
  assert.equal(document.document?.title, 'FRCP ONCO PAYS DE LA LOIRE / 3C CHU Angers / Sein');
  assert.equal(document.meeting.primaryTumourTopography?.coding?.codeSystem, '2.16.840.1.113883.6.3');
  assert.equal(document.discussion.organs?.[0]?.displayName, 'sein');
  assert.equal(document.tumours[1]?.tnm?.version, '8');
});

test('a rich FRCP passes the 7 layers of the ANS kit', async () => {
  const { xml } = buildWithModel('frcp', richFrcp(), CONTEXT);
  const result = await conformance().validate(xml);
  assert.equal(result.volet, 'frcp');
  assert.equal(result.layers.length, 7);
  assert.ok(result.valid, `layers failing:\n  ${failures(result)}`);
  for (const layer of result.layers) assert.ok(layer.valid, `${layer.layer} failed`);
});

test('a minimal FRCP (Transversale, only the required sections and an empty F6) passes the 7 layers', async () => {
  const input = richFrcp() as unknown as Record<string, unknown>;
  for (const key of ['medicalHistory', 'comorbidities', 'examResults', 'pastTreatments', 'surgeryReport', 'pathologyReport', 'molecularReports', 'patientComment', 'trustedPerson', 'emergencyContacts', 'legalAuthenticator'])
    delete input[key];
  const doc = input as unknown as FrcpDocument;
  doc.discussion = {
    nature: 'ORG-132',
    careType: { code: 'ORG-130' },
    isRecourseRcp: true,
    isPaediatricRcp: false,
    reason: { diagnosticOpinion: false, treatmentProposal: true, recourse: true, paediatrics: false, caseStatus: 'ORG-134', reasonText: 'Évaluation oncogériatrique' },
  };
  doc.meeting = {
    ...doc.meeting,
    generalPractitioner: {},
    quorumMembers: [],
    primaryTumourTopography: { text: 'Primitif inconnu' },
  };
  delete doc.meeting.requester;
  delete doc.meeting.presenter;
  delete doc.meeting.otherAttendees;
  delete doc.meeting.correspondents;
  delete doc.meeting.registration;
  delete doc.meeting.sessionId;
  delete doc.meeting.localIds;
  delete doc.meeting.encounterType;
  doc.tumours = [{ topography: { text: 'Primitif inconnu' }, morphology: { coding: { code: '8000/3' } }, tnm: {} }];
  doc.phase = { phase: 'MED-244', progression: { observed: false } };
  doc.proposal = {};
  doc.framework = {};
  doc.recordStatus = { complete: false, quorum: { code: 'GEN-010' } };
  doc.caseSummary = { summaryAndQuestion: 'Quelle prise en charge ?' };
  doc.status = {};
  doc.functionalStatus = {};
  const { xml, document } = buildWithModel('frcp', doc, CONTEXT);
  assert.deepEqual(document.functionalStatus, { pain: {} }, 'F6 gets its mandatory pain sub-section');
  assert.equal(document.status.status?.code, '9571008');
  assert.equal(document.status.date, document.document?.effectiveTime);
  assert.equal(document.tumours[0]?.status, 'active');
  has(xml, /<associatedEntity classCode="PROV" nullFlavor="NA"\/>/);
  has(xml, /<code code="GEN-243" codeSystem="1\.2\.250\.1\.213\.1\.1\.4\.322" codeSystemName="TA_ASIP" displayName="Topographie"><originalText>Primitif inconnu<\/originalText>/);
  const result = await conformance().validate(xml);
  assert.ok(result.valid, `layers failing:\n  ${failures(result)}`);
});

test('every narrative reference resolves to a unique ID', () => {
  const { xml } = buildWithModel('frcp', richFrcp(), CONTEXT);
  const { dangling, duplicated } = narrativeLinkProblems(xml);
  assert.deepEqual(dangling, []);
  assert.deepEqual(duplicated, []);
  for (const [, id] of xml.matchAll(/\sID="([^"]*)"/g)) assert.match(id!, /^[A-Za-z_][A-Za-z0-9_.-]*$/, 'IDs are ASCII NCNames');
  const references = [...xml.matchAll(/<reference value="#/g)].length;
  assert.ok(references > 80, `expected many references, got ${references}`);
});

test('the document follows the spec structure', () => {
  const { xml } = buildWithModel('frcp', richFrcp(), CONTEXT);
  // Sections F1 to F18 in order, one F3 per tumour, F12 twice; sub-sections after their entries.
  const sectionCodes = [...xml.matchAll(/<section>(?:<templateId root="[^"]*"\/>)+(?:<id root="[^"]*"\/>)?<code code="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(sectionCodes, [
    '42349-1', '42545-4', '72135-7', '72135-7', '11348-0', '11450-4', '47420-5', '38208-5', '46006-3', '48542-5', '30954-2', '18733-6', '29554-3',
    '10218-6', '55112-7', '30954-2', '55112-7', '50397-9', '55112-7', '50397-9', '10164-2', '21874-3', '18776-5', '35510-7', '55112-7', '33557-0',
  ]);
  // Header: the national RCP ids, RCP code with its denomination, topography of the primary tumour.
  has(xml, /<id root="1\.2\.250\.1\.161\.1\.20\.1\.1" extension="5201"\/><id root="1\.2\.250\.1\.161\.1\.20\.2\.1" extension="520114"\/><id root="1\.2\.250\.1\.161\.1\.20\.3\.1" extension="27011113"\/><id root="1\.2\.250\.1\.999\.3" extension="S-2024-11" assigningAuthorityName="Session de RCP"\/><id root="1\.2\.3\.4\.567\.8\.9\.10" extension="54678"\/><code code="VR"/);
  has(xml, /<code code="39" codeSystem="1\.2\.250\.1\.213\.3\.3\.13"[^>]*><originalText>ONCO PAYS DE LA LOIRE \/ 3C CHU Angers \/ Sein<\/originalText><\/code><effectiveTime><low value="20240318170000\+0100"\/>/);
  has(xml, /<serviceEvent classCode="ACT"><code code="C50\.4" codeSystem="2\.16\.840\.1\.113883\.6\.3"/);
  // F1: ORG-186 under GEN-098, ORG-127 under ORG-186; F15 treatments with their sequence.
  has(xml, /<code code="ORG-186"[^/]*\/><text><reference value="#f1-motif"\/><\/text>/);
  has(xml, /<priorityCode><originalText>2<\/originalText><\/priorityCode>/);
  // F7 has no entry.
  const f7 = /<code code="30954-2" codeSystem="2\.16\.840\.1\.113883\.6\.1" displayName="Résultats d'examens"\/><title>ÉLÉMENTS PARACLINIQUES<\/title>(.*?)<\/section>/.exec(xml);
  assert.ok(f7 && !f7[1]!.includes('<entry>'));
});

test('ORG-117 without organs is reported on discussion.organs', () => {
  const input = richFrcp();
  delete input.discussion.organs;
  expectIssue(issues(input), 'discussion.organs', 'required');
});

test('ORG-132 needs a care type and no apparatus', () => {
  const input = richFrcp();
  input.discussion.nature = 'ORG-132';
  const found = issues(input);
  expectIssue(found, 'discussion.careType', 'required');
  expectIssue(found, 'discussion.apparatus', 'frcp.nature');
  expectIssue(found, 'discussion.organs', 'frcp.nature');
});

test('a tumour without TNM is reported on tumours[i].tnm', () => {
  const input = richFrcp();
  delete input.tumours[1]!.tnm;
  expectIssue(issues(input), 'tumours[1].tnm', 'required');
});

test('a body author specialty outside J01 is reported with its path (F-T1)', () => {
  const input = richFrcp();
  input.surgeryReport!.transcribedBy = { ...input.surgeryReport!.transcribedBy, profession: { code: 'G15_10/SCH10' } };
  expectIssue(issues(input), 'surgeryReport.transcribedBy.profession.code', 'value-set');
});

test('cross-field rules of the FRCP', () => {
  const input = richFrcp();
  delete input.tumours[1]!.endDate;
  input.tumours[0]!.endDate = '2024-02-01';
  input.phase.progression = { observed: true, local: true };
  delete input.framework.guidelines;
  input.meeting.facility = { name: 'Sans adresse' };
  delete input.meeting.quorumMembers[0]!.profession;
  input.meeting.coordinator.professional = { ...COORDINATOR, organization: { name: 'Sans cadre' } };
  input.proposal.examRequests![0]!.latest = '2024-03-01';
  input.pathologyReport!.period = { start: '2024-03-05', end: '2024-03-04' };
  input.pathologyReport!.samplingDate = '2024-02-30';
  delete input.molecularReports![0]!.sampler;
  input.surgeryReport!.samplingDate = '2024-02-26';
  const found = issues(input);
  expectIssue(found, 'molecularReports[0].sampler', 'required');
  expectIssue(found, 'surgeryReport.samplingDate', 'frcp.unused');
  expectIssue(found, 'tumours[1].endDate', 'required');
  expectIssue(found, 'tumours[0].endDate', 'forbidden');
  expectIssue(found, 'phase.progression.regional', 'required');
  expectIssue(found, 'phase.progression.distant', 'required');
  expectIssue(found, 'framework.guidelines', 'required');
  expectIssue(found, 'meeting.facility.address', 'required');
  expectIssue(found, 'meeting.quorumMembers[0].profession', 'required');
  expectIssue(found, 'meeting.coordinator.professional.organization.practiceSetting', 'required');
  expectIssue(found, 'proposal.examRequests[0].latest', 'period');
  expectIssue(found, 'pathologyReport.period.end', 'period');
  expectIssue(found, 'pathologyReport.samplingDate', 'date');
});

test('value sets of the FRCP body are enforced', () => {
  const input = richFrcp();
  input.discussion.apparatus = { code: 'C3580' };
  input.tumours[0]!.topography = { coding: { code: 'C34.1' } };
  input.tumours[0]!.morphology = { coding: { code: '9999/9' } };
  input.pastTreatments![0]!.type = { code: 'C15445' };
  input.recordStatus.quorum = { code: 'ORG-128' };
  input.status.status = { code: '123' };
  const found = issues(input);
  for (const path of [
    'discussion.apparatus.code',
    'tumours[0].morphology.coding.code',
    'pastTreatments[0].type.code',
    'recordStatus.quorum.code',
    'status.status.code',
  ])
    expectIssue(found, path, 'value-set');
});

test('shared encounter fields that have no place in an FRCP are reported', () => {
  const input = richFrcp();
  input.encounter.ids = [{ root: '1.2.3' }];
  input.encounter.period = { start: '2024-03-18' };
  const found = issues(input);
  expectIssue(found, 'encounter.ids', 'frcp.encounter');
  expectIssue(found, 'encounter.period', 'frcp.encounter');
});

test('the FRCP examples of the package pass the 7 layers', async () => {
  for (const { name, input } of loadExamples('frcp')) {
    const r = validateFrcp(input, CONTEXT);
    assert.ok(r.ok, `${name}: ${r.ok ? '' : r.issues.map((i) => `${i.path}: ${i.message.en}`).join('; ')}`);
    const { xml } = buildWithModel('frcp', input, CONTEXT);
    assert.deepEqual(narrativeLinkProblems(xml), { dangling: [], duplicated: [] }, name);
    const result = await conformance().validate(xml);
    assert.ok(result.valid, `${name}: layers failing:\n  ${failures(result)}`);
  }
});
