// Cross-checks of an INS matricule against the strict traits it was issued for (identity-auth.md
// §1.2, §1.6): the sex digit, the birth year and month, the birth place (département + commune, or
// 99 + country). An error where the rule is certain; a warning where the civil record or history
// may explain a difference (born abroad, month unknown, Corsica before 1976, départements before
// 1968, communes merged since, NIA). Browser-safe, pure. Messages never quote the values (see
// messages.ts).
import { identityIssue, type IdentityIssue, type IdentityIssueCode } from './messages.js';
import type { InsKind } from './ins.js';

/** The strict traits the matricule is compared with (the API's traits or the model's patient). */
export interface InsTraitsInput {
  /** The 15-character matricule (13 + key); only its first 10 characters are read. */
  readonly matricule: string;
  /** NIR or NIA (from the OID); an NIA's layout is not guaranteed, so its differences are warnings. Default NIR. */
  readonly kind?: InsKind;
  readonly sex: 'M' | 'F' | 'U' | 'UN';
  /** `YYYY`, `YYYY-MM`, `YYYY-MM-DD`; `00` for an unknown month or day. */
  readonly birthDate: string;
  /** 5-character COG of the birth place (99xxx abroad); absent: the place is not compared. */
  readonly birthPlaceCode?: string;
}

/** Which strict trait a finding is about (the API's traits field names). */
export type InsTraitField = 'sex' | 'birthDate' | 'birthPlaceCode';

/** One difference between the matricule and a trait. */
export interface InsTraitFinding extends IdentityIssue {
  readonly severity: 'error' | 'warning';
  readonly field: InsTraitField;
}

const MATRICULE_PREFIX = /^[1-8]\d{4}(?:\d{2}|2A|2B)\d{3}/;
const ABROAD = '99';
/** NIR départements 91–96 of births in Algeria, Morocco or Tunisia before independence (§1.2 [B]). */
const FORMER_NORTH_AFRICA = /^9[1-6]$/;
/** Year of the Corsican split (20 → 2A/2B) and of the Île-de-France reorganisation (75/78 → 91–95). */
const CORSICA_SPLIT_YEAR = 1976;
const IDF_REORGANISATION_YEAR = 1968;

/**
 * Compares an INS matricule with the strict traits. A matricule that is not canonical gives no
 * finding (checkInsMatricule reports it). Findings are ordered sex, birth date, birth place.
 */
export function crossCheckInsTraits(input: InsTraitsInput): InsTraitFinding[] {
  const m = input.matricule;
  if (typeof m !== 'string' || !MATRICULE_PREFIX.test(m)) return [];
  const findings: InsTraitFinding[] = [];
  const nia = input.kind === 'NIA';
  // An NIA is a waiting number whose layout the CNAM does not promise to follow ([C] §1.2): never an error.
  const add = (field: InsTraitField, code: IdentityIssueCode, certain: boolean): void => {
    findings.push({ ...identityIssue(code), severity: certain && !nia ? 'error' : 'warning', field });
  };

  const department = m.slice(5, 7);
  const bornAbroad = department === ABROAD || input.birthPlaceCode?.startsWith(ABROAD) === true;

  // Sex: 1 male, 2 female; 3–8 are historical or temporary numbers whose first digit is not the sex.
  const sexDigit = m[0];
  const sex = input.sex === 'UN' ? 'U' : input.sex;
  if (sexDigit === '1' || sexDigit === '2') {
    if (sex === 'U') add('sex', 'ins.traits.sex-unknown', false);
    else if ((sexDigit === '1') !== (sex === 'M')) add('sex', 'ins.traits.sex', true);
  } else add('sex', 'ins.traits.sex-unchecked', false);

  // Birth year and month. For a person born abroad the NIR's date comes from a foreign record: a warning.
  const [yearText = '', monthText = '00'] = input.birthDate.split('-');
  const year = Number(yearText);
  if (/^\d{4}$/.test(yearText) && m.slice(1, 3) !== yearText.slice(2)) add('birthDate', 'ins.traits.year', !bornAbroad);
  const nirMonth = Number(m.slice(3, 5));
  if (nirMonth < 1 || nirMonth > 12) add('birthDate', 'ins.traits.month-unknown-in-ins', false);
  else if (monthText === '00' || !/^\d{2}$/.test(monthText)) add('birthDate', 'ins.traits.month-unknown', false);
  else if (Number(monthText) !== nirMonth) add('birthDate', 'ins.traits.month', !bornAbroad);

  // Birth place: NIR positions 6–10 are the COG (département + commune, 3 + 2 overseas, 99 + country).
  const cog = input.birthPlaceCode;
  if (cog !== undefined && /^(?:\d{2}|2A|2B)\d{3}$/.test(cog)) {
    const nirPlace = m.slice(5, 10);
    // Overseas (97x, 98x) départements take three characters, the others two.
    const departmentOf = (place: string): string => place.slice(0, /^9[78]/.test(place) ? 3 : 2);
    const cogDepartment = cog.slice(0, 2);
    if (nirPlace === cog) return findings;
    if (department === ABROAD || cogDepartment === ABROAD) {
      // A country code, or born abroad on one side only (naturalised, former territories): not certain.
      if (FORMER_NORTH_AFRICA.test(department) && cogDepartment === ABROAD) add('birthPlaceCode', 'ins.traits.place-north-africa', false);
      else add('birthPlaceCode', 'ins.traits.place-abroad', false);
    } else if (department === '20' && (cogDepartment === '2A' || cogDepartment === '2B')) {
      // Born in Corsica before 1976: the NIR keeps 20.
      add('birthPlaceCode', 'ins.traits.place-corsica', !(Number.isFinite(year) && year < CORSICA_SPLIT_YEAR));
    } else if (FORMER_NORTH_AFRICA.test(department) && Number.isFinite(year) && year < 1963) {
      add('birthPlaceCode', 'ins.traits.place-north-africa', false);
    } else if (departmentOf(nirPlace) !== departmentOf(cog)) {
      add('birthPlaceCode', 'ins.traits.place-department', Number.isFinite(year) && year >= IDF_REORGANISATION_YEAR && year >= CORSICA_SPLIT_YEAR);
    } else {
      // Same département, other commune: communes merge and change codes; the NIR keeps the old one.
      add('birthPlaceCode', 'ins.traits.place-commune', false);
    }
  }
  return findings;
}

/** Whether any finding is an error (the identity must not be qualified or sent as it is). */
export function hasInsTraitErrors(findings: readonly InsTraitFinding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
