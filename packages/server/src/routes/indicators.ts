// GET /indicators: the regional indicators (issue 14) as JSON, or as the CSV of a regional report
// (`format=csv` or `Accept: text/csv`).
import { parseIndicatorsQuery } from '../services/indicators.js';
import { indicatorsCsv, indicatorsCsvFilename } from '../services/indicators-csv.js';
import type { Reply } from '../http.js';
import type { RouteDeps } from './route-deps.js';

/** CSV when asked by `format=csv`, or by an Accept naming text/csv without `format=json`. */
const wantsCsv = (params: URLSearchParams, accept: string | undefined): boolean =>
  params.get('format') === 'csv' || (params.get('format') !== 'json' && /(^|,)\s*text\/csv\b/i.test(accept ?? ''));

export function indicatorRoutes({ router, authenticated, indicators }: RouteDeps): void {
  router.add(
    'GET',
    '/indicators',
    authenticated(async (ctx, caller): Promise<Reply> => {
      const query = parseIndicatorsQuery(ctx.url.searchParams);
      const report = await indicators.report(query, { idNatPs: caller.professional.idNatPs, structures: caller.structures });
      if (!wantsCsv(ctx.url.searchParams, ctx.req.headers.accept)) return { status: 200, body: report, headers: { vary: 'accept' } };
      return {
        status: 200,
        headers: { vary: 'accept', 'content-disposition': `attachment; filename="${indicatorsCsvFilename(report)}"` },
        text: { contentType: 'text/csv; charset=utf-8; header=present', data: indicatorsCsv(report) },
      };
    }),
  );
}
