// S6 therapeutic programme and S7 supportive care: the six act lists, each act with its narrative
// row and its entry (planned or done procedure, with performer, place and comments).
import { empty } from '../../xml/writer.js';
import type { XmlSink } from '../../xml/writer.js';
import type { PpsDocument, PpsCareAct } from '../../model/pps.js';
import type { Actor, Coding } from '../../model/common.js';
import { assignedEntity, cd, ivl } from '../datatypes.js';
import {
  openSection,
  closeSection,
  entry,
  entryRelationship,
  simpleObservation,
  nestedComment,
  templateIds,
  reference,
  bl,
  cdValue,
  nullCd,
} from '../entries.js';
import { table, paragraph, content, type Cell, dateFr, periodFr, personWithPhoneFr } from '../narrative.js';
import { actStateFr } from '../../narrative/acts.js';
import { BuildState, OID } from '../state.js';

const CARE_PLAN_TEMPLATES = ['2.16.840.1.113883.10.20.1.10', '1.3.6.1.4.1.19376.1.5.3.1.3.36', '1.2.250.1.213.1.1.2.158'];

/** The act lists of S6 and S7, in document order, with their category code. */
export const ACT_LISTS = [
  { section: 'therapeuticProgramme', list: 'treatments', category: 'MED-568', label: 'Traitement', key: 'trait' },
  { section: 'therapeuticProgramme', list: 'sideEffectManagement', category: 'MED-569', label: 'Action de prévention et de gestion médicamenteuse des effets secondaires', key: 'es' },
  { section: 'therapeuticProgramme', list: 'associatedMeasures', category: 'MED-570', label: 'Mesure associée', key: 'mesure' },
  { section: 'therapeuticProgramme', list: 'followUp', category: 'MED-571', label: 'Suivi', key: 'suivi' },
  { section: 'supportiveCare', list: 'supportiveCare', category: 'MED-572', label: 'Soin oncologique de support', key: 'sos' },
  { section: 'supportiveCare', list: 'socialSupport', category: 'MED-573', label: 'Accompagnement social ou socioprofessionnel', key: 'social' },
] as const;

type ActList = (typeof ACT_LISTS)[number];

// ---------------------------------------------------------------- S6 / S7 care acts

/** Narrative ids of one act. */
export const actIds = (key: string, i: number) => {
  const p = `${key}-${i + 1}`;
  return {
    type: `${p}-type`,
    planned: `${p}-dates-prev`,
    rhythm: `${p}-rythme`,
    route: `${p}-mode`,
    sideEffects: `${p}-effets`,
    comment: `${p}-commentaire`,
    weight: `${p}-poids`,
    habitus: `${p}-habitus`,
  };
};

export const actLabel = (act: PpsCareAct): string =>
  act.typePrecision !== undefined ? `${act.type.displayName} : ${act.typePrecision}` : act.type.displayName!;

// The person or structure, with a telephone number the patient can call.
const place = (a: Actor) => personWithPhoneFr(a) || a.organization?.name || '';

/** The table of one list's done acts, or of its ongoing and planned ones (`asOf`: the document's date). */
function actNarrative(w: XmlSink, l: ActList, acts: readonly PpsCareAct[], done: boolean, asOf: string): void {
  const rows: Cell[][] = [];
  acts.forEach((act, i) => {
    if ((act.performed === 'done') !== done) return;
    const ids = actIds(l.key, i);
    rows.push([
      { id: ids.type, text: actLabel(act) },
      periodFr(act.confirmedPeriod),
      act.plannedPeriod ? { id: ids.planned, text: periodFr(act.plannedPeriod) } : '',
      act.administrationRoute ? { id: ids.route, text: act.administrationRoute.displayName! } : '',
      act.rhythm !== undefined || act.atHome !== undefined
        ? { id: ids.rhythm, text: [act.rhythm, act.atHome === undefined ? undefined : act.atHome ? 'à domicile' : 'hors domicile'].filter((s) => s !== undefined).join(', ') }
        : '',
      (act.performers ?? []).map(place).join(' ; '),
      act.notableSideEffects !== undefined ? { id: ids.sideEffects, text: act.notableSideEffects } : '',
      act.comment !== undefined ? { id: ids.comment, text: act.comment } : '',
      actStateFr(act, asOf),
    ]);
    if (act.weight) rows.push([{ id: ids.weight, text: `Poids : ${String(act.weight.valueKg).replace('.', ',')} kg le ${dateFr(act.weight.date)}` }, '', '', '', '', '', '', '', '']);
    if (act.habitus) rows.push([{ id: ids.habitus, text: `${act.habitus.code.displayName} : ${act.habitus.statusText}` }, '', '', '', '', '', '', '', '']);
  });
  if (rows.length === 0) return;
  table(
    w,
    `${l.label} — ${done ? 'réalisé(s)' : 'en cours ou à venir'}`,
    ['Type', 'Dates confirmées', 'Dates prévisionnelles', "Mode d'administration", 'Rythme', 'Lieu / intervenants', 'Effets secondaires notables', 'Commentaire', 'État'],
    rows,
  );
}

function careActEntry(state: BuildState, l: ActList, act: PpsCareAct, i: number): void {
  const w = state.w;
  const ids = actIds(l.key, i);
  const done = act.performed === 'done';
  entry(w, () => {
    w.start('procedure');
    w.attr('classCode', 'PROC');
    w.attr('moodCode', done ? 'EVN' : 'INT');
    w.attr('negationInd', 'false');
    templateIds(w, ['1.3.6.1.4.1.19376.1.5.3.1.4.19', done ? '2.16.840.1.113883.10.20.1.29' : '2.16.840.1.113883.10.20.1.25', '1.2.250.1.213.1.1.3.62']);
    state.freshId();
    w.start('code');
    w.attr('code', l.category);
    w.attr('codeSystem', OID.taAsip);
    w.attr('displayName', l.label);
    w.start('qualifier');
    cd(w, 'value', act.type);
    w.end();
    w.end();
    reference(w, ids.type);
    empty(w, 'statusCode', ['code', act.statusCode ?? (done ? 'completed' : 'active')]);
    ivl(w, 'effectiveTime', act.confirmedPeriod);
    for (const p of act.performers ?? []) {
      w.start('performer');
      w.attr('typeCode', 'PRF');
      assignedEntity(w, 'assignedEntity', p);
      w.end();
    }
    if (act.plannedPeriod)
      entryRelationship(w, 'COMP', false, () =>
        simpleObservation(state, {
          code: ['GEN-177', OID.taAsip, 'Date(s) prévisionnelle(s)'],
          textId: ids.planned,
          time: { period: act.plannedPeriod },
          value: nullCd('NA'),
        }),
      );
    if (act.rhythm !== undefined || act.atHome !== undefined)
      entryRelationship(w, 'COMP', false, () =>
        simpleObservation(state, {
          code: ['ORG-004', OID.taAsip, 'Rythme'],
          textId: ids.rhythm,
          time: { nullFlavor: 'NA' },
          value: act.atHome === undefined ? (w) => empty(w, 'value', ['xsi:type', 'BL'], ['nullFlavor', 'UNK']) : bl(act.atHome),
        }),
      );
    if (act.administrationRoute)
      entryRelationship(w, 'COMP', false, () =>
        simpleObservation(state, {
          code: ['ORG-006', OID.taAsip, "Mode d'administration"],
          textId: ids.route,
          time: { nullFlavor: 'NA' },
          value: cdValue(act.administrationRoute as Required<Coding>),
        }),
      );
    if (act.notableSideEffects !== undefined)
      entryRelationship(w, 'COMP', false, () =>
        simpleObservation(state, {
          code: ['MED-565', OID.taAsip, 'Effets secondaires'],
          textId: ids.sideEffects,
          time: { nullFlavor: 'NA' },
          value: nullCd('NA', ids.sideEffects),
        }),
      );
    if (act.weight) {
      const weight = act.weight;
      entryRelationship(w, 'RSON', false, () =>
        simpleObservation(state, {
          templateIds: ['2.16.840.1.113883.10.20.1.31', '1.3.6.1.4.1.19376.1.5.3.1.4.13', '1.3.6.1.4.1.19376.1.5.3.1.4.13.2', '1.2.250.1.213.1.1.3.50'],
          code: ['29463-7', OID.loinc, 'Poids'],
          textId: ids.weight,
          time: { value: weight.date },
          value: (w) => empty(w, 'value', ['xsi:type', 'PQ'], ['value', String(weight.valueKg)], ['unit', 'kg']),
        }),
      );
    }
    if (act.habitus) {
      const habitus = act.habitus;
      entryRelationship(w, 'RSON', false, () =>
        simpleObservation(state, {
          templateIds: ['2.16.840.1.113883.10.20.1.33', '1.3.6.1.4.1.19376.1.5.3.1.4.13', '1.3.6.1.4.1.19376.1.5.3.1.4.13.4', '1.2.250.1.213.1.1.3.52'],
          code: [habitus.code.code, habitus.code.codeSystem!, habitus.code.displayName!],
          textId: ids.habitus,
          time: { value: habitus.date },
          value: nullCd('NA', ids.habitus),
        }),
      );
    }
    nestedComment(state, act.comment !== undefined ? ids.comment : undefined);
    w.end();
  });
}

export function carePlanSection(state: BuildState, doc: PpsDocument, which: 'therapeuticProgramme' | 'supportiveCare'): void {
  const w = state.w;
  const lists = ACT_LISTS.filter((l) => l.section === which);
  const group = doc[which] as Record<string, PpsCareAct[] | undefined>;
  const isProgramme = which === 'therapeuticProgramme';
  openSection(state, {
    templateIds: CARE_PLAN_TEMPLATES,
    code: ['18776-5', OID.loinc, 'Plan de soins'],
    translation: isProgramme
      ? ['MED-566', 'Programme thérapeutique et de suivi']
      : ['MED-567', 'Soins oncologiques de support, accompagnement social et socioprofessionnel'],
    title: isProgramme
      ? 'PROGRAMME THÉRAPEUTIQUE ET DE SUIVI'
      : 'SOINS ONCOLOGIQUES DE SUPPORT, ACCOMPAGNEMENT SOCIAL ET SOCIOPROFESSIONNEL',
  });
  const stop = isProgramme ? doc.therapeuticProgramme.stopAllActiveTreatments : undefined;
  w.start('text');
  let any = false;
  for (const done of [true, false])
    for (const l of lists) {
      const acts = group[l.list] ?? [];
      if (acts.some((a) => (a.performed === 'done') === done)) any = true;
      actNarrative(w, l, acts, done, doc.document!.effectiveTime!);
    }
  if (stop) {
    any = true;
    w.start('paragraph');
    content(w, 's6-arret', `Arrêt de tous les traitements actifs le ${dateFr(stop.date)}`);
    if (stop.comment !== undefined) {
      w.text(' : ');
      content(w, 's6-arret-commentaire', stop.comment);
    }
    w.end();
  }
  if (!any) paragraph(w, 'Aucun élément.');
  w.end();
  for (const l of lists) (group[l.list] ?? []).forEach((act, i) => careActEntry(state, l, act, i));
  if (stop)
    entry(w, () =>
      simpleObservation(state, {
        code: ['MED-052', OID.taAsip, 'Arrêt de tous les traitements actifs'],
        textId: 's6-arret',
        time: { value: stop.date },
        value: bl(true),
        children: () => nestedComment(state, stop.comment !== undefined ? 's6-arret-commentaire' : undefined),
      }),
    );
  closeSection(w);
}
