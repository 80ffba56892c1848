// Professional and structure identifiers: RPPS, ADELI, FINESS, SIREN, SIRET and the CI-SIS national identifiers
// IdNat_PS / IdNat_Struct built on them. Source of truth: /work/shared/spec/identity-auth.md §0.2, §2.
// Browser-safe: no node: imports.
//
// All values are checked in canonical form (no spaces, upper-case 2A/2B): the model stores the canonical form, so
// nothing is normalised silently.

import { identityIssue, type IdentityIssue } from './messages.js';

const DIGITS = /^\d+$/;

/** Luhn sum: every second digit from the right doubled (minus 9 when above 9). */
function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum;
}

/** Whether `digits` (a non-empty string of 0–9) passes the Luhn check. False for anything else. */
export function luhnValid(digits: string): boolean {
  return typeof digits === 'string' && DIGITS.test(digits) && luhnSum(digits) % 10 === 0;
}

/**
 * The Luhn check digit to append to `body` (a non-empty string of 0–9), as a one-character string.
 * @throws RangeError when `body` is not a non-empty string of digits (the value is not echoed).
 */
export function luhnCheckDigit(body: string): string {
  if (typeof body !== 'string' || !DIGITS.test(body)) {
    throw new RangeError('luhnCheckDigit expects a non-empty string of decimal digits.');
  }
  return ((10 - (luhnSum(`${body}0`) % 10)) % 10).toString();
}

const RPPS = /^\d{11}$/;
const NINE_DIGITS = /^\d{9}$/;
const SIRET = /^\d{14}$/;
/** Département (two digits, or 2A/2B for Corsica) followed by 7 digits: the FINESS and ADELI layout. */
const DEPARTMENT_AND_7 = /^(?:\d{2}|2A|2B)\d{7}$/;

/** RPPS: 11 digits, the last one a Luhn check digit over the whole number. */
export function checkRpps(value: string): IdentityIssue | undefined {
  if (typeof value !== 'string' || !RPPS.test(value)) return identityIssue('rpps.format');
  return luhnValid(value) ? undefined : identityIssue('rpps.luhn');
}

/**
 * ADELI: 9 characters (département, profession, order number, Luhn key).
 *
 * Corsican numbers (`2A…`/`2B…`) are accepted on format only, as for FINESS: the spec (§2.3, open question 3) lists
 * ADELI together with FINESS as undocumented on how the letter enters the Luhn computation, and refusing a real
 * Corsican professional would be worse than missing a typo in such a number.
 */
export function checkAdeli(value: string): IdentityIssue | undefined {
  if (typeof value !== 'string' || !DEPARTMENT_AND_7.test(value)) return identityIssue('adeli.format');
  if (!DIGITS.test(value)) return undefined; // 2A/2B: format only (see above)
  return luhnValid(value) ? undefined : identityIssue('adeli.luhn');
}

/**
 * FINESS (juridique or géographique): 9 characters, 2-character département then 6 characters and a Luhn key.
 *
 * Corsican FINESS (`2A…`/`2B…`) are accepted on format only: how the letter enters the Luhn computation is not
 * documented in any source found (spec §2.3 and §5 open question 3). Revisit once clarified.
 */
export function checkFiness(value: string): IdentityIssue | undefined {
  if (typeof value !== 'string' || !DEPARTMENT_AND_7.test(value)) return identityIssue('finess.format');
  if (!DIGITS.test(value)) return undefined; // 2A/2B: format only (see above)
  return luhnValid(value) ? undefined : identityIssue('finess.luhn');
}

/** SIREN: 9 digits, Luhn. */
export function checkSiren(value: string): IdentityIssue | undefined {
  if (typeof value !== 'string' || !NINE_DIGITS.test(value)) return identityIssue('siren.format');
  return luhnValid(value) ? undefined : identityIssue('siren.luhn');
}

/** SIREN of La Poste, whose establishments do not use the Luhn key on the SIRET. */
const LA_POSTE_SIREN = '356000000';
/** Head office of La Poste: the only La Poste SIRET that follows the plain Luhn rule. */
const LA_POSTE_HEAD_OFFICE_SIRET = '35600000000048';

/**
 * SIRET: 14 digits (SIREN + NIC), Luhn over the 14 digits, except La Poste establishments (SIREN 356000000, other
 * than the head office 35600000000048) whose digits must add up to a multiple of 5. Reported as `siret.luhn` in
 * both cases (the check key is wrong either way).
 *
 * The embedded SIREN is also checked (`siret.siren-luhn`): a SIRET is a SIREN plus a NIC, and a 14-digit Luhn pass
 * does not imply that the first 9 digits pass theirs.
 */
export function checkSiret(value: string): IdentityIssue | undefined {
  if (typeof value !== 'string' || !SIRET.test(value)) return identityIssue('siret.format');
  const laPosteEstablishment = value.startsWith(LA_POSTE_SIREN) && value !== LA_POSTE_HEAD_OFFICE_SIRET;
  const keyOk = laPosteEstablishment ? digitSum(value) % 5 === 0 : luhnValid(value);
  if (!keyOk) return identityIssue('siret.luhn');
  return luhnValid(value.slice(0, 9)) ? undefined : identityIssue('siret.siren-luhn');
}

function digitSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += digits.charCodeAt(i) - 48;
  return sum;
}

/** Non-empty, no whitespace nor control character: the only rule for ids that have no documented format. */
const OPAQUE_ID = /^[^\s\p{Cc}]+$/u;
/** PSI (Plateforme de Services d'Identité) accounts are identified by a UUID (spec §2.1). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * IdNat_PS, the CDA `assignedAuthor/id/@extension` under root 1.2.250.1.71.4.2.1 (spec §2.1):
 * - `8` + RPPS (12 digits): the RPPS is checked;
 * - `0` + ADELI (10 characters): the ADELI is checked;
 * - `1`, `3`, `4`, `5`, `6` + internal or structure-based id (e.g. `3` + FINESS + `/` + software id): format only
 *   (non-empty, no whitespace), since the part after the prefix may be an internal id;
 * - a PSI account UUID, accepted as is. The UUID test comes first, because a UUID may begin with 0 or 8.
 *
 * Decision: an 11-digit value starting with 1, 3, 4, 5 or 6 is refused (`idnatps.prefix`) although e.g. `1` + a
 * 10-digit internal id would fit the format rule: it is far more likely an RPPS number (real ones start with 1) whose
 * prefix 8 was forgotten, a frequent mistake. 11 digits starting with 8 or 0 get the more specific RPPS/ADELI
 * length message instead.
 */
export function checkIdNatPs(value: string): IdentityIssue | undefined {
  if (typeof value !== 'string' || !OPAQUE_ID.test(value)) return identityIssue('idnatps.format');
  if (UUID.test(value)) return undefined;
  const prefix = value.charAt(0);
  const id = value.slice(1);
  switch (prefix) {
    case '8':
      return RPPS.test(id) ? checkRpps(id) : identityIssue('idnatps.rpps-format');
    case '0':
      return DEPARTMENT_AND_7.test(id) ? checkAdeli(id) : identityIssue('idnatps.adeli-format');
    case '1':
    case '3':
    case '4':
    case '5':
    case '6':
      if (RPPS.test(value)) return identityIssue('idnatps.prefix'); // bare RPPS, see above
      return id.length > 0 ? undefined : identityIssue('idnatps.format');
    default:
      return identityIssue('idnatps.prefix');
  }
}

/** A FINESS/SIREN (9 characters) or SIRET (14 digits) written without its IdNat_Struct prefix. */
const BARE_STRUCTURE_NUMBER = /^(?:(?:\d{2}|2A|2B)\d{7}|\d{14})$/;

/**
 * IdNat_Struct, the CDA `representedOrganization/id/@extension` under root 1.2.250.1.71.4.2.2 (spec §2.2):
 * - `1` + FINESS (10 characters), `2` + SIREN (10 digits), `3` + SIRET (15 digits): the inner number is checked;
 * - `0` + cabinet ADELI id, `4` + RPPS rang: format only (non-empty, no whitespace);
 * - anything else is a technical id without prefix, accepted on format.
 *
 * Decisions where the spec is silent:
 * - A value starting with 1, 2 or 3 is always read as prefixed, so a technical id cannot start with those digits
 *   (nothing else would tell the two apart).
 * - A value shaped exactly like a bare FINESS/SIREN (9 characters: two digits or 2A/2B, then 7 digits) or SIRET
 *   (14 digits) is refused with `idnatstruct.prefix`, whatever its first character: no checked prefixed form has
 *   that length (they have 10 or 15 characters), and such a value is far more likely a number whose prefix was
 *   forgotten than a technical id or a `0`/`4` id of that exact shape.
 */
export function checkIdNatStruct(value: string): IdentityIssue | undefined {
  if (typeof value !== 'string' || !OPAQUE_ID.test(value)) return identityIssue('idnatstruct.format');
  if (BARE_STRUCTURE_NUMBER.test(value)) return identityIssue('idnatstruct.prefix');
  const prefix = value.charAt(0);
  const id = value.slice(1);
  switch (prefix) {
    case '1':
      return DEPARTMENT_AND_7.test(id) ? checkFiness(id) : identityIssue('idnatstruct.finess-format');
    case '2':
      return NINE_DIGITS.test(id) ? checkSiren(id) : identityIssue('idnatstruct.siren-format');
    case '3':
      return SIRET.test(id) ? checkSiret(id) : identityIssue('idnatstruct.siret-format');
    case '0':
    case '4':
      return id.length > 0 ? undefined : identityIssue('idnatstruct.format');
    default:
      return undefined; // technical id without prefix
  }
}
