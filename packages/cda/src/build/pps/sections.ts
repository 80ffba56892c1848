// The other PPS sections: S1 / S10 free comments, S2 paediatrics, S8 document status, S9
// referenced documents.
import { empty } from '../../xml/writer.js';
import type { XmlSink } from '../../xml/writer.js';
import type { PpsDocument } from '../../model/pps.js';
import type { Coding } from '../../model/common.js';
import { toTs } from '../../datatypes.js';
import { assignedEntity } from '../datatypes.js';
import {
  openSection,
  closeSection,
  entry,
  simpleObservation,
  nestedComment,
  templateIds,
  reference,
  originalTextRef,
  bl,
  cdValue,
  TEMPLATES,
} from '../entries.js';
import { table, content, richText, type Cell, dateFr, ouiNon, personWithPhoneFr } from '../narrative.js';
import { statusEntry, STATUS_SECTION, FREE_COMMENT_TEMPLATES } from '../shared-sections.js';
import { BuildState, OID } from '../state.js';

export function freeCommentSection(state: BuildState, translation: readonly [string, string], title: string, body: (w: XmlSink) => void): void {
  openSection(state, { templateIds: FREE_COMMENT_TEMPLATES, code: ['55112-7', OID.loinc, 'Commentaire'], translation, title }, false);
  state.w.start('text');
  body(state.w);
  state.w.end();
  closeSection(state.w);
}

// ---------------------------------------------------------------- S2

export function paediatricsSection(state: BuildState, p: NonNullable<PpsDocument['paediatrics']>): void {
  const w = state.w;
  openSection(state, {
    templateIds: ['1.2.250.1.213.1.1.2.128', '1.3.6.1.4.1.19376.1.5.3.1.3.2', '1.3.6.1.4.1.19376.1.5.3.1.3.1'],
    code: ['42349-1', OID.loinc, 'Raison de la recommandation'],
    title: 'PÉDIATRIE',
  });
  w.start('text');
  const rows: Cell[][] = [['Prise en charge pédiatrique', { id: 's2-pediatrie', text: ouiNon(p.isPaediatric) }]];
  if (p.comment !== undefined) rows.push(['Commentaire', { id: 's2-commentaire', text: p.comment }]);
  if (p.reason !== undefined) rows.push(['Raison de la recommandation', { id: 's2-raison', text: p.reason }]);
  table(w, undefined, ['Élément', 'Valeur'], rows);
  w.end();
  entry(w, () =>
    simpleObservation(state, {
      code: ['ORG-116', OID.taAsip, 'Pédiatrie'],
      textId: 's2-pediatrie',
      time: { nullFlavor: 'NI' },
      value: bl(p.isPaediatric),
      children: () => nestedComment(state, p.comment !== undefined ? 's2-commentaire' : undefined),
    }),
  );
  const reasonId = p.reason !== undefined ? 's2-raison' : 's2-pediatrie';
  entry(w, () =>
    simpleObservation(state, {
      negationInd: false,
      templateIds: TEMPLATES.problem,
      code: ['55607006', OID.snomed, 'Problème'],
      textId: reasonId,
      time: { low: undefined },
      value: (w) => {
        w.start('value');
        w.attr('xsi:type', 'CD');
        w.attr('code', '42349-1');
        w.attr('codeSystem', OID.loinc);
        w.attr('displayName', 'Raison de la recommandation');
        originalTextRef(w, reasonId);
        w.end();
      },
    }),
  );
  closeSection(w);
}

// ---------------------------------------------------------------- S8

export function statusSection(state: BuildState, doc: PpsDocument): void {
  const w = state.w;
  const s = doc.status;
  openSection(state, STATUS_SECTION);
  w.start('text');
  const rows: Cell[][] = [
    ['Statut', { id: 's8-statut', text: s.status!.displayName! }],
    ['Date du statut', dateFr(s.statusDate)],
  ];
  if (s.comment !== undefined) rows.push(['Commentaire', { id: 's8-commentaire', text: s.comment }]);
  if (s.updateReason) {
    rows.push(['Motif de mise à jour', { id: 's8-motif', text: s.updateReason.reason.displayName! }]);
    if (s.updateReason.precision !== undefined) rows.push(['Précision', { id: 's8-motif-precision', text: s.updateReason.precision }]);
  }
  rows.push(['Date de la RCP', { id: 's8-date-rcp', text: dateFr(s.rcpDate) }]);
  if (s.handover) {
    rows.push(['Date de remise du document au patient', { id: 's8-remise', text: dateFr(s.handover.date) }]);
    rows.push(["Date de la consultation d'annonce", dateFr(s.handover.announcementConsultationDate)]);
    if (s.handover.by) rows.push(['Remis par', personWithPhoneFr(s.handover.by)]);
  } else rows.push(['Date de remise du document au patient', { id: 's8-remise', text: 'Non renseignée' }]);
  table(w, undefined, ['Élément', 'Valeur'], rows);
  w.end();
  statusEntry(state, s.status as Required<Coding>, s.statusDate, 's8-statut', s.comment !== undefined ? 's8-commentaire' : undefined);
  if (s.updateReason) {
    const reason = s.updateReason;
    entry(w, () =>
      simpleObservation(state, {
        code: ['GEN-037', OID.taAsip, 'Motif de mise à jour'],
        textId: 's8-motif',
        time: { value: s.statusDate },
        value: cdValue(reason.reason),
        children: () => nestedComment(state, reason.precision !== undefined ? 's8-motif-precision' : undefined),
      }),
    );
  }
  entry(w, () =>
    simpleObservation(state, {
      code: ['ORG-189', OID.taAsip, 'Date de la RCP'],
      textId: 's8-date-rcp',
      time: { value: s.rcpDate },
      // xsi:type TS (a point in time) rather than the example's EIVL_TS (an event-related interval).
      value: (w) => empty(w, 'value', ['xsi:type', 'TS'], ['value', toTs(s.rcpDate)]),
    }),
  );
  entry(w, () =>
    simpleObservation(state, {
      code: ['GEN-178', OID.taAsip, 'Date de remise du document au patient'],
      textId: 's8-remise',
      time: { value: s.handover?.date },
      value: (w) => {
        w.start('value');
        w.attr('xsi:type', 'TS');
        if (s.handover) w.attr('value', toTs(s.handover.announcementConsultationDate));
        else w.attr('nullFlavor', 'UNK');
        w.end();
      },
      children: () => {
        if (!s.handover?.by) return;
        w.start('performer');
        assignedEntity(w, 'assignedEntity', s.handover.by);
        w.end();
      },
    }),
  );
  closeSection(w);
}

// ---------------------------------------------------------------- S9

export function referencesSection(state: BuildState, doc: PpsDocument): void {
  const w = state.w;
  openSection(state, {
    templateIds: ['1.2.250.1.213.1.1.2.55'],
    code: ['55107-7', OID.loinc, 'Documents référencés'],
    title: 'DOCUMENTS RÉFÉRENCÉS',
  });
  w.start('text');
  w.start('table');
  w.attr('border', '1');
  w.attr('ID', 's9-documents');
  w.start('thead');
  w.start('tr');
  for (const h of ['Document', 'Identifiant']) {
    w.start('th');
    w.text(h);
    w.end();
  }
  w.end();
  w.end();
  w.start('tbody');
  doc.referencedDocuments.forEach((d, i) => {
    w.start('tr');
    w.start('td');
    content(w, `s9-document-${i + 1}`, d.label);
    w.end();
    w.start('td');
    richText(w, d.id.extension !== undefined ? `${d.id.extension} (${d.id.root})` : d.id.root);
    w.end();
    w.end();
  });
  w.end();
  w.end();
  w.end();
  entry(w, () => {
    w.start('act');
    w.attr('classCode', 'ACT');
    w.attr('moodCode', 'EVN');
    templateIds(w, ['1.3.6.1.4.1.19376.1.5.3.1.4.4', '1.2.250.1.213.1.1.3.35']);
    state.freshId();
    empty(w, 'code', ['nullFlavor', 'NA']);
    reference(w, 's9-documents');
    doc.referencedDocuments.forEach((d, i) => {
      w.start('reference');
      w.attr('typeCode', 'REFR');
      w.start('externalDocument');
      w.attr('classCode', 'DOC');
      w.attr('moodCode', 'EVN');
      empty(w, 'id', ['root', d.id.root], ['extension', d.id.extension]);
      reference(w, `s9-document-${i + 1}`);
      w.end();
      w.end();
    });
    w.end();
  });
  closeSection(w);
}
