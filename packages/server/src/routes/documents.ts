// /documents: create a document with its first draft (idempotent), list, read.
import { etag, issue, problems, readBody, type ProblemIssue } from '../http.js';
import { actorOf } from '../middleware/authenticate.js';
import { pageQuery, pathId, uuidFilter } from '../middleware/paging.js';
import { DOCUMENT_STATUSES, type DraftWarnings } from '../services/document-lifecycle.js';
import type { DocumentRecord, DocumentStatus, DocumentType } from '../store/records.js';
import type { Reply } from '../http.js';
import { documentReply, type RouteDeps } from './route-deps.js';

export function documentRoutes({ router, authenticated, jsonBody, idempotent, documents, audit }: RouteDeps): void {
  router.add(
    'POST',
    '/documents',
    authenticated(async (ctx, caller) => {
      const raw = await readBody(ctx.req);
      const input = await jsonBody<{ patientId: string; type: DocumentType; model: unknown }>(ctx, 'DocumentCreate', raw);
      return idempotent(ctx, caller, raw, async (key) => {
        const reply = ({ warnings, ...doc }: DocumentRecord & DraftWarnings): Reply => ({
          status: 201,
          body: warnings.length ? { ...doc, warnings } : doc,
          headers: { ...etag(doc.version), location: `/documents/${doc.id}` },
        });
        return reply(await documents.create(input, actorOf(ctx, caller), (tx, doc) => key.record(tx, reply(doc))));
      });
    }),
  );

  router.add(
    'GET',
    '/documents',
    authenticated(async (ctx, caller) => {
      const q = ctx.url.searchParams;
      const type = q.get('type') ?? undefined;
      const status = q.get('status') ?? undefined;
      const bad: ProblemIssue[] = [];
      if (type && type !== 'pps' && type !== 'frcp') bad.push(issue('type', 'enum', 'type : pps ou frcp.', 'type: pps or frcp.'));
      if (status && !DOCUMENT_STATUSES.includes(status as DocumentStatus)) bad.push(issue('status', 'enum', 'Statut inconnu.', 'Unknown status.'));
      if (bad.length) throw problems.badRequest('Invalid query.', bad);
      const patientId = uuidFilter(q.get('patientId'), 'patientId');
      const filter = { ...(patientId ? { patientId } : {}), ...(type ? { type } : {}), ...(status ? { status } : {}) };
      return { status: 200, body: await documents.list(caller.structures, filter, pageQuery(ctx.url)) };
    }),
  );

  router.add(
    'GET',
    '/documents/{id}',
    authenticated(async (ctx, caller) => {
      const doc = await documents.get(pathId(ctx.params.id), caller.structures);
      await audit.recordDocumentRead(actorOf(ctx, caller), 'document.read', doc);
      return documentReply(doc);
    }),
  );
}
