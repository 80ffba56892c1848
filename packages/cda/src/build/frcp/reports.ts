// F10 / F11 / F12: conclusions of the surgery, pathology and molecular reports.
import { empty, textElement } from '../../xml/writer.js';
import type { XmlSink } from '../../xml/writer.js';
import type { FrcpDocument, ReportConclusion } from '../../model/frcp.js';
import type { HealthProfessional } from '../../model/common.js';
import { assignedEntity, author, personName, addr, telecoms, cd, ii, ivl, ts } from '../datatypes.js';
import {
  TEMPLATES,
  openSection,
  closeSection,
  type SectionHead,
  entry,
  templateIds,
  reference,
  originalTextRef,
} from '../entries.js';
import { table, type Cell, dateFr, periodFr, personFr } from '../narrative.js';
import { FREE_COMMENT_TEMPLATES } from '../shared-sections.js';
import { BuildState, OID } from '../state.js';

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

export function reportSection(state: BuildState, doc: FrcpDocument, kind: ReportKind, r: ReportConclusion): void {
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

export const SURGERY: ReportKind = {
  head: { templateIds: ['1.2.250.1.213.1.1.2.26'], code: ['10218-6', OID.loinc, 'Note postopératoire'], title: 'COMPTE RENDU OPÉRATOIRE (CRO)' },
  key: 'f10',
  entryCode: ['10218-6', OID.loinc, 'Note postopératoire'],
  performerLabel: 'Chirurgien',
  sampler: 'none',
};

export const PATHOLOGY: ReportKind = {
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

export const molecular = (i: number): ReportKind => ({
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
