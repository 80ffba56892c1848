// How the client gets a bearer token. Browser apps behind the platform's BFF use cookies (`credentials: 'include'`)
// and need no token provider; vendor backends pass one.

export interface GetTokenOptions {
  /** Get a new token even if the current one looks valid (the SDK sets it after a 401). */
  forceRefresh?: boolean;
  /**
   * The token the server just refused. A provider may skip the refresh when its current token is already another one
   * (refreshed meanwhile by a concurrent call), so a burst of 401s costs one refresh.
   */
  rejectedToken?: string;
  signal?: AbortSignal;
}

export interface TokenProvider {
  getToken(options?: GetTokenOptions): Promise<string>;
}

/** A provider returning a fixed token (scripts, tests). It cannot refresh: a 401 ends in DccAuthenticationError. */
export function createStaticTokenProvider(token: string): TokenProvider {
  if (typeof token !== 'string' || token === '') throw new TypeError('createStaticTokenProvider: token must be a non-empty string');
  return { getToken: () => Promise.resolve(token) };
}
