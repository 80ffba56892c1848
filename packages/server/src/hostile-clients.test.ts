// Clients as an attacker writes them, over real sockets on loopback: a slowloris trickling its
// headers or its body, oversized headers, ids that try to climb out of their path segment, an
// Idempotency-Key reused while its first request is still running. Each gets a bounded answer
// (or a closed connection) and the server keeps serving.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { DR_LEFORT } from '@dcc-kit/psc-emulator';
import { DocumentChecker } from './services/document-checker.js';
import { ApiClient, example, patientFromModel, startStack, type Stack } from './testing/harness.js';

const ICO = '492805973';
type Json = Record<string, unknown>;
type Problem = { type: string; status: number };

/** Opens a socket, writes `head`, then one of `drip` every `everyMs`; resolves with what came back once the server closes it (or `limitMs` passes). */
function trickle(port: number, head: string, drip: string, everyMs: number, limitMs: number): Promise<{ text: string; closedAfterMs?: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    let interval: NodeJS.Timeout | undefined;
    const finish = (closed: boolean) => {
      clearInterval(interval);
      clearTimeout(limit);
      socket.destroy();
      resolve({ text: Buffer.concat(chunks).toString('latin1'), ...(closed ? { closedAfterMs: Date.now() - started } : {}) });
    };
    const limit = setTimeout(() => finish(false), limitMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('connect', () => {
      socket.write(head);
      interval = setInterval(() => socket.writable && socket.write(drip), everyMs);
    });
  });
}

/** A checker whose verdicts wait until the test lets them through (a signature held in flight). */
class HeldChecker extends DocumentChecker {
  private gate: Promise<void> = Promise.resolve();
  private open: () => void = () => undefined;
  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }
  release(): void {
    this.open();
  }
  override async check(...args: Parameters<DocumentChecker['check']>): ReturnType<DocumentChecker['check']> {
    await this.gate;
    return super.check(...args);
  }
}

describe('hostile clients', () => {
  let stack: Stack;
  let port: number;
  let lefort: ApiClient;
  const checker = new HeldChecker();

  before(async () => {
    // Tight wire bounds, checked often, so the test waits little; the defaults are minutes shorter than node:http's.
    stack = await startStack('pglite', { server: { checker, wireTimeouts: { headersMs: 400, requestMs: 800, checkEveryMs: 100 } } });
    port = Number(new URL(stack.url).port);
    lefort = new ApiClient(stack.url);
    await lefort.login(DR_LEFORT);
  });
  after(async () => {
    await stack?.close();
    await checker.close();
  });

  const healthy = async () => assert.equal((await fetch(`${stack.url}/health`)).status, 200, 'the server still answers');

  test('slowloris: headers trickled a byte at a time → 408 and the connection closed once the header bound has passed', async () => {
    const r = await trickle(port, 'GET /health HTTP/1.1\r\nHost: x\r\n', 'X', 50, 10_000);
    assert.ok(r.closedAfterMs !== undefined, 'the server closed the connection');
    assert.match(r.text, /^HTTP\/1\.1 408 /);
    await healthy();
  });

  test('slowloris: a body trickled after its headers → the connection is closed once the request bound has passed', async () => {
    const r = await trickle(port, 'POST /patients HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{', ' ', 50, 10_000);
    assert.ok(r.closedAfterMs !== undefined, 'the server closed the connection');
    assert.match(r.text, /^HTTP\/1\.1 (401|408) /);
    await healthy();
  });

  test('oversized headers → 431 problem; thousands of small headers → 431; the server still answers', async () => {
    for (const head of [`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`, `GET /health HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 5000 }, (_, i) => `X-${i}: y`).join('\r\n')}\r\n\r\n`]) {
      const r = await trickle(port, head, '', 1000, 5000);
      assert.match(r.text, /^HTTP\/1\.1 431 /);
      assert.match(r.text, /application\/problem\+json/);
    }
    await healthy();
  });

  test('ids that climb out of their segment or are not ids → 404 or 400, never another resource', async () => {
    const patient = await lefort.post<Json>('/patients', patientFromModel(example('pps', '01-'), ICO));
    assert.equal(patient.status, 201, patient.text);
    // (`..` itself is resolved by the client's URL parser; the fuzz of robustness.test.ts sends it raw.)
    for (const id of ['..%2F..%2Fpatients', '%2E%2E%2F%2E%2E', `${String(patient.body.id)}%2F..`, `${String(patient.body.id)}%00`, "1'%20OR%20'1'='1", '%C0%AE%C0%AE', 'a'.repeat(5000)]) {
      const r = await lefort.request<Problem>('GET', `/documents/${id}/versions/1`, { noSpec: true });
      assert.ok([400, 404].includes(r.status), `${id.slice(0, 40)} → ${r.status}`);
      const p = await lefort.request<Problem>('GET', `/patients/${id}`, { noSpec: true });
      assert.ok([400, 404].includes(p.status), `${id.slice(0, 40)} → ${p.status}`);
    }
    await healthy();
  });

  test('the same Idempotency-Key while its first request runs → 409 idempotency-key-in-progress with Retry-After; then the replay', async () => {
    const model = example('pps', '01-');
    const patient = await lefort.get<{ items: Json[] }>(`/patients`);
    const doc = await lefort.post<Json>('/documents', { patientId: patient.body.items[0]!.id, type: 'pps', model });
    assert.equal(doc.status, 201, doc.text);
    const id = String(doc.body.id);
    const headers = { 'if-match': doc.headers.get('etag')!, 'idempotency-key': 'held-validate-1' };
    checker.hold();
    const first = lefort.post<Json>(`/documents/${id}/versions/1/validate`, undefined, headers);
    // Once the first request has claimed the key (polled, bounded), a second one with it.
    for (let i = 0; !(await stack.store.driver.query(`SELECT 1 FROM idempotency_keys WHERE key = 'held-validate-1'`)).length; i++) {
      assert.ok(i < 500, 'the first request claimed its key');
      await new Promise((r) => setTimeout(r, 20));
    }
    const second = await lefort.request<Problem>('POST', `/documents/${id}/versions/1/validate`, { headers, noSpec: true });
    assert.equal(second.status, 409, JSON.stringify(second.body));
    assert.match(second.body.type, /idempotency-key-in-progress$/);
    assert.ok(Number(second.headers.get('retry-after')) >= 1);
    checker.release();
    const answered = await first;
    assert.equal(answered.status, 200, answered.text);
    const replay = await lefort.post<Json>(`/documents/${id}/versions/1/validate`, undefined, headers);
    assert.equal(replay.status, 200);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(replay.body, answered.body);
    // Another body under the same key → 422; an oversized key → 400 naming the header.
    const reused = await lefort.request<Problem>('POST', '/patients', { json: patientFromModel(model, ICO), headers: { 'idempotency-key': 'held-validate-1' }, noSpec: true });
    assert.equal(reused.status, 422);
    const long = await lefort.request<Problem & { errors: Array<{ path: string }> }>('POST', `/documents/${id}/versions/1/sign`, {
      headers: { 'if-match': replay.headers.get('etag')!, 'idempotency-key': 'k'.repeat(201) },
      noSpec: true,
    });
    assert.deepEqual([long.status, long.body.errors.map((e) => e.path)], [400, ['Idempotency-Key']]);
  });
});
