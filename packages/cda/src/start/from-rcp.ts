// Starting documents from the tumour board that decided them, instead of typing again what it
// already recorded: a PPS from a signed Fiche RCP (diagnosis, TNM, performance status, the
// proposals as planned acts, the RCP's date and reference, its participants offered for the care
// team), and an RCP from the same patient's previous RCP (identity, diagnosis, history). Pure
// functions on the model (no clock, no ids): the result is a draft the clinician confirms and
// completes, never a document signed as is. Browser-safe.
import { frenchDate } from '../datatypes.js';
import type { FrcpDocument } from '../model/frcp.js';
import type { HealthProfessional, InstanceId } from '../model/common.js';
import type { PpsCareAct, PpsCareNetwork, PpsDocument } from '../model/pps.js';
import { ppsActKindOf } from './treatment-kinds.js';

/** A PPS being started: the PPS model with the parts the RCP cannot give left out. */
export type PpsStart = Omit<Partial<PpsDocument>, 'careNetwork' | 'status' | 'therapeuticProgramme' | 'supportiveCare'> & {
  careNetwork?: Partial<PpsCareNetwork>;
  status?: Partial<PpsDocument['status']>;
  therapeuticProgramme?: Partial<PpsDocument['therapeuticProgramme']>;
  supportiveCare?: Partial<PpsDocument['supportiveCare']>;
};

/** An RCP being started from the previous one: the FRCP model without what belongs to the new session. */
export type FrcpStart = Omit<Partial<FrcpDocument>, 'meeting' | 'discussion'> & {
  meeting?: Partial<FrcpDocument['meeting']>;
  discussion?: Partial<FrcpDocument['discussion']>;
};

/** What a PPS started from an RCP is, and what the clinician is offered beside it. */
export interface PpsFromRcp {
  /** The PPS to complete (author, 3C, handover… are not the RCP's to give). */
  readonly pps: PpsStart;
  /**
   * The RCP's participants (coordinator, requester, presenter, quorum, other attendees), each
   * once, offered for the care team: the clinician picks who takes part in the care.
   */
  readonly careTeamCandidates: readonly HealthProfessional[];
  /** Proposals of a later sequence (alternatives to the first intention), not put in the PPS. */
  readonly alternatives: readonly { sequence: number; act: PpsCareAct; list: 'treatments' | 'supportiveCare' }[];
}

const WHO_GRADES: Readonly<Record<string, string>> = { 'MED-240': '0', 'MED-264': '1', 'MED-265': '2', 'MED-266': '3', 'MED-267': '4' };

const clone = <T>(value: T): T => structuredClone(value);

/** The calendar date of the meeting as the RCP wrote it (its own offset, not the reader's zone). */
const dateOf = (instant: string): string => instant.slice(0, 10);

/** The label of the referenced FRCP, e.g. « Fiche RCP du 18/02/2019 – ONCO PDL / 3C CHU Angers / Sein ». */
export function rcpReferenceLabel(frcp: Pick<FrcpDocument, 'meeting'>): string {
  return `Fiche RCP du ${frenchDate(dateOf(frcp.meeting.meetingTime))} – ${frcp.meeting.denomination}`;
}

/** The performance status sentence of the PPS's patient comment (the PPS has no field of its own for it). */
export function performanceStatusText(frcp: Pick<FrcpDocument, 'functionalStatus'>): string | undefined {
  const who = frcp.functionalStatus?.whoPerformance;
  if (!who) return undefined;
  return `Indice de performance OMS : ${WHO_GRADES[who.stage] ?? who.stage} (évalué le ${frenchDate(who.date)}, selon la Fiche RCP).`;
}

export { professionalLabel } from './professional-label.js';

function isProfessional(actor: unknown): actor is HealthProfessional {
  const a = actor as Partial<HealthProfessional> | undefined;
  return typeof a?.idNatPs === 'string' && typeof a.name?.family === 'string';
}

/** Coordinator, requester, presenter, quorum and other attendees, each professional once (by IdNat_PS). */
export function rcpParticipants(frcp: Pick<FrcpDocument, 'meeting'>): HealthProfessional[] {
  const m = frcp.meeting;
  const all: unknown[] = [m.coordinator.professional, m.requester, m.presenter, ...m.quorumMembers, ...(m.otherAttendees ?? [])];
  const seen = new Set<string>();
  const out: HealthProfessional[] = [];
  for (const actor of all)
    if (isProfessional(actor) && !seen.has(actor.idNatPs)) {
      seen.add(actor.idNatPs);
      out.push(clone(actor));
    }
  return out;
}

/**
 * Starts a PPS from a signed Fiche RCP (its model, e.g. `parseFrcp(cda)` or the stored model of
 * the signed version). The referenced document is the RCP's own `document.id`: never typed.
 * @throws RangeError when the RCP has no `document.id` (a signed FRCP always has one), or a
 * proposal's type is not in the FRCP value set.
 */
export function startPpsFromRcp(frcp: FrcpDocument): PpsFromRcp {
  const id: InstanceId | undefined = frcp.document?.id;
  if (!id) throw new RangeError('startPpsFromRcp: the Fiche RCP has no document.id (only a signed RCP can be referenced)');
  const treatments: PpsCareAct[] = [];
  const supportiveCare: PpsCareAct[] = [];
  const alternatives: PpsFromRcp['alternatives'][number][] = [];
  const proposals = frcp.proposal.treatments ?? [];
  const first = Math.min(...proposals.map((t) => t.sequence));
  proposals.forEach((t, i) => {
    const kind = ppsActKindOf(t.type.code);
    if (!kind) throw new RangeError(`startPpsFromRcp: proposal.treatments[${i}].type.code is not in JDV_TypeTraitement_FRCP_CISIS`);
    const precision = [kind.keepLabelAsPrecision ? t.type.displayName : undefined, t.label].filter(
      (s, j, all): s is string => s !== undefined && s !== '' && all.indexOf(s) === j,
    );
    const act: PpsCareAct = {
      type: kind.coding,
      ...(precision.length > 0 ? { typePrecision: precision.join(' : ') } : {}),
      performed: 'planned',
      ...(t.period ? { plannedPeriod: clone(t.period) } : {}),
    };
    if (t.sequence !== first) alternatives.push({ sequence: t.sequence, act, list: kind.list });
    else (kind.list === 'treatments' ? treatments : supportiveCare).push(act);
  });
  if (frcp.proposal.surveillanceOnly && treatments.length === 0) {
    const kind = ppsActKindOf('MED-226')!;
    treatments.push({ type: kind.coding, performed: 'planned' });
  }

  const comment = [performanceStatusText(frcp), frcp.patientComment].filter((s): s is string => s !== undefined).join('\n');
  const gp = frcp.meeting.generalPractitioner.professional;
  const pps: PpsStart = {
    patient: clone(frcp.patient),
    ...(frcp.trustedPerson ? { trustedPerson: clone(frcp.trustedPerson) } : {}),
    ...(frcp.emergencyContacts ? { emergencyContacts: clone(frcp.emergencyContacts) } : {}),
    encounter: { facilityType: clone(frcp.encounter.facilityType) },
    ...(comment ? { patientComment: comment } : {}),
    tumours: clone(frcp.tumours),
    discovery: clone(frcp.discovery),
    phase: clone(frcp.phase),
    careNetwork: { generalPractitioner: gp ? { professional: clone(gp) } : {} },
    therapeuticProgramme: treatments.length > 0 ? { treatments } : {},
    supportiveCare: supportiveCare.length > 0 ? { supportiveCare } : {},
    status: { rcpDate: dateOf(frcp.meeting.meetingTime) },
    referencedDocuments: [{ id: clone(id), label: rcpReferenceLabel(frcp) }],
  };
  return { pps, careTeamCandidates: rcpParticipants(frcp), alternatives };
}

/**
 * Starts the Fiche RCP of a new session from the same patient's previous one: the patient, the
 * RCP (denomination, national ids, place, coordinator, GP), the type of RCP, the diagnosis
 * (tumours, discovery, phase) and the history (medical history, comorbidities, past treatments).
 * What belongs to the new session — its time, session and registration, attendees, functional
 * status, exams, reports, case summary, proposal, status — is left for the clinician.
 */
export function startRcpFromPreviousRcp(previous: FrcpDocument): FrcpStart {
  const m = previous.meeting;
  const meeting: FrcpStart['meeting'] = {
    denomination: m.denomination,
    rrcId: m.rrcId,
    managerId: m.managerId,
    rcpId: m.rcpId,
    ...(m.localIds ? { localIds: clone(m.localIds) } : {}),
    ...(m.encounterType ? { encounterType: clone(m.encounterType) } : {}),
    facility: clone(m.facility),
    ...(m.primaryTumourTopography ? { primaryTumourTopography: clone(m.primaryTumourTopography) } : {}),
    coordinator: clone(m.coordinator),
    generalPractitioner: clone(m.generalPractitioner),
    quorumMembers: [],
  };
  const { nature, apparatus, organs, careType, isRecourseRcp, isPaediatricRcp } = previous.discussion;
  return {
    patient: clone(previous.patient),
    ...(previous.trustedPerson ? { trustedPerson: clone(previous.trustedPerson) } : {}),
    ...(previous.emergencyContacts ? { emergencyContacts: clone(previous.emergencyContacts) } : {}),
    custodian: clone(previous.custodian),
    encounter: { facilityType: clone(previous.encounter.facilityType) },
    meeting,
    discussion: clone({
      nature,
      ...(apparatus ? { apparatus } : {}),
      ...(organs ? { organs } : {}),
      ...(careType ? { careType } : {}),
      isRecourseRcp,
      isPaediatricRcp,
    }),
    discovery: clone(previous.discovery),
    tumours: clone(previous.tumours),
    ...(previous.medicalHistory ? { medicalHistory: clone(previous.medicalHistory) } : {}),
    ...(previous.comorbidities ? { comorbidities: clone(previous.comorbidities) } : {}),
    ...(previous.pastTreatments ? { pastTreatments: clone(previous.pastTreatments) } : {}),
    phase: clone(previous.phase),
  };
}
