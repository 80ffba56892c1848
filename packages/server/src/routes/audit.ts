// GET /audit: the audit events (writes and reads) of the caller's structures, by document,
// patient, kind (read/write) or professional; only for the structure's administrators
// (who opened which record is itself sensitive).
import { HttpProblem, issue, problems } from '../http.js';
import { pageQuery, uuidFilter } from '../middleware/paging.js';
import type { RouteDeps } from './route-deps.js';

export function auditRoutes({ router, authenticated, audit, auditReaders }: RouteDeps): void {
  router.add(
    'GET',
    '/audit',
    authenticated(async (ctx, caller) => {
      if (!auditReaders.has(caller.professional.idNatPs))
        throw new HttpProblem(403, 'audit-not-permitted', 'Journal réservé aux administrateurs', "Only the structure's administrators (DCC_AUDIT_READERS) may read its audit trail.");
      const documentId = uuidFilter(ctx.url.searchParams.get('documentId'), 'documentId');
      const patientId = uuidFilter(ctx.url.searchParams.get('patientId'), 'patientId');
      const kind = ctx.url.searchParams.get('kind') || undefined;
      if (kind !== undefined && kind !== 'read' && kind !== 'write') throw problems.badRequest('Invalid query.', [issue('kind', 'enum', 'kind : read ou write.', 'kind: read or write.')]);
      const actor = ctx.url.searchParams.get('actor') || undefined;
      if (actor !== undefined && !/^[0-9A-Za-z]{1,64}$/.test(actor)) throw problems.badRequest('Invalid query.', [issue('actor', 'format', 'Identifiant invalide.', 'Invalid identifier.')]);
      const { limit, after } = pageQuery(ctx.url);
      return {
        status: 200,
        body: await audit.list({
          structures: caller.structures,
          ...(documentId ? { documentId } : {}),
          ...(patientId ? { patientId } : {}),
          ...(kind ? { kind } : {}),
          ...(actor ? { actor } : {}),
          limit,
          after,
        }),
      };
    }),
  );
}
