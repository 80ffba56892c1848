// Fictitious indicator reports for tests, stories and the demo's offline mode, shaped by the
// contract: rows per (month, FINESS, 3C, volet, channel) from a seeded generator, and the
// months derived from the rows the way the contract defines them (every month × volet, zeros
// included; connector / editor = documents created through each channel). No real data.
import { seededRandom } from '@dcc-kit/server/testing/seeded-random';
import type { IndicatorRow, IndicatorsQuery, IndicatorsReport, IndicatorVolet, MonthTotals } from '../indicators-types.js';
import { monthsBetween } from '../dashboard-model.js';

export interface FixtureEstablishment {
  finess: string;
  name: string | null;
  center3c: string | null;
}

/** Fictitious establishments (FINESS-shaped ids) and their 3C. */
export const SAMPLE_ESTABLISHMENTS: readonly FixtureEstablishment[] = [
  { finess: '490000011', name: 'Clinique fictive de l’Anjou', center3c: '3c-anjou' },
  { finess: '490000029', name: 'Centre hospitalier fictif de Saumur', center3c: '3c-anjou' },
  { finess: '440000017', name: 'Hôpital fictif de l’Estuaire', center3c: '3c-estuaire' },
];

export const SAMPLE_CENTERS: readonly { id: string; name: string | null }[] = [
  { id: '3c-anjou', name: '3C fictif de l’Anjou' },
  { id: '3c-estuaire', name: '3C fictif de l’Estuaire' },
];

/** `count` fictitious establishments spread over `centers` 3Cs (the « many establishments » state). */
export function manyEstablishments(count: number, centers = 4): FixtureEstablishment[] {
  return Array.from({ length: count }, (_, i) => ({
    finess: String(100000000 + i * 7919).padStart(9, '0'),
    name: `Établissement fictif n° ${i + 1}`,
    center3c: `3c-fictif-${(i % centers) + 1}`,
  }));
}


/** Rows for every month of the period, establishment, volet and channel, with plausible funnels (created ≥ validated ≥ signed ≥ deposited + refused). */
export function sampleRows(from: string, to: string, establishments: readonly FixtureEstablishment[] = SAMPLE_ESTABLISHMENTS, seed = 14): IndicatorRow[] {
  const next = seededRandom(seed);
  const rows: IndicatorRow[] = [];
  for (const month of monthsBetween(from, to))
    for (const e of establishments)
      for (const volet of ['pps', 'frcp'] as const)
        for (const channel of ['connector', 'editor'] as const) {
          const created = Math.floor(next() * (volet === 'frcp' ? 30 : 18));
          if (created === 0) continue;
          const validated = Math.round(created * (0.7 + next() * 0.3));
          const signed = Math.round(validated * (0.8 + next() * 0.2));
          const refused = Math.floor(signed * next() * 0.1);
          const deposited = Math.max(0, Math.round((signed - refused) * (0.85 + next() * 0.15)));
          const professionals = Math.max(1, Math.round(created / (2 + next() * 3)));
          rows.push({ month, finess: e.finess, center3c: e.center3c, volet, channel, created, validated, signed, deposited, refused, professionals });
        }
  return rows;
}

/** The contract's months from rows: every month × volet of the period, zeros included. */
export function monthsFromRows(from: string, to: string, rows: readonly IndicatorRow[]): MonthTotals[] {
  const out: MonthTotals[] = [];
  for (const month of monthsBetween(from, to))
    for (const volet of ['pps', 'frcp'] as IndicatorVolet[]) {
      const group = rows.filter((r) => r.month === month && r.volet === volet);
      const sum = (pick: (r: IndicatorRow) => number) => group.reduce((s, r) => s + pick(r), 0);
      out.push({
        month,
        volet,
        created: sum((r) => r.created),
        validated: sum((r) => r.validated),
        signed: sum((r) => r.signed),
        deposited: sum((r) => r.deposited),
        refused: sum((r) => r.refused),
        // Fictitious: the groups' professionals are taken as distinct people.
        professionals: sum((r) => r.professionals),
        connector: sum((r) => (r.channel === 'connector' ? r.created : 0)),
        editor: sum((r) => (r.channel === 'editor' ? r.created : 0)),
      });
    }
  return out;
}

/** The report a platform holding `rows` answers to `query` (filters applied, as the contract says). */
export function reportFor(query: IndicatorsQuery, rows: readonly IndicatorRow[], establishments: readonly FixtureEstablishment[] = SAMPLE_ESTABLISHMENTS, centers = SAMPLE_CENTERS, generatedAt = '2026-12-01T09:00:00Z'): IndicatorsReport {
  const kept = rows.filter((r) => r.month >= query.from && r.month <= query.to && (!query.finess || r.finess === query.finess) && (!query.center3c || r.center3c === query.center3c));
  const finessPresent = new Set(kept.map((r) => r.finess));
  const centersPresent = new Set(kept.map((r) => r.center3c).filter((c): c is string => c !== null));
  const centerNames = new Map(centers.map((c) => [c.id, c.name]));
  return {
    period: { from: query.from, to: query.to },
    filters: { ...(query.finess ? { finess: query.finess } : {}), ...(query.center3c ? { center3c: query.center3c } : {}) },
    generatedAt,
    rows: kept,
    months: monthsFromRows(query.from, query.to, kept),
    establishments: establishments.filter((e) => finessPresent.has(e.finess)).map((e) => ({ finess: e.finess, name: e.name })),
    centers3c: [...centersPresent].sort().map((id) => ({ id, name: centerNames.get(id) ?? null })),
  };
}

/** The report's CSV as the server writes it (its one list of columns, UTF-8 BOM, `;`, CRLF). */
export { indicatorsCsv as reportCsv } from '@dcc-kit/server/indicators-csv';
