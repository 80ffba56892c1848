// Conversions between the model's ISO date strings and HL7 TS values. Both directions are
// exact inverses so that parse(build(m)) gives back the same strings.

/** "2024" | "2024-03" | "2024-03-15" | "2024-03-15T10:30[:00](Z|±hh:mm)" → HL7 TS. */
export function toTs(value: string): string {
  if (value.length <= 10) return value.replace(/-/g, '');
  const date = value.slice(0, 10).replace(/-/g, '');
  const match = /^T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})$/.exec(value.slice(10));
  if (!match) throw new RangeError('toTs: not an ISO instant');
  const [, hh, mm, ss, zone] = match;
  const offset = zone === 'Z' ? '+0000' : zone!.replace(':', '');
  return date + hh + mm + (ss ?? '') + offset;
}

/** HL7 TS → the model's ISO string; undefined when the TS is not one we can represent. */
export function fromTs(ts: string): string | undefined {
  const m = /^(\d{4})(\d{2})?(\d{2})?(?:(\d{2})(\d{2})(\d{2})?(?:\.\d+)?([+-]\d{4})?)?$/.exec(ts);
  if (!m) return undefined;
  const [, y, mo, d, hh, mi, ss, zone] = m;
  if (mo === undefined) return y;
  if (d === undefined) return `${y}-${mo}`;
  if (hh === undefined) return `${y}-${mo}-${d}`;
  // Hours without an offset cannot be placed in time; keep the date only.
  if (zone === undefined) return `${y}-${mo}-${d}`;
  const z = zone === '+0000' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return `${y}-${mo}-${d}T${hh}:${mi}${ss === undefined ? '' : `:${ss}`}${z}`;
}

/**
 * The numbers of a partial date "YYYY", "YYYY-MM" or "YYYY-MM-DD" (what a rule reads per date
 * field: no split/map/Number arrays), or undefined for any other string.
 */
function dateParts(value: string): [number, number | undefined, number | undefined] | undefined {
  const length = value.length;
  if (length !== 4 && length !== 7 && length !== 10) return undefined;
  const y = fourDigits(value, 0);
  if (y < 0) return undefined;
  if (length === 4) return [y, undefined, undefined];
  const m = value.charCodeAt(4) === 45 ? twoDigits(value, 5) : -1;
  if (m < 0) return undefined;
  if (length === 7) return [y, m, undefined];
  const d = value.charCodeAt(7) === 45 ? twoDigits(value, 8) : -1;
  return d < 0 ? undefined : [y, m, d];
}

function digit(value: string, at: number): number {
  const c = value.charCodeAt(at) - 48;
  return c >= 0 && c <= 9 ? c : -1000;
}
const twoDigits = (value: string, at: number): number => {
  const n = digit(value, at) * 10 + digit(value, at + 1);
  return n < 0 ? -1 : n;
};
const fourDigits = (value: string, at: number): number => {
  const n = twoDigits(value, at);
  const m = twoDigits(value, at + 2);
  return n < 0 || m < 0 ? -1 : n * 100 + m;
};

/** Comparable key of a partial date or instant (UTC for instants) for ordering checks. */
export function sortKey(value: string): { start: number; end: number } {
  if (value.length > 10) {
    const t = Date.parse(value);
    return { start: t, end: t };
  }
  const [y, m, d] = dateParts(value) ?? (value.split('-').map(Number) as [number, number?, number?]);
  const start = Date.UTC(y, (m ?? 1) - 1, d ?? 1);
  const end = d !== undefined ? Date.UTC(y, m! - 1, d + 1) : m !== undefined ? Date.UTC(y, m, 1) : Date.UTC(y + 1, 0, 1);
  return { start, end: end - 1 };
}

/** True when the calendar date exists (2023-02-29 does not). */
export function isRealDate(value: string): boolean {
  const day = value.slice(0, 10);
  const [y, m, d] = dateParts(day) ?? (day.split('-').map(Number) as [number, number?, number?]);
  if (m === undefined || d === undefined) return true;
  if (m >= 1 && m <= 12 && d >= 1 && d <= 28) return true;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

// One formatter per time zone: constructing an Intl.DateTimeFormat costs about 0.2 ms (it
// loads the zone's ICU data), several times the build of a whole document's header.
const zoneFormats = new Map<string, Intl.DateTimeFormat>();
function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    zoneFormats.set(timeZone, format);
  }
  return format;
}

/**
 * Wall-clock time of `date` in `timeZone` as an ISO instant with its offset, to the second.
 * The last answer is kept (formatToParts costs as much as a tenth of a header's build): builds
 * within the same second and zone ask the same question.
 */
export function instantInZone(date: Date, timeZone: string): string {
  const second = Math.floor(date.getTime() / 1000);
  if (lastInstant !== undefined && lastInstant.second === second && lastInstant.timeZone === timeZone) return lastInstant.text;
  const text = computeInstantInZone(date, timeZone);
  // An invalid date (NaN) is never kept: NaN equals nothing, so the next call computes again.
  lastInstant = { second, timeZone, text };
  return text;
}

let lastInstant: { readonly second: number; readonly timeZone: string; readonly text: string } | undefined;

function computeInstantInZone(date: Date, timeZone: string): string {
  const parts = zoneFormat(timeZone).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  const local = Date.UTC(+get('year'), +get('month') - 1, +get('day'), +get('hour'), +get('minute'), +get('second'));
  const offsetMinutes = Math.round((local - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${offset}`;
}

/** French display of a model date for the narrative: 15/03/2024, 03/2024, 2024, 15/03/2024 10:30. */
export function frenchDate(value: string): string {
  // The model's shapes, read in place; any other string as split('T') / split('-') read it.
  if (value.length === 10 && value.indexOf('-') === 4 && value.indexOf('-', 5) === 7 && value.lastIndexOf('-') === 7 && value.indexOf('T') < 0)
    return `${value.slice(8)}/${value.slice(5, 7)}/${value.slice(0, 4)}`;
  const [date, time] = value.split('T') as [string, string?];
  const [y, m, d] = date.split('-');
  const day = d !== undefined ? `${d}/${m}/${y}` : m !== undefined ? `${m}/${y}` : y!;
  return time === undefined ? day : `${day} ${time.slice(0, 5)}`;
}
