// The SDK's identity methods: paths, If-Match, body, the typed answer and the 503 of INSi down.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDccClient } from './client.js';
import { DccError } from './errors.js';

function recordingFetch(respond: (method: string, url: URL) => Response) {
  const calls: Array<{ method: string; url: URL; headers: Headers; body?: string }> = [];
  const fetchImpl = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const method = init.method ?? 'GET';
    const url = new URL(String(input));
    calls.push({ method, url, headers: new Headers(init.headers), ...(typeof init.body === 'string' ? { body: init.body } : {}) });
    return respond(method, url);
  };
  return { fetch: fetchImpl as typeof fetch, calls };
}

const state = { patientId: 'p1', version: 4, status: 'qualified', findings: [], submittable: true };
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', etag: '"4"' } });

describe('identity', () => {
  it('reads the state and posts the three transitions with If-Match', async () => {
    const { fetch, calls } = recordingFetch((method, url) =>
      url.pathname.endsWith('/insi-search') ? json({ outcome: 'several', code: '02', attempts: 3, identity: state }) : json(state));
    const client = createDccClient({ baseUrl: 'https://dcc.test/api', fetch });
    assert.equal((await client.identity.get('p1')).data.status, 'qualified');
    const searched = await client.identity.searchInsi('p1', { ifMatch: '"3"' });
    assert.equal(searched.data.outcome, 'several');
    await client.identity.verifyInsi('p1', { ifMatch: '"3"' });
    await client.identity.recordDocument('p1', { document: 'passport' }, { ifMatch: '"3"' });
    assert.deepEqual(calls.map((c) => `${c.method} ${c.url.pathname}`), [
      'GET /api/patients/p1/identity',
      'POST /api/patients/p1/identity/insi-search',
      'POST /api/patients/p1/identity/insi-verify',
      'POST /api/patients/p1/identity/validation',
    ]);
    assert.deepEqual(calls.slice(1).map((c) => c.headers.get('if-match')), ['"3"', '"3"', '"3"']);
    assert.equal(calls[3]!.body, '{"document":"passport"}');
  });

  it('refuses a write without If-Match before any request', async () => {
    const { fetch, calls } = recordingFetch(() => json(state));
    const client = createDccClient({ baseUrl: 'https://dcc.test', fetch });
    await assert.rejects(client.identity.searchInsi('p1', {} as never), TypeError);
    assert.equal(calls.length, 0);
  });

  it('INSi down is a DccError with status 503 and the problem type', async () => {
    const { fetch } = recordingFetch(() => new Response(JSON.stringify({ type: 'https://dcc-kit.dev/problems/insi-unavailable', title: 'INSi indisponible', status: 503 }), { status: 503, headers: { 'content-type': 'application/problem+json' } }));
    const client = createDccClient({ baseUrl: 'https://dcc.test', fetch, retry: { maxRetries: 0 } });
    await assert.rejects(client.identity.verifyInsi('p1', { ifMatch: '"1"' }), (e: unknown) => e instanceof DccError && e.status === 503 && /insi-unavailable/.test(e.problem?.type ?? ''));
  });
});
