// GET /health: liveness and store kind, no authentication.
import type { RouteDeps } from './route-deps.js';

export function systemRoutes({ router, storeKind }: RouteDeps): void {
  router.add('GET', '/health', async () => ({ status: 200, body: { status: 'ok', store: storeKind() } }));
}
