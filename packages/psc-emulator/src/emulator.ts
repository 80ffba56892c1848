// Local OpenID provider emulating Pro Santé Connect (PSC) on top of oidc-provider, for development, tests and the
// demo. Fidelity targets: identity-auth.md §3.1 (paths), §3.3 (auth-code + PKCE + nonce + acr_values=eidas1),
// §3.4 (client_secret_basic and client_secret_post), §3.5 (short access tokens, rotated refresh tokens),
// §3.6 (UserInfo claim set), §3.7 (introspection), §3.8 (RP-initiated logout).

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Provider as ProviderType } from 'oidc-provider';

import { escapeHtml, renderLoginPage, renderLogoutPage, renderPostLogoutPage } from './pages.js';
import { TEST_USERS, type PscTestUser } from './users.js';

/** Path of the PSC realm; the issuer is `<origin>/auth/realms/esante-wallet` as in production. */
export const PSC_REALM_PATH = '/auth/realms/esante-wallet';
/** PSC's non-standard discovery path, relative to the issuer. */
export const PSC_DISCOVERY_PATH = '/.well-known/wallet-openid-configuration';
/** The only `acr` PSC issues for card / e-CPS logins that the ANS connectors accept. */
export const PSC_ACR = 'eidas1';
/** Header the emulator puts on its login page so that `completeLogin` knows it must submit the form. */
export const LOGIN_PAGE_HEADER = 'x-psc-emulator-page';

export interface PscEmulatorClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  post_logout_redirect_uris?: string[];
  /** `RS256` to get UserInfo as a signed `application/jwt` (PSC serves either form, §3.6); default JSON. */
  userinfo_signed_response_alg?: 'RS256';
}

export interface PscEmulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /**
   * Origin put in the issuer and endpoint URLs when it differs from `http://<host>:<port>` (e.g. behind a proxy or
   * when listening on 0.0.0.0). Defaults to `http://<host>:<actual port>`.
   */
  publicOrigin?: string;
  /** Confidential clients allowed to log users in; each may authenticate with client_secret_basic or _post. */
  clients: PscEmulatorClient[];
  /** Access-token lifetime in seconds (PSC: short, 60–300 s). Default 120. */
  accessTokenTtl?: number;
  /** Refresh-token lifetime in seconds. Default 1800 (30 min). */
  refreshTokenTtl?: number;
  /** Test users; defaults to {@link TEST_USERS}. */
  users?: readonly PscTestUser[];
}

export interface PscEmulator {
  /** `http://host:port/auth/realms/esante-wallet`. */
  issuer: string;
  /** The PSC discovery URL (`…/.well-known/wallet-openid-configuration`). */
  discoveryUrl: string;
  users: readonly PscTestUser[];
  close(): Promise<void>;
}

const SCOPE_ALL_CLAIMS = [
  'SubjectNameID',
  'preferred_username',
  'name',
  'given_name',
  'family_name',
  'email_verified',
  'SubjectOrganization',
  'SubjectOrganizationID',
  'SubjectRole',
  'Secteur_Activite',
  'Palier_Authentification',
  'PSI_Locale',
  'UITVersion',
  'Mode_Acces_Raison',
  'Acces_Regulation_Medicale',
  'otherIds',
  'SubjectRefPro',
];

/** Claims PSC puts in its ID tokens besides the protocol ones; the rest of scope_all is UserInfo only. */
const ID_TOKEN_CLAIMS = new Set(['preferred_username', 'name', 'given_name', 'family_name']);

let providerModule: Promise<typeof import('oidc-provider')> | undefined;

/**
 * oidc-provider warns on import when the runtime is not Node 22+ LTS and has no option to turn that off; the project
 * runs Node 20, where the library works (its tests pass here), so this one known message is dropped while the module
 * loads. Any other warning is printed as usual.
 */
function loadOidcProvider(): Promise<typeof import('oidc-provider')> {
  if (!providerModule) {
    const originalWarn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime')) return;
      originalWarn.apply(console, args);
    };
    providerModule = import('oidc-provider').finally(() => {
      console.warn = originalWarn;
    });
  }
  return providerModule;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(html);
}

/** Starts the emulator on loopback and resolves once it accepts connections. */
export async function startPscEmulator(options: PscEmulatorOptions): Promise<PscEmulator> {
  const {
    port = 0,
    host = '127.0.0.1',
    clients,
    accessTokenTtl = 120,
    refreshTokenTtl = 1800,
    users = TEST_USERS,
  } = options;
  if (!Array.isArray(clients) || clients.length === 0) {
    throw new TypeError('startPscEmulator: `clients` must list at least one client');
  }
  const { Provider, errors } = await loadOidcProvider();
  const { createMemoryAdapter } = await import('oidc-provider/lib/adapters/memory_adapter.js');

  const usersBySub = new Map(users.map((u) => [u.sub, u]));
  const usersByIdNat = new Map(users.map((u) => [u.userinfo.SubjectNameID, u]));

  // Filled once the port is known (the issuer contains it); requests arriving before that get a 500.
  const ready: { provider?: ProviderType; callback?: (req: IncomingMessage, res: ServerResponse) => void } = {};

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { provider, callback: providerCallback } = ready;
    if (!provider || !providerCallback) throw new Error('provider not ready');
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    if (!url.pathname.startsWith(`${PSC_REALM_PATH}/`)) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'not_found' }));
      return;
    }
    const local = url.pathname.slice(PSC_REALM_PATH.length);

    const interaction = /^\/interaction\/([\w-]+)$/.exec(local);
    if (interaction) {
      await handleInteraction(provider, req, res);
      return;
    }
    if (local === '/logged-out') {
      sendHtml(res, 200, renderPostLogoutPage());
      return;
    }

    // Mount the provider under the realm path the way express/koa-mount do: oidc-provider derives its mount path
    // from originalUrl minus url.
    const rewritten = local === PSC_DISCOVERY_PATH ? '/.well-known/openid-configuration' : local;
    const mutable = req as IncomingMessage & { originalUrl?: string };
    mutable.originalUrl = `${PSC_REALM_PATH}${rewritten}${url.search}`;
    mutable.url = `${rewritten}${url.search}`;
    providerCallback(req, res);
  }

  async function handleInteraction(p: ProviderType, req: IncomingMessage, res: ServerResponse): Promise<void> {
    let details;
    try {
      details = await p.interactionDetails(req, res);
    } catch {
      sendHtml(res, 400, '<!doctype html><meta charset="utf-8"><title>Session expirée</title><p>Session de connexion expirée ou inconnue.</p>');
      return;
    }
    const clientId = typeof details.params.client_id === 'string' ? details.params.client_id : '';
    if (req.method === 'POST') {
      const form = await readForm(req);
      const user = usersByIdNat.get(form.get('user') ?? '');
      if (!user) {
        sendHtml(res, 400, renderLoginPage(users, clientId, 'Utilisateur de test inconnu.'), { [LOGIN_PAGE_HEADER]: 'login' });
        return;
      }
      await p.interactionFinished(
        req,
        res,
        { login: { accountId: user.sub, acr: PSC_ACR, amr: ['mfa'] } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    sendHtml(res, 200, renderLoginPage(users, clientId), { [LOGIN_PAGE_HEADER]: 'login' });
  }

  const address = await listen(server, port, host);
  const origin = options.publicOrigin?.replace(/\/$/, '') ?? `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  const issuer = `${origin}${PSC_REALM_PATH}`;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: `psc-emulator-${randomBytes(4).toString('hex')}`, use: 'sig', alg: 'RS256' };

  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({
      client_id: c.client_id,
      client_secret: c.client_secret,
      redirect_uris: c.redirect_uris,
      post_logout_redirect_uris: c.post_logout_redirect_uris ?? [],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      // PSC ID tokens always carry auth_time (§3.5).
      require_auth_time: true,
      ...(c.userinfo_signed_response_alg ? { userinfo_signed_response_alg: c.userinfo_signed_response_alg } : {}),
    })),
    adapter: createMemoryAdapter(15),
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    acrValues: [PSC_ACR],
    scopes: ['openid', 'scope_all', 'offline_access'],
    claims: {
      acr: null,
      sid: null,
      auth_time: null,
      iss: null,
      openid: ['sub'],
      scope_all: SCOPE_ALL_CLAIMS,
    },
    // PSC ID tokens carry the names and preferred_username; scope claims therefore are not UserInfo-only here, and
    // `findAccount` below decides which claims go to which token.
    conformIdTokenClaims: false,
    extraParams: {
      // Runs after client and redirect_uri checks, so a failure is returned to the client's redirect_uri.
      acr_values(ctx: { oidc: { params: Record<string, unknown> } }, value: unknown) {
        const { params } = ctx.oidc;
        if (value !== PSC_ACR) {
          throw new errors.InvalidRequest(`acr_values must be '${PSC_ACR}'`);
        }
        const scopes = typeof params.scope === 'string' ? params.scope.split(' ') : [];
        if (!scopes.includes('scope_all')) {
          throw new errors.InvalidScope('scope must include scope_all', 'scope_all');
        }
        if (!params.nonce) {
          throw new errors.InvalidRequest('nonce is required');
        }
      },
    },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      // Keycloak lets any authenticated confidential client of the realm introspect a token (the platform's
      // resource server introspects tokens issued to other clients).
      introspection: { enabled: true, allowedPolicy: async () => true },
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx: unknown, client: { clientId: string }, token: { clientId?: string }) => {
          if (token.clientId !== client.clientId) throw new errors.InvalidRequest('client is not authorized to revoke the presented token');
          return true;
        },
      },
      userinfo: { enabled: true },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: { body: unknown }, form: string) => {
          ctx.body = renderLogoutPage(form);
        },
        postLogoutSuccessSource: (ctx: { body: unknown }) => {
          ctx.body = renderPostLogoutPage();
        },
      },
    },
    routes: {
      authorization: '/protocol/openid-connect/auth',
      token: '/protocol/openid-connect/token',
      userinfo: '/protocol/openid-connect/userinfo',
      end_session: '/protocol/openid-connect/logout',
      introspection: '/protocol/openid-connect/token/introspect',
      jwks: '/protocol/openid-connect/certs',
      revocation: '/protocol/openid-connect/revoke',
    },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `${PSC_REALM_PATH}/interaction/${interaction.uid}`,
    },
    async findAccount(_ctx: unknown, sub: string) {
      const user = usersBySub.get(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        async claims(use: string) {
          const { userinfo } = user;
          const all: Record<string, unknown> = {
            sub,
            ...userinfo,
            name: `${userinfo.given_name} ${userinfo.family_name}`,
          };
          if (use !== 'id_token') return all;
          return Object.fromEntries(Object.entries(all).filter(([k]) => k === 'sub' || ID_TOKEN_CLAIMS.has(k)));
        },
      };
    },
    // Registered clients are first-party: consent is granted for whatever they ask (PSC shows no consent screen).
    async loadExistingGrant(ctx: LoadGrantContext) {
      const { oidc } = ctx;
      const accountId = oidc.session.accountId;
      if (!accountId) return undefined;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      const grant = (grantId ? await oidc.provider.Grant.find(grantId) : undefined)
        ?? new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId });
      grant.addOIDCScope(typeof oidc.params.scope === 'string' ? oidc.params.scope : 'openid');
      if (oidc.requestParamClaims) grant.addOIDCClaims([...oidc.requestParamClaims]);
      await grant.save();
      return grant;
    },
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(t: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    // Carried by opaque access tokens and returned by introspection (§3.7: SubjectNameID only for access tokens).
    async extraTokenClaims(_ctx: unknown, token: { kind: string; accountId?: string; clientId?: string }) {
      if (token.kind !== 'AccessToken' || !token.accountId) return undefined;
      const user = usersBySub.get(token.accountId);
      if (!user) return undefined;
      return {
        SubjectNameID: user.userinfo.SubjectNameID,
        preferred_username: user.userinfo.SubjectNameID,
        username: user.userinfo.SubjectNameID,
        email_verified: user.userinfo.email_verified,
        acr: PSC_ACR,
        azp: token.clientId,
        typ: 'Bearer',
      };
    },
    ttl: {
      AccessToken: accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: Math.max(accessTokenTtl, 300),
      RefreshToken: refreshTokenTtl,
      Interaction: 600,
      Session: 4 * 3600,
      Grant: 4 * 3600,
    },
    clientBasedCORS: () => false,
    renderError: (ctx: { type: string; body: unknown }, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><meta charset="utf-8"><title>Erreur PSC (émulateur)</title><h1>Erreur</h1><p id="error">${escapeHtml(out.error ?? '')}</p><p id="error_description">${escapeHtml(out.error_description ?? '')}</p>`;
    },
  });

  // PSC (Keycloak) accepts both client_secret_basic and client_secret_post for the same client, oidc-provider one
  // registered method per client. The method check runs synchronously right after this event, so the registered
  // method is aligned with what this request uses; the secret is still compared as usual.
  provider.on('assign.client', (ctx: { get(name: string): string }, client: { tokenEndpointAuthMethod: string }) => {
    if (client.tokenEndpointAuthMethod !== 'client_secret_basic' && client.tokenEndpointAuthMethod !== 'client_secret_post') return;
    client.tokenEndpointAuthMethod = /^basic /i.test(ctx.get('authorization')) ? 'client_secret_basic' : 'client_secret_post';
  });
  // Errors are answered to the client; they need no server-side log here (the emulator is quiet by design).
  provider.on('server_error', () => {});

  ready.provider = provider;
  ready.callback = provider.callback();

  return {
    issuer,
    discoveryUrl: `${issuer}${PSC_DISCOVERY_PATH}`,
    users,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

interface LoadGrantContext {
  oidc: {
    session: { accountId?: string; grantIdFor(clientId: string): string | undefined };
    result?: { consent?: { grantId?: string } };
    client: { clientId: string };
    params: Record<string, unknown>;
    requestParamClaims?: Set<string>;
    provider: {
      Grant: {
        new (init: { clientId: string; accountId: string }): GrantLike;
        find(id: string): Promise<GrantLike | undefined>;
      };
    };
  };
}

interface GrantLike {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  save(): Promise<string>;
}
