import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import * as oidc from 'openid-client';

import { completeLogin, completeLogout } from './complete-login.js';
import { pscAuthorizationRequest } from './psc-login.js';
import { PSC_ACR, startPscEmulator, type PscEmulator } from './emulator.js';
import { renderLoginPage, renderLogoutPage } from './pages.js';
import { DR_LABORDE, DR_LEFORT, IDE_MARCHAND } from './users.js';

const CLIENT_ID = 'dcc-test';
const CLIENT_SECRET = 'dcc-test-secret';
const JWT_CLIENT_ID = 'dcc-test-jwt-userinfo';
// Nothing listens there: completeLogin stops at the first redirect leaving the emulator.
const REDIRECT_URI = 'http://127.0.0.1:9/auth/callback';
const POST_LOGOUT_URI = 'http://127.0.0.1:9/logged-out';

let emulator: PscEmulator;
let config: oidc.Configuration;
let basicConfig: oidc.Configuration;

async function discover(auth: oidc.ClientAuth, clientId = CLIENT_ID): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(emulator.discoveryUrl), clientId, undefined, auth, {
    execute: [oidc.allowInsecureRequests],
  });
}

const authorizationRequest = (overrides: Record<string, string> = {}, auth = config) => pscAuthorizationRequest(auth, REDIRECT_URI, overrides);

async function login(user: string, auth = config) {
  const request = await authorizationRequest({}, auth);
  const callback = await completeLogin(request.url.href, { user });
  const tokens = await oidc.authorizationCodeGrant(auth, new URL(callback), {
    pkceCodeVerifier: request.verifier,
    expectedState: request.state,
    expectedNonce: request.nonce,
    idTokenExpected: true,
  });
  return { tokens, callback };
}

before(async () => {
  emulator = await startPscEmulator({
    clients: [
      { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [REDIRECT_URI], post_logout_redirect_uris: [POST_LOGOUT_URI] },
      { client_id: JWT_CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [REDIRECT_URI], userinfo_signed_response_alg: 'RS256' },
    ],
    accessTokenTtl: 60,
  });
  config = await discover(oidc.ClientSecretPost(CLIENT_SECRET));
  basicConfig = await discover(oidc.ClientSecretBasic(CLIENT_SECRET));
});

after(async () => {
  await emulator.close();
});

describe('PSC emulator', () => {
  it('serves discovery at the PSC wallet path and the standard path, with PSC endpoint paths', async () => {
    const metadata = config.serverMetadata();
    assert.equal(metadata.issuer, emulator.issuer);
    assert.match(emulator.issuer, /^http:\/\/127\.0\.0\.1:\d+\/auth\/realms\/esante-wallet$/);
    assert.equal(metadata.token_endpoint, `${emulator.issuer}/protocol/openid-connect/token`);
    assert.equal(metadata.userinfo_endpoint, `${emulator.issuer}/protocol/openid-connect/userinfo`);
    assert.equal(metadata.introspection_endpoint, `${emulator.issuer}/protocol/openid-connect/token/introspect`);
    assert.equal(metadata.end_session_endpoint, `${emulator.issuer}/protocol/openid-connect/logout`);
    assert.equal(metadata.jwks_uri, `${emulator.issuer}/protocol/openid-connect/certs`);
    assert.deepEqual(metadata.code_challenge_methods_supported, ['S256']);
    assert.ok(metadata.scopes_supported?.includes('scope_all'));
    assert.deepEqual(metadata.acr_values_supported, ['eidas1']);
    const standard = await fetch(`${emulator.issuer}/.well-known/openid-configuration`).then((r) => r.json());
    assert.equal((standard as { issuer: string }).issuer, emulator.issuer);
  });

  it('runs authorization code + PKCE + nonce and issues an eidas1 ID token (client_secret_post)', async () => {
    const { tokens, callback } = await login(DR_LEFORT.userinfo.SubjectNameID);
    const cb = new URL(callback);
    assert.equal(cb.searchParams.get('iss'), emulator.issuer);
    const claims = tokens.claims();
    assert.ok(claims);
    assert.equal(claims.acr, PSC_ACR);
    assert.equal(claims.preferred_username, DR_LEFORT.userinfo.SubjectNameID);
    assert.equal(claims.given_name, 'Camille');
    assert.equal(claims.sub, DR_LEFORT.sub);
    assert.equal(typeof claims.auth_time, 'number');
    assert.equal(claims.SubjectRefPro, undefined, 'the ID token stays small; SubjectRefPro is a UserInfo claim');
    assert.equal(tokens.token_type.toLowerCase(), 'bearer');
    assert.ok(tokens.expires_in && tokens.expires_in <= 60);
    assert.ok(tokens.refresh_token);
  });

  it('returns the PSC scope_all claim set from UserInfo (client_secret_basic login)', async () => {
    const { tokens } = await login(DR_LEFORT.userinfo.SubjectNameID, basicConfig);
    const info = await oidc.fetchUserInfo(basicConfig, tokens.access_token, DR_LEFORT.sub);
    assert.equal(info.SubjectNameID, '810209801199');
    assert.deepEqual(info.SubjectRole, ['10^1.2.250.1.213.1.1.5.5']);
    assert.equal(info.Secteur_Activite, 'SA03^1.2.250.1.71.4.2.4');
    assert.deepEqual(info.SubjectRefPro, DR_LEFORT.userinfo.SubjectRefPro);
    const activities = DR_LEFORT.userinfo.SubjectRefPro.exercices[0]?.activities ?? [];
    assert.deepEqual(activities.map((a) => a.numeroFinessSite || a.numeroSiretSite), ['492805973', '49231874600012']);
    assert.deepEqual(info.otherIds, [{ identifiant: '10209801199', origine: 'RPPS', qualite: 1 }]);
  });

  it('serves UserInfo as a signed application/jwt to clients registered for it', async () => {
    const jwtConfig = await discover(oidc.ClientSecretBasic(CLIENT_SECRET), JWT_CLIENT_ID);
    const { tokens } = await login(IDE_MARCHAND.userinfo.SubjectNameID, jwtConfig);
    const raw = await fetch(jwtConfig.serverMetadata().userinfo_endpoint!, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.match(raw.headers.get('content-type') ?? '', /^application\/jwt/);
    assert.equal((await raw.text()).split('.').length, 3);
    const info = await oidc.fetchUserInfo(jwtConfig, tokens.access_token, IDE_MARCHAND.sub);
    assert.equal(info.SubjectNameID, IDE_MARCHAND.userinfo.SubjectNameID);
    assert.deepEqual(info.SubjectRole, ['60^1.2.250.1.213.1.1.5.5']);
  });

  it('rotates refresh tokens and rejects a reused one', async () => {
    const { tokens } = await login(DR_LABORDE.userinfo.SubjectNameID);
    const first = tokens.refresh_token;
    assert.ok(first);
    const refreshed = await oidc.refreshTokenGrant(config, first);
    assert.ok(refreshed.refresh_token);
    assert.notEqual(refreshed.refresh_token, first);
    assert.notEqual(refreshed.access_token, tokens.access_token);
    await assert.rejects(oidc.refreshTokenGrant(config, first), (err: unknown) => {
      assert.ok(err instanceof oidc.ResponseBodyError);
      assert.equal(err.error, 'invalid_grant');
      return true;
    });
  });

  it('introspects access tokens with the §3.7 fields including SubjectNameID', async () => {
    const { tokens } = await login(DR_LABORDE.userinfo.SubjectNameID);
    const result = await oidc.tokenIntrospection(basicConfig, tokens.access_token);
    assert.equal(result.active, true);
    assert.equal(result.SubjectNameID, DR_LABORDE.userinfo.SubjectNameID);
    assert.equal(result.preferred_username, DR_LABORDE.userinfo.SubjectNameID);
    assert.equal(result.acr, PSC_ACR);
    assert.equal(result.client_id, CLIENT_ID);
    assert.equal(result.sub, DR_LABORDE.sub);
    assert.ok(result.scope?.split(' ').includes('scope_all'));
    assert.ok(typeof result.exp === 'number' && result.exp > Date.now() / 1000);
    const bogus = await oidc.tokenIntrospection(basicConfig, 'not-a-token');
    assert.equal(bogus.active, false);
    // Introspection demands client authentication.
    const anonymous = await fetch(config.serverMetadata().introspection_endpoint!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.access_token }),
    });
    assert.equal(anonymous.status, 400);
    // Revocation (by the client the token was issued to) makes the token inactive.
    await oidc.tokenRevocation(basicConfig, tokens.access_token);
    assert.equal((await oidc.tokenIntrospection(basicConfig, tokens.access_token)).active, false);
  });

  it('renders a logout confirmation that submits itself with logout=yes inside the CSRF form', () => {
    const html = renderLogoutPage('<form id="op.logoutForm" method="post" action="/x"><input type="hidden" name="xsrf" value="abc"/></form>');
    assert.match(html, /<form id="op\.logoutForm"[^>]*>.*name="xsrf".*name="logout" value="yes".*<\/form>/s);
    assert.match(html, /document\.getElementById\('op\.logoutForm'\)\.submit\(\)/);
    assert.match(renderLoginPage([DR_LEFORT], '<client>'), /&#60;client&#62;/);
  });

  it('honours RP-initiated logout with id_token_hint, post_logout_redirect_uri and state', async () => {
    const { tokens } = await login(DR_LEFORT.userinfo.SubjectNameID);
    const endSession = oidc.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: POST_LOGOUT_URI,
      state: 'logout-state-1',
    });
    const landing = new URL(await completeLogout(endSession.href));
    assert.equal(`${landing.origin}${landing.pathname}`, POST_LOGOUT_URI);
    assert.equal(landing.searchParams.get('state'), 'logout-state-1');
    const unregistered = oidc.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: 'http://127.0.0.1:9/elsewhere',
    });
    await assert.rejects(completeLogout(unregistered.href), /post_logout_redirect_uri not registered/);
  });

  it('refuses acr_values other than eidas1, a missing nonce, a missing scope_all and missing PKCE', async () => {
    for (const [overrides, expected] of [
      [{ acr_values: 'eidas2' }, 'invalid_request'],
      [{ scope: 'openid' }, 'invalid_scope'],
    ] as const) {
      const request = await authorizationRequest(overrides);
      const callback = new URL(await completeLogin(request.url.href, { user: DR_LEFORT.userinfo.SubjectNameID }));
      assert.equal(callback.searchParams.get('error'), expected, JSON.stringify(overrides));
      assert.equal(callback.searchParams.get('state'), request.state);
    }
    const noNonce = await authorizationRequest();
    noNonce.url.searchParams.delete('nonce');
    const noNonceCallback = new URL(await completeLogin(noNonce.url.href, { user: DR_LEFORT.userinfo.SubjectNameID }));
    assert.equal(noNonceCallback.searchParams.get('error'), 'invalid_request');
    const noPkce = await authorizationRequest();
    noPkce.url.searchParams.delete('code_challenge');
    noPkce.url.searchParams.delete('code_challenge_method');
    const noPkceCallback = new URL(await completeLogin(noPkce.url.href, { user: DR_LEFORT.userinfo.SubjectNameID }));
    assert.equal(noPkceCallback.searchParams.get('error'), 'invalid_request');
  });

  it('rejects a wrong client secret and an unknown test user', async () => {
    const wrong = await discover(oidc.ClientSecretBasic('not-the-secret'));
    const request = await authorizationRequest();
    const callback = await completeLogin(request.url.href, { user: DR_LEFORT.userinfo.SubjectNameID });
    await assert.rejects(
      oidc.authorizationCodeGrant(wrong, new URL(callback), {
        pkceCodeVerifier: request.verifier,
        expectedState: request.state,
        expectedNonce: request.nonce,
      }),
      (err: unknown) => (err as { status?: number }).status === 401,
    );
    const other = await authorizationRequest();
    await assert.rejects(completeLogin(other.url.href, { user: '899999999999' }), /answered 400/);
  });
});
