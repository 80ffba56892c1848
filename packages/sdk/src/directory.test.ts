// directory.* over real HTTP: the real server (PGlite in memory) with the Annuaire Santé fixture
// server behind it, PSC emulator tokens, the SDK's iterator, one page with `total`, the 503 the
// editors fall back on, and cancellation. The server is loaded at run time (as integration.test.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DR_LEFORT } from '@dcc-kit/psc-emulator';
import type { DccClient } from './client.js';
import { DccAbortError, DccError } from './errors.js';
import { loadOptional, startServerStack, type ServerModule, type ServerStack } from './server-stack.test.util.js';

interface SimulatorModule {
  startAnnuaireSimulator(): Promise<{ baseUrl: string; apiKey: string; setFaults(f: Record<string, unknown>): void; close(): Promise<void> }>;
}

const server = await loadOptional<ServerModule>('@dcc-kit/server');
const simulatorModule = await loadOptional<SimulatorModule>('@dcc-kit/annuaire-simulator');
const skip = typeof server === 'string' ? server : typeof simulatorModule === 'string' ? simulatorModule : false;

describe('directory.* against the real server and the fixture directory', { skip }, () => {
  let stack: ServerStack;
  let annuaire: Awaited<ReturnType<SimulatorModule['startAnnuaireSimulator']>>;
  let client: DccClient;

  before(async () => {
    annuaire = await (simulatorModule as SimulatorModule).startAnnuaireSimulator();
    stack = await startServerStack(server as ServerModule, { directory: { url: annuaire.baseUrl, apiKey: annuaire.apiKey, cacheSeconds: 0 } });
    client = await stack.clientFor(DR_LEFORT);
  });

  after(async () => {
    await stack?.close();
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
