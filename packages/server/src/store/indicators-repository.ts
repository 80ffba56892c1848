// The regional indicators in SQL (GET /indicators): every counted moment of a document as an
// event (created, a version saved, validated, signed, submitted to the DMP, accepted, refused),
// grouped by month (Europe/Paris), establishment, 3C, volet and channel, and by month and volet
// for the totals, in one query. Columns and triggers: migrations/006_indicators.sql.
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
// Each event comes from an index range on its moment (migration 006); the documents in scope
// are joined once. count(DISTINCT document) counts a document once per month and group even
// when several of its versions reached the same state that month.
const FIGURES_SQL = `
WITH bounds AS (
  SELECT (($1::text || '-01')::timestamp AT TIME ZONE '${INDICATORS_TIME_ZONE}') AS lo,
         ((($2::text || '-01')::timestamp + interval '1 month') AT TIME ZONE '${INDICATORS_TIME_ZONE}') AS hi
),
events AS (
  SELECT d.id AS document_id, 'created' AS kind, d.created_at AS at, NULL::text AS professional
    FROM documents d, bounds b WHERE d.created_at >= b.lo AND d.created_at < b.hi
  UNION ALL
  SELECT v.document_id, 'saved', v.created_at, v.created_by
    FROM document_versions v, bounds b WHERE v.created_at >= b.lo AND v.created_at < b.hi
  UNION ALL
  SELECT v.document_id, 'validated', v.validated_at, v.validated_by
    FROM document_versions v, bounds b WHERE v.validated_at >= b.lo AND v.validated_at < b.hi
  UNION ALL
  SELECT v.document_id, 'signed', v.signed_at, v.signed_by
    FROM document_versions v, bounds b WHERE v.signed_at >= b.lo AND v.signed_at < b.hi
  UNION ALL
  SELECT s.document_id, 'submitted', s.created_at, s.requested_by
    FROM dmp_submissions s, bounds b WHERE s.channel = 'dmp' AND s.created_at >= b.lo AND s.created_at < b.hi
  UNION ALL
  SELECT s.document_id, 'deposited', s.accepted_at, NULL
    FROM dmp_submissions s, bounds b WHERE s.channel = 'dmp' AND s.accepted_at >= b.lo AND s.accepted_at < b.hi
  UNION ALL
  SELECT s.document_id, 'refused', s.refused_at, NULL
    FROM dmp_submissions s, bounds b WHERE s.channel = 'dmp' AND s.refused_at >= b.lo AND s.refused_at < b.hi
),
scoped AS (
  SELECT to_char(e.at AT TIME ZONE '${INDICATORS_TIME_ZONE}', 'YYYY-MM') AS month, d.finess, d.center3c, d.type AS volet,
         d.channel, e.kind, e.document_id, e.professional
    FROM events e JOIN documents d ON d.id = e.document_id
   WHERE ($3::text[] IS NULL OR d.structure_id = ANY($3::text[]))
     AND ($4::text IS NULL OR d.finess = $4::text) AND ($5::text IS NULL OR d.center3c = $5::text)
)
SELECT month, finess, center3c, volet, channel, GROUPING(finess, center3c, channel) <> 0 AS month_total,
       count(*) FILTER (WHERE kind = 'created') AS created,
       count(DISTINCT document_id) FILTER (WHERE kind = 'validated') AS validated,
       count(DISTINCT document_id) FILTER (WHERE kind = 'signed') AS signed,
       count(DISTINCT document_id) FILTER (WHERE kind = 'deposited') AS deposited,
       count(DISTINCT document_id) FILTER (WHERE kind = 'refused') AS refused,
       count(DISTINCT professional) AS professionals,
       count(*) FILTER (WHERE kind = 'created' AND channel = 'connector') AS connector,
       count(*) FILTER (WHERE kind = 'created' AND channel = 'editor') AS editor
  FROM scoped
 GROUP BY GROUPING SETS ((month, finess, center3c, volet, channel), (month, volet))
 ORDER BY month, volet, finess NULLS FIRST, center3c NULLS FIRST, channel NULLS FIRST`;

const LABELS_SQL = `
SELECT 'finess' AS kind, finess AS id, max(establishment_name) AS name FROM documents
 WHERE finess IS NOT NULL AND ($1::text[] IS NULL OR structure_id = ANY($1::text[])) GROUP BY finess
UNION ALL
SELECT '3c', center3c, max(center3c_name) FROM documents
 WHERE center3c IS NOT NULL AND ($1::text[] IS NULL OR structure_id = ANY($1::text[])) GROUP BY center3c
ORDER BY 1, 2`;

type Row = Record<string, unknown>;
const counts = (r: Row): IndicatorCounts => ({
  created: Number(r.created),
  validated: Number(r.validated),
  signed: Number(r.signed),
  deposited: Number(r.deposited),
  refused: Number(r.refused),
  professionals: Number(r.professionals),
});

export class IndicatorsRepository {
  constructor(private readonly driver: SqlDriver) {}

  /** The figures of the selection: groups with data, month × volet totals with data, and the labels of the filters. */
  async figures(q: IndicatorsSelection): Promise<IndicatorFigures> {
    const structures = q.structures ? [...q.structures] : null;
    const [grouped, labels] = await Promise.all([
      this.driver.query(FIGURES_SQL, [q.from, q.to, structures, q.finess ?? null, q.center3c ?? null]),
      this.driver.query(LABELS_SQL, [structures]),
    ]);
    const rows: IndicatorGroupRow[] = [];
    const months: IndicatorMonthRow[] = [];
    for (const r of grouped) {
      if (r.month_total === true) {
        months.push({ month: String(r.month), volet: r.volet as DocumentType, ...counts(r), connector: Number(r.connector), editor: Number(r.editor) });
      } else {
        rows.push({
          month: String(r.month),
          finess: String(r.finess),
          center3c: typeof r.center3c === 'string' ? r.center3c : null,
          volet: r.volet as DocumentType,
          channel: r.channel as DocumentChannel,
          ...counts(r),
        });
      }
    }
    const name = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
    return {
      rows,
      months,
      establishments: labels.filter((l) => l.kind === 'finess').map((l) => ({ finess: String(l.id), name: name(l.name) })),
      centers3c: labels.filter((l) => l.kind === '3c').map((l) => ({ id: String(l.id), name: name(l.name) })),
    };
  }
}
