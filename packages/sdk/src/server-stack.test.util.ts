// What the SDK's tests against the real server share: loading a package that may not be built
// (the SDK's build does not depend on the server's), and the stack — the server (PGlite in
// memory) with its PSC settings, the PSC emulator knowing the server and a vendor backend, and
// SDK clients holding tokens of the real authorization-code flow (a connector: bearer token).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startPscEmulator, type PscEmulator, type PscTestUser } from '@dcc-kit/psc-emulator';
import { pscLogin } from '@dcc-kit/psc-emulator/login';
import { createDccClient, type DccClient } from './client.js';
import { createOidcTokenProvider } from './oidc.js';

/** The part of @dcc-kit/server these tests use. */
export interface ServerModule {
  createServer(options: Record<string, unknown>): { listen(port?: number): Promise<{ url: string }>; close(): Promise<void> };
  openStore(options: { memory: true }): Promise<{ close(): Promise<void> }>;
  professionalFromUserInfo(userinfo: Record<string, unknown>): { activities: { id: string; structureId: string }[] };
}

/** The module, or why it is skipped (not built); under CI a missing module fails the run. */
export async function loadOptional<T>(specifier: string): Promise<T | string> {
  try {
    return (await import(specifier)) as T;
  } catch (error) {
    if (process.env.CI) throw error;
    return `${specifier} is not built (${error instanceof Error ? error.message : 'import failed'}): skipped`;
  }
}

export const VENDOR = { client_id: 'vendor-backend', client_secret: 'vendor-secret', redirect_uris: ['http://127.0.0.1:9/vendor/callback'] };

export interface ServerStack {
  readonly baseUrl: string;
  readonly psc: PscEmulator;
  /** An SDK client of `user` logged in through the emulator, acting for `structureId` (default: the first activity). */
  clientFor(user: PscTestUser, structureId?: string): Promise<DccClient>;
  close(): Promise<void>;
}

/** Starts the store, the server with `options` (beside its store, session key, PSC settings) and the PSC emulator. */
export async function startServerStack(server: ServerModule, options: Record<string, unknown> = {}): Promise<ServerStack> {
  const store = await server.openStore({ memory: true });
  // The server reads its PSC settings on first use; the emulator needs the server's URL first.
  const pscRef: { current?: PscEmulator } = {};
  const app = server.createServer({
    store,
    sessionKey: randomBytes(32),
    logger: () => {},
    ...options,
    oidc: () => ({ discoveryUrl: pscRef.current!.discoveryUrl, clientId: 'dcc-server', clientSecret: 'server-secret', allowInsecureRequests: true }),
  });
  const baseUrl = (await app.listen(0)).url;
  const psc = await startPscEmulator({
    clients: [
      { client_id: 'dcc-server', client_secret: 'server-secret', redirect_uris: [`${baseUrl}/auth/callback`], post_logout_redirect_uris: [`${baseUrl}/`] },
      VENDOR,
    ],
  });
  pscRef.current = psc;
  return {
    baseUrl,
    psc,
    async clientFor(user, structureId) {
      const { config, tokens } = await pscLogin({
        discoveryUrl: psc.discoveryUrl,
        clientId: VENDOR.client_id,
        clientSecret: VENDOR.client_secret,
        redirectUri: VENDOR.redirect_uris[0]!,
        user: user.userinfo.SubjectNameID,
      });
      const activities = server.professionalFromUserInfo(user.userinfo as unknown as Record<string, unknown>).activities;
      const activity = structureId === undefined ? activities[0] : activities.find((a) => a.structureId === structureId);
      assert.ok(activity, `activity of ${structureId ?? 'the first structure'}`);
      return createDccClient({
        baseUrl,
        tokenProvider: createOidcTokenProvider({ config, tokens }),
        activityId: activity.id,
        retry: { maxRetries: 1, baseDelayMs: 10, maxDelayMs: 100 },
        timeoutMs: 30_000,
      });
    },
    async close() {
      await app.close();
      await psc.close();
      await store.close();
    },
  };
}
