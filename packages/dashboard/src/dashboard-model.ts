// What <dcc-dashboard> shows, as pure functions of the indicators report: months and periods
// (`YYYY-MM` arithmetic, the 36-month limit of the contract), the query of the filters, the
// table's rows and totals, the chart's series and scale, the CSV file name. No DOM, no I/O:
// the element renders these, the chart and the table read the same series (one source), and
// the tests check them.
import type { IndicatorVolet, IndicatorsQuery, IndicatorsReport, MonthTotals, YearMonth } from './indicators-types.js';

/** The contract's longest period, in months (`from` and `to` included). */
export const MAX_PERIOD_MONTHS = 36;
/** The default period: the last 12 months, the current one included. */
export const DEFAULT_PERIOD_MONTHS = 12;
/** How far back the period pickers go, in months before the current one. */
export const PICKER_MONTHS_BACK = 59;

/** The lifecycle measures of a month, in the order of the table and the chart. */
export const MEASURES = ['created', 'validated', 'signed', 'deposited', 'refused'] as const;
export type Measure = (typeof MEASURES)[number];
/** Documents created through each channel. */
export const CHANNELS = ['connector', 'editor'] as const;
export type Channel = (typeof CHANNELS)[number];
/** The table's columns after the month: the measures, distinct professionals, then the channels. */
export const TABLE_COLUMNS = [...MEASURES, 'professionals', ...CHANNELS] as const;
export type TableColumn = (typeof TABLE_COLUMNS)[number];
/** Columns that add up over months (distinct professionals do not: a person counts once a month). */
export const ADDITIVE_COLUMNS: ReadonlySet<TableColumn> = new Set([...MEASURES, ...CHANNELS]);

export const VOLETS = ['pps', 'frcp'] as const satisfies readonly IndicatorVolet[];
/** What the chart draws: the lifecycle measures, or the creation channel. */
export const CHART_VIEWS = ['production', 'channel'] as const;
export type ChartView = (typeof CHART_VIEWS)[number];

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isYearMonth(value: unknown): value is YearMonth {
  return typeof value === 'string' && MONTH.test(value);
}

function toIndex(month: YearMonth): number {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a YYYY-MM month: ${JSON.stringify(month)}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

function fromIndex(index: number): YearMonth {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function addMonths(month: YearMonth, n: number): YearMonth {
  return fromIndex(toIndex(month) + n);
}

/** Every month from `from` to `to`, both included (empty when `from` > `to`). */
export function monthsBetween(from: YearMonth, to: YearMonth): YearMonth[] {
  const out: YearMonth[] = [];
  for (let i = toIndex(from); i <= toIndex(to); i++) out.push(fromIndex(i));
  return out;
}

/** The month of an instant, in Paris (a report month is a French calendar month). */
export function monthOf(epochMs: number): YearMonth {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).formatToParts(epochMs);
  const year = parts.find((p) => p.type === 'year')?.value ?? '1970';
  const month = parts.find((p) => p.type === 'month')?.value ?? '01';
  return `${year}-${month}`;
}

/** The default period at `now`: the last 12 months, the current one included. */
export function defaultPeriod(now: number): { from: YearMonth; to: YearMonth } {
  const to = monthOf(now);
  return { from: addMonths(to, -(DEFAULT_PERIOD_MONTHS - 1)), to };
}

/** Why a period cannot be asked for, or undefined: the first (`first`) or last (`last`) month not `YYYY-MM`, the first after the last, more than 36 months. */
export type PeriodProblem = 'first' | 'last' | 'order' | 'tooLong';

export function periodProblem(from: unknown, to: unknown): PeriodProblem | undefined {
  if (!isYearMonth(from)) return 'first';
  if (!isYearMonth(to)) return 'last';
  if (toIndex(from) > toIndex(to)) return 'order';
  if (toIndex(to) - toIndex(from) + 1 > MAX_PERIOD_MONTHS) return 'tooLong';
  return undefined;
}

/** The filters as the contract's query: empty establishment / 3C left out. */
export function toQuery(filters: { from: YearMonth; to: YearMonth; finess?: string | undefined; center3c?: string | undefined }): IndicatorsQuery {
  return {
    from: filters.from,
    to: filters.to,
    ...(filters.finess ? { finess: filters.finess } : {}),
    ...(filters.center3c ? { center3c: filters.center3c } : {}),
  };
}

/** Two queries ask for the same figures. */
export function sameQuery(a: IndicatorsQuery | undefined, b: IndicatorsQuery | undefined): boolean {
  return !!a && !!b && a.from === b.from && a.to === b.to && (a.finess ?? '') === (b.finess ?? '') && (a.center3c ?? '') === (b.center3c ?? '');
}

/** The CSV's file name, as the contract's Content-Disposition gives it. */
export function csvFileName(query: IndicatorsQuery): string {
  return `indicateurs-dcc-${query.from}-${query.to}.csv`;
}

function zeroMonth(month: YearMonth, volet: IndicatorVolet): MonthTotals {
  return { month, volet, created: 0, validated: 0, signed: 0, deposited: 0, refused: 0, professionals: 0, connector: 0, editor: 0 };
}

/**
 * One volet's months, every month of the report's period in order (a month the report left
 * out counts zero, so the chart's axis and the table always cover the period).
 */
export function monthsOf(report: IndicatorsReport, volet: IndicatorVolet): MonthTotals[] {
  const byMonth = new Map(report.months.filter((m) => m.volet === volet).map((m) => [m.month, m]));
  return monthsBetween(report.period.from, report.period.to).map((month) => byMonth.get(month) ?? zeroMonth(month, volet));
}

/** Sums of the additive columns over months; `professionals` is left out (not additive). */
export function totalsOf(months: readonly MonthTotals[]): Partial<Record<TableColumn, number>> {
  const totals: Partial<Record<TableColumn, number>> = {};
  for (const column of TABLE_COLUMNS) if (ADDITIVE_COLUMNS.has(column)) totals[column] = months.reduce((sum, m) => sum + m[column], 0);
  return totals;
}

/** True when nothing at all happened in the report's period (both volets, every measure). */
export function isEmptyReport(report: IndicatorsReport): boolean {
  return report.rows.length === 0 && report.months.every((m) => TABLE_COLUMNS.every((c) => m[c] === 0));
}

export interface ChartPoint {
  readonly month: YearMonth;
  readonly value: number;
}

export interface ChartSeries {
  readonly key: Measure | Channel;
  readonly points: readonly ChartPoint[];
}

/** The keys a chart view draws. */
export function seriesKeys(view: ChartView): readonly (Measure | Channel)[] {
  return view === 'production' ? MEASURES : CHANNELS;
}

/** The chart's series: the same MonthTotals the table shows, one series per key of the view. */
export function chartSeries(months: readonly MonthTotals[], view: ChartView): ChartSeries[] {
  return seriesKeys(view).map((key) => ({ key, points: months.map((m) => ({ month: m.month, value: m[key] })) }));
}

/** A round top for the value axis (1, 2, 2.5 or 5 × 10^n) and its ticks, 0 included. */
export function valueScale(max: number, targetTicks = 5): { top: number; ticks: number[] } {
  if (!(max > 0)) return { top: 1, ticks: [0, 1] };
  const rough = max / targetTicks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  // Counts are integers: a step below 1 would label fractions of a document.
  const whole = Math.max(1, step);
  const top = Math.ceil(max / whole) * whole;
  const ticks: number[] = [];
  for (let v = 0; v <= top + whole / 2; v += whole) ticks.push(Math.round(v * 100) / 100);
  return { top, ticks };
}

/**
 * Options of a filter: what the element has seen in the reports so far (a report filtered on
 * one establishment lists only that one; switching to another must stay possible), the
 * selected value always included, sorted by name then id.
 */
export function mergeOptions(known: ReadonlyMap<string, string | null>, found: readonly { id: string; name: string | null }[]): Map<string, string | null> {
  const merged = new Map(known);
  for (const { id, name } of found) if (!merged.has(id) || (merged.get(id) === null && name !== null)) merged.set(id, name);
  return new Map([...merged].sort(([ia, na], [ib, nb]) => (na ?? ia).localeCompare(nb ?? ib, 'fr') || ia.localeCompare(ib)));
}
