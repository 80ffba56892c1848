#!/usr/bin/env node
// Checks the example build inputs of @dcc-kit/cda (examples/pps/*.json, examples/frcp/*.json).
//
//   node packages/cda/examples/check-coverage.mjs   (the kit: $ANS_KIT_DIR, else ../shared/ans-testcontenucda
//                                                    next to the repository, found by @dcc-kit/conformance/kit)
//
// Plain Node (>= 20), run from the repository: it reads the kit's JDV files with the build
// scripts' XML reader (../scripts/read-xml.mjs, saxes). It does not use the package's own
// validator on purpose: it is an independent second reading of the model, written from
// src/model/*.ts.
//
//  1. every file is valid JSON and follows the model structurally (closed objects, required
//     properties, enums, date / instant / OID patterns, real calendar dates);
//  2. coverage: every optional property of the model is used by at least one example.
//     Properties of a named (titled) model type are counted once for the whole set, wherever
//     the type is used ("Address.postBox"); properties of anonymous objects are counted at
//     their place, relative to the enclosing named type ("PpsDocument.status.handover.by");
//  3. identifiers: INS key (97 - N mod 97, 2A -> 19, 2B -> 18) and its agreement with gender,
//     birth date and birth place; IdNat_PS (8 + RPPS / 0 + ADELI) and IdNat_Struct
//     (1 + FINESS / 3 + SIRET) Luhn keys; one name per RPPS across the whole set;
//  4. every coded value exists in the ANS kit value set (JDV) bound to its field, with the
//     same codeSystem and label when they are given;
//  5. a few clinical/semantic consistency rules and the scenario checklist of the examples
//     (NIA, test/demo NIR, Corsica, minors with guardians, versioning chain, long text…);
//  6. drift: the hard-coded property list is compared with the published JSON Schemas
//     (../schema/*.schema.json) when they exist.
//
// Exit code 1 when anything is invalid or not covered.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KitNotFoundError, resolveKitDir } from '@dcc-kit/conformance/kit';
import { descendants, parseXml } from '../scripts/read-xml.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
let KIT;
try {
  KIT = resolveKitDir();
} catch (error) {
  if (!(error instanceof KitNotFoundError)) throw error;
  console.error(error.message);
  process.exit(2);
}
const JDV_DIR = path.join(KIT, 'jeuxDeValeurs');

// ───────────────────────────── value sets ─────────────────────────────
const JDV = {
  J01: 'JDV_J01_XdsAuthorSpecialty_CISIS', J02: 'JDV_J02_XdsHealthcareFacilityTypeCode_CISIS',
  J04: 'JDV_J04_XdsPracticeSettingCode_CISIS', J11: 'JDV_J11_RelationPatient_CISIS',
  J47: 'JDV_J47_FunctionCode_CISIS', J142: 'JDV_J142_TypeRencontre_CISIS',
  TUMEUR: 'JDV_Tumeur_CISIS', MORPHO: 'JDV_Morphologie_CISIS', LATERALITE: 'JDV_ModificateurTopographique_CISIS',
  TRAIT_PPS: 'JDV_TypeTraitementPPS_CISIS', EFFETS: 'JDV_GestionEffetsSecondaires_CISIS',
  MESURES: 'JDV_MesuresAssociees_CISIS', SUIVI: 'JDV_TypeDeSuivi_CISIS', SUPPORT: 'JDV_SoinsOncoDeSupport_CISIS',
  SOCIAL: 'JDV_TypeAccompagnementSocioPro_CISIS', VOIE: 'JDV_ModeAdministration_CISIS',
  HABITUS: 'JDV_SocialHistoryCodes_CISIS', STATUT: 'JDV_StatutDoc_CISIS', MAJ: 'JDV_MotifMiseAJour_CISIS',
  APPAREIL: 'JDV_RCP_Appareil_CISIS', ORGANE: 'JDV_RCP_Organe_CISIS', SOINS_FRCP: 'JDV_TraitementSoins_FRCP_CISIS',
  TRAIT_FRCP: 'JDV_TypeTraitement_FRCP_CISIS', QUORUM: 'JDV_StatutQuorum_CISIS',
};
const PCS_CODE_SYSTEM = '1.2.250.1.213.2.13';
const jdvCache = new Map();
const SVS_NS = 'urn:ihe:iti:svs:2008';
function loadJdv(key) {
  if (jdvCache.has(key)) return jdvCache.get(key);
  const file = path.join(JDV_DIR, `${JDV[key]}.xml`);
  let concepts = null;
  if (fs.existsSync(file)) {
    const root = parseXml(fs.readFileSync(file, 'utf8'), file);
    concepts = [...descendants({ children: [root] }, SVS_NS, 'Concept')].map((concept) => ({ ...concept.attrs }));
  }
  jdvCache.set(key, concepts);
  return concepts;
}

// ───────────────────────────── model (hand-written from src/model/*.ts) ─────────────────────────────
const req = (s) => ({ required: true, s });
const opt = (s) => ({ required: false, s });
const obj = (name, props, extra = {}) => ({ k: 'obj', name, props, ...extra });
const arr = (s, extra = {}) => ({ k: 'arr', s, ...extra });
const str = (extra = {}) => ({ k: 'str', ...extra });
const text = (extra = {}) => ({ k: 'str', text: true, ...extra });
const en = (...values) => ({ k: 'enum', values });
const bool = { k: 'bool' };
const int = (min, max) => ({ k: 'int', min, max });
const num = (min, max) => ({ k: 'num', min, max });
const date = { k: 'date' };
const instant = { k: 'instant' };
const dateOrInstant = { k: 'dateOrInstant' };
const oid = { k: 'oid' };

const InstanceId = obj('InstanceId', { root: req(oid), extension: opt(text()) });
const Period = obj('Period', { start: opt(dateOrInstant), end: opt(dateOrInstant) });
/** Coding bound to a value set (kit JDV key); `pcs`: an INSEE PCS profession is also accepted. */
const coding = (jdv, extra = {}) => ({ ...obj('Coding', { code: req(text()), codeSystem: opt(oid), displayName: opt(text()) }), jdv, ...extra });
const codedOrText = (jdv) => obj('CodedOrText', { coding: opt(coding(jdv)), text: opt(text()) }, { minProperties: 1 });
const Address = obj(
  'Address',
  Object.fromEntries([
    ['use', opt(en('H', 'HP', 'HV', 'WP', 'TMP'))],
    ...['houseNumber', 'streetNameType', 'streetName', 'additionalLocator', 'unitId', 'postBox', 'postalCode', 'city', 'county', 'state', 'country'].map((k) => [k, opt(text())]),
    ['lines', opt(arr(text(), { min: 1, max: 7 }))],
  ]),
  { minProperties: 1 },
);
const Telecom = obj('Telecom', {
  scheme: req(en('tel', 'fax', 'mailto', 'http', 'https', 'ftp', 'mllp')),
  value: req(text()),
  use: opt(en('H', 'HP', 'HV', 'WP', 'DIR', 'PUB', 'EC', 'MC', 'PG')),
});
const PersonName = obj('PersonName', {
  family: req(text()), given: opt(text()), prefix: opt(en('M', 'MME')), suffix: opt(en('DR', 'MC', 'MG', 'PC', 'PG', 'PR')),
});
const Organization = obj(
  'Organization',
  { idNatStruct: opt(str({ idNatStruct: true })), name: opt(text()), telecoms: opt(arr(Telecom)), address: opt(Address), practiceSetting: opt(coding('J04')) },
  { minProperties: 1 },
);
const actor = (pcs) =>
  obj(
    'Actor',
    {
      idNatPs: opt(str({ idNatPs: true })), profession: opt(coding('J01', { pcs })), name: opt(PersonName),
      address: opt(Address), telecoms: opt(arr(Telecom)), organization: opt(Organization),
    },
    { minProperties: 1 },
  );
const Actor = actor(false);
const HealthProfessional = obj('HealthProfessional', {
  idNatPs: req(str({ idNatPs: true })), profession: opt(coding('J01')), name: req(PersonName),
  address: opt(Address), telecoms: opt(arr(Telecom)), organization: opt(Organization),
});
const Ins = obj('Ins', { kind: req(en('NIR', 'NIA')), value: req(str({ pattern: /^[0-9A-Z]{15}$/ })), environment: opt(en('production', 'test', 'demo')) });
const Guardian = obj('Guardian', {
  person: opt(obj(null, { family: req(text()), familyQualifier: opt(en('BR', 'SP', 'CL')), given: opt(text()), prefix: opt(en('M', 'MME')) })),
  organization: opt(obj(null, { idNatStruct: req(str({ idNatStruct: true })), name: opt(text()) })),
  address: opt(Address),
  telecoms: opt(arr(Telecom)),
});
const PatientIdentity = obj('PatientIdentity', {
  ins: opt(Ins),
  localIds: opt(arr(InstanceId)),
  birthFamilyName: req(text()),
  birthGivenNames: req(text()),
  firstBirthGivenName: opt(text()),
  usedFamilyName: opt(text()),
  usedGivenName: opt(text()),
  gender: req(en('F', 'M', 'UN')),
  birthDate: req(date),
  birthPlace: opt(obj(null, { cogCode: req(str({ pattern: /^(?:[0-9]{2}|2A|2B)[0-9]{3}$/ })), city: opt(text()) })),
  addresses: opt(arr(Address)),
  telecoms: opt(arr(Telecom)),
  deceased: opt(obj(null, { deceased: req(bool), date: opt(date) })),
  guardians: opt(arr(Guardian)),
});
const RelatedPerson = obj('RelatedPerson', { relationship: opt(coding('J11')), name: req(PersonName), address: opt(Address), telecoms: opt(arr(Telecom)) });
const DocumentHeader = obj('DocumentHeader', {
  id: opt(InstanceId), setId: opt(InstanceId), versionNumber: opt(int(1)), replaces: opt(InstanceId),
  effectiveTime: opt(instant), title: opt(text()), confidentiality: opt(en('N', 'R', 'V')),
});
const DocumentAuthor = obj('DocumentAuthor', { professional: req(HealthProfessional), time: opt(instant), functionCode: opt(coding('J47')), functionComment: opt(text()) });
const Signer = obj('Signer', { professional: req(HealthProfessional), time: opt(instant) });
const Encounter = obj('Encounter', { facilityType: req(coding('J02')), facility: opt(Organization), period: opt(Period), type: opt(coding('J142')), ids: opt(arr(InstanceId)) });
const Custodian = obj('Custodian', { idNatStruct: req(str({ idNatStruct: true })), name: opt(text()), telecoms: opt(arr(Telecom, { max: 1 })), address: opt(Address) });
const header = {
  document: opt(DocumentHeader), author: req(DocumentAuthor), legalAuthenticator: opt(Signer), custodian: req(Custodian),
  encounter: req(Encounter), patient: req(PatientIdentity), trustedPerson: opt(RelatedPerson), emergencyContacts: opt(arr(RelatedPerson)),
};

const Tnm = obj('Tnm', { date: opt(date), stage: opt(text()), version: opt(en('7', '8')), t: opt(text()), n: opt(text()), m: opt(text()) });
const CancerDiagnosis = obj('CancerDiagnosis', {
  status: opt(en('active', 'suspended', 'aborted', 'completed')),
  diagnosisDate: opt(date),
  endDate: opt(date),
  topography: req(codedOrText('TUMEUR')),
  laterality: opt(coding('LATERALITE')),
  morphology: req(codedOrText('MORPHO')),
  tnm: opt(Tnm),
  otherStages: opt(arr(obj(null, { text: req(text()), classificationName: opt(text()), classificationVersion: opt(text()) }))),
  comment: opt(text()),
});
const CancerPhase = obj('CancerPhase', {
  phase: req(en('MED-268', 'MED-244')),
  date: opt(date),
  comment: opt(text()),
  progression: req(obj(null, { observed: req(bool), date: opt(date), local: opt(bool), regional: opt(bool), distant: opt(bool) })),
});
const statusCoding = coding('STATUT');

// PPS
const comment = () => opt(text());
const OrganizationRole = obj(null, { organization: req(Organization), comment: comment() });
const ContactAtOrganization = obj(null, { contact: opt(PersonName), organization: req(Organization), comment: comment() });
const PpsCareNetwork = obj('PpsCareNetwork', {
  referenceFacilities: opt(arr(obj(null, { organization: req(Organization), period: opt(Period), comment: comment() }))),
  careTeam: opt(arr(obj(null, { professional: req(HealthProfessional), comment: comment() }))),
  accommodationCentre: opt(OrganizationRole),
  coordinationCentre3C: req(OrganizationRole),
  localProfessionals: opt(arr(obj(null, { actor: req(Actor), comment: comment() }))),
  healthMediator: opt(obj(null, { person: req(PersonName), organization: opt(Organization), address: opt(Address), telecoms: opt(arr(Telecom)), comment: comment() })),
  generalPractitioner: req(obj(null, { professional: opt(HealthProfessional), comment: comment() })),
  cityHospitalCoordination: opt(arr(ContactAtOrganization)),
  regionalCancerNetworks: opt(arr(OrganizationRole)),
  socialOrganisations: opt(arr(ContactAtOrganization)),
  supportStructures: opt(arr(ContactAtOrganization)),
});
const careAct = (jdv, list) =>
  obj(
    'PpsCareAct',
    {
      type: req(coding(jdv)),
      typePrecision: comment(),
      performed: req(en('done', 'planned')),
      statusCode: opt(en('completed', 'active', 'aborted', 'cancelled')),
      confirmedPeriod: opt(Period),
      plannedPeriod: opt(Period),
      rhythm: comment(),
      atHome: opt(bool),
      administrationRoute: opt(coding('VOIE')),
      notableSideEffects: comment(),
      performers: opt(arr(actor(true))),
      comment: comment(),
      weight: opt(obj(null, { valueKg: req(num(0, 700)), date: req(date) })),
      habitus: opt(obj(null, { code: req(coding('HABITUS')), statusText: req(text()), date: opt(date) })),
    },
    { list },
  );
const acts = (jdv, list) => opt(arr(careAct(jdv, list)));
const PpsDocument = obj('PpsDocument', {
  ...header,
  careNetwork: req(PpsCareNetwork),
  patientComment: comment(),
  paediatrics: opt(obj(null, { isPaediatric: req(bool), comment: comment(), reason: comment() })),
  tumours: req(arr(CancerDiagnosis, { min: 1 })),
  discovery: req(obj(null, { viaScreening: req(bool), date: opt(date) })),
  phase: opt(CancerPhase),
  therapeuticProgramme: req(
    obj(null, {
      treatments: acts('TRAIT_PPS', 'treatments'),
      sideEffectManagement: acts('EFFETS', 'sideEffectManagement'),
      associatedMeasures: acts('MESURES', 'associatedMeasures'),
      followUp: acts('SUIVI', 'followUp'),
      stopAllActiveTreatments: opt(obj(null, { date: req(date), comment: comment() })),
    }),
  ),
  supportiveCare: req(obj(null, { supportiveCare: acts('SUPPORT', 'supportiveCare'), socialSupport: acts('SOCIAL', 'socialSupport') })),
  status: req(
    obj(null, {
      status: opt(statusCoding),
      statusDate: opt(dateOrInstant),
      comment: comment(),
      updateReason: opt(obj(null, { reason: req(coding('MAJ')), precision: comment() })),
      rcpDate: req(date),
      handover: opt(obj(null, { date: req(date), announcementConsultationDate: req(date), by: opt(Actor) })),
    }),
  ),
  referencedDocuments: req(arr(obj(null, { id: req(InstanceId), label: req(text()) }), { min: 1 })),
  privacyNotice: opt(obj(null, { establishmentText: comment() })),
});

// FRCP
const RcpMeeting = obj('RcpMeeting', {
  denomination: req(text()),
  meetingTime: req(instant),
  rrcId: req(text()),
  managerId: req(text()),
  rcpId: req(text()),
  sessionId: opt(InstanceId),
  localIds: opt(arr(InstanceId)),
  encounterType: opt(coding('J142')),
  facility: req(Organization),
  registration: opt(obj(null, { id: req(InstanceId), comment: comment() })),
  primaryTumourTopography: opt(codedOrText('TUMEUR')),
  coordinator: req(obj(null, { professional: req(HealthProfessional), comment: comment() })),
  requester: opt(HealthProfessional),
  presenter: opt(HealthProfessional),
  generalPractitioner: req(obj(null, { professional: opt(HealthProfessional) })),
  quorumMembers: req(arr(HealthProfessional)),
  otherAttendees: opt(arr(Actor)),
  correspondents: opt(arr(HealthProfessional)),
});
const RcpDiscussion = obj('RcpDiscussion', {
  nature: req(en('ORG-117', 'ORG-132')),
  apparatus: opt(coding('APPAREIL')),
  organs: opt(arr(coding('ORGANE'), { min: 1 })),
  careType: opt(coding('SOINS_FRCP')),
  isRecourseRcp: req(bool),
  isPaediatricRcp: req(bool),
  typeComment: comment(),
  reason: req(
    obj(null, {
      diagnosticOpinion: req(bool), treatmentProposal: req(bool), recourse: req(bool), paediatrics: req(bool),
      caseStatus: req(en('ORG-128', 'ORG-134')), comment: comment(), reasonText: req(text()), date: opt(date),
    }),
  ),
});
const ReportConclusion = obj('ReportConclusion', {
  transcribedBy: req(HealthProfessional),
  period: opt(Period),
  conclusion: req(text()),
  performer: req(HealthProfessional),
  originalAuthor: opt(obj(null, { professional: req(HealthProfessional), time: opt(instant) })),
  sampler: opt(HealthProfessional),
  samplingDate: opt(date),
  examTitle: comment(),
  comment: comment(),
});
const treatmentType = coding('TRAIT_FRCP');
const DatedLabel = obj(null, { date: opt(date), label: req(text()) });
const FrcpDocument = obj('FrcpDocument', {
  ...header,
  meeting: req(RcpMeeting),
  discussion: req(RcpDiscussion),
  discovery: req(obj(null, { viaScreening: req(bool), date: opt(date) })),
  tumours: req(arr(CancerDiagnosis, { min: 1 })),
  medicalHistory: opt(arr(DatedLabel, { min: 1 })),
  comorbidities: opt(arr(DatedLabel, { min: 1 })),
  functionalStatus: opt(
    obj(null, {
      pain: opt(obj(null, { date: opt(date), score: opt(int(0, 10)) })),
      whoPerformance: opt(obj(null, { date: req(date), stage: req(en('MED-240', 'MED-264', 'MED-265', 'MED-266', 'MED-267')) })),
      geriatricScreening: opt(obj(null, { date: req(date), score: req(int(0, 1000)), toolName: req(text()) })),
    }),
  ),
  examResults: opt(obj(null, { items: req(arr(obj(null, { date: opt(date), exam: req(text()), result: req(text()) }), { min: 1 })), comment: comment() })),
  phase: req(CancerPhase),
  pastTreatments: opt(
    arr(obj(null, { type: req(treatmentType), precision: comment(), period: opt(Period), status: req(en('completed', 'active', 'cancelled')), comment: comment() }), { min: 1 }),
  ),
  surgeryReport: opt(ReportConclusion),
  pathologyReport: opt(ReportConclusion),
  molecularReports: opt(arr(ReportConclusion)),
  caseSummary: req(obj(null, { summaryAndQuestion: req(text()), otherData: comment() })),
  recordStatus: req(obj(null, { complete: req(bool), quorum: req(coding('QUORUM')), comment: comment() })),
  proposal: req(
    obj(null, {
      recourseRcpRequested: opt(bool),
      examRequests: opt(arr(obj(null, { label: req(text()), earliest: opt(date), latest: opt(date) }))),
      surveillanceOnly: opt(bool),
      treatments: opt(arr(obj(null, { sequence: req(int(1)), type: req(treatmentType), label: comment(), period: opt(Period) }))),
      comment: comment(),
    }),
  ),
  framework: req(
    obj(null, {
      guidelines: opt(arr(obj(null, { nameAndVersion: req(text()), date: opt(date) }))),
      clinicalTrialProposed: opt(bool),
      comment: comment(),
    }),
  ),
  patientComment: comment(),
  status: req(obj(null, { status: opt(statusCoding), date: opt(dateOrInstant), comment: comment() })),
});
const ROOTS = { pps: PpsDocument, frcp: FrcpDocument };

// ───────────────────────────── helpers ─────────────────────────────
const errors = [];
const warnings = [];
const notes = [];
const err = (file, p, msg) => errors.push(`${file}: ${p || '(racine)'} — ${msg}`);
const warn = (file, p, msg) => warnings.push(`${file}: ${p || '(racine)'} — ${msg}`);

const DATE_RE = /^([0-9]{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?)?$/;
const INSTANT_RE = /^([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?(Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$/;
const OID_RE = /^(?:[0-2](?:\.(?:0|[1-9][0-9]*))+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const realDay = (y, m, d) => {
  const dt = new Date(Date.UTC(+y, +m - 1, +d));
  return dt.getUTCFullYear() === +y && dt.getUTCMonth() === +m - 1 && dt.getUTCDate() === +d;
};
/** Europe/Paris offset ("+01:00"/"+02:00") of a UTC instant. */
const parisOffset = (utcMs) => {
  const part = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' })
    .formatToParts(new Date(utcMs))
    .find((p) => p.type === 'timeZoneName').value; // "GMT+01:00"
  return part === 'GMT' ? '+00:00' : part.slice(3);
};
/** [start, end) span in ms of a partial date or instant, for ordering checks. */
function span(v) {
  let m = INSTANT_RE.exec(v);
  if (m) {
    const t = Date.parse(v);
    return [t, t + 1];
  }
  m = DATE_RE.exec(v);
  if (!m) return null;
  const [, y, mo, d] = m;
  if (d) return [Date.UTC(+y, +mo - 1, +d), Date.UTC(+y, +mo - 1, +d + 1)];
  if (mo) return [Date.UTC(+y, +mo - 1, 1), Date.UTC(+y, +mo, 1)];
  return [Date.UTC(+y, 0, 1), Date.UTC(+y + 1, 0, 1)];
}
const before = (a, b) => {
  const sa = span(a), sb = span(b);
  return sa && sb && sb[1] <= sa[0]; // b entirely before a
};

function luhnSum(d) {
  let s = 0;
  for (let i = 0; i < d.length; i++) {
    let x = d.charCodeAt(d.length - 1 - i) - 48;
    if (i % 2 === 1) { x *= 2; if (x > 9) x -= 9; }
    s += x;
  }
  return s;
}
const luhnOk = (d) => /^\d+$/.test(d) && luhnSum(d) % 10 === 0;
function insKey(m13) {
  const dep = m13.slice(5, 7);
  const digits = dep === '2A' ? `${m13.slice(0, 5)}19${m13.slice(7)}` : dep === '2B' ? `${m13.slice(0, 5)}18${m13.slice(7)}` : m13;
  return String(97 - Number(BigInt(digits) % 97n)).padStart(2, '0');
}
function checkIdNatPs(v) {
  if (/^8\d{11}$/.test(v)) return luhnOk(v.slice(1)) ? null : 'clé de Luhn du RPPS invalide';
  if (/^0(?:\d{2}|2A|2B)\d{7}$/.test(v)) return /^\d+$/.test(v.slice(1)) ? (luhnOk(v.slice(1)) ? null : 'clé de Luhn de l’ADELI invalide') : null;
  return 'IdNat_PS attendu : "8" + RPPS (11 chiffres) ou "0" + ADELI (9 caractères)';
}
function checkIdNatStruct(v) {
  if (/^1(?:\d{2}|2A|2B)\d{7}$/.test(v)) {
    if (!/^\d+$/.test(v.slice(1))) return null; // Corsican FINESS: Luhn rule for 2A/2B undocumented, format only
    return luhnOk(v.slice(1)) ? null : 'clé de Luhn du FINESS invalide';
  }
  if (/^3\d{14}$/.test(v)) {
    if (!luhnOk(v.slice(1))) return 'clé de Luhn du SIRET invalide';
    return luhnOk(v.slice(1, 10)) ? null : 'clé de Luhn du SIREN contenu dans le SIRET invalide';
  }
  return 'IdNat_Struct attendu : "1" + FINESS (9 caractères) ou "3" + SIRET (14 chiffres)';
}

// ───────────────────────────── structural walk ─────────────────────────────
const coverage = new Map(); // key -> Set(file)
const enumUse = new Map(); // key -> Map(value -> count)
const allOptionalKeys = new Set();
const allEnumKeys = new Map();

function enumerate(schema, owner, rel, seen) {
  if (schema.k === 'arr') return enumerate(schema.s, owner, `${rel}[]`, seen);
  if (schema.k === 'enum') { allEnumKeys.set(`${owner}.${rel}`, schema.values); return; }
  if (schema.k !== 'obj') return;
  if (schema.name) {
    const sig = `${schema.name}`;
    if (seen.has(sig) && schema.name !== 'PpsDocument' && schema.name !== 'FrcpDocument') return;
    seen.add(sig);
    owner = schema.name;
    rel = '';
  }
  for (const [k, { required, s }] of Object.entries(schema.props)) {
    const key = `${owner}.${rel ? `${rel}.` : ''}${k}`;
    if (!required) allOptionalKeys.add(key);
    enumerate(s, owner, rel ? `${rel}.${k}` : k, seen);
  }
}
const seenTypes = new Set();
enumerate(PpsDocument, null, '', seenTypes);
enumerate(FrcpDocument, null, '', seenTypes);

const codings = []; // { file, path, value, schema }
const texts = []; // { file, path, value }
const idNatPsSeen = new Map(); // idNatPs -> { family, where }

function walk(file, schema, value, p, owner, rel) {
  switch (schema.k) {
    case 'obj': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return err(file, p, 'objet attendu');
      if (schema.name) { owner = schema.name; rel = ''; }
      for (const k of Object.keys(value)) if (!(k in schema.props)) err(file, `${p}.${k}`, 'propriété inconnue du modèle (objets fermés)');
      if (schema.minProperties && Object.keys(value).length < schema.minProperties) err(file, p, 'objet vide');
      for (const [k, { required, s }] of Object.entries(schema.props)) {
        const key = `${owner}.${rel ? `${rel}.` : ''}${k}`;
        if (!(k in value) || value[k] === undefined) {
          if (required) err(file, `${p}.${k}`, 'propriété obligatoire absente');
          continue;
        }
        if (!required) {
          if (!coverage.has(key)) coverage.set(key, new Set());
          coverage.get(key).add(file);
        }
        walk(file, s, value[k], p ? `${p}.${k}` : k, owner, rel ? `${rel}.${k}` : k);
      }
      if (schema.jdv) codings.push({ file, path: p, value, schema });
      if (schema.name === 'Address' && value.lines && Object.keys(value).some((k) => k !== 'lines' && k !== 'use'))
        err(file, p, 'adresse : lignes libres et parties structurées mélangées');
      if (schema.name === 'Telecom' && value.scheme === 'https')
        err(file, p, 'schéma "https" refusé par la structuration minimale CI-SIS (tel, fax, mailto, http, ftp, mllp)');
      if ((schema.name === 'HealthProfessional' || schema.name === 'Actor') && value.idNatPs && value.name) {
        const prev = idNatPsSeen.get(value.idNatPs);
        if (prev && prev.family !== value.name.family)
          err(file, `${p}.idNatPs`, `même RPPS/ADELI que ${prev.family} (${prev.where}) pour ${value.name.family}`);
        else if (!prev) idNatPsSeen.set(value.idNatPs, { family: value.name.family, where: `${file}: ${p}` });
      }
      return;
    }
    case 'arr':
      if (!Array.isArray(value)) return err(file, p, 'tableau attendu');
      if (schema.min && value.length < schema.min) err(file, p, `au moins ${schema.min} élément(s)`);
      if (schema.max && value.length > schema.max) err(file, p, `au plus ${schema.max} élément(s)`);
      value.forEach((v, i) => walk(file, schema.s, v, `${p}[${i}]`, owner, `${rel}[]`));
      return;
    case 'enum': {
      const key = `${owner}.${rel}`;
      if (!schema.values.includes(value)) return err(file, p, `valeur hors liste (${schema.values.join(', ')})`);
      if (!enumUse.has(key)) enumUse.set(key, new Map());
      enumUse.get(key).set(value, (enumUse.get(key).get(value) ?? 0) + 1);
      return;
    }
    case 'bool':
      if (typeof value !== 'boolean') err(file, p, 'booléen attendu');
      return;
    case 'int':
    case 'num':
      if (typeof value !== 'number' || (schema.k === 'int' && !Number.isInteger(value))) return err(file, p, 'nombre attendu');
      if (schema.min !== undefined && value < schema.min) err(file, p, `minimum ${schema.min}`);
      if (schema.max !== undefined && value > schema.max) err(file, p, `maximum ${schema.max}`);
      return;
    case 'oid':
      if (typeof value !== 'string' || !OID_RE.test(value)) err(file, p, 'OID ou UUID attendu');
      else if (/[A-F]/.test(value) && value.includes('-')) warn(file, p, 'UUID en majuscules (préférer les minuscules)');
      return;
    case 'date':
    case 'instant':
    case 'dateOrInstant': {
      if (typeof value !== 'string') return err(file, p, 'chaîne de date attendue');
      const d = DATE_RE.exec(value);
      const t = INSTANT_RE.exec(value);
      if (schema.k === 'date' && !d) return err(file, p, 'date partielle attendue (AAAA, AAAA-MM ou AAAA-MM-JJ)');
      if (schema.k === 'instant' && !t) return err(file, p, 'instant attendu (AAAA-MM-JJThh:mm[:ss]±hh:mm)');
      if (!d && !t) return err(file, p, 'date ou instant attendu');
      if (d && d[3] && !realDay(d[1], d[2], d[3])) err(file, p, 'date inexistante');
      if (t) {
        if (!realDay(t[1], t[2], t[3])) return err(file, p, 'date inexistante');
        const ms = Date.parse(`${t[1]}-${t[2]}-${t[3]}T${t[4]}:${t[5]}:${t[6] ?? '00'}${t[7]}`);
        const expected = parisOffset(ms);
        if (t[7] !== expected) err(file, p, `décalage horaire ${t[7]} incohérent avec l'heure de Paris à cette date (${expected})`);
      }
      return;
    }
    case 'str':
      if (typeof value !== 'string' || value.length === 0) return err(file, p, 'chaîne non vide attendue');
      if (XML_FORBIDDEN.test(value)) err(file, p, 'caractère interdit en XML');
      if (schema.pattern && !schema.pattern.test(value)) err(file, p, `format attendu ${schema.pattern}`);
      if (schema.idNatPs) { const e = checkIdNatPs(value); if (e) err(file, p, e); }
      if (schema.idNatStruct) { const e = checkIdNatStruct(value); if (e) err(file, p, e); }
      if (schema.text) texts.push({ file, path: p, value });
      return;
    default:
      throw new Error(`schéma inconnu ${schema.k}`);
  }
}

// ───────────────────────────── load the examples ─────────────────────────────
const examples = [];
for (const volet of ['pps', 'frcp']) {
  const dir = path.join(HERE, volet);
  if (!fs.existsSync(dir)) { errors.push(`dossier manquant : ${volet}/`); continue; }
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = `${volet}/${f}`;
    if (!/^\d{2}-[a-z0-9-]+\.json$/.test(f)) warn(file, '', 'nom attendu <nn>-<cas-en-minuscules>.json');
    let doc;
    try {
      doc = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    } catch (e) {
      err(file, '', `JSON invalide : ${e.message}`);
      continue;
    }
    examples.push({ volet, file, doc });
    walk(file, ROOTS[volet], doc, '', null, '');
  }
}

// ───────────────────────────── coded values ─────────────────────────────
let codingsFull = 0;
let codingsShort = 0;
for (const { file, path: p, value, schema } of codings) {
  if (typeof value.code !== 'string') continue;
  if (value.displayName !== undefined && value.codeSystem !== undefined) codingsFull++;
  else if (value.displayName === undefined && value.codeSystem === undefined) codingsShort++;
  if (schema.pcs && value.codeSystem === PCS_CODE_SYSTEM) {
    if (!/^\d{3}[a-z]$/.test(value.code)) err(file, p, 'code PCS INSEE attendu (3 chiffres + 1 lettre)');
    if (!value.displayName) err(file, p, 'profession PCS : libellé obligatoire (pas de JDV pour le compléter)');
    notes.push(`${file}: ${p} — profession PCS ${value.code} (hors JDV, non vérifiable dans le kit)`);
    continue;
  }
  const concepts = loadJdv(schema.jdv);
  if (!concepts) { err(file, p, `JDV introuvable : ${JDV[schema.jdv]}.xml (ANS_KIT_DIR=${KIT})`); continue; }
  const hits = concepts.filter((c) => c.code === value.code && (!value.codeSystem || c.codeSystem === value.codeSystem));
  if (hits.length === 0) {
    const other = concepts.some((c) => c.code === value.code);
    err(file, p, other ? `code ${value.code} présent dans ${JDV[schema.jdv]} mais avec un autre codeSystem` : `code ${value.code} absent de ${JDV[schema.jdv]}`);
    continue;
  }
  if (hits.length > 1) err(file, p, `code ${value.code} ambigu dans ${JDV[schema.jdv]} : précisez codeSystem`);
  if (value.displayName !== undefined && value.displayName !== hits[0].displayName)
    err(file, p, `libellé « ${value.displayName} » différent de celui du JDV « ${hits[0].displayName} »`);
}

// ───────────────────────────── identities and semantics ─────────────────────────────
const ageAt = (birth, when) => {
  const b = span(birth), w = span(when);
  if (!b || !w) return undefined;
  return (w[0] - b[0]) / (365.2425 * 24 * 3600 * 1000);
};
/** Date of the document: its effectiveTime, else (defaults) the meeting time or the PPS handover / RCP date, for ages only. */
const docDate = (e) =>
  e.doc.document?.effectiveTime ?? (e.volet === 'frcp' ? e.doc.meeting?.meetingTime : e.doc.status?.handover?.date ?? e.doc.status?.rcpDate);

const HABITUS_FOR = { 'MED-562': ['74011-8', '72166-2'], 'MED-563': ['74013-4'], 'MED-564': ['11343-1', '11345-6', '29556-8'] };
function periodOrder(file, p, per) {
  if (per?.start && per?.end && before(per.start, per.end)) err(file, p, 'fin de période antérieure au début');
}
function walkPeriods(file, v, p) {
  if (Array.isArray(v)) return v.forEach((x, i) => walkPeriods(file, x, `${p}[${i}]`));
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (/[Pp]eriod$/.test(k)) periodOrder(file, `${p}.${k}`, x);
      walkPeriods(file, x, p ? `${p}.${k}` : k);
    }
  }
}

for (const e of examples) {
  const { file, doc, volet } = e;
  const pat = doc.patient ?? {};
  walkPeriods(file, doc, '');
  // INS
  if (pat.ins && typeof pat.ins.value === 'string' && /^[0-9A-Z]{15}$/.test(pat.ins.value)) {
    const v = pat.ins.value;
    const m13 = v.slice(0, 13);
    if (!/^[1-8]\d{4}(?:\d{2}|2A|2B)\d{6}$/.test(m13)) err(file, 'patient.ins.value', 'matricule INS mal formé');
    else {
      if (insKey(m13) !== v.slice(13)) err(file, 'patient.ins.value', `clé INS invalide (attendue ${insKey(m13)})`);
      const sex = { 1: 'M', 7: 'M', 2: 'F', 8: 'F' }[v[0]];
      if (sex && pat.gender !== sex) err(file, 'patient.ins.value', `1er caractère (sexe) incohérent avec gender ${pat.gender}`);
      if (typeof pat.birthDate === 'string') {
        if (v.slice(1, 3) !== pat.birthDate.slice(2, 4)) err(file, 'patient.ins.value', 'année de naissance incohérente avec birthDate');
        const mm = +v.slice(3, 5);
        if (mm >= 1 && mm <= 12 && v.slice(3, 5) !== pat.birthDate.slice(5, 7)) err(file, 'patient.ins.value', 'mois de naissance incohérent avec birthDate');
      }
      if (pat.birthPlace?.cogCode && pat.birthPlace.cogCode !== v.slice(5, 10))
        err(file, 'patient.birthPlace.cogCode', `lieu de naissance incohérent avec l'INS (${v.slice(5, 10)})`);
    }
    if (!pat.birthPlace) err(file, 'patient.birthPlace', 'INS présent : lieu de naissance obligatoire (traits stricts)');
    if (typeof pat.birthDate === 'string' && pat.birthDate.length !== 10) err(file, 'patient.birthDate', 'INS présent : date de naissance complète obligatoire');
    if (pat.ins.kind === 'NIA' && (pat.ins.environment ?? 'production') !== 'production') err(file, 'patient.ins.environment', 'pas d’OID de test/démo pour un NIA');
  }
  // guardians
  (pat.guardians ?? []).forEach((g, i) => {
    if (!g.person === !g.organization) err(file, `patient.guardians[${i}]`, 'exactement une personne ou un organisme');
  });
  const approx = docDate(e);
  const age = approx && pat.birthDate ? ageAt(pat.birthDate, approx) : undefined;
  const when = doc.document?.effectiveTime; // exact date only: an absent effectiveTime means "now" at build time
  e.age = age;
  if (age !== undefined && age < 18 && !(pat.guardians?.length > 0)) warn(file, 'patient.guardians', 'patient mineur sans représentant légal');
  if (pat.deceased?.deceased === false && pat.deceased.date) err(file, 'patient.deceased.date', 'date de décès pour un patient non décédé');
  // versioning
  const d = doc.document ?? {};
  if ((d.versionNumber ?? 1) > 1 && (!d.setId || !d.replaces)) err(file, 'document', 'à partir de la version 2 : setId et replaces obligatoires');
  if ((d.versionNumber ?? 1) === 1 && d.replaces) err(file, 'document.versionNumber', 'replaces sans numéro de version > 1');
  if (volet === 'pps' && (d.versionNumber ?? 1) > 1 && !doc.status?.updateReason) err(file, 'status.updateReason', 'motif de mise à jour obligatoire à partir de la version 2');
  // tumours
  (doc.tumours ?? []).forEach((t, i) => {
    const tp = `tumours[${i}]`;
    if (['completed', 'aborted'].includes(t.status) !== Boolean(t.endDate)) err(file, `${tp}.endDate`, 'date de fin requise si et seulement si status completed/aborted');
    if (t.diagnosisDate && t.endDate && before(t.diagnosisDate, t.endDate)) err(file, `${tp}.endDate`, 'fin avant le diagnostic');
    if (volet === 'frcp' && !t.tnm) err(file, `${tp}.tnm`, 'TNM obligatoire dans la FRCP');
    if (when && t.diagnosisDate && span(t.diagnosisDate)[0] >= span(when)[1]) err(file, `${tp}.diagnosisDate`, 'diagnostic postérieur au document');
  });
  // phase
  const pr = doc.phase?.progression;
  if (pr?.observed && [pr.local, pr.regional, pr.distant].some((x) => x === undefined)) err(file, 'phase.progression', 'progression observée : local, regional et distant obligatoires');
  if (pr && !pr.observed && (pr.local || pr.regional || pr.distant)) err(file, 'phase.progression', 'localisations de progression sans progression observée');
  if (volet === 'pps') {
    const lists = [
      ...Object.entries(doc.therapeuticProgramme ?? {}).map(([k, v]) => [`therapeuticProgramme.${k}`, v]),
      ...Object.entries(doc.supportiveCare ?? {}).map(([k, v]) => [`supportiveCare.${k}`, v]),
    ];
    for (const [list, items] of lists) {
      if (!Array.isArray(items)) continue;
      items.forEach((a, i) => {
        const ap = `${list}[${i}]`;
        const code = a.type?.code;
        if (a.weight && code !== 'ORG-036') err(file, `${ap}.weight`, 'poids réservé à la prise en charge diététique (ORG-036)');
        if (a.habitus) {
          if (!HABITUS_FOR[code]) err(file, `${ap}.habitus`, 'habitus réservé aux soutiens au sevrage (MED-562/563/564)');
          else if (!HABITUS_FOR[code].includes(a.habitus.code?.code)) warn(file, `${ap}.habitus.code`, `habitus ${a.habitus.code?.code} inattendu pour ${code}`);
        }
        if (a.performed === 'done' && a.statusCode === 'active') warn(file, `${ap}.statusCode`, 'acte réalisé mais statut actif');
        if (a.performed === 'done' && !a.confirmedPeriod) warn(file, ap, 'acte réalisé sans dates confirmées');
        if (a.performed === 'done' && when && a.confirmedPeriod?.start && span(a.confirmedPeriod.start)[0] > span(when)[1])
          err(file, `${ap}.confirmedPeriod.start`, 'acte réalisé daté après le document');
      });
    }
    const s = doc.status ?? {};
    if (s.handover && before(s.handover.announcementConsultationDate, s.handover.date)) err(file, 'status.handover.date', 'remise antérieure à la consultation d’annonce');
    if (s.rcpDate && d.effectiveTime && span(s.rcpDate)[0] >= span(d.effectiveTime)[1]) err(file, 'status.rcpDate', 'RCP postérieure au document');
    const paed = doc.paediatrics?.isPaediatric;
    if (age !== undefined && age < 18 && paed !== true) warn(file, 'paediatrics', 'patient mineur sans section pédiatrie');
    if (age !== undefined && age >= 18 && paed === true) warn(file, 'paediatrics', 'patient majeur pris en charge en pédiatrie');
  } else {
    const dsc = doc.discussion ?? {};
    if (dsc.nature === 'ORG-117' && (!dsc.apparatus || !dsc.organs?.length || dsc.careType)) err(file, 'discussion', 'ORG-117 : appareil et organe(s), sans traitement/soins');
    if (dsc.nature === 'ORG-132' && (!dsc.careType || dsc.apparatus || dsc.organs)) err(file, 'discussion', 'ORG-132 : traitement/soins, sans appareil ni organe');
    if (dsc.reason?.caseStatus === 'ORG-128' && !doc.framework?.guidelines?.length) err(file, 'framework.guidelines', 'cas enregistré (ORG-128) : référentiel obligatoire');
    if (doc.meeting?.meetingTime && d.effectiveTime && span(doc.meeting.meetingTime)[0] > span(d.effectiveTime)[1]) err(file, 'meeting.meetingTime', 'réunion postérieure au document');
    if (dsc.isPaediatricRcp && age !== undefined && age >= 18) warn(file, 'discussion.isPaediatricRcp', 'RCP pédiatrique pour un patient majeur');
    for (const k of ['requester', 'presenter']) if (doc.meeting?.[k] && !doc.meeting[k].profession) warn(file, `meeting.${k}`, 'spécialité absente');
    if (doc.surgeryReport?.sampler || doc.surgeryReport?.samplingDate) err(file, 'surgeryReport', 'pas de préleveur dans un compte rendu opératoire');
  }
}

// versioning chains and cross-references between examples
const byId = new Map();
for (const e of examples) {
  const id = e.doc.document?.id;
  if (id) {
    const k = `${id.root}|${id.extension ?? ''}`;
    if (byId.has(k)) err(e.file, 'document.id', `même identifiant que ${byId.get(k).file}`);
    byId.set(k, e);
  }
}
const idKey = (id) => `${id.root}|${id.extension ?? ''}`;
let versionPairs = 0;
for (const e of examples) {
  const d = e.doc.document ?? {};
  if (d.replaces && byId.has(idKey(d.replaces))) {
    const prev = byId.get(idKey(d.replaces));
    const pd = prev.doc.document;
    if (!pd.setId || !d.setId || idKey(pd.setId) !== idKey(d.setId)) err(e.file, 'document.setId', `setId différent de celui de la version remplacée (${prev.file})`);
    if ((pd.versionNumber ?? 1) + 1 !== d.versionNumber) err(e.file, 'document.versionNumber', `doit suivre celui de ${prev.file}`);
    if (pd.effectiveTime && d.effectiveTime && span(pd.effectiveTime)[0] >= span(d.effectiveTime)[0]) err(e.file, 'document.effectiveTime', 'version antérieure à la version remplacée');
    versionPairs++;
  }
  for (const [i, r] of (e.doc.referencedDocuments ?? []).entries()) {
    const target = byId.get(idKey(r.id));
    if (!target) continue;
    const a = e.doc.patient, b = target.doc.patient;
    if (a.birthFamilyName !== b.birthFamilyName || a.birthDate !== b.birthDate || a.ins?.value !== b.ins?.value)
      err(e.file, `referencedDocuments[${i}]`, `${target.file} concerne un autre patient`);
    notes.push(`${e.file} référence ${target.file}`);
  }
}

// ───────────────────────────── scenario checklist ─────────────────────────────
const pps = examples.filter((e) => e.volet === 'pps');
const frcp = examples.filter((e) => e.volet === 'frcp');
const any = (list, pred) => list.some(pred);
const anyText = (pred) => texts.some((t) => pred(t.value));
const scenarios = [
  ['au moins 10 PPS', pps.length >= 10],
  ['au moins 6 FRCP', frcp.length >= 6],
  ['RCP Appareil - Organes (ORG-117)', any(frcp, (e) => e.doc.discussion?.nature === 'ORG-117')],
  ['RCP Transversale (ORG-132)', any(frcp, (e) => e.doc.discussion?.nature === 'ORG-132')],
  ['RCP de recours (discussion.isRecourseRcp)', any(frcp, (e) => e.doc.discussion?.isRecourseRcp === true)],
  ['passage en RCP de recours proposé (proposal.recourseRcpRequested)', any(frcp, (e) => e.doc.proposal?.recourseRcpRequested === true)],
  ['surveillance seule proposée', any(frcp, (e) => e.doc.proposal?.surveillanceOnly === true)],
  ['RCP pédiatrique', any(frcp, (e) => e.doc.discussion?.isPaediatricRcp === true)],
  ['plusieurs propositions thérapeutiques séquencées (1 et 2)', any(frcp, (e) => new Set((e.doc.proposal?.treatments ?? []).map((t) => t.sequence)).size >= 2)],
  ['essai clinique proposé', any(frcp, (e) => e.doc.framework?.clinicalTrialProposed === true)],
  ['cas enregistré (ORG-128) avec référentiel', any(frcp, (e) => e.doc.discussion?.reason?.caseStatus === 'ORG-128')],
  ['INS-NIA', any(examples, (e) => e.doc.patient?.ins?.kind === 'NIA')],
  ['au moins 2 INS-NIR de test', examples.filter((e) => e.doc.patient?.ins?.kind === 'NIR' && e.doc.patient.ins.environment === 'test').length >= 2],
  ['INS-NIR de test né en Corse (2A/2B)', any(examples, (e) => e.doc.patient?.ins?.environment === 'test' && /^.{5}2[AB]/.test(e.doc.patient.ins.value))],
  ['INS-NIR de démonstration', any(examples, (e) => e.doc.patient?.ins?.environment === 'demo')],
  ['patient sans INS (identifiants locaux seuls)', any(examples, (e) => !e.doc.patient?.ins && e.doc.patient?.localIds?.length)],
  ['patient mineur avec représentant légal personne', any(examples, (e) => e.age < 18 && e.doc.patient.guardians?.some((g) => g.person))],
  ['représentant légal organisme (ASE / tutelle)', any(examples, (e) => e.doc.patient?.guardians?.some((g) => g.organization))],
  ['patient décédé', any(examples, (e) => e.doc.patient?.deceased?.deceased === true)],
  ['PPS version ≥ 2 reliée à sa version précédente (même setId, replaces = id)', versionPairs >= 1],
  ['PPS version 2 avec motif de mise à jour', any(pps, (e) => e.doc.document?.versionNumber === 2 && e.doc.status?.updateReason)],
  ['au moins 2 exemples sans document.id / setId / effectiveTime (valeurs par défaut)', examples.filter((e) => !e.doc.document?.id && !e.doc.document?.setId && !e.doc.document?.effectiveTime).length >= 2],
  ['plusieurs traitements réalisés et prévus dans un même PPS', any(pps, (e) => { const t = e.doc.therapeuticProgramme?.treatments ?? []; return t.filter((a) => a.performed === 'done').length >= 2 && t.filter((a) => a.performed === 'planned').length >= 2; })],
  ['phase de rechute avec progression', any(examples, (e) => e.doc.phase?.phase === 'MED-244' && e.doc.phase.progression?.observed)],
  ['topographie et morphologie en texte libre seul', any(examples, (e) => e.doc.tumours?.some((t) => !t.topography?.coding) ) && any(examples, (e) => e.doc.tumours?.some((t) => !t.morphology?.coding))],
  ['plusieurs tumeurs dans un document', any(examples, (e) => (e.doc.tumours ?? []).length >= 2)],
  ['texte libre > 2 000 caractères avec retours à la ligne', anyText((v) => v.length > 2000 && v.includes('\n'))],
  ['caractères < & " \' > dans les textes libres', ['<', '&', '"', "'", '>'].every((c) => anyText((v) => v.includes(c)))],
  ['emoji dans un texte', anyText((v) => /\p{Extended_Pictographic}/u.test(v))],
  ['écriture non latine dans un texte', anyText((v) => /[\p{Script=Arabic}\p{Script=Cyrillic}\p{Script=Han}\p{Script=Hebrew}]/u.test(v))],
  ['soins de support : douleur, nutrition (poids), tabac (habitus), soutien psychologique, APA', ['ORG-035', 'ORG-036', 'MED-562', 'ORG-037', 'ORG-175'].every((c) => any(pps, (e) => (e.doc.supportiveCare?.supportiveCare ?? []).some((a) => a.type?.code === c)))],
  ['codings complets (codeSystem + displayName) et abrégés (code seul) tous deux présents', codingsFull > 0 && codingsShort > 0],
];

// ───────────────────────────── drift against the published JSON Schemas ─────────────────────────────
const drift = [];
for (const [volet, root] of Object.entries(ROOTS)) {
  const file = path.join(HERE, '..', 'schema', `${volet}.schema.json`);
  if (!fs.existsSync(file)) { notes.push(`schéma publié absent : schema/${volet}.schema.json (contrôle de dérive ignoré)`); continue; }
  const js = JSON.parse(fs.readFileSync(file, 'utf8'));
  const resolve = (s) => (s.$ref ? js.$defs[s.$ref.split('/').pop()] : s);
  const cmp = (mine, theirs, where, seen) => {
    theirs = resolve(theirs);
    if (mine.k === 'arr') return theirs.items ? cmp(mine.s, theirs.items, `${where}[]`, seen) : drift.push(`${volet}: ${where} n'est plus un tableau`);
    if (mine.k !== 'obj') return;
    if (!theirs.properties) return drift.push(`${volet}: ${where} n'est plus un objet`);
    const sig = `${mine.name ?? where}`;
    if (mine.name && seen.has(sig)) return;
    seen.add(sig);
    const req = new Set(theirs.required ?? []);
    for (const k of Object.keys(theirs.properties)) if (!(k in mine.props)) drift.push(`${volet}: ${where}.${k} ajouté au modèle (absent de ce script)`);
    for (const [k, { required, s }] of Object.entries(mine.props)) {
      if (!(k in theirs.properties)) { drift.push(`${volet}: ${where}.${k} retiré du modèle`); continue; }
      if (required !== req.has(k)) drift.push(`${volet}: ${where}.${k} est maintenant ${req.has(k) ? 'obligatoire' : 'facultatif'}`);
      cmp(s, theirs.properties[k], `${where}.${k}`, seen);
    }
  };
  cmp(root, js, root.name, new Set());
}
// The published schemas are regenerated by the package build: they may lag behind src/model.
// A difference means either a stale schema (npm run build) or a model change this script must follow.
for (const d of drift) warnings.push(`dérive entre ce script et le schéma publié — ${d}`);

// ───────────────────────────── report ─────────────────────────────
const out = [];
out.push(`Exemples : ${pps.length} PPS, ${frcp.length} FRCP (kit ANS : ${KIT})`);
for (const e of examples) {
  const c = codings.filter((x) => x.file === e.file);
  const full = c.filter((x) => x.value.displayName !== undefined && x.value.codeSystem !== undefined).length;
  const shortC = c.filter((x) => x.value.displayName === undefined && x.value.codeSystem === undefined).length;
  const withSystem = c.filter((x) => x.value.displayName === undefined && x.value.codeSystem !== undefined).length;
  const style =
    full === c.length ? 'codings complets' : shortC === c.length ? 'codes seuls' : withSystem === c.length ? 'code + codeSystem' : `mixte (${full}/${c.length} complets)`;
  const ins = e.doc.patient?.ins ? `${e.doc.patient.ins.kind} ${e.doc.patient.ins.environment ?? 'production'}` : 'sans INS';
  out.push(`  ${e.file.padEnd(72)} ${ins.padEnd(16)} ${style}`);
}
const missing = [...allOptionalKeys].filter((k) => !coverage.has(k)).sort();
out.push('');
out.push(`Couverture des propriétés facultatives : ${allOptionalKeys.size - missing.length}/${allOptionalKeys.size}`);
if (process.argv.includes('--verbose'))
  for (const k of [...allOptionalKeys].sort()) out.push(`  ${coverage.has(k) ? '✔' : '✘'} ${k.padEnd(70)} ${coverage.has(k) ? [...coverage.get(k)].length : 0}`);
for (const k of missing) errors.push(`propriété facultative jamais utilisée : ${k}`);
out.push('');
out.push('Valeurs énumérées utilisées (information) :');
for (const [k, values] of [...allEnumKeys].sort()) {
  const used = enumUse.get(k) ?? new Map();
  const unused = values.filter((v) => !used.has(v));
  out.push(`  ${k.padEnd(58)} ${values.filter((v) => used.has(v)).join(' ')}${unused.length ? `   (non utilisées : ${unused.join(' ')})` : ''}`);
}
out.push('');
out.push(`Codings : ${codings.length} (${codingsFull} avec codeSystem + displayName, ${codingsShort} code seul), vérifiés dans ${Object.keys(JDV).length} JDV du kit`);
out.push('');
out.push('Scénarios :');
for (const [label, ok] of scenarios) {
  out.push(`  ${ok ? '✔' : '✘'} ${label}`);
  if (!ok) errors.push(`scénario non couvert : ${label}`);
}
if (notes.length && process.argv.includes('--verbose')) {
  out.push('');
  out.push('Notes :');
  for (const n of notes) out.push(`  ${n}`);
}
if (warnings.length) {
  out.push('');
  out.push(`Avertissements (${warnings.length}) :`);
  for (const w of warnings) out.push(`  ! ${w}`);
}
out.push('');
if (errors.length) {
  out.push(`ÉCHEC : ${errors.length} problème(s)`);
  for (const e of errors) out.push(`  ✘ ${e}`);
} else out.push('OK : exemples valides, toutes les propriétés facultatives et tous les scénarios sont couverts.');
console.log(out.join('\n'));
process.exit(errors.length ? 1 : 0);
