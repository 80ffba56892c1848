// TD0.2: does the patient have an active DMP, and may this professional feed it?
// HL7v3 PRPA_IN201307UV02 → PRPA_IN201308UV02 (dmp-mes.md §2.5, §5.4). The exact element names
// of the answer's authorisation and MES flags are not public ([?] §7.6): the reader below looks
// for the documented codes wherever the answer puts them (see the README).
import { randomUUID } from 'node:crypto';
import { NS } from '../soap/namespaces.js';
import { escapeXml, descendants, firstDescendant } from '../soap/xml.js';
import { DmpError } from '../soap/dmp-error.js';

export interface DmpPatientStatus {
  dmp: 'active' | 'closed' | 'none';
  closureReason?: string;
  authorisation: 'VALIDE' | 'EXPIRE' | 'INTERDIT' | 'NON_EXISTE';
  medecinTraitant: boolean;
  mesAttached: boolean;
  /** An active DMP and a professional the patient has not blocked (§2.5: no authorisation needed to feed). */
  canFeed: boolean;
}

/** The DMP's device id, receiver of the HL7v3 patient queries [S]. */
export const DMP_DEVICE_OID = '1.2.250.1.213.4.1.1.1';

function hl7Timestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export function patientStatusRequestXml(input: { ins: { matricule: string; oid: string }; senderId: string; now: Date; id?: string }): string {
  const id = input.id ?? randomUUID();
  return (
    `<PRPA_IN201307UV02 xmlns="${NS.hl7}" ITSVersion="XML_1.0">` +
    `<id root="${escapeXml(id)}"/>` +
    `<creationTime value="${hl7Timestamp(input.now)}"/>` +
    `<interactionId root="2.16.840.1.113883.1.6" extension="PRPA_IN201307UV02"/>` +
    `<processingCode code="P"/><processingModeCode code="T"/><acceptAckCode code="AL"/>` +
    `<receiver typeCode="RCV"><device classCode="DEV" determinerCode="INSTANCE"><id root="${DMP_DEVICE_OID}"/></device></receiver>` +
    `<sender typeCode="SND"><device classCode="DEV" determinerCode="INSTANCE"><id root="${escapeXml(input.senderId)}"/></device></sender>` +
    `<controlActProcess classCode="CACT" moodCode="EVN">` +
    `<code code="PRPA_TE201307UV02" codeSystem="2.16.840.1.113883.1.6"/>` +
    `<reasonCode code="TEST_EXST" codeSystem="1.2.250.1.213.1.1.4.11"/>` +
    `<queryByParameter><queryId root="${escapeXml(id)}"/><statusCode code="new"/><responsePriorityCode code="I"/>` +
    `<parameterList><patientIdentifier><value root="${escapeXml(input.ins.oid)}" extension="${escapeXml(input.ins.matricule)}"/><semanticsText>Patient.id</semanticsText></patientIdentifier></parameterList>` +
    `</queryByParameter></controlActProcess>` +
    `</PRPA_IN201307UV02>`
  );
}

const AUTHORISATIONS: Record<string, DmpPatientStatus['authorisation']> = { VALIDE: 'VALIDE', EXPIRE: 'EXPIRE', EXPIREE: 'EXPIRE', INTERDIT: 'INTERDIT', NON_EXISTE: 'NON_EXISTE' };

function truthy(el: Element | undefined): boolean {
  if (!el) return false;
  const v = el.getAttribute('value') ?? el.getAttribute('code') ?? el.textContent ?? '';
  return /^(true|1|O|oui|Y)$/i.test(v.trim());
}

/** Observations `code` → `value` anywhere in the answer (subjectOf/observation, etc.). */
function observations(doc: Element): Map<string, Element | undefined> {
  const out = new Map<string, Element | undefined>();
  for (const code of descendants(doc, NS.hl7, 'code')) {
    const c = code.getAttribute('code');
    if (!c) continue;
    const parent = code.parentNode as Element | null;
    const value = parent ? descendants(parent, NS.hl7, 'value')[0] : undefined;
    out.set(c.toUpperCase(), value);
  }
  return out;
}

export function parsePatientStatus(answer: Element): DmpPatientStatus {
  if (answer.localName !== 'PRPA_IN201308UV02') throw new DmpError({ code: 'invalid-response', detail: `expected PRPA_IN201308UV02, got ${answer.localName}` });
  const ack = firstDescendant(answer, NS.hl7, 'acknowledgement');
  const ackType = ack ? (descendants(ack, NS.hl7, 'typeCode')[0]?.getAttribute('code') ?? '') : 'AA';
  const details = ack ? descendants(ack, NS.hl7, 'acknowledgementDetail').map((d) => firstDescendant(d, NS.hl7, 'code')?.getAttribute('code') ?? '') : [];
  const queryResponse = firstDescendant(answer, NS.hl7, 'queryResponseCode')?.getAttribute('code') ?? '';
  const closedByAck = details.includes('DMPClosed');
  if ((ackType === 'AE' || ackType === 'AR') && !closedByAck) {
    const code = details.find((d) => d) ?? `hl7v3-${ackType}`;
    throw new DmpError({ code, detail: `TD0.2 acknowledgement ${ackType}` });
  }
  const registration = firstDescendant(answer, NS.hl7, 'registrationEvent');
  const statuses = [registration ? descendants(registration, NS.hl7, 'statusCode')[0]?.getAttribute('code') : undefined, firstDescendant(answer, NS.hl7, 'patient') ? descendants(firstDescendant(answer, NS.hl7, 'patient') as Element, NS.hl7, 'statusCode')[0]?.getAttribute('code') : undefined];
  const dmp: DmpPatientStatus['dmp'] = queryResponse === 'NF' && !closedByAck ? 'none' : closedByAck || statuses.some((s) => s === 'terminated' || s === 'closed' || s === 'nullified') ? 'closed' : 'active';
  const allCodes = descendants(answer, NS.hl7, '*').flatMap((e) => [e.getAttribute('code') ?? '', e.getAttribute('value') ?? '']);
  const closureReason = allCodes.find((c) => /^FERMETURE_/.test(c));
  const obs = observations(answer);
  const authorisationCode = allCodes.map((c) => c.toUpperCase()).find((c) => c in AUTHORISATIONS);
  const authorisation = authorisationCode ? (AUTHORISATIONS[authorisationCode] as DmpPatientStatus['authorisation']) : 'NON_EXISTE';
  const flag = (...names: string[]): boolean => names.some((n) => obs.has(n) && truthy(obs.get(n)));
  const medecinTraitant = flag('MEDECIN_TRAITANT_DMP', 'MEDECIN_TRAITANT', 'DMP-MEDECIN-TRAITANT');
  const mesAttached = flag('RATTACHEMENT_MES', 'MES_RATTACHE', 'DMP-RATTACHEMENT-MES', 'MES');
  return { dmp, ...(dmp === 'closed' && closureReason ? { closureReason } : {}), authorisation, medecinTraitant, mesAttached, canFeed: dmp === 'active' && authorisation !== 'INTERDIT' };
}
