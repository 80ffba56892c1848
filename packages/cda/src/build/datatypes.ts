// HL7 data types as both volets write them (II, CD, TS, IVL_TS, AD, TEL, PN) and the actors built
// on them (organisation, assigned entity, author). Element order follows the CDA schema
// (CDA_extended.xsd).
import type { XmlSink } from '../xml/writer.js';
import { empty, textElement } from '../xml/writer.js';
import { toTs } from '../datatypes.js';
import type { Actor, Address, Coding, InstanceId, Organization, PersonName, Period, Telecom } from '../model/common.js';
import { OID } from './state.js';

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

/** A `translation` into the ANS's TA_ASIP terminology: `[code, displayName]`. */
export function taAsipTranslation(w: XmlSink, [code, displayName]: readonly [string, string]): void {
  w.start('translation');
  w.attr('code', code);
  w.attr('codeSystem', OID.taAsip);
  w.attr('codeSystemName', 'TA_ASIP');
  w.attr('displayName', displayName);
  w.end();
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
