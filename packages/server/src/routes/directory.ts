// GET /directory/practitioners and /directory/organizations: the national health directory
// (Annuaire Santé) searched for the editors' pickers, in the mapped shapes of @dcc-kit/annuaire.
// 503 `directory-unavailable` when it cannot answer: the editors then offer manual entry.
import { readOrganizationSearch, readPractitionerSearch } from '../directory/directory-service.js';
import type { RouteDeps } from './route-deps.js';

export function directoryRoutes({ router, authenticated, directory }: RouteDeps): void {
  router.add(
    'GET',
    '/directory/practitioners',
    authenticated(async (ctx) => ({ status: 200, body: await directory.searchPractitioners(readPractitionerSearch(ctx.url.searchParams)), headers: { 'cache-control': 'private, max-age=60' } })),
  );
  router.add(
    'GET',
    '/directory/organizations',
    authenticated(async (ctx) => ({ status: 200, body: await directory.searchOrganizations(readOrganizationSearch(ctx.url.searchParams)), headers: { 'cache-control': 'private, max-age=60' } })),
  );
}
