// One text field per date, typed as a French clinician writes it: « 12/03/2026 », « 03/2026 »,
// « 2026 » (partial dates: the precision is what was typed), « 12032026 » or « 12/03/26 »
// (fewer keys), and for a field that may hold an instant « 12/03/2026 14:30 » (Paris time).
// Read into the model's representation (YYYY-MM-DD, YYYY-MM, YYYY, or an instant with its
// offset); an impossible date (31/02) is reported, never silently moved.
import { instantToLocal, localToInstant } from './dates.js';

export type DateTextReading = { readonly value: string } | { readonly problem: 'format' | 'impossible' };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Two-digit years: the nearest past century year, up to next year (« 26 » → 2026, « 68 » → 1968). */
function fullYear(text: string, now: Date): number {
  const n = Number(text);
  if (text.length !== 2) return n;
  const limit = (now.getUTCFullYear() + 1) % 100;
  return n <= limit ? 2000 + n : 1900 + n;
}

/** The model's value of a typed date (undefined when the text is empty). */
export function readDateText(text: string, options: { allowTime?: boolean; now?: Date } = {}): DateTextReading | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const now = options.now ?? new Date();
  // ISO as the model writes it is accepted too (and a bare year).
  const iso = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(t);
  if (iso) {
    const [, y, mo, d] = iso;
    if (!mo) return { value: y! };
    if (Number(mo) < 1 || Number(mo) > 12) return { problem: 'impossible' };
    if (!d) return { value: `${y}-${mo}` };
    return Number(d) >= 1 && Number(d) <= daysIn(Number(y), Number(mo)) ? { value: t } : { problem: 'impossible' };
  }
  const m = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{2}|\d{4})(?:[ T]+(\d{1,2})[:h](\d{2}))?$/.exec(t) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  if (m) {
    const [, d, mo, y, h, mi] = m;
    const year = fullYear(y!, now);
    const day = Number(d);
    const month = Number(mo);
    if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return { problem: 'impossible' };
    const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
    if (h === undefined) return { value: date };
    if (!options.allowTime) return { problem: 'format' };
    if (Number(h) > 23 || Number(mi) > 59) return { problem: 'impossible' };
    const instant = localToInstant(`${date}T${pad(Number(h))}:${mi}`);
    return instant ? { value: instant } : { problem: 'impossible' };
  }
  const monthYear = /^(\d{1,2})[/.\- ](\d{4})$/.exec(t);
  if (monthYear) {
    const month = Number(monthYear[1]);
    if (month < 1 || month > 12) return { problem: 'impossible' };
    return { value: `${monthYear[2]}-${pad(month)}` };
  }
  return { problem: 'format' };
}

/** The text a model date is shown as: « 12/03/2026 », « 03/2026 », « 2026 », « 12/03/2026 14:30 ». */
export function dateText(value: string | undefined): string {
  if (!value) return '';
  if (value.includes('T')) {
    const local = instantToLocal(value);
    return local ? `${dateText(local.slice(0, 10))} ${local.slice(11, 16)}` : value;
  }
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value);
  if (!m) return value;
  const [, y, mo, d] = m;
  return [d, mo, y].filter(Boolean).join('/');
}
