// Dates of the model in native inputs: a partial date (YYYY, YYYY-MM, YYYY-MM-DD) is typed
// with a precision choice (day → <input type=date>, month → <input type=month>, year → a
// 4-digit number); an instant (date, time and UTC offset) with <input type=datetime-local>
// read as Paris wall-clock time, the offset being computed for that date (CET/CEST).

export type DatePrecision = 'day' | 'month' | 'year' | 'time';

export function precisionOf(value: string | undefined, fallback: DatePrecision): DatePrecision {
  if (!value) return fallback;
  if (value.includes('T')) return 'time';
  if (/^\d{4}$/.test(value)) return 'year';
  if (/^\d{4}-\d{2}$/.test(value)) return 'month';
  return 'day';
}

/** Converts a value between precisions without losing what can be kept. */
export function convertPrecision(value: string | undefined, to: DatePrecision, timeZone = 'Europe/Paris'): string | undefined {
  if (!value) return undefined;
  const date = value.slice(0, 10);
  if (to === 'year') return value.slice(0, 4);
  if (to === 'month') return value.length >= 7 ? value.slice(0, 7) : undefined;
  if (to === 'day') return date.length === 10 ? date : undefined;
  return date.length === 10 ? localToInstant(`${date}T00:00`, timeZone) : undefined;
}

/** Offset of a time zone at an instant, as "+01:00". */
function offsetAt(utcMillis: number, timeZone: string): string {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(utcMillis))
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
  return m ? `${m[1]}:${m[2] ?? '00'}` : '+00:00';
}

const offsetMinutes = (offset: string): number => {
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
};

/** "2024-03-15T10:30" (wall-clock time in `timeZone`) → "2024-03-15T10:30+01:00". */
export function localToInstant(local: string, timeZone = 'Europe/Paris'): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(local);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  // Two passes: the offset at the guessed instant, then at the corrected one (DST edges).
  let offset = offsetAt(asUtc, timeZone);
  offset = offsetAt(asUtc - offsetMinutes(offset) * 60_000, timeZone);
  return `${local.slice(0, s === undefined ? 16 : 19)}${offset}`;
}

/** "2024-03-15T10:30:00+01:00" → "2024-03-15T10:30:00" (the wall-clock time as written). */
export function instantToLocal(instant: string | undefined): string {
  if (!instant) return '';
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)/.exec(instant);
  return m ? m[1]! : '';
}
