// The indicators as the CSV a regional report takes into French spreadsheet software: UTF-8
// with a BOM (so Excel reads the accents), `;` between fields, CRLF line ends, one header row
// of French column names, one line per group of the JSON report's `rows` (the columns are
// documented in the package README). Counts are integers: no decimal separator is needed.
import type { IndicatorsReport } from './indicators.js';

/** Column name → how a row gives it; the one list of the CSV's columns. */
const COLUMNS: ReadonlyArray<readonly [string, (r: IndicatorsReport['rows'][number], names: Names) => string | number]> = [
  ['Mois', (r) => r.month],
  ['FINESS établissement', (r) => r.finess],
  ['Raison sociale établissement', (r, n) => n.establishments.get(r.finess) ?? ''],
  ['Identifiant 3C', (r) => r.center3c ?? ''],
  ['Nom 3C', (r, n) => (r.center3c === null ? '' : (n.centers3c.get(r.center3c) ?? ''))],
  ['Volet', (r) => (r.volet === 'pps' ? 'PPS' : 'FRCP')],
  ['Canal', (r) => (r.channel === 'connector' ? 'Connecteur' : 'Éditeur web')],
  ['Documents créés', (r) => r.created],
  ['Documents validés', (r) => r.validated],
  ['Documents signés', (r) => r.signed],
  ['Documents déposés DMP', (r) => r.deposited],
  ['Dépôts DMP refusés', (r) => r.refused],
  ['Professionnels distincts', (r) => r.professionals],
];

interface Names {
  establishments: Map<string, string | null>;
  centers3c: Map<string, string | null>;
}

export const INDICATORS_CSV_HEADER: readonly string[] = COLUMNS.map(([name]) => name);

/**
 * A field as the CSV carries it: quoted when it holds `;`, a quote or a line break; a text
 * starting with = + - @ (or a tab/CR) gets a leading apostrophe so a spreadsheet never runs it
 * as a formula (names come from documents' models, typed by clients).
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function indicatorsCsv(report: IndicatorsReport): string {
  const names: Names = {
    establishments: new Map(report.establishments.map((e) => [e.finess, e.name])),
    centers3c: new Map(report.centers3c.map((c) => [c.id, c.name])),
  };
  const lines = [INDICATORS_CSV_HEADER.map(csvField).join(';')];
  for (const row of report.rows) lines.push(COLUMNS.map(([, get]) => csvField(get(row, names))).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export const indicatorsCsvFilename = (report: IndicatorsReport): string => `indicateurs-dcc-${report.period.from}-${report.period.to}.csv`;
