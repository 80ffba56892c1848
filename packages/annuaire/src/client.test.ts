// The client's retry, pacing and paging rules with a scripted fetch and a fake clock (nothing
// sleeps). The same client against the real fixture server over HTTP: annuaire-simulator's tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnnuaireClient, organizationParams, practitionerParams } from './client.js';
import { AnnuaireError } from './errors.js';
import type { Timing } from './throttle.js';

function fakeTiming(): Timing & { slept: number[]; t: number } {
  const timing = {
    t: 1_700_000_000_000,
    slept: [] as number[],
    now: () => timing.t,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      timing.slept.push(ms);
      timing.t += ms;
    },
  };
  return timing;
}

const bundle = (extra: object = {}) => ({ resourceType: 'Bundle', type: 'searchset', total: 0, entry: [], ...extra });
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/fhir+json', ...headers } });
const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'throttled' }] };

function scripted(...answers: (() => Response | Promise<Response>)[]) {
  const calls: { url: string; headers: Headers }[] = [];
  const fetch = (async (input: URL | RequestInfo, init?: RequestInit) => {
    calls.push({ url: String(input), headers: new Headers(init?.headers) });
    const next = answers.shift();
    if (!next) throw new Error('unexpected call');
    return next();
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

test('the API key goes in ESANTE-API-KEY; 429 is retried after Retry-After, then the Bundle is read', async () => {
  const timing = fakeTiming();
  const { fetch, calls } = scripted(() => json(429, outcome, { 'retry-after': '2' }), () => json(200, bundle({ total: 0 })));
  const client = new AnnuaireClient({ baseUrl: 'http://dir.test/fhir/v2', apiKey: 'k-123', fetch, timing });
  const page = await client.searchOrganizations({ name: 'ico' });
  assert.deepEqual(page, { items: [], total: 0 });
  assert.equal(calls.length, 2);
  assert.equal(calls[0]?.headers.get('ESANTE-API-KEY'), 'k-123');
  assert.equal(new URL(calls[0]!.url).pathname, '/fhir/v2/Organization');
  assert.deepEqual(timing.slept, [2000]);
});

test('a Retry-After beyond retryMaxMs fails at once as rate-limited, with the delay', async () => {
  const { fetch, calls } = scripted(() => json(429, outcome, { 'retry-after': '120' }));
  const client = new AnnuaireClient({ baseUrl: 'http://dir.test/fhir', fetch, timing: fakeTiming(), retryMaxMs: 5000 });
  await assert.rejects(client.searchOrganizations({ name: 'x' }), (e: unknown) => e instanceof AnnuaireError && e.kind === 'rate-limited' && e.retryAfterSeconds === 120 && e.transient);
  assert.equal(calls.length, 1);
});

test('5xx and network failures are retried with exponential back-off, then reported as unavailable', async () => {
  const timing = fakeTiming();
  const { fetch, calls } = scripted(
    () => json(503, outcome),
    () => Promise.reject(new TypeError('fetch failed')),
    () => json(500, outcome),
  );
  const client = new AnnuaireClient({ baseUrl: 'http://dir.test/fhir', fetch, timing, maxRetries: 2, random: () => 1 });
  await assert.rejects(client.searchPractitioners({ name: 'x' }), (e: unknown) => e instanceof AnnuaireError && e.kind === 'unavailable' && e.status === 500);
  assert.equal(calls.length, 3);
  assert.deepEqual(timing.slept, [250, 500]);
});

test('401 and 400 are not retried and keep their OperationOutcome', async () => {
  const denied = scripted(() => json(401, outcome));
  await assert.rejects(
    new AnnuaireClient({ baseUrl: 'http://dir.test/fhir', fetch: denied.fetch, timing: fakeTiming() }).searchOrganizations({}),
    (e: unknown) => e instanceof AnnuaireError && e.kind === 'unauthorized' && e.outcome?.resourceType === 'OperationOutcome' && !e.transient,
  );
  const bad = scripted(() => json(400, outcome));
  await assert.rejects(new AnnuaireClient({ baseUrl: 'http://dir.test/fhir', fetch: bad.fetch, timing: fakeTiming() }).searchOrganizations({}), { kind: 'bad-request' });
  assert.equal(denied.calls.length + bad.calls.length, 2);
});

test('a 200 that is not a searchset Bundle is the directory failing, not an empty result', async () => {
  const { fetch } = scripted(() => json(200, { hello: 1 }));
  await assert.rejects(new AnnuaireClient({ baseUrl: 'http://dir.test/fhir', fetch, timing: fakeTiming(), maxRetries: 0 }).searchOrganizations({}), { kind: 'unavailable' });
});

test('an aborted search stops waiting and says so', async () => {
  const controller = new AbortController();
  const { fetch } = scripted(() => {
    controller.abort();
    return Promise.reject(new DOMException('aborted', 'AbortError'));
  });
  await assert.rejects(new AnnuaireClient({ baseUrl: 'http://dir.test/fhir', fetch, timing: fakeTiming() }).searchOrganizations({}, { signal: controller.signal }), { kind: 'aborted' });
});

test('next links are followed on the directory’s origin only, and the iterators stop at maxPages', async () => {
  const org = (id: string) => ({ resource: { resourceType: 'Organization', id, name: id } });
  const { fetch, calls } = scripted(
    () => json(200, bundle({ total: 9, entry: [org('a')], link: [{ relation: 'next', url: 'http://dir.test/fhir/_page?id=2' }] })),
    () => json(200, bundle({ total: 9, entry: [org('b')], link: [{ relation: 'next', url: 'http://dir.test/fhir/_page?id=3' }] })),
  );
  const client = new AnnuaireClient({ baseUrl: 'http://dir.test/fhir', fetch, timing: fakeTiming(), maxPages: 2 });
  const names: string[] = [];
  for await (const o of client.allOrganizations({ name: 'x' })) names.push(o.name ?? '');
  assert.deepEqual(names, ['a', 'b']);
  assert.equal(calls[1]?.url, 'http://dir.test/fhir/_page?id=2');
  assert.throws(() => client.follow('http://evil.test/fhir/_page?id=2'), { kind: 'bad-request' });
});

test('a burst of calls stays under the documented 17 in any second', async () => {
  const timing = fakeTiming();
  const answers = Array.from({ length: 20 }, () => () => json(200, bundle()));
  const { fetch } = scripted(...answers);
  const client = new AnnuaireClient({ baseUrl: 'http://dir.test/fhir', fetch, timing });
  const start = timing.t;
  await Promise.all(Array.from({ length: 20 }, () => client.searchOrganizations({})));
  // 17 at once, the 18th a second after the first.
  assert.equal(timing.t - start, 1000);
  assert.deepEqual(timing.slept, [1000]);
});

test('query parameters follow §4.2/§4.4', () => {
  assert.deepEqual(practitionerParams({ rpps: '10209801199', specialty: 'SM36' }, 10), [
    ['identifier', '10209801199'],
    ['qualification-code', 'https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale|SM36'],
    ['active', 'true'],
    ['_revinclude', 'PractitionerRole:practitioner'],
    ['_count', '10'],
  ]);
  assert.deepEqual(practitionerParams({ adeli: '012600631', active: false }), [['identifier', '0012600631'], ['_revinclude', 'PractitionerRole:practitioner']]);
  assert.deepEqual(organizationParams({ finess: '492805973', name: 'ico' }), [
    ['identifier', 'https://finess.esante.gouv.fr|492805973'],
    ['name:contains', 'ico'],
    ['active', 'true'],
  ]);
  assert.throws(() => organizationParams({}, 0), RangeError);
});
