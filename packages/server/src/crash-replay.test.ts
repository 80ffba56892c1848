// Kill -9 at several points of signatures, restart, retry each with its Idempotency-Key: the
// answer is the whole operation or the exact replay of the first answer — never 412 (the
// version already signed, its key unanswered) —, each signature exists exactly once, and what
// was saved before the crash is still there. The key's answer is written in the transaction of
// the signature (middleware/idempotency.ts), so no kill can separate them.
// On PostgreSQL the test also holds the key's row locked from its own connection, so that the
// server is stopped deterministically *between* the signature's writes and the key's answer
// (with the answer written after the commit, as before, that kill left a signed version whose
// retry answered 412); and it kills once a signature is seen committed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DR_LEFORT, type PscEmulator } from '@dcc-kit/psc-emulator';
import { openStore } from './main-config.js';
import { killAll, killHard, pscForServer, schemaUrl, startServer } from './testing/server-process.js';
import { example, patientFromModel, postgresTarget, type StoreKind } from './testing/harness.js';

const ICO = '492805973';
/** Short, so that the test waits little for a crashed request's key; longer than a sign here. */
const LEASE_SECONDS = 6;
type Json = Record<string, unknown>;
interface Answer {
  status: number;
  etag: string | null;
  retryAfter: string | null;
  replayed: boolean;
  body: Json;
}

const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

function suite(kind: StoreKind) {
  const target = kind === 'postgres' ? postgresTarget() : {};
  describe(`kill -9 at several points of signatures, restart, retry with the same keys (${kind})`, { skip: target.skip ?? false, timeout: 480_000 }, () => {
    let psc: PscEmulator;
    let token: string;
    let env: NodeJS.ProcessEnv;
    let dataDir: string | undefined;
    let schema = '';
    let db: pg.Client | undefined;
    const children: ChildProcess[] = [];

    before(async () => {
      let pscEnv: NodeJS.ProcessEnv;
      ({ psc, token, env: pscEnv } = await pscForServer(600));
      env = { ...pscEnv, DCC_IDEMPOTENCY_LEASE_SECONDS: String(LEASE_SECONDS), DCC_AUDIT_READERS: DR_LEFORT.userinfo.SubjectNameID, DCC_INSI_TRUST_HOST_STATUS: 'true' };
      if (kind === 'pglite') {
        dataDir = mkdtempSync(join(tmpdir(), 'dcc-crash-replay-'));
        env.DCC_DATA_DIR = join(dataDir, 'pglite');
      } else {
        schema = `dcc_crash_${randomBytes(6).toString('hex')}`;
        await (await openStore({ databaseUrl: target.url!, schema })).close();
        env.DATABASE_URL = schemaUrl(target.url!, schema);
        db = new pg.Client({ connectionString: target.url! });
        await db.connect();
      }
    });
    after(async () => {
      killAll(children);
      await db?.end().catch(() => undefined);
      await psc?.close().catch(() => undefined);
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    const api = (url: string) => async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, etag: res.headers.get('etag'), retryAfter: res.headers.get('retry-after'), replayed: res.headers.get('idempotent-replayed') === 'true', body: (await res.json()) as Json };
    };

    test('each retry completes the signature or replays its answer; signed once; nothing saved is lost', async () => {
      let server = await startServer(env);
      children.push(server.child);
      let call = api(server.url);
      const model = example('pps', '01-');
      const patient = await call('POST', '/patients', patientFromModel(model, ICO));
      assert.equal(patient.status, 201, JSON.stringify(patient.body));
      // Five validated versions to sign, and a document with a saved second draft (must survive).
      const signing: Array<{ id: string; headers: Record<string, string>; first?: Answer }> = await Promise.all(
        [0, 1, 2, 3, 4].map(async (i) => {
          const doc = await call('POST', '/documents', { patientId: patient.body.id, type: 'pps', model });
          assert.equal(doc.status, 201);
          const id = String(doc.body.id);
          const validated = await call('POST', `/documents/${id}/versions/1/validate`, undefined, { 'if-match': doc.etag! });
          assert.equal(validated.status, 200, JSON.stringify(validated.body));
          return { id, headers: { 'if-match': validated.etag!, 'idempotency-key': `crash-replay-${i}-${randomBytes(4).toString('hex')}` } };
        }),
      );
      const kept = await call('POST', '/documents', { patientId: patient.body.id, type: 'pps', model });
      const draft = { ...model, patientComment: 'Saisi juste avant la panne.' };
      const saved = await call('POST', `/documents/${String(kept.body.id)}/versions`, { model: draft }, { 'if-match': kept.etag! });
      assert.equal(saved.status, 201, JSON.stringify(saved.body));

      let lockedKey: string | undefined;
      const lock = kind === 'postgres' ? new pg.Client({ connectionString: postgresTarget().url! }) : undefined;
      await lock?.connect();
      try {
        const sign = (s: (typeof signing)[number]) =>
          call('POST', `/documents/${s.id}/versions/1/sign`, undefined, s.headers).then(
            (a) => (s.first = a),
            () => undefined, // the process died under it: no answer
          );
        let inFlight: Array<Promise<unknown>>;
        if (kind === 'postgres') {
          // Deterministic points. signing[0]: stopped between its writes and its key's answer (the
          // test holds the key's row); signing[1]: killed once its signature is seen committed.
          lockedKey = signing[0]!.headers['idempotency-key']!;
          const keyRow = `SELECT 1 FROM ${schema}.idempotency_keys WHERE key = $1`;
          inFlight = [sign(signing[0]!)];
          await until('the key claimed', async () => (await db!.query(keyRow, [lockedKey])).rowCount === 1);
          await lock!.query('BEGIN');
          await lock!.query(`${keyRow} FOR UPDATE`, [lockedKey]);
          inFlight.push(sign(signing[1]!));
          await until('the signature waiting on the key row', async () => {
            const waiting = await db!.query(`SELECT 1 FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query ILIKE '%UPDATE idempotency_keys%'`);
            return (waiting.rowCount ?? 0) > 0;
          });
          await until('signing[1] committed', async () => (await db!.query(`SELECT 1 FROM ${schema}.document_versions WHERE document_id = $1 AND status = 'signed'`, [signing[1]!.id])).rowCount === 1);
          for (const s of signing.slice(2)) inFlight.push(sign(s));
          await new Promise((r) => setTimeout(r, 150));
        } else {
          // Points spread over the signatures: one answered before the kill, the others started
          // 0–300 ms apart and killed wherever they are (building, checking, committing).
          inFlight = [sign(signing[0]!)];
          await inFlight[0];
          for (const [i, s] of signing.slice(1).entries()) {
            inFlight.push(sign(s));
            await new Promise((r) => setTimeout(r, 25 * (i + 1)));
          }
        }
        await killHard(server.child);
        await Promise.all(inFlight);
        if (kind === 'postgres') {
          await lock!.query('ROLLBACK');
          // The signature stopped before its answer was not committed (its COMMIT was never sent): all or nothing.
          const version = await db!.query(`SELECT status FROM ${schema}.document_versions WHERE document_id = $1`, [signing[0]!.id]);
          assert.equal(version.rows[0]?.status, 'validated', 'the signature did not commit without its answer');
          const key = await db!.query(`SELECT status FROM ${schema}.idempotency_keys WHERE key = $1`, [lockedKey]);
          assert.equal(key.rows[0]?.status, null, 'the key stays unanswered with its signature');
          const committed = await db!.query(`SELECT status FROM ${schema}.idempotency_keys WHERE key = $1`, [signing[1]!.headers['idempotency-key']]);
          assert.equal(committed.rows[0]?.status, 200, 'the committed signature has its answer');
        }
      } finally {
        await lock?.end().catch(() => undefined);
      }

      server = await startServer(env);
      children.push(server.child);
      call = api(server.url);
      const outcomes: string[] = [];
      for (const s of signing) {
        let retry = await call('POST', `/documents/${s.id}/versions/1/sign`, undefined, s.headers);
        if (retry.status === 409) {
          assert.match(String(retry.body.type), /idempotency-key-in-progress$/);
          const wait = Number(retry.retryAfter);
          assert.ok(wait >= 1 && wait <= LEASE_SECONDS, `Retry-After ${retry.retryAfter}`);
          // A real process: its clock cannot be injected, so this waits out the (short) lease.
          await new Promise((r) => setTimeout(r, wait * 1000 + 200));
          retry = await call('POST', `/documents/${s.id}/versions/1/sign`, undefined, s.headers);
        }
        assert.equal(retry.status, 200, `${s.id}: ${JSON.stringify(retry.body)}`);
        assert.equal(retry.body.status, 'signed');
        if (s.first) {
          // The first answer arrived: the retry is its exact replay.
          assert.equal(retry.replayed, true);
          assert.deepEqual(retry.body, s.first.body);
          assert.equal(retry.etag, s.first.etag);
        }
        if (s.headers['idempotency-key'] === lockedKey) assert.equal(retry.replayed, false, 'the signature rolled back runs again');
        outcomes.push(retry.replayed ? 'replay' : 'signed on retry');
        const again = await call('POST', `/documents/${s.id}/versions/1/sign`, undefined, s.headers);
        assert.deepEqual([again.status, again.replayed, again.body], [200, true, retry.body], 'later retries replay the answer');
        const versions = await call('GET', `/documents/${s.id}/versions`);
        assert.deepEqual((versions.body.items as Json[]).map((v) => v.status), ['signed'], 'no version added');
        const audit = await call('GET', `/audit?documentId=${s.id}`);
        assert.equal((audit.body.items as Json[]).filter((e) => e.action === 'document.sign').length, 1, 'signed once');
      }
      console.log(`# ${kind}: after the kill, ${outcomes.filter((o) => o === 'replay').length} replays, ${outcomes.filter((o) => o !== 'replay').length} signatures completed by their retry`);
      const survived = await call('GET', `/documents/${String(kept.body.id)}/versions/2`);
      assert.equal(survived.status, 200);
      assert.deepEqual(survived.body.model, draft);
      await killHard(server.child);
    });
  });
}

suite('pglite');
suite('postgres');
