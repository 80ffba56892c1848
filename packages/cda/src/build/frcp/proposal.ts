// F15 proposal of the RCP (exams, encounters, planned treatments) and F16 its framework
// (clinical guideline, clinical trial).
import { empty, textElement } from '../../xml/writer.js';
import type { FrcpDocument } from '../../model/frcp.js';
import type { Period } from '../../model/common.js';
import { fixedCode, ivl } from '../datatypes.js';
import {
  openSection,
  closeSection,
  entry,
  simpleObservation,
  commentAct,
  templateIds,
  reference,
  originalTextRef,
  bl,
} from '../entries.js';
import { table, type Cell, dateFr, periodFr, ouiNon } from '../narrative.js';
import { BuildState, OID } from '../state.js';
import { codeWithText, label, taAsip } from './coding.js';

const CARE_PLAN_TEMPLATES = ['2.16.840.1.113883.10.20.1.10', '1.3.6.1.4.1.19376.1.5.3.1.3.36', '1.2.250.1.213.1.1.2.158'] as const;
const ENCOUNTER_REQUEST_TEMPLATES = ['2.16.840.1.113883.10.20.1.25', '1.3.6.1.4.1.19376.1.5.3.1.4.14', '1.2.250.1.213.1.1.3.58'] as const;
const EXAM_REQUEST_TEMPLATES = ['2.16.840.1.113883.10.20.1.25', '1.3.6.1.4.1.19376.1.5.3.1.1.20.3.1', '1.2.250.1.213.1.1.3.27'] as const;
const PLANNED_ACT_TEMPLATES = ['2.16.840.1.113883.10.20.1.25', '1.3.6.1.4.1.19376.1.5.3.1.4.19', '1.2.250.1.213.1.1.3.62'] as const;
const sequenceFr = (n: number) => `${n} (${n === 1 ? 'première intention' : 'alternative'})`;

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

export function proposalSection(state: BuildState, p: FrcpDocument['proposal']): void {
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

export function frameworkSection(state: BuildState, f: FrcpDocument['framework']): void {
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
