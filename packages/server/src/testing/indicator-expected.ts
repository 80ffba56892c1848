// The figures a generated history must give (the indicator tests), computed in plain
// JavaScript from the events the generator wrote, never from the database.
import type { GeneratedHistory } from './indicator-data.js';
import { monthsBetween, type IndicatorsQuery, type IndicatorsReport } from '../services/indicators.js';

// French calendar months, computed with Intl (not with the database's time zone rules).
const parisMonth = (() => {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' });
  return (d: Date): string => {
    const parts = format.formatToParts(d);
    return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
  };
})();

interface Bucket {
  created: Set<string>;
  validated: Set<string>;
  signed: Set<string>;
  deposited: Set<string>;
  refused: Set<string>;
  professionals: Set<string>;
  connector: Set<string>;
  editor: Set<string>;
}
const bucket = (): Bucket => ({ created: new Set(), validated: new Set(), signed: new Set(), deposited: new Set(), refused: new Set(), professionals: new Set(), connector: new Set(), editor: new Set() });
const numbers = (b: Bucket) => ({ created: b.created.size, validated: b.validated.size, signed: b.signed.size, deposited: b.deposited.size, refused: b.refused.size, professionals: b.professionals.size });

/** The report's rows and months as the history says they must be. */
export function expectedFigures(history: GeneratedHistory, q: IndicatorsQuery, structures?: readonly string[]): Pick<IndicatorsReport, 'rows' | 'months'> {
  const period = new Set(monthsBetween(q.from, q.to));
  const docs = new Map(history.documents.map((d) => [d.id, d]));
  const groups = new Map<string, Bucket>();
  const totals = new Map<string, Bucket>();
  for (const e of history.events) {
    const d = docs.get(e.documentId)!;
    const month = parisMonth(e.at);
    if (!period.has(month)) continue;
    if (structures && !structures.includes(d.structureId)) continue;
    if (q.finess && d.finess !== q.finess) continue;
    if (q.center3c && d.center3c !== q.center3c) continue;
    const key = JSON.stringify([month, d.finess, d.center3c, d.volet, d.channel]);
    const totalKey = JSON.stringify([month, d.volet]);
    for (const [map, k] of [[groups, key], [totals, totalKey]] as const) {
      const b = map.get(k) ?? bucket();
      map.set(k, b);
      if (e.kind === 'created') {
        b.created.add(d.id);
        b[d.channel].add(d.id);
      }
      if (e.kind === 'validated' || e.kind === 'signed' || e.kind === 'deposited' || e.kind === 'refused') b[e.kind].add(d.id);
      if (e.professional) b.professionals.add(e.professional);
    }
  }
  const rows = [...groups].map(([k, b]) => {
    const [month, finess, center3c, volet, channel] = JSON.parse(k) as [string, string, string | null, 'pps' | 'frcp', 'connector' | 'editor'];
    return { month, finess, center3c, volet, channel, ...numbers(b) };
  });
  const cmp = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
  rows.sort((a, b) => cmp(a.month, b.month) || cmp(a.finess, b.finess) || cmp(a.center3c, b.center3c) || cmp(a.volet, b.volet) || cmp(a.channel, b.channel));
  const months = [...period].flatMap((month) =>
    (['pps', 'frcp'] as const).map((volet) => {
      const b = totals.get(JSON.stringify([month, volet])) ?? bucket();
      return { month, volet, ...numbers(b), connector: b.connector.size, editor: b.editor.size };
    }),
  );
  return { rows, months };
}

