// A crash during sign: the real server process (dist/main.js) is killed with SIGKILL while it
// signs, restarted on the same store (a PGlite folder, or a PostgreSQL schema), and the sign
// is retried with the same Idempotency-Key: the document ends with its signed version exactly
// once (one version, signed, one sign in the audit), whatever the retry answers. Loopback only,
// one crash per store, bounded in time (8 min: under CI load the files run two at a time).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DR_LEFORT, type PscEmulator } from '@dcc-kit/psc-emulator';
import { openStore } from './main-config.js';
import { killAll, killHard, pscForServer, schemaUrl, startServer } from './testing/server-process.js';
import { example, patientFromModel, postgresTarget, type StoreKind } from './testing/harness.js';

const ICO = '492805973';
/** Short, so that the test waits little for a crashed request's key; longer than a sign here. */
const LEASE_SECONDS = 6;
type Json = Record<string, unknown>;



function suite(kind: StoreKind) {
  const target = kind === 'postgres' ? postgresTarget() : {};
  describe(`kill -9 during sign, restart, retry (${kind})`, { skip: target.skip ?? false, timeout: 480_000 }, () => {
    let psc: PscEmulator;
    let token: string;
    let env: NodeJS.ProcessEnv;
    let dataDir: string | undefined;
    const children: ChildProcess[] = [];

    before(async () => {
      let pscEnv: NodeJS.ProcessEnv;
      ({ psc, token, env: pscEnv } = await pscForServer(600));
      env = {
        ...pscEnv,
        DCC_IDEMPOTENCY_LEASE_SECONDS: String(LEASE_SECONDS),
        DCC_AUDIT_READERS: DR_LEFORT.userinfo.SubjectNameID,
        // The patient is created as qualified by the caller (the host's identity server is the
        // authority), as the other tests' harness does: what is tested here is the crash.
        DCC_INSI_TRUST_HOST_STATUS: 'true',
      };
      if (kind === 'pglite') {
        dataDir = mkdtempSync(join(tmpdir(), 'dcc-crash-'));
        env.DCC_DATA_DIR = join(dataDir, 'pglite');
      } else {
        // A fresh schema, created and migrated here; the server process reaches it by search_path.
        const schema = `dcc_crash_${randomBytes(6).toString('hex')}`;
        await (await openStore({ databaseUrl: target.url!, schema })).close();
        env.DATABASE_URL = schemaUrl(target.url!, schema);
      }
    });
    after(async () => {
      killAll(children);
      await psc?.close().catch(() => undefined);
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    test('the signed version exists exactly once, completed by a retry with the same key', async () => {
      const api = (url: string) => async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
        const res = await fetch(`${url}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        return { status: res.status, etag: res.headers.get('etag'), retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Json };
      };
      let server = await startServer(env);
      children.push(server.child);
      let call = api(server.url);
      const model = example('pps', '01-');
      const patient = await call('POST', '/patients', patientFromModel(model, ICO));
      assert.equal(patient.status, 201);
      const doc = await call('POST', '/documents', { patientId: patient.body.id, type: 'pps', model });
      assert.equal(doc.status, 201);
      const id = String(doc.body.id);
      const validated = await call('POST', `/documents/${id}/versions/1/validate`, undefined, { 'if-match': doc.etag! });
      assert.equal(validated.status, 200, JSON.stringify(validated.body));

      // Sign, and kill the process while it builds and checks the signed CDA. That takes a few
      // hundred milliseconds now (it took seconds before the engine's speed-up, when this waited
      // 300 ms): 100 ms lands inside it, not after the signature's commit.
      const key = `crash-sign-${randomBytes(4).toString('hex')}`;
      const headers = { 'if-match': validated.etag!, 'idempotency-key': key };
      const signing = call('POST', `/documents/${id}/versions/1/sign`, undefined, headers).catch((error: unknown) => error);
      await new Promise((r) => setTimeout(r, 100));
      await killHard(server.child);
      const lost = await signing;
      assert.ok(lost instanceof Error, 'the request died with the process');

      server = await startServer(env);
      children.push(server.child);
      call = api(server.url);
      // The crashed request's key stays claimed for its lease (DCC_IDEMPOTENCY_LEASE_SECONDS):
      // meanwhile 409 with Retry-After; once the lease has run out the same key completes.
      let retry = await call('POST', `/documents/${id}/versions/1/sign`, undefined, headers);
      if (retry.status === 409) {
        assert.match(String(retry.body.type), /idempotency-key-in-progress$/);
        const wait = Number(retry.retryAfter);
        assert.ok(wait >= 1 && wait <= LEASE_SECONDS, `Retry-After ${retry.retryAfter}`);
        // A real process: its clock cannot be injected, so this waits out the (short) lease.
        await new Promise((r) => setTimeout(r, wait * 1000 + 200));
        retry = await call('POST', `/documents/${id}/versions/1/sign`, undefined, headers);
      }
      assert.equal(retry.status, 200, JSON.stringify(retry.body));
      assert.equal(retry.body.status, 'signed');
      const versions = await call('GET', `/documents/${id}/versions`);
      const items = versions.body.items as Json[];
      assert.equal(items.length, 1, 'no version added');
      assert.equal(items[0]!.status, 'signed');
      const audit = await call('GET', `/audit?documentId=${id}`);
      assert.equal((audit.body.items as Json[]).filter((e) => e.action === 'document.sign').length, 1, 'signed once');
      // Replaying the key now gives the stored signature, never a second one.
      const again = await call('POST', `/documents/${id}/versions/1/sign`, undefined, headers);
      assert.equal(again.status, 200, `replay answered ${again.status}`);
      await killHard(server.child);
    });
  });
}

suite('pglite');
suite('postgres');
