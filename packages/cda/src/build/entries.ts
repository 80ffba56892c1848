// Sections and entries both volets write (specs §4.0): section head, references, templateIds,
// simple observations (E-SO), comments (E-COM), entryRelationship.
import type { XmlSink } from '../xml/writer.js';
import { empty, textElement } from '../xml/writer.js';
import type { Coding, Period } from '../model/common.js';
import { cd, fixedCode, ivl, taAsipTranslation, ts } from './datatypes.js';
import { BuildState, OID } from './state.js';

export interface SectionHead {
  templateIds: readonly string[];
  code: readonly [string, string, string]; // code, codeSystem, displayName
  translation?: readonly [string, string];
  title?: string;
}

/** Opens `component/section` and writes templateIds, id, code (+translation) and title. */
export function openSection(state: BuildState, head: SectionHead, withId = true): void {
  const w = state.w;
  w.start('component');
  w.start('section');
  for (const t of head.templateIds) empty(w, 'templateId', ['root', t]);
  if (withId) state.freshId();
  w.start('code');
  w.attr('code', head.code[0]);
  w.attr('codeSystem', head.code[1]);
  w.attr('displayName', head.code[2]);
  if (head.translation) taAsipTranslation(w, head.translation);
  w.end();
  if (head.title === undefined) empty(w, 'title', ['nullFlavor', 'NA']);
  else textElement(w, 'title', head.title);
}

export function closeSection(w: XmlSink): void {
  w.end();
  w.end();
}

export function reference(w: XmlSink, id: string): void {
  w.start('text');
  empty(w, 'reference', ['value', `#${id}`]);
  w.end();
}

export function originalTextRef(w: XmlSink, id: string): void {
  w.start('originalText');
  empty(w, 'reference', ['value', `#${id}`]);
  w.end();
}

export const T = {
  simpleObs: ['1.3.6.1.4.1.19376.1.5.3.1.4.13', '1.2.250.1.213.1.1.3.48'],
  comment: ['2.16.840.1.113883.10.20.1.40', '1.3.6.1.4.1.19376.1.5.3.1.4.2', '1.2.250.1.213.1.1.3.32'],
  problem: ['2.16.840.1.113883.10.20.1.28', '1.3.6.1.4.1.19376.1.5.3.1.4.5', '1.2.250.1.213.1.1.3.37'],
  cancerConcern: [
    '2.16.840.1.113883.10.20.1.27',
    '1.3.6.1.4.1.19376.1.5.3.1.4.5.1',
    '1.3.6.1.4.1.19376.1.5.3.1.4.5.2',
    '1.2.250.1.213.1.1.3.39',
    '1.2.250.1.213.1.1.3.39.1',
  ],
  cancerDiagnosis: [
    '2.16.840.1.113883.10.20.1.28',
    '1.3.6.1.4.1.19376.1.5.3.1.4.5',
    '1.2.250.1.213.1.1.3.37',
    '1.3.6.1.4.1.19376.1.7.3.1.4.14.1',
    '1.2.250.1.213.1.1.3.113',
  ],
  tnm: ['1.3.6.1.4.1.19376.1.7.3.1.4.14.2'],
  status: ['1.3.6.1.4.1.19376.1.5.3.1.4.13', '1.2.250.1.213.1.1.3.48', '1.2.250.1.213.1.1.3.48.16'],
} as const;

export const TEMPLATES = T;

export function templateIds(w: XmlSink, ids: readonly string[]): void {
  for (const t of ids) empty(w, 'templateId', ['root', t]);
}

export type ValueWriter = (w: XmlSink) => void;
export const bl =
  (value: boolean): ValueWriter =>
  (w) =>
    empty(w, 'value', ['xsi:type', 'BL'], ['value', String(value)]);
export const cdValue =
  (coding: Coding): ValueWriter =>
  (w) =>
    cd(w, 'value', coding, 'CD');
export const nullCd =
  (nullFlavor: string, textId?: string): ValueWriter =>
  (w) => {
    w.start('value');
    w.attr('xsi:type', 'CD');
    w.attr('nullFlavor', nullFlavor);
    if (textId) originalTextRef(w, textId);
    w.end();
  };

export interface SimpleObservation {
  templateIds?: readonly string[];
  code: readonly [string, string, string];
  textId: string;
  /** Written as effectiveTime: a TS value, a period, or a nullFlavor. */
  time:
    | { value: string | undefined; nullFlavor?: string }
    | { period: Period | undefined }
    | { nullFlavor: string }
    /** effectiveTime/low only (problem and diagnosis templates); unknown → nullFlavor UNK. */
    | { low: string | undefined };
  /** Writes negationInd="false" (problem, diagnosis and TNM templates carry it). */
  negationInd?: false;
  value?: ValueWriter;
  /** Children after value (performer, author, participant, entryRelationship…). */
  children?: (state: BuildState) => void;
}

/** E-SO FR-Simple-Observation (or a template built on it). */
export function simpleObservation(state: BuildState, o: SimpleObservation): void {
  const w = state.w;
  w.start('observation');
  w.attr('classCode', 'OBS');
  w.attr('moodCode', 'EVN');
  if (o.negationInd === false) w.attr('negationInd', 'false');
  templateIds(w, o.templateIds ?? T.simpleObs);
  state.freshId();
  fixedCode(w, 'code', ...o.code);
  reference(w, o.textId);
  empty(w, 'statusCode', ['code', 'completed']);
  if ('period' in o.time) ivl(w, 'effectiveTime', o.time.period);
  else if ('low' in o.time) {
    w.start('effectiveTime');
    ts(w, 'low', o.time.low);
    w.end();
  } else if ('value' in o.time) ts(w, 'effectiveTime', o.time.value, o.time.nullFlavor ?? 'UNK');
  else empty(w, 'effectiveTime', ['nullFlavor', o.time.nullFlavor]);
  o.value?.(w);
  o.children?.(state);
  w.end();
}

export function entryRelationship(w: XmlSink, typeCode: string, inversionInd: boolean | undefined, body: () => void): void {
  w.start('entryRelationship');
  w.attr('typeCode', typeCode);
  if (inversionInd !== undefined) w.attr('inversionInd', String(inversionInd));
  body();
  w.end();
}

/** E-COM FR-Commentaire-ER: `act` whose text points to the comment in the narrative. */
export function commentAct(state: BuildState, textId: string): void {
  const w = state.w;
  w.start('act');
  w.attr('classCode', 'ACT');
  w.attr('moodCode', 'EVN');
  templateIds(w, T.comment);
  state.freshId();
  fixedCode(w, 'code', '48767-8', OID.loinc, 'Commentaire');
  reference(w, textId);
  empty(w, 'statusCode', ['code', 'completed']);
  w.end();
}

/** A comment nested under an entry: `entryRelationship SUBJ inversionInd=true` (IHE). */
export function nestedComment(state: BuildState, textId: string | undefined): void {
  if (textId === undefined) return;
  entryRelationship(state.w, 'SUBJ', true, () => commentAct(state, textId));
}

export function entry(w: XmlSink, body: () => void): void {
  w.start('entry');
  body();
  w.end();
}
