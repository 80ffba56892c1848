// A PSC login through the emulator as a confidential client would make it (openid-client:
// discovery, PKCE, state, nonce, acr eidas1, the emulator's login page over real HTTP, the code
// grant), returning the configuration and the token response: what a vendor backend holding a
// PSC access token has. The one copy of this flow for every package's tests
// (`@dcc-kit/psc-emulator/login`).
import * as oidc from 'openid-client';

import { completeLogin } from './complete-login.js';

/**
 * The authorization request a PSC client makes: PKCE (S256), state, nonce, `openid scope_all`,
 * acr `eidas1`; `overrides` replace or add parameters (the emulator's tests of refused requests).
 * Keep `verifier`, `state` and `nonce` for the code grant.
 */
export async function pscAuthorizationRequest(
  config: oidc.Configuration,
  redirectUri: string,
  overrides: Record<string, string> = {},
): Promise<{ url: URL; verifier: string; state: string; nonce: string }> {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid scope_all',
    acr_values: 'eidas1',
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    ...overrides,
  });
  return { url, verifier, state, nonce };
}

/** Logs `user` (an IdNat_PS of the emulator) in through the emulator and returns the tokens. */
export async function pscLogin(args: {
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  user: string;
}): Promise<{ config: oidc.Configuration; tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers }> {
  const config = await oidc.discovery(new URL(args.discoveryUrl), args.clientId, args.clientSecret, undefined, {
    execute: [oidc.allowInsecureRequests],
  });
  const { url, verifier, state, nonce } = await pscAuthorizationRequest(config, args.redirectUri);
  const callback = await completeLogin(url.href, { user: args.user });
  const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: true,
  });
  if (tokens.claims()?.acr !== 'eidas1') throw new Error('unexpected acr');
  return { config, tokens };
}
