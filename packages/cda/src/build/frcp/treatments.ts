// F9: treatments already given, in progress or not done.
import { empty } from '../../xml/writer.js';
import type { FrcpDocument } from '../../model/frcp.js';
import { ivl } from '../datatypes.js';
import { openSection, closeSection, entry, nestedComment, templateIds, reference } from '../entries.js';
import { table, periodFr } from '../narrative.js';
import { BuildState, OID } from '../state.js';
import { codeWithText, label } from './coding.js';

const DONE_ACT_TEMPLATES = ['1.3.6.1.4.1.19376.1.5.3.1.4.19', '2.16.840.1.113883.10.20.1.29', '1.2.250.1.213.1.1.3.62'] as const;

const TREATMENT_STATUS_FR: Record<string, string> = { completed: 'Déjà réalisé', active: 'En cours', cancelled: 'Non réalisé' };

// ---------------------------------------------------------------- F9

export function pastTreatmentsSection(state: BuildState, list: NonNullable<FrcpDocument['pastTreatments']>): void {
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
