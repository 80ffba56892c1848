// French (first) and English texts of the PPS fields specific to this volet: the section
// titles of <pps-editor>, the care network, the therapeutic programme, status and mentions.
// Shared header/identity/oncology texts are in ./shared.ts; an editor looks these up under
// the `pps/` prefix first, so that they never clash with the FRCP's.
import type { Pair, VoletStrings } from './types.js';

const sections: Record<string, Pair> = {
  patient: ['Patient et contexte de prise en charge', 'Patient and care context'],
  diagnosis: ['Diagnostic', 'Diagnosis'],
  programme: ['Programme thérapeutique', 'Therapeutic programme'],
  support: ['Soins de support et accompagnement social', 'Supportive care and social support'],
  followUp: ['Suivi', 'Follow-up'],
  team: ['Équipe et réseau de soins', 'Care team and network'],
  status: ['Statut, auteur et documents', 'Status, author and documents'],
  mentions: ['Mentions', 'Notices'],
};

const act = (fr: string, en: string): Pair => [fr, en];

const labels: Record<string, Pair> = {
  patientComment: ['Commentaire sur le patient', 'Comment on the patient'],
  paediatrics: ['Pédiatrie', 'Paediatrics'],
  'paediatrics.isPaediatric': ['Patient pris en charge en pédiatrie', 'Patient cared for in paediatrics'],
  'paediatrics.comment': ['Commentaire (pédiatrie)', 'Comment (paediatrics)'],
  'paediatrics.reason': ['Motif de la recommandation', 'Reason for the recommendation'],
  careNetwork: ['Réseau et équipe de soins', 'Care network and team'],
  referenceFacilities: ['Établissement(s) de santé de référence', 'Reference healthcare facilities'],
  careTeam: ["Professionnels de l'équipe de soins", 'Care team professionals'],
  'careTeam.comment': ["Rôle dans l'équipe (ex. « Responsable »)", 'Role in the team (e.g. "Lead")'],
  accommodationCentre: ["Centre d'hébergement", 'Accommodation centre'],
  coordinationCentre3C: ['Centre de coordination en cancérologie (3C)', 'Cancer coordination centre (3C)'],
  localProfessionals: ['Structures et professionnels de proximité', 'Local structures and professionals'],
  actor: ['Professionnel ou structure', 'Professional or organisation'],
  healthMediator: ['Médiateur de santé', 'Health mediator'],
  'healthMediator.person': ['Identité du médiateur', 'Name of the mediator'],
  generalPractitioner: ['Médecin traitant', 'General practitioner'],
  'generalPractitioner.professional': ['Médecin traitant (si connu)', 'General practitioner (when known)'],
  cityHospitalCoordination: ["Structure de coordination ou d'interface ville-hôpital", 'Community–hospital coordination structure'],
  regionalCancerNetworks: ['Réseau régional de cancérologie', 'Regional cancer network'],
  socialOrganisations: ["Organismes sociaux et de maintien dans l'emploi", 'Social and job-retention organisations'],
  supportStructures: ["Structures de soutien et d'information", 'Support and information structures'],
  contact: ['Personne à contacter', 'Contact person'],
  therapeuticProgramme: ['Programme thérapeutique et de suivi', 'Therapeutic and follow-up programme'],
  'therapeuticProgramme.treatments': ['Traitements', 'Treatments'],
  sideEffectManagement: [
    'Prévention et gestion médicamenteuse des effets secondaires',
    'Prevention and drug management of side effects',
  ],
  associatedMeasures: ['Mesures associées', 'Associated measures'],
  followUp: ['Suivi', 'Follow-up'],
  stopAllActiveTreatments: ['Arrêt de tous les traitements actifs', 'Stop of all active treatments'],
  'stopAllActiveTreatments.date': ["Date de l'arrêt", 'Date of the stop'],
  supportiveCare: ['Soins de support et accompagnement social', 'Supportive care and social support'],
  'supportiveCare.supportiveCare': ['Soins oncologiques de support', 'Supportive cancer care'],
  socialSupport: ['Accompagnement social ou socioprofessionnel', 'Social or socio-professional support'],
  // one care act
  type: act("Type d'acte", 'Type of act'),
  'treatments.type': ['Type de traitement', 'Type of treatment'],
  'sideEffectManagement.type': ["Type d'action", 'Type of action'],
  'associatedMeasures.type': ['Type de mesure', 'Type of measure'],
  'followUp.type': ['Type de suivi', 'Type of follow-up'],
  'supportiveCare.supportiveCare.type': ['Type de soin de support', 'Type of supportive care'],
  'socialSupport.type': ["Type d'accompagnement", 'Type of support'],
  typePrecision: ["Précision (protocole, nom de l'acte)", 'Precision (protocol, name of the act)'],
  performed: ['Réalisation', 'Carried out'],
  statusCode: ["Statut de l'acte", 'Status of the act'],
  confirmedPeriod: ['Dates confirmées', 'Confirmed dates'],
  plannedPeriod: ['Dates prévisionnelles', 'Planned dates'],
  rhythm: ['Rythme', 'Rhythm'],
  atHome: ['Réalisé à domicile', 'Carried out at home'],
  administrationRoute: ["Voie d'administration", 'Route of administration'],
  notableSideEffects: ['Effets indésirables notables', 'Notable side effects'],
  performers: ['Lieu et intervenants', 'Place and performers'],
  weight: ['Poids (prise en charge diététique)', 'Weight (dietary support)'],
  valueKg: ['Poids (kg)', 'Weight (kg)'],
  'weight.date': ['Date de la pesée', 'Date of weighing'],
  habitus: ['Habitus (soutien au sevrage)', 'Habit (withdrawal support)'],
  'habitus.code': ['Substance', 'Substance'],
  statusText: ['Statut de consommation', 'Consumption status'],
  'habitus.date': ["Date de l'évaluation", 'Date of assessment'],
  // status, documents, mentions
  status: ['Statut du document', 'Document status'],
  'status.statusDate': ['Date du statut', 'Date of the status'],
  'status.comment': ['Commentaire sur le document', 'Comment on the document'],
  updateReason: ['Motif de mise à jour', 'Update reason'],
  'updateReason.reason': ['Motif', 'Reason'],
  'updateReason.precision': ['Précision sur le motif', 'Precision on the reason'],
  rcpDate: ['Date de la RCP ayant décidé le programme', 'Date of the tumour board that decided the programme'],
  handover: ['Remise du PPS au patient', 'Handover of the PPS to the patient'],
  'handover.date': ['Date de remise', 'Date of handover'],
  announcementConsultationDate: ["Date de la consultation d'annonce", 'Date of the announcement consultation'],
  'handover.by': ['Remis par', 'Handed over by'],
  referencedDocuments: ['Documents référencés', 'Referenced documents'],
  'referencedDocuments.id': ['Identifiant du document', 'Identifier of the document'],
  'referencedDocuments.label': ['Description (ex. « Fiche RCP du 12/03/2024 »)', 'Description (e.g. "Tumour board record of 12/03/2024")'],
  privacyNotice: ['Information sur les données personnelles', 'Information on personal data'],
  establishmentText: ["Paragraphe d'information de l'établissement", "The establishment's information paragraph"],
};

const hints: Record<string, Pair> = {
  performed: [
    '« Réalisé » pour un acte déjà effectué ; « En cours ou à venir » sinon.',
    '"Done" for an act already carried out; "Ongoing or to come" otherwise.',
  ],
  statusCode: ['Par défaut : terminé si réalisé, actif si en cours ou à venir.', 'Default: completed when done, active when ongoing or to come.'],
  weight: [
    'Uniquement pour une prise en charge diététique et nutritionnelle (ORG-036).',
    'Only for a dietary and nutritional support act (ORG-036).',
  ],
  habitus: ['Uniquement pour un soutien au sevrage (MED-562, MED-563, MED-564).', 'Only for a withdrawal support act (MED-562, MED-563, MED-564).'],
  referencedDocuments: [
    'Au moins la fiche RCP qui a décidé du programme.',
    'At least the tumour board record that decided the programme.',
  ],
  updateReason: ['Obligatoire à partir de la version 2.', 'Required from version 2 on.'],
  establishmentText: [
    "Laisser vide pour le texte national ; les paragraphes de l'INCa suivent toujours.",
    'Leave empty for the national wording; the INCa paragraphs always follow.',
  ],
  coordinationCentre3C: ['Obligatoire.', 'Required.'],
};

const items: Record<string, Pair> = {
  referenceFacilities: ['Établissement de référence', 'Reference facility'],
  careTeam: ["Membre de l'équipe", 'Team member'],
  localProfessionals: ['Intervenant de proximité', 'Local professional'],
  cityHospitalCoordination: ['Structure de coordination', 'Coordination structure'],
  regionalCancerNetworks: ['Réseau régional', 'Regional network'],
  socialOrganisations: ['Organisme social', 'Social organisation'],
  supportStructures: ['Structure de soutien', 'Support structure'],
  'therapeuticProgramme.treatments': ['Traitement', 'Treatment'],
  sideEffectManagement: ['Action sur les effets secondaires', 'Side-effect action'],
  associatedMeasures: ['Mesure associée', 'Associated measure'],
  followUp: ['Acte de suivi', 'Follow-up act'],
  'supportiveCare.supportiveCare': ['Soin de support', 'Supportive care act'],
  socialSupport: ['Accompagnement', 'Support act'],
  performers: ['Intervenant', 'Performer'],
  referencedDocuments: ['Document référencé', 'Referenced document'],
};

const options: Record<string, Pair> = {
  'performed.done': ['Réalisé', 'Done'],
  'performed.planned': ['En cours ou à venir', 'Ongoing or to come'],
  'statusCode.completed': ['Terminé', 'Completed'],
  'statusCode.active': ['Actif', 'Active'],
  'statusCode.aborted': ['Interrompu', 'Aborted'],
  'statusCode.cancelled': ['Annulé', 'Cancelled'],
};

export const ppsFieldStrings: VoletStrings = {
  title: ['Programme Personnalisé de Soins', 'Personalised Care Programme (PPS)'],
  sections,
  labels,
  hints,
  items,
  options,
};
