// Pro Santé Connect for the server: BFF login (authorization code + PKCE S256 + nonce +
// state, acr eidas1) with server-side sessions, and bearer tokens verified by introspection.
import * as oidc from 'openid-client';
import type { IncomingMessage } from 'node:http';
import type { Store } from '../store/store.js';
import { SessionCipher, randomToken, sha256 } from '../secrets.js';
import { HttpProblem, parseCookies, problems } from '../http.js';
import { ClaimsError, professionalFromUserInfo, type Professional } from './professional.js';
import { clientOf, type Clock, type TrafficGuard } from '../middleware/rate-limit.js';

/** Bearer-token checks: how long a verdict of PSC is trusted, the clock, the traffic limits. */
export interface BearerOptions {
  /** How long an active token is trusted without asking PSC again (ms): a revoked token works at most this long. Default 5 s. */
  bearerCacheMs?: number;
  /** How long a token PSC said was not active is refused without asking again (ms). Default 60 s. */
  failedBearerCacheMs?: number;
  now?: Clock;
  guard?: TrafficGuard;
}

export interface PscOptions {
  /** Full discovery URL, e.g. …/auth/realms/esante-wallet/.well-known/wallet-openid-configuration */
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  /** http:// providers (local emulator in tests/dev only). */
  allowInsecureRequests?: boolean;
  /** Where PSC sends the browser back after logout (registered with PSC). Default: publicUrl + '/'. */
  postLogoutRedirectUri?: string;
}

export interface SessionData {
  professional: Professional;
  activeActivityId: string | null;
  draftKey: string;
  sub: string;
  tokens: { accessToken: string; refreshToken?: string; idToken?: string; accessExpiresAt: number; accessTtlMs: number };
  /** Absolute end of the server session (ms). */
  expiresAt: number;
}

interface LoginState {
  kind: 'login';
  /** End of the pending login (ms). */
  expiresAt: number;
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

export interface Caller {
  professional: Professional;
  activeActivityId: string | null;
  /** Structure ids of every activity: what the caller may see. */
  structures: string[];
  via: 'session' | 'bearer';
  sessionId?: string;
  session?: SessionData;
}

export const SESSION_COOKIE = 'dcc_session';
export const LOGIN_COOKIE = 'dcc_login';
const LOGIN_TTL_MS = 10 * 60_000;
const SESSION_MAX_MS = 8 * 3600_000;
const REFRESH_MARGIN_MS = 30_000;
export const DEFAULT_BEARER_CACHE_MS = 5_000;
export const DEFAULT_FAILED_BEARER_CACHE_MS = 60_000;
/** returnTo kept in the login cookie at most this long (a cookie holds ~4 KB). */
const MAX_RETURN_TO = 1000;

export const REQUIRED_ACR = 'eidas1';

/** Refresh shortly before the access token ends: 30 s, or a quarter of a shorter lifetime. */
function needsRefresh(data: SessionData, now: number): boolean {
  const margin = Math.min(REFRESH_MARGIN_MS, data.tokens.accessTtlMs / 4);
  return data.tokens.accessExpiresAt - margin <= now;
}

const hasControlCharacter = (s: string): boolean => [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/**
 * A same-origin path (no scheme, no //host, no backslash trick); anything else → '/'. Returned
 * as the URL parser serialises it (non-ASCII percent-encoded), so it is a valid Location header.
 */
export function safeReturnTo(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\') || hasControlCharacter(value)) return '/';
  const base = 'http://return-to.invalid';
  const url = new URL(value, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : '/';
}

export class PscAuth {
  private configPromise: Promise<oidc.Configuration> | undefined;
  private readonly refreshes = new Map<string, Promise<SessionData | undefined>>();
  private readonly bearerCache = new Map<string, { caller: Professional | undefined; until: number }>();
  private readonly now: Clock;

  constructor(
    private readonly getOptions: () => PscOptions,
    private readonly store: Store,
    private readonly cipher: SessionCipher,
    private readonly getPublicUrl: () => URL,
    private readonly bearerOptions: BearerOptions = {},
  ) {
    this.now = bearerOptions.now ?? Date.now;
  }

  private get options(): PscOptions {
    return this.getOptions();
  }

  private get publicUrl(): URL {
    return this.getPublicUrl();
  }

  get secureCookies(): boolean {
    return this.publicUrl.protocol === 'https:';
  }

  get redirectUri(): string {
    return new URL('/auth/callback', this.publicUrl).href;
  }

  /** Discovery once, lazily; a failure is retried on the next request. */
  config(): Promise<oidc.Configuration> {
    this.configPromise ??= oidc
      .discovery(
        new URL(this.options.discoveryUrl),
        this.options.clientId,
        undefined,
        oidc.ClientSecretBasic(this.options.clientSecret),
        this.options.allowInsecureRequests ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.configPromise = undefined;
        throw error;
      });
    return this.configPromise;
  }

  private async configOr502(): Promise<oidc.Configuration> {
    try {
      return await this.config();
    } catch {
      throw new HttpProblem(502, 'psc-unavailable', 'Pro Santé Connect indisponible', 'The identity provider discovery failed.');
    }
  }

  // ------------------------------------------------------------------ BFF login

  /**
   * The pending login lives in the `dcc_login` cookie itself, encrypted and authenticated with
   * the session key (AES-256-GCM) and ending after 10 minutes: anonymous logins store nothing,
   * so they cannot fill the database. State, nonce and PKCE bind it to one authorization code.
   */
  async beginLogin(returnTo: string): Promise<{ location: string; loginCookie: string }> {
    const config = await this.configOr502();
    const back = safeReturnTo(returnTo);
    const login: LoginState = {
      kind: 'login',
      expiresAt: this.now() + LOGIN_TTL_MS,
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      returnTo: back.length > MAX_RETURN_TO ? '/' : back,
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: 'openid scope_all',
      acr_values: REQUIRED_ACR,
      state: login.state,
      nonce: login.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(login.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { location: url.href, loginCookie: this.cipher.encrypt(login).toString('base64url') };
  }

  async completeLogin(req: IncomingMessage, currentUrl: URL): Promise<{ sessionCookie: string; returnTo: string; expiresAt: number }> {
    const loginCookie = parseCookies(req.headers.cookie)[LOGIN_COOKIE];
    const login = loginCookie && loginCookie.length <= 4096 ? this.cipher.decrypt<LoginState>(Buffer.from(loginCookie, 'base64url')) : undefined;
    if (!login || login.kind !== 'login' || !(login.expiresAt > this.now())) throw problems.unauthorized('No pending login (expired or already used): start again at /auth/login.');
    if (currentUrl.searchParams.get('error')) throw problems.unauthorized('The identity provider refused the login.');
    const config = await this.configOr502();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw this.oidcProblem(error, 'The authorization code could not be exchanged.');
    }
    const claims = tokens.claims();
    if (!claims || claims.acr !== REQUIRED_ACR)
      throw new HttpProblem(401, 'insufficient-authentication', 'Niveau d’authentification insuffisant', `The login must be at level ${REQUIRED_ACR}.`);
    const professional = await this.userInfo(config, tokens.access_token, claims.sub);
    // The access token's life is counted on the injected clock (tests move it); the session row's
    // expiry stays on real time, as the store purges it by the database's clock.
    const now = Date.now();
    const refreshTtl = typeof tokens.refresh_expires_in === 'number' ? tokens.refresh_expires_in * 1000 : SESSION_MAX_MS;
    const session: SessionData = {
      professional,
      activeActivityId: professional.activities.length === 1 ? professional.activities[0]!.id : null,
      draftKey: randomToken(32),
      sub: claims.sub,
      tokens: {
        accessToken: tokens.access_token,
        ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
        ...(tokens.id_token ? { idToken: tokens.id_token } : {}),
        accessExpiresAt: this.now() + (tokens.expiresIn() ?? 60) * 1000,
        accessTtlMs: (tokens.expiresIn() ?? 60) * 1000,
      },
      expiresAt: now + Math.min(SESSION_MAX_MS, tokens.refresh_token ? refreshTtl : SESSION_MAX_MS),
    };
    const cookieValue = randomToken();
    await this.store.sessions.put(sha256(cookieValue), 'session', this.cipher.encrypt(session), new Date(session.expiresAt));
    return { sessionCookie: cookieValue, returnTo: login.returnTo, expiresAt: session.expiresAt };
  }

  private async userInfo(config: oidc.Configuration, accessToken: string, sub: string | typeof oidc.skipSubjectCheck): Promise<Professional> {
    try {
      return professionalFromUserInfo((await oidc.fetchUserInfo(config, accessToken, sub)) as Record<string, unknown>);
    } catch (error) {
      if (error instanceof ClaimsError) throw new HttpProblem(401, 'no-professional-identity', 'Identité professionnelle absente', 'The userinfo response has no SubjectNameID.');
      throw this.oidcProblem(error, 'The userinfo request failed.');
    }
  }

  private oidcProblem(error: unknown, detail: string): HttpProblem {
    if (error instanceof HttpProblem) return error;
    // Protocol errors (state, nonce, PKCE, invalid_grant…) mean "not authenticated";
    // network failures mean PSC is unreachable.
    const name = (error as { name?: string; code?: string })?.name ?? '';
    if (name === 'ResponseBodyError' || name === 'AuthorizationResponseError' || name === 'ClientError' || name === 'WWWAuthenticateChallengeError' || name === 'OperationProcessingError')
      return problems.unauthorized(detail);
    return new HttpProblem(502, 'psc-unavailable', 'Pro Santé Connect indisponible', detail);
  }

  // ------------------------------------------------------------------ sessions

  async sessionFromRequest(req: IncomingMessage): Promise<{ id: string; data: SessionData } | undefined> {
    const value = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (!value || value.length > 200) return undefined;
    const id = sha256(value);
    const stored = await this.store.sessions.get(id, 'session');
    const data = stored ? this.cipher.decrypt<SessionData>(stored.payload) : undefined;
    if (!data || data.expiresAt <= Date.now()) return undefined;
    if (!needsRefresh(data, this.now())) return { id, data };
    const refreshed = await this.refresh(id, data);
    return refreshed ? { id, data: refreshed } : undefined;
  }

  /** One refresh per session at a time: concurrent requests share the same promise. */
  refresh(id: string, data: SessionData): Promise<SessionData | undefined> {
    let pending = this.refreshes.get(id);
    if (!pending) {
      pending = this.doRefresh(id, data).finally(() => this.refreshes.delete(id));
      this.refreshes.set(id, pending);
    }
    return pending;
  }

  /** Number of refresh token grants sent (observability for tests). */
  refreshCount = 0;
  /** Number of introspection requests sent (observability for tests). */
  introspectionCount = 0;

  private async doRefresh(id: string, data: SessionData): Promise<SessionData | undefined> {
    // Another request may have refreshed since `data` was read (refresh tokens rotate: the
    // old one must not be sent again, PSC would end the grant).
    const stored = await this.store.sessions.get(id, 'session');
    const current = stored ? this.cipher.decrypt<SessionData>(stored.payload) : undefined;
    if (!current) return undefined;
    if (current.tokens.refreshToken !== data.tokens.refreshToken || !needsRefresh(current, this.now())) return current;
    if (!data.tokens.refreshToken) {
      await this.store.sessions.delete(id);
      return undefined;
    }
    try {
      const config = await this.config();
      this.refreshCount++;
      const tokens = await oidc.refreshTokenGrant(config, data.tokens.refreshToken);
      const next: SessionData = {
        ...data,
        tokens: {
          accessToken: tokens.access_token,
          refreshToken: tokens.refresh_token ?? data.tokens.refreshToken,
          ...(tokens.id_token ?? data.tokens.idToken ? { idToken: tokens.id_token ?? data.tokens.idToken } : {}),
          accessExpiresAt: this.now() + (tokens.expiresIn() ?? 60) * 1000,
          accessTtlMs: (tokens.expiresIn() ?? 60) * 1000,
        },
      };
      await this.store.sessions.put(id, 'session', this.cipher.encrypt(next), new Date(next.expiresAt));
      return next;
    } catch {
      // A failed refresh ends the session (identity-auth.md §3.5).
      await this.store.sessions.delete(id);
      return undefined;
    }
  }

  async saveSession(id: string, data: SessionData): Promise<void> {
    await this.store.sessions.put(id, 'session', this.cipher.encrypt(data), new Date(data.expiresAt));
  }

  async logout(id: string, data: SessionData): Promise<string | null> {
    await this.store.sessions.delete(id);
    try {
      const config = await this.config();
      if (!config.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(config, {
        ...(data.tokens.idToken ? { id_token_hint: data.tokens.idToken } : {}),
        post_logout_redirect_uri: this.options.postLogoutRedirectUri ?? new URL('/', this.publicUrl).href,
        state: randomToken(16),
      }).href;
    } catch {
      return null;
    }
  }

  // ------------------------------------------------------------------ bearer

  /**
   * The professional of a PSC access token, or undefined when PSC says it is not active. An
   * active verdict is trusted for `bearerCacheMs` (default 5 s: a token revoked at PSC stops
   * working within that), a refusal for `failedBearerCacheMs`; a client whose recent tokens were
   * refused gets 429 before any new introspection (forged tokens do not reach PSC).
   */
  async bearer(token: string, client = 'unknown'): Promise<Professional | undefined> {
    const key = sha256(token);
    const now = this.now();
    const cached = this.bearerCache.get(key);
    if (cached && cached.until > now) return cached.caller;
    this.bearerCache.delete(key);
    this.bearerOptions.guard?.checkIntrospectionBudget(client);
    const config = await this.configOr502();
    let introspection: oidc.IntrospectionResponse;
    this.introspectionCount++;
    try {
      introspection = await oidc.tokenIntrospection(config, token);
    } catch (error) {
      this.bearerOptions.guard?.introspectionFailed(client);
      throw this.oidcProblem(error, 'Token introspection failed.');
    }
    const positiveMs = this.bearerOptions.bearerCacheMs ?? DEFAULT_BEARER_CACHE_MS;
    const exp = typeof introspection.exp === 'number' ? introspection.exp * 1000 : now + positiveMs;
    if (!introspection.active || (introspection.acr !== undefined && introspection.acr !== REQUIRED_ACR) || exp <= now) {
      this.bearerOptions.guard?.introspectionFailed(client);
      this.remember(key, undefined, now + (this.bearerOptions.failedBearerCacheMs ?? DEFAULT_FAILED_BEARER_CACHE_MS), now);
      return undefined;
    }
    const professional = await this.userInfo(config, token, introspection.sub ?? oidc.skipSubjectCheck);
    this.remember(key, professional, Math.min(exp, now + positiveMs), now);
    return professional;
  }

  private remember(key: string, caller: Professional | undefined, until: number, now: number): void {
    this.bearerCache.set(key, { caller, until });
    if (this.bearerCache.size > 10_000) for (const [k, v] of this.bearerCache) if (v.until <= now) this.bearerCache.delete(k);
    // Still too many live entries (a flood of distinct tokens): drop the oldest.
    for (const k of this.bearerCache.keys()) {
      if (this.bearerCache.size <= 10_000) break;
      this.bearerCache.delete(k);
    }
  }

  /** The caller of a request: bearer token first, else the session cookie. */
  async authenticate(req: IncomingMessage): Promise<Caller> {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const m = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/.exec(authorization);
      if (!m) throw problems.unauthorized('Malformed Authorization header.');
      const professional = await this.bearer(m[1]!, clientOf(req));
      if (!professional) throw problems.unauthorized('The bearer token is not active.');
      const wanted = req.headers['x-dcc-activity'];
      const activity = typeof wanted === 'string' ? professional.activities.find((a) => a.id === wanted) : undefined;
      if (typeof wanted === 'string' && !activity)
        throw new HttpProblem(400, 'unknown-activity', 'Activité inconnue', 'X-DCC-Activity is not one of the professional’s activities.', [
          { path: 'X-DCC-Activity', code: 'unknown-activity', message: { fr: 'Activité inconnue.', en: 'Unknown activity.' } },
        ]);
      return {
        professional,
        activeActivityId: activity?.id ?? (professional.activities.length === 1 ? professional.activities[0]!.id : null),
        structures: [...new Set(professional.activities.map((a) => a.structureId))],
        via: 'bearer',
      };
    }
    const session = await this.sessionFromRequest(req);
    if (!session) throw problems.unauthorized();
    const p = session.data.professional;
    return {
      professional: p,
      activeActivityId: session.data.activeActivityId,
      structures: [...new Set(p.activities.map((a) => a.structureId))],
      via: 'session',
      sessionId: session.id,
      session: session.data,
    };
  }
}
