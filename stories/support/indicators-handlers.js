// msw handlers of GET /indicators (the indicators contract, see packages/dashboard/README.md) for
// the <dcc-dashboard> stories: the fictitious route of @dcc-kit/dashboard/testing (the same the
// demo's offline mode answers with) behind msw, one scenario per story: figures, an error
// problem, or an answer that never comes (loading). Fictitious data only.
import { http, HttpResponse, delay } from 'msw';
import { answerIndicators } from '@dcc-kit/dashboard/testing';
import { MOCK_API_BASE, API_VERSION_HEADER } from './platform-handlers.js';

function headers(extra = {}) {
  return { 'X-Request-Id': `mock-${Math.random().toString(36).slice(2, 10)}`, [API_VERSION_HEADER]: '2026-11-01', ...extra };
}

/**
 * @param {{ rows?: import('@dcc-kit/dashboard').IndicatorRow[], establishments?: unknown[], centers?: unknown[],
 *   error?: { status: number, title: string, detail?: string }, never?: boolean, delayMs?: number }} scenario
 */
export function indicatorsHandlers(scenario) {
  return [
    http.get(`${MOCK_API_BASE}/indicators`, async ({ request }) => {
      if (scenario.never) await delay('infinite');
      if (scenario.delayMs) await delay(scenario.delayMs);
      if (scenario.error) {
        const { status, title, detail } = scenario.error;
        return HttpResponse.json({ type: 'about:blank', title, status, detail, requestId: 'mock' }, { status, headers: headers({ 'Content-Type': 'application/problem+json' }) });
      }
      const answer = answerIndicators(new URL(request.url), request.headers.get('accept'), {
        rows: scenario.rows ?? [],
        ...(scenario.establishments ? { establishments: scenario.establishments } : {}),
        ...(scenario.centers ? { centers: scenario.centers } : {}),
        generatedAt: '2026-12-01T09:00:00Z',
      });
      return new HttpResponse(answer.body, { status: answer.status, headers: headers({ 'Content-Type': answer.contentType, ...answer.headers }) });
    }),
  ];
}
