// CANCER-FRCP_2022.01 reader: the inverse of build/frcp.ts and build/frcp/ (participants R1-R7,
// inFulfillmentOf, the two documentationOf, the RCP encounter, sections F1-F18), tolerant
// of the defects of the official examples (frcp-cda.md §7: F-T6 placements, F-T8 links).
import type { Actor, CodedOrText, Encounter, HealthProfessional, InstanceId } from '../model/common.js';
import type { FrcpDocument, RcpDiscussion, RcpMeeting, ReportConclusion } from '../model/frcp.js';
import { RCP_ID_ROOTS, SESSION_ID_LABEL } from '../build/frcp/header.js';
import { OID } from '../build/state.js';
import {
  actor,
  bool,
  coding,
  datePeriod,
  defined,
  encounter,
  hasNullFlavor,
  header,
  headerParticipants,
  ii,
  instant,
  list,
  optionalProfessional,
  partialDate,
  period,
  professional,
  text,
  type HeaderParticipant,
} from './common.js';
import {
  DIAGNOSIS,
  DISCOVERY,
  FREE_COMMENT,
  PHASE,
  STATUS,
  codeOf,
  commentText,
  descendantsNamed,
  discovery,
  documentStatus,
  effectiveDate,
  entriesOf,
  findSection,
  findSections,
  freeSectionText,
  fromFrenchDate,
  hasTemplate,
  isComment,
  labelledCell,
  matchesSection,
  nestedComment,
  one,
  phase,
  relatedOf,
  sectionsOf,
  tableRows,
  tumours,
  withCode,
  type SectionSpec,
} from './body.js';
import { narrativeText, type Reader } from './narrative.js';
import { attr, child, children, isElement, path, type DomElement } from './xml.js';

// ---------------------------------------------------------------- header: the meeting

/** Session-id root of the CI-SIS examples (frcp-cda.md §3.4), used when no id carries SESSION_ID_LABEL. */
const EXAMPLE_SESSION_ROOT = '1.2.250.1.213.1.1.9';
const RCP_SERVICE_CODE = '39';

function attendees(r: Reader, participants: readonly HeaderParticipant[], cd: DomElement) {
  let coordinator: RcpMeeting['coordinator'] | undefined;
  let requester: HealthProfessional | undefined;
  let presenter: HealthProfessional | undefined;
  let gp: RcpMeeting['generalPractitioner'] | undefined;
  const quorumMembers: HealthProfessional[] = [];
  const otherAttendees: Actor[] = [];
  const correspondents: HealthProfessional[] = [];
  const pro = (p: HeaderParticipant, what: string) => optionalProfessional(r, p.entity, what, 'associatedPerson', 'scopingOrganization');
  const once = <T>(current: T | undefined, next: T | undefined, p: HeaderParticipant, what: string): T | undefined => {
    if (current !== undefined) {
      r.warn('duplicate', `Several ${what} participants: the first is kept`, p.element);
      return current;
    }
    return next;
  };
  for (const p of participants) {
    if (p.typeCode === 'RESP') {
      const professional_ = pro(p, 'RCP coordinator');
      if (professional_) coordinator = once(coordinator, defined({ professional: professional_, comment: p.comment }), p, 'coordinator (RESP)');
    } else if (p.typeCode === 'REFB') requester = once(requester, pro(p, 'Requester'), p, 'requester (REFB)');
    else if (p.functionCode === 'PCP') gp = once(gp, defined({ professional: pro(p, 'General practitioner') }), p, 'general practitioner (PCP)');
    else if (p.typeCode === 'PRF' && p.functionCode === '353') {
      const v = pro(p, 'Quorum member');
      if (v) quorumMembers.push(v);
    } else if (p.typeCode === 'PRF' && p.functionCode === 'CORRE') {
      const a = p.entity ? actor(r, p.entity, 'associatedPerson', 'scopingOrganization') : {};
      if (Object.keys(a).length > 0) otherAttendees.push(a as Actor);
    } else if (p.typeCode === 'PRF' && p.functionCode === undefined) presenter = once(presenter, pro(p, 'Presenter'), p, 'presenter (PRF)');
    else if (p.typeCode === 'CON') {
      const v = pro(p, 'Correspondent');
      if (v) correspondents.push(v);
    } else r.warn('unsupported-value', `Participant ${p.typeCode ?? ''}/${p.functionCode ?? ''} is no RCP attendee role (dropped)`, p.element);
  }
  if (!coordinator) {
    // Fall back on the performer of the RCP documentationOf (the same professional in the builder).
    const performer = path(rcpServiceEvent(cd), 'performer', 'assignedEntity');
    if (!performer) return r.fail('missing', 'The RCP coordinator (participant RESP) is required', cd);
    r.warn('unsupported-value', 'No RESP participant: the coordinator is read from documentationOf/serviceEvent/performer', performer);
    coordinator = { professional: professional(r, performer, 'RCP coordinator') };
  }
  return defined({
    coordinator,
    requester,
    presenter,
    generalPractitioner: gp ?? {},
    quorumMembers,
    otherAttendees: list(otherAttendees),
    correspondents: list(correspondents),
  });
}

function rcpServiceEvent(cd: DomElement): DomElement | undefined {
  for (const d of children(cd, 'documentationOf')) {
    const se = child(d, 'serviceEvent');
    if (attr(child(se, 'code'), 'code') === RCP_SERVICE_CODE) return se;
  }
  return undefined;
}

function primaryTopography(r: Reader, cd: DomElement, fallback: CodedOrText | undefined): CodedOrText {
  for (const d of children(cd, 'documentationOf')) {
    const code = path(d, 'serviceEvent', 'code');
    if (!code || attr(code, 'code') === RCP_SERVICE_CODE) continue;
    const t = text(child(code, 'originalText'));
    if (attr(code, 'code') === 'GEN-243' && attr(code, 'codeSystem') === OID.taAsip) {
      if (t !== undefined) return { text: t };
      r.warn('missing-text', 'Primary tumour topography GEN-243 without originalText', code);
      return { text: '' };
    }
    const c = coding(code);
    if (c) return defined({ coding: c, text: t });
  }
  if (!fallback) return r.fail('missing', 'The topography of the primary tumour (documentationOf[2]/serviceEvent/code) is required', cd);
  r.warn('unsupported-value', 'No documentationOf with the primary tumour topography: the first tumour topography is used (the builder default)', cd);
  return structuredClone(fallback);
}

function meeting(r: Reader, cd: DomElement, firstTopography: CodedOrText | undefined): { meeting: RcpMeeting; facilityType: Encounter['facilityType'] } {
  const { encounter: enc, element } = encounter(r, cd);
  const national: Partial<Record<keyof typeof RCP_ID_ROOTS, string>> = {};
  const others: Array<{ id: InstanceId; marked: boolean }> = [];
  for (const idEl of children(element, 'id')) {
    const id = ii(idEl);
    if (!id) continue;
    const key = (Object.keys(RCP_ID_ROOTS) as Array<keyof typeof RCP_ID_ROOTS>).find((k) => RCP_ID_ROOTS[k] === id.root);
    if (key && id.extension && national[key] === undefined) national[key] = id.extension;
    else others.push({ id, marked: attr(idEl, 'assigningAuthorityName') === SESSION_ID_LABEL });
  }
  // The builder marks the session id with assigningAuthorityName; the official examples use the
  // CI-SIS example root instead. Every other id is a local RCP id.
  const session = others.find((o) => o.marked) ?? others.find((o) => o.id.root === EXAMPLE_SESSION_ROOT);
  for (const [key, label] of [['rrc', 'RRC'], ['manager', 'RCP manager'], ['rcp', 'RCP']] as const)
    if (national[key] === undefined) r.fail('missing', `encompassingEncounter/id with root ${RCP_ID_ROOTS[key]} (national id of the ${label}) is required`, element);
  const se = rcpServiceEvent(cd);
  const denomination = text(path(se, 'code', 'originalText'));
  if (denomination === undefined) r.fail('missing', 'documentationOf/serviceEvent/code[@code="39"]/originalText (RCP denomination) is required', se ?? cd);
  const meetingTime = instant(r, path(se, 'effectiveTime', 'low')) ?? enc.period?.start;
  if (meetingTime === undefined) r.fail('missing', 'The RCP meeting time (serviceEvent/effectiveTime/low, with time and offset) is required', se ?? element);
  const orderEl = path(cd, 'inFulfillmentOf', 'order');
  const orderId = ii(child(orderEl, 'id'));
  const facility = enc.facility ?? {};
  const facilityType = enc.facilityType;
  const m: RcpMeeting = defined({
    denomination,
    meetingTime,
    rrcId: national.rrc!,
    managerId: national.manager!,
    rcpId: national.rcp!,
    // Ids after the three national ones: the session id, then local ids (frcpEncounter order).
    sessionId: session?.id,
    localIds: list(others.filter((o) => o !== session).map((o) => o.id)),
    encounterType: enc.type,
    facility,
    registration: orderId ? defined({ id: orderId, comment: text(path(orderEl, 'code', 'originalText')) }) : undefined,
    primaryTumourTopography: primaryTopography(r, cd, firstTopography),
    ...attendees(r, headerParticipants(r, cd), cd),
  });
  return { meeting: m, facilityType };
}

// ---------------------------------------------------------------- F1

const REASON: SectionSpec = { templateIds: ['1.2.250.1.213.1.1.2.128', '1.3.6.1.4.1.19376.1.5.3.1.3.2'], code: '42349-1' };
const PROBLEM = ['1.2.250.1.213.1.1.3.37', '1.3.6.1.4.1.19376.1.5.3.1.4.5'];

/** Every statement of a section, nested ones included (document order). */
function allStatements(section: DomElement): DomElement[] {
  const out: DomElement[] = [];
  const walk = (s: DomElement) => {
    out.push(s);
    for (const c of relatedOf(s)) walk(c);
  };
  for (const e of entriesOf(section)) walk(e);
  return out;
}

function discussion(r: Reader, section: DomElement | undefined): RcpDiscussion {
  if (!section) return r.fail('missing', 'The RCP type / reason section (42349-1) is required', r.doc);
  const all = allStatements(section);
  const find = (code: string) => withCode(all, code)[0];
  const flag = (code: string, what: string): boolean => {
    const obs = find(code);
    const v = bool(r, child(obs, 'value'));
    if (v === undefined) return r.fail('missing', `${what} (observation ${code} with a boolean value) is required`, obs ?? section);
    return v;
  };
  const natureObs = find('GEN-098');
  const nature = attr(child(natureObs, 'value'), 'code');
  if (nature !== 'ORG-117' && nature !== 'ORG-132') return r.fail('invalid-value', 'Nature de la discussion (GEN-098) must be ORG-117 or ORG-132', natureObs ?? section);
  const apparatusObs = find('ORG-118');
  const careTypeObs = find('ORG-138');
  const organs = withCode(all, 'ORG-119')
    .map((o) => coding(child(o, 'value')))
    .filter((c) => c !== undefined);
  // ORG-186 sits under GEN-098 (Appareil example) or under ORG-138 (Transversale, F-T6): take the one holding the flags.
  const motifs = withCode(all, 'ORG-186');
  const motif = motifs.find((m) => withCode(relatedOf(m), 'MED-235').length > 0) ?? motifs[0];
  const caseObs = find('ORG-127');
  const caseStatus = attr(child(caseObs, 'value'), 'code');
  if (caseStatus !== 'ORG-128' && caseStatus !== 'ORG-134') return r.fail('invalid-value', 'Statut du cas présenté (ORG-127) must be ORG-128 or ORG-134', caseObs ?? section);
  const problem = entriesOf(section).find((s) => hasTemplate(s, PROBLEM) || codeOf(s) === '55607006');
  return defined({
    nature,
    apparatus: coding(child(apparatusObs, 'value')),
    organs: list(organs),
    careType: coding(child(careTypeObs, 'value')),
    isRecourseRcp: flag('ORG-184', 'RCP de recours'),
    isPaediatricRcp: flag('ORG-185', 'RCP pédiatrique'),
    typeComment: nestedComment(r, apparatusObs ?? careTypeObs),
    reason: defined({
      diagnosticOpinion: flag('MED-235', 'Avis diagnostique'),
      treatmentProposal: flag('ORG-114', 'Proposition de traitement'),
      recourse: flag('ORG-115', 'Recours'),
      paediatrics: flag('ORG-116', 'Pédiatrie'),
      caseStatus,
      comment: nestedComment(r, motif),
      reasonText: r.requiredText('Reason for the RCP', problem ?? motif ?? section, child(child(problem, 'value'), 'originalText'), child(problem, 'text'), child(motif, 'text')),
      date: effectiveDate(r, problem),
    }),
  });
}

// ---------------------------------------------------------------- F4 / F5 / F7 (narrative only)

const isMarked = (e: DomElement) => e.getAttribute('ID') !== null;

function markedIn(el: DomElement): DomElement[] {
  const out: DomElement[] = [];
  const walk = (e: DomElement) => {
    for (let n = e.firstChild; n; n = n.nextSibling)
      if (isElement(n)) {
        if (isMarked(n)) out.push(n);
        else walk(n);
      }
  };
  walk(el);
  return out;
}

/** Text of a narrative element; an empty `<content ID/>` marker stands for its cell. */
function cellText(marked: DomElement, cell: DomElement): string {
  const t = narrativeText(marked);
  return t !== '' ? t : narrativeText(cell);
}

function datedList(r: Reader, section: DomElement | undefined): Array<{ date?: string; label: string }> | undefined {
  if (!section) return undefined;
  const out: Array<{ date?: string; label: string }> = [];
  for (const table of descendantsNamed(child(section, 'text'), 'table'))
    for (const row of tableRows(table)) {
      const cells = children(row, 'td');
      if (cells.length === 0) continue;
      const labelCell = cells.find((c) => markedIn(c).length > 0) ?? cells[cells.length - 1]!;
      const marked = markedIn(labelCell)[0];
      const label = marked ? cellText(marked, labelCell) : narrativeText(labelCell);
      if (label === '' || (cells.length === 1 && attr(cells[0], 'colspan') !== undefined && !marked)) continue;
      const date = cells.filter((c) => c !== labelCell).map((c) => fromFrenchDate(narrativeText(c))).find((d) => d !== undefined);
      out.push(defined({ date, label }));
    }
  if (out.length === 0) r.warn('unsupported-value', 'Narrative list section without readable rows (dropped)', section);
  return list(out);
}

function examResults(r: Reader, section: DomElement | undefined): FrcpDocument['examResults'] {
  if (!section) return undefined;
  const textEl = child(section, 'text');
  const items: Array<{ date?: string; exam: string; result: string }> = [];
  let comment: string | undefined;
  for (const table of descendantsNamed(textEl, 'table'))
    for (const row of tableRows(table)) {
      const cells = children(row, 'td');
      const marked = cells.map((c) => ({ cell: c, marked: markedIn(c)[0] })).filter((c) => c.marked !== undefined);
      if (marked.length >= 2) {
        const [exam, result] = marked as Array<{ cell: DomElement; marked: DomElement }>;
        const date = cells.map((c) => fromFrenchDate(narrativeText(c))).find((d) => d !== undefined);
        items.push(defined({ date, exam: cellText(exam!.marked, exam!.cell), result: cellText(result!.marked, result!.cell) }));
      } else if (cells.length === 1 && comment === undefined) {
        const t = narrativeText(cells[0]!);
        if (t !== '') comment = t;
      }
    }
  for (const p of children(textEl, 'paragraph')) {
    const t = narrativeText(p);
    if (t !== '' && comment === undefined) comment = t;
  }
  if (items.length === 0) {
    r.warn('unsupported-value', 'Exam results section without a row holding an exam and a result (dropped)', section);
    return undefined;
  }
  return defined({ items, comment });
}

// ---------------------------------------------------------------- F6

const FUNCTIONAL: SectionSpec = { templateIds: ['1.2.250.1.213.1.1.2.111', '1.3.6.1.4.1.19376.1.5.3.1.1.12.2.1'], code: '47420-5' };
const PAIN: SectionSpec = { templateIds: ['1.2.250.1.213.1.1.2.112', '1.3.6.1.4.1.19376.1.5.3.1.1.12.2.2'], code: '38208-5' };
const WHO: SectionSpec = { templateIds: ['1.2.250.1.213.1.1.2.115', '1.3.6.1.4.1.19376.1.5.3.1.1.12.2.5'], code: '46006-3' };
const GERIATRIC: SectionSpec = { templateIds: ['1.2.250.1.213.1.1.2.114', '1.3.6.1.4.1.19376.1.5.3.1.1.12.2.4'], code: '48542-5' };
const WHO_STAGES = new Set(['MED-240', 'MED-264', 'MED-265', 'MED-266', 'MED-267']);

function integer(r: Reader, value: DomElement | undefined): number | undefined {
  const v = attr(value, 'value');
  if (v === undefined || hasNullFlavor(value)) return undefined;
  if (/^-?[0-9]+$/.test(v)) return Number(v);
  r.warn('unsupported-value', `Integer value "${v}" cannot be read`, value);
  return undefined;
}

function functionalStatus(r: Reader, section: DomElement | undefined): FrcpDocument['functionalStatus'] {
  if (!section) return undefined;
  const subs = sectionsOf(section);
  const sub = (spec: SectionSpec, what: string) => findSection(r, subs, spec, what);
  const painSection = sub(PAIN, 'pain');
  const painObs = one(r, entriesOf(painSection), 'pain observations', '38208-5');
  const whoObs = one(r, entriesOf(sub(WHO, 'WHO performance')), 'WHO performance observations', 'MED-239');
  const geriatricObs = one(r, entriesOf(sub(GERIATRIC, 'geriatric screening')), 'geriatric screening observations', '48544-1');
  let whoPerformance: NonNullable<FrcpDocument['functionalStatus']>['whoPerformance'];
  if (whoObs) {
    const stage = attr(child(whoObs, 'value'), 'code');
    const date = effectiveDate(r, whoObs);
    if (stage === undefined || !WHO_STAGES.has(stage) || date === undefined) r.warn('unsupported-value', 'WHO performance status without a stage MED-240…MED-267 and a date (dropped)', whoObs);
    else whoPerformance = { date, stage: stage as 'MED-240' };
  }
  let geriatricScreening: NonNullable<FrcpDocument['functionalStatus']>['geriatricScreening'];
  if (geriatricObs) {
    const score = integer(r, child(geriatricObs, 'value'));
    const date = effectiveDate(r, geriatricObs);
    if (score === undefined || date === undefined) r.warn('unsupported-value', 'Geriatric screening without a score and a date (dropped)', geriatricObs);
    else geriatricScreening = { date, score, toolName: r.requiredText('Geriatric screening tool', geriatricObs, child(geriatricObs, 'text')) };
  }
  return defined({
    pain: painSection ? defined({ date: effectiveDate(r, painObs), score: integer(r, child(painObs, 'value')) }) : undefined,
    whoPerformance,
    geriatricScreening,
  });
}

// ---------------------------------------------------------------- F9

const PAST_TREATMENTS: SectionSpec = { templateIds: ['1.2.250.1.213.1.1.2.118', '1.3.6.1.4.1.19376.1.5.3.1.1.13.2.11'], code: '29554-3' };
const PAST_STATUS = new Set(['completed', 'active', 'cancelled']);

function pastTreatments(r: Reader, section: DomElement | undefined): FrcpDocument['pastTreatments'] {
  if (!section) return undefined;
  const out: NonNullable<FrcpDocument['pastTreatments']> = [];
  for (const proc of entriesOf(section)) {
    if (proc.localName !== 'procedure') continue;
    const codeEl = child(proc, 'code');
    const type = coding(codeEl);
    const status = attr(child(proc, 'statusCode'), 'code');
    if (!type || status === undefined || !PAST_STATUS.has(status)) {
      r.warn('unsupported-value', 'Past treatment without a type or with a status other than completed/active/cancelled (dropped)', proc);
      continue;
    }
    // Builder: the precision is code/originalText; text/reference shows the type label.
    let precision = r.text(child(codeEl, 'originalText'));
    if (precision === undefined) {
      const label = r.text(child(proc, 'text'));
      if (label !== undefined && label !== (type.displayName ?? type.code)) precision = label;
    }
    out.push(
      defined({
        type,
        precision,
        period: period(r, child(proc, 'effectiveTime')),
        status: status as 'completed',
        comment: nestedComment(r, proc),
      }),
    );
  }
  return list(out);
}

// ---------------------------------------------------------------- F10 / F11 / F12

const SURGERY: SectionSpec = { templateIds: ['1.2.250.1.213.1.1.2.26'], code: '10218-6' };
const PATHOLOGY: SectionSpec = { templateIds: ['1.2.250.1.213.1.1.2.34'] };
const MOLECULAR: SectionSpec = { templateIds: ['1.2.250.1.213.1.1.2.67'], code: '50397-9' };

function report(r: Reader, section: DomElement, kind: 'surgery' | 'pathology' | 'molecular'): ReportConclusion {
  const code = kind === 'surgery' ? '10218-6' : '22637-3';
  const obs = one(r, entriesOf(section), 'report conclusions', code);
  if (!obs) return r.fail('missing', `The report conclusion observation (${code}) is required`, section);
  const performers = children(obs, 'performer');
  let sampler: HealthProfessional | undefined;
  let samplingDate: string | undefined;
  if (kind === 'molecular' && performers[1]) {
    sampler = optionalProfessional(r, child(performers[1], 'assignedEntity'), 'Sampler');
    samplingDate = partialDate(r, child(performers[1], 'time'));
  }
  if (kind === 'pathology') {
    const participant = children(obs, 'participant').find((p) => attr(p, 'typeCode') === 'PRF');
    const role = child(participant, 'participantRole');
    if (role) {
      const scoping = child(role, 'scopingEntity');
      const a = actor(r, role, 'playingEntity', 'none');
      const organization = scoping ? defined({ idNatStruct: attr(child(scoping, 'id'), 'root') === OID.idNatStruct ? attr(child(scoping, 'id'), 'extension') : undefined, name: text(child(scoping, 'desc')) }) : undefined;
      const candidate = defined({ ...a, organization: organization && Object.keys(organization).length > 0 ? organization : undefined });
      if (candidate.idNatPs === undefined || candidate.name === undefined) r.warn('unsupported-value', 'Sampler without an IdNat_PS and a name (dropped)', role);
      else sampler = candidate as HealthProfessional;
      samplingDate = partialDate(r, child(participant, 'time'));
    }
  }
  const originalAuthor = child(obs, 'author');
  const subs = sectionsOf(section).filter((s) => matchesSection(s, { templateIds: FREE_COMMENT, code: '55112-7' }));
  return defined({
    transcribedBy: professional(r, path(section, 'author', 'assignedAuthor'), 'Report transcriber (section author)', undefined, undefined, child(section, 'author') ?? section),
    period: period(r, child(obs, 'effectiveTime')),
    conclusion:
      r.text(child(child(obs, 'value'), 'originalText'), child(obs, 'text')) ??
      labelledCell(r, section, /conclusion/i) ??
      r.requiredText('Report conclusion', obs),
    performer: professional(r, child(performers[0], 'assignedEntity'), 'Report performer', undefined, undefined, performers[0] ?? obs),
    originalAuthor: originalAuthor
      ? defined({
          professional: professional(r, child(originalAuthor, 'assignedAuthor'), 'Author of the original conclusion', undefined, undefined, originalAuthor),
          time: instant(r, child(originalAuthor, 'time')),
        })
      : undefined,
    sampler,
    samplingDate,
    examTitle: r.text(child(child(obs, 'code'), 'originalText')),
    comment: subs[0] ? freeSectionText(subs[0]) : undefined,
  });
}

// ---------------------------------------------------------------- F13 - F17

const CASE_SUMMARY: SectionSpec = { templateIds: ['1.2.250.1.213.1.1.2.130', '1.3.6.1.4.1.19376.1.5.3.1.3.4'], code: '10164-2' };
const RECORD_STATUS: SectionSpec = { templateIds: ['1.2.250.1.213.1.1.2.33'], code: '21874-3' };
const PROPOSAL: SectionSpec = { templateIds: ['1.2.250.1.213.1.1.2.158', '1.3.6.1.4.1.19376.1.5.3.1.3.36'], code: '18776-5' };
const FRAMEWORK: SectionSpec = { templateIds: ['1.2.250.1.213.1.1.2.175'], code: '35510-7' };

function caseSummary(r: Reader, section: DomElement | undefined): FrcpDocument['caseSummary'] {
  if (!section) return r.fail('missing', 'The case summary section (10164-2) is required', r.doc);
  const textEl = child(section, 'text');
  const blocks = descendantsNamed(textEl, 'table').map((t) =>
    tableRows(t)
      .flatMap((row) => children(row, 'td'))
      .map(narrativeText)
      .filter((s) => s !== '')
      .join('\n'),
  );
  let summary = blocks[0];
  if (summary === undefined || summary === '') {
    const whole = textEl ? narrativeText(textEl) : '';
    if (whole !== '') summary = whole;
  }
  if (summary === undefined || summary === '') {
    r.warn('missing-text', 'Case summary: no text found (returned empty)', section);
    summary = '';
  }
  return defined({ summaryAndQuestion: summary, otherData: blocks[1] === '' ? undefined : blocks[1] });
}

function recordStatus(r: Reader, section: DomElement | undefined): FrcpDocument['recordStatus'] {
  if (!section) return r.fail('missing', 'The record status section (21874-3) is required', r.doc);
  const organizer = entriesOf(section).find((e) => e.localName === 'organizer') ?? entriesOf(section)[0];
  const parts = relatedOf(organizer);
  const completeObs = withCode(parts, 'GEN-100')[0];
  const complete = bool(r, child(completeObs, 'value'));
  if (complete === undefined) r.fail('missing', 'Dossier complet (GEN-100, boolean) is required', completeObs ?? section);
  const quorumObs = withCode(parts, 'ORG-125')[0];
  const quorum = coding(child(quorumObs, 'value'));
  if (!quorum) return r.fail('missing', 'Quorum (ORG-125, coded value) is required', quorumObs ?? section);
  return defined({ complete, quorum, comment: commentText(r, parts.find(isComment)) });
}

function proposal(r: Reader, section: DomElement | undefined): FrcpDocument['proposal'] {
  if (!section) return r.fail('missing', 'The RCP proposal section (18776-5) is required', r.doc);
  const out: FrcpDocument['proposal'] = {};
  const exams: NonNullable<FrcpDocument['proposal']['examRequests']> = [];
  const treatments: NonNullable<FrcpDocument['proposal']['treatments']> = [];
  for (const s of entriesOf(section)) {
    const code = codeOf(s);
    if (s.localName === 'encounter' && code === 'ORG-120') out.recourseRcpRequested = true;
    else if (s.localName === 'encounter' && code === 'MED-226') out.surveillanceOnly = true;
    else if (s.localName === 'observation' && code === 'ORG-064') {
      const dates = datePeriod(r, child(s, 'effectiveTime'));
      exams.push(defined({ label: r.requiredText('Exam request', s, child(s, 'text')), earliest: dates?.start, latest: dates?.end }));
    } else if (s.localName === 'procedure') {
      const codeEl = child(s, 'code');
      const type = coding(codeEl);
      if (!type) {
        r.warn('unsupported-value', 'Treatment proposal without a type (dropped)', s);
        continue;
      }
      const rank = text(path(s, 'priorityCode', 'originalText'))?.trim();
      let sequence = rank !== undefined && /^[1-9][0-9]*$/.test(rank) ? Number(rank) : undefined;
      if (sequence === undefined) {
        sequence = treatments.length + 1;
        r.warn('unsupported-value', `Treatment proposal without a sequence number in priorityCode/originalText: its rank ${sequence} is used`, s);
      }
      // The builder writes effectiveTime only for a period; an empty one is nullFlavor="UNK".
      const time = child(s, 'effectiveTime');
      treatments.push(
        defined({ sequence, type, label: r.text(child(codeEl, 'originalText')), period: time ? (period(r, time) ?? {}) : undefined }),
      );
    } else if (isComment(s)) out.comment ??= commentText(r, s);
    else r.warn('unsupported-value', `Proposal entry ${s.localName} ${code ?? ''} is not in the model (dropped)`, s);
  }
  return defined({ ...out, examRequests: list(exams), treatments: list(treatments) });
}

function framework(r: Reader, section: DomElement | undefined): FrcpDocument['framework'] {
  if (!section) return r.fail('missing', 'The framework section (35510-7) is required', r.doc);
  const statements = entriesOf(section);
  const guidelines = withCode(statements, 'MED-249').map((o) =>
    defined({ nameAndVersion: r.requiredText('Guideline name and version', o, child(child(o, 'value'), 'originalText'), child(o, 'text')), date: effectiveDate(r, o) }),
  );
  const trial = one(r, statements, 'clinical trial observations', 'MED-250');
  return defined({
    guidelines: list(guidelines),
    clinicalTrialProposed: trial ? bool(r, child(trial, 'value')) : undefined,
    comment: commentText(r, statements.find(isComment)),
  });
}

// ---------------------------------------------------------------- document

export function readFrcp(r: Reader, cd: DomElement): FrcpDocument {
  const head = header(r, cd);
  const body = path(cd, 'component', 'structuredBody');
  if (!body) return r.fail('missing', 'component/structuredBody is required', child(cd, 'component') ?? cd);
  const sections = sectionsOf(body);
  const section = (spec: SectionSpec, what: string) => findSection(r, sections, spec, what);

  // One tumour section per tumour (the builder), or one section listing every tumour.
  const diagnosisSections = findSections(sections, DIAGNOSIS);
  if (diagnosisSections.length === 0) r.fail('missing', 'The tumour section (72135-7) is required', body);
  const found = diagnosisSections.flatMap((s) => tumours(r, s, true));
  if (found.length === 0) r.fail('missing', 'At least one tumour (E-LPC / E-DC entry) is required', diagnosisSections[0]);
  const phaseSection = section(PHASE, 'phase');
  if (!phaseSection) r.fail('missing', 'The clinical phase section (18733-6) is required', body);
  const statusSection = section(STATUS, 'document status');
  if (!statusSection) r.fail('missing', 'The document status section (33557-0) is required', body);
  const status = documentStatus(r, statusSection);
  const { meeting: m, facilityType } = meeting(r, cd, found[0]?.topography);
  const patientComment = section({ templateIds: FREE_COMMENT, code: '55112-7' }, 'patient comment');

  return defined({
    ...head,
    // The FRCP encounter is described by `meeting`; the normalised model keeps only its facility type.
    encounter: { facilityType },
    meeting: m,
    discussion: discussion(r, section(REASON, 'RCP type / reason')),
    discovery: discovery(r, section(DISCOVERY, 'cancer discovery')),
    tumours: found,
    medicalHistory: datedList(r, section({ templateIds: ['1.2.250.1.213.1.1.2.2'], code: '11348-0' }, 'medical history')),
    comorbidities: datedList(r, section({ templateIds: ['1.2.250.1.213.1.1.2.176'], code: '11450-4' }, 'comorbidities')),
    functionalStatus: functionalStatus(r, section(FUNCTIONAL, 'functional status')),
    examResults: examResults(r, section({ templateIds: ['1.2.250.1.213.1.1.2.150', '1.3.6.1.4.1.19376.1.5.3.1.3.27'] }, 'exam results')),
    phase: phase(r, phaseSection),
    pastTreatments: pastTreatments(r, section(PAST_TREATMENTS, 'past treatments')),
    surgeryReport: ((s) => (s ? report(r, s, 'surgery') : undefined))(section(SURGERY, 'surgery report')),
    pathologyReport: ((s) => (s ? report(r, s, 'pathology') : undefined))(section(PATHOLOGY, 'pathology report')),
    molecularReports: list(findSections(sections, MOLECULAR).map((s) => report(r, s, 'molecular'))),
    caseSummary: caseSummary(r, section(CASE_SUMMARY, 'case summary')),
    recordStatus: recordStatus(r, section(RECORD_STATUS, 'record status')),
    proposal: proposal(r, section(PROPOSAL, 'RCP proposal')),
    framework: framework(r, section(FRAMEWORK, 'framework')),
    patientComment: patientComment ? freeSectionText(patientComment) : undefined,
    status: defined({ status: status.status, date: status.date, comment: status.comment }),
  }) as FrcpDocument;
}
