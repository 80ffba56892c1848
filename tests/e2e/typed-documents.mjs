// What the end-to-end test types with the keyboard: a modest but realistic PPS and Fiche RCP
// (the fields the model requires, a tumour, two treatments / a proposal), written as a
// clinician would — codes typed into the pickers, dates, short free texts. The patient,
// author and custodian come from the page's context (<dcc-provider>), never typed.
// Kept apart from the test so a unit check can build and validate them (typed-documents.test.mjs).

/** The PPS typed into <pps-editor>: breast cancer after surgery, chemotherapy then radiotherapy planned. */
export const TYPED_PPS = {
  encounter: { facilityType: { code: 'SA36' } },
  careNetwork: {
    coordinationCentre3C: { organization: { idNatStruct: '1494809312', name: '3C ICO – CHU d’Angers' } },
    generalPractitioner: { comment: 'Dr Guérin, Angers' },
  },
  tumours: [
    {
      diagnosisDate: '2024-09-20',
      topography: { coding: { code: 'C50.4' }, text: 'Sein gauche, QSE' },
      morphology: { coding: { code: '8500/3' } },
    },
  ],
  discovery: { viaScreening: true },
  therapeuticProgramme: {
    treatments: [
      { type: { code: 'C15632' }, typePrecision: 'FEC 100 x 3 puis docétaxel x 3', performed: 'planned', plannedPeriod: { start: '2024-11-25' } },
      { type: { code: 'C15313' }, typePrecision: 'Sein gauche 50 Gy', performed: 'planned' },
    ],
  },
  supportiveCare: {},
  status: { rcpDate: '2024-11-05' },
  referencedDocuments: [{ id: { root: '1.2.250.1.213.1.1.9.49.4.1', extension: 'FRCP-2024-11-05-0087' }, label: 'Fiche RCP du 05/11/2024' }],
};

/** The Fiche RCP typed into <rcp-form>: the same patient's breast RCP, adjuvant chemotherapy then radiotherapy proposed. */
export const TYPED_FRCP = {
  encounter: { facilityType: { code: 'SA36' } },
  meeting: {
    denomination: 'RCP Sein ICO',
    meetingTime: '2024-11-05T12:30:00+01:00',
    rrcId: '5201',
    managerId: '520114',
    rcpId: '27011113',
    facility: { idNatStruct: '1492805973', name: 'ICO Paul Papin', address: { streetName: 'rue André Boquel', postalCode: '49055', city: 'Angers' } },
    coordinator: {
      professional: {
        idNatPs: '810806451737',
        name: { family: 'GARNIER', given: 'Rémi' },
        organization: { idNatStruct: '1492805973', practiceSetting: { code: 'ETABLISSEMENT' } },
      },
    },
    generalPractitioner: {},
    quorumMembers: [{ idNatPs: '810806451737', profession: { code: 'G15_10/SM36' }, name: { family: 'GARNIER', given: 'Rémi' } }],
  },
  // An organ RCP (breast: apparatus and organ), neither recourse nor paediatric, asked for a treatment proposal.
  discussion: {
    nature: 'ORG-117',
    apparatus: { code: '76752008' },
    organs: [{ code: '76752008' }],
    isRecourseRcp: false, isPaediatricRcp: false,
    reason: { diagnosticOpinion: false, treatmentProposal: true, recourse: false, paediatrics: false, caseStatus: 'ORG-134', reasonText: 'Traitement adjuvant ?' },
  },
  discovery: { viaScreening: true },
  tumours: [
    {
      diagnosisDate: '2024-09-20',
      topography: { coding: { code: 'C50.4' } },
      morphology: { coding: { code: '8500/3' } },
      tnm: { version: '8', t: 'T2', n: 'N1', m: 'M0' },
    },
  ],
  phase: { phase: 'MED-268', progression: { observed: false } },
  caseSummary: { summaryAndQuestion: 'Carcinome canalaire pT2 pN1a, opérée le 22/10/2024. Quel traitement adjuvant ?' },
  recordStatus: { complete: true, quorum: { code: 'ORG-126' } },
  proposal: {
    treatments: [
      { sequence: 1, type: { code: 'C15632' }, label: 'Chimiothérapie adjuvante' },
      { sequence: 2, type: { code: 'C15313' }, label: 'Radiothérapie' },
    ],
  },
  framework: {},
  status: {},
};
