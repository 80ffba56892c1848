// Stage 3 of §5.3: the patient — INS syntax, OID allowed in the environment's profile, NIR key,
// DMP existence and status, PS blocked by the patient.
import { INS_OIDS } from './cda-read.js';
import { Refused, problem } from './refusals.js';
import { isValidNir, type DmpState, type Patient } from './state.js';

export type Profile = 'test' | 'prod-like';

const ALLOWED: Record<Profile, ReadonlySet<string>> = {
  test: new Set([INS_OIDS.nirTest, INS_OIDS.nirDemo]),
  'prod-like': new Set([INS_OIDS.nir, INS_OIDS.nia]),
};

/** Whether the profile allows this INS OID. */
export const insAllowed = (profile: Profile, oid: string): boolean => ALLOWED[profile].has(oid);

export interface Ins { matricule: string; oid: string }

/** `<matricule>^^^&<OID>&ISO^NH` → its parts, or undefined when the CX is not of that form. */
export function parseInsCx(cx: string): Ins | undefined {
  const m = /^([0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{8})\^\^\^&([0-2](?:\.[0-9]+)+)&ISO\^NH(?:\^.*)?$/.exec(cx);
  return m ? { matricule: m[1]!, oid: m[2]! } : undefined;
}

export function insCx(ins: Ins): string {
  return `${ins.matricule}^^^&${ins.oid}&ISO^NH`;
}

/** INS syntax, OID and key; throws Refused SIM_INS_INVALID naming `location`. */
export function checkIns(ins: Ins | undefined, profile: Profile, location: string): Ins {
  if (!ins) throw new Refused([problem('SIM_INS_INVALID', location, 'not an INS CX <15 digits>^^^&<OID>&ISO^NH')]);
  if (ins.oid === INS_OIDS.insC) throw new Refused([problem('SIM_INS_INVALID', location, 'INS-C (1.2.250.1.213.1.4.2) is obsolete')]);
  if (!ALLOWED[profile].has(ins.oid)) {
    throw new Refused([problem('SIM_INS_INVALID', location, `INS OID ${ins.oid} is not allowed in the '${profile}' profile (${[...ALLOWED[profile]].join(', ')})`)]);
  }
  if (!isValidNir(ins.matricule)) throw new Refused([problem('SIM_INS_INVALID', location, 'the INS key (2 last digits) does not verify')]);
  return ins;
}

/** The patient's DMP must exist and be active, and the caller not blocked (feeding, updates, queries). */
export function checkPatientForAccess(state: DmpState, ins: Ins, psId: string): Patient {
  const patient = state.patient(ins.matricule, ins.oid);
  if (!patient || patient.dmpStatus === 'NONE') throw new Refused([problem('SIM_DMP_NOT_FOUND', 'patientId')]);
  if (patient.dmpStatus === 'CLOSED') throw new Refused([problem('SIM_DMP_CLOSED', 'patientId', patient.closureReason)]);
  if (patient.blockedPs.includes(psId)) throw new Refused([problem('SIM_PS_BLOCKED', 'VIHF/NameID')]);
  return patient;
}
