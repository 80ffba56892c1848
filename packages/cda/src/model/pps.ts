// Build input of a CANCER-PPS_2022.01 document (pps-cda.md §3-§6). Structure follows the
// PPS boxes a clinician fills; each field names the CDA place it goes to.
import { Type, type Static } from '@sinclair/typebox';
import {
  JDV_GestionEffetsSecondaires_CISIS,
  JDV_MesuresAssociees_CISIS,
  JDV_ModeAdministration_CISIS,
  JDV_MotifMiseAJour_CISIS,
  JDV_SocialHistoryCodes_CISIS,
  JDV_SoinsOncoDeSupport_CISIS,
  JDV_TypeAccompagnementSocioPro_CISIS,
  JDV_TypeDeSuivi_CISIS,
  JDV_TypeTraitementPPS_CISIS,
} from '../generated/value-sets/index.js';
import type { ValueSet } from '../value-set.js';
import {
  Obj,
  titled,
  describe,
  bound,
  Coding,
  PartialDate,
  DateOrInstant,
  Period,
  FreeText,
  Organization,
  HealthProfessional,
  Actor,
  PersonName,
  Address,
  Telecom,
  InstanceId,
  headerProperties,
  DETAIL_KEYWORD,
} from './common.js';
import { CancerDiagnosis, CancerPhase, DocumentStatusCode } from './oncology.js';

const Comment = (d = 'Free comment shown with this item.') => Type.Optional(FreeText(d));

const OrganizationRole = Obj({ organization: Organization, comment: Comment() });
const ContactAtOrganization = Obj({
  contact: Type.Optional(describe(PersonName, 'Contact person.')),
  organization: Organization,
  comment: Comment(),
});

export const PpsCareNetwork = titled(
  'PpsCareNetwork',
  Obj(
    {
      referenceFacilities: Type.Optional(
        Type.Array(
          Obj({ organization: Organization, period: Type.Optional(Period), comment: Comment() }),
          { description: 'Établissement(s) de santé de référence (participant RESP, ORG-177).' },
        ),
      ),
      careTeam: Type.Optional(
        Type.Array(Obj({ professional: HealthProfessional, comment: Comment('Role in the team, e.g. "Responsable".') }), {
          description: "Professionnels de l'équipe de soins (participant PRF, 353).",
        }),
      ),
      accommodationCentre: Type.Optional(describe(OrganizationRole, "Centre d'hébergement.")),
      coordinationCentre3C: describe(OrganizationRole, 'Centre de coordination en cancérologie (3C, ORG-190).'),
      localProfessionals: Type.Optional(
        Type.Array(Obj({ actor: Actor, comment: Comment() }), {
          description: 'Structures et professionnels de proximité impliqués dans les soins (ORG-178).',
        }),
      ),
      healthMediator: Type.Optional(
        Obj(
          {
            person: PersonName,
            organization: Type.Optional(Organization),
            address: Type.Optional(Address),
            telecoms: Type.Optional(Type.Array(Telecom)),
            comment: Comment(),
          },
          { description: 'Médiateur de santé (ORG-188).' },
        ),
      ),
      generalPractitioner: Obj(
        {
          professional: Type.Optional(describe(HealthProfessional, 'The GP; absent when the patient has none or it is unknown.')),
          comment: Comment(),
        },
        { description: 'Médecin traitant (participant INF, PCP).' },
      ),
      cityHospitalCoordination: Type.Optional(
        Type.Array(ContactAtOrganization, { description: "Structure de coordination ou d'interface ville-hôpital (ORG-179)." }),
      ),
      regionalCancerNetworks: Type.Optional(
        Type.Array(OrganizationRole, { description: 'Réseau régional de cancérologie (ORG-191).' }),
      ),
      socialOrganisations: Type.Optional(
        Type.Array(ContactAtOrganization, { description: "Organismes sociaux et de maintien dans l'emploi (ORG-180)." }),
      ),
      supportStructures: Type.Optional(
        Type.Array(ContactAtOrganization, { description: "Structures de soutien et d'information (ORG-181)." }),
      ),
    },
    { description: 'Structures and professionals of the care pathway (header participants).' },
  ),
);
export type PpsCareNetwork = Static<typeof PpsCareNetwork>;

/** A field that rarely applies: behind « plus de détails » in the editors (`x-dcc-detail`). */
const detail = <T extends object>(schema: T): T => ({ ...schema, [DETAIL_KEYWORD]: true });

/** The fields of a care act; `type` is bound per list (PpsCareActLists). */
const careActProperties = {
  type: describe(
    Coding,
    'Type of act, from the value set of the list it is in (e.g. treatments: JDV_TypeTraitementPPS_CISIS, C15313 radiothérapie).',
  ),
  typePrecision: Comment('Precision of the type, e.g. the name of the drug protocol or of an "autre…" act.'),
  performed: Type.Union([Type.Literal('done'), Type.Literal('planned')], {
    description: 'done: already carried out (réalisé); planned: ongoing or to come (en cours ou à venir).',
  }),
  statusCode: Type.Optional(
    detail(
      Type.Union(['completed', 'active', 'aborted', 'cancelled'].map((v) => Type.Literal(v)), {
        description: 'Default: completed when done, active when planned.',
      }),
    ),
  ),
  confirmedPeriod: Type.Optional(describe(Period, 'Confirmed start/end dates.')),
  plannedPeriod: Type.Optional(describe(Period, 'Planned (prévisionnelles) start/end dates.')),
  rhythm: Comment('Rhythm, e.g. "J1-J8 toutes les 3 semaines".'),
  atHome: Type.Optional(detail(Type.Boolean({ description: 'Carried out at home.' }))),
  administrationRoute: Type.Optional(
    detail(
      bound(
        describe(Coding, 'Route of administration, value set JDV_ModeAdministration_CISIS (EDQM, e.g. 20045000 intraveineuse).'),
        JDV_ModeAdministration_CISIS,
      ),
    ),
  ),
  notableSideEffects: detail(Comment('Notable side effects.')),
  performers: Type.Optional(
    Type.Array(Actor, { description: 'Lieu / intervenants: professionals or organisations carrying out the act.' }),
  ),
  comment: Comment(),
  weight: Type.Optional(
    detail(
    Obj(
      {
        valueKg: Type.Number({ exclusiveMinimum: 0, maximum: 700, description: 'Weight in kg.' }),
        date: PartialDate,
      },
      { description: 'Weight measured for a dietary support act (ORG-036).' },
    ),
    ),
  ),
  habitus: Type.Optional(
    detail(
    Obj(
      {
        code: bound(
          describe(Coding, 'Substance, value set JDV_SocialHistoryCodes_CISIS (74011-8 tabac, 74013-4 alcool, 11343-1 drogues…).'),
          JDV_SocialHistoryCodes_CISIS,
        ),
        statusText: FreeText('Consumption status, e.g. "Fumeur actif, 20 paquets-années".'),
        date: Type.Optional(PartialDate),
      },
      { description: 'Habit addressed by a withdrawal-support act (MED-562/563/564).' },
    ),
    ),
  ),
};

/** A care act whatever its list; each list's own schema binds `type` to that list's value set. */
export const PpsCareAct = titled(
  'PpsCareAct',
  Obj(careActProperties, { description: 'One care act of the programme (treatment, follow-up, supportive care…).' }),
);
export type PpsCareAct = Static<typeof PpsCareAct>;

/**
 * The care act of one list: PpsCareAct with `type` bound to the list's value set — a use of
 * the shared definition that differs only by annotations (the JSON Schema writes it as a
 * reference to PpsCareAct annotating its `type`).
 */
const careActOf = (valueSet: ValueSet, what: string): typeof PpsCareAct => ({
  ...PpsCareAct,
  properties: {
    ...PpsCareAct.properties,
    type: bound(describe(Coding, `Type of ${what}, value set ${valueSet.name}.`), valueSet),
  },
});

/** The care-act lists of the PPS, each with its schema (the value set of its `type`). */
export const PpsCareActLists = {
  treatments: careActOf(JDV_TypeTraitementPPS_CISIS, 'treatment (e.g. C15313 radiothérapie)'),
  sideEffectManagement: careActOf(JDV_GestionEffetsSecondaires_CISIS, 'side-effect prevention or management'),
  associatedMeasures: careActOf(JDV_MesuresAssociees_CISIS, 'associated measure'),
  followUp: careActOf(JDV_TypeDeSuivi_CISIS, 'follow-up'),
  supportiveCare: careActOf(JDV_SoinsOncoDeSupport_CISIS, 'supportive care'),
  socialSupport: careActOf(JDV_TypeAccompagnementSocioPro_CISIS, 'social or socio-professional support'),
};
export type PpsCareActList = keyof typeof PpsCareActLists;

const Acts = (list: PpsCareActList, description: string) =>
  Type.Optional(Type.Array(PpsCareActLists[list], { description }));

export const PpsDocument = titled(
  'PpsDocument',
  Obj(
    {
      ...headerProperties,
      careNetwork: PpsCareNetwork,
      patientComment: Comment('S1 Commentaire sur le patient.'),
      paediatrics: Type.Optional(
        Obj(
          {
            isPaediatric: Type.Boolean({ description: 'Patient cared for in paediatrics.' }),
            comment: Comment(),
            reason: Comment('Reason for the recommendation.'),
          },
          { description: 'S2 Pédiatrie.' },
        ),
      ),
      tumours: Type.Array(CancerDiagnosis, { minItems: 1, description: 'S3 Diagnostic: one item per tumour.' }),
      discovery: Obj(
        {
          viaScreening: Type.Boolean({ description: 'Cancer discovered through organised screening.' }),
          date: Type.Optional(PartialDate),
        },
        { description: 'S4 Mode de découverte du cancer.' },
      ),
      phase: Type.Optional(describe(CancerPhase, 'S5 Phase et progression du cancer.')),
      therapeuticProgramme: Obj(
        {
          treatments: Acts('treatments', 'Traitements (MED-568), type from JDV_TypeTraitementPPS_CISIS.'),
          sideEffectManagement: Acts(
            'sideEffectManagement',
            'Actions de prévention et de gestion médicamenteuse des effets secondaires (MED-569), type from JDV_GestionEffetsSecondaires_CISIS.',
          ),
          associatedMeasures: Acts('associatedMeasures', 'Mesures associées (MED-570), type from JDV_MesuresAssociees_CISIS.'),
          followUp: Acts('followUp', 'Suivi (MED-571), type from JDV_TypeDeSuivi_CISIS.'),
          stopAllActiveTreatments: Type.Optional(
            Obj({ date: PartialDate, comment: Comment() }, { description: 'Arrêt de tous les traitements actifs (MED-052).' }),
          ),
        },
        { description: 'S6 Programme thérapeutique et de suivi.' },
      ),
      supportiveCare: Obj(
        {
          supportiveCare: Acts('supportiveCare', 'Soins oncologiques de support (MED-572), type from JDV_SoinsOncoDeSupport_CISIS.'),
          socialSupport: Acts(
            'socialSupport',
            'Accompagnement social ou socioprofessionnel (MED-573), type from JDV_TypeAccompagnementSocioPro_CISIS.',
          ),
        },
        { description: 'S7 Soins oncologiques de support, accompagnement social et socioprofessionnel.' },
      ),
      status: Obj(
        {
          status: Type.Optional(DocumentStatusCode),
          statusDate: Type.Optional(describe(DateOrInstant, 'Date of the status. Default: the document effectiveTime.')),
          comment: Comment('Comment on the document.'),
          updateReason: Type.Optional(
            Obj(
              {
                reason: bound(
                  describe(Coding, 'Reason, value set JDV_MotifMiseAJour_CISIS (263855007 rechute, MED-560 réajustement…).'),
                  JDV_MotifMiseAJour_CISIS,
                ),
                precision: Comment('Precision on the reason.'),
              },
              { description: 'Motif de mise à jour: required from version 2.' },
            ),
          ),
          rcpDate: describe(PartialDate, 'Date of the tumour board (RCP) that decided the programme.'),
          handover: Type.Optional(
            Obj(
              {
                date: describe(PartialDate, 'Date the PPS was handed to the patient.'),
                announcementConsultationDate: describe(PartialDate, "Date of the consultation d'annonce."),
                by: Type.Optional(describe(Actor, 'Professional who handed it over.')),
              },
              { description: 'Remise du document au patient (unknown when absent).' },
            ),
          ),
        },
        { description: 'S8 Statut du document.' },
      ),
      referencedDocuments: Type.Array(
        Obj({
          id: describe(InstanceId, 'Identifier of the document (e.g. the ClinicalDocument/id of the FRCP).'),
          label: FreeText('What the document is, e.g. "Fiche RCP du 12/03/2024" or a URL.'),
        }),
        { minItems: 1, description: 'S9 Documents référencés (at least the FRCP that decided the programme).' },
      ),
      privacyNotice: Type.Optional(
        Obj(
          {
            establishmentText: Comment(
              "The establishment's own information paragraph; default: the national wording. The INCa paragraphs always follow.",
            ),
          },
          { description: 'S10 Information sur les données personnelles.' },
        ),
      ),
    },
    { description: 'Programme Personnalisé de Soins (CANCER-PPS_2022.01) build input.' },
  ),
);
export type PpsDocument = Static<typeof PpsDocument>;
