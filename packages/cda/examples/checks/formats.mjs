// Formats of the model's scalar values: partial dates, instants with their Paris offset, OIDs,
// characters XML forbids; and the spans used to order dates.
export const DATE_RE = /^([0-9]{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?)?$/;
export const INSTANT_RE = /^([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?(Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$/;
export const OID_RE = /^(?:[0-2](?:\.(?:0|[1-9][0-9]*))+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
// eslint-disable-next-line no-control-regex
export const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const realDay = (y, m, d) => {
  const dt = new Date(Date.UTC(+y, +m - 1, +d));
  return dt.getUTCFullYear() === +y && dt.getUTCMonth() === +m - 1 && dt.getUTCDate() === +d;
};
/** Europe/Paris offset ("+01:00"/"+02:00") of a UTC instant. */
export const parisOffset = (utcMs) => {
  const part = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' })
    .formatToParts(new Date(utcMs))
    .find((p) => p.type === 'timeZoneName').value; // "GMT+01:00"
  return part === 'GMT' ? '+00:00' : part.slice(3);
};
/** [start, end) span in ms of a partial date or instant, for ordering checks. */
export function span(v) {
  let m = INSTANT_RE.exec(v);
  if (m) {
    const t = Date.parse(v);
    return [t, t + 1];
  }
  m = DATE_RE.exec(v);
  if (!m) return null;
  const [, y, mo, d] = m;
  if (d) return [Date.UTC(+y, +mo - 1, +d), Date.UTC(+y, +mo - 1, +d + 1)];
  if (mo) return [Date.UTC(+y, +mo - 1, 1), Date.UTC(+y, +mo, 1)];
  return [Date.UTC(+y, 0, 1), Date.UTC(+y + 1, 0, 1)];
}
export const before = (a, b) => {
  const sa = span(a), sb = span(b);
  return sa && sb && sb[1] <= sa[0]; // b entirely before a
};
