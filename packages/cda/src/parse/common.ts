// Readers of the HL7 data types and of the CDA header common to both volets: the exact
// inverses of build/datatypes.ts, build/header.ts and build/record-target.ts (ii, cd, ts, ivl,
// addr, telecom, name, organisation, assignedEntity, recordTarget, author, custodian,
// legalAuthenticator, encompassingEncounter).
import { fromTs } from '../datatypes.js';
import { describeInsOid } from '../identity/index.js';
import { OID } from '../build/state.js';
import type {
  Actor,
  Address,
  Coding,
  Custodian,
  DocumentAuthor,
  DocumentHeader,
  Encounter,
  Guardian,
  HealthProfessional,
  InstanceId,
  Organization,
  PatientIdentity,
  PersonName,
  Period,
  RelatedPerson,
  Signer,
  Telecom,
} from '../model/common.js';
import {
  Address as AddressSchema,
  DocumentHeader as DocumentHeaderSchema,
  Guardian as GuardianSchema,
  INSTANT_PATTERN,
  PARTIAL_DATE_PATTERN,
  PatientIdentity as PatientIdentitySchema,
  PersonName as PersonNameSchema,
  Telecom as TelecomSchema,
} from '../model/common.js';
import type { Reader } from './narrative.js';
import { attr, child, children, path, textOf, type DomElement } from './xml.js';

/** Copy of `o` without its undefined properties (the model has no `key: undefined`). */
export function defined<T extends object>(o: T): T {
  const out = {} as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** Non-empty array or undefined. */
export const list = <T>(items: T[]): T[] | undefined => (items.length > 0 ? items : undefined);

/** Text of an element, exact; empty or absent → undefined (model texts are never empty). */
export function text(el: DomElement | undefined): string | undefined {
  const t = textOf(el);
  return t === undefined || t === '' ? undefined : t;
}

export const hasNullFlavor = (el: DomElement | undefined): boolean => attr(el, 'nullFlavor') !== undefined;

const INSTANT = new RegExp(INSTANT_PATTERN);

/** The values of a TypeBox union of literals: the parser accepts exactly what the model does. */
export const literals = (schema: unknown): ReadonlySet<string> =>
  new Set(((schema as { anyOf?: Array<{ const?: unknown }> }).anyOf ?? []).map((s) => String(s.const)));
const PARTIAL_DATE = new RegExp(PARTIAL_DATE_PATTERN);

// ---------------------------------------------------------------- data types

export function ii(el: DomElement | undefined): InstanceId | undefined {
  const root = attr(el, 'root');
  if (!el || root === undefined || root === '') return undefined;
  return defined({ root, extension: attr(el, 'extension') });
}

/** CD/CE → Coding (code, codeSystem, displayName as written); no code → undefined. */
export function coding(el: DomElement | undefined): Coding | undefined {
  const code = attr(el, 'code');
  if (code === undefined || code === '') return undefined;
  const codeSystem = attr(el, 'codeSystem');
  const displayName = attr(el, 'displayName');
  return defined({ code, codeSystem: codeSystem || undefined, displayName: displayName || undefined });
}

/** TS `@value` → the model's ISO string (date or instant); nullFlavor / absent → undefined. */
export function ts(r: Reader, el: DomElement | undefined): string | undefined {
  const value = attr(el, 'value');
  if (value === undefined || value === '') return undefined;
  const iso = fromTs(value);
  if (iso === undefined) r.warn('unsupported-value', `Date "${value}" is not an HL7 TS the model can carry`, el);
  return iso;
}

/** A TS that the model types as a partial date (YYYY[-MM[-DD]]). */
export function partialDate(r: Reader, el: DomElement | undefined): string | undefined {
  const iso = ts(r, el);
  if (iso === undefined || PARTIAL_DATE.test(iso)) return iso;
  r.warn('unsupported-value', `Time of day and offset of "${attr(el, 'value')}" dropped: the model holds a date here`, el);
  return iso.slice(0, 10);
}

/** A TS that the model types as an instant (date, time and offset). */
export function instant(r: Reader, el: DomElement | undefined): string | undefined {
  const iso = ts(r, el);
  if (iso === undefined || INSTANT.test(iso)) return iso;
  r.warn('unsupported-value', `Date "${attr(el, 'value')}" has no time with offset: the model needs an instant here (dropped)`, el);
  return undefined;
}

/** IVL_TS → Period; nullFlavor or no bound → undefined. A plain `@value` is read as the start. */
export function period(r: Reader, el: DomElement | undefined): Period | undefined {
  if (!el || hasNullFlavor(el)) return undefined;
  const start = ts(r, child(el, 'low')) ?? ts(r, el);
  const end = ts(r, child(el, 'high'));
  if (start === undefined && end === undefined) return undefined;
  return defined({ start, end });
}

/** An IVL_TS whose bounds the model types as partial dates. */
export function datePeriod(r: Reader, el: DomElement | undefined): { start?: string; end?: string } | undefined {
  if (!el || hasNullFlavor(el)) return undefined;
  const start = partialDate(r, child(el, 'low')) ?? partialDate(r, el);
  const end = partialDate(r, child(el, 'high'));
  if (start === undefined && end === undefined) return undefined;
  return defined({ start, end });
}

export function bool(r: Reader, el: DomElement | undefined): boolean | undefined {
  const v = attr(el, 'value');
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (v !== undefined) r.warn('unsupported-value', `Boolean value "${v}" is neither true nor false`, el);
  return undefined;
}

const ADDRESS_PARTS: Record<string, keyof Address> = {
  houseNumber: 'houseNumber',
  streetNameType: 'streetNameType',
  streetName: 'streetName',
  additionalLocator: 'additionalLocator',
  unitID: 'unitId',
  postBox: 'postBox',
  postalCode: 'postalCode',
  city: 'city',
  county: 'county',
  state: 'state',
  country: 'country',
};
const ADDRESS_USES = literals(AddressSchema.properties.use);

export function address(r: Reader, el: DomElement | undefined): Address | undefined {
  if (!el || hasNullFlavor(el)) return undefined;
  const out: Record<string, unknown> = {};
  const use = attr(el, 'use');
  if (use !== undefined) {
    if (ADDRESS_USES.has(use)) out.use = use;
    else r.warn('unsupported-value', `Address use "${use}" is not one the model carries (${[...ADDRESS_USES].join(', ')})`, el);
  }
  const lines: string[] = [];
  for (const part of children(el)) {
    const value = text(part);
    if (value === undefined) continue;
    if (part.localName === 'streetAddressLine') {
      lines.push(value);
      continue;
    }
    const key = ADDRESS_PARTS[part.localName];
    if (key === undefined) r.warn('unsupported-value', `Address part <${part.localName}> is not in the model (dropped)`, part);
    else if (key in out) r.warn('duplicate', `Address part <${part.localName}> repeated: the first is kept`, part);
    else out[key] = value;
  }
  if (lines.length > 0) {
    if (Object.keys(out).some((k) => k !== 'use')) r.warn('unsupported-value', 'Address mixes structured parts and streetAddressLine: the lines are dropped', el);
    else out.lines = lines;
  }
  return Object.keys(out).length > 0 ? (out as Address) : undefined;
}

const TELECOM_SCHEMES = literals(TelecomSchema.properties.scheme);
const TELECOM_USES = literals(TelecomSchema.properties.use);

export function telecom(r: Reader, el: DomElement): Telecom | undefined {
  const raw = attr(el, 'value');
  if (raw === undefined) return undefined;
  const colon = raw.indexOf(':');
  const scheme = colon === -1 ? '' : raw.slice(0, colon);
  const value = raw.slice(colon + 1);
  if (!TELECOM_SCHEMES.has(scheme) || value === '') {
    r.warn('unsupported-value', `Telecom "${raw}" has no scheme the model carries (${[...TELECOM_SCHEMES].join(', ')})`, el);
    return undefined;
  }
  const use = attr(el, 'use');
  if (use !== undefined && !TELECOM_USES.has(use)) r.warn('unsupported-value', `Telecom use "${use}" is not one the model carries`, el);
  return defined({ scheme, value, use: use !== undefined && TELECOM_USES.has(use) ? use : undefined }) as Telecom;
}

export function telecoms(r: Reader, parent: DomElement | undefined): Telecom[] | undefined {
  const out: Telecom[] = [];
  for (const t of children(parent, 'telecom')) {
    const v = telecom(r, t);
    if (v) out.push(v);
  }
  return list(out);
}

const PREFIXES = literals(PersonNameSchema.properties.prefix);
const SUFFIXES = literals(PersonNameSchema.properties.suffix);

/** Name of a professional or related person (one family, one given). */
export function personName(r: Reader, el: DomElement | undefined): PersonName | undefined {
  if (!el || hasNullFlavor(el)) return undefined;
  const one = (name: string): string | undefined => {
    const all = children(el, name);
    if (all.length > 1) r.warn('duplicate', `Several <${name}> in a name: the first is kept`, all[1]);
    return text(all[0]);
  };
  const family = one('family');
  if (family === undefined) return undefined;
  const prefix = one('prefix');
  const suffix = one('suffix');
  if (prefix !== undefined && !PREFIXES.has(prefix)) r.warn('unsupported-value', `Name prefix "${prefix}" is not M or MME (dropped)`, el);
  if (suffix !== undefined && !SUFFIXES.has(suffix)) r.warn('unsupported-value', `Name suffix "${suffix}" is not in J246 (dropped)`, el);
  return defined({
    family,
    given: one('given'),
    prefix: prefix !== undefined && PREFIXES.has(prefix) ? (prefix as PersonName['prefix']) : undefined,
    suffix: suffix !== undefined && SUFFIXES.has(suffix) ? (suffix as PersonName['suffix']) : undefined,
  });
}

/** National id of a structure (root 1.2.250.1.71.4.2.2); another root cannot be carried. */
function idNatStruct(r: Reader, el: DomElement | undefined): string | undefined {
  if (!el || hasNullFlavor(el)) return undefined;
  const root = attr(el, 'root');
  const extension = attr(el, 'extension');
  if (root === OID.idNatStruct && extension) return extension;
  r.warn('unsupported-value', `Organisation id ${root ?? ''}${extension ? `/${extension}` : ''} is not an IdNat_Struct (root ${OID.idNatStruct}): dropped`, el);
  return undefined;
}

/** representedOrganization / scopingOrganization / serviceProviderOrganization (may be empty). */
export function organization(r: Reader, el: DomElement | undefined): Organization | undefined {
  if (!el || hasNullFlavor(el)) return undefined;
  const ids = children(el, 'id');
  if (ids.length > 1) r.warn('unsupported-value', 'Organisation with several ids: only the first is read', ids[1]);
  return defined({
    idNatStruct: idNatStruct(r, ids[0]),
    name: text(child(el, 'name')),
    telecoms: telecoms(r, el),
    address: address(r, child(el, 'addr')),
    practiceSetting: coding(child(el, 'standardIndustryClassCode')),
  });
}

const nonEmpty = <T extends object>(o: T | undefined): T | undefined => (o && Object.keys(o).length > 0 ? o : undefined);

/** IdNat_PS of an assigned/associated entity; nullFlavor or another root → undefined. */
function idNatPs(r: Reader, entity: DomElement): string | undefined {
  const ids = children(entity, 'id');
  for (const id of ids) {
    if (hasNullFlavor(id)) continue;
    const root = attr(id, 'root');
    const extension = attr(id, 'extension');
    if (root === OID.idNatPs && extension) return extension;
    r.warn('unsupported-value', `Professional id ${root ?? ''}${extension ? `/${extension}` : ''} is not an IdNat_PS (root ${OID.idNatPs}): dropped`, id);
  }
  return undefined;
}

/**
 * assignedEntity / assignedAuthor / associatedEntity / participantRole → Actor.
 * `personElement`: assignedPerson, associatedPerson or playingEntity; `organizationElement`:
 * representedOrganization or scopingOrganization.
 */
export function actor(r: Reader, entity: DomElement, personElement: string, organizationElement: string): Actor {
  return defined({
    idNatPs: idNatPs(r, entity),
    profession: coding(child(entity, 'code')),
    address: address(r, child(entity, 'addr')),
    telecoms: telecoms(r, entity),
    name: personName(r, child(child(entity, personElement), 'name')),
    organization: nonEmpty(organization(r, child(entity, organizationElement))),
  });
}

/** An identified professional: id (IdNat_PS) and name are required by the model. */
export function professional(
  r: Reader,
  entity: DomElement | undefined,
  what: string,
  personElement = 'assignedPerson',
  organizationElement = 'representedOrganization',
  /** Where to report a missing entity. */
  parent?: DomElement,
): HealthProfessional {
  if (!entity) return r.fail('missing', `${what}: the professional is missing`, parent);
  const a = actor(r, entity, personElement, organizationElement);
  if (a.idNatPs === undefined) r.fail('missing', `${what}: id with root ${OID.idNatPs} (IdNat_PS) is required`, entity);
  if (a.name === undefined) r.fail('missing', `${what}: ${personElement}/name/family is required`, entity);
  return a as HealthProfessional;
}

/** Like professional(), for optional places: undefined (with a warning) when not identifiable. */
export function optionalProfessional(r: Reader, entity: DomElement | undefined, what: string, personElement = 'assignedPerson', organizationElement = 'representedOrganization'): HealthProfessional | undefined {
  if (!entity || hasNullFlavor(entity)) return undefined;
  const a = actor(r, entity, personElement, organizationElement);
  if (a.idNatPs === undefined || a.name === undefined) {
    r.warn('unsupported-value', `${what}: a professional needs an IdNat_PS and a name in the model (dropped)`, entity);
    return undefined;
  }
  return a as HealthProfessional;
}

// ---------------------------------------------------------------- header

const CONFIDENTIALITY = literals(DocumentHeaderSchema.properties.confidentiality);

function documentHeader(r: Reader, cd: DomElement): DocumentHeader {
  const idEl = child(cd, 'id');
  const id = ii(idEl);
  if (!id) r.fail('missing', 'ClinicalDocument/id with a root is required', idEl ?? cd);
  const versionEl = child(cd, 'versionNumber');
  const version = attr(versionEl, 'value');
  let versionNumber: number | undefined;
  if (version !== undefined) {
    if (/^[1-9][0-9]*$/.test(version)) versionNumber = Number(version);
    else r.warn('unsupported-value', `versionNumber "${version}" is not a positive integer`, versionEl);
  }
  const confidentialityEl = child(cd, 'confidentialityCode');
  const confidentiality = attr(confidentialityEl, 'code');
  if (confidentiality !== undefined && !CONFIDENTIALITY.has(confidentiality))
    r.warn('unsupported-value', `Confidentiality "${confidentiality}" is not N, R or V (dropped)`, confidentialityEl);
  const rplc = children(cd, 'relatedDocument').find((d) => attr(d, 'typeCode') === 'RPLC');
  return defined({
    id,
    setId: ii(child(cd, 'setId')),
    versionNumber,
    replaces: ii(path(rplc, 'parentDocument', 'id')),
    effectiveTime: instant(r, child(cd, 'effectiveTime')),
    title: text(child(cd, 'title')),
    confidentiality: confidentiality !== undefined && CONFIDENTIALITY.has(confidentiality) ? (confidentiality as DocumentHeader['confidentiality']) : undefined,
  });
}

const GENDERS = literals(PatientIdentitySchema.properties.gender);
/** PatientIdentity.birthPlace.cogCode (INSEE COG; Corsica 2A/2B). */
const COG = new RegExp(PatientIdentitySchema.properties.birthPlace.properties.cogCode.pattern!);
const FAMILY_QUALIFIERS = literals(GuardianSchema.properties.person.properties.familyQualifier);

function guardian(r: Reader, g: DomElement): Guardian | undefined {
  const personEl = child(g, 'guardianPerson');
  const orgEl = child(g, 'guardianOrganization');
  let person: Guardian['person'];
  let organization: Guardian['organization'];
  if (personEl) {
    const name = child(personEl, 'name');
    const familyEl = child(name, 'family');
    const family = text(familyEl);
    if (family === undefined) r.warn('unsupported-value', 'Guardian without a family name (dropped)', personEl);
    else {
      const qualifier = attr(familyEl, 'qualifier');
      const prefix = text(child(name, 'prefix'));
      person = defined({
        family,
        familyQualifier: qualifier !== undefined && FAMILY_QUALIFIERS.has(qualifier) ? (qualifier as 'BR') : undefined,
        given: text(child(name, 'given')),
        prefix: prefix !== undefined && PREFIXES.has(prefix) ? (prefix as 'M') : undefined,
      });
    }
  } else if (orgEl) {
    const idEl = child(orgEl, 'id');
    const id = idNatStruct(r, idEl);
    if (id === undefined) r.warn('unsupported-value', 'Guardian organisation without an IdNat_Struct (dropped)', orgEl);
    else organization = defined({ idNatStruct: id, name: text(child(orgEl, 'name')) });
  }
  if (!person && !organization) return undefined;
  return defined({ relationship: coding(child(g, 'code')), person, organization, address: address(r, child(g, 'addr')), telecoms: telecoms(r, g) });
}

function patient(r: Reader, cd: DomElement): PatientIdentity {
  const role = path(cd, 'recordTarget', 'patientRole');
  if (!role) return r.fail('missing', 'recordTarget/patientRole is required', child(cd, 'recordTarget') ?? cd);
  const p = child(role, 'patient');
  if (!p) return r.fail('missing', 'patientRole/patient is required', role);
  let ins: PatientIdentity['ins'];
  const localIds: InstanceId[] = [];
  for (const idEl of children(role, 'id')) {
    const id = ii(idEl);
    if (!id) continue;
    const described = describeInsOid(id.root);
    if (described && id.extension !== undefined && !ins && /^[0-9A-Z]{15}$/.test(id.extension))
      ins = { kind: described.kind, value: id.extension, environment: described.environment };
    else localIds.push(id);
  }
  const name = child(p, 'name');
  if (!name) return r.fail('missing', 'patient/name is required', p);
  const qualified = (el: DomElement, q: string | undefined) => attr(el, 'qualifier') === q;
  const families = children(name, 'family');
  const givens = children(name, 'given');
  const familyBr = families.find((f) => qualified(f, 'BR')) ?? families.find((f) => qualified(f, undefined));
  const givenList = givens.find((g) => qualified(g, undefined));
  const givenBr = givens.find((g) => qualified(g, 'BR'));
  const birthFamilyName = text(familyBr);
  if (birthFamilyName === undefined) r.fail('missing', 'patient/name/family[@qualifier="BR"] (birth name) is required', name);
  const birthGivenNames = text(givenList) ?? text(givenBr);
  if (birthGivenNames === undefined) r.fail('missing', 'patient/name/given (birth given names) is required', name);
  const genderEl = child(p, 'administrativeGenderCode');
  const gender = attr(genderEl, 'code');
  if (gender === undefined || !GENDERS.has(gender)) r.fail('missing', 'patient/administrativeGenderCode/@code (F, M or UN) is required', genderEl ?? p);
  const birthTimeEl = child(p, 'birthTime');
  const birthDate = partialDate(r, birthTimeEl);
  if (birthDate === undefined) r.fail('missing', 'patient/birthTime/@value is required', birthTimeEl ?? p);
  const deceasedInd = child(p, 'deceasedInd');
  const deceasedFlag = bool(r, deceasedInd);
  const placeAddr = path(p, 'birthplace', 'place', 'addr');
  const cog = text(child(placeAddr, 'county'));
  if (cog !== undefined && !COG.test(cog)) r.warn('unsupported-value', `Birth place "${cog}" is not an INSEE COG code (dropped)`, placeAddr);
  const guardians: Guardian[] = [];
  for (const g of children(p, 'guardian')) {
    const v = guardian(r, g);
    if (v) guardians.push(v);
  }
  const addresses: Address[] = [];
  for (const a of children(role, 'addr')) {
    const v = address(r, a);
    if (v) addresses.push(v);
  }
  return defined({
    ins,
    localIds: list(localIds),
    birthFamilyName,
    birthGivenNames,
    firstBirthGivenName: givenList ? text(givenBr) : undefined,
    usedFamilyName: text(families.find((f) => qualified(f, 'CL'))),
    usedGivenName: text(givens.find((g) => qualified(g, 'CL'))),
    gender: gender as PatientIdentity['gender'],
    birthDate,
    birthPlace: cog !== undefined && COG.test(cog) ? defined({ cogCode: cog, city: text(child(placeAddr, 'city')) }) : undefined,
    addresses: list(addresses),
    telecoms: telecoms(r, role),
    deceased: deceasedFlag === undefined ? undefined : defined({ deceased: deceasedFlag, date: partialDate(r, child(p, 'deceasedTime')) }),
    guardians: list(guardians),
  });
}

function relatedPerson(r: Reader, entity: DomElement): RelatedPerson | undefined {
  const name = personName(r, path(entity, 'relatedPerson', 'name'));
  if (!name) {
    r.warn('unsupported-value', 'Informant without a name (dropped)', entity);
    return undefined;
  }
  return defined({ relationship: coding(child(entity, 'code')), name, address: address(r, child(entity, 'addr')), telecoms: telecoms(r, entity) });
}

function author(r: Reader, cd: DomElement): DocumentAuthor {
  const authors = children(cd, 'author');
  const a = authors[0];
  if (!a) return r.fail('missing', 'ClinicalDocument/author is required', cd);
  if (authors.length > 1) r.warn('unsupported-value', 'Several document authors: the model keeps the first', authors[1]);
  const fn = child(a, 'functionCode');
  return defined({
    professional: professional(r, child(a, 'assignedAuthor'), 'author/assignedAuthor', undefined, undefined, a),
    time: instant(r, child(a, 'time')),
    functionCode: coding(fn),
    functionComment: text(child(fn, 'originalText')),
  });
}

function custodian(r: Reader, cd: DomElement): Custodian {
  const org = path(cd, 'custodian', 'assignedCustodian', 'representedCustodianOrganization');
  if (!org) return r.fail('missing', 'custodian/assignedCustodian/representedCustodianOrganization is required', child(cd, 'custodian') ?? cd);
  const idEl = child(org, 'id');
  if (attr(idEl, 'root') !== OID.idNatStruct || !attr(idEl, 'extension'))
    r.fail('invalid-value', `custodian: the model needs an id with root ${OID.idNatStruct} (IdNat_Struct) and an extension`, idEl ?? org);
  return defined({ idNatStruct: attr(idEl, 'extension')!, name: text(child(org, 'name')), telecoms: telecoms(r, org), address: address(r, child(org, 'addr')) });
}

function legalAuthenticator(r: Reader, cd: DomElement): Signer | undefined {
  const la = child(cd, 'legalAuthenticator');
  if (!la) return undefined;
  return defined({ professional: professional(r, child(la, 'assignedEntity'), 'legalAuthenticator/assignedEntity', undefined, undefined, la), time: instant(r, child(la, 'time')) });
}

/** componentOf/encompassingEncounter as the generic header writes it. */
export function encounter(r: Reader, cd: DomElement): { encounter: Encounter; element: DomElement } {
  const enc = path(cd, 'componentOf', 'encompassingEncounter');
  if (!enc) return r.fail('missing', 'componentOf/encompassingEncounter is required', child(cd, 'componentOf') ?? cd);
  const facilityEl = path(enc, 'location', 'healthCareFacility');
  const facilityType = coding(child(facilityEl, 'code'));
  if (!facilityType) r.fail('missing', 'encompassingEncounter/location/healthCareFacility/code is required', facilityEl ?? enc);
  const location = child(facilityEl, 'location');
  const facility = nonEmpty(
    defined({ idNatStruct: idNatStruct(r, child(facilityEl, 'id')), name: text(child(location, 'name')), address: address(r, child(location, 'addr')) }),
  );
  const time = child(enc, 'effectiveTime');
  const ids: InstanceId[] = [];
  for (const idEl of children(enc, 'id')) {
    const id = ii(idEl);
    if (id) ids.push(id);
  }
  // The builder writes nullFlavor="MSK" for an absent period and "UNK" for a period without bounds.
  const masked = !time || attr(time, 'nullFlavor') === 'MSK';
  return {
    element: enc,
    encounter: defined({
      facilityType,
      facility,
      period: masked ? undefined : (period(r, time) ?? {}),
      type: coding(child(enc, 'code')),
      ids: list(ids),
    }),
  };
}

export interface HeaderFields {
  document: DocumentHeader;
  author: DocumentAuthor;
  legalAuthenticator?: Signer;
  custodian: Custodian;
  patient: PatientIdentity;
  trustedPerson?: RelatedPerson;
  emergencyContacts?: RelatedPerson[];
}

/** The header fields common to both volets (encounter and participants are volet-specific). */
export function header(r: Reader, cd: DomElement): HeaderFields {
  let trustedPerson: RelatedPerson | undefined;
  const emergencyContacts: RelatedPerson[] = [];
  for (const informant of children(cd, 'informant')) {
    const entity = child(informant, 'relatedEntity');
    const classCode = attr(entity, 'classCode');
    if (!entity || (classCode !== 'NOK' && classCode !== 'ECON')) {
      r.warn('unsupported-value', `Informant ${classCode ?? 'assignedEntity'} is not a trusted person (NOK) or emergency contact (ECON): dropped`, informant);
      continue;
    }
    const person = relatedPerson(r, entity);
    if (!person) continue;
    if (classCode === 'ECON') emergencyContacts.push(person);
    else if (trustedPerson) r.warn('duplicate', 'Several trusted persons (NOK): the first is kept', informant);
    else trustedPerson = person;
  }
  return defined({
    document: documentHeader(r, cd),
    author: author(r, cd),
    legalAuthenticator: legalAuthenticator(r, cd),
    custodian: custodian(r, cd),
    patient: patient(r, cd),
    trustedPerson,
    emergencyContacts: list(emergencyContacts),
  });
}

// ---------------------------------------------------------------- header participants

export interface HeaderParticipant {
  element: DomElement;
  typeCode: string | undefined;
  functionCode: string | undefined;
  /** TA_ASIP role code of functionCode/translation (PPS boxes). */
  role: string | undefined;
  comment: string | undefined;
  period: Period | undefined;
  /** associatedEntity, undefined when it has nullFlavor. */
  entity: DomElement | undefined;
}

export function headerParticipants(r: Reader, cd: DomElement): HeaderParticipant[] {
  return children(cd, 'participant').map((p) => {
    const fn = child(p, 'functionCode');
    const entity = child(p, 'associatedEntity');
    return {
      element: p,
      typeCode: attr(p, 'typeCode'),
      functionCode: attr(fn, 'code'),
      role: attr(child(fn, 'translation'), 'code'),
      comment: text(child(fn, 'originalText')),
      period: period(r, child(p, 'time')),
      entity: entity && !hasNullFlavor(entity) ? entity : undefined,
    };
  });
}
