// Mon espace santé mailboxes: `<INS matricule>@patient.mssante.fr` (dmp-mes.md §4.1).
import { checkInsMatricule } from '@dcc-kit/cda/identity';
import { mssRefusal } from './errors.js';

export const PATIENT_MAILBOX_DOMAIN = 'patient.mssante.fr';

/**
 * The patient's Mon espace santé address. The matricule (15 characters, 2A/2B allowed for a
 * birth in Corsica) must carry a valid key.
 * @throws MssError MSS_BAD_PATIENT_ADDRESS (the value is not echoed).
 */
export function patientMailbox(ins: { matricule: string }): string {
  if (checkInsMatricule(ins.matricule) !== undefined) throw mssRefusal('MSS_BAD_PATIENT_ADDRESS', { location: 'ins.matricule' });
  return `${ins.matricule}@${PATIENT_MAILBOX_DOMAIN}`;
}

/** true when `address` is in the patient domain (whatever its local part). Case-insensitive domain. */
export function isPatientMailbox(address: string): boolean {
  const at = address.lastIndexOf('@');
  return at > 0 && address.slice(at + 1).toLowerCase() === PATIENT_MAILBOX_DOMAIN;
}

/** The INS matricule of a patient mailbox when its local part is a valid one, else undefined. */
export function insOfPatientMailbox(address: string): string | undefined {
  if (!isPatientMailbox(address)) return undefined;
  const local = address.slice(0, address.lastIndexOf('@')).toUpperCase();
  return checkInsMatricule(local) === undefined ? local : undefined;
}

const ADDRESS = /^[^\s@<>(),;:"\\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** A bare e-mail address (no display name), as SMTP envelopes need. */
export function isEmailAddress(address: string): boolean {
  return ADDRESS.test(address);
}
