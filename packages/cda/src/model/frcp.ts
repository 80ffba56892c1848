// Build input of a CANCER-FRCP_2022.01 document (frcp-cda.md §3-§6): the record of one
// patient's case at a tumour board (RCP).
import { Type, type Static } from '@sinclair/typebox';
import {
  JDV_J142_TypeRencontre_CISIS,
  JDV_RCP_Appareil_CISIS,
  JDV_RCP_Organe_CISIS,
  JDV_StatutQuorum_CISIS,
  JDV_TraitementSoins_FRCP_CISIS,
  JDV_Tumeur_CISIS,
  JDV_TypeTraitement_FRCP_CISIS,
} from '../generated/value-sets/index.js';
import {
  Obj,
  titled,
  describe,
  bound,
  Coding,
  CodedOrText,
  PartialDate,
  DateOrInstant,
  Instant,
  Period,
  FreeText,
  Text,
  Organization,
  HealthProfessional,
  Actor,
  InstanceId,
  headerProperties,
} from './common.js';
import { CancerDiagnosis, CancerPhase, DocumentStatusCode } from './oncology.js';

const Comment = (d = 'Free comment shown with this item.') => Type.Optional(FreeText(d));
const Id = (d: string) => Text(d, { maxLength: 100 });

export const RcpMeeting = titled(
  'RcpMeeting',
  Obj(
    {
      denomination: Text('"Acronyme RRC / Acronyme gestionnaire RCP / dénomination de la RCP", e.g. "ONCO PDL / 3C CHU Angers / Sein".', {
        maxLength: 300,
      }),
      meetingTime: describe(Instant, 'Date and time of the meeting.'),
      rrcId: Id('National id of the regional cancer network (RRC), id root 1.2.250.1.161.1.20.1.1.'),
      managerId: Id('National id of the RCP manager (e.g. the 3C), id root 1.2.250.1.161.1.20.2.1.'),
      rcpId: Id('National id of the RCP, id root 1.2.250.1.161.1.20.3.1.'),
      sessionId: Type.Optional(describe(InstanceId, 'Id of the RCP session.')),
      localIds: Type.Optional(Type.Array(InstanceId, { description: 'Local ids of the RCP.' })),
      encounterType: Type.Optional(
        bound(describe(Coding, 'Encounter type, value set J142 (e.g. VR: RCP without the patient).'), JDV_J142_TypeRencontre_CISIS),
      ),
      facility: describe(Organization, 'Establishment where the RCP is organised: name and address required.'),
      registration: Type.Optional(
        Obj(
          { id: InstanceId, comment: Comment('Comment on the registration.') },
          { description: 'Registration of the patient to the session (inFulfillmentOf/order).' },
        ),
      ),
      primaryTumourTopography: Type.Optional(
        bound(
          describe(
            CodedOrText,
            'Topography of the primary tumour (documentationOf[2]), JDV_Tumeur_CISIS or free text. Default: the topography of the first tumour.',
          ),
          JDV_Tumeur_CISIS,
        ),
      ),
      coordinator: Obj(
        { professional: HealthProfessional, comment: Comment('Label, e.g. "Médecin coordonnateur".') },
        { description: 'Coordinating professional of the RCP (participant RESP; documentationOf performer).' },
      ),
      requester: Type.Optional(describe(HealthProfessional, 'Professional who asked for the case to be discussed (REFB).')),
      presenter: Type.Optional(describe(HealthProfessional, 'Professional who presented the case (PRF).')),
      generalPractitioner: Obj(
        { professional: Type.Optional(describe(HealthProfessional, 'The GP; absent when unknown.')) },
        { description: 'Médecin traitant (INF/PCP).' },
      ),
      quorumMembers: Type.Array(HealthProfessional, {
        description: 'Participants counted in the quorum (PRF/353); their specialty proves the quorum.',
      }),
      otherAttendees: Type.Optional(Type.Array(Actor, { description: 'Participants not in the quorum (PRF/CORRE).' })),
      correspondents: Type.Optional(Type.Array(HealthProfessional, { description: 'Copy recipients (CON/CORRE).' })),
    },
    { description: 'The RCP meeting: identifiers, place, attendees.' },
  ),
);
export type RcpMeeting = Static<typeof RcpMeeting>;

export const RcpDiscussion = titled(
  'RcpDiscussion',
  Obj(
    {
      nature: Type.Union([Type.Literal('ORG-117'), Type.Literal('ORG-132')], {
        description: 'ORG-117 RCP Appareil - Organes; ORG-132 RCP Transversale et de soins de support.',
      }),
      apparatus: Type.Optional(
        bound(describe(Coding, 'Apparatus (ORG-117 only, required), JDV_RCP_Appareil_CISIS (76752008 sein…).'), JDV_RCP_Appareil_CISIS),
      ),
      organs: Type.Optional(
        Type.Array(bound(describe(Coding, 'Organ, JDV_RCP_Organe_CISIS.'), JDV_RCP_Organe_CISIS), {
          minItems: 1,
          description: 'Organs (ORG-117 only, required).',
        }),
      ),
      careType: Type.Optional(
        bound(
          describe(Coding, 'Treatment / care (ORG-132 only, required), JDV_TraitementSoins_FRCP_CISIS.'),
          JDV_TraitementSoins_FRCP_CISIS,
        ),
      ),
      isRecourseRcp: Type.Boolean({ description: 'RCP de recours.' }),
      isPaediatricRcp: Type.Boolean({ description: 'RCP pédiatrique.' }),
      typeComment: Comment('Comment on the type of RCP.'),
      reason: Obj(
        {
          diagnosticOpinion: Type.Boolean({ description: 'Avis diagnostique.' }),
          treatmentProposal: Type.Boolean({ description: 'Proposition de traitement (dont ajustement et surveillance).' }),
          recourse: Type.Boolean({ description: 'Recours.' }),
          paediatrics: Type.Boolean({ description: 'Pédiatrie.' }),
          caseStatus: Type.Union([Type.Literal('ORG-128'), Type.Literal('ORG-134')], {
            description: 'ORG-128 cas enregistré, ORG-134 cas discuté.',
          }),
          comment: Comment('Comment on the reason.'),
          reasonText: FreeText('The reason for presenting the case.'),
          date: Type.Optional(PartialDate),
        },
        { description: 'Motif de la RCP.' },
      ),
    },
    { description: 'F1 Type de RCP / Motif de la RCP.' },
  ),
);
export type RcpDiscussion = Static<typeof RcpDiscussion>;

export const ReportConclusion = titled(
  'ReportConclusion',
  Obj(
    {
      transcribedBy: describe(HealthProfessional, 'Who transcribed the conclusion into the FRCP (specialty in J01).'),
      period: Type.Optional(describe(Period, 'Time of the operation / exam.')),
      conclusion: FreeText('The conclusion.'),
      performer: describe(HealthProfessional, 'Surgeon, pathologist or molecular biologist.'),
      originalAuthor: Type.Optional(
        Obj(
          { professional: HealthProfessional, time: Type.Optional(Instant) },
          { description: 'Author of the original report conclusion.' },
        ),
      ),
      sampler: Type.Optional(describe(HealthProfessional, 'Who took the sample (pathology, molecular genetics).')),
      samplingDate: Type.Optional(PartialDate),
      examTitle: Comment('Title of the exam (molecular genetics).'),
      comment: Comment(),
    },
    { description: 'Conclusion of a report (CRO, CR-ACP, CR-GM).' },
  ),
);
export type ReportConclusion = Static<typeof ReportConclusion>;

/**
 * The sampler of a pathology report: written as a participantRole whose organisation is a
 * scopingEntity, which carries an id and a description only — so its organisation has only
 * its IdNat_Struct and name (the molecular report's sampler is a full performer).
 */
export const PathologySampler = titled(
  'PathologySampler',
  Obj(
    {
      ...HealthProfessional.properties,
      organization: Type.Optional(
        Obj(
          {
            idNatStruct: Type.Optional(Text('National structure id (IdNat_Struct): "1"+FINESS, "3"+SIRET…', { maxLength: 50 })),
            name: Type.Optional(Text('Name of the organisation.', { maxLength: 300 })),
          },
          { minProperties: 1, description: "The sampler's organisation: its id and name only (scopingEntity id and desc)." },
        ),
      ),
    },
    { description: 'Who took the sample of a pathology report (participant PRF), with the id and name of their organisation.' },
  ),
);
export type PathologySampler = Static<typeof PathologySampler>;

/** A pathology report conclusion: a report conclusion whose sampler is a PathologySampler. */
export const PathologyReportConclusion = titled(
  'PathologyReportConclusion',
  Obj(
    {
      ...ReportConclusion.properties,
      sampler: Type.Optional(describe(PathologySampler, 'Who took the sample.')),
    },
    { description: 'Conclusion of a pathology report (CR-ACP): its sampler carries the id and name of their organisation only.' },
  ),
);
export type PathologyReportConclusion = Static<typeof PathologyReportConclusion>;

export const TreatmentType = bound(
  describe(Coding, 'Type, value set JDV_TypeTraitement_FRCP_CISIS (C15632 chimiothérapie, C547 hormonothérapie…).'),
  JDV_TypeTraitement_FRCP_CISIS,
);
const DatedLabel = Obj({ date: Type.Optional(PartialDate), label: FreeText('Label.') });

export const FrcpDocument = titled(
  'FrcpDocument',
  Obj(
    {
      ...headerProperties,
      meeting: RcpMeeting,
      discussion: RcpDiscussion,
      discovery: Obj(
        { viaScreening: Type.Boolean(), date: Type.Optional(PartialDate) },
        { description: 'F2 Mode de découverte du cancer.' },
      ),
      tumours: Type.Array(CancerDiagnosis, { minItems: 1, description: 'F3 Tumeur(s); TNM required for each.' }),
      medicalHistory: Type.Optional(Type.Array(DatedLabel, { minItems: 1, description: 'F4 Antécédents médicaux notables.' })),
      comorbidities: Type.Optional(Type.Array(DatedLabel, { minItems: 1, description: 'F5 Comorbidités.' })),
      functionalStatus: Type.Optional(
        Obj(
          {
            pain: Type.Optional(
              Obj({ date: Type.Optional(PartialDate), score: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })) }, {
                description: 'Pain (0-10); absent score = not assessed.',
              }),
            ),
            whoPerformance: Type.Optional(
              Obj(
                {
                  date: PartialDate,
                  stage: Type.Union(['MED-240', 'MED-264', 'MED-265', 'MED-266', 'MED-267'].map((v) => Type.Literal(v)), {
                    description: 'WHO performance status 0 (MED-240) to 4 (MED-267).',
                  }),
                },
                { description: 'Échelle de performance OMS.' },
              ),
            ),
            geriatricScreening: Type.Optional(
              Obj(
                { date: PartialDate, score: Type.Integer({ minimum: 0, maximum: 1000 }), toolName: FreeText('Screening tool, e.g. "G8".') },
                { description: 'Dépistage de la fragilité gériatrique.' },
              ),
            ),
          },
          { description: 'F6 Évaluation du statut fonctionnel.' },
        ),
      ),
      examResults: Type.Optional(
        Obj(
          {
            items: Type.Array(
              Obj({ date: Type.Optional(PartialDate), exam: FreeText('Exam.'), result: FreeText('Result.') }),
              { minItems: 1 },
            ),
            comment: Comment(),
          },
          { description: 'F7 Éléments paracliniques.' },
        ),
      ),
      phase: describe(CancerPhase, 'F8 Phase clinique de la maladie.'),
      pastTreatments: Type.Optional(
        Type.Array(
          Obj({
            type: TreatmentType,
            precision: Comment('Precision, e.g. the protocol.'),
            period: Type.Optional(Period),
            status: Type.Union([Type.Literal('completed'), Type.Literal('active'), Type.Literal('cancelled')], {
              description: 'completed déjà réalisé, active en cours, cancelled non réalisé.',
            }),
            comment: Comment(),
          }),
          { minItems: 1, description: 'F9 Traitements passés ou en cours.' },
        ),
      ),
      surgeryReport: Type.Optional(describe(ReportConclusion, 'F10 Conclusion du compte rendu opératoire.')),
      pathologyReport: Type.Optional(describe(PathologyReportConclusion, "F11 Conclusion du CR d'anatomo-cytopathologie.")),
      molecularReports: Type.Optional(Type.Array(ReportConclusion, { description: 'F12 Conclusion(s) du CR de génétique moléculaire.' })),
      caseSummary: Obj(
        {
          summaryAndQuestion: FreeText('Synthèse du cas présenté et question posée à la RCP.'),
          otherData: Comment("Autres données indispensables à l'avis de la RCP."),
        },
        { description: 'F13 Synthèse du cas.' },
      ),
      recordStatus: Obj(
        {
          complete: Type.Boolean({ description: 'Dossier complet.' }),
          quorum: bound(
            describe(Coding, 'Quorum, JDV_StatutQuorum_CISIS: ORG-126 atteint, ORG-133 non atteint, GEN-010 ne sait pas.'),
            JDV_StatutQuorum_CISIS,
          ),
          comment: Comment(),
        },
        { description: 'F14 Statut du dossier présenté en RCP.' },
      ),
      proposal: Obj(
        {
          recourseRcpRequested: Type.Optional(Type.Boolean({ description: 'Passage en RCP de recours.' })),
          examRequests: Type.Optional(
            Type.Array(
              Obj({ label: FreeText('Exam or expertise.'), earliest: Type.Optional(PartialDate), latest: Type.Optional(PartialDate) }),
              { description: 'Examens / expertises complémentaires.' },
            ),
          ),
          surveillanceOnly: Type.Optional(Type.Boolean({ description: 'Surveillance seule.' })),
          treatments: Type.Optional(
            Type.Array(
              Obj({
                sequence: Type.Integer({ minimum: 1, description: '1 = first intention; following numbers = alternatives.' }),
                type: TreatmentType,
                label: Comment('Label, e.g. "Tumorectomie + ganglion sentinelle".'),
                period: Type.Optional(Period),
              }),
              { description: 'Proposition(s) thérapeutique(s).' },
            ),
          ),
          comment: Comment(),
        },
        { description: 'F15 Proposition de la RCP.' },
      ),
      framework: Obj(
        {
          guidelines: Type.Optional(
            Type.Array(Obj({ nameAndVersion: FreeText('Guideline name and version.'), date: Type.Optional(PartialDate) }), {
              description: 'Référentiels de pratique clinique (required when the case status is ORG-128).',
            }),
          ),
          clinicalTrialProposed: Type.Optional(Type.Boolean({ description: "Proposition d'inclusion dans un essai clinique." })),
          comment: Comment(),
        },
        { description: 'F16 Cadre de la proposition thérapeutique.' },
      ),
      patientComment: Comment('F17 Commentaires / précisions sur le patient.'),
      status: Obj(
        {
          status: Type.Optional(DocumentStatusCode),
          date: Type.Optional(describe(DateOrInstant, 'Date of the status. Default: the document effectiveTime.')),
          comment: Comment('Comment on the RCP record.'),
        },
        { description: 'F18 Statut du document.' },
      ),
    },
    { description: 'Fiche RCP (CANCER-FRCP_2022.01) build input.' },
  ),
);
export type FrcpDocument = Static<typeof FrcpDocument>;
