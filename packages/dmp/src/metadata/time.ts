// HL7 TS → XDS DTM in UTC (dmp-mes.md §1.5): the CDA carries local times with an offset, the
// registry wants UTC.

const TS = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(?:(\d{2})(?:\.\d{1,4})?)?)?([+-])?(\d{2})?(\d{2})?$/;

/** Why a timestamp cannot be converted: `format`, `local-time` (time without offset), `range`. */
export type TimestampProblem = 'format' | 'local-time' | 'range';

/**
 * The UTC XDS DTM of an HL7 timestamp, or the problem. A date alone (YYYYMMDD) stays a date:
 * without a time there is nothing to shift. A time to the minute gets seconds `00`.
 */
export function utcDtmOf(value: string): { dtm: string } | { problem: TimestampProblem } {
  const match = TS.exec(value);
  if (!match) return { problem: 'format' };
  const [, y, mo, d, h, mi, s, sign, oh, om] = match;
  const year = Number(y), month = Number(mo), day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return { problem: 'range' };
  if (h === undefined) return sign === undefined ? { dtm: `${y}${mo}${d}` } : { problem: 'format' };
  if (sign === undefined || oh === undefined || om === undefined) return { problem: 'local-time' };
  const hour = Number(h), minute = Number(mi), second = Number(s ?? '0');
  const offsetMinutes = (Number(oh) * 60 + Number(om)) * (sign === '-' ? -1 : 1);
  if (hour > 23 || minute > 59 || second > 59 || Number(oh) > 14 || Number(om) > 59) return { problem: 'range' };
  const utc = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000);
  return { dtm: formatDtm(utc) };
}

/**
 * `'20190218094914+0100'` → `'20190218084914'`.
 * @throws RangeError for a malformed value or a time without its offset (local time).
 */
export function toUtcDtm(hl7Timestamp: string): string {
  const result = utcDtmOf(hl7Timestamp);
  if ('dtm' in result) return result.dtm;
  throw new RangeError(
    result.problem === 'local-time'
      ? `HL7 timestamp "${hl7Timestamp}" has a time but no UTC offset`
      : `"${hl7Timestamp}" is not an HL7 timestamp (YYYYMMDD[hhmm[ss]]±hhmm)`,
  );
}

/** A Date as XDS DTM, UTC, second precision. */
export function formatDtm(date: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(date.getUTCFullYear(), 4)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}`;
}
