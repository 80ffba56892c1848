// The indicators contract (GET /indicators, see the README): these types MIRROR the ones
// @dcc-kit/sdk will export (`IndicatorsReport`, `IndicatorRow`, `MonthTotals`,
// `IndicatorsQuery`), declared here until the SDK's `client.indicators` lands; then this file
// re-exports the SDK's types and nothing else changes. Keep them identical to the contract.

/** A calendar month, `YYYY-MM`. */
export type YearMonth = string;

/** The two volets counted. */
export type IndicatorVolet = 'pps' | 'frcp';

/** How a document reached the platform: the API with a bearer token (an ESA's connector) or the web editors. */
export type IndicatorChannel = 'connector' | 'editor';

/** What `client.indicators.get` and `.csv` take. */
export interface IndicatorsQuery {
  /** First month, `YYYY-MM`. */
  from: YearMonth;
  /** Last month, `YYYY-MM` (from ≤ to, at most 36 months). */
  to: YearMonth;
  /** An establishment's FINESS (9 digits). */
  finess?: string;
  /** A 3C's id. */
  center3c?: string;
}

/** One (month, FINESS, 3C, volet, channel) group having data. */
export interface IndicatorRow {
  month: YearMonth;
  finess: string;
  center3c: string | null;
  volet: IndicatorVolet;
  channel: IndicatorChannel;
  created: number;
  validated: number;
  signed: number;
  deposited: number;
  refused: number;
  /** Distinct professionals in the group. */
  professionals: number;
}

/** Every month of the period × volet, zeros included, over the filtered data. */
export interface MonthTotals {
  month: YearMonth;
  volet: IndicatorVolet;
  created: number;
  validated: number;
  signed: number;
  deposited: number;
  refused: number;
  professionals: number;
  /** Documents created through an ESA's connector. */
  connector: number;
  /** Documents created through the web editors. */
  editor: number;
}

/** The JSON body of `GET /indicators`. */
export interface IndicatorsReport {
  period: { from: YearMonth; to: YearMonth };
  filters: { finess?: string; center3c?: string };
  /** ISO date-time. */
  generatedAt: string;
  rows: IndicatorRow[];
  months: MonthTotals[];
  /** Establishments present in the data (the establishment filter's options). */
  establishments: { finess: string; name: string | null }[];
  /** 3Cs present in the data (the 3C filter's options). */
  centers3c: { id: string; name: string | null }[];
}

/** Options of a call: the signal cancels a superseded request. */
export interface IndicatorsCallOptions {
  signal?: AbortSignal;
}

/**
 * The part of an `@dcc-kit/sdk` client (`createDccClient`) the element calls, typed
 * structurally so that a test double or a host's own wrapper works too.
 */
export interface DashboardClient {
  readonly indicators: {
    get(query: IndicatorsQuery, options?: IndicatorsCallOptions): Promise<IndicatorsReport>;
    /** The CSV text (UTF-8 BOM included, `;` separator, CRLF). */
    csv(query: IndicatorsQuery, options?: IndicatorsCallOptions): Promise<string>;
  };
}

/** True when `value` has the calls of a `DashboardClient` (the provider's client may be any SDK-like object). */
export function isDashboardClient(value: unknown): value is DashboardClient {
  const v = value as Partial<DashboardClient> | undefined;
  return !!v && typeof v.indicators?.get === 'function' && typeof v.indicators?.csv === 'function';
}
