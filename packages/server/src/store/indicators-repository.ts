// The regional indicators in SQL (GET /indicators): every counted moment of a document
// (created, a version saved, validated, signed, submitted to the DMP, accepted, refused) by
// month (Europe/Paris), establishment, 3C, volet and channel, and by month and volet for the
// totals. The facts: migrations/006_indicators.sql; the per-document rows the query reads, kept
// by triggers in each write's transaction, and their meaning: migrations/008_indicator_document_months.sql.
import type { SqlDriver } from './driver.js';
import type { DocumentChannel, DocumentType } from './records.js';

/** The months are French calendar months: a document created at 00:30 on 1 April in Paris counts in April. */
export const INDICATORS_TIME_ZONE = 'Europe/Paris';

export interface IndicatorsSelection {
  /** First and last month, 'YYYY-MM', inclusive. */
  from: string;
  to: string;
  /** The structures (documents.structure_id) whose documents count; undefined = every structure. */
  structures?: readonly string[];
  finess?: string;
  center3c?: string;
}

export interface IndicatorCounts {
  created: number;
  validated: number;
  signed: number;
  deposited: number;
  refused: number;
  professionals: number;
}
export interface IndicatorGroupRow extends IndicatorCounts {
  month: string;
  finess: string;
  center3c: string | null;
  volet: DocumentType;
  channel: DocumentChannel;
}
export interface IndicatorMonthRow extends IndicatorCounts {
  month: string;
  volet: DocumentType;
  connector: number;
  editor: number;
}
export interface IndicatorFigures {
  rows: IndicatorGroupRow[];
  months: IndicatorMonthRow[];
  establishments: Array<{ finess: string; name: string | null }>;
  centers3c: Array<{ id: string; name: string | null }>;
}

// $1 from, $2 to ('YYYY-MM'), $3 structures (NULL = all), $4 finess, $5 center3c.
// Reads the per-document rows kept by the writes (migration 008): one row per document and
// month, carrying the document's group, and one per document, month and professional. A
// document counts once per month and kind (its count of that kind is > 0); it belongs to one
// group (its facts are single valued), so the month totals of documents are sums of the groups,
// and only the distinct professionals per month need their own count. Both scans are a range
// of the covering indexes' leading column, month; nothing is joined.
const IN_SELECTION = `month >= ($1::text || '-01')::date AND month <= ($2::text || '-01')::date
     AND ($3::text[] IS NULL OR structure_id = ANY($3::text[]))
     AND ($4::text IS NULL OR finess = $4::text) AND ($5::text IS NULL OR center3c = $5::text)`;
export const INDICATOR_FIGURES_SQL = `
WITH scoped_months AS (
  SELECT month, finess, center3c, volet, channel, created, validated, signed, deposited, refused FROM indicator_document_months
   WHERE ${IN_SELECTION}
),
professionals AS (
  SELECT DISTINCT month, finess, center3c, volet, channel, professional FROM indicator_document_month_professionals
   WHERE ${IN_SELECTION}
)
SELECT 'group' AS level, to_char(month, 'YYYY-MM') AS month, finess, center3c, volet, channel,
       count(*) FILTER (WHERE created > 0) AS created, count(*) FILTER (WHERE validated > 0) AS validated,
       count(*) FILTER (WHERE signed > 0) AS signed, count(*) FILTER (WHERE deposited > 0) AS deposited,
       count(*) FILTER (WHERE refused > 0) AS refused, NULL::bigint AS professionals
  FROM scoped_months GROUP BY month, finess, center3c, volet, channel
UNION ALL
SELECT 'group', to_char(month, 'YYYY-MM'), finess, center3c, volet, channel, NULL, NULL, NULL, NULL, NULL, count(*)
  FROM professionals GROUP BY month, finess, center3c, volet, channel
UNION ALL
SELECT 'month', to_char(month, 'YYYY-MM'), NULL, NULL, volet, NULL, NULL, NULL, NULL, NULL, NULL, count(DISTINCT professional)
  FROM professionals GROUP BY month, volet`;

// $1 structures (NULL = all). The filters' labels: every FINESS and 3C the documents in scope
// name, with the greatest name they give it. A few distinct values among many documents: each
// is found by one probe of an index (the next value after the last one, a "skip scan"), and its
// name by one more (the index's name order, the first document in scope). Same result as a
// GROUP BY over the documents (indicator-document-months.test.ts compares them), without
// reading every document.
export const INDICATOR_LABELS_SQL = `
WITH RECURSIVE establishments AS (
  SELECT min(finess) AS id FROM documents
  UNION ALL
  SELECT (SELECT min(finess) FROM documents WHERE finess > e.id) FROM establishments e WHERE e.id IS NOT NULL
),
centers AS (
  SELECT min(center3c) AS id FROM documents
  UNION ALL
  SELECT (SELECT min(center3c) FROM documents WHERE center3c > c.id) FROM centers c WHERE c.id IS NOT NULL
)
SELECT 'finess' AS kind, e.id, n.name FROM establishments e CROSS JOIN LATERAL (
  SELECT establishment_name AS name FROM documents d WHERE d.finess = e.id AND ($1::text[] IS NULL OR d.structure_id = ANY($1::text[]))
   ORDER BY establishment_name DESC NULLS LAST LIMIT 1) n
UNION ALL
SELECT '3c', c.id, n.name FROM centers c CROSS JOIN LATERAL (
  SELECT center3c_name AS name FROM documents d WHERE d.center3c = c.id AND ($1::text[] IS NULL OR d.structure_id = ANY($1::text[]))
   ORDER BY center3c_name DESC NULLS LAST LIMIT 1) n
ORDER BY 1, 2`;

/** The planner settings the report's transaction runs with (see figures()); the bench's EXPLAIN uses them too. */
const PLANNER_SETTINGS = `set_config('enable_sort', 'off', true), set_config('enable_seqscan', 'off', true)`;
export const INDICATOR_REPORT_SETTINGS = {
  pglite: PLANNER_SETTINGS,
  postgres: `${PLANNER_SETTINGS}, set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`,
} as const;

type Row = Record<string, unknown>;
const counts = (r: Row): Omit<IndicatorCounts, 'professionals'> => ({
  created: Number(r.created),
  validated: Number(r.validated),
  signed: Number(r.signed),
  deposited: Number(r.deposited),
  refused: Number(r.refused),
});

const MONTH = /^(\d{4})-(\d{2})$/;
/** Every month from `from` to `to` ('YYYY-MM'), inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const index = (m: string) => {
    const [, y, mm] = MONTH.exec(m) as RegExpExecArray;
    return Number(y) * 12 + Number(mm) - 1;
  };
  const out: string[] = [];
  for (let i = index(from); i <= index(to); i++) out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  return out;
}

export class IndicatorsRepository {
  constructor(private readonly driver: SqlDriver) {}

  /** The figures of the selection: groups with data, month × volet totals with data, and the labels of the filters. */
  async figures(q: IndicatorsSelection): Promise<IndicatorFigures> {
    const structures = q.structures ? [...q.structures] : null;
    const params = [q.from, q.to, structures, q.finess ?? null, q.center3c ?? null];
    const report = this.driver.transaction(async (tx) => {
      // For this transaction only. Both stores: the report reads a month range through the
      // month indexes (a fraction of the tables: with statistics the planner chose sequential
      // scans of every month, twice the CPU on PGlite), and its groups are few and its rows many,
      // so the aggregates hash (PGlite has no autovacuum, so stale statistics; an underestimated
      // structure filter made the planner sort ~100,000 text rows). PostgreSQL: the estimated
      // cost can cross jit_above_cost, and compiling took longer than running (EXPLAIN ANALYZE);
      // work_mem keeps the hash tables in memory.
      await tx.query(`SELECT ${INDICATOR_REPORT_SETTINGS[this.driver.kind === 'postgres' ? 'postgres' : 'pglite']}`);
      return tx.query(INDICATOR_FIGURES_SQL, params);
    });
    // The labels outside that transaction and beside it (another connection on PostgreSQL).
    const [grouped, labels] = await Promise.all([report, this.driver.query(INDICATOR_LABELS_SQL, [structures])]);
    const groups = new Map<string, IndicatorGroupRow>();
    const months = new Map<string, IndicatorMonthRow>();
    const monthRow = (month: string, volet: DocumentType): IndicatorMonthRow => {
      const key = `${month}|${volet}`;
      let row = months.get(key);
      if (!row) months.set(key, (row = { month, volet, created: 0, validated: 0, signed: 0, deposited: 0, refused: 0, professionals: 0, connector: 0, editor: 0 }));
      return row;
    };
    for (const r of grouped) {
      const month = String(r.month);
      const volet = r.volet as DocumentType;
      if (r.level === 'month') {
        monthRow(month, volet).professionals = Number(r.professionals);
        continue;
      }
      const center3c = typeof r.center3c === 'string' ? r.center3c : null;
      const channel = r.channel as DocumentChannel;
      const key = JSON.stringify([month, r.finess, center3c, volet, channel]);
      let row = groups.get(key);
      if (!row) groups.set(key, (row = { month, finess: String(r.finess), center3c, volet, channel, created: 0, validated: 0, signed: 0, deposited: 0, refused: 0, professionals: 0 }));
      if (r.professionals !== null && r.professionals !== undefined) row.professionals = Number(r.professionals);
      else {
        const c = counts(r);
        Object.assign(row, { created: c.created, validated: c.validated, signed: c.signed, deposited: c.deposited, refused: c.refused });
        // Each document is in one group: the month's documents are the sum of its groups.
        const total = monthRow(month, volet);
        total.created += c.created;
        total.validated += c.validated;
        total.signed += c.signed;
        total.deposited += c.deposited;
        total.refused += c.refused;
        total[channel] += c.created;
      }
    }
    const name = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
    return {
      rows: [...groups.values()],
      months: [...months.values()],
      establishments: labels.filter((l) => l.kind === 'finess').map((l) => ({ finess: String(l.id), name: name(l.name) })),
      centers3c: labels.filter((l) => l.kind === '3c').map((l) => ({ id: String(l.id), name: name(l.name) })),
    };
  }
}
