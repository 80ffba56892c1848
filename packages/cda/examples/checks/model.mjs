// The PPS and FRCP models, hand-written from src/model/*.ts on purpose: an independent second
// reading of the model (drift.mjs compares it with the published JSON Schemas).
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
export const PpsDocument = obj('PpsDocument', {
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
export const FrcpDocument = obj('FrcpDocument', {
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
export const ROOTS = { pps: PpsDocument, frcp: FrcpDocument };
