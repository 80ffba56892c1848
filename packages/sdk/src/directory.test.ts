// directory.* over real HTTP: the real server (PGlite in memory) with the Annuaire Santé fixture
// server behind it, PSC emulator tokens, the SDK's iterator, one page with `total`, the 503 the
// editors fall back on, and cancellation. The server is loaded at run time (as integration.test.ts).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DR_LEFORT, startPscEmulator, type PscEmulator } from '@dcc-kit/psc-emulator';
import { pscLogin } from '@dcc-kit/psc-emulator/login';
import { createDccClient, type DccClient } from './client.js';
import { DccAbortError, DccError } from './errors.js';
import { createOidcTokenProvider } from './oidc.js';

interface ServerModule {
  createServer(options: Record<string, unknown>): { listen(port?: number): Promise<{ url: string }>; close(): Promise<void> };
  openStore(options: { memory: true }): Promise<{ close(): Promise<void> }>;
  professionalFromUserInfo(userinfo: Record<string, unknown>): { activities: { id: string; structureId: string }[] };
}
interface SimulatorModule {
  startAnnuaireSimulator(): Promise<{ baseUrl: string; apiKey: string; setFaults(f: Record<string, unknown>): void; close(): Promise<void> }>;
}

const load = async <T>(specifier: string): Promise<T | string> => {
  try {
    return (await import(specifier)) as T;
  } catch (error) {
    if (process.env.CI) throw error;
    return `${specifier} is not built (${error instanceof Error ? error.message : 'import failed'}): skipped`;
  }
};
const server = await load<ServerModule>('@dcc-kit/server');
const simulatorModule = await load<SimulatorModule>('@dcc-kit/annuaire-simulator');
const skip = typeof server === 'string' ? server : typeof simulatorModule === 'string' ? simulatorModule : false;

describe('directory.* against the real server and the fixture directory', { skip }, () => {
  const s = server as ServerModule;
  let psc: PscEmulator;
  let app: { close(): Promise<void> };
  let store: { close(): Promise<void> };
  let annuaire: Awaited<ReturnType<SimulatorModule['startAnnuaireSimulator']>>;
  let client: DccClient;

  before(async () => {
    annuaire = await (simulatorModule as SimulatorModule).startAnnuaireSimulator();
    store = await s.openStore({ memory: true });
    const pscRef: { current?: PscEmulator } = {};
    const created = s.createServer({
      store,
      sessionKey: randomBytes(32),
      logger: () => {},
      directory: { url: annuaire.baseUrl, apiKey: annuaire.apiKey, cacheSeconds: 0 },
      oidc: () => ({ discoveryUrl: pscRef.current!.discoveryUrl, clientId: 'dcc-server', clientSecret: 'server-secret', allowInsecureRequests: true }),
    });
    app = created;
    const baseUrl = (await created.listen(0)).url;
    const vendor = { client_id: 'vendor-backend', client_secret: 'vendor-secret', redirect_uris: ['http://127.0.0.1:9/vendor/callback'] };
    psc = await startPscEmulator({ clients: [{ client_id: 'dcc-server', client_secret: 'server-secret', redirect_uris: [`${baseUrl}/auth/callback`] }, vendor] });
    pscRef.current = psc;
    const { config, tokens } = await pscLogin({ discoveryUrl: psc.discoveryUrl, clientId: vendor.client_id, clientSecret: vendor.client_secret, redirectUri: vendor.redirect_uris[0]!, user: DR_LEFORT.userinfo.SubjectNameID });
    const activity = s.professionalFromUserInfo(DR_LEFORT.userinfo as unknown as Record<string, unknown>).activities[0]!;
    client = createDccClient({ baseUrl, tokenProvider: createOidcTokenProvider({ config, tokens }), activityId: activity.id, retry: { maxRetries: 1, baseDelayMs: 10, maxDelayMs: 100 }, timeoutMs: 30_000 });
  });

  after(async () => {
    await app?.close();
    await psc?.close();
    await store?.close();
    await annuaire?.close();
  });

  it('practitioners: one page with total, then every match through the cursors', async () => {
    const first = await client.directory.practitioners({ q: 'martin', limit: 2 }).page();
    assert.equal(first.data.items.length, 2);
    assert.ok(first.data.nextCursor);
    const all: string[] = [];
    for await (const p of client.directory.practitioners({ q: 'martin', limit: 2 })) all.push(p.idNatPs);
    assert.equal(all.length, first.data.total);
  });

  it('organizations by FINESS typed in q: the model-shaped structure', async () => {
    const page = await client.directory.organizations({ q: '338521651' }).page();
    assert.deepEqual(page.data.items.map((o) => [o.idNatStruct, o.name]), [['1338521651', 'Institut Bergonié']]);
  });

  it('directory down → a DccError whose problem type is directory-unavailable (manual entry)', async () => {
    annuaire.setFaults({ down: 'unavailable' });
    try {
      await assert.rejects(client.directory.practitioners({ q: 'lefort' }).page(), (e: unknown) => e instanceof DccError && e.status === 503 && /directory-unavailable$/.test(e.problem?.type ?? ''));
    } finally {
      annuaire.setFaults({});
    }
  });

  it('an aborted search rejects with DccAbortError', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(client.directory.organizations({ q: 'ico' }, { signal: controller.signal }).page(), DccAbortError);
  });
});
