// CANCER-FRCP_2022.01 writer (frcp-cda.md §3-§4): header participants R1-R7, inFulfillmentOf,
// the two documentationOf and the RCP encounter, then sections F1-F18 in the order of the
// official examples, each with a French narrative generated from the same data as its entries.
// Narrative IDs are prefixed with the section key (f1-, f3- …) so that they stay unique.
import { empty, textElement } from '../xml/writer.js';
import type { XmlSink } from '../xml/writer.js';
import type { FrcpDocument, ReportConclusion } from '../model/frcp.js';
import type { Coding, Encounter, HealthProfessional, Period } from '../model/common.js';
import {
  JDV_J19_ModePriseEnCharge_ROR,
  JDV_NatureDiscussion_CISIS,
  JDV_OMSEchPerf_CISIS,
  JDV_OMSInterpret_CISIS,
  JDV_StatutCasPresente_CISIS,
} from '../generated/value-sets/index.js';
import { conceptCoding } from '../value-set.js';
import { assignedEntity, author, personName, addr, telecoms, fixedCode, cd, ii, ivl, ts } from './datatypes.js';
import { diagnosisSection } from './diagnosis.js';
import { TEMPLATES, openSection, closeSection, type SectionHead, entry, entryRelationship, simpleObservation, commentAct, nestedComment, templateIds, reference, originalTextRef, bl, cdValue, nullCd } from './entries.js';
import { FUNCTION_CODES, writeHeader, headerParticipant, serviceEventPerformer } from './header.js';
import { table, paragraph, type Cell, dateFr, periodFr, ouiNon, personFr } from './narrative.js';
import { FREE_COMMENT_TEMPLATES, STATUS_SECTION, phaseSection, discoverySection, statusEntry } from './shared-sections.js';
import { BuildState, OID } from './state.js';

/** Roots of the national RCP identifiers (encompassingEncounter/id, frcp-cda.md §3.4). */
export const RCP_ID_ROOTS = {
  rrc: '1.2.250.1.161.1.20.1.1',
  manager: '1.2.250.1.161.1.20.2.1',
  rcp: '1.2.250.1.161.1.20.3.1',
} as const;

export const FRCP_VOLET = {
  templateId: '1.2.250.1.213.1.1.1.8',
  code: '34794-8',
  displayName: 'CR de réunion de concertation pluridisciplinaire',
} as const;

/** Labels of the header participants without a coded function (functionCode/originalText). */
export const PARTICIPANT_LABELS = {
  requester: 'PS demandeur',
  presenter: 'PS présentateur',
  quorum: 'Participant du quorum',
  other: 'Participant hors quorum',
  correspondent: 'PS correspondant',
} as const;

/** WHO performance stage → its LOINC answer (JDV_OMSInterpret_CISIS), in scale order. */
export const WHO_INTERPRETATION: Record<string, string> = {
  'MED-240': 'LA9622-7',
  'MED-264': 'LA9623-5',
  'MED-265': 'LA9624-3',
  'MED-266': 'LA9625-0',
  'MED-267': 'LA9626-8',
};

const WHO_GRADE: Record<string, string> = { 'MED-240': '0', 'MED-264': '1', 'MED-265': '2', 'MED-266': '3', 'MED-267': '4' };

const CARE_PLAN_TEMPLATES = ['2.16.840.1.113883.10.20.1.10', '1.3.6.1.4.1.19376.1.5.3.1.3.36', '1.2.250.1.213.1.1.2.158'] as const;
const ENCOUNTER_REQUEST_TEMPLATES = ['2.16.840.1.113883.10.20.1.25', '1.3.6.1.4.1.19376.1.5.3.1.4.14', '1.2.250.1.213.1.1.3.58'] as const;
const EXAM_REQUEST_TEMPLATES = ['2.16.840.1.113883.10.20.1.25', '1.3.6.1.4.1.19376.1.5.3.1.1.20.3.1', '1.2.250.1.213.1.1.3.27'] as const;
const PLANNED_ACT_TEMPLATES = ['2.16.840.1.113883.10.20.1.25', '1.3.6.1.4.1.19376.1.5.3.1.4.19', '1.2.250.1.213.1.1.3.62'] as const;
const DONE_ACT_TEMPLATES = ['1.3.6.1.4.1.19376.1.5.3.1.4.19', '2.16.840.1.113883.10.20.1.29', '1.2.250.1.213.1.1.3.62'] as const;

const TREATMENT_STATUS_FR: Record<string, string> = { completed: 'Déjà réalisé', active: 'En cours', cancelled: 'Non réalisé' };

const taAsip = (code: string, displayName: string) => [code, OID.taAsip, displayName] as const;
const label = (c: Coding) => c.displayName ?? c.code;
const sequenceFr = (n: number) => `${n} (${n === 1 ? 'première intention' : 'alternative'})`;

// ---------------------------------------------------------------- header

function participants(state: BuildState, doc: FrcpDocument): void {
  const w = state.w;
  const m = doc.meeting;
  headerParticipant(w, { typeCode: 'RESP', comment: m.coordinator.comment, classCode: 'PROV', actor: m.coordinator.professional });
  if (m.requester) headerParticipant(w, { typeCode: 'REFB', comment: PARTICIPANT_LABELS.requester, classCode: 'PROV', actor: m.requester });
  if (m.presenter) headerParticipant(w, { typeCode: 'PRF', comment: PARTICIPANT_LABELS.presenter, classCode: 'PROV', actor: m.presenter });
  // R4 is 1..1: an unknown GP is <associatedEntity classCode="PROV" nullFlavor="NA"/>.
  headerParticipant(w, { typeCode: 'INF', functionCode: FUNCTION_CODES.gp, classCode: 'PROV', actor: m.generalPractitioner.professional });
  for (const p of m.quorumMembers)
    headerParticipant(w, {
      typeCode: 'PRF',
      functionCode: FUNCTION_CODES.careTeamMember,
      comment: PARTICIPANT_LABELS.quorum,
      classCode: 'PROV',
      actor: p,
    });
  for (const p of m.otherAttendees ?? [])
    headerParticipant(w, {
      typeCode: 'PRF',
      functionCode: FUNCTION_CODES.correspondent,
      comment: PARTICIPANT_LABELS.other,
      classCode: 'PROV',
      actor: p,
    });
  for (const p of m.correspondents ?? [])
    headerParticipant(w, {
      typeCode: 'CON',
      functionCode: FUNCTION_CODES.correspondent,
      comment: PARTICIPANT_LABELS.correspondent,
      classCode: 'PROV',
      actor: p,
    });
}

function inFulfillmentOf(state: BuildState, doc: FrcpDocument): void {
  const reg = doc.meeting.registration;
  if (!reg) return;
  const w = state.w;
  w.start('inFulfillmentOf');
  w.start('order');
  ii(w, 'id', reg.id);
  if (reg.comment !== undefined) {
    w.start('code');
    w.attr('nullFlavor', 'NA');
    textElement(w, 'originalText', reg.comment);
    w.end();
  }
  w.end();
  w.end();
}

function documentationOf(state: BuildState, doc: FrcpDocument): void {
  const w = state.w;
  const m = doc.meeting;
  // [1] the RCP itself: code 39 of TRE_R213-ModePriseEnCharge, originalText = denomination.
  const rcp = conceptCoding(JDV_J19_ModePriseEnCharge_ROR, '39');
  w.start('documentationOf');
  w.start('serviceEvent');
  w.attr('classCode', 'ACT');
  w.start('code');
  w.attr('code', rcp.code);
  w.attr('codeSystem', rcp.codeSystem);
  w.attr('codeSystemName', 'TRE_R213-ModePriseEnCharge');
  w.attr('displayName', rcp.displayName);
  textElement(w, 'originalText', m.denomination);
  w.end();
  w.start('effectiveTime');
  ts(w, 'low', m.meetingTime);
  w.end();
  serviceEventPerformer(w, m.coordinator.professional);
  w.end();
  w.end();
  // [2] topography of the primary tumour (JDV_Tumeur_CISIS, else GEN-243 + free text).
  const topo = m.primaryTumourTopography!; // filled by the checker
  w.start('documentationOf');
  w.start('serviceEvent');
  w.attr('classCode', 'ACT');
  w.start('code');
  if (topo.coding) {
    w.attr('code', topo.coding.code);
    w.attr('codeSystem', topo.coding.codeSystem);
    w.attr('displayName', topo.coding.displayName);
  } else {
    w.attr('code', 'GEN-243');
    w.attr('codeSystem', OID.taAsip);
    w.attr('codeSystemName', 'TA_ASIP');
    w.attr('displayName', 'Topographie');
  }
  textElement(w, 'originalText', topo.text);
  w.end();
  w.end();
  w.end();
}

/** Label of the session id (`assigningAuthorityName`): tells it apart from the local RCP ids. */
export const SESSION_ID_LABEL = 'Session de RCP';

/**
 * encompassingEncounter/id of an FRCP: the national RRC, RCP-manager and RCP ids (roots
 * 1.2.250.1.161.1.20.1.1/.2.1/.3.1, always these three first), the session id marked with
 * assigningAuthorityName, then the local RCP ids.
 */
function encounterIds(state: BuildState, doc: FrcpDocument): void {
  const w = state.w;
  const m = doc.meeting;
  ii(w, 'id', { root: RCP_ID_ROOTS.rrc, extension: m.rrcId });
  ii(w, 'id', { root: RCP_ID_ROOTS.manager, extension: m.managerId });
  ii(w, 'id', { root: RCP_ID_ROOTS.rcp, extension: m.rcpId });
  if (m.sessionId)
    empty(w, 'id', ['root', m.sessionId.root], ['extension', m.sessionId.extension], ['assigningAuthorityName', SESSION_ID_LABEL]);
  for (const id of m.localIds ?? []) ii(w, 'id', id);
}

/** The rest of the encompassingEncounter of an FRCP, in the shape writeHeader writes. */
export function frcpEncounter(doc: FrcpDocument): Encounter {
  const m = doc.meeting;
  const enc: Encounter = {
    facilityType: doc.encounter.facilityType,
    facility: { idNatStruct: m.facility.idNatStruct, name: m.facility.name, address: m.facility.address },
    period: { start: m.meetingTime },
  };
  if (m.encounterType) enc.type = m.encounterType;
  return enc;
}

// ---------------------------------------------------------------- F1

function reasonSection(state: BuildState, doc: FrcpDocument): void {
  const w = state.w;
  const d = doc.discussion;
  const r = d.reason;
  openSection(state, {
    templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.3.1', '1.3.6.1.4.1.19376.1.5.3.1.3.2', '1.2.250.1.213.1.1.2.128'],
    code: ['42349-1', OID.loinc, 'Raison de la recommandation'],
    title: 'TYPE DE RCP / MOTIF DE LA RCP',
  });
  const nature = conceptCoding(JDV_NatureDiscussion_CISIS, d.nature);
  const caseStatus = conceptCoding(JDV_StatutCasPresente_CISIS, r.caseStatus);
  w.start('text');
  const typeRows: Cell[][] = [['Nature de la discussion', { id: 'f1-nature', text: nature.displayName }]];
  if (d.apparatus) typeRows.push(['Appareil', { id: 'f1-appareil', text: label(d.apparatus) }]);
  (d.organs ?? []).forEach((o, i) => typeRows.push(['Organe', { id: `f1-organe-${i + 1}`, text: label(o) }]));
  if (d.careType) typeRows.push(['Traitement / soins', { id: 'f1-traitement-soins', text: label(d.careType) }]);
  typeRows.push(['RCP de recours', { id: 'f1-rcp-recours', text: ouiNon(d.isRecourseRcp) }]);
  typeRows.push(['RCP pédiatrique', { id: 'f1-rcp-pediatrique', text: ouiNon(d.isPaediatricRcp) }]);
  if (d.typeComment !== undefined) typeRows.push(['Commentaire', { id: 'f1-type-commentaire', text: d.typeComment }]);
  table(w, 'Type de RCP', ['Élément', 'Valeur'], typeRows);
  const reasonRows: Cell[][] = [
    ['Avis diagnostique', { id: 'f1-avis-diagnostique', text: ouiNon(r.diagnosticOpinion) }],
    ['Proposition thérapeutique (dont surveillance, ajustement du traitement)', { id: 'f1-proposition-traitement', text: ouiNon(r.treatmentProposal) }],
    ['Recours', { id: 'f1-recours', text: ouiNon(r.recourse) }],
    ['Pédiatrie', { id: 'f1-pediatrie', text: ouiNon(r.paediatrics) }],
    ['Statut du cas présenté', { id: 'f1-statut-cas', text: caseStatus.displayName }],
  ];
  if (r.comment !== undefined) reasonRows.push(['Commentaire', { id: 'f1-motif-commentaire', text: r.comment }]);
  reasonRows.push(['Motif', { id: 'f1-motif', text: r.reasonText }]);
  if (r.date !== undefined) reasonRows.push(['Date', dateFr(r.date)]);
  table(w, 'Motif de la RCP', ['Élément', 'Valeur'], reasonRows);
  w.end();

  const nav = { nullFlavor: 'NAV' } as const;
  const flag = (code: string, display: string, textId: string, value: boolean) =>
    entryRelationship(w, 'REFR', undefined, () =>
      simpleObservation(state, { code: taAsip(code, display), textId, time: nav, value: bl(value) }),
    );
  // RCP type (ORG-118 + organs, or ORG-138) with the recourse / paediatric flags and comment.
  const typeChildren = () => {
    flag('ORG-184', 'RCP de recours', 'f1-rcp-recours', d.isRecourseRcp);
    flag('ORG-185', 'RCP pédiatrique', 'f1-rcp-pediatrique', d.isPaediatricRcp);
    nestedComment(state, d.typeComment !== undefined ? 'f1-type-commentaire' : undefined);
  };
  entry(w, () =>
    simpleObservation(state, {
      code: taAsip('GEN-098', 'Nature de la discussion'),
      textId: 'f1-nature',
      time: nav,
      value: cdValue(nature),
      children: () => {
        if (d.nature === 'ORG-117')
          entryRelationship(w, 'SUBJ', undefined, () =>
            simpleObservation(state, {
              code: taAsip('ORG-118', 'Appareil concerné'),
              textId: 'f1-appareil',
              time: nav,
              value: cdValue(d.apparatus!),
              children: () => {
                (d.organs ?? []).forEach((o, i) =>
                  entryRelationship(w, 'REFR', undefined, () =>
                    simpleObservation(state, { code: taAsip('ORG-119', 'Organe'), textId: `f1-organe-${i + 1}`, time: nav, value: cdValue(o) }),
                  ),
                );
                typeChildren();
              },
            }),
          );
        else
          entryRelationship(w, 'SUBJ', undefined, () =>
            simpleObservation(state, {
              code: taAsip('ORG-138', 'Traitement / Soins'),
              textId: 'f1-traitement-soins',
              time: nav,
              value: cdValue(d.careType!),
              children: typeChildren,
            }),
          );
        // Motif de la RCP: child of GEN-098 for both natures (F-T6), ORG-127 under it.
        entryRelationship(w, 'SUBJ', undefined, () =>
          simpleObservation(state, {
            code: taAsip('ORG-186', 'Motif de la RCP'),
            textId: 'f1-motif',
            time: nav,
            value: nullCd('NA'),
            children: () => {
              flag('MED-235', 'Avis diagnostique', 'f1-avis-diagnostique', r.diagnosticOpinion);
              flag('ORG-114', 'Proposition de traitement (dont ajustement et surveillance)', 'f1-proposition-traitement', r.treatmentProposal);
              flag('ORG-115', 'Recours', 'f1-recours', r.recourse);
              flag('ORG-116', 'Pédiatrie', 'f1-pediatrie', r.paediatrics);
              entryRelationship(w, 'REFR', undefined, () =>
                simpleObservation(state, {
                  code: taAsip('ORG-127', 'Statut du cas présenté'),
                  textId: 'f1-statut-cas',
                  time: { nullFlavor: 'NA' },
                  value: cdValue(caseStatus),
                }),
              );
              nestedComment(state, r.comment !== undefined ? 'f1-motif-commentaire' : undefined);
            },
          }),
        );
      },
    }),
  );
  // E-PB: the reason itself, as free text.
  entry(w, () =>
    simpleObservation(state, {
      negationInd: false,
      templateIds: TEMPLATES.problem,
      code: ['55607006', OID.snomed, 'Problème'],
      textId: 'f1-motif',
      time: { low: r.date },
      value: nullCd('NA', 'f1-motif'),
    }),
  );
  closeSection(w);
}

// ---------------------------------------------------------------- F4 / F5 / F7 (narrative only)

function datedListSection(state: BuildState, head: SectionHead, caption: string, key: string, items: ReadonlyArray<{ date?: string; label: string }>): void {
  openSection(state, head);
  state.w.start('text');
  table(
    state.w,
    caption,
    ['Date', 'Libellé'],
    items.map((item, i) => [dateFr(item.date), { id: `${key}-${i + 1}`, text: item.label }]),
  );
  state.w.end();
  closeSection(state.w);
}

function examResultsSection(state: BuildState, results: NonNullable<FrcpDocument['examResults']>): void {
  const w = state.w;
  openSection(state, {
    templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.3.27', '1.2.250.1.213.1.1.2.150'],
    code: ['30954-2', OID.loinc, "Résultats d'examens"],
    title: 'ÉLÉMENTS PARACLINIQUES',
  });
  w.start('text');
  table(
    w,
    'Éléments paracliniques',
    ['Date', 'Examen', 'Résultat'],
    results.items.map((item, i) => [
      dateFr(item.date),
      { id: `f7-examen-${i + 1}`, text: item.exam },
      { id: `f7-resultat-${i + 1}`, text: item.result },
    ]),
  );
  if (results.comment !== undefined) paragraph(w, results.comment, 'f7-commentaire');
  w.end();
  // No entry: IHE Results (non coded) forbids them (F-T9).
  closeSection(w);
}

// ---------------------------------------------------------------- F6

function functionalStatusSection(state: BuildState, fs: NonNullable<FrcpDocument['functionalStatus']>): void {
  const w = state.w;
  openSection(state, {
    templateIds: ['2.16.840.1.113883.10.20.1.5', '1.3.6.1.4.1.19376.1.5.3.1.3.17', '1.3.6.1.4.1.19376.1.5.3.1.1.12.2.1', '1.2.250.1.213.1.1.2.111'],
    code: ['47420-5', OID.loinc, 'Évaluation du statut fonctionnel'],
    title: 'ÉVALUATION DU STATUT FONCTIONNEL',
  });
  w.start('text');
  const parts = ['Évaluation de la douleur'];
  if (fs.whoPerformance) parts.push('échelle de performance OMS');
  if (fs.geriatricScreening) parts.push('dépistage de la fragilité gériatrique');
  paragraph(w, `Évaluations : ${parts.join(', ')} (détail ci-dessous).`);
  w.end();

  // F6a pain: mandatory sub-section with at least one entry (UNK when not assessed).
  const pain = fs.pain ?? {};
  openSection(state, {
    templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.1.12.2.2', '1.2.250.1.213.1.1.2.112'],
    code: ['38208-5', OID.loinc, 'Sévérité de la douleur'],
    title: 'ÉVALUATION DE LA DOULEUR',
  });
  w.start('text');
  table(w, undefined, ['Date', 'Sévérité de la douleur (0 à 10)'], [
    [dateFr(pain.date), { id: 'f6-douleur', text: pain.score === undefined ? 'Non évaluée' : String(pain.score) }],
  ]);
  w.end();
  entry(w, () =>
    simpleObservation(state, {
      templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.4.13', '1.3.6.1.4.1.19376.1.5.3.1.1.12.3.1', '1.2.250.1.213.1.1.3.89'],
      code: ['38208-5', OID.loinc, 'Sévérité de la douleur'],
      textId: 'f6-douleur',
      time: { value: pain.date },
      value: (w) =>
        pain.score === undefined
          ? empty(w, 'value', ['xsi:type', 'INT'], ['nullFlavor', 'UNK'])
          : empty(w, 'value', ['xsi:type', 'INT'], ['value', String(pain.score)]),
    }),
  );
  closeSection(w);

  // F6b WHO performance status (VOL binds value and interpretationCode one level down).
  const who = fs.whoPerformance;
  if (who) {
    const stage = conceptCoding(JDV_OMSEchPerf_CISIS, who.stage as 'MED-240');
    const interpretation = conceptCoding(JDV_OMSInterpret_CISIS, WHO_INTERPRETATION[who.stage] as 'LA9622-7');
    openSection(state, {
      templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.1.12.2.5', '1.2.250.1.213.1.1.2.115'],
      code: ['46006-3', OID.loinc, 'Problèmes physiques fonctionnels et structurels'],
      title: 'ÉCHELLE DE PERFORMANCE OMS',
    });
    w.start('text');
    table(w, undefined, ['Date', 'Stade', 'Interprétation'], [
      [dateFr(who.date), { id: 'f6-oms', text: `Stade ${WHO_GRADE[who.stage]!}` }, interpretation.displayName],
    ]);
    w.end();
    entry(w, () =>
      simpleObservation(state, {
        templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.4.13', '2.16.840.1.113883.10.20.1.31', '1.3.6.1.4.1.19376.1.5.3.1.1.12.3.6', '1.2.250.1.213.1.1.3.25'],
        code: ['MED-239', OID.taAsip, 'Echelle de performance OMS'],
        textId: 'f6-oms',
        time: { value: who.date },
        value: cdValue(stage),
        children: () => cd(w, 'interpretationCode', interpretation),
      }),
    );
    closeSection(w);
  }

  // F6c geriatric frailty screening.
  const g = fs.geriatricScreening;
  if (g) {
    openSection(state, {
      templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.1.12.2.4', '1.2.250.1.213.1.1.2.114'],
      code: ['48542-5', OID.loinc, 'Évaluation de la dépression gériatrique'],
      title: 'DÉPISTAGE DE LA FRAGILITÉ GÉRIATRIQUE',
    });
    w.start('text');
    table(w, undefined, ['Date', 'Outil de dépistage', 'Score'], [[dateFr(g.date), { id: 'f6-fragilite-outil', text: g.toolName }, String(g.score)]]);
    w.end();
    entry(w, () =>
      simpleObservation(state, {
        templateIds: ['2.16.840.1.113883.10.20.1.31', '1.3.6.1.4.1.19376.1.5.3.1.4.13', '1.3.6.1.4.1.19376.1.5.3.1.1.12.3.4', '1.2.250.1.213.1.1.3.110'],
        code: ['48544-1', OID.loinc, 'Score de la dépression gériatrique'],
        textId: 'f6-fragilite-outil',
        time: { value: g.date },
        value: (w) => empty(w, 'value', ['xsi:type', 'INT'], ['value', String(g.score)]),
      }),
    );
    closeSection(w);
  }
  closeSection(w);
}

// ---------------------------------------------------------------- F9

function pastTreatmentsSection(state: BuildState, list: NonNullable<FrcpDocument['pastTreatments']>): void {
  const w = state.w;
  openSection(state, {
    templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.1.13.2.11', '1.2.250.1.213.1.1.2.118'],
    code: ['29554-3', OID.loinc, 'Actes'],
    title: 'TRAITEMENTS THÉRAPEUTIQUES PASSÉS OU EN COURS',
  });
  const ids = (i: number) => ({ type: `f9-traitement-${i + 1}`, precision: `f9-traitement-${i + 1}-precision`, comment: `f9-traitement-${i + 1}-commentaire` });
  w.start('text');
  table(
    w,
    undefined,
    ['Type', 'Précision', 'Période', 'Statut', 'Commentaire'],
    list.map((t, i) => [
      { id: ids(i).type, text: label(t.type) },
      t.precision !== undefined ? { id: ids(i).precision, text: t.precision } : '',
      periodFr(t.period),
      TREATMENT_STATUS_FR[t.status],
      t.comment !== undefined ? { id: ids(i).comment, text: t.comment } : '',
    ]),
  );
  w.end();
  list.forEach((t, i) =>
    entry(w, () => {
      w.start('procedure');
      w.attr('classCode', 'PROC');
      w.attr('moodCode', 'EVN');
      w.attr('negationInd', 'false');
      templateIds(w, DONE_ACT_TEMPLATES);
      state.freshId();
      codeWithText(w, t.type, t.precision !== undefined ? ids(i).precision : undefined);
      reference(w, ids(i).type);
      empty(w, 'statusCode', ['code', t.status]);
      ivl(w, 'effectiveTime', t.period);
      nestedComment(state, t.comment !== undefined ? ids(i).comment : undefined);
      w.end();
    }),
  );
  closeSection(w);
}

/** `code` of a treatment (JDV_TypeTraitement_FRCP, F-T7) with its free-text precision. */
function codeWithText(w: XmlSink, coding: Coding, textId: string | undefined): void {
  w.start('code');
  w.attr('code', coding.code);
  w.attr('codeSystem', coding.codeSystem);
  w.attr('displayName', coding.displayName);
  if (textId !== undefined) originalTextRef(w, textId);
  w.end();
}

// ---------------------------------------------------------------- F10 / F11 / F12

interface ReportKind {
  head: SectionHead;
  key: string;
  entryCode: readonly [string, string, string];
  performerLabel: string;
  /** How the sampler is written: F11 participant (PRF, OP), F12 second performer with time. */
  sampler: 'none' | 'participant' | 'performer';
}

function performer(w: XmlSink, actor: HealthProfessional, time?: string): void {
  w.start('performer');
  w.attr('typeCode', 'PRF');
  if (time !== undefined) ts(w, 'time', time);
  assignedEntity(w, 'assignedEntity', actor);
  w.end();
}

function samplerParticipant(w: XmlSink, sampler: HealthProfessional, date: string | undefined): void {
  w.start('participant');
  w.attr('typeCode', 'PRF');
  w.attr('contextControlCode', 'OP');
  if (date !== undefined) ts(w, 'time', date);
  w.start('participantRole');
  ii(w, 'id', { root: OID.idNatPs, extension: sampler.idNatPs });
  if (sampler.profession) cd(w, 'code', sampler.profession);
  addr(w, sampler.address);
  telecoms(w, sampler.telecoms);
  w.start('playingEntity');
  personName(w, sampler.name);
  w.end();
  const org = sampler.organization;
  if (org && (org.idNatStruct !== undefined || org.name !== undefined)) {
    w.start('scopingEntity');
    if (org.idNatStruct !== undefined) ii(w, 'id', { root: OID.idNatStruct, extension: org.idNatStruct });
    textElement(w, 'desc', org.name);
    w.end();
  }
  w.end();
  w.end();
}

function freeCommentSubsection(state: BuildState, textId: string, text: string): void {
  openSection(state, { templateIds: FREE_COMMENT_TEMPLATES, code: ['55112-7', OID.loinc, 'Commentaire'] }, false);
  state.w.start('text');
  table(state.w, undefined, ['Commentaires / précisions'], [[{ id: textId, text }]]);
  state.w.end();
  closeSection(state.w);
}

function reportSection(state: BuildState, doc: FrcpDocument, kind: ReportKind, r: ReportConclusion): void {
  const w = state.w;
  const k = kind.key;
  const ids = { title: `${k}-titre`, conclusion: `${k}-conclusion`, comment: `${k}-commentaire` };
  openSection(state, kind.head);
  w.start('text');
  if (kind.sampler !== 'none' && (r.sampler || r.samplingDate !== undefined))
    table(w, 'Prélèvement', ['Élément', 'Valeur'], [
      ['Date', dateFr(r.samplingDate)],
      ['Préleveur', personFr(r.sampler)],
    ]);
  const rows: Cell[][] = [
    ['Date', periodFr(r.period) || 'Inconnue'],
    [kind.performerLabel, personFr(r.performer)],
  ];
  if (r.examTitle !== undefined) rows.push(["Titre de l'examen", { id: ids.title, text: r.examTitle }]);
  rows.push(['Conclusion', { id: ids.conclusion, text: r.conclusion }]);
  if (r.originalAuthor)
    rows.push([
      'Auteur de la conclusion',
      personFr(r.originalAuthor.professional) + (r.originalAuthor.time !== undefined ? `, le ${dateFr(r.originalAuthor.time)}` : ''),
    ]);
  rows.push(['Conclusion transcrite par', personFr(r.transcribedBy)]);
  table(w, 'Conclusion', ['Élément', 'Valeur'], rows);
  w.end();
  // The section author is whoever transcribed the conclusion into this FRCP (J01 code: F-T1).
  author(w, r.transcribedBy, doc.document!.effectiveTime);
  entry(w, () => {
    w.start('observation');
    w.attr('classCode', 'OBS');
    w.attr('moodCode', 'EVN');
    templateIds(w, TEMPLATES.simpleObs);
    state.freshId();
    w.start('code');
    w.attr('code', kind.entryCode[0]);
    w.attr('codeSystem', kind.entryCode[1]);
    w.attr('displayName', kind.entryCode[2]);
    if (r.examTitle !== undefined) originalTextRef(w, ids.title);
    w.end();
    reference(w, ids.conclusion);
    empty(w, 'statusCode', ['code', 'completed']);
    ivl(w, 'effectiveTime', r.period);
    w.start('value');
    w.attr('xsi:type', 'CD');
    originalTextRef(w, ids.conclusion);
    w.end();
    performer(w, r.performer);
    if (kind.sampler === 'performer' && r.sampler) performer(w, r.sampler, r.samplingDate);
    if (r.originalAuthor) author(w, r.originalAuthor.professional, r.originalAuthor.time);
    if (kind.sampler === 'participant' && r.sampler) samplerParticipant(w, r.sampler, r.samplingDate);
    w.end();
  });
  if (r.comment !== undefined) freeCommentSubsection(state, ids.comment, r.comment);
  closeSection(w);
}

const SURGERY: ReportKind = {
  head: { templateIds: ['1.2.250.1.213.1.1.2.26'], code: ['10218-6', OID.loinc, 'Note postopératoire'], title: 'COMPTE RENDU OPÉRATOIRE (CRO)' },
  key: 'f10',
  entryCode: ['10218-6', OID.loinc, 'Note postopératoire'],
  performerLabel: 'Chirurgien',
  sampler: 'none',
};

const PATHOLOGY: ReportKind = {
  head: {
    templateIds: ['1.2.250.1.213.1.1.2.34'],
    code: ['30954-2', OID.loinc, "Résultats d'examens"],
    title: 'COMPTE RENDU ANATOMOCYTOPATHOLOGIQUE (CR-ACP)',
  },
  key: 'f11',
  entryCode: ['22637-3', OID.loinc, 'Conclusion - Diagnostic'],
  performerLabel: 'Anatomopathologiste',
  sampler: 'participant',
};

const molecular = (i: number): ReportKind => ({
  head: {
    templateIds: ['1.2.250.1.213.1.1.2.67'],
    code: ['50397-9', OID.loinc, 'Génétique moléculaire - Interprétation'],
    title: "COMPTE RENDU D'ANALYSE MOLÉCULAIRE (CR-GM)",
  },
  key: `f12-${i + 1}`,
  entryCode: ['22637-3', OID.loinc, 'Conclusion - Diagnostic'],
  performerLabel: 'Biologiste moléculaire',
  sampler: 'performer',
});

// ---------------------------------------------------------------- F13 / F14

function caseSummarySection(state: BuildState, s: FrcpDocument['caseSummary']): void {
  const w = state.w;
  openSection(state, {
    templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.3.4', '1.2.250.1.213.1.1.2.130'],
    code: ['10164-2', OID.loinc, 'Histoire de la maladie'],
    title: "SYNTHÈSE DU CAS PRÉSENTÉ ET QUESTION POSÉE À LA RCP - AUTRES DONNÉES INDISPENSABLES À L'AVIS DE LA RCP",
  });
  w.start('text');
  table(w, undefined, ['Synthèse du cas présenté et question posée à la RCP'], [[{ id: 'f13-synthese', text: s.summaryAndQuestion }]]);
  if (s.otherData !== undefined)
    table(w, undefined, ["Autres données indispensables à l'avis de la RCP"], [[{ id: 'f13-autres-donnees', text: s.otherData }]]);
  w.end();
  closeSection(w);
}

function recordStatusSection(state: BuildState, s: FrcpDocument['recordStatus']): void {
  const w = state.w;
  openSection(state, {
    templateIds: ['1.2.250.1.213.1.1.2.33'],
    code: ['21874-3', OID.loinc, 'Statut du dossier présenté en RCP'],
    title: 'STATUT DU DOSSIER PRÉSENTÉ EN RCP',
  });
  w.start('text');
  const rows: Cell[][] = [
    ['Dossier complet', { id: 'f14-dossier-complet', text: ouiNon(s.complete) }],
    ['Quorum', { id: 'f14-quorum', text: label(s.quorum) }],
  ];
  if (s.comment !== undefined) rows.push(['Commentaire', { id: 'f14-commentaire', text: s.comment }]);
  table(w, 'Statut du dossier présenté à la RCP', ['Élément', 'Valeur'], rows);
  w.end();
  entry(w, () => {
    w.start('organizer');
    w.attr('classCode', 'CLUSTER');
    w.attr('moodCode', 'EVN');
    templateIds(w, ['1.2.250.1.213.1.1.3.7']);
    state.freshId();
    fixedCode(w, 'code', 'GEN-099', OID.taAsip, 'Information RCP');
    empty(w, 'statusCode', ['code', 'completed']);
    w.start('component');
    simpleObservation(state, { code: taAsip('GEN-100', 'Dossier complet'), textId: 'f14-dossier-complet', time: { nullFlavor: 'NA' }, value: bl(s.complete) });
    w.end();
    w.start('component');
    simpleObservation(state, { code: taAsip('ORG-125', 'Quorum RCP'), textId: 'f14-quorum', time: { nullFlavor: 'NA' }, value: cdValue(s.quorum) });
    w.end();
    if (s.comment !== undefined) {
      w.start('component');
      commentAct(state, 'f14-commentaire');
      w.end();
    }
    w.end();
  });
  closeSection(w);
}

// ---------------------------------------------------------------- F15

function encounterRequest(state: BuildState, code: string, displayName: string, textId: string): void {
  const w = state.w;
  entry(w, () => {
    w.start('encounter');
    w.attr('classCode', 'ENC');
    w.attr('moodCode', 'ARQ');
    templateIds(w, ENCOUNTER_REQUEST_TEMPLATES);
    state.freshId();
    fixedCode(w, 'code', code, OID.taAsip, displayName);
    reference(w, textId);
    // ARQ without effectiveTime: priorityCode is required (IHE, F-T10).
    empty(w, 'priorityCode', ['code', 'CS'], ['codeSystem', '2.16.840.1.113883.5.7'], ['displayName', 'recontacter pour fixer RDV']);
    w.end();
  });
}

function proposalSection(state: BuildState, p: FrcpDocument['proposal']): void {
  const w = state.w;
  openSection(state, { templateIds: CARE_PLAN_TEMPLATES, code: ['18776-5', OID.loinc, 'Plan de soins'], title: 'PROPOSITION DE LA RCP' });
  const exams = p.examRequests ?? [];
  const treatments = p.treatments ?? [];
  const tIds = (i: number) => ({ type: `f15-traitement-${i + 1}`, label: `f15-traitement-${i + 1}-libelle` });
  w.start('text');
  table(w, undefined, ['Passage en RCP de recours'], [[p.recourseRcpRequested ? { id: 'f15-recours', text: 'Oui' } : 'Non']]);
  table(
    w,
    'Examens / expertises complémentaires',
    ['Type', 'Date au plus tôt souhaitée', 'Date au plus tard'],
    exams.map((e, i) => [{ id: `f15-examen-${i + 1}`, text: e.label }, dateFr(e.earliest), dateFr(e.latest)]),
  );
  table(w, undefined, ['Surveillance seule'], [[p.surveillanceOnly ? { id: 'f15-surveillance', text: 'Oui' } : 'Non']]);
  table(
    w,
    'Proposition(s) thérapeutique(s)',
    ['Numéro de proposition', 'Type de traitement', 'Précision sur le traitement', 'Période prévue'],
    treatments.map((t, i) => [
      sequenceFr(t.sequence),
      { id: tIds(i).type, text: label(t.type) },
      t.label !== undefined ? { id: tIds(i).label, text: t.label } : '',
      periodFr(t.period),
    ]),
  );
  if (p.comment !== undefined)
    table(w, undefined, ['Commentaires / précisions sur la proposition de la RCP'], [[{ id: 'f15-commentaire', text: p.comment }]]);
  w.end();

  if (p.recourseRcpRequested) encounterRequest(state, 'ORG-120', 'Passage en RCP recours', 'f15-recours');
  exams.forEach((e, i) =>
    entry(w, () => {
      w.start('observation');
      w.attr('classCode', 'OBS');
      w.attr('moodCode', 'PRP');
      templateIds(w, EXAM_REQUEST_TEMPLATES);
      state.freshId();
      fixedCode(w, 'code', 'ORG-064', OID.taAsip, "Demande d'examen ou de suivi");
      reference(w, `f15-examen-${i + 1}`);
      empty(w, 'statusCode', ['code', 'active']);
      const period: Period = {};
      if (e.earliest !== undefined) period.start = e.earliest;
      if (e.latest !== undefined) period.end = e.latest;
      ivl(w, 'effectiveTime', period);
      w.end();
    }),
  );
  if (p.surveillanceOnly) encounterRequest(state, 'MED-226', 'Surveillance seule', 'f15-surveillance');
  treatments.forEach((t, i) =>
    entry(w, () => {
      w.start('procedure');
      w.attr('classCode', 'PROC');
      w.attr('moodCode', 'INT');
      w.attr('negationInd', 'false');
      templateIds(w, PLANNED_ACT_TEMPLATES);
      state.freshId();
      codeWithText(w, t.type, t.label !== undefined ? tIds(i).label : undefined);
      reference(w, tIds(i).type);
      empty(w, 'statusCode', ['code', 'active']);
      if (t.period) ivl(w, 'effectiveTime', t.period);
      w.start('priorityCode');
      textElement(w, 'originalText', String(t.sequence));
      w.end();
      w.end();
    }),
  );
  if (p.comment !== undefined) entry(w, () => commentAct(state, 'f15-commentaire'));
  closeSection(w);
}

// ---------------------------------------------------------------- F16

function frameworkSection(state: BuildState, f: FrcpDocument['framework']): void {
  const w = state.w;
  openSection(state, {
    templateIds: ['1.2.250.1.213.1.1.2.175'],
    code: ['35510-7', OID.loinc, 'Essais cliniques - Informations générales'],
    title: 'CADRE DE LA PROPOSITION THÉRAPEUTIQUE',
  });
  const guidelines = f.guidelines ?? [];
  w.start('text');
  table(
    w,
    'Recommandation / référentiel de pratique clinique',
    ['Nom et version du référentiel', 'Date'],
    guidelines.map((g, i) => [{ id: `f16-referentiel-${i + 1}`, text: g.nameAndVersion }, dateFr(g.date)]),
  );
  const rows: Cell[][] = [
    [
      "Proposition d'inclusion dans un essai clinique",
      f.clinicalTrialProposed === undefined ? 'Non renseigné' : { id: 'f16-essai', text: ouiNon(f.clinicalTrialProposed) },
    ],
  ];
  if (f.comment !== undefined) rows.push(['Commentaire', { id: 'f16-commentaire', text: f.comment }]);
  table(w, undefined, ['Élément', 'Valeur'], rows);
  w.end();
  guidelines.forEach((g, i) =>
    entry(w, () =>
      simpleObservation(state, {
        code: taAsip('MED-249', 'Recommandation/référentiel de pratique clinique'),
        textId: `f16-referentiel-${i + 1}`,
        time: { value: g.date },
        value: (w) => {
          w.start('value');
          w.attr('xsi:type', 'CD');
          originalTextRef(w, `f16-referentiel-${i + 1}`);
          w.end();
        },
      }),
    ),
  );
  if (f.clinicalTrialProposed !== undefined)
    entry(w, () =>
      simpleObservation(state, {
        code: taAsip('MED-250', "Proposition d'inclusion dans un essai clinique"),
        textId: 'f16-essai',
        time: { nullFlavor: 'NA' },
        value: bl(f.clinicalTrialProposed!),
      }),
    );
  if (f.comment !== undefined) entry(w, () => commentAct(state, 'f16-commentaire'));
  closeSection(w);
}

// ---------------------------------------------------------------- F17 / F18

function patientCommentSection(state: BuildState, text: string): void {
  openSection(
    state,
    { templateIds: FREE_COMMENT_TEMPLATES, code: ['55112-7', OID.loinc, 'Commentaire'], title: 'COMMENTAIRES / PRÉCISIONS SUR LE PATIENT' },
    false,
  );
  state.w.start('text');
  paragraph(state.w, text, 'f17-commentaire');
  state.w.end();
  closeSection(state.w);
}

function statusSection(state: BuildState, s: FrcpDocument['status']): void {
  const w = state.w;
  openSection(state, STATUS_SECTION);
  w.start('text');
  const rows: Cell[][] = [
    ['Statut du document', { id: 'f18-statut', text: label(s.status!) }],
    ['Date du statut', dateFr(s.date)],
  ];
  if (s.comment !== undefined) rows.push(['Commentaire sur la fiche RCP', { id: 'f18-commentaire', text: s.comment }]);
  table(w, undefined, ['Élément', 'Valeur'], rows);
  w.end();
  statusEntry(state, s.status!, s.date, 'f18-statut', s.comment !== undefined ? 'f18-commentaire' : undefined);
  closeSection(w);
}

// ---------------------------------------------------------------- document

/** Writes the whole FRCP of a checked, normalised model (see checkFrcp). */
export function writeFrcp(state: BuildState, doc: FrcpDocument): void {
  const w = state.w;
  writeHeader(state, { ...doc, encounter: frcpEncounter(doc) }, FRCP_VOLET, {
    participants: (s) => participants(s, doc),
    inFulfillmentOf: (s) => inFulfillmentOf(s, doc),
    documentationOf: (s) => documentationOf(s, doc),
    encounterIds: (s) => encounterIds(s, doc),
  });
  w.start('component');
  w.start('structuredBody');
  reasonSection(state, doc);
  discoverySection(state, 'f2', doc.discovery);
  // One F3 section per tumour: the kit's IHE rule S_cancerDiagnosis.sch evaluates
  // `cda:entry/cda:act/(… and …)` as a boolean, a dynamic error (FORG0006) as soon as a
  // section holds two E-LPC acts; one act per section keeps every tumour validatable.
  doc.tumours.forEach((t, i) =>
    diagnosisSection(state, i === 0 ? 'f3' : `f3-${i + 1}`, doc.tumours.length > 1 ? `TUMEUR ${i + 1}` : 'TUMEUR', [t], true),
  );
  if (doc.medicalHistory)
    datedListSection(
      state,
      { templateIds: ['1.2.250.1.213.1.1.2.2'], code: ['11348-0', OID.loinc, 'Antécédents médicaux'], title: 'CLINIQUE - ANTÉCÉDENTS NOTABLES' },
      "Antécédents médicaux (ceux notables pour l'avis)",
      'f4-antecedent',
      doc.medicalHistory,
    );
  if (doc.comorbidities)
    datedListSection(
      state,
      { templateIds: ['1.2.250.1.213.1.1.2.176'], code: ['11450-4', OID.loinc, 'Liste des problèmes actifs'], title: 'COMORBIDITÉS' },
      'Comorbidités',
      'f5-comorbidite',
      doc.comorbidities,
    );
  if (doc.functionalStatus) functionalStatusSection(state, doc.functionalStatus);
  if (doc.examResults) examResultsSection(state, doc.examResults);
  phaseSection(state, 'f8', 'PHASE CLINIQUE DE LA MALADIE', doc.phase);
  if (doc.pastTreatments) pastTreatmentsSection(state, doc.pastTreatments);
  if (doc.surgeryReport) reportSection(state, doc, SURGERY, doc.surgeryReport);
  if (doc.pathologyReport) reportSection(state, doc, PATHOLOGY, doc.pathologyReport);
  (doc.molecularReports ?? []).forEach((r, i) => reportSection(state, doc, molecular(i), r));
  caseSummarySection(state, doc.caseSummary);
  recordStatusSection(state, doc.recordStatus);
  proposalSection(state, doc.proposal);
  frameworkSection(state, doc.framework);
  if (doc.patientComment !== undefined) patientCommentSection(state, doc.patientComment);
  statusSection(state, doc.status);
  w.end();
  w.end();
  w.end();
}

