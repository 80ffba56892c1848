/* global ReadableStream */
// msw handlers of the platform API parts <dmp-status> reads (contract of packages/server:
// GET /patients/{id}, GET /patients/{id}/dmp, GET /documents?patientId, GET …/versions,
// GET …/versions/{n}/submissions, the DMP actions, POST /submissions/{id}/retry and the change
// feed GET /events as Server-Sent Events). One in-memory scenario per story; fictitious data only:
// the records come from `@dcc-kit/dmp-status/testing`, the factories the element's browser tests use.
import { http, HttpResponse } from 'msw';
import { visibilityAfter } from '@dcc-kit/dmp-status/testing';
import { MOCK_API_BASE, API_VERSION_HEADER } from './platform-handlers.js';

function headers(extra = {}) {
  return { 'X-Request-Id': `mock-${Math.random().toString(36).slice(2, 10)}`, [API_VERSION_HEADER]: '2026-11-01', ...extra };
}

function problem(status, title, detail) {
  return HttpResponse.json({ type: 'about:blank', title, status, detail, requestId: 'mock' }, { status, headers: { ...headers(), 'Content-Type': 'application/problem+json' } });
}

/**
 * Handlers over one scenario `{ patient, dmp, documents, versions, submissions, feed? }`; `feed`
 * is a list of `{ afterMs, submissionId, change }` the change feed plays once opened (the
 * submissions change as they are sent). Without it the feed stays open and silent.
 */
export function dmpHandlers(scenario) {
  const base = MOCK_API_BASE;
  const subs = () => scenario.submissions;
  const dmpRow = (id, n) => subs().find((s) => s.documentId === id && s.versionNumber === Number(n) && s.channel === 'dmp');
  const answer = (row) => HttpResponse.json(row, { headers: headers() });
  const act = (fn) => ({ params }) => {
    const row = dmpRow(params.id, params.n);
    if (!row || row.state !== 'accepted') return problem(409, 'Conflict', 'The version has no accepted DMP entry.');
    Object.assign(row, fn(row));
    return answer(row);
  };
  let eventId = 1;
  return [
    http.get(`${base}/patients/:id`, () => HttpResponse.json(scenario.patient, { headers: headers({ ETag: '"1"' }) })),
    http.get(`${base}/patients/:id/dmp`, () => (scenario.dmp.error ? problem(scenario.dmp.error.status, scenario.dmp.error.title, scenario.dmp.error.detail) : HttpResponse.json(scenario.dmp, { headers: headers() }))),
    http.get(`${base}/documents`, () => HttpResponse.json({ items: scenario.documents, nextCursor: null }, { headers: headers() })),
    http.get(`${base}/documents/:id/versions`, ({ params }) =>
      HttpResponse.json({ items: scenario.versions.filter((v) => v.documentId === params.id), nextCursor: null }, { headers: headers() }),
    ),
    http.get(`${base}/documents/:id/versions/:n/submissions`, ({ params }) =>
      HttpResponse.json({ items: subs().filter((s) => s.documentId === params.id && s.versionNumber === Number(params.n)) }, { headers: headers() }),
    ),
    http.post(`${base}/submissions/:sid/retry`, ({ params }) => {
      const row = subs().find((s) => s.id === params.sid);
      if (!row || row.state !== 'parked') return problem(409, 'Conflict', 'The submission is not parked.');
      Object.assign(row, { state: 'queued', stateDetail: undefined, reason: undefined });
      return answer(row);
    }),
    http.post(`${base}/documents/:id/versions/:n/dmp/visibility`, async (info) => {
      const body = await info.request.json();
      return act((row) => ({ visibility: visibilityAfter(row.visibility, body) }))(info);
    }),
    http.post(`${base}/documents/:id/versions/:n/dmp/archive`, act((row) => ({ dmp: { ...row.dmp, status: 'Archived' } }))),
    http.post(`${base}/documents/:id/versions/:n/dmp/unarchive`, act((row) => ({ dmp: { ...row.dmp, status: 'Approved' } }))),
    http.post(`${base}/documents/:id/versions/:n/dmp/delete`, act((row) => ({ dmp: { ...row.dmp, status: 'Deleted' } }))),
    http.get(`${base}/events`, ({ request }) => {
      const encoder = new TextEncoder();
      const timers = [];
      const stream = new ReadableStream({
        start(controller) {
          controller.enqueue(encoder.encode('retry: 2000\n\n'));
          for (const step of scenario.feed ?? []) {
            timers.push(
              setTimeout(() => {
                const row = subs().find((s) => s.id === step.submissionId);
                if (!row) return;
                Object.assign(row, step.change);
                const event = {
                  seq: eventId,
                  at: new Date().toISOString(),
                  structureId: row.structureId,
                  submissionId: row.id,
                  documentId: row.documentId,
                  versionNumber: row.versionNumber,
                  channel: row.channel,
                  state: row.state,
                  kind: 'state',
                  data: {},
                };
                controller.enqueue(encoder.encode(`id: ${eventId++}\nevent: submission\ndata: ${JSON.stringify(event)}\n\n`));
              }, step.afterMs),
            );
          }
          request.signal.addEventListener('abort', () => timers.forEach(clearTimeout));
        },
        cancel() {
          timers.forEach(clearTimeout);
        },
      });
      return new HttpResponse(stream, { headers: headers({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' }) });
    }),
  ];
}
