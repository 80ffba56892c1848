// FRCP header (frcp-cda.md §3): participants R1-R7, inFulfillmentOf, the two documentationOf
// (the RCP and the session) and the RCP encounter with its national ids.
import { empty, textElement } from '../../xml/writer.js';
import type { FrcpDocument } from '../../model/frcp.js';
import type { Encounter } from '../../model/common.js';
import { JDV_J19_ModePriseEnCharge_ROR } from '../../generated/value-sets/index.js';
import { conceptCoding } from '../../value-set.js';
import { ii, ts } from '../datatypes.js';
import { FUNCTION_CODES, headerParticipant, serviceEventPerformer } from '../header.js';
import { BuildState, OID } from '../state.js';

/** Roots of the national RCP identifiers (encompassingEncounter/id, frcp-cda.md §3.4). */
export const RCP_ID_ROOTS = {
  rrc: '1.2.250.1.161.1.20.1.1',
  manager: '1.2.250.1.161.1.20.2.1',
  rcp: '1.2.250.1.161.1.20.3.1',
} as const;

export const FRCP_VOLET = {
  templateId: '1.2.250.1.213.1.1.1.8',
  code: '34794-8',
  displayName: 'CR de réunion de concertation pluridisciplinaire',
} as const;

/** Labels of the header participants without a coded function (functionCode/originalText). */
export const PARTICIPANT_LABELS = {
  requester: 'PS demandeur',
  presenter: 'PS présentateur',
  quorum: 'Participant du quorum',
  other: 'Participant hors quorum',
  correspondent: 'PS correspondant',
} as const;

// ---------------------------------------------------------------- header

export function participants(state: BuildState, doc: FrcpDocument): void {
  const w = state.w;
  const m = doc.meeting;
  headerParticipant(w, { typeCode: 'RESP', comment: m.coordinator.comment, classCode: 'PROV', actor: m.coordinator.professional });
  if (m.requester) headerParticipant(w, { typeCode: 'REFB', comment: PARTICIPANT_LABELS.requester, classCode: 'PROV', actor: m.requester });
  if (m.presenter) headerParticipant(w, { typeCode: 'PRF', comment: PARTICIPANT_LABELS.presenter, classCode: 'PROV', actor: m.presenter });
  // R4 is 1..1: an unknown GP is <associatedEntity classCode="PROV" nullFlavor="NA"/>.
  headerParticipant(w, { typeCode: 'INF', functionCode: FUNCTION_CODES.gp, classCode: 'PROV', actor: m.generalPractitioner.professional });
  for (const p of m.quorumMembers)
    headerParticipant(w, {
      typeCode: 'PRF',
      functionCode: FUNCTION_CODES.careTeamMember,
      comment: PARTICIPANT_LABELS.quorum,
      classCode: 'PROV',
      actor: p,
    });
  for (const p of m.otherAttendees ?? [])
    headerParticipant(w, {
      typeCode: 'PRF',
      functionCode: FUNCTION_CODES.correspondent,
      comment: PARTICIPANT_LABELS.other,
      classCode: 'PROV',
      actor: p,
    });
  for (const p of m.correspondents ?? [])
    headerParticipant(w, {
      typeCode: 'CON',
      functionCode: FUNCTION_CODES.correspondent,
      comment: PARTICIPANT_LABELS.correspondent,
      classCode: 'PROV',
      actor: p,
    });
}

export function inFulfillmentOf(state: BuildState, doc: FrcpDocument): void {
  const reg = doc.meeting.registration;
  if (!reg) return;
  const w = state.w;
  w.start('inFulfillmentOf');
  w.start('order');
  ii(w, 'id', reg.id);
  if (reg.comment !== undefined) {
    w.start('code');
    w.attr('nullFlavor', 'NA');
    textElement(w, 'originalText', reg.comment);
    w.end();
  }
  w.end();
  w.end();
}

export function documentationOf(state: BuildState, doc: FrcpDocument): void {
  const w = state.w;
  const m = doc.meeting;
  // [1] the RCP itself: code 39 of TRE_R213-ModePriseEnCharge, originalText = denomination.
  const rcp = conceptCoding(JDV_J19_ModePriseEnCharge_ROR, '39');
  w.start('documentationOf');
  w.start('serviceEvent');
  w.attr('classCode', 'ACT');
  w.start('code');
  w.attr('code', rcp.code);
  w.attr('codeSystem', rcp.codeSystem);
  w.attr('codeSystemName', 'TRE_R213-ModePriseEnCharge');
  w.attr('displayName', rcp.displayName);
  textElement(w, 'originalText', m.denomination);
  w.end();
  w.start('effectiveTime');
  ts(w, 'low', m.meetingTime);
  w.end();
  serviceEventPerformer(w, m.coordinator.professional);
  w.end();
  w.end();
  // [2] topography of the primary tumour (JDV_Tumeur_CISIS, else GEN-243 + free text).
  const topo = m.primaryTumourTopography!; // filled by the checker
  w.start('documentationOf');
  w.start('serviceEvent');
  w.attr('classCode', 'ACT');
  w.start('code');
  if (topo.coding) {
    w.attr('code', topo.coding.code);
    w.attr('codeSystem', topo.coding.codeSystem);
    w.attr('displayName', topo.coding.displayName);
  } else {
    w.attr('code', 'GEN-243');
    w.attr('codeSystem', OID.taAsip);
    w.attr('codeSystemName', 'TA_ASIP');
    w.attr('displayName', 'Topographie');
  }
  textElement(w, 'originalText', topo.text);
  w.end();
  w.end();
  w.end();
}

/** Label of the session id (`assigningAuthorityName`): tells it apart from the local RCP ids. */
export const SESSION_ID_LABEL = 'Session de RCP';

/**
 * encompassingEncounter/id of an FRCP: the national RRC, RCP-manager and RCP ids (roots
 * 1.2.250.1.161.1.20.1.1/.2.1/.3.1, always these three first), the session id marked with
 * assigningAuthorityName, then the local RCP ids.
 */
export function encounterIds(state: BuildState, doc: FrcpDocument): void {
  const w = state.w;
  const m = doc.meeting;
  ii(w, 'id', { root: RCP_ID_ROOTS.rrc, extension: m.rrcId });
  ii(w, 'id', { root: RCP_ID_ROOTS.manager, extension: m.managerId });
  ii(w, 'id', { root: RCP_ID_ROOTS.rcp, extension: m.rcpId });
  if (m.sessionId)
    empty(w, 'id', ['root', m.sessionId.root], ['extension', m.sessionId.extension], ['assigningAuthorityName', SESSION_ID_LABEL]);
  for (const id of m.localIds ?? []) ii(w, 'id', id);
}

/** The rest of the encompassingEncounter of an FRCP, in the shape writeHeader writes. */
export function frcpEncounter(doc: FrcpDocument): Encounter {
  const m = doc.meeting;
  const enc: Encounter = {
    facilityType: doc.encounter.facilityType,
    facility: { idNatStruct: m.facility.idNatStruct, name: m.facility.name, address: m.facility.address },
    period: { start: m.meetingTime },
  };
  if (m.encounterType) enc.type = m.encounterType;
  return enc;
}
