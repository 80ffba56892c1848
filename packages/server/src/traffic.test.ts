// Hostile and heavy traffic: traffic limits (per client address, per professional, in flight)
// answered 429 with Retry-After; a bearer token revoked at PSC stops working within the
// bearer cache (5 s, injected clock); forged bearer tokens do not each cost an introspection;
// anonymous logins store nothing. Each store (PGlite always, PostgreSQL when configured).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import { completeLogin, DR_LEFORT } from '@dcc-kit/psc-emulator';
import { pscLogin } from '@dcc-kit/psc-emulator/login';
import { createServer, type DccServer } from './app.js';
import { openStore, serverConfigOf } from './main-config.js';
import { DEFAULT_LIMITS } from './middleware/rate-limit.js';
import { TokenBuckets } from './middleware/rate-limit.js';
import type { Professional } from './auth/professional.js';
import type { Store } from './store/store.js';
import { ApiClient, postgresTarget, startStack, type Stack, type StoreKind } from './testing/harness.js';

/** A clock the test moves by hand. */
function manualClock() {
  let t = Date.now();
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('token buckets', () => {
  test('a burst, then one token per 1/rate seconds; the wait is said in whole seconds', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets({ perSecond: 2, burst: 3 }, clock.now);
    assert.deepEqual([buckets.take('a'), buckets.take('a'), buckets.take('a')], [0, 0, 0]);
    assert.equal(buckets.take('a'), 1, 'empty: wait 1 s');
    assert.equal(buckets.take('b'), 0, 'keys are independent');
    clock.advance(500);
    assert.equal(buckets.take('a'), 0, 'half a second gives one token at 2/s');
    assert.equal(buckets.take('a'), 1);
    clock.advance(60_000);
    assert.deepEqual([buckets.take('a'), buckets.take('a'), buckets.take('a'), buckets.take('a')], [0, 0, 0, 1], 'never more than the burst');
  });
});

describe('limits and signers from the environment', () => {
  test('defaults, overrides, and a wrong value stops the start naming the variable', () => {
    assert.deepEqual(serverConfigOf({}).limits, DEFAULT_LIMITS);
    const config = serverConfigOf({ DCC_LIMIT_CLIENT: '5/20', DCC_LIMIT_CLIENT_CONCURRENCY: '3', DCC_BEARER_CACHE_MS: '2000', DCC_SIGNER_PROFESSIONS: '10, 21' });
    assert.deepEqual(config.limits.perClient, { perSecond: 5, burst: 20 });
    assert.equal(config.limits.concurrentPerClient, 3);
    assert.equal(config.bearerCacheMs, 2000);
    assert.deepEqual(config.signerProfessions, ['10', '21']);
    assert.throws(() => serverConfigOf({ DCC_LIMIT_PROFESSIONAL: 'lots' }), /DCC_LIMIT_PROFESSIONAL/);
  });
});

describe('traffic limits over HTTP (no identity provider)', () => {
  let store: Store;
  let app: DccServer;
  let url: string;
  const clock = manualClock();
  const waiting: Array<() => void> = [];
  const release = () => waiting.splice(0).forEach((resolve) => resolve());
  // Who waits for /slow to hold a number of requests (they reached the handler: their slots are taken).
  let whenWaiting: { count: number; resolve: () => void } | undefined;
  const slowRequestsWaiting = (count: number) =>
    new Promise<void>((resolve) => {
      if (waiting.length >= count) resolve();
      else whenWaiting = { count, resolve };
    });
  const doctor = (idNatPs: string): Professional => ({ idNatPs, givenName: null, familyName: 'X', roles: [], activities: [] });

  before(async () => {
    store = await openStore({ memory: true });
    app = createServer({
      store,
      sessionKey: randomBytes(32),
      oidc: { discoveryUrl: 'http://127.0.0.1:1/x', clientId: 'a', clientSecret: 'b' },
      logger: () => undefined,
      now: clock.now,
      limits: { perClient: { perSecond: 1, burst: 5 }, perProfessional: { perSecond: 1, burst: 3 }, concurrentPerClient: 2, streamsPerProfessional: 2 },
    });
    // Bearer tokens "t-<idNatPs>" stand for verified professionals (the limits are under test, not PSC).
    app.auth.bearer = async (token: string) => (token.startsWith('t-') ? doctor(token.slice(2)) : undefined);
    app.router.add('GET', '/slow', () =>
      new Promise((resolve) => {
        waiting.push(() => resolve({ status: 200, body: {} }));
        if (whenWaiting && waiting.length >= whenWaiting.count) whenWaiting.resolve();
      }),
    );
    url = (await app.listen(0)).url;
  });
  after(async () => {
    release();
    await app?.close();
    await store?.close();
  });

  test('per client: the burst passes, then 429 problem+json with Retry-After; time refills; /health is never limited', async () => {
    clock.advance(60_000);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetch(`${url}/patients`)).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
    const refused = await fetch(`${url}/patients`);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '1');
    assert.match(refused.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.match(((await refused.json()) as { type: string }).type, /too-many-requests$/);
    for (let i = 0; i < 10; i++) assert.equal((await fetch(`${url}/health`)).status, 200);
    clock.advance(1000);
    assert.equal((await fetch(`${url}/patients`)).status, 401, 'one more token after a second');
  });

  test('per professional: a professional over the limit gets 429, another one is still served', async () => {
    clock.advance(60_000);
    const as = (who: string) => fetch(`${url}/documents`, { headers: { authorization: `Bearer t-${who}` } });
    const statuses = [(await as('899700000001')).status, (await as('899700000001')).status, (await as('899700000001')).status, (await as('899700000001')).status];
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    assert.equal((await as('899700000002')).status, 200);
  });

  test('in flight: a client with 2 requests running gets 429 for a third, and is served once one ends', async () => {
    clock.advance(60_000);
    const first = fetch(`${url}/slow`);
    const second = fetch(`${url}/slow`);
    await slowRequestsWaiting(2);
    assert.equal((await fetch(`${url}/patients`)).status, 429);
    release();
    assert.deepEqual([(await first).status, (await second).status], [200, 200]);
    assert.equal((await fetch(`${url}/patients`)).status, 401);
  });

  test('a stream whose client left while its handler ran starts closed (it does not wait for nobody)', async () => {
    clock.advance(60_000);
    let startedClosed: (aborted: boolean) => void;
    const started = new Promise<boolean>((resolve) => (startedClosed = resolve));
    let handlerReached: () => void;
    const reached = new Promise<void>((resolve) => (handlerReached = resolve));
    // The handler answers only once the client's connection is gone.
    app.router.add('GET', '/late-feed', (ctx) =>
      new Promise((resolve) => {
        ctx.req.socket.once('close', () => resolve({ status: 200, stream: async (_res, closed) => void startedClosed(closed.aborted) }));
        handlerReached();
      }),
    );
    const client = new AbortController();
    const request = fetch(`${url}/late-feed`, { signal: client.signal }).catch((error: unknown) => error);
    await reached;
    client.abort();
    assert.ok((await request) instanceof Error, 'the client gave up');
    assert.equal(await started, true);
  });

  /** Opens GET /events as `who` and reads its first line (the stream is up); closed by `signal`. */
  async function openFeed(who: string, signal: AbortSignal): Promise<Response> {
    const r = await fetch(`${url}/events`, { headers: { authorization: `Bearer t-${who}` }, signal });
    if (r.ok) await r.body!.getReader().read();
    else await r.body?.cancel();
    return r;
  }

  test('change feeds (long-lived GET /events) hold no in-flight slot: with two feeds open, the client is still served', async () => {
    clock.advance(60_000);
    const feeds = new AbortController();
    try {
      assert.equal((await openFeed('899700000011', feeds.signal)).status, 200);
      assert.equal((await openFeed('899700000012', feeds.signal)).status, 200);
      assert.equal((await fetch(`${url}/patients`)).status, 401, 'answered, not 429: the feeds are not requests in progress');
    } finally {
      feeds.abort();
    }
  });

  test('open feeds are bounded per professional: 429 with Retry-After past the bound, another professional still served', async () => {
    clock.advance(60_000);
    const feeds = new AbortController();
    try {
      assert.equal((await openFeed('899700000021', feeds.signal)).status, 200);
      assert.equal((await openFeed('899700000021', feeds.signal)).status, 200);
      clock.advance(60_000); // the professional's token bucket is not what refuses
      const third = await openFeed('899700000021', feeds.signal);
      assert.equal(third.status, 429);
      assert.ok(Number(third.headers.get('retry-after')) > 0);
      assert.equal((await openFeed('899700000022', feeds.signal)).status, 200);
    } finally {
      feeds.abort();
    }
  });
});

/** A PSC access token of DR_LEFORT issued to the server's client (as a vendor backend would hold). */
async function accessToken(stack: Stack): Promise<{ token: string; config: oidc.Configuration }> {
  const { config, tokens } = await pscLogin({ discoveryUrl: stack.psc.discoveryUrl, clientId: 'dcc-server', clientSecret: 'test-secret', redirectUri: `${stack.url}/auth/callback`, user: DR_LEFORT.userinfo.SubjectNameID });
  return { token: tokens.access_token, config };
}

function suite(kind: StoreKind) {
  const target = kind === 'postgres' ? postgresTarget() : {};
  describe(`bearer tokens and logins under attack (${kind})`, { skip: target.skip ?? false }, () => {
    let stack: Stack;
    const clock = manualClock();

    before(async () => {
      stack = await startStack(kind, { server: { now: clock.now } });
    });
    after(async () => stack?.close());

    test('a bearer token revoked at PSC is refused once the 5 s cache has passed', async () => {
      const { token, config } = await accessToken(stack);
      const vendor = new ApiClient(stack.url);
      vendor.bearer = token;
      assert.equal((await vendor.get('/patients')).status, 200);
      await oidc.tokenRevocation(config, token);
      clock.advance(1000);
      assert.equal((await vendor.get('/patients')).status, 200, 'within the cache the verdict is reused');
      clock.advance(5000);
      const refused = await vendor.get('/patients');
      assert.equal(refused.status, 401, 'revoked 6 s ago: refused');
    });

    test('forged bearer tokens: one introspection per token at most, and no more than the failure budget per client', async () => {
      clock.advance(600_000);
      const before = stack.app.auth.introspectionCount;
      const forger = new ApiClient(stack.url);
      forger.bearer = 'forged-token-repeated';
      for (let i = 0; i < 5; i++) assert.equal((await forger.get('/patients')).status, 401);
      assert.equal(stack.app.auth.introspectionCount, before + 1, 'a refused token is remembered');
      const statuses = new Map<number, number>();
      for (let i = 0; i < 100; i++) {
        forger.bearer = `forged-${i}-${randomBytes(8).toString('hex')}`;
        const r = await forger.get('/patients');
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status === 429) assert.ok(Number(r.headers.get('retry-after')) >= 1);
      }
      const calls = stack.app.auth.introspectionCount - before;
      assert.ok(calls <= 10, `100 forged tokens cost ${calls} introspections`);
      assert.deepEqual([...statuses.keys()].sort(), [401, 429]);
    });

    test('300 anonymous GET /auth/login store nothing, and a login still completes', async () => {
      const count = async () => Number((await stack.store.driver.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions'))[0]!.n);
      const stored = await count();
      const anonymous = new ApiClient(stack.url);
      for (let i = 0; i < 300; i += 50)
        await Promise.all(Array.from({ length: 50 }, () => anonymous.get('/auth/login?returnTo=/x', { cookie: '' }).then((r) => assert.equal(r.status, 302))));
      assert.equal(await count(), stored, 'no row per anonymous login');
      const doctor = new ApiClient(stack.url);
      await doctor.login(DR_LEFORT);
      assert.equal(await count(), stored + 1, 'the session itself is stored');
      // A tampered or foreign login cookie is no pending login.
      const tampered = new ApiClient(stack.url);
      tampered.cookies.set('dcc_login', randomBytes(200).toString('base64url'));
      assert.equal((await tampered.get('/auth/callback?code=x&state=y')).status, 401);
    });

    test('a pending login ends after 10 minutes', async () => {
      const client = new ApiClient(stack.url);
      const start = await client.get('/auth/login');
      const callback = await completeLogin(start.headers.get('location')!, { user: DR_LEFORT.userinfo.SubjectNameID });
      clock.advance(11 * 60_000);
      const late = await client.get(`${new URL(callback).pathname}${new URL(callback).search}`);
      assert.equal(late.status, 401);
    });
  });
}

suite('pglite');
suite('postgres');
