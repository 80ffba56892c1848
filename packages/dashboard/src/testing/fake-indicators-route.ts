// GET /indicators of a fictitious platform, without any HTTP library: the query checked as the
// contract says (400 problem naming the parameter), the JSON report or the CSV (format=csv or
// Accept: text/csv, with the contract's Content-Disposition). Wrapped in an msw handler by the
// stories and the demo's offline mode, so both answer the same way.
import type { IndicatorRow } from '../indicators-types.js';
import { periodProblem } from '../dashboard-model.js';
import { SAMPLE_CENTERS, SAMPLE_ESTABLISHMENTS, reportCsv, reportFor, type FixtureEstablishment } from './indicators-fixtures.js';

export interface FakeRouteAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly headers: Record<string, string>;
}

export interface FakeIndicatorsData {
  rows: readonly IndicatorRow[];
  establishments?: readonly FixtureEstablishment[];
  centers?: readonly { id: string; name: string | null }[];
  generatedAt?: string;
}

function problem(status: number, title: string, detail: string, param?: string): FakeRouteAnswer {
  const body = { type: 'https://dcc-kit.example/problems/validation', title, status, detail, ...(param ? { errors: [{ path: param, code: 'invalid', message: { fr: detail, en: detail } }] } : {}) };
  return { status, contentType: 'application/problem+json', body: JSON.stringify(body), headers: {} };
}

export function answerIndicators(url: URL, accept: string | null, data: FakeIndicatorsData): FakeRouteAnswer {
  const q = url.searchParams;
  const from = q.get('from');
  const to = q.get('to');
  const wrong = periodProblem(from, to);
  if (wrong) {
    const param = wrong === 'last' ? 'to' : 'from';
    return problem(400, 'Requête invalide', `Paramètre ${param} : période invalide (${wrong}).`, param);
  }
  const finess = q.get('finess') ?? undefined;
  // As the platform: 9 characters, the department first (2A / 2B for Corsica).
  if (finess !== undefined && !/^(?:\d{2}|2[AB])\d{7}$/.test(finess)) return problem(400, 'Requête invalide', 'Paramètre finess : 9 caractères.', 'finess');
  const center3c = q.get('center3c') ?? undefined;
  const query = { from: from!, to: to!, ...(finess ? { finess } : {}), ...(center3c ? { center3c } : {}) };
  const report = reportFor(query, data.rows, data.establishments ?? SAMPLE_ESTABLISHMENTS, data.centers ?? SAMPLE_CENTERS, data.generatedAt ?? new Date().toISOString());
  if (q.get('format') === 'csv' || (accept ?? '').includes('text/csv'))
    return {
      status: 200,
      contentType: 'text/csv; charset=utf-8',
      body: reportCsv(report),
      headers: { 'Content-Disposition': `attachment; filename="indicateurs-dcc-${query.from}-${query.to}.csv"` },
    };
  return { status: 200, contentType: 'application/json', body: JSON.stringify(report), headers: {} };
}
