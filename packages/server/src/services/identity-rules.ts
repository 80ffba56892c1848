// The rules of the identity lifecycle (identity-auth.md §1.5), pure: the status the two criteria
// give, what a change of the INS or of a strict trait does, the INS/traits cross-checks
// (@dcc-kit/cda/identity, one source) and why an identity cannot feed the DMP.
import { IDENTITY_STATUS_TEXTS, crossCheckInsTraits, describeInsOid, hasInsTraitErrors, notSubmittableBecause, type InsTraitFinding } from '@dcc-kit/cda/identity';
import type { IdentityStatus, Patient } from '../store/records.js';

/** RNIV: INSi used × high-trust document checked → PROV, RECUP, VALI, QUAL. */
export function statusOf(insi: boolean, document: boolean): IdentityStatus {
  if (insi) return document ? 'qualified' : 'recovered';
  return document ? 'validated' : 'provisional';
}

/** INSi's upper case without diacritics (§1.6): what a search sends and how traits are compared. */
export function insiName(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase().trim().replace(/\s+/g, ' ');
}

type Traits = Patient['traits'];

/** The strict traits in INSi's form, for comparing (a change of case or accent is not a change of identity). */
function strictForm(traits: Traits): string {
  return JSON.stringify([insiName(traits.birthName), traits.firstNames.map(insiName), traits.sex, traits.birthDate, traits.birthPlaceCode ?? null]);
}

/** Whether the INS or a strict trait differs: the identity goes back to provisional (§1.5). */
export function identityChanged(before: Pick<Patient, 'ins' | 'traits'>, after: Pick<Patient, 'ins' | 'traits'>): boolean {
  return before.ins.value !== after.ins.value || before.ins.oid !== after.ins.oid || strictForm(before.traits) !== strictForm(after.traits);
}

/** The INS against the strict traits: errors where certain, warnings where not. */
export function findingsOf(patient: Pick<Patient, 'ins' | 'traits'>): InsTraitFinding[] {
  const kind = describeInsOid(patient.ins.oid)?.kind ?? 'NIR';
  return crossCheckInsTraits({
    matricule: patient.ins.value,
    kind,
    sex: patient.traits.sex,
    birthDate: patient.traits.birthDate,
    ...(patient.traits.birthPlaceCode ? { birthPlaceCode: patient.traits.birthPlaceCode } : {}),
  });
}

export interface Reason { code: string; fr: string; en: string }

/** Reason codes of a refusal, by status (the texts come from @dcc-kit/cda/identity: one source with the UI). */
const NOT_QUALIFIED_CODES = { provisional: 'identity-provisional', recovered: 'identity-recovered', validated: 'identity-validated' } as const;

/** Why an identity cannot become qualified (or be recorded as checked) while its INS contradicts its traits. */
export const TRAITS_ERROR: Reason = {
  code: 'identity-ins-traits',
  fr: "Le matricule INS ne correspond pas aux traits stricts du patient (sexe, date ou lieu de naissance) : l'identité doit être corrigée avant tout envoi au DMP.",
  en: "The INS number does not match the patient's strict traits (sex, birth date or place): the identity must be corrected before anything is sent to the DMP.",
};

/**
 * Why documents of this patient cannot go to the DMP; undefined when they can. The stored status
 * is the rule (the lifecycle never qualifies an INS that contradicts its traits: see TRAITS_ERROR).
 */
export function whyNotSubmittable(patient: Pick<Patient, 'identityStatus'>): Reason | undefined {
  const status = patient.identityStatus;
  const why = notSubmittableBecause(status);
  if (status === 'qualified' || !why) return undefined;
  const label = IDENTITY_STATUS_TEXTS[status].label;
  return { code: NOT_QUALIFIED_CODES[status], fr: `${capitalise(label.fr)} : ${why.fr}`, en: `${capitalise(label.en)}: ${why.en}` };
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Whether the INS contradicts a strict trait for certain. */
export function insContradictsTraits(patient: Pick<Patient, 'ins' | 'traits'>): boolean {
  return hasInsTraitErrors(findingsOf(patient));
}
