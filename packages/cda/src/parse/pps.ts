// CANCER-PPS_2022.01 reader: the inverse of build/pps.ts and build/pps/ (participants P1-P11, sections
// S1-S10), tolerant of the defects of the official examples (pps-cda.md §7 T2, T11).
import type { Actor, Coding, Organization } from '../model/common.js';
import { PpsCareAct as PpsCareActSchema, type PpsCareAct, type PpsCareNetwork, type PpsDocument } from '../model/pps.js';
import { ACT_LISTS } from '../build/pps/care-plan.js';
import { PRIVACY_NOTICE } from '../generated/privacy-notice.js';
import { frenchDate } from '../datatypes.js';
import {
  actor,
  address,
  bool,
  coding,
  defined,
  encounter,
  hasNullFlavor,
  header,
  headerParticipants,
  list,
  literals,
  optionalProfessional,
  organization,
  partialDate,
  period,
  personName,
  telecoms,
  type HeaderParticipant,
} from './common.js';
import {
  DIAGNOSIS,
  DISCOVERY,
  FREE_COMMENT,
  PHASE,
  STATUS,
  codeOf,
  descendantsNamed,
  discovery,
  documentStatus,
  effectiveDate,
  entriesOf,
  findSection,
  findSections,
  firstWithId,
  freeSectionText,
  hasTemplate,
  isComment,
  commentText,
  nestedComment,
  one,
  phase,
  relatedOf,
  sectionsOf,
  tumours,
  valueText,
  withCode,
  type SectionSpec,
} from './body.js';
import { narrativeText, type Reader } from './narrative.js';
import { attr, child, children, path, type DomElement } from './xml.js';

// ---------------------------------------------------------------- participants (P1-P11)

/** Organisation of an organisation-only participant: scopingOrganization + the entity's addr/telecom. */
function participantOrganization(r: Reader, p: HeaderParticipant): Organization {
  const entity = p.entity;
  const scoping = organization(r, child(entity, 'scopingOrganization')) ?? {};
  if (entity && (child(entity, 'id') || child(entity, 'code')) && attr(child(entity, 'id'), 'nullFlavor') === undefined)
    r.warn('unsupported-value', 'Organisation participant: the professional id/code of the entity is not in the model (dropped)', entity);
  return defined({ ...scoping, address: address(r, child(entity, 'addr')) ?? scoping.address, telecoms: telecoms(r, entity) ?? scoping.telecoms });
}

function contact(r: Reader, p: HeaderParticipant) {
  return defined({
    contact: personName(r, path(p.entity, 'associatedPerson', 'name')),
    organization: participantOrganization(r, p),
    comment: p.comment,
  });
}

function careNetwork(r: Reader, cd: DomElement): PpsCareNetwork {
  const net: Partial<Record<keyof PpsCareNetwork, unknown>> = {};
  const push = (key: keyof PpsCareNetwork, item: unknown) => {
    const arr = (net[key] ??= []) as unknown[];
    arr.push(item);
  };
  const single = (key: keyof PpsCareNetwork, item: unknown, p: HeaderParticipant) => {
    if (net[key] !== undefined) r.warn('duplicate', `Several participants for ${key}: the first is kept`, p.element);
    else net[key] = item;
  };
  for (const p of headerParticipants(r, cd)) {
    const role = p.role;
    if (p.functionCode === 'PCP') {
      single('generalPractitioner', defined({ professional: optionalProfessional(r, p.entity, 'General practitioner', 'associatedPerson', 'scopingOrganization'), comment: p.comment }), p);
    } else if (role === 'ORG-177' && p.typeCode === 'RESP') {
      push('referenceFacilities', defined({ organization: participantOrganization(r, p), period: p.period, comment: p.comment }));
    } else if (p.functionCode === '353') {
      const pro = optionalProfessional(r, p.entity, 'Care team member', 'associatedPerson', 'scopingOrganization');
      if (pro) push('careTeam', defined({ professional: pro, comment: p.comment }));
    } else if (role === 'ORG-055' || (role === 'ORG-177' && p.functionCode === 'CORRE')) {
      // The official example files the accommodation centre under ORG-177 (pps-cda.md T11).
      if (role === 'ORG-177') r.warn('unsupported-value', 'Accommodation centre filed with role ORG-177 (read as ORG-055, pps-cda.md T11)', p.element);
      single('accommodationCentre', defined({ organization: participantOrganization(r, p), comment: p.comment }), p);
    } else if (role === 'ORG-190') {
      single('coordinationCentre3C', defined({ organization: participantOrganization(r, p), comment: p.comment }), p);
    } else if (role === 'ORG-178') {
      const a = p.entity ? actor(r, p.entity, 'associatedPerson', 'scopingOrganization') : {};
      if (Object.keys(a).length > 0) push('localProfessionals', defined({ actor: a as Actor, comment: p.comment }));
    } else if (role === 'ORG-188') {
      const person = personName(r, path(p.entity, 'associatedPerson', 'name'));
      if (!person) r.warn('unsupported-value', 'Health mediator without a name (dropped)', p.element);
      else {
        const org = organization(r, child(p.entity, 'scopingOrganization'));
        single(
          'healthMediator',
          defined({
            person,
            organization: org && Object.keys(org).length > 0 ? org : undefined,
            address: address(r, child(p.entity, 'addr')),
            telecoms: telecoms(r, p.entity),
            comment: p.comment,
          }),
          p,
        );
      }
    } else if (role === 'ORG-179') push('cityHospitalCoordination', contact(r, p));
    else if (role === 'ORG-191') push('regionalCancerNetworks', defined({ organization: participantOrganization(r, p), comment: p.comment }));
    else if (role === 'ORG-180') push('socialOrganisations', contact(r, p));
    else if (role === 'ORG-181') push('supportStructures', contact(r, p));
    else r.warn('unsupported-value', `Participant ${p.typeCode ?? ''}/${p.functionCode ?? ''}/${role ?? ''} matches no box of the PPS care network (dropped)`, p.element);
  }
  if (net.coordinationCentre3C === undefined) r.fail('missing', 'The coordination centre (3C) participant (functionCode/translation ORG-190) is required', cd);
  net.generalPractitioner ??= {};
  return net as PpsCareNetwork;
}

// ---------------------------------------------------------------- S6 / S7 care acts

const CATEGORY = new Map<string, (typeof ACT_LISTS)[number]>(ACT_LISTS.map((l) => [l.category, l]));
const ACT_STATUS = literals(PpsCareActSchema.properties.statusCode);
const WEIGHT = ['1.2.250.1.213.1.1.3.50', '1.3.6.1.4.1.19376.1.5.3.1.4.13.2'];
const HABITUS = ['1.2.250.1.213.1.1.3.52', '1.3.6.1.4.1.19376.1.5.3.1.4.13.4'];
const sameLabel = (a: string, b: string) => a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();

/** Inverse of actLabel: "displayName : precision" or "displayName". */
function typePrecision(label: string | undefined, type: Coding): string | undefined {
  const name = type.displayName ?? type.code;
  if (label === undefined || label === name) return undefined;
  if (label.startsWith(`${name} : `)) return label.slice(name.length + 3);
  return sameLabel(label, name) ? undefined : label;
}

/** Inverse of the rhythm cell: "rhythm, à domicile" / "à domicile" / "rhythm". */
function rhythm(label: string | undefined, atHome: boolean | undefined): string | undefined {
  if (label === undefined || atHome === undefined) return label;
  const place = atHome ? 'à domicile' : 'hors domicile';
  if (label === place) return undefined;
  return label.endsWith(`, ${place}`) ? label.slice(0, -(place.length + 2)) : label;
}

function weight(r: Reader, obs: DomElement): PpsCareAct['weight'] {
  const value = child(obs, 'value');
  const unit = attr(value, 'unit');
  const raw = Number(attr(value, 'value'));
  const date = partialDate(r, child(obs, 'effectiveTime'));
  if (!Number.isFinite(raw) || (unit !== 'kg' && unit !== 'g') || date === undefined) {
    r.warn('unsupported-value', 'Weight without a value in kg (or g) and a date (dropped)', obs);
    return undefined;
  }
  return { valueKg: unit === 'g' ? raw / 1000 : raw, date };
}

function habitus(r: Reader, obs: DomElement): PpsCareAct['habitus'] {
  const code = coding(child(obs, 'code'));
  if (!code) return undefined;
  const label = r.requiredText('Habit status', obs, child(obs, 'text'), child(child(obs, 'value'), 'originalText'));
  const prefix = `${code.displayName ?? code.code} : `;
  return defined({
    code,
    statusText: label.startsWith(prefix) ? label.slice(prefix.length) : label,
    date: partialDate(r, child(obs, 'effectiveTime')),
  });
}

function careAct(r: Reader, proc: DomElement): PpsCareAct | undefined {
  const codeEl = child(proc, 'code');
  const type = coding(path(codeEl, 'qualifier', 'value'));
  if (!type) {
    r.warn('unsupported-value', 'Care act without a type (code/qualifier/value): skipped', proc);
    return undefined;
  }
  const mood = attr(proc, 'moodCode');
  if (mood !== 'EVN' && mood !== 'INT') r.warn('unsupported-value', `Care act moodCode "${mood ?? ''}" read as planned`, proc);
  const statusEl = child(proc, 'statusCode');
  const status = attr(statusEl, 'code');
  if (status !== undefined && !ACT_STATUS.has(status)) r.warn('unsupported-value', `Care act status "${status}" is not completed/active/aborted/cancelled (dropped)`, statusEl);
  const related = relatedOf(proc);
  const observation = (code: string, what: string) => one(r, related, what, code);
  const planned = observation('GEN-177', 'planned dates');
  let rhythmObs = observation('ORG-004', 'rhythm observations');
  if (!rhythmObs) {
    // The official example codes the rhythm of an act ORG-116 (Pédiatrie): pps-cda.md T11.
    rhythmObs = withCode(related, 'ORG-116')[0];
    if (rhythmObs) r.warn('unsupported-value', 'Rhythm observation coded ORG-116 read as ORG-004 (pps-cda.md T11)', rhythmObs);
  }
  const rhythmValue = child(rhythmObs, 'value');
  const atHome = rhythmObs && !hasNullFlavor(rhythmValue) ? bool(r, rhythmValue) : undefined;
  const routeObs = observation('ORG-006', 'administration routes');
  const sideEffects = observation('MED-565', 'side effects observations');
  const comments = related.filter(isComment);
  const reasons = relatedOf(proc, 'RSON');
  const weightObs = reasons.find((o) => hasTemplate(o, WEIGHT) || codeOf(o) === '29463-7');
  const habitusObs = reasons.find((o) => hasTemplate(o, HABITUS));
  const performers: Actor[] = [];
  for (const p of children(proc, 'performer')) {
    const entity = child(p, 'assignedEntity');
    if (!entity) continue;
    const a = actor(r, entity, 'assignedPerson', 'representedOrganization');
    if (Object.keys(a).length > 0) performers.push(a);
  }
  return defined({
    type,
    typePrecision: typePrecision(r.text(child(proc, 'text')), type),
    performed: mood === 'EVN' ? 'done' : 'planned',
    statusCode: status !== undefined && ACT_STATUS.has(status) ? (status as PpsCareAct['statusCode']) : undefined,
    confirmedPeriod: period(r, child(proc, 'effectiveTime')),
    // GEN-177 is written whenever plannedPeriod is given: an empty one is nullFlavor="UNK".
    plannedPeriod: planned ? (period(r, child(planned, 'effectiveTime')) ?? {}) : undefined,
    rhythm: rhythmObs ? rhythm(r.text(child(rhythmObs, 'text')), atHome) : undefined,
    atHome,
    administrationRoute: routeObs ? coding(child(routeObs, 'value')) : undefined,
    notableSideEffects: valueText(r, sideEffects),
    performers: list(performers),
    comment: commentText(r, comments[0]),
    weight: weightObs ? weight(r, weightObs) : undefined,
    habitus: habitusObs ? habitus(r, habitusObs) : undefined,
  }) as PpsCareAct;
}

/**
 * Comment of MED-052: the nested E-COM (builder). The official example points the
 * observation's own text to the comment cell instead: that text is taken when it is not the
 * builder's generated label nor a bare yes/no.
 */
function stopComment(r: Reader, obs: DomElement, date: string): string | undefined {
  const nested = nestedComment(r, obs);
  if (nested !== undefined) return nested;
  const t = r.text(child(obs, 'text'));
  if (t === undefined || t === `Arrêt de tous les traitements actifs le ${frenchDate(date)}` || /^\s*(oui|non)\s*$/i.test(t)) return undefined;
  return t;
}

// ---------------------------------------------------------------- S2, S8, S9, S10

const PAEDIATRICS: SectionSpec = { templateIds: ['1.2.250.1.213.1.1.2.128', '1.3.6.1.4.1.19376.1.5.3.1.3.2'], code: '42349-1' };
const CARE_PLAN = ['1.2.250.1.213.1.1.2.158', '1.3.6.1.4.1.19376.1.5.3.1.3.36'];
const REFERENCES: SectionSpec = { templateIds: ['1.2.250.1.213.1.1.2.55'], code: '55107-7' };
const PROBLEM = ['1.2.250.1.213.1.1.3.37', '1.3.6.1.4.1.19376.1.5.3.1.4.5'];

function paediatrics(r: Reader, section: DomElement): PpsDocument['paediatrics'] {
  const statements = entriesOf(section);
  const flag = one(r, statements, 'paediatrics observations', 'ORG-116');
  const isPaediatric = bool(r, child(flag, 'value'));
  if (!flag || isPaediatric === undefined) {
    r.warn('unsupported-value', 'Paediatrics section without its ORG-116 boolean observation (dropped)', section);
    return undefined;
  }
  // The builder points the problem's text to the paediatrics cell when there is no reason.
  const problem = statements.find((s) => hasTemplate(s, PROBLEM) && s !== flag);
  const reasonRef = child(child(problem, 'value'), 'originalText') ?? child(problem, 'text');
  const reasonTarget = r.target(reasonRef);
  const flagTarget = r.target(child(flag, 'text'));
  return defined({
    isPaediatric,
    comment: nestedComment(r, flag),
    reason: reasonTarget && reasonTarget !== flagTarget ? r.text(reasonRef) : undefined,
  });
}

function status(r: Reader, section: DomElement | undefined): PpsDocument['status'] {
  if (!section) return r.fail('missing', 'The document status section (33557-0) is required', r.doc);
  const std = documentStatus(r, section);
  const statements = entriesOf(section);
  const reasonObs = one(r, statements, 'update reasons', 'GEN-037');
  const reason = coding(child(reasonObs, 'value'));
  const rcpObs = one(r, statements, 'RCP dates', 'ORG-189');
  const rcpDate = effectiveDate(r, rcpObs) ?? partialDate(r, child(rcpObs, 'value'));
  if (rcpDate === undefined) r.fail('missing', 'The RCP date (observation ORG-189) is required', rcpObs ?? section);
  const handoverObs = one(r, statements, 'handover dates', 'GEN-178');
  let handover: PpsDocument['status']['handover'];
  const handoverValue = child(handoverObs, 'value');
  if (handoverObs && !hasNullFlavor(handoverValue)) {
    const date = effectiveDate(r, handoverObs);
    const announcement = partialDate(r, handoverValue);
    if (date === undefined || announcement === undefined) r.warn('unsupported-value', 'Handover without its date and announcement consultation date (dropped)', handoverObs);
    else {
      const entity = path(handoverObs, 'performer', 'assignedEntity');
      const by = entity ? actor(r, entity, 'assignedPerson', 'representedOrganization') : undefined;
      handover = defined({ date, announcementConsultationDate: announcement, by: by && Object.keys(by).length > 0 ? by : undefined });
    }
  }
  return defined({
    status: std.status,
    statusDate: std.date,
    comment: std.comment,
    updateReason: reason ? defined({ reason, precision: nestedComment(r, reasonObs) }) : undefined,
    rcpDate,
    handover,
  });
}

function referencedDocuments(r: Reader, section: DomElement | undefined): PpsDocument['referencedDocuments'] {
  const out: PpsDocument['referencedDocuments'] = [];
  for (const act of entriesOf(section))
    for (const ref of children(act, 'reference')) {
      const doc = child(ref, 'externalDocument');
      const id = doc ? child(doc, 'id') : undefined;
      const root = attr(id, 'root');
      if (!doc || !root) {
        r.warn('unsupported-value', 'Reference without an externalDocument/id (dropped)', ref);
        continue;
      }
      out.push({ id: defined({ root, extension: attr(id, 'extension') }), label: r.requiredText('Referenced document label', doc, child(doc, 'text')) });
    }
  if (out.length === 0) r.fail('missing', 'At least one referenced document (section 55107-7, E-REF externalDocument) is required', section ?? r.doc);
  return out;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

function privacyNotice(section: DomElement | undefined): PpsDocument['privacyNotice'] {
  const firstCell = descendantsNamed(child(section, 'text'), 'td')[0];
  if (!firstCell) return undefined;
  const marked = firstWithId(firstCell);
  if (marked) return { establishmentText: narrativeText(marked) };
  const t = narrativeText(firstCell);
  return t === '' || collapse(t) === collapse(PRIVACY_NOTICE.establishmentDefault) ? undefined : { establishmentText: t };
}

// ---------------------------------------------------------------- document

export function readPps(r: Reader, cd: DomElement): PpsDocument {
  const head = header(r, cd);
  const body = path(cd, 'component', 'structuredBody');
  if (!body) return r.fail('missing', 'component/structuredBody is required', child(cd, 'component') ?? cd);
  const sections = sectionsOf(body);
  const section = (spec: SectionSpec, what: string) => findSection(r, sections, spec, what);

  const patientComment = section({ templateIds: FREE_COMMENT, code: '55112-7', translation: 'GEN-293' }, 'patient comment');
  const paediatricsSection = section(PAEDIATRICS, 'paediatrics');
  // One diagnosis section per tumour (the builder), or one section listing every tumour.
  const diagnosisSections = findSections(sections, DIAGNOSIS);
  if (diagnosisSections.length === 0) r.fail('missing', 'The cancer diagnosis section (72135-7) is required', body);
  const found = diagnosisSections.flatMap((s) => tumours(r, s, true));
  if (found.length === 0) r.fail('missing', 'At least one tumour (E-LPC / E-DC entry) is required', diagnosisSections[0]);
  const phaseSection = section(PHASE, 'phase');

  const therapeuticProgramme: Record<string, unknown> = {};
  const supportiveCare: Record<string, unknown> = {};
  for (const s of sections.filter((s) => hasTemplate(s, CARE_PLAN) || codeOf(s) === '18776-5'))
    for (const statement of entriesOf(s)) {
      const code = codeOf(statement);
      if (statement.localName === 'observation' && code === 'MED-052') {
        const date = effectiveDate(r, statement);
        if (date === undefined) r.warn('unsupported-value', 'Stop of all active treatments without a date (dropped)', statement);
        else if (therapeuticProgramme.stopAllActiveTreatments) r.warn('duplicate', 'Several stops of all active treatments: the first is kept', statement);
        else therapeuticProgramme.stopAllActiveTreatments = defined({ date, comment: stopComment(r, statement, date) });
        continue;
      }
      const l = statement.localName === 'procedure' && code !== undefined ? CATEGORY.get(code) : undefined;
      if (!l) {
        r.warn('unsupported-value', `Care plan entry ${statement.localName} ${code ?? ''} is not a PPS act category (MED-568…MED-573)`, statement);
        continue;
      }
      const act = careAct(r, statement);
      if (!act) continue;
      const group = l.section === 'therapeuticProgramme' ? therapeuticProgramme : supportiveCare;
      ((group[l.list] ??= []) as PpsCareAct[]).push(act);
    }

  const { encounter: enc } = encounter(r, cd);
  const privacy = privacyNotice(section({ templateIds: FREE_COMMENT, code: '55112-7', translation: 'GEN-294' }, 'privacy notice'));
  return defined({
    ...head,
    encounter: enc,
    careNetwork: careNetwork(r, cd),
    patientComment: patientComment ? freeSectionText(patientComment) : undefined,
    paediatrics: paediatricsSection ? paediatrics(r, paediatricsSection) : undefined,
    tumours: found,
    discovery: discovery(r, section(DISCOVERY, 'cancer discovery')),
    phase: phaseSection ? phase(r, phaseSection) : undefined,
    therapeuticProgramme: therapeuticProgramme as PpsDocument['therapeuticProgramme'],
    supportiveCare: supportiveCare as PpsDocument['supportiveCare'],
    status: status(r, section(STATUS, 'document status')),
    referencedDocuments: referencedDocuments(r, section(REFERENCES, 'referenced documents')),
    privacyNotice: privacy,
  }) as PpsDocument;
}
