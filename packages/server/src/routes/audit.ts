// GET /audit: the audit events of the caller's structures, by document or patient.
import { pageQuery, uuidFilter } from '../middleware/paging.js';
import type { RouteDeps } from './route-deps.js';

export function auditRoutes({ router, authenticated, audit }: RouteDeps): void {
  router.add(
    'GET',
    '/audit',
    authenticated(async (ctx, caller) => {
      const documentId = uuidFilter(ctx.url.searchParams.get('documentId'), 'documentId');
      const patientId = uuidFilter(ctx.url.searchParams.get('patientId'), 'patientId');
      const { limit, after } = pageQuery(ctx.url);
      return {
        status: 200,
        body: await audit.list({ structures: caller.structures, ...(documentId ? { documentId } : {}), ...(patientId ? { patientId } : {}), limit, after }),
      };
    }),
  );
}
