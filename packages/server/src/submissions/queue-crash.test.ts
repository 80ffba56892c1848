// The crash test of issue 11: 200 signed versions submitted through the real API of the real
// server process (dist/main.js) while the simulator injects faults (503, busy registry, latency)
// and the process is killed with SIGKILL at random points, then restarted on the same store.
// At the end the simulator holds every version exactly once — none lost, none twice — on PGlite
// and PostgreSQL. The signed versions are written through the repositories before the first start
// (testing/submission-fixtures.ts: signing 200 versions through the seven layers would take minutes).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { resolveKitDir } from '@dcc-kit/conformance/kit';
import { startDmpSimulator, type DmpSimulator } from '@dcc-kit/dmp-simulator';
import { loadOrCreateTestPki } from '@dcc-kit/dmp-simulator/pki';
import { DR_LEFORT, type PscEmulator } from '@dcc-kit/psc-emulator';
import { openStore } from '../main-config.js';
import { killAll, killHard, pscForServer, schemaUrl, startServer } from '../testing/server-process.js';
import { postgresTarget, type StoreKind } from '../testing/harness.js';
import { frcpVariant, newOid, signedDocument } from '../testing/submission-fixtures.js';
import type { Store } from '../store/store.js';

const ICO = '492805973'; // DR_LEFORT's FINESS
const VERSIONS = Number(process.env.DCC_CRASH_VERSIONS ?? 200);
const KILLS = 4;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers read field by field in assertions
type Json = Record<string, any>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 200 documents of one patient, each version 1 signed with a distinct CDA of the ANS example. */
async function seed(store: Store): Promise<Array<{ id: string; etag: string; uniqueId: string }>> {
  const example = readFileSync(join(resolveKitDir(), 'ExemplesCDA', 'CANCER-FRCP_2022.01_Appareil.xml'), 'utf8');
  const actor = { idNatPs: DR_LEFORT.userinfo.SubjectNameID, structures: [ICO], requestId: 'seed' };
  const p = await store.patients.create(
    { ins: { value: '279035121518989', oid: '1.2.250.1.213.1.4.10' }, identityStatus: 'qualified', traits: { birthName: 'PAT-TROIS', firstNames: ['DOMINIQUE'], birthDate: '1979-03-28', sex: 'F' }, structureId: ICO },
    actor,
  );
  assert.ok(p.ok);
  const docs = [];
  for (let i = 0; i < VERSIONS; i++) {
    const uniqueId = newOid();
    const setId = newOid();
    const doc = await signedDocument(store, p.value.id, setId, frcpVariant(example, uniqueId, setId, 1, undefined, ICO), actor);
    docs.push({ id: doc.id, etag: `"${doc.version}"`, uniqueId });
  }
  return docs;
}

function suite(kind: StoreKind) {
  const target = kind === 'postgres' ? postgresTarget() : {};
  describe(`queue crash: ${VERSIONS} versions, faults, kill -9 (${kind})`, { skip: target.skip ?? false, timeout: 300_000 }, () => {
    let psc: PscEmulator;
    let sim: DmpSimulator;
    let token: string;
    let env: NodeJS.ProcessEnv;
    const dir = mkdtempSync(join(tmpdir(), 'dcc-queue-crash-'));
    const children: ChildProcess[] = [];
    let docs: Array<{ id: string; etag: string; uniqueId: string }>;

    before(async () => {
      const pki = await loadOrCreateTestPki(join(dir, 'pki'));
      sim = await startDmpSimulator({ trust: { vihfCertificates: [pki.signing.cert] }, smtp: false });
      let pscEnv: NodeJS.ProcessEnv;
      ({ psc, token, env: pscEnv } = await pscForServer(900));
      env = {
        ...pscEnv,
        // a submit cut by a kill holds its Idempotency-Key this long; the retry then runs
        DCC_IDEMPOTENCY_LEASE_SECONDS: '3',
        DCC_LIMIT_CLIENT: '2000/5000',
        DCC_LIMIT_PROFESSIONAL: '2000/5000',
        DCC_DMP_URL: sim.url,
        DCC_DMP_PKI_DIR: join(dir, 'pki'),
        DCC_DMP_SOURCE_ID: '1.2.250.1.213.1.1.9',
        DCC_SUBMISSION_RETRY_LIMIT: '30',
        DCC_SUBMISSION_RETRY_DELAY_SECONDS: '1',
        DCC_SUBMISSION_RETRY_DELAY_MAX_SECONDS: '2',
        DCC_SUBMISSION_SUPERVISE_SECONDS: '1',
        DCC_SUBMISSION_CONCURRENCY: '8',
        DCC_SUBMISSION_POLL_MS: '100',
      };
      let store: Store;
      if (kind === 'pglite') {
        env.DCC_DATA_DIR = join(dir, 'pglite');
        store = await openStore({ dataDir: env.DCC_DATA_DIR });
      } else {
        const schema = `dcc_qcrash_${randomBytes(6).toString('hex')}`;
        store = await openStore({ databaseUrl: target.url!, schema });
        env.DATABASE_URL = schemaUrl(target.url!, schema);
        env.DCC_QUEUE_SCHEMA = `${schema}_jobs`;
      }
      try {
        docs = await seed(store);
      } finally {
        await store.close();
      }
    });
    after(async () => {
      killAll(children);
      await psc?.close().catch(() => undefined);
      await sim?.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    });

    test('every version reaches the simulator exactly once', async () => {
      const admin = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`${sim.adminUrl}${path}`, { method, ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}) });
        return (await res.json()) as Json;
      };
      for (const fault of [
        { endpoint: 'repository', kind: 'http-503', count: 15 },
        { endpoint: 'repository', kind: 'registry-busy', count: 15 },
        { endpoint: 'patients', kind: 'http-503', count: 10 },
        { endpoint: 'repository', kind: 'latency', delayMs: 300, count: 40 },
      ])
        await admin('POST', '/faults', fault);

      const submitted = new Set<string>();
      let server: { child: ChildProcess; url: string } | undefined;
      const call = async (method: string, path: string, headers: Record<string, string> = {}) => {
        const res = await fetch(`${server!.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...headers } });
        return { status: res.status, body: (await res.json()) as Json };
      };
      /** Submits what is not submitted yet, 8 at a time, until done or the process dies. */
      const submitAll = async () => {
        const todo = docs.filter((d) => !submitted.has(d.id));
        let next = 0;
        const lane = async () => {
          while (next < todo.length) {
            const d = todo[next++]!;
            const r = await call('POST', `/documents/${d.id}/versions/1/submit`, { 'if-match': d.etag, 'idempotency-key': `crash-${d.id}` });
            if (r.status === 200) submitted.add(d.id);
            else if (r.status === 409 || r.status === 412) {
              // committed before a crash whose answer was lost: the document says so
              const doc = await call('GET', `/documents/${d.id}`);
              if (doc.body.status === 'submitted') submitted.add(d.id);
            }
          }
        };
        await Promise.all(Array.from({ length: 8 }, lane)).catch(() => undefined);
      };

      let kills = 0;
      const started = Date.now();
      while (kills < KILLS) {
        server = await startServer(env);
        children.push(server.child);
        const running = submitAll();
        await sleep(500 + Math.random() * 2500);
        await killHard(server.child);
        kills += 1;
        await running;
      }
      server = await startServer(env);
      children.push(server.child);
      // the submits the kills cut: retried (same key) once their key's lease has run out
      for (let round = 0; round < 10 && submitted.size < docs.length; round++) {
        await submitAll();
        if (submitted.size < docs.length) await sleep(1000);
      }
      assert.equal(submitted.size, docs.length, 'every version submitted (the API answered 200 once, or the document says submitted)');

      // drain: until the simulator holds every version and every row is answered (a row whose
      // process died after the DMP stored it comes back with its job's heartbeat, re-sent: accepted)
      const ours = new Set(docs.map((d) => d.uniqueId));
      let entries: Json[] = [];
      let states = new Map<string, number>();
      const deadline = Date.now() + 150_000;
      for (;;) {
        entries = ((await admin('GET', '/entries')) as unknown as Json[]).filter((e) => ours.has(e.uniqueId));
        states = new Map<string, number>();
        if (new Set(entries.map((e) => e.uniqueId)).size === docs.length)
          for (const d of docs) {
            const rows = (await call('GET', `/documents/${d.id}/versions/1/submissions`)).body.items as Json[];
            for (const r of rows) states.set(r.state, (states.get(r.state) ?? 0) + 1);
          }
        if (states.get('accepted') === docs.length || Date.now() > deadline) break;
        await sleep(1000);
      }
      const perVersion = new Map<string, number>();
      for (const e of entries) perVersion.set(e.uniqueId, (perVersion.get(e.uniqueId) ?? 0) + 1);
      const lost = docs.filter((d) => !perVersion.has(d.uniqueId)).length;
      const twice = [...perVersion.values()].filter((n) => n > 1).length;
      console.log(
        `queue crash (${kind}): ${docs.length} versions, ${kills} SIGKILLs, ${entries.length} entries in the simulator, lost ${lost}, twice ${twice}, rows ${JSON.stringify(Object.fromEntries(states))}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      assert.equal(lost, 0, 'none lost');
      assert.equal(twice, 0, 'none twice');
      assert.equal(entries.length, docs.length);
      assert.equal(states.get('accepted'), docs.length, 'every submission row accepted');
      await killHard(server.child);
    });
  });
}

suite('pglite');
suite('postgres');
