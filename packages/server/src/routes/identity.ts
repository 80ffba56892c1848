// /patients/{id}/identity: the identity status and its criteria, INSi search and vérification,
// the identity document seen. HTTP in, identity service, HTTP out.
import { etag, requireIfMatch } from '../http.js';
import { actorOf } from '../middleware/authenticate.js';
import { pathId } from '../middleware/paging.js';
import type { IdentityDocumentKind } from '../store/identity-repository.js';
import type { RouteDeps } from './route-deps.js';

export function identityRoutes({ router, authenticated, jsonBody, identity }: RouteDeps): void {
  router.add(
    'GET',
    '/patients/{id}/identity',
    authenticated(async (ctx, caller) => {
      const state = await identity.state(pathId(ctx.params.id), caller.structures);
      return { status: 200, body: state, headers: etag(state.version) };
    }),
  );

  router.add(
    'POST',
    '/patients/{id}/identity/insi-search',
    authenticated(async (ctx, caller) => {
      const expected = requireIfMatch(ctx.req);
      const outcome = await identity.searchInsi(pathId(ctx.params.id), expected, actorOf(ctx, caller));
      return { status: 200, body: outcome, headers: etag(outcome.identity.version) };
    }),
  );

  router.add(
    'POST',
    '/patients/{id}/identity/insi-verify',
    authenticated(async (ctx, caller) => {
      const expected = requireIfMatch(ctx.req);
      const outcome = await identity.verifyInsi(pathId(ctx.params.id), expected, actorOf(ctx, caller));
      return { status: 200, body: outcome, headers: etag(outcome.identity.version) };
    }),
  );

  router.add(
    'POST',
    '/patients/{id}/identity/validation',
    authenticated(async (ctx, caller) => {
      const expected = requireIfMatch(ctx.req);
      const input = await jsonBody<{ document: IdentityDocumentKind }>(ctx, 'IdentityValidationInput');
      const state = await identity.validateDocument(pathId(ctx.params.id), expected, input.document, actorOf(ctx, caller));
      return { status: 200, body: state, headers: etag(state.version) };
    }),
  );
}
