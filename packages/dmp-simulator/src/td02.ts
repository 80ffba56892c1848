// TD0.2: DMP existence and the calling professional's authorisation (HL7v3 PRPA_IN201307UV02 →
// PRPA_IN201308UV02, §2.5, §5.4). Element names of the authorisation and MES flags are not public
// ([?] §7.6): they are answered as subjectOf/observation code → value (see the README).
import { randomUUID } from 'node:crypto';
import { NS, element, esc, text } from './xml.js';
import { checkIns, parseInsCx, type Profile } from './patient-check.js';
import { Refused, problem } from './refusals.js';
import type { DmpState } from './state.js';
import type { Vihf } from './vihf.js';

const DMP_DEVICE = '1.2.250.1.213.4.1.1.1';
const FLAGS_SYSTEM = '1.2.250.1.213.1.1.4.12';

function ts(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export function patientStatus(body: Element, ctx: { state: DmpState; vihf: Vihf; profile: Profile; now: Date }): string {
  if (body.localName !== 'PRPA_IN201307UV02' || body.namespaceURI !== NS.hl7) throw new Refused([problem('SIM_SOAP_INVALID', 'env:Body', 'expected hl7:PRPA_IN201307UV02')]);
  const value = element('hl7:controlActProcess/hl7:queryByParameter/hl7:parameterList/hl7:patientIdentifier/hl7:value', body);
  const root = value?.getAttribute('root') ?? '';
  const extension = value?.getAttribute('extension') ?? '';
  const messageId = text('hl7:id/@root', body) ?? '';
  const queryId = text('hl7:controlActProcess/hl7:queryByParameter/hl7:queryId/@root', body) ?? messageId;
  const head =
    `<PRPA_IN201308UV02 xmlns="${NS.hl7}" xmlns:xsi="${NS.xsi}" ITSVersion="XML_1.0">` +
    `<id root="${randomUUID()}"/><creationTime value="${ts(ctx.now)}"/>` +
    `<interactionId root="2.16.840.1.113883.1.6" extension="PRPA_IN201308UV02"/>` +
    `<processingCode code="P"/><processingModeCode code="T"/><acceptAckCode code="NE"/>` +
    `<receiver typeCode="RCV"><device classCode="DEV" determinerCode="INSTANCE"><id root="${esc(text('hl7:sender/hl7:device/hl7:id/@root', body) ?? 'unknown')}"/></device></receiver>` +
    `<sender typeCode="SND"><device classCode="DEV" determinerCode="INSTANCE"><id root="${DMP_DEVICE}"/></device></sender>`;
  const ack = (type: string, detail?: { code: string; text: string; kind: 'E' | 'W' | 'I' }): string =>
    `<acknowledgement><typeCode code="${type}"/><targetMessage><id root="${esc(messageId)}"/></targetMessage>` +
    (detail ? `<acknowledgementDetail typeCode="${detail.kind}"><code code="${esc(detail.code)}" codeSystem="1.2.250.1.213.1.1.4.11"/><text>${esc(detail.text)}</text></acknowledgementDetail>` : '') +
    `</acknowledgement>`;
  const control = (responseCode: string, subject: string): string =>
    `<controlActProcess classCode="CACT" moodCode="EVN"><code code="PRPA_TE201308UV02" codeSystem="2.16.840.1.113883.1.6"/>${subject}` +
    `<queryAck><queryId root="${esc(queryId)}"/><queryResponseCode code="${responseCode}"/></queryAck></controlActProcess></PRPA_IN201308UV02>`;

  const cx = root && extension ? `${extension}^^^&${root}&ISO^NH` : '';
  try {
    checkIns(parseInsCx(cx), ctx.profile, 'patientIdentifier/value');
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    const p = error.problems[0]!;
    return head + ack('AE', { code: p.code, text: p.detail ?? 'INS invalide', kind: 'E' }) + control('AE', '');
  }
  if (ctx.vihf.resourceId && ctx.vihf.resourceId.replace(/(\^NH)\^.*$/, '$1') !== cx) {
    return head + ack('AE', { code: 'SIM_RESOURCE_ID_MISMATCH', text: 'resource-id du VIHF différent du patient demandé', kind: 'E' }) + control('AE', '');
  }
  const patient = ctx.state.patient(extension, root);
  if (!patient || patient.dmpStatus === 'NONE') return head + ack('AA') + control('NF', '');

  const ps = ctx.vihf.nameId;
  const authorisation = patient.blockedPs.includes(ps) ? 'INTERDIT' : patient.expiredPs.includes(ps) ? 'EXPIRE' : patient.authorisedPs.includes(ps) ? 'VALIDE' : 'NON_EXISTE';
  const closed = patient.dmpStatus === 'CLOSED';
  const status = closed ? 'terminated' : 'active';
  const observation = (code: string, valueXml: string): string =>
    `<subjectOf typeCode="SBJ"><observation classCode="OBS" moodCode="EVN"><code code="${code}" codeSystem="${FLAGS_SYSTEM}"/>${valueXml}</observation></subjectOf>`;
  const bool = (b: boolean): string => `<value xsi:type="BL" value="${b}"/>`;
  const subject =
    `<subject typeCode="SUBJ"><registrationEvent classCode="REG" moodCode="EVN"><statusCode code="${status}"/>` +
    (closed && patient.closureReason ? `<reasonCode code="${esc(patient.closureReason)}" codeSystem="1.2.250.1.213.1.1.4.12"/>` : '') +
    `<subject1 typeCode="SBJ"><patient classCode="PAT"><id root="${esc(root)}" extension="${esc(extension)}"/><statusCode code="${status}"/>` +
    observation('AUTORISATION', `<value xsi:type="CS" code="${authorisation}"/>`) +
    observation('MEDECIN_TRAITANT_DMP', bool(patient.medecinTraitant === ps)) +
    observation('RATTACHEMENT_MES', bool(patient.mesAttached)) +
    `</patient></subject1><custodian typeCode="CST"><assignedEntity classCode="ASSIGNED"><id root="${DMP_DEVICE}"/></assignedEntity></custodian>` +
    `</registrationEvent></subject>`;
  return head + ack('AA', closed ? { code: 'DMPClosed', text: 'DMP fermé', kind: 'I' } : undefined) + control('OK', subject);
}
