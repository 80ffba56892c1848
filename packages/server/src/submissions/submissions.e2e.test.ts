// The submissions API over HTTP (real server, PSC login, spec-checked answers): submit with a
// body, the version's submissions, retry, DMP actions, refusals as problem+json naming the
// field, and the SSE change feed with Last-Event-ID replay. The DMP is the in-memory double
// of testing/submission-fixtures.ts (the simulator-backed tests are in submissions.sim.test.ts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DR_LABORDE, DR_LEFORT } from '@dcc-kit/psc-emulator';
import { ApiClient, postgresTarget, startStack, type Stack, type StoreKind } from '../testing/harness.js';
import { DmpDouble, qualifiedPatient, signedDocument } from '../testing/submission-fixtures.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers read field by field in assertions
type Json = Record<string, any>;
const ICO = '492805973'; // DR_LEFORT's FINESS

/** Reads SSE events from GET /events until `enough` says so (bounded). */
async function readEvents(client: ApiClient, lastEventId: string | undefined, enough: (events: Json[]) => boolean, ms = 20_000): Promise<{ events: Json[]; ids: string[] }> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ms);
  const headers: Record<string, string> = { cookie: client.cookieHeader(), accept: 'text/event-stream' };
  if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
  const res = await fetch(new URL('/events', client.baseUrl), { headers, signal: abort.signal });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  const events: Json[] = [];
  const ids: string[] = [];
  let buffer = '';
  const decoder = new TextDecoder();
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^id: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (id && data) {
          ids.push(id);
          events.push(JSON.parse(data));
        }
      }
      if (enough(events)) break;
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return { events, ids };
}

for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  const target = kind === 'postgres' ? postgresTarget() : {};
  describe(`submissions API (${kind})`, { skip: target.skip }, () => {
    let stack: Stack;
    let lefort: ApiClient;
    let laborde: ApiClient;
    const dmp = new DmpDouble();
    const actor = { idNatPs: DR_LEFORT.userinfo.SubjectNameID, structures: [ICO], requestId: 'seed' };

    before(async () => {
      stack = await startStack(kind, {
        server: { submissions: { dmp, pollMs: 50, retry: { retryLimit: 1, retryDelaySeconds: 1 }, superviseIntervalSeconds: 1, events: { pollMs: 20 } } },
      });
      lefort = new ApiClient(stack.url);
      laborde = new ApiClient(stack.url);
      await lefort.login(DR_LEFORT);
      await laborde.login(DR_LABORDE);
    });
    after(async () => stack?.close());

    test('submit with visibility and recipients → rows, accepted by the DMP, actions, feed with replay', async () => {
      const patientId = await qualifiedPatient(stack.store, ICO, actor);
      const setId = `1.2.250.1.999.7.${Date.now()}`;
      const doc = await signedDocument(stack.store, patientId, setId, undefined, actor);
      const start = await lefort.request('GET', '/documents/' + doc.id + '/versions/1/submissions');
      assert.deepEqual(start.body.items, []);

      // refusals name the field
      const both = await lefort.post<Json>(`/documents/${doc.id}/versions/1/submit`, { visibility: ['MASQUE_PS', 'INVISIBLE_PATIENT'] }, { 'if-match': `"${doc.version}"` });
      assert.equal(both.status, 422);
      assert.equal(both.body.errors[0].path, 'visibility');
      const unknown = await lefort.post<Json>(`/documents/${doc.id}/versions/1/submit`, { visibility: ['HIDDEN'] }, { 'if-match': `"${doc.version}"` });
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.errors[0].path, /^visibility/);

      const submitted = await lefort.post<Json>(
        `/documents/${doc.id}/versions/1/submit`,
        { visibility: ['INVISIBLE_PATIENT'], mss: { recipients: ['dr.martin@ch-test.mssante.fr'] } },
        { 'if-match': `"${doc.version}"` },
      );
      assert.equal(submitted.status, 200, submitted.text);
      const list = await lefort.get<Json>(`/documents/${doc.id}/versions/1/submissions`);
      assert.deepEqual(list.body.items.map((s: Json) => s.channel).sort(), ['dmp', 'mss:dr.martin@ch-test.mssante.fr']);
      const mss = list.body.items.find((s: Json) => s.channel !== 'dmp');
      assert.equal(mss.state, 'queued');
      assert.equal(mss.stateDetail, 'mss-not-configured', 'no MSSanté relay configured: it waits, not lost');
      // another structure sees nothing
      assert.equal((await laborde.get(`/documents/${doc.id}/versions/1/submissions`)).status, 404);

      const feed = await readEvents(lefort, '0', (events) => events.some((e) => e.documentId === doc.id && e.channel === 'dmp' && e.state === 'accepted'));
      const mine = feed.events.filter((e) => e.documentId === doc.id && e.channel === 'dmp').map((e) => e.state);
      assert.deepEqual(mine, ['queued', 'sending', 'accepted']);
      // replay after an id: only what came after it
      const sendingAt = feed.ids[feed.events.findIndex((e) => e.documentId === doc.id && e.channel === 'dmp' && e.state === 'sending')]!;
      const replay = await readEvents(lefort, sendingAt, (events) => events.some((e) => e.documentId === doc.id && e.state === 'accepted'));
      assert.deepEqual(replay.events.filter((e) => e.documentId === doc.id && e.channel === 'dmp').map((e) => e.state), ['accepted']);
      // the other structure's feed does not carry these events
      const theirs = await readEvents(laborde, '0', () => false, 500);
      assert.equal(theirs.events.filter((e) => e.documentId === doc.id).length, 0);
      const badId = await lefort.get<Json>('/events', { 'last-event-id': 'abc' });
      assert.equal(badId.status, 400);
      assert.equal(badId.body.errors[0].path, 'Last-Event-ID');

      // the patient's DMP status (TD0.2), and the actions on the accepted entry
      const status = await lefort.get<Json>(`/patients/${patientId}/dmp`);
      assert.equal(status.body.dmp, 'active');
      const visible = await lefort.post<Json>(`/documents/${doc.id}/versions/1/dmp/visibility`, { visibleToPatient: true });
      assert.equal(visible.status, 200, visible.text);
      assert.deepEqual(visible.body.visibility, []);
      assert.equal(visible.body.dmp.metadataVersion, 2);
      const cumul = await lefort.post<Json>(`/documents/${doc.id}/versions/1/dmp/visibility`, { maskedToProfessionals: false });
      assert.equal(cumul.status, 409, 'nothing to change');
      const archived = await lefort.post<Json>(`/documents/${doc.id}/versions/1/dmp/archive`);
      assert.equal(archived.status, 200, archived.text);
      assert.equal(archived.body.dmp.status, 'Archived');
      assert.equal((await lefort.post<Json>(`/documents/${doc.id}/versions/1/dmp/archive`)).status, 409);
      assert.equal((await lefort.post<Json>(`/documents/${doc.id}/versions/1/dmp/unarchive`)).body.dmp.status, 'Approved');
    });

    test('a parked submission is retried through the API; a DMP refusal carries its field', async () => {
      const patientId = await qualifiedPatient(stack.store, ICO, actor);
      const setId = `1.2.250.1.999.8.${Date.now()}`;
      const doc = await signedDocument(stack.store, patientId, setId, undefined, actor);
      dmp.faults.push({ transient: true, code: 'http-503', match: setId }, { transient: true, code: 'http-503', match: setId });
      assert.equal((await lefort.post(`/documents/${doc.id}/versions/1/submit`, undefined, { 'if-match': `"${doc.version}"` })).status, 200);
      let row: Json = {};
      for (let i = 0; i < 200 && row.state !== 'parked'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        row = (await lefort.get<Json>(`/documents/${doc.id}/versions/1/submissions`)).body.items[0];
      }
      assert.equal(row.state, 'parked');
      assert.deepEqual([row.stateDetail, row.reason.code], ['retries-exhausted', 'http-503']);
      assert.equal((await laborde.post(`/submissions/${row.id}/retry`)).status, 404);
      const retried = await lefort.post<Json>(`/submissions/${row.id}/retry`);
      assert.equal(retried.status, 200);
      assert.equal(retried.body.state, 'queued');
      for (let i = 0; i < 200 && row.state !== 'accepted'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        row = (await lefort.get<Json>(`/documents/${doc.id}/versions/1/submissions`)).body.items[0];
      }
      assert.equal(row.state, 'accepted');
      assert.equal((await lefort.post<Json>(`/submissions/${row.id}/retry`)).status, 409);
    });
  });
}
