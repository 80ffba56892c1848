// recordTarget (specs §2.2): the patient, INS and strict traits, guardians, and the trusted
// person / emergency contacts written as informants.
import type { XmlSink } from '../xml/writer.js';
import { empty, textElement } from '../xml/writer.js';
import { insOid } from '../identity/index.js';
import type { HeaderInput } from '../check/header.js';
import { addr, cd, ii, personName, telecoms, ts } from './datatypes.js';
import { OID } from './state.js';

const GENDER: Record<string, string> = { F: 'Féminin', M: 'Masculin', UN: 'Inconnu' };

export function relatedInformant(w: XmlSink, classCode: string, p: NonNullable<HeaderInput['trustedPerson']>): void {
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

export function recordTarget(w: XmlSink, input: HeaderInput): void {
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
    // CDA R2 Guardian: id*, code?, addr*, telecom*, then the person or organisation.
    if (g.relationship) cd(w, 'code', g.relationship);
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
