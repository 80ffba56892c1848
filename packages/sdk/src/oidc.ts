// Token provider on openid-client (MIT, same library as the platform server): keeps the PSC access token fresh
// with the refresh-token grant, refreshing ahead of expiry, one refresh at a time for all concurrent callers.
// Entry point `@dcc-kit/sdk/oidc`, so apps that use cookies (BFF) never load openid-client.

import { refreshTokenGrant, type Configuration, type TokenEndpointResponse, type TokenEndpointResponseHelpers } from 'openid-client';

import type { GetTokenOptions, TokenProvider } from './token-provider.js';

/** The token set to start from: an openid-client token response, or the same fields stored by the app. */
export interface OidcTokenSet {
  access_token: string;
  refresh_token?: string | undefined;
  /** Seconds, counted from when the set was obtained (used when `expiresIn()` / `expiresAt` are absent). */
  expires_in?: number | undefined;
  /** openid-client's helper: seconds left, computed from the time of the response. */
  expiresIn?: () => number | undefined;
  /** Absolute expiry in ms since the epoch, when the app stored it; wins over the relative fields. */
  expiresAt?: number | undefined;
}

export type RefreshedTokens = TokenEndpointResponse & TokenEndpointResponseHelpers;

export interface OidcTokenProviderOptions {
  /** openid-client configuration of the confidential client (from `discovery()`). */
  config: Configuration;
  tokens: OidcTokenSet;
  /** Called with every refreshed token set (refresh tokens rotate: persist the new one). */
  onTokens?: (tokens: RefreshedTokens) => void | Promise<void>;
  /** Refresh when less than this is left (default 30 000 ms; PSC access tokens live 1–5 minutes). */
  refreshAheadMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

export interface OidcTokenProvider extends TokenProvider {
  /** Current expiry (ms since epoch), if known. */
  readonly expiresAt: number | undefined;
}

function expiryOf(tokens: OidcTokenSet, now: number): number | undefined {
  if (typeof tokens.expiresAt === 'number') return tokens.expiresAt;
  const left = typeof tokens.expiresIn === 'function' ? tokens.expiresIn() : tokens.expires_in;
  return typeof left === 'number' ? now + left * 1000 : undefined;
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * A TokenProvider refreshing with `refreshTokenGrant`. Concurrent `getToken` calls share one refresh promise
 * (single flight); a caller aborting stops waiting but does not cancel the refresh the others wait for.
 * A failed refresh rejects (the SDK turns it into DccAuthenticationError): treat it as the end of the PSC session.
 */
export function createOidcTokenProvider(options: OidcTokenProviderOptions): OidcTokenProvider {
  const { config, onTokens } = options;
  const refreshAheadMs = options.refreshAheadMs ?? 30_000;
  const now = options.now ?? Date.now;
  if (!options.tokens || typeof options.tokens.access_token !== 'string') {
    throw new TypeError('createOidcTokenProvider: tokens.access_token is required');
  }
  let accessToken = options.tokens.access_token;
  let refreshToken = options.tokens.refresh_token;
  let expiresAt = expiryOf(options.tokens, now());
  let inflight: Promise<string> | undefined;

  const fresh = () => expiresAt === undefined || now() < expiresAt - refreshAheadMs;

  async function refresh(): Promise<string> {
    if (!refreshToken) throw new Error('No refresh token: log in again');
    const response = await refreshTokenGrant(config, refreshToken);
    accessToken = response.access_token;
    refreshToken = response.refresh_token ?? refreshToken;
    expiresAt = expiryOf(response, now());
    await onTokens?.(response);
    return accessToken;
  }

  return {
    get expiresAt() {
      return expiresAt;
    },
    getToken({ forceRefresh = false, rejectedToken, signal }: GetTokenOptions = {}) {
      if (!inflight) {
        const refreshedMeanwhile = rejectedToken !== undefined && rejectedToken !== accessToken;
        if (fresh() && (!forceRefresh || refreshedMeanwhile)) return Promise.resolve(accessToken);
        // Without a refresh token, a not-yet-expired token is still the best answer to a routine call.
        if (!refreshToken && !forceRefresh && expiresAt !== undefined && now() < expiresAt) return Promise.resolve(accessToken);
        inflight = refresh().finally(() => {
          inflight = undefined;
        });
      }
      return raceAbort(inflight, signal);
    },
  };
}
