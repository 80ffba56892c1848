// msw handlers of GET /directory/practitioners|organizations (contract of packages/server),
// answered from the Annuaire Santé fixture server's records as the backend answers them
// (@dcc-kit/annuaire-simulator: one source with the simulator, the demo's offline mode too).
import { delay, http, HttpResponse } from 'msw';
import records from '@dcc-kit/annuaire-simulator/directory-records';
import { answerDirectorySearch, directoryUnavailableAnswer } from '@dcc-kit/annuaire-simulator/offline-directory';
import { MOCK_API_BASE, API_VERSION_HEADER } from './platform-handlers.js';

/**
 * @param {'up' | 'down' | 'loading'} mode up: the records; down: the backend's 503
 * `directory-unavailable`; loading: the answer never comes (the picker's « Recherche… » state).
 */
export function directoryHandlers(mode = 'up') {
  return ['practitioners', 'organizations'].map((list) =>
    http.get(`${MOCK_API_BASE}/directory/${list}`, async ({ request }) => {
      if (mode === 'loading') await delay('infinite');
      const answer = mode === 'down' ? directoryUnavailableAnswer() : answerDirectorySearch(records, list, new URL(request.url).searchParams);
      return HttpResponse.json(answer.body, {
        status: answer.status,
        headers: { 'X-Request-Id': `mock-${Math.random().toString(36).slice(2, 10)}`, [API_VERSION_HEADER]: '2026-11-01', ...answer.headers },
      });
    }),
  );
}
