import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import * as oidc from 'openid-client';

import { DR_LEFORT, startPscEmulator, type PscEmulator } from '@dcc-kit/psc-emulator';

import { createOidcTokenProvider, type RefreshedTokens } from './oidc.js';
import { pscLogin } from '@dcc-kit/psc-emulator/login';

const CLIENT = { client_id: 'sdk-test', client_secret: 'sdk-test-secret', redirect_uris: ['http://127.0.0.1:9/cb'] };

let psc: PscEmulator;

before(async () => {
  psc = await startPscEmulator({ clients: [CLIENT], accessTokenTtl: 120 });
});
after(() => psc.close());

async function login() {
  const { config, tokens } = await pscLogin({
    discoveryUrl: psc.discoveryUrl,
    clientId: CLIENT.client_id,
    clientSecret: CLIENT.client_secret,
    redirectUri: CLIENT.redirect_uris[0]!,
    user: DR_LEFORT.userinfo.SubjectNameID,
  });
  // Count the token-endpoint calls actually sent to the emulator.
  let tokenCalls = 0;
  const tokenEndpoint = config.serverMetadata().token_endpoint;
  config[oidc.customFetch] = (url, options) => {
    if (url === tokenEndpoint) tokenCalls++;
    return fetch(url, options as RequestInit);
  };
  return { config, tokens, tokenCalls: () => tokenCalls };
}

async function introspect(config: oidc.Configuration, token: string) {
  return (await oidc.tokenIntrospection(config, token)).active;
}

describe('createOidcTokenProvider (against the PSC emulator)', () => {
  it('returns the current token while fresh and refreshes ahead of expiry', async () => {
    const { config, tokens, tokenCalls } = await login();
    let clock = Date.now();
    const provider = createOidcTokenProvider({ config, tokens, now: () => clock, refreshAheadMs: 30_000 });
    assert.equal(await provider.getToken(), tokens.access_token);
    assert.equal(tokenCalls(), 0);
    clock += 95_000; // 120 s token: 25 s left < 30 s ahead
    const refreshed = await provider.getToken();
    assert.notEqual(refreshed, tokens.access_token);
    assert.equal(tokenCalls(), 1);
    assert.equal(await introspect(config, refreshed), true);
  });

  it('single-flight: N concurrent forced refreshes cost one refresh, and the rotated refresh token is reported', async () => {
    const { config, tokens, tokenCalls } = await login();
    const seen: RefreshedTokens[] = [];
    const provider = createOidcTokenProvider({ config, tokens, onTokens: (t) => void seen.push(t) });
    const results = await Promise.all(Array.from({ length: 10 }, () => provider.getToken({ forceRefresh: true })));
    assert.equal(tokenCalls(), 1);
    assert.equal(new Set(results).size, 1);
    assert.notEqual(results[0], tokens.access_token);
    assert.equal(seen.length, 1);
    assert.ok(seen[0]?.refresh_token && seen[0].refresh_token !== tokens.refresh_token, 'refresh token rotated');
    // A 401 storm after the refresh: callers name the token refused, which is no longer current → no new refresh.
    const again = await Promise.all(
      Array.from({ length: 5 }, () => provider.getToken({ forceRefresh: true, rejectedToken: tokens.access_token })),
    );
    assert.deepEqual(new Set(again), new Set(results));
    assert.equal(tokenCalls(), 1);
    // The next forced refresh uses the rotated refresh token (the old one would be refused by PSC).
    await provider.getToken({ forceRefresh: true });
    assert.equal(tokenCalls(), 2);
  });

  it('lets a waiting caller abort without cancelling the shared refresh', async () => {
    const { config, tokens } = await login();
    const provider = createOidcTokenProvider({ config, tokens });
    const controller = new AbortController();
    const aborted = provider.getToken({ forceRefresh: true, signal: controller.signal });
    const other = provider.getToken({ forceRefresh: true });
    controller.abort(new Error('gave up'));
    await assert.rejects(aborted, /gave up/);
    assert.notEqual(await other, tokens.access_token);
  });

  it('rejects when the refresh token is refused (end of the PSC session)', async () => {
    const { config, tokens } = await login();
    // Use the refresh token once elsewhere: PSC-style rotation makes the provider's copy invalid.
    await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    const provider = createOidcTokenProvider({ config, tokens });
    await assert.rejects(provider.getToken({ forceRefresh: true }), (err: unknown) => err instanceof oidc.ResponseBodyError && err.error === 'invalid_grant');
  });
});
