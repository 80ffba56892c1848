// Writers shared by the PPS and FRCP builders: HL7 data types, header, narrative blocks and
// the entry templates both volets use (specs §2 and §4.0). Element order follows the CDA
// schema (CDA_extended.xsd); each function says which template it writes.
import type { XmlSink } from '../xml/writer.js';
import { empty, textElement } from '../xml/writer.js';
import { toTs, frenchDate } from '../datatypes.js';
import { insOid } from '../identity/index.js';
import type { ResolvedContext } from '../check/checker.js';
import type { HeaderInput } from '../check/header.js';
import type {
  Actor,
  Address,
  Coding,
  CodedOrText,
  InstanceId,
  Organization,
  PersonName,
  Period,
  Telecom,
} from '../model/common.js';
import type { CancerDiagnosis, CancerPhase } from '../model/oncology.js';

export const OID = {
  loinc: '2.16.840.1.113883.6.1',
  snomed: '2.16.840.1.113883.6.96',
  taAsip: '1.2.250.1.213.1.1.4.322',
  idNatPs: '1.2.250.1.71.4.2.1',
  idNatStruct: '1.2.250.1.71.4.2.2',
  tnm: '2.16.840.1.113883.15.6',
} as const;

export const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** Everything a section writer needs: the sink, fresh ids, narrative id allocation. */
export class BuildState {
  constructor(
    readonly w: XmlSink,
    readonly context: ResolvedContext,
  ) {}
  /** `<id root="uuid"/>` for a section or an entry. */
  freshId(): void {
    empty(this.w, 'id', ['root', this.context.newId()]);
  }
}

// ---------------------------------------------------------------- data types

export function ii(w: XmlSink, name: string, id: InstanceId): void {
  empty(w, name, ['root', id.root], ['extension', id.extension]);
}

/** CD/CE with code, codeSystem, displayName (codings are complete after the checker). */
export function cd(w: XmlSink, name: string, coding: Coding, xsiType?: 'CD' | 'CE'): void {
  w.start(name);
  if (xsiType) w.attr('xsi:type', xsiType);
  w.attr('code', coding.code);
  w.attr('codeSystem', coding.codeSystem);
  w.attr('displayName', coding.displayName);
  w.end();
}

/** TA_ASIP / LOINC / SNOMED fixed code. */
export function fixedCode(w: XmlSink, name: string, code: string, codeSystem: string, displayName: string): void {
  empty(w, name, ['code', code], ['codeSystem', codeSystem], ['displayName', displayName]);
}

export function ts(w: XmlSink, name: string, value: string | undefined, nullFlavor = 'UNK'): void {
  if (value === undefined) empty(w, name, ['nullFlavor', nullFlavor]);
  else empty(w, name, ['value', toTs(value)]);
}

/** IVL_TS: low/high, or nullFlavor="UNK" when the whole period is unknown. */
export function ivl(w: XmlSink, name: string, period: Period | undefined, xsiType = false): void {
  w.start(name);
  if (xsiType) w.attr('xsi:type', 'IVL_TS');
  if (!period || (period.start === undefined && period.end === undefined)) {
    w.attr('nullFlavor', 'UNK');
    w.end();
    return;
  }
  ts(w, 'low', period.start);
  if (period.end !== undefined) ts(w, 'high', period.end);
  w.end();
}

const ADDRESS_PARTS: ReadonlyArray<readonly [keyof Address & string, string]> = [
  ['houseNumber', 'houseNumber'],
  ['streetNameType', 'streetNameType'],
  ['streetName', 'streetName'],
  ['additionalLocator', 'additionalLocator'],
  ['unitId', 'unitID'],
  ['postBox', 'postBox'],
  ['postalCode', 'postalCode'],
  ['city', 'city'],
  ['county', 'county'],
  ['state', 'state'],
  ['country', 'country'],
];

export function addr(w: XmlSink, address: Address | undefined): void {
  if (!address) return;
  w.start('addr');
  w.attr('use', address.use);
  if (address.lines) for (const line of address.lines) textElement(w, 'streetAddressLine', line);
  else for (const [key, element] of ADDRESS_PARTS) textElement(w, element, address[key] as string | undefined);
  w.end();
}

export function telecoms(w: XmlSink, list: readonly Telecom[] | undefined): void {
  for (const t of list ?? []) empty(w, 'telecom', ['value', `${t.scheme}:${t.value}`], ['use', t.use]);
}

export function personName(w: XmlSink, name: PersonName): void {
  w.start('name');
  textElement(w, 'prefix', name.prefix);
  textElement(w, 'given', name.given);
  textElement(w, 'family', name.family);
  textElement(w, 'suffix', name.suffix);
  w.end();
}

/** representedOrganization / scopingOrganization / serviceProviderOrganization. */
export function organization(w: XmlSink, element: string, org: Organization): void {
  w.start(element);
  if (org.idNatStruct !== undefined) ii(w, 'id', { root: OID.idNatStruct, extension: org.idNatStruct });
  textElement(w, 'name', org.name);
  telecoms(w, org.telecoms);
  addr(w, org.address);
  if (org.practiceSetting) cd(w, 'standardIndustryClassCode', org.practiceSetting);
  w.end();
}

function actorId(w: XmlSink, actor: Actor): void {
  if (actor.idNatPs !== undefined) ii(w, 'id', { root: OID.idNatPs, extension: actor.idNatPs });
  else empty(w, 'id', ['nullFlavor', 'NA']);
}

/** assignedEntity / assignedAuthor: id, code, addr, telecom, person, organisation. */
export function assignedEntity(w: XmlSink, element: string, actor: Actor, personElement = 'assignedPerson'): void {
  w.start(element);
  actorId(w, actor);
  if (actor.profession) cd(w, 'code', actor.profession);
  addr(w, actor.address);
  telecoms(w, actor.telecoms);
  if (actor.name) {
    w.start(personElement);
    personName(w, actor.name);
    w.end();
  }
  if (actor.organization) organization(w, 'representedOrganization', actor.organization);
  w.end();
}

/** A body or header author (`author/time/assignedAuthor`). */
export function author(w: XmlSink, actor: Actor, time: string | undefined, functionCode?: Coding, functionComment?: string): void {
  w.start('author');
  if (functionCode || functionComment !== undefined) {
    w.start('functionCode');
    if (functionCode) {
      w.attr('code', functionCode.code);
      w.attr('codeSystem', functionCode.codeSystem);
      w.attr('displayName', functionCode.displayName);
    } else w.attr('nullFlavor', 'NA');
    textElement(w, 'originalText', functionComment);
    w.end();
  }
  ts(w, 'time', time);
  assignedEntity(w, 'assignedAuthor', actor);
  w.end();
}

// ---------------------------------------------------------------- header

export interface VoletHeader {
  templateId: string;
  code: string;
  displayName: string;
}

export interface HeaderParts {
  participants(state: BuildState): void;
  inFulfillmentOf?(state: BuildState): void;
  documentationOf(state: BuildState): void;
  /** Writes the encompassingEncounter ids instead of `input.encounter.ids` (FRCP: RCP ids). */
  encounterIds?(state: BuildState): void;
}

/** Header participant (§2.7): functionCode (+TA_ASIP translation, comment), time, associatedEntity. */
export function headerParticipant(
  w: XmlSink,
  p: {
    typeCode: string;
    functionCode?: Coding;
    roleCode?: readonly [string, string];
    comment?: string;
    period?: Period;
    classCode: 'PROV' | 'AGNT';
    actor?: Actor;
  },
): void {
  w.start('participant');
  w.attr('typeCode', p.typeCode);
  w.start('functionCode');
  if (p.functionCode) {
    w.attr('code', p.functionCode.code);
    w.attr('codeSystem', p.functionCode.codeSystem);
    w.attr('displayName', p.functionCode.displayName);
  } else w.attr('nullFlavor', 'NA');
  textElement(w, 'originalText', p.comment);
  if (p.roleCode) {
    w.start('translation');
    w.attr('code', p.roleCode[0]);
    w.attr('codeSystem', OID.taAsip);
    w.attr('codeSystemName', 'TA_ASIP');
    w.attr('displayName', p.roleCode[1]);
    w.end();
  }
  w.end();
  ivl(w, 'time', p.period, true);
  w.start('associatedEntity');
  w.attr('classCode', p.classCode);
  const a = p.actor;
  if (!a) w.attr('nullFlavor', 'NA');
  else {
    if (a.idNatPs !== undefined) ii(w, 'id', { root: OID.idNatPs, extension: a.idNatPs });
    if (a.profession) cd(w, 'code', a.profession);
    addr(w, a.address);
    telecoms(w, a.telecoms);
    if (a.name) {
      w.start('associatedPerson');
      personName(w, a.name);
      w.end();
    }
    if (a.organization) organization(w, 'scopingOrganization', a.organization);
  }
  w.end();
  w.end();
}

export const FUNCTION_CODES = {
  careTeamMember: { code: '353', codeSystem: '1.2.250.1.213.1.6.1.107', displayName: "Membre de l'équipe de soins" },
  correspondent: { code: 'CORRE', codeSystem: '1.2.250.1.213.1.1.4.2.280', displayName: 'Correspondant' },
  gp: { code: 'PCP', codeSystem: '2.16.840.1.113883.5.88', displayName: 'Médecin traitant' },
} as const;

const CONFIDENTIALITY: Record<string, string> = { N: 'Normal', R: 'Restreint', V: 'Très restreint' };
const GENDER: Record<string, string> = { F: 'Féminin', M: 'Masculin', UN: 'Inconnu' };

function relatedInformant(w: XmlSink, classCode: string, p: NonNullable<HeaderInput['trustedPerson']>): void {
  w.start('informant');
  w.start('relatedEntity');
  w.attr('classCode', classCode);
  if (p.relationship) cd(w, 'code', p.relationship);
  if (p.address) addr(w, p.address);
  else empty(w, 'addr', ['nullFlavor', 'NAV']);
  telecoms(w, p.telecoms);
  w.start('relatedPerson');
  personName(w, p.name);
  w.end();
  w.end();
  w.end();
}

function recordTarget(w: XmlSink, input: HeaderInput): void {
  const p = input.patient;
  w.start('recordTarget');
  w.start('patientRole');
  if (p.ins) ii(w, 'id', { root: insOid(p.ins.kind, p.ins.environment ?? 'production'), extension: p.ins.value });
  for (const id of p.localIds ?? []) ii(w, 'id', id);
  for (const a of p.addresses ?? []) addr(w, a);
  telecoms(w, p.telecoms);
  w.start('patient');
  w.attr('classCode', 'PSN');
  w.start('name');
  w.start('family');
  w.attr('qualifier', 'BR');
  w.text(p.birthFamilyName);
  w.end();
  textElement(w, 'given', p.birthGivenNames);
  w.start('given');
  w.attr('qualifier', 'BR');
  w.text(p.firstBirthGivenName ?? p.birthGivenNames);
  w.end();
  if (p.usedFamilyName !== undefined) {
    w.start('family');
    w.attr('qualifier', 'CL');
    w.text(p.usedFamilyName);
    w.end();
  }
  if (p.usedGivenName !== undefined) {
    w.start('given');
    w.attr('qualifier', 'CL');
    w.text(p.usedGivenName);
    w.end();
  }
  w.end();
  empty(w, 'administrativeGenderCode', ['code', p.gender], ['codeSystem', '2.16.840.1.113883.5.1'], ['displayName', GENDER[p.gender]]);
  ts(w, 'birthTime', p.birthDate);
  if (p.deceased) {
    empty(w, 'sdtc:deceasedInd', ['value', String(p.deceased.deceased)]);
    if (p.deceased.date !== undefined) ts(w, 'sdtc:deceasedTime', p.deceased.date);
  }
  for (const g of p.guardians ?? []) {
    w.start('guardian');
    addr(w, g.address);
    telecoms(w, g.telecoms);
    if (g.person) {
      w.start('guardianPerson');
      w.start('name');
      textElement(w, 'prefix', g.person.prefix);
      textElement(w, 'given', g.person.given);
      w.start('family');
      w.attr('qualifier', g.person.familyQualifier);
      w.text(g.person.family);
      w.end();
      w.end();
      w.end();
    } else if (g.organization) {
      w.start('guardianOrganization');
      ii(w, 'id', { root: OID.idNatStruct, extension: g.organization.idNatStruct });
      textElement(w, 'name', g.organization.name);
      w.end();
    }
    w.end();
  }
  if (p.birthPlace) {
    w.start('birthplace');
    w.start('place');
    w.start('addr');
    textElement(w, 'county', p.birthPlace.cogCode);
    textElement(w, 'city', p.birthPlace.city);
    w.end();
    w.end();
    w.end();
  }
  w.end();
  w.end();
  w.end();
}

/** The whole CDA header up to (not including) the body. */
export function writeHeader(state: BuildState, input: HeaderInput, volet: VoletHeader, parts: HeaderParts): void {
  const w = state.w;
  const doc = input.document!;
  w.start('ClinicalDocument');
  w.attr('xmlns', 'urn:hl7-org:v3');
  w.attr('xmlns:xsi', XSI);
  if (input.patient.deceased) w.attr('xmlns:sdtc', 'urn:hl7-org:sdtc');
  empty(w, 'realmCode', ['code', 'FR']);
  empty(w, 'typeId', ['root', '2.16.840.1.113883.1.3'], ['extension', 'POCD_HD000040']);
  empty(w, 'templateId', ['root', '2.16.840.1.113883.2.8.2.1']);
  empty(w, 'templateId', ['root', '1.2.250.1.213.1.1.1.1']);
  empty(w, 'templateId', ['root', volet.templateId], ['extension', '2022.01']);
  ii(w, 'id', doc.id!);
  empty(w, 'code', ['code', volet.code], ['codeSystem', OID.loinc], ['codeSystemName', 'LOINC'], ['displayName', volet.displayName]);
  textElement(w, 'title', doc.title);
  ts(w, 'effectiveTime', doc.effectiveTime);
  empty(
    w,
    'confidentialityCode',
    ['code', doc.confidentiality],
    ['codeSystem', '2.16.840.1.113883.5.25'],
    ['displayName', CONFIDENTIALITY[doc.confidentiality ?? 'N']],
  );
  empty(w, 'languageCode', ['code', 'fr-FR']);
  ii(w, 'setId', doc.setId!);
  empty(w, 'versionNumber', ['value', String(doc.versionNumber)]);
  recordTarget(w, input);
  author(w, input.author.professional, input.author.time, input.author.functionCode, input.author.functionComment);
  if (input.trustedPerson) relatedInformant(w, 'NOK', input.trustedPerson);
  for (const p of input.emergencyContacts ?? []) relatedInformant(w, 'ECON', p);
  w.start('custodian');
  w.start('assignedCustodian');
  w.start('representedCustodianOrganization');
  ii(w, 'id', { root: OID.idNatStruct, extension: input.custodian.idNatStruct });
  textElement(w, 'name', input.custodian.name);
  telecoms(w, input.custodian.telecoms);
  addr(w, input.custodian.address);
  w.end();
  w.end();
  w.end();
  const signer = input.legalAuthenticator!;
  w.start('legalAuthenticator');
  ts(w, 'time', signer.time);
  empty(w, 'signatureCode', ['code', 'S']);
  assignedEntity(w, 'assignedEntity', signer.professional);
  w.end();
  parts.participants(state);
  parts.inFulfillmentOf?.(state);
  parts.documentationOf(state);
  if (doc.replaces) {
    w.start('relatedDocument');
    w.attr('typeCode', 'RPLC');
    w.start('parentDocument');
    ii(w, 'id', doc.replaces);
    w.end();
    w.end();
  }
  const enc = input.encounter;
  w.start('componentOf');
  w.start('encompassingEncounter');
  if (parts.encounterIds) parts.encounterIds(state);
  else for (const id of enc.ids ?? []) ii(w, 'id', id);
  if (enc.type) cd(w, 'code', enc.type);
  if (enc.period) ivl(w, 'effectiveTime', enc.period);
  else empty(w, 'effectiveTime', ['nullFlavor', 'MSK']);
  w.start('location');
  w.start('healthCareFacility');
  if (enc.facility?.idNatStruct !== undefined) ii(w, 'id', { root: OID.idNatStruct, extension: enc.facility.idNatStruct });
  cd(w, 'code', enc.facilityType);
  if (enc.facility && (enc.facility.name !== undefined || enc.facility.address)) {
    w.start('location');
    textElement(w, 'name', enc.facility.name);
    addr(w, enc.facility.address);
    w.end();
  }
  w.end();
  w.end();
  w.end();
  w.end();
}

/** serviceEvent performer (PRF) with its organisation (documentationOf, §2.8). */
export function serviceEventPerformer(w: XmlSink, actor: Actor): void {
  w.start('performer');
  w.attr('typeCode', 'PRF');
  assignedEntity(w, 'assignedEntity', actor);
  w.end();
}

// ---------------------------------------------------------------- narrative

/** Writes free text, turning line breaks into `<br/>`. */
export function richText(w: XmlSink, text: string): void {
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (i > 0) {
      w.start('br');
      w.end();
    }
    if (line !== '') w.text(line);
  });
}

/** `<content ID="id">text</content>`: the target of an entry's text/reference. */
export function content(w: XmlSink, id: string, text: string): void {
  w.start('content');
  w.attr('ID', id);
  richText(w, text);
  w.end();
}

export type Cell = string | { id: string; text: string } | undefined;

/** A narrative table with a header row; a cell with an id becomes a referenced `<content>`. */
export function table(w: XmlSink, caption: string | undefined, headers: readonly string[], rows: readonly (readonly Cell[])[]): void {
  w.start('table');
  w.attr('border', '1');
  textElement(w, 'caption', caption);
  w.start('thead');
  w.start('tr');
  for (const h of headers) textElement(w, 'th', h);
  w.end();
  w.end();
  w.start('tbody');
  if (rows.length === 0) {
    w.start('tr');
    w.start('td');
    w.attr('colspan', String(headers.length));
    w.text('Aucun');
    w.end();
    w.end();
  }
  for (const row of rows) {
    w.start('tr');
    for (const cell of row) {
      w.start('td');
      if (typeof cell === 'string') richText(w, cell);
      else if (cell) content(w, cell.id, cell.text);
      w.end();
    }
    w.end();
  }
  w.end();
  w.end();
}

export function paragraph(w: XmlSink, text: string, id?: string): void {
  w.start('paragraph');
  if (id) content(w, id, text);
  else richText(w, text);
  w.end();
}

export const ouiNon = (b: boolean | undefined): string => (b === undefined ? 'Non renseigné' : b ? 'Oui' : 'Non');
export const dateFr = (d: string | undefined): string => (d === undefined ? '' : frenchDate(d));
export const periodFr = (p: Period | undefined): string =>
  !p ? '' : p.end === undefined ? `à partir du ${dateFr(p.start)}` : p.start === undefined ? `jusqu'au ${dateFr(p.end)}` : `du ${dateFr(p.start)} au ${dateFr(p.end)}`;
export const codedFr = (c: CodedOrText): string =>
  c.coding ? (c.text !== undefined ? c.text : `${c.coding.displayName} (${c.coding.code})`) : c.text!;
export const personFr = (a: Actor | undefined): string => {
  if (!a) return '';
  const name = a.name ? [a.name.suffix === 'PR' ? 'Pr' : a.name.suffix === 'DR' ? 'Dr' : undefined, a.name.given, a.name.family].filter(Boolean).join(' ') : '';
  const org = a.organization?.name;
  return [name, org].filter((s) => s !== undefined && s !== '').join(', ');
};

// ---------------------------------------------------------------- sections and entries

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
  if (head.translation) {
    w.start('translation');
    w.attr('code', head.translation[0]);
    w.attr('codeSystem', OID.taAsip);
    w.attr('codeSystemName', 'TA_ASIP');
    w.attr('displayName', head.translation[1]);
    w.end();
  }
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

const T = {
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

// ---------------------------------------------------------------- cancer diagnosis (S3 / F3)

export const DIAGNOSIS_SECTION: SectionHead = {
  templateIds: [
    '2.16.840.1.113883.10.20.1.11',
    '1.3.6.1.4.1.19376.1.5.3.1.3.6',
    '1.3.6.1.4.1.19376.1.7.3.1.3.14.1',
    '1.2.250.1.213.1.1.2.27',
  ],
  code: ['72135-7', OID.loinc, 'Diagnostic du cancer'],
};

const tnmText = (t: NonNullable<CancerDiagnosis['tnm']>) =>
  [t.t ?? 'T?', t.n ?? 'N?', t.m ?? 'M?'].join(' ') + (t.stage !== undefined ? `, stade ${t.stage}` : '') + ` (UICC ${t.version ?? '8'}e éd.)`;

/** Narrative ids of one tumour (prefix `p` = the volet's section key). */
export const tumourIds = (p: string, i: number) => ({
  diag: `${p}-tumeur-${i + 1}`,
  topography: `${p}-tumeur-${i + 1}-topographie`,
  morphology: `${p}-tumeur-${i + 1}-morphologie`,
  tnm: `${p}-tumeur-${i + 1}-tnm`,
  t: `${p}-tumeur-${i + 1}-t`,
  n: `${p}-tumeur-${i + 1}-n`,
  m: `${p}-tumeur-${i + 1}-m`,
  stage: (k: number) => `${p}-tumeur-${i + 1}-stade-${k + 1}`,
  stageName: (k: number) => `${p}-tumeur-${i + 1}-stade-${k + 1}-nom`,
  stageVersion: (k: number) => `${p}-tumeur-${i + 1}-stade-${k + 1}-version`,
  comment: `${p}-tumeur-${i + 1}-commentaire`,
});

const STATUS_FR: Record<string, string> = { active: 'actif', suspended: 'suspendu', aborted: 'interrompu', completed: 'terminé' };

export function diagnosisNarrative(w: XmlSink, prefix: string, tumours: readonly CancerDiagnosis[]): void {
  w.start('text');
  tumours.forEach((tumour, i) => {
    const ids = tumourIds(prefix, i);
    const rows: Cell[][] = [
      ['Date du diagnostic initial', dateFr(tumour.diagnosisDate) || 'Inconnue'],
      ['Topographie', { id: ids.topography, text: codedFr(tumour.topography) }],
      ['Latéralité', tumour.laterality ? `${tumour.laterality.displayName}` : 'Non renseignée'],
      ['Morphologie', { id: ids.morphology, text: codedFr(tumour.morphology) }],
      ['Statut', { id: ids.diag, text: `Cancer ${STATUS_FR[tumour.status ?? 'active']}${tumour.endDate ? `, fin le ${dateFr(tumour.endDate)}` : ''}` }],
    ];
    if (tumour.tnm) {
      rows.push(['Stade clinique (TNM)', { id: ids.tnm, text: tnmText(tumour.tnm) }]);
      rows.push(['TNM (T)', { id: ids.t, text: tumour.tnm.t ?? 'Inconnu' }]);
      rows.push(['TNM (N)', { id: ids.n, text: tumour.tnm.n ?? 'Inconnu' }]);
      rows.push(['TNM (M)', { id: ids.m, text: tumour.tnm.m ?? 'Inconnu' }]);
    }
    tumour.otherStages?.forEach((s, k) => {
      rows.push(['Autre stade', { id: ids.stage(k), text: s.text }]);
      if (s.classificationName !== undefined) rows.push(['Nom de la classification', { id: ids.stageName(k), text: s.classificationName }]);
      if (s.classificationVersion !== undefined)
        rows.push(['Version de la classification', { id: ids.stageVersion(k), text: s.classificationVersion }]);
    });
    if (tumour.comment !== undefined) rows.push(['Commentaire', { id: ids.comment, text: tumour.comment }]);
    table(w, tumours.length > 1 ? `Tumeur ${i + 1}` : 'Tumeur', ['Élément', 'Valeur'], rows);
  });
  w.end();
}

function codedOrTextElement(w: XmlSink, name: string, value: CodedOrText, textId: string, xsiType: boolean, qualifier?: () => void): void {
  w.start(name);
  if (xsiType) w.attr('xsi:type', 'CD');
  if (value.coding) {
    w.attr('code', value.coding.code);
    w.attr('codeSystem', value.coding.codeSystem);
    w.attr('displayName', value.coding.displayName);
  } else w.attr('nullFlavor', 'OTH');
  originalTextRef(w, textId);
  qualifier?.();
  w.end();
}

function tnmCategory(state: BuildState, code: string, label: string, value: string | undefined, textId: string, version: string): void {
  entryRelationship(state.w, 'COMP', undefined, () =>
    simpleObservation(state, {
      code: [code, OID.loinc, label],
      textId,
      time: { nullFlavor: 'NAV' },
      value: (w) => {
        w.start('value');
        w.attr('xsi:type', 'CD');
        if (value === undefined) w.attr('nullFlavor', 'UNK');
        else {
          w.attr('code', value);
          w.attr('codeSystem', OID.tnm);
          w.attr('codeSystemVersion', version);
          w.attr('displayName', value);
        }
        w.end();
      },
    }),
  );
}

/** E-TNM clinical stage with its T, N and M observations, under a diagnosis. */
function tnmObservation(state: BuildState, tnm: NonNullable<CancerDiagnosis['tnm']>, ids: ReturnType<typeof tumourIds>): void {
  const w = state.w;
  const version = tnm.version ?? '8';
  entryRelationship(w, 'SUBJ', false, () =>
    simpleObservation(state, {
      negationInd: false,
      templateIds: T.tnm,
      code: ['75620-5', OID.loinc, 'Stade TNM Clinique'],
      textId: ids.tnm,
      time: { low: tnm.date },
      value: (w) => {
        w.start('value');
        w.attr('xsi:type', 'CD');
        w.attr('nullFlavor', 'NA');
        if (tnm.stage !== undefined) {
          w.start('qualifier');
          fixedCode(w, 'name', '21909-7', OID.loinc, 'Stade clinique');
          empty(w, 'value', ['code', tnm.stage], ['codeSystem', OID.tnm], ['displayName', tnm.stage]);
          w.end();
        }
        w.start('qualifier');
        fixedCode(w, 'name', '21917-0', OID.loinc, 'Version TNM Classification');
        empty(w, 'value', ['code', version], ['codeSystem', OID.tnm], ['displayName', `TNM_UICC ${version}ème édition`]);
        w.end();
        w.end();
      },
      children: () => {
        tnmCategory(state, '21905-5', 'Tumeur primitive (T)', tnm.t, ids.t, version);
        tnmCategory(state, '21906-3', 'Ganglions régionaux (N)', tnm.n, ids.n, version);
        tnmCategory(state, '21907-1', 'Métastases à distance (M)', tnm.m, ids.m, version);
      },
    }),
  );
}

/** E-LPC → E-DC (→ E-TNM, other stages, comment), one entry per tumour. */
export function diagnosisEntries(state: BuildState, prefix: string, tumours: readonly CancerDiagnosis[], withClassificationDetails: boolean): void {
  const w = state.w;
  tumours.forEach((tumour, i) => {
    const ids = tumourIds(prefix, i);
    const status = tumour.status ?? 'active';
    entry(w, () => {
      w.start('act');
      w.attr('classCode', 'ACT');
      w.attr('moodCode', 'EVN');
      templateIds(w, T.cancerConcern);
      state.freshId();
      empty(w, 'code', ['nullFlavor', 'NA']);
      empty(w, 'statusCode', ['code', status]);
      w.start('effectiveTime');
      ts(w, 'low', tumour.diagnosisDate);
      if (status === 'completed' || status === 'aborted') ts(w, 'high', tumour.endDate);
      w.end();
      entryRelationship(w, 'SUBJ', false, () =>
        simpleObservation(state, {
          negationInd: false,
          templateIds: T.cancerDiagnosis,
          code: ['282291009', OID.snomed, 'Interprétation diagnostique'],
          textId: ids.diag,
          time: { low: tumour.diagnosisDate },
          value: (w) => {
            codedOrTextElement(w, 'value', tumour.morphology, ids.morphology, true);
            codedOrTextElement(w, 'targetSiteCode', tumour.topography, ids.topography, false, () => {
              if (!tumour.laterality) return;
              w.start('qualifier');
              fixedCode(w, 'name', '20228-3', OID.loinc, 'Latéralité');
              cd(w, 'value', tumour.laterality);
              w.end();
            });
          },
          children: () => {
            if (tumour.tnm) tnmObservation(state, tumour.tnm, ids);
            tumour.otherStages?.forEach((s, k) => {
              entryRelationship(w, 'SUBJ', false, () =>
                simpleObservation(state, {
                  code: ['21918-8', OID.loinc, 'Autre classification du stade'],
                  textId: ids.stage(k),
                  time: { nullFlavor: 'NAV' },
                  value: nullCd('NA', ids.stage(k)),
                  children: () => {
                    if (!withClassificationDetails) return;
                    if (s.classificationName !== undefined)
                      entryRelationship(w, 'COMP', undefined, () =>
                        simpleObservation(state, {
                          code: ['GEN-101', OID.taAsip, 'Nom de la classification'],
                          textId: ids.stageName(k),
                          time: { nullFlavor: 'NAV' },
                          value: nullCd('NA', ids.stageName(k)),
                        }),
                      );
                    if (s.classificationVersion !== undefined)
                      entryRelationship(w, 'COMP', undefined, () =>
                        simpleObservation(state, {
                          code: ['GEN-102', OID.taAsip, 'Version de la classification'],
                          textId: ids.stageVersion(k),
                          time: { nullFlavor: 'NAV' },
                          value: nullCd('NA', ids.stageVersion(k)),
                        }),
                      );
                  },
                }),
              );
            });
            nestedComment(state, tumour.comment !== undefined ? ids.comment : undefined);
          },
        }),
      );
      w.end();
    });
  });
}

export function diagnosisSection(state: BuildState, prefix: string, title: string, tumours: readonly CancerDiagnosis[], withClassificationDetails: boolean): void {
  openSection(state, { ...DIAGNOSIS_SECTION, title });
  diagnosisNarrative(state.w, prefix, tumours);
  diagnosisEntries(state, prefix, tumours, withClassificationDetails);
  closeSection(state.w);
}

// ---------------------------------------------------------------- cancer phase (S5 / F8)

export const PHASE_LABELS: Record<string, string> = { 'MED-268': 'Phase initiale du cancer', 'MED-244': 'Rechute du cancer' };

export function phaseSection(state: BuildState, prefix: string, title: string, phase: CancerPhase): void {
  const w = state.w;
  openSection(state, {
    templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.1.13.2.7', '1.2.250.1.213.1.1.2.25'],
    code: ['18733-6', OID.loinc, 'Note de progression'],
    title,
  });
  const id = (s: string) => `${prefix}-${s}`;
  const pr = phase.progression;
  w.start('text');
  const rows: Cell[][] = [
    ['Phase du cancer', { id: id('phase'), text: PHASE_LABELS[phase.phase]! }],
    [phase.phase === 'MED-244' ? 'Date de la rechute' : "Date d'observation", dateFr(phase.date) || 'Inconnue'],
  ];
  if (phase.comment !== undefined) rows.push(['Commentaire', { id: id('phase-commentaire'), text: phase.comment }]);
  rows.push(['Progression du cancer', { id: id('progression'), text: ouiNon(pr.observed) }]);
  if (pr.date !== undefined) rows.push(['Date de la progression', dateFr(pr.date)]);
  if (pr.local !== undefined) rows.push(['Progression locale', { id: id('progression-locale'), text: ouiNon(pr.local) }]);
  if (pr.regional !== undefined) rows.push(['Progression régionale', { id: id('progression-regionale'), text: ouiNon(pr.regional) }]);
  if (pr.distant !== undefined) rows.push(['Progression à distance', { id: id('progression-distance'), text: ouiNon(pr.distant) }]);
  table(w, undefined, ['Élément', 'Valeur'], rows);
  w.end();
  entry(w, () =>
    simpleObservation(state, {
      code: ['MED-243', OID.taAsip, 'Phase du cancer'],
      textId: id('phase'),
      time: { value: phase.date },
      value: (w) => {
        w.start('value');
        w.attr('xsi:type', 'CD');
        w.attr('code', phase.phase);
        w.attr('codeSystem', OID.taAsip);
        w.attr('displayName', PHASE_LABELS[phase.phase]);
        originalTextRef(w, id('phase'));
        w.end();
      },
      children: () => nestedComment(state, phase.comment !== undefined ? id('phase-commentaire') : undefined),
    }),
  );
  entry(w, () =>
    simpleObservation(state, {
      code: ['MED-245', OID.taAsip, 'Progression du cancer'],
      textId: id('progression'),
      time: { value: pr.date },
      value: bl(pr.observed),
      children: () => {
        const sub = (flag: boolean | undefined, code: string, label: string, textId: string) => {
          if (flag === undefined) return;
          entryRelationship(w, 'COMP', undefined, () =>
            simpleObservation(state, { code: [code, OID.taAsip, label], textId, time: { value: pr.date }, value: bl(flag) }),
          );
        };
        sub(pr.local, 'MED-246', 'Progression locale', id('progression-locale'));
        sub(pr.regional, 'MED-247', 'Progression régionale', id('progression-regionale'));
        sub(pr.distant, 'MED-248', 'Progression à distance', id('progression-distance'));
      },
    }),
  );
  closeSection(w);
}

// ---------------------------------------------------------------- discovery (S4 / F2)

export function discoverySection(state: BuildState, prefix: string, discovery: { viaScreening: boolean; date?: string }): void {
  const w = state.w;
  openSection(state, {
    templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.1.21.2.9', '1.3.6.1.4.1.19376.1.7.3.1.1.13.7', '1.2.250.1.213.1.1.2.163'],
    code: ['42545-4', OID.loinc, 'Evènements observés'],
    title: 'MODE DE DÉCOUVERTE DU CANCER',
  });
  const id = `${prefix}-depistage`;
  w.start('text');
  table(w, undefined, ['Patient issu du dépistage', 'Date'], [[{ id, text: ouiNon(discovery.viaScreening) }, dateFr(discovery.date)]]);
  w.end();
  entry(w, () =>
    simpleObservation(state, {
      code: ['63921-1', OID.loinc, 'Dépistage du cancer'],
      textId: id,
      time: { period: { start: discovery.date } },
      value: bl(discovery.viaScreening),
    }),
  );
  closeSection(w);
}

// ---------------------------------------------------------------- document status (S8 / F18)

export const STATUS_SECTION: SectionHead = {
  templateIds: ['1.2.250.1.213.1.1.2.35'],
  code: ['33557-0', OID.loinc, "Etat d'achèvement"],
  title: 'STATUT DU DOCUMENT',
};

/** E-STD FR-Statut-document with its optional comment. */
export function statusEntry(state: BuildState, status: Coding, date: string | undefined, textId: string, commentId?: string): void {
  entry(state.w, () =>
    simpleObservation(state, {
      templateIds: T.status,
      code: ['GEN-065', OID.taAsip, 'Statut du document'],
      textId,
      time: { value: date },
      value: cdValue(status),
      children: () => nestedComment(state, commentId),
    }),
  );
}

/** FR-Commentaire-non-code section (S1 / S10 / F17). */
export const FREE_COMMENT_TEMPLATES = ['2.16.840.1.113883.10.12.201', '1.3.6.1.4.1.19376.1.4.1.2.16', '1.2.250.1.213.1.1.2.73'] as const;
