// The sections of each volet as the editors show them (<pps-editor>, <rcp-form>): their ids
// (titles in the volet's `sections` strings) and the model paths each holds, in screen order.
// One source: the editors render from these tables and the problem messages of the API, the CLI
// and the preview name the same section titles.

/** One section: its id (title key) and the model paths it holds. */
export interface VoletSection {
  readonly id: string;
  readonly paths: readonly string[];
}

/** Sections as a clinician thinks of the PPS (pps-cda.md S1-S10 mapped to model paths). */
export const ppsSections: readonly VoletSection[] = [
  { id: 'patient', paths: ['patient', 'trustedPerson', 'emergencyContacts', 'patientComment', 'paediatrics', 'encounter'] },
  { id: 'diagnosis', paths: ['tumours', 'phase', 'discovery'] },
  {
    id: 'programme',
    paths: [
      'therapeuticProgramme.treatments',
      'therapeuticProgramme.sideEffectManagement',
      'therapeuticProgramme.associatedMeasures',
      'therapeuticProgramme.stopAllActiveTreatments',
    ],
  },
  { id: 'support', paths: ['supportiveCare.supportiveCare', 'supportiveCare.socialSupport'] },
  { id: 'followUp', paths: ['therapeuticProgramme.followUp'] },
  {
    id: 'team',
    paths: [
      'careNetwork.careTeam',
      'careNetwork.generalPractitioner',
      'careNetwork.referenceFacilities',
      'careNetwork.coordinationCentre3C',
      'careNetwork.accommodationCentre',
      'careNetwork.localProfessionals',
      'careNetwork.healthMediator',
      'careNetwork.cityHospitalCoordination',
      'careNetwork.regionalCancerNetworks',
      'careNetwork.socialOrganisations',
      'careNetwork.supportStructures',
    ],
  },
  { id: 'status', paths: ['status', 'referencedDocuments', 'author', 'legalAuthenticator', 'custodian', 'document'] },
  { id: 'mentions', paths: ['privacyNotice'] },
];

/** Sections F1-F18 of frcp-cda.md mapped to model paths, in the order of a tumour board. */
export const frcpSections: readonly VoletSection[] = [
  { id: 'meeting', paths: ['meeting', 'recordStatus'] },
  { id: 'patient', paths: ['patient', 'trustedPerson', 'emergencyContacts', 'encounter', 'patientComment'] },
  { id: 'reason', paths: ['discussion', 'caseSummary'] },
  {
    id: 'diagnosis',
    paths: [
      'tumours',
      'discovery',
      'phase',
      'functionalStatus',
      'medicalHistory',
      'comorbidities',
      'examResults',
      'pastTreatments',
      'surgeryReport',
      'pathologyReport',
      'molecularReports',
    ],
  },
  { id: 'proposal', paths: ['proposal', 'framework'] },
  { id: 'status', paths: ['status', 'author', 'legalAuthenticator', 'custodian', 'document'] },
];
