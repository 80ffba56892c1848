// The indicators contract (GET /indicators): the types are @dcc-kit/sdk's, generated from the
// backend's OpenAPI contract (one source); this file adds the few names the element uses and the
// structural client interface it calls.
import type { IndicatorRow, IndicatorsQuery, IndicatorsReport, MonthTotals } from '@dcc-kit/sdk';

export type { IndicatorRow, IndicatorsQuery, IndicatorsReport, MonthTotals };

/** A calendar month, `YYYY-MM`. */
export type YearMonth = IndicatorRow['month'];

/** The two volets counted. */
export type IndicatorVolet = IndicatorRow['volet'];

/** How a document reached the platform: the API with a bearer token (an ESA's connector) or the web editors. */
export type IndicatorChannel = IndicatorRow['channel'];

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
