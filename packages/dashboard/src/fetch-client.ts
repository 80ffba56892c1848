// A minimal DashboardClient over fetch, for hosts without @dcc-kit/sdk and for the demo and
// stories until the SDK's `client.indicators` (same contract) is there: GET /indicators as JSON
// or as CSV (`format=csv`), the caller's AbortSignal passed on, a non-2xx answer thrown as an
// error shaped like the SDK's (`status`, `problem`), never with the query's values.
import type { DashboardClient, IndicatorsCallOptions, IndicatorsQuery, IndicatorsReport } from './indicators-types.js';

export interface IndicatorsFetchClientOptions {
  /** The platform's base URL (absolute, or relative to the page). */
  baseUrl: string;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /** Default `same-origin` (the BFF's session cookie). */
  credentials?: RequestCredentials;
}

/** A failed call: the HTTP status and the platform's problem details (RFC 9457). */
export class IndicatorsHttpError extends Error {
  override name = 'IndicatorsHttpError';
  constructor(
    readonly status: number,
    readonly problem: { type?: string; title?: string; detail?: string; status?: number } | undefined,
  ) {
    super(`GET /indicators: HTTP ${status}${problem?.title ? ` (${problem.title})` : ''}`);
  }
}

function indicatorsUrl(baseUrl: string, query: IndicatorsQuery, csv: boolean): string {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`, globalThis.location?.href);
  const url = new URL('indicators', base);
  url.searchParams.set('from', query.from);
  url.searchParams.set('to', query.to);
  if (query.finess) url.searchParams.set('finess', query.finess);
  if (query.center3c) url.searchParams.set('center3c', query.center3c);
  if (csv) url.searchParams.set('format', 'csv');
  return url.href;
}

export function createIndicatorsFetchClient(options: IndicatorsFetchClientOptions): DashboardClient {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  async function call(query: IndicatorsQuery, csv: boolean, opts: IndicatorsCallOptions | undefined): Promise<Response> {
    const response = await doFetch(indicatorsUrl(options.baseUrl, query, csv), {
      headers: { Accept: csv ? 'text/csv' : 'application/json' },
      credentials: options.credentials ?? 'same-origin',
      ...(opts?.signal ? { signal: opts.signal } : {}),
    });
    if (!response.ok) {
      const problem = (response.headers.get('content-type') ?? '').includes('json') ? ((await response.json().catch(() => undefined)) as IndicatorsHttpError['problem']) : undefined;
      throw new IndicatorsHttpError(response.status, problem);
    }
    return response;
  }
  return {
    indicators: {
      async get(query, opts) {
        return (await (await call(query, false, opts)).json()) as IndicatorsReport;
      },
      async csv(query, opts) {
        // text() would drop the BOM; the contract's CSV keeps it (spreadsheets read UTF-8 by it).
        const bytes = await (await call(query, true, opts)).arrayBuffer();
        return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      },
    },
  };
}
