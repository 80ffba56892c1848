// French (first) and English texts of the Fiche RCP fields specific to this volet (meeting,
// quorum, reason, functional status, reports, proposal, framework). Shared header/identity/
// oncology labels come from @dcc-kit/elements; the `frcp/` prefix keeps keys apart from the PPS.
import { registerDefaultTranslation, toTranslations, type Pair } from '@dcc-kit/elements';

export const rcpSectionTitles: Record<string, Pair> = {
  meeting: ['Réunion et quorum', 'Meeting and quorum'],
  patient: ['Patient et contexte', 'Patient and context'],
  reason: ['Motif et question posée', 'Reason and question asked'],
  diagnosis: ['Diagnostic, TNM et état du patient', 'Diagnosis, TNM and patient status'],
  proposal: ['Proposition, référentiel et essai', 'Proposal, guidelines and trial'],
  status: ['Statut, auteur et document', 'Status, author and document'],
};

const WHO = [
  ['0 — Activité normale, sans restriction', '0 — Fully active, no restriction'],
  ['1 — Restreint pour les activités physiques soutenues', '1 — Restricted in strenuous activity'],
  ['2 — Ambulatoire, capable de se prendre en charge, alité moins de 50 % du temps', '2 — Ambulatory, self-care, up more than 50% of waking hours'],
  ['3 — Capable de soins limités, alité plus de 50 % du temps', '3 — Limited self-care, confined to bed or chair more than 50% of waking hours'],
  ['4 — Incapable de se prendre en charge, alité en permanence', '4 — Completely disabled, totally confined to bed or chair'],
] as const;

export const rcpLabels: Record<string, Pair> = {
  meeting: ['Réunion de concertation pluridisciplinaire', 'Multidisciplinary tumour board meeting'],
  denomination: ['Dénomination de la RCP', 'Name of the tumour board'],
  meetingTime: ['Date et heure de la réunion', 'Date and time of the meeting'],
  rrcId: ['Identifiant du réseau régional de cancérologie (RRC)', 'Id of the regional cancer network (RRC)'],
  managerId: ['Identifiant du gestionnaire de la RCP (3C)', 'Id of the tumour board manager (3C)'],
  rcpId: ['Identifiant national de la RCP', 'National id of the tumour board'],
  sessionId: ['Identifiant de la séance', 'Id of the session'],
  'meeting.localIds': ['Identifiants locaux de la RCP', 'Local ids of the tumour board'],
  encounterType: ['Type de rencontre', 'Encounter type'],
  'meeting.facility': ['Établissement organisant la RCP', 'Establishment organising the tumour board'],
  registration: ['Inscription du patient à la séance', 'Registration of the patient to the session'],
  'registration.id': ["Identifiant de l'inscription", 'Id of the registration'],
  'registration.comment': ["Commentaire sur l'inscription", 'Comment on the registration'],
  primaryTumourTopography: ['Topographie de la tumeur primitive', 'Topography of the primary tumour'],
  coordinator: ['Médecin coordonnateur de la RCP', 'Coordinating physician of the tumour board'],
  'coordinator.comment': ['Libellé (ex. « Médecin coordonnateur »)', 'Label (e.g. "Coordinating physician")'],
  requester: ["Demandeur de l'avis", 'Professional who asked for the opinion'],
  presenter: ['Présentateur du dossier', 'Professional who presented the case'],
  generalPractitioner: ['Médecin traitant', 'General practitioner'],
  'generalPractitioner.professional': ['Médecin traitant (si connu)', 'General practitioner (when known)'],
  quorumMembers: ['Membres du quorum', 'Quorum members'],
  otherAttendees: ['Autres participants', 'Other attendees'],
  correspondents: ['Destinataires en copie', 'Copy recipients'],
  discussion: ['Type et motif de la RCP', 'Type of tumour board and reason'],
  nature: ['Nature de la RCP', 'Kind of tumour board'],
  apparatus: ['Appareil', 'Apparatus'],
  organs: ['Organes', 'Organs'],
  careType: ['Traitement ou soin (RCP transversale)', 'Treatment or care (cross-disciplinary board)'],
  isRecourseRcp: ['RCP de recours', 'Referral tumour board'],
  isPaediatricRcp: ['RCP pédiatrique', 'Paediatric tumour board'],
  typeComment: ['Commentaire sur le type de RCP', 'Comment on the type of tumour board'],
  reason: ['Motif de la RCP', 'Reason for the tumour board'],
  diagnosticOpinion: ['Avis diagnostique', 'Diagnostic opinion'],
  treatmentProposal: ['Proposition de traitement (dont ajustement et surveillance)', 'Treatment proposal (incl. adjustment and surveillance)'],
  recourse: ['Recours', 'Referral'],
  'reason.paediatrics': ['Pédiatrie', 'Paediatrics'],
  caseStatus: ['Statut du cas', 'Status of the case'],
  'reason.comment': ['Commentaire sur le motif', 'Comment on the reason'],
  reasonText: ['Motif de présentation du dossier', 'Reason for presenting the case'],
  'reason.date': ['Date de la demande', 'Date of the request'],
  patientComment: ['Commentaires et précisions sur le patient', 'Comments and details on the patient'],
  medicalHistory: ['Antécédents médicaux notables', 'Notable medical history'],
  comorbidities: ['Comorbidités', 'Comorbidities'],
  functionalStatus: ['Évaluation du statut fonctionnel', 'Functional status assessment'],
  pain: ['Douleur', 'Pain'],
  'pain.date': ["Date de l'évaluation de la douleur", 'Date of the pain assessment'],
  'pain.score': ['Score de douleur (0 à 10)', 'Pain score (0 to 10)'],
  whoPerformance: ['Échelle de performance OMS', 'WHO performance status'],
  'whoPerformance.date': ["Date de l'évaluation OMS", 'Date of the WHO assessment'],
  'whoPerformance.stage': ['Score OMS', 'WHO score'],
  geriatricScreening: ['Dépistage de la fragilité gériatrique', 'Geriatric frailty screening'],
  'geriatricScreening.date': ['Date du dépistage', 'Date of screening'],
  'geriatricScreening.score': ['Score', 'Score'],
  toolName: ['Outil de dépistage (ex. G8)', 'Screening tool (e.g. G8)'],
  examResults: ['Éléments paracliniques', 'Paraclinical findings'],
  'examResults.items': ['Examens', 'Exams'],
  exam: ['Examen', 'Exam'],
  result: ['Résultat', 'Result'],
  'examResults.comment': ['Commentaire sur les examens', 'Comment on the exams'],
  phase: ['Phase clinique de la maladie', 'Clinical phase of the disease'],
  pastTreatments: ['Traitements passés ou en cours', 'Past or ongoing treatments'],
  'pastTreatments.type': ['Type de traitement', 'Type of treatment'],
  'pastTreatments.precision': ['Précision (protocole…)', 'Precision (protocol…)'],
  'pastTreatments.status': ['Statut du traitement', 'Status of the treatment'],
  surgeryReport: ['Conclusion du compte rendu opératoire', 'Conclusion of the surgery report'],
  pathologyReport: ["Conclusion du compte rendu d'anatomo-cytopathologie", 'Conclusion of the pathology report'],
  molecularReports: ['Conclusions des comptes rendus de génétique moléculaire', 'Conclusions of the molecular genetics reports'],
  transcribedBy: ['Retranscrit dans la fiche par', 'Transcribed by'],
  conclusion: ['Conclusion', 'Conclusion'],
  performer: ['Réalisé par (chirurgien, pathologiste, biologiste)', 'Performed by (surgeon, pathologist, biologist)'],
  originalAuthor: ['Auteur du compte rendu original', 'Author of the original report'],
  'originalAuthor.time': ['Date du compte rendu original', 'Time of the original report'],
  sampler: ['Préleveur', 'Sampler'],
  samplingDate: ['Date du prélèvement', 'Sampling date'],
  examTitle: ["Intitulé de l'examen", 'Title of the exam'],
  caseSummary: ['Synthèse du cas', 'Case summary'],
  summaryAndQuestion: ['Synthèse du cas présenté et question posée à la RCP', 'Summary of the case and question asked to the board'],
  otherData: ["Autres données indispensables à l'avis de la RCP", "Other data needed for the board's opinion"],
  recordStatus: ['Statut du dossier présenté en RCP', 'Status of the case file'],
  complete: ['Dossier complet', 'Complete file'],
  quorum: ['Quorum', 'Quorum'],
  'recordStatus.comment': ['Commentaire sur le dossier', 'Comment on the file'],
  proposal: ['Proposition de la RCP', 'Proposal of the tumour board'],
  recourseRcpRequested: ['Passage en RCP de recours', 'Referral to a referral tumour board'],
  examRequests: ['Examens ou expertises complémentaires', 'Additional exams or expert opinions'],
  'examRequests.label': ['Examen ou expertise', 'Exam or expert opinion'],
  earliest: ['Au plus tôt le', 'Not before'],
  latest: ['Au plus tard le', 'Not after'],
  surveillanceOnly: ['Surveillance seule', 'Surveillance only'],
  'proposal.treatments': ['Propositions thérapeutiques', 'Treatment proposals'],
  sequence: ['Rang (1 = première intention, puis alternatives)', 'Rank (1 = first line, then alternatives)'],
  'proposal.treatments.type': ['Type de traitement', 'Type of treatment'],
  'proposal.treatments.label': ['Libellé (ex. « Tumorectomie + ganglion sentinelle »)', 'Label (e.g. "Lumpectomy + sentinel node")'],
  'proposal.comment': ['Commentaire sur la proposition', 'Comment on the proposal'],
  framework: ['Cadre de la proposition thérapeutique', 'Framework of the proposal'],
  guidelines: ['Référentiels de pratique clinique', 'Clinical practice guidelines'],
  nameAndVersion: ['Nom et version du référentiel', 'Name and version of the guideline'],
  clinicalTrialProposed: ["Proposition d'inclusion dans un essai clinique", 'Inclusion in a clinical trial proposed'],
  'framework.comment': ['Commentaire sur le cadre', 'Comment on the framework'],
  status: ['Statut de la fiche RCP', 'Status of the tumour board record'],
  'status.date': ['Date du statut', 'Date of the status'],
  'status.comment': ['Commentaire sur la fiche RCP', 'Comment on the tumour board record'],
};

export const rcpHints: Record<string, Pair> = {
  denomination: [
    '« Acronyme RRC / acronyme du gestionnaire / dénomination », ex. « ONCO PDL / 3C CHU Angers / Sein ».',
    '"RRC acronym / manager acronym / name", e.g. "ONCO PDL / 3C CHU Angers / Sein".',
  ],
  quorumMembers: ['La spécialité de chaque membre prouve le quorum : elle est obligatoire.', "Each member's specialty proves the quorum: it is required."],
  apparatus: ['RCP Appareil - Organes uniquement (obligatoire).', 'Organ-based tumour board only (required).'],
  organs: ['RCP Appareil - Organes uniquement (au moins un).', 'Organ-based tumour board only (at least one).'],
  careType: ['RCP transversale uniquement (obligatoire).', 'Cross-disciplinary tumour board only (required).'],
  guidelines: ['Obligatoire quand le cas est « enregistré ».', 'Required when the case is "registered".'],
  'meeting.facility': ['Nom et adresse obligatoires.', 'Name and address required.'],
  primaryTumourTopography: ['Par défaut : la topographie de la première tumeur.', 'Default: the topography of the first tumour.'],
  tumours: ['Le stade TNM est obligatoire pour chaque tumeur.', 'The TNM stage is required for each tumour.'],
};

export const rcpItems: Record<string, Pair> = {
  quorumMembers: ['Membre du quorum', 'Quorum member'],
  otherAttendees: ['Participant', 'Attendee'],
  correspondents: ['Destinataire', 'Recipient'],
  'meeting.localIds': ['Identifiant local', 'Local id'],
  organs: ['Organe', 'Organ'],
  medicalHistory: ['Antécédent', 'Medical history item'],
  comorbidities: ['Comorbidité', 'Comorbidity'],
  'examResults.items': ['Examen', 'Exam'],
  pastTreatments: ['Traitement', 'Treatment'],
  molecularReports: ['Compte rendu de génétique moléculaire', 'Molecular genetics report'],
  examRequests: ['Examen demandé', 'Requested exam'],
  'proposal.treatments': ['Proposition thérapeutique', 'Treatment proposal'],
  guidelines: ['Référentiel', 'Guideline'],
};

export const rcpOptions: Record<string, Pair> = {
  'nature.ORG-117': ['RCP Appareil - Organes', 'Organ-based tumour board'],
  'nature.ORG-132': ['RCP transversale et de soins de support', 'Cross-disciplinary and supportive care tumour board'],
  'caseStatus.ORG-128': ['Cas enregistré', 'Case registered'],
  'caseStatus.ORG-134': ['Cas discuté', 'Case discussed'],
  'pastTreatments.status.completed': ['Déjà réalisé', 'Already done'],
  'pastTreatments.status.active': ['En cours', 'Ongoing'],
  'pastTreatments.status.cancelled': ['Non réalisé', 'Not done'],
  ...Object.fromEntries(
    (['MED-240', 'MED-264', 'MED-265', 'MED-266', 'MED-267'] as const).map((code, i) => [`stage.${code}`, WHO[i]!]),
  ),
};

let registered = false;
export function registerRcpStrings(): void {
  if (registered) return;
  registered = true;
  const [fr, en] = toTranslations('frcp/', { labels: rcpLabels, hints: rcpHints, items: rcpItems, options: rcpOptions });
  for (const [id, [f, e]] of Object.entries(rcpSectionTitles)) {
    fr[`s:frcp/${id}`] = f;
    en[`s:frcp/${id}`] = e;
  }
  fr['frcp/title'] = 'Fiche de Réunion de Concertation Pluridisciplinaire';
  en['frcp/title'] = 'Multidisciplinary tumour board record (Fiche RCP)';
  registerDefaultTranslation(fr, en);
}
