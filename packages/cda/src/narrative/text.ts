// French renderings of model values, shared by the CDA narrative and the editors' preview:
// dates, periods, yes/no, coded values, people, telephone numbers.
import { frenchDate } from '../datatypes.js';
import type { Actor, CodedOrText, Period, PersonName, Telecom } from '../model/common.js';

export const ouiNon = (b: boolean | undefined): string => (b === undefined ? 'Non renseigné' : b ? 'Oui' : 'Non');
export const dateFr = (d: string | undefined): string => (d === undefined ? '' : frenchDate(d));
/** « le 22/10/2024 » (one day), « du … au … », « à partir du … », « jusqu'au … ». */
export const periodFr = (p: Period | undefined): string =>
  !p
    ? ''
    : p.end === undefined
      ? `à partir du ${dateFr(p.start)}`
      : p.start === undefined
        ? `jusqu'au ${dateFr(p.end)}`
        : p.start === p.end
          ? `le ${dateFr(p.start)}`
          : `du ${dateFr(p.start)} au ${dateFr(p.end)}`;
export const codedFr = (c: CodedOrText): string =>
  c.coding ? (c.text !== undefined ? c.text : `${c.coding.displayName} (${c.coding.code})`) : c.text!;

const TITLE: Record<string, string> = { PR: 'Pr', DR: 'Dr' };

/** « Dr Claire Martin »: title, given name, family name. */
export const nameFr = (n: PersonName | undefined): string =>
  n ? [n.suffix !== undefined ? TITLE[n.suffix] : undefined, n.given, n.family].filter((s) => s !== undefined && s !== '').join(' ') : '';

/** « Dr Claire Martin, Institut Curie »: the person, then the organisation. */
export const personFr = (a: Actor | undefined): string => {
  if (!a) return '';
  const org = a.organization?.name;
  return [nameFr(a.name), org].filter((s) => s !== undefined && s !== '').join(', ');
};

/** No-break space: a number is never cut across two lines of a table cell or of paper. */
export const NBSP = '\u00a0';

/** A French number written in pairs (« 01 45 67 89 10 », no-break spaces); anything else as typed. */
export const phoneNumberFr = (value: string): string => {
  const digits = value.replace(/[\s.-]/g, '');
  return /^0\d{9}$/.test(digits) ? digits.replace(/(\d{2})(?=\d)/g, `$1${NBSP}`) : value;
};

/** Telephone numbers of a person or of their organisation (theirs first), « 01 45 67 89 10 ; 06 … ». */
export const phonesFr = (...lists: (readonly Telecom[] | undefined)[]): string => {
  for (const list of lists) {
    const phones = (list ?? []).filter((t) => t.scheme === 'tel').map((t) => phoneNumberFr(t.value));
    if (phones.length > 0) return phones.join(' ; ');
  }
  return '';
};

/** « Dr Claire Martin, Institut Curie (tél. 01 45 67 89 10) ». */
export const personWithPhoneFr = (a: Actor | undefined): string => {
  const who = personFr(a);
  const phone = phonesFr(a?.telecoms, a?.organization?.telecoms);
  return phone === '' ? who : `${who} (tél.${NBSP}${phone})`;
};
