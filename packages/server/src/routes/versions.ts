// /documents/{id}/versions…: list and save versions (after a signature: a replacement, with its
// reason), read one and its CDA, and the lifecycle
// actions validate → sign → submit (no body, If-Match, idempotent).
import { etag, requireIfMatch } from '../http.js';
import { actorOf } from '../middleware/authenticate.js';
import { pageQuery, pathId, versionNumber } from '../middleware/paging.js';
import { emptyBody } from '../middleware/request-body.js';
import type { DocumentVersion, LifecycleAction, NewVersionInput } from '../services/document-lifecycle.js';
import type { InTransaction } from '../store/driver.js';
import { readBody, type RequestContext } from '../http.js';
import type { BodyReader } from '../middleware/request-body.js';
import type { SubmitChoices } from '../submissions/submission-service.js';
import { versionReply, type RouteDeps } from './route-deps.js';

/** The submit body is optional (no body: DMP only, no visibility flag); read once by the idempotency layer. */
async function submitChoices(ctx: RequestContext, raw: Buffer, jsonBody: BodyReader): Promise<SubmitChoices> {
  return raw.length ? jsonBody<SubmitChoices>(ctx, 'SubmitRequest', raw) : {};
}

export function versionRoutes({ router, authenticated, jsonBody, idempotent, documents, audit, submissions }: RouteDeps): void {
  router.add(
    'GET',
    '/documents/{id}/versions',
    authenticated(async (ctx, caller) => {
      const doc = await documents.get(pathId(ctx.params.id), caller.structures);
      return { status: 200, body: await documents.listVersions(doc, pageQuery(ctx.url)), headers: etag(doc.version) };
    }),
  );

  router.add(
    'POST',
    '/documents/{id}/versions',
    authenticated(async (ctx, caller) => {
      const expected = requireIfMatch(ctx.req);
      const input = await jsonBody<NewVersionInput>(ctx, 'VersionCreate');
      const doc = await documents.get(pathId(ctx.params.id), caller.structures);
      const { document, version, warnings } = await documents.addVersion(doc, expected, input, actorOf(ctx, caller));
      const reply = versionReply(document, version, 201);
      // What /validate will refuse, said at once: the draft is saved anyway.
      return { ...reply, ...(warnings.length ? { body: { ...(reply.body as object), warnings } } : {}), headers: { ...etag(document.version), location: `/documents/${doc.id}/versions/${version.number}` } };
    }),
  );

  router.add(
    'GET',
    '/documents/{id}/versions/{n}',
    authenticated(async (ctx, caller) => {
      const doc = await documents.get(pathId(ctx.params.id), caller.structures);
      const version = await documents.getVersion(doc, versionNumber(ctx.params.n), caller.structures);
      await audit.recordDocumentRead(actorOf(ctx, caller), 'document.version.read', doc, version.number);
      return versionReply(doc, version);
    }),
  );

  router.add(
    'GET',
    '/documents/{id}/versions/{n}/cda',
    authenticated(async (ctx, caller) => {
      const doc = await documents.get(pathId(ctx.params.id), caller.structures);
      const n = versionNumber(ctx.params.n);
      const cda = await documents.cda(doc, n, caller.structures);
      await audit.recordDocumentRead(actorOf(ctx, caller), 'document.cda.read', doc, n);
      return { status: 200, text: { contentType: 'application/xml; charset=utf-8', data: cda }, headers: etag(doc.version) };
    }),
  );

  const actions: LifecycleAction[] = ['validate', 'sign', 'submit'];
  for (const action of actions) {
    router.add(
      'POST',
      `/documents/{id}/versions/{n}/${action}`,
      authenticated(async (ctx, caller) => {
        const raw = action === 'submit' ? await readBody(ctx.req) : await emptyBody(ctx);
        return idempotent(ctx, caller, raw, async (key) => {
          const expected = requireIfMatch(ctx.req);
          const doc = await documents.get(pathId(ctx.params.id), caller.structures);
          const n = versionNumber(ctx.params.n);
          const actor = actorOf(ctx, caller);
          // The key's answer commits with the transition (see middleware/idempotency.ts).
          const answer: InTransaction<DocumentVersion> = (tx, { document, version }) => key.record(tx, versionReply(document, version));
          const { document, version } =
            action === 'sign'
              ? await documents.sign(doc, n, expected, actor, { professional: caller.professional, activeActivityId: caller.activeActivityId }, answer)
              : action === 'submit'
                ? await documents.submit(doc, n, expected, actor, await submissions.enqueuer(await submitChoices(ctx, raw, jsonBody), actor), answer)
                : await documents.validate(doc, n, expected, actor, answer);
          return versionReply(document, version);
        });
      }),
    );
  }
}
