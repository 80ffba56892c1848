// /patients: create (idempotent), list by INS, read, update under If-Match.
import { etag, readBody, requireIfMatch } from '../http.js';
import { actorOf } from '../middleware/authenticate.js';
import { pageQuery, pathId } from '../middleware/paging.js';
import type { PatientRequest } from '../services/patients.js';
import type { RouteDeps } from './route-deps.js';
import type { Reply } from '../http.js';
import type { Patient } from '../store/records.js';

export function patientRoutes({ router, authenticated, jsonBody, idempotent, patients, audit }: RouteDeps): void {
  router.add(
    'POST',
    '/patients',
    authenticated(async (ctx, caller) => {
      const raw = await readBody(ctx.req);
      const input = await jsonBody<PatientRequest>(ctx, 'PatientInput', raw);
      return idempotent(ctx, caller, raw, async (key) => {
        const reply = (patient: Patient): Reply => ({ status: 201, body: patient, headers: { ...etag(patient.version), location: `/patients/${patient.id}` } });
        return reply(await patients.create(input, actorOf(ctx, caller), (tx, patient) => key.record(tx, reply(patient))));
      });
    }),
  );

  router.add(
    'GET',
    '/patients',
    authenticated(async (ctx, caller) => {
      const ins = ctx.url.searchParams.get('ins') ?? undefined;
      return { status: 200, body: await patients.list(caller.structures, ins ? { ins } : {}, pageQuery(ctx.url)) };
    }),
  );

  router.add(
    'GET',
    '/patients/{id}',
    authenticated(async (ctx, caller) => {
      const patient = await patients.get(pathId(ctx.params.id), caller.structures);
      await audit.recordRead(actorOf(ctx, caller), { action: 'patient.read', resourceType: 'patient', resourceId: patient.id, version: patient.version, structureId: patient.structureId, patientId: patient.id });
      return { status: 200, body: patient, headers: etag(patient.version) };
    }),
  );

  router.add(
    'PUT',
    '/patients/{id}',
    authenticated(async (ctx, caller) => {
      const expected = requireIfMatch(ctx.req);
      const input = await jsonBody<PatientRequest>(ctx, 'PatientInput');
      const patient = await patients.update(pathId(ctx.params.id), expected, input, actorOf(ctx, caller));
      return { status: 200, body: patient, headers: etag(patient.version) };
    }),
  );
}
