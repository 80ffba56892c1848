import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { API_VERSION, createDccClient, retryOnPreconditionFailed, type DccClientOptions } from './client.js';
import {
  DccAuthenticationError,
  DccConflictError,
  DccError,
  DccNetworkError,
  DccNotFoundError,
  DccPreconditionFailedError,
  DccRateLimitError,
  DccTimeoutError,
  DccValidationError,
} from './errors.js';
import { backoffDelay, parseRetryAfter, type RequestInfo } from './transport.js';
import type { TokenProvider } from './token-provider.js';
import type { PatientInput } from './types.js';

interface Recorded {
  method: string;
  url: URL;
  headers: Headers;
  body: string | undefined;
  credentials: RequestCredentials | undefined;
}

type Handler = (req: Recorded, signal: AbortSignal | undefined) => Response | Promise<Response>;

/** A fetch answering from a script of handlers (the last one repeats), recording every request. */
function scriptedFetch(...handlers: Handler[]) {
  const calls: Recorded[] = [];
  const fetchImpl = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const req: Recorded = {
      method: init.method ?? 'GET',
      url: new URL(String(input)),
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? init.body : undefined,
      credentials: init.credentials,
    };
    calls.push(req);
    if (init.signal?.aborted) throw init.signal.reason;
    const handler = handlers[Math.min(calls.length - 1, handlers.length - 1)];
    assert.ok(handler);
    return handler(req, init.signal ?? undefined);
  };
  return { fetch: fetchImpl as typeof fetch, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const problem = (status: number, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: 'test', title: 'Problème', status, requestId: 'req-p', ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json', 'x-request-id': 'req-p', ...headers },
  });
const networkError = () => {
  throw new TypeError('fetch failed');
};

const BASE = 'https://dcc.example.test/api';
const FAST_RETRY = { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 20 };

function client(fetchImpl: typeof fetch, extra: Partial<DccClientOptions> = {}) {
  return createDccClient({ baseUrl: BASE, fetch: fetchImpl, retry: FAST_RETRY, ...extra });
}

const PATIENT: PatientInput = {
  ins: { value: '255081416802538', oid: '1.2.250.1.213.1.4.10' },
  identityStatus: 'qualified',
  traits: { birthName: 'DUPONTEL', firstNames: ['Jeanne'], birthDate: '1955-08-14', sex: 'F' },
  structureId: '492805973',
};
const PATIENT_OUT = { ...PATIENT, id: 'p1', version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };

describe('createDccClient', () => {
  it('requires a usable fetch and an absolute base URL', () => {
    const original = globalThis.fetch;
    try {
      (globalThis as { fetch?: typeof fetch }).fetch = undefined;
      assert.throws(() => createDccClient({ baseUrl: BASE }), /no fetch implementation found; pass one with the `fetch` option/);
    } finally {
      globalThis.fetch = original;
    }
    assert.throws(() => createDccClient({ baseUrl: '/api', fetch: original }), /absolute URL/);
  });

  it('sends the API version, activity, credentials and JSON body; returns data, ETag and request id', async () => {
    const { fetch, calls } = scriptedFetch(() => json(201, PATIENT_OUT, { etag: '"1"', 'x-request-id': 'req-1' }));
    const c = client(fetch, { credentials: 'include', activityId: 'act-1' });
    const res = await c.patients.create(PATIENT);
    assert.deepEqual(res.data, PATIENT_OUT);
    assert.equal(res.etag, '"1"');
    assert.equal(res.requestId, 'req-1');
    assert.equal(res.status, 201);
    const [call] = calls;
    assert.ok(call);
    assert.equal(call.method, 'POST');
    assert.equal(call.url.href, `${BASE}/patients`);
    assert.equal(call.headers.get('dcc-api-version'), API_VERSION);
    assert.equal(API_VERSION, '2026-11-01');
    assert.equal(call.headers.get('x-dcc-activity'), 'act-1');
    assert.equal(call.headers.get('content-type'), 'application/json');
    assert.match(call.headers.get('idempotency-key') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(call.headers.get('authorization'), null);
    assert.equal(call.credentials, 'include');
    assert.deepEqual(JSON.parse(call.body ?? ''), PATIENT);
  });

  it('passes If-Match on writes and refuses a write without it', async () => {
    const { fetch, calls } = scriptedFetch(() => json(200, PATIENT_OUT, { etag: '"2"' }));
    const c = client(fetch);
    const res = await c.patients.update('p1', PATIENT, { ifMatch: '"1"' });
    assert.equal(res.etag, '"2"');
    assert.equal(calls[0]?.headers.get('if-match'), '"1"');
    assert.equal(calls[0]?.method, 'PUT');
    await assert.rejects(
      c.documents.saveVersion('d1', { model: {} }, { ifMatch: '' }),
      /documents.saveVersion: options.ifMatch .* is required/,
    );
    assert.equal(calls.length, 1);
  });

  it('retries GETs on 502/503/504 and network errors with backoff, then succeeds', async () => {
    const { fetch, calls } = scriptedFetch(
      () => problem(503),
      networkError,
      () => problem(504),
      () => json(200, PATIENT_OUT, { etag: '"1"' }),
    );
    const attempts: number[] = [];
    const c = client(fetch, { onRequest: (info: RequestInfo) => attempts.push(info.attempt) });
    const res = await c.patients.get('p1');
    assert.equal(res.data.id, 'p1');
    assert.equal(calls.length, 4);
    assert.deepEqual(attempts, [0, 1, 2, 3]);
  });

  it('gives up after maxRetries with the last error mapped', async () => {
    const down = scriptedFetch(networkError);
    await assert.rejects(client(down.fetch).patients.get('p1'), (err: unknown) => {
      assert.ok(err instanceof DccNetworkError);
      assert.equal(err.status, undefined);
      return true;
    });
    assert.equal(down.calls.length, 4);
    const unavailable = scriptedFetch(() => problem(503));
    await assert.rejects(client(unavailable.fetch).patients.get('p1'), (err: unknown) => err instanceof DccError && err.status === 503);
    assert.equal(unavailable.calls.length, 4);
  });

  it('reuses one generated Idempotency-Key across the retries of a create, a new one per call, and honours an override', async () => {
    const { fetch, calls } = scriptedFetch(
      () => problem(502),
      networkError,
      () => json(201, PATIENT_OUT),
      () => json(201, PATIENT_OUT),
      () => json(201, PATIENT_OUT),
    );
    const c = client(fetch);
    await c.patients.create(PATIENT);
    const keys = calls.map((call) => call.headers.get('idempotency-key'));
    assert.equal(keys.length, 3);
    assert.ok(keys[0]);
    assert.ok(keys.every((k) => k === keys[0]));
    await c.patients.create(PATIENT);
    assert.notEqual(calls[3]?.headers.get('idempotency-key'), keys[0]);
    await c.patients.create(PATIENT, { idempotencyKey: 'caller-key-1' });
    assert.equal(calls[4]?.headers.get('idempotency-key'), 'caller-key-1');
  });

  it('retries a 409 idempotency-key-in-progress after Retry-After with the same key; other 409s are final', async () => {
    const busy = () => problem(409, { type: 'https://dcc-kit.dev/problems/idempotency-key-in-progress' }, { 'retry-after': '1' });
    const { fetch, calls } = scriptedFetch(busy, () => json(201, PATIENT_OUT));
    const started = Date.now();
    await client(fetch, { retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2000 } }).patients.create(PATIENT);
    assert.ok(Date.now() - started >= 950, 'waited for Retry-After');
    assert.equal(calls.length, 2);
    assert.equal(calls[1]?.headers.get('idempotency-key'), calls[0]?.headers.get('idempotency-key'));
    const duplicate = scriptedFetch(() => problem(409, { type: 'https://dcc-kit.dev/problems/duplicate-ins' }, { 'retry-after': '1' }));
    await assert.rejects(client(duplicate.fetch).patients.create(PATIENT), (err: unknown) => (err as DccError).status === 409);
    assert.equal(duplicate.calls.length, 1);
    const tooLong = scriptedFetch(() => problem(409, { type: 'https://dcc-kit.dev/problems/idempotency-key-in-progress' }, { 'retry-after': '120' }));
    await assert.rejects(client(tooLong.fetch).patients.create(PATIENT), (err: unknown) => (err as DccError).status === 409);
    assert.equal(tooLong.calls.length, 1);
  });

  it('never retries a POST without Idempotency-Key, nor other 4xx', async () => {
    const save = scriptedFetch(() => problem(503));
    await assert.rejects(client(save.fetch).documents.saveVersion('d1', { model: {} }, { ifMatch: '"1"' }), (err: unknown) => (err as DccError).status === 503);
    assert.equal(save.calls.length, 1);
    assert.equal(save.calls[0]?.headers.get('idempotency-key'), null);
    for (const status of [400, 403, 404, 409, 422, 500]) {
      const s = scriptedFetch(() => problem(status));
      await assert.rejects(client(s.fetch).patients.get('p1'));
      assert.equal(s.calls.length, 1, `status ${status}`);
    }
  });

  it('honours Retry-After on 429, and gives up at once when it exceeds maxDelayMs', async () => {
    const ok = scriptedFetch(() => problem(429, {}, { 'retry-after': '1' }), () => json(200, PATIENT_OUT));
    const started = Date.now();
    await client(ok.fetch, { retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2000 } }).patients.get('p1');
    assert.ok(Date.now() - started >= 950, 'waited for Retry-After');
    assert.equal(ok.calls.length, 2);

    const long = scriptedFetch(() => problem(429, {}, { 'retry-after': '120' }));
    await assert.rejects(client(long.fetch).patients.get('p1'), (err: unknown) => {
      assert.ok(err instanceof DccRateLimitError);
      assert.equal(err.retryAfter, 120);
      return true;
    });
    assert.equal(long.calls.length, 1);
  });

  it('computes backoff with full jitter under the cap and parses Retry-After forms', () => {
    const policy = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    assert.equal(backoffDelay(0, policy, () => 1), 100);
    assert.equal(backoffDelay(3, policy, () => 1), 800);
    assert.equal(backoffDelay(6, policy, () => 1), 1000);
    assert.equal(backoffDelay(6, policy, () => 0), 0);
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter(new Date(Date.now() + 5000).toUTCString(), Date.now()) !== undefined, true);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(null), undefined);
  });

  it('aborts: before sending, and during a backoff wait, with an AbortError', async () => {
    const pre = scriptedFetch(() => json(200, PATIENT_OUT));
    const controller = new AbortController();
    controller.abort(new Error('user left the page'));
    await assert.rejects(client(pre.fetch).patients.get('p1', { signal: controller.signal }), (err: unknown) => {
      assert.ok(err instanceof DccError);
      assert.equal(err.name, 'AbortError');
      assert.equal((err.cause as Error).message, 'user left the page');
      return true;
    });
    assert.equal(pre.calls.length, 0);

    const slow = scriptedFetch(() => problem(503));
    const during = new AbortController();
    const c = client(slow.fetch, { retry: { maxRetries: 5, baseDelayMs: 10_000, maxDelayMs: 10_000 } });
    const pending = c.patients.get('p1', { signal: during.signal });
    setTimeout(() => during.abort(), 20);
    const started = Date.now();
    await assert.rejects(pending, { name: 'AbortError' });
    assert.ok(Date.now() - started < 5000);
    assert.equal(slow.calls.length, 1);
  });

  it('times out a hanging request with DccTimeoutError (name TimeoutError)', async () => {
    const hanging = scriptedFetch(
      (_req, signal) =>
        new Promise<Response>((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason));
        }),
    );
    await assert.rejects(client(hanging.fetch, { timeoutMs: 30 }).patients.get('p1'), (err: unknown) => {
      assert.ok(err instanceof DccTimeoutError);
      assert.equal(err.name, 'TimeoutError');
      return true;
    });
    // Per-call timeout wins over the client's.
    await assert.rejects(client(hanging.fetch).patients.get('p1', { timeoutMs: 10 }), DccTimeoutError);
  });

  it('maps statuses to error classes with problem details and field errors', async () => {
    const cases: [number, new (...args: never[]) => DccError][] = [
      [401, DccAuthenticationError],
      [404, DccNotFoundError],
      [409, DccConflictError],
      [412, DccPreconditionFailedError],
      [428, DccPreconditionFailedError],
      [400, DccValidationError],
      [422, DccValidationError],
      [403, DccError],
    ];
    for (const [status, type] of cases) {
      const s = scriptedFetch(() =>
        problem(
          status,
          { detail: 'Détail', errors: [{ path: 'traits.birthDate', code: 'format', message: { fr: 'Date invalide', en: 'Invalid date' } }] },
          status === 412 ? { etag: '"7"' } : {},
        ),
      );
      await assert.rejects(client(s.fetch).patients.get('p1'), (err: unknown) => {
        assert.ok(err instanceof type, `status ${status}: ${String(err)}`);
        const e = err as DccError;
        assert.equal(e.status, status);
        assert.equal(e.requestId, 'req-p');
        assert.equal(e.problem?.detail, 'Détail');
        assert.equal(e.method, 'GET');
        assert.match(e.message, new RegExp(`HTTP ${status}`));
        if (e instanceof DccValidationError) assert.deepEqual(e.fieldErrors.map((f) => f.path), ['traits.birthDate']);
        if (e instanceof DccPreconditionFailedError) {
          assert.equal(e.preconditionRequired, status === 428);
          if (status === 412) assert.equal(e.currentEtag, '"7"');
        }
        return true;
      });
    }
    // A non-JSON error body still maps, without problem details.
    const html = scriptedFetch(() => new Response('<html>bad gateway</html>', { status: 404, headers: { 'content-type': 'text/html' } }));
    await assert.rejects(client(html.fetch).patients.get('p1'), (err: unknown) => err instanceof DccNotFoundError && err.problem === undefined);
  });

  it('never leaks the token, cookies, request body or query values into errors', async () => {
    const SECRET = 'eyJSECRET.ACCESS.TOKEN';
    const tokenProvider: TokenProvider = { getToken: async () => SECRET };
    const s = scriptedFetch(() => problem(422, { errors: [{ path: 'traits.birthName', code: 'pattern', message: { fr: 'x', en: 'x' } }] }));
    const c = client(s.fetch, { tokenProvider });
    let caught: unknown;
    try {
      await c.patients.create(PATIENT);
    } catch (err) {
      caught = err;
    }
    assert.ok(caught instanceof DccValidationError);
    assert.equal(s.calls[0]?.headers.get('authorization'), `Bearer ${SECRET}`);
    const everything = [JSON.stringify(caught), caught.message, String(caught.stack), JSON.stringify(caught.problem)].join('\n');
    assert.ok(!everything.includes(SECRET), 'token not in the error');
    assert.ok(!everything.includes('DUPONTEL'), 'request body not in the error');
    assert.ok(!everything.includes('255081416802538'), 'INS not in the error');

    const search = scriptedFetch(() => problem(500));
    const list = client(search.fetch, { tokenProvider }).patients.list({ ins: '255081416802538', limit: 5 });
    await assert.rejects(list.byPage().next(), (err: unknown) => {
      const e = err as DccError;
      assert.ok(!JSON.stringify(e).includes('255081416802538'));
      assert.ok(!e.message.includes('255081416802538'));
      assert.match(e.url, /ins=REDACTED/);
      assert.match(e.url, /limit=5/);
      return true;
    });
    assert.equal(search.calls[0]?.url.searchParams.get('ins'), '255081416802538');
  });

  it('forces one token refresh on 401 and replays once; a second 401 is an authentication error', async () => {
    const requests: { forceRefresh?: boolean; rejectedToken?: string }[] = [];
    let current = 'token-1';
    const tokenProvider: TokenProvider = {
      async getToken(opts = {}) {
        requests.push({ forceRefresh: opts.forceRefresh ?? false, ...(opts.rejectedToken ? { rejectedToken: opts.rejectedToken } : {}) });
        if (opts.forceRefresh) current = 'token-2';
        return current;
      },
    };
    const s = scriptedFetch(
      (req) => (req.headers.get('authorization') === 'Bearer token-2' ? json(200, PATIENT_OUT) : problem(401)),
    );
    const res = await client(s.fetch, { tokenProvider }).patients.get('p1');
    assert.equal(res.data.id, 'p1');
    assert.equal(s.calls.length, 2);
    assert.deepEqual(requests, [{ forceRefresh: false }, { forceRefresh: true, rejectedToken: 'token-1' }]);

    const always = scriptedFetch(() => problem(401));
    await assert.rejects(client(always.fetch, { tokenProvider }).patients.get('p1'), DccAuthenticationError);
    assert.equal(always.calls.length, 2);
    // Without a token provider (cookie session) a 401 is not replayed.
    const cookie = scriptedFetch(() => problem(401));
    await assert.rejects(client(cookie.fetch).session.get(), DccAuthenticationError);
    assert.equal(cookie.calls.length, 1);
  });

  it('turns a token provider failure into DccAuthenticationError without calling the API', async () => {
    const s = scriptedFetch(() => json(200, PATIENT_OUT));
    const tokenProvider: TokenProvider = { getToken: async () => Promise.reject(new Error('invalid_grant')) };
    await assert.rejects(client(s.fetch, { tokenProvider }).patients.get('p1'), DccAuthenticationError);
    assert.equal(s.calls.length, 0);
  });

  it('paginates lists: items across pages, byPage with nextCursor, resume from a cursor', async () => {
    const pages: Record<string, { items: { id: string }[]; nextCursor: string | null }> = {
      '': { items: [{ id: 'a' }, { id: 'b' }], nextCursor: 'c1' },
      c1: { items: [{ id: 'c' }], nextCursor: 'c2' },
      c2: { items: [{ id: 'd' }], nextCursor: null },
    };
    const s = scriptedFetch((req) => json(200, pages[req.url.searchParams.get('cursor') ?? '']));
    const c = client(s.fetch);
    const ids: string[] = [];
    for await (const p of c.patients.list({ limit: 2 })) ids.push(p.id);
    assert.deepEqual(ids, ['a', 'b', 'c', 'd']);
    assert.deepEqual(s.calls.map((call) => call.url.searchParams.get('limit')), ['2', '2', '2']);
    const cursors: (string | null)[] = [];
    for await (const page of c.documents.list({ patientId: 'p1' }).byPage({ cursor: 'c1' })) cursors.push(page.nextCursor);
    assert.deepEqual(cursors, ['c2', null]);
    assert.equal(s.calls[3]?.url.searchParams.get('patientId'), 'p1');
    assert.equal(s.calls[3]?.url.pathname, '/api/documents');

    const looping = scriptedFetch(() => json(200, { items: [], nextCursor: 'same' }));
    await assert.rejects(async () => {
      for await (const _ of client(looping.fetch).audit.list()) void _;
    }, /cursor already followed/);
  });

  it('gets the CDA as text and builds version paths', async () => {
    const s = scriptedFetch(() => new Response('<ClinicalDocument/>', { status: 200, headers: { 'content-type': 'application/xml' } }));
    const res = await client(s.fetch).documents.getCda('d 1', 2);
    assert.equal(res.data, '<ClinicalDocument/>');
    assert.equal(s.calls[0]?.url.pathname, '/api/documents/d%201/versions/2/cda');
    assert.equal(s.calls[0]?.headers.get('accept'), 'application/xml');
    await assert.rejects(client(s.fetch).documents.getVersion('d1', 0), /positive integer/);
  });

  it('sends validate/sign/submit with If-Match and a retry-safe Idempotency-Key', async () => {
    const s = scriptedFetch(() => problem(503), () => json(200, { documentId: 'd1', number: 1, status: 'validated' }, { etag: '"3"' }));
    const res = await client(s.fetch).documents.validate('d1', 1, { ifMatch: '"2"' });
    assert.equal(res.etag, '"3"');
    assert.equal(s.calls.length, 2);
    assert.equal(s.calls[0]?.url.pathname, '/api/documents/d1/versions/1/validate');
    assert.equal(s.calls[1]?.headers.get('if-match'), '"2"');
    assert.equal(s.calls[0]?.headers.get('idempotency-key'), s.calls[1]?.headers.get('idempotency-key'));
  });

  it('retryOnPreconditionFailed re-reads and re-applies after a 412, and stops after maxAttempts', async () => {
    let version = 1;
    const read = async () => ({ data: { n: version }, etag: `"${version}"`, requestId: undefined, status: 200 });
    const etagsTried: string[] = [];
    const result = await retryOnPreconditionFailed(read, async (current) => {
      etagsTried.push(current.etag);
      if (etagsTried.length === 1) {
        version = 2; // someone else saved in between
        throw new DccPreconditionFailedError({ message: 'stale', method: 'PUT', url: BASE, status: 412 });
      }
      return current.data.n;
    });
    assert.equal(result, 2);
    assert.deepEqual(etagsTried, ['"1"', '"2"']);
    let tries = 0;
    await assert.rejects(
      retryOnPreconditionFailed(read, async () => {
        tries++;
        throw new DccPreconditionFailedError({ message: 'stale', method: 'PUT', url: BASE, status: 412 });
      }, { maxAttempts: 2 }),
      DccPreconditionFailedError,
    );
    assert.equal(tries, 2);
  });
});
