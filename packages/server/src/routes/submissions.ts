// DMP / MSSanté submissions: a version's submissions, retry of a parked one, the patient's DMP
// status (TD0.2, live), the DMP actions on an accepted version, and the change feed (SSE).
import { issue, problems } from '../http.js';
import { actorOf } from '../middleware/authenticate.js';
import { pathId, versionNumber } from '../middleware/paging.js';
import { streamEvents, resumePoint } from '../submissions/event-feed.js';
import { actingParty } from '../submissions/submission-context.js';
import type { StatusAction, VisibilityChange } from '../submissions/submission-service.js';
import type { RouteDeps } from './route-deps.js';

export function submissionRoutes({ router, authenticated, jsonBody, documents, patients, submissions, submissionRows, events }: RouteDeps): void {
  router.add(
    'GET',
    '/documents/{id}/versions/{n}/submissions',
    authenticated(async (ctx, caller) => {
      const doc = await documents.get(pathId(ctx.params.id), caller.structures);
      const version = await documents.getVersion(doc, versionNumber(ctx.params.n), caller.structures);
      return { status: 200, body: { items: await submissions.forVersion(doc, version.number) } };
    }),
  );

  router.add(
    'POST',
    '/submissions/{id}/retry',
    authenticated(async (ctx, caller) => ({ status: 200, body: await submissions.retry(pathId(ctx.params.id) ?? '', actorOf(ctx, caller)) })),
  );

  router.add(
    'GET',
    '/patients/{id}/dmp',
    authenticated(async (ctx, caller) => {
      const patient = await patients.get(pathId(ctx.params.id), caller.structures);
      const party = actingParty(caller.professional.idNatPs, patient.structureId, events.secteurActivite);
      return { status: 200, body: await submissions.patientStatus({ insValue: patient.ins.value, insOid: patient.ins.oid, structureId: patient.structureId }, party) };
    }),
  );

  router.add(
    'POST',
    '/documents/{id}/versions/{n}/dmp/visibility',
    authenticated(async (ctx, caller) => {
      const change = await jsonBody<VisibilityChange>(ctx, 'VisibilityChange');
      const doc = await documents.get(pathId(ctx.params.id), caller.structures);
      return { status: 200, body: await submissions.changeVisibility(doc, versionNumber(ctx.params.n), change, actorOf(ctx, caller)) };
    }),
  );

  for (const action of ['archive', 'unarchive', 'delete'] as StatusAction[]) {
    router.add(
      'POST',
      `/documents/{id}/versions/{n}/dmp/${action}`,
      authenticated(async (ctx, caller) => {
        const doc = await documents.get(pathId(ctx.params.id), caller.structures);
        return { status: 200, body: await submissions.changeStatus(doc, versionNumber(ctx.params.n), action, actorOf(ctx, caller)) };
      }),
    );
  }

  router.add(
    'GET',
    '/events',
    authenticated(async (ctx, caller) => {
      const after = resumePoint(ctx.req.headers['last-event-id'], ctx.url.searchParams.get('lastEventId'));
      if (Number.isNaN(after))
        throw problems.badRequest('Last-Event-ID must be an event id.', [issue('Last-Event-ID', 'format', 'Identifiant d’événement invalide.', 'Invalid event id.')]);
      const structures = [...caller.structures];
      return {
        status: 200,
        headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' },
        stream: async (res, closed) => streamEvents(res, closed, submissionRows, structures, after ?? (await submissionRows.lastSeq(structures)), events.feed),
      };
    }),
  );
}
