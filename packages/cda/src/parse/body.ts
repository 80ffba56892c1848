// Body readers shared by both volets: sections and entries found by templateId/code, the
// nested comment (E-COM), the cancer diagnosis (E-LPC/E-DC/E-TNM), discovery, phase and
// progression, document status — inverses of build/entries.ts, build/diagnosis.ts and
// build/shared-sections.ts.
import type { CodedOrText, Coding } from '../model/common.js';
import { CancerDiagnosis as CancerDiagnosisSchema, type CancerDiagnosis, type CancerPhase, type Tnm } from '../model/oncology.js';
import { bool, coding, defined, hasNullFlavor, list, literals, partialDate, ts } from './common.js';
import { narrativeText, type Reader } from './narrative.js';
import { attr, child, children, isElement, type DomElement } from './xml.js';

// ---------------------------------------------------------------- sections and entries

export interface SectionSpec {
  /** Any of these templateIds identifies the section. */
  templateIds: readonly string[];
  /** LOINC code; used when the section carries none of the templateIds. */
  code?: string;
  /** code/translation/@code that tells apart sections sharing a code (PPS S1/S10, S6/S7). */
  translation?: string;
}

export const templateIdsOf = (el: DomElement): string[] => children(el, 'templateId').map((t) => attr(t, 'root') ?? '');
export const hasTemplate = (el: DomElement, roots: readonly string[]): boolean => children(el, 'templateId').some((t) => roots.includes(attr(t, 'root') ?? ''));
export const codeOf = (el: DomElement | undefined): string | undefined => attr(child(el, 'code'), 'code');

/** Sections directly under `parent` (structuredBody or a section): component/section. */
export function sectionsOf(parent: DomElement | undefined): DomElement[] {
  const out: DomElement[] = [];
  for (const c of children(parent, 'component')) {
    const s = child(c, 'section');
    if (s) out.push(s);
  }
  return out;
}

function translationOf(section: DomElement): string | undefined {
  return attr(child(child(section, 'code'), 'translation'), 'code');
}

export function matchesSection(section: DomElement, spec: SectionSpec): boolean {
  if (spec.translation !== undefined && translationOf(section) !== spec.translation) return false;
  if (hasTemplate(section, spec.templateIds)) return true;
  return spec.code !== undefined && codeOf(section) === spec.code;
}

export function findSections(sections: readonly DomElement[], spec: SectionSpec): DomElement[] {
  return sections.filter((s) => matchesSection(s, spec));
}

/** The one section of this kind (first, with a warning when repeated). */
export function findSection(r: Reader, sections: readonly DomElement[], spec: SectionSpec, what: string): DomElement | undefined {
  const found = findSections(sections, spec);
  if (found.length > 1) r.warn('duplicate', `Several ${what} sections: the first is read`, found[1]);
  return found[0];
}

/** The clinical statements of a section: entry/(observation | act | procedure | encounter | organizer…). */
export function entriesOf(section: DomElement | undefined): DomElement[] {
  const out: DomElement[] = [];
  for (const e of children(section, 'entry')) {
    for (let n = e.firstChild; n; n = n.nextSibling)
      if (isElement(n)) {
        out.push(n);
        break;
      }
  }
  return out;
}

/** Statements related through entryRelationship (or organizer/component), optionally of one typeCode. */
export function relatedOf(el: DomElement | undefined, typeCode?: string): DomElement[] {
  const out: DomElement[] = [];
  for (const rel of [...children(el, 'entryRelationship'), ...children(el, 'component')]) {
    if (typeCode !== undefined && attr(rel, 'typeCode') !== typeCode) continue;
    for (let n = rel.firstChild; n; n = n.nextSibling)
      if (isElement(n)) {
        out.push(n);
        break;
      }
  }
  return out;
}

export const withCode = (statements: readonly DomElement[], ...codes: string[]): DomElement[] =>
  statements.filter((s) => codes.includes(codeOf(s) ?? ''));

/** First statement with one of these codes (a warning when several). */
export function one(r: Reader, statements: readonly DomElement[], what: string, ...codes: string[]): DomElement | undefined {
  const found = withCode(statements, ...codes);
  if (found.length > 1) r.warn('duplicate', `Several ${what} (${codes.join('/')}): the first is read`, found[1]);
  return found[0];
}

const COMMENT_TEMPLATES = ['1.3.6.1.4.1.19376.1.5.3.1.4.2', '1.2.250.1.213.1.1.3.32', '2.16.840.1.113883.10.20.1.40'];
export const isComment = (el: DomElement): boolean => el.localName === 'act' && (codeOf(el) === '48767-8' || hasTemplate(el, COMMENT_TEMPLATES));

/** Text of an E-COM comment act. */
export const commentText = (r: Reader, act: DomElement | undefined): string | undefined => (act ? r.text(child(act, 'text')) : undefined);

/** The comment (E-COM) nested directly under a statement. */
export function nestedComment(r: Reader, el: DomElement | undefined): string | undefined {
  const comments = relatedOf(el).filter(isComment);
  if (comments.length > 1) r.warn('duplicate', 'Several comments on one statement: the first is read', comments[1]);
  return commentText(r, comments[0]);
}

/** value/originalText first (the free text of the value), then the statement's text. */
export const valueText = (r: Reader, statement: DomElement | undefined): string | undefined =>
  statement ? r.text(child(child(statement, 'value'), 'originalText'), child(statement, 'text')) : undefined;

/** effectiveTime as a date: `@value`, else `low/@value`. */
export function effectiveDate(r: Reader, statement: DomElement | undefined): string | undefined {
  const time = child(statement, 'effectiveTime');
  return partialDate(r, time) ?? partialDate(r, child(time, 'low'));
}

/** effectiveTime as a date or instant: `@value`, else `low/@value`. */
export function effectiveTime(r: Reader, statement: DomElement | undefined): string | undefined {
  const time = child(statement, 'effectiveTime');
  return ts(r, time) ?? ts(r, child(time, 'low'));
}

// ---------------------------------------------------------------- section texts

/** Narrative text of a free-comment section (S1, S10, F17) or sub-section: the ID'd element, else the cells, else the whole text. */
export function freeSectionText(section: DomElement): string | undefined {
  const textEl = child(section, 'text');
  if (!textEl) return undefined;
  const withId = firstWithId(textEl);
  if (withId) {
    const t = narrativeText(withId);
    if (t !== '') return t;
  }
  const cells = descendantsNamed(textEl, 'td').map(narrativeText).filter((t) => t !== '');
  if (cells.length > 0) return cells.join('\n');
  const t = narrativeText(textEl);
  return t === '' ? undefined : t;
}

export function firstWithId(el: DomElement): DomElement | undefined {
  for (let n = el.firstChild; n; n = n.nextSibling)
    if (isElement(n)) {
      if (n.getAttribute('ID') !== null) return n;
      const deeper = firstWithId(n);
      if (deeper) return deeper;
    }
  return undefined;
}

export function descendantsNamed(el: DomElement | undefined, name: string): DomElement[] {
  const out: DomElement[] = [];
  const walk = (e: DomElement): void => {
    for (let n = e.firstChild; n; n = n.nextSibling)
      if (isElement(n)) {
        if (n.localName === name) out.push(n);
        walk(n);
      }
  };
  if (el) walk(el);
  return out;
}

/** Rows of a narrative table body (tbody/tr, or tr directly under table). */
export function tableRows(table: DomElement): DomElement[] {
  const bodies = children(table, 'tbody');
  return bodies.length > 0 ? bodies.flatMap((b) => children(b, 'tr')) : children(table, 'tr');
}

/**
 * Text of the narrative row whose first cell matches `label` (its ID'd element, else its
 * second cell), in the section's own text: the fallback for a required text whose
 * references all dangle (official FRCP example, CR-GM conclusion).
 */
export function labelledCell(r: Reader, section: DomElement, label: RegExp): string | undefined {
  for (const table of descendantsNamed(child(section, 'text'), 'table'))
    for (const row of tableRows(table)) {
      const cells = children(row, 'td');
      if (cells.length < 2 || !label.test(narrativeText(cells[0]!))) continue;
      const marked = firstWithId(cells[1]!);
      const t = marked && narrativeText(marked) !== '' ? narrativeText(marked) : narrativeText(cells[1]!);
      if (t === '') continue;
      r.warn('narrative-fallback', `No entry reference resolved: text taken from the narrative row "${narrativeText(cells[0]!)}"`, row);
      return t;
    }
  return undefined;
}

const FRENCH_DATE = /^(?:(?:(\d{2})\/)?(\d{2})\/)?(\d{4})$/;

/** Inverse of frenchDate for a partial date: 15/03/2024 → 2024-03-15, 03/2024 → 2024-03, 2024. */
export function fromFrenchDate(text: string): string | undefined {
  const m = FRENCH_DATE.exec(text.trim());
  if (!m) return undefined;
  const [, d, mo, y] = m;
  return d !== undefined ? `${y}-${mo}-${d}` : mo !== undefined ? `${y}-${mo}` : y;
}

// ---------------------------------------------------------------- cancer diagnosis

export const DIAGNOSIS: SectionSpec = { templateIds: ['1.2.250.1.213.1.1.2.27', '1.3.6.1.4.1.19376.1.7.3.1.3.14.1'], code: '72135-7' };
const CONCERN = ['1.2.250.1.213.1.1.3.39.1', '1.3.6.1.4.1.19376.1.5.3.1.4.5.2'];
const DIAGNOSIS_ENTRY = ['1.2.250.1.213.1.1.3.113', '1.3.6.1.4.1.19376.1.7.3.1.4.14.1'];
const TNM_ENTRY = ['1.3.6.1.4.1.19376.1.7.3.1.4.14.2'];
const CONCERN_STATUS = literals(CancerDiagnosisSchema.properties.status);

/** Value of a CodedOrText element (morphology `value`, topography `targetSiteCode`). */
export function codedOrText(r: Reader, el: DomElement | undefined, what: string, at: DomElement): CodedOrText {
  if (!el) return r.fail('missing', `${what} is required`, at);
  const c = hasNullFlavor(el) ? undefined : coding(el);
  const original = child(el, 'originalText');
  let t = r.text(original);
  if (t === undefined && original && !child(original, 'reference')) {
    const inline = narrativeText(original);
    if (inline !== '') t = inline;
  }
  if (c) {
    // Without a free text the builder shows "displayName (code)": that label is not a text.
    const generated = `${c.displayName} (${c.code})`;
    return defined({ coding: c, text: t !== undefined && t !== generated ? t : undefined });
  }
  if (t === undefined) {
    r.warn('missing-text', `${what}: neither a code nor a free text (returned empty)`, el);
    return { text: '' };
  }
  return { text: t };
}

function qualifierValue(el: DomElement | undefined, name: string): DomElement | undefined {
  for (const q of children(el, 'qualifier')) if (attr(child(q, 'name'), 'code') === name) return child(q, 'value');
  return undefined;
}

function tnm(r: Reader, obs: DomElement): Tnm {
  const value = child(obs, 'value');
  const category = (code: string): string | undefined => {
    const o = withCode(relatedOf(obs), code)[0];
    const v = child(o, 'value');
    return hasNullFlavor(v) ? undefined : attr(v, 'code') || undefined;
  };
  const versionEl = qualifierValue(value, '21917-0');
  const version = attr(versionEl, 'code');
  if (version !== undefined && version !== '7' && version !== '8') r.warn('unsupported-value', `TNM version "${version}" is not 7 or 8 (dropped)`, versionEl);
  const stageEl = qualifierValue(value, '21909-7');
  return defined({
    date: effectiveDate(r, obs),
    stage: hasNullFlavor(stageEl) ? undefined : attr(stageEl, 'code') || undefined,
    version: version === '7' || version === '8' ? version : undefined,
    t: category('21905-5'),
    n: category('21906-3'),
    m: category('21907-1'),
  });
}

function otherStage(r: Reader, obs: DomElement, withDetails: boolean): NonNullable<CancerDiagnosis['otherStages']>[number] {
  const detail = (code: string) => (withDetails ? valueText(r, withCode(relatedOf(obs), code)[0]) : undefined);
  return defined({
    text: r.requiredText('Other stage (21918-8)', obs, child(child(obs, 'value'), 'originalText'), child(obs, 'text')),
    classificationName: detail('GEN-101'),
    classificationVersion: detail('GEN-102'),
  });
}

export function tumours(r: Reader, section: DomElement, withClassificationDetails: boolean): CancerDiagnosis[] {
  const out: CancerDiagnosis[] = [];
  for (const concern of entriesOf(section)) {
    if (!hasTemplate(concern, CONCERN) && !(concern.localName === 'act' && relatedOf(concern).some((o) => hasTemplate(o, DIAGNOSIS_ENTRY)))) continue;
    const diagnoses = relatedOf(concern).filter((o) => hasTemplate(o, DIAGNOSIS_ENTRY) || codeOf(o) === '282291009');
    const dc = diagnoses[0];
    if (!dc) {
      r.warn('unsupported-value', 'Cancer concern without a diagnosis observation (282291009): skipped', concern);
      continue;
    }
    if (diagnoses.length > 1) r.warn('unsupported-value', 'Several diagnoses in one concern: the model holds one per tumour, the first is read', diagnoses[1]);
    const statusEl = child(concern, 'statusCode');
    const status = attr(statusEl, 'code');
    if (status !== undefined && !CONCERN_STATUS.has(status)) r.warn('unsupported-value', `Concern status "${status}" is not active/suspended/aborted/completed`, statusEl);
    const time = child(concern, 'effectiveTime');
    const site = child(dc, 'targetSiteCode');
    const laterality = qualifierValue(site, '20228-3');
    const related = relatedOf(dc);
    const tnmObs = related.filter((o) => hasTemplate(o, TNM_ENTRY) || codeOf(o) === '75620-5');
    const others = withCode(related, '21918-8');
    out.push(
      defined({
        status: status !== undefined && CONCERN_STATUS.has(status) ? (status as CancerDiagnosis['status']) : undefined,
        diagnosisDate: partialDate(r, child(time, 'low')) ?? effectiveDate(r, dc),
        endDate: partialDate(r, child(time, 'high')),
        topography: codedOrText(r, site, 'Topography (targetSiteCode)', dc),
        laterality: hasNullFlavor(laterality) ? undefined : coding(laterality),
        morphology: codedOrText(r, child(dc, 'value'), 'Morphology (value)', dc),
        tnm: tnmObs[0] ? tnm(r, tnmObs[0]) : undefined,
        otherStages: list(others.map((o) => otherStage(r, o, withClassificationDetails))),
        comment: nestedComment(r, dc),
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------- discovery, phase, status

export const DISCOVERY: SectionSpec = { templateIds: ['1.2.250.1.213.1.1.2.163', '1.3.6.1.4.1.19376.1.7.3.1.1.13.7'], code: '42545-4' };
export const PHASE: SectionSpec = { templateIds: ['1.2.250.1.213.1.1.2.25', '1.3.6.1.4.1.19376.1.5.3.1.1.13.2.7'], code: '18733-6' };
export const STATUS: SectionSpec = { templateIds: ['1.2.250.1.213.1.1.2.35'], code: '33557-0' };
export const FREE_COMMENT: readonly string[] = ['1.2.250.1.213.1.1.2.73', '1.3.6.1.4.1.19376.1.4.1.2.16'];

export function discovery(r: Reader, section: DomElement | undefined): { viaScreening: boolean; date?: string } {
  const obs = section ? one(r, entriesOf(section), 'screening observations', '63921-1') : undefined;
  if (!obs) return r.fail('missing', 'The cancer discovery section needs its observation 63921-1 (Dépistage du cancer)', section ?? r.doc);
  const viaScreening = bool(r, child(obs, 'value'));
  if (viaScreening === undefined) r.fail('missing', 'Observation 63921-1 needs a boolean value', obs);
  return defined({ viaScreening, date: effectiveDate(r, obs) });
}

const PHASES = new Set(['MED-268', 'MED-244']);

export function phase(r: Reader, section: DomElement): CancerPhase {
  const statements = entriesOf(section);
  const phaseObs = one(r, statements, 'cancer phase observations', 'MED-243');
  if (!phaseObs) return r.fail('missing', 'Observation MED-243 (Phase du cancer) is required in the phase section', section);
  const valueEl = child(phaseObs, 'value');
  const code = attr(valueEl, 'code');
  if (code === undefined || !PHASES.has(code)) r.fail('invalid-value', 'Phase du cancer: value must be MED-268 or MED-244 (JDV_PhaseCancer_CISIS)', valueEl ?? phaseObs);
  const progressionObs = one(r, statements, 'progression observations', 'MED-245');
  if (!progressionObs) return r.fail('missing', 'Observation MED-245 (Progression du cancer) is required in the phase section', section);
  const observed = bool(r, child(progressionObs, 'value'));
  if (observed === undefined) r.fail('missing', 'Observation MED-245 needs a boolean value', progressionObs);
  const sub = (c: string) => bool(r, child(withCode(relatedOf(progressionObs), c)[0], 'value'));
  return defined({
    phase: code as CancerPhase['phase'],
    date: effectiveDate(r, phaseObs),
    comment: nestedComment(r, phaseObs),
    progression: defined({ observed, date: effectiveDate(r, progressionObs), local: sub('MED-246'), regional: sub('MED-247'), distant: sub('MED-248') }),
  });
}

const STATUS_ENTRY = ['1.2.250.1.213.1.1.3.48.16'];

/** E-STD: status coding, its date and comment. */
export function documentStatus(r: Reader, section: DomElement): { status: Coding | undefined; date: string | undefined; comment: string | undefined } {
  const statements = entriesOf(section);
  const std = statements.find((s) => hasTemplate(s, STATUS_ENTRY)) ?? one(r, statements, 'document status observations', 'GEN-065');
  return { status: coding(child(std, 'value')), date: effectiveTime(r, std), comment: nestedComment(r, std) };
}
