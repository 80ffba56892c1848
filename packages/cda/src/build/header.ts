// The CDA header both volets share (specs §2): document identity, recordTarget, author,
// informants, custodian, legal authenticator, the volet's participants, documentationOf and the
// encompassingEncounter. What differs by volet comes in through HeaderParts.
import type { XmlSink } from '../xml/writer.js';
import { empty, textElement } from '../xml/writer.js';
import type { HeaderInput } from '../check/header.js';
import type { Actor, Coding, Period } from '../model/common.js';
import { addr, assignedEntity, author, cd, ii, ivl, organization, personName, taAsipTranslation, telecoms, ts } from './datatypes.js';
import { recordTarget, relatedInformant } from './record-target.js';
import { BuildState, OID, XSI } from './state.js';

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
  if (p.roleCode) taAsipTranslation(w, p.roleCode);
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
