// Hostile bytes on the wire must never end the process: a request line a URL cannot hold,
// a request node:http cannot parse, or a fuzzed mix of both, each gets an answer (or a closed
// socket) and the server keeps serving, with stored data untouched. Raw sockets on loopback,
// because fetch() refuses to send most of these requests.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { createServer, type DccServer, type LogEntry } from './app.js';
import { example } from './testing/harness.js';
import { seededRandom as seeded } from './testing/seeded-random.js';
import { openStore } from './main-config.js';
import type { Patient } from './store/records.js';
import type { Store } from './store/store.js';

/** Sends raw bytes, half-closes, and gives the status of the first response (undefined: none). */
function exchange(port: number, data: string | Buffer, timeoutMs = 2000): Promise<{ status?: number; text: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    let timedOut = false;
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      resolve({ ...(status ? { status: Number(status) } : {}), text, timedOut });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      done();
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // One complete response is enough (keep-alive connections do not close by themselves).
      const text = Buffer.concat(chunks).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: *(\d+)/i.exec(text)?.[1];
      if (end >= 0 && length !== undefined && text.length >= end + 4 + Number(length)) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.on('connect', () => {
      socket.write(data);
      socket.end();
    });
  });
}

describe('malformed requests do not end the server', () => {
  let store: Store;
  let app: DccServer;
  let port: number;
  const logs: LogEntry[] = [];
  let patient: Patient;
  const structure = '492805973';
  // In a real process (not under the test runner) an unhandled rejection ends it: none may occur.
  const unhandled: string[] = [];
  const onUnhandled = (error: unknown) => void unhandled.push((error as Error)?.name ?? String(error));

  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
    store = await openStore({ memory: true });
    app = createServer({
      store,
      sessionKey: randomBytes(32),
      oidc: { discoveryUrl: 'http://127.0.0.1:1/x', clientId: 'a', clientSecret: 'b' },
      logger: (e) => logs.push(e),
      // Limits on, sized so the fuzz reaches the handlers instead of a wall of 429s (asserted below).
      limits: { perClient: { perSecond: 10_000, burst: 10_000 }, concurrentPerClient: 1000 },
    });
    port = (await app.listen(0)).port;
    const created = await store.patients.create(
      {
        ins: { value: '273064900708440', oid: '1.2.250.1.213.1.4.10' },
        identityStatus: 'qualified',
        traits: { birthName: 'DURAND', firstNames: ['Hélène'], birthDate: '1973-06-12', sex: 'F' },
        structureId: structure,
      },
      { idNatPs: '899700000001', structures: [structure], requestId: 'seed' },
    );
    assert.ok(created.ok);
    patient = created.value;
    const doc = await store.documents.create({ patientId: patient.id, type: 'pps', setId: '1.2.250.1.999.1', model: example('pps', '01-') }, { idNatPs: '899700000001', structures: [structure], requestId: 'seed' });
    assert.ok(doc.ok);
  });

  /** Every stored record of the data tables, as text (what the fuzz must leave unchanged). */
  const snapshot = async () => {
    const tables = ['patients', 'documents', 'document_versions', 'dmp_submissions'];
    const rows = await Promise.all(tables.map((t) => store.driver.query(`SELECT * FROM ${t} ORDER BY 1`)));
    return JSON.stringify(rows);
  };
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
    await app?.close();
    await store?.close();
  });

  const healthy = async () => {
    const health = await exchange(port, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.equal(health.status, 200, 'the server still answers /health');
    assert.deepEqual(unhandled, [], 'no unhandled rejection or exception');
    assert.match(health.text, /"status":"ok"/);
  };

  for (const target of ['//[', '//x:99999/', 'http://a:b@[::1/']) {
    test(`request target ${target} → 400 problem+json, and the server still answers`, async () => {
      const r = await exchange(port, `GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
      assert.equal(r.status, 400, r.text);
      assert.match(r.text, /content-type: application\/problem\+json/i);
      await healthy();
    });
  }

  test('a request node:http cannot parse → 400, and the server still answers', async () => {
    const r = await exchange(port, 'GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
    assert.equal(r.status, 400, r.text);
    await healthy();
  });

  test('5,000 fuzzed requests (fixed seed): the server still serves and every stored record is unchanged', { timeout: 300_000 }, async () => {
    const stored = await snapshot();
    const random = seeded(0xdcc10);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const junk = (max: number) => Buffer.from(Array.from({ length: Math.floor(random() * max) }, () => Math.floor(random() * 256)));
    const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'CONNECT', 'TRACE', 'G\u00c9T', '', 'GET GET', 'X'.repeat(300)];
    const targets = [
      '/health',
      '/patients',
      `/patients/${patient.id}`,
      '/documents',
      '/documents/00000000-0000-0000-0000-000000000000/versions/1/validate',
      '/auth/login?returnTo=//evil',
      '/auth/callback?code=x&state=y',
      '//[',
      '//x:99999/',
      'http://a:b@[::1/',
      'http://[::1]:99999/patients',
      '/%',
      '/patients/%E0%A4%A',
      '/patients/%00',
      '*',
      '',
      '/../../etc/passwd',
      `/${'a/'.repeat(2000)}`,
      '/documents?limit=-1&cursor=%FF',
    ];
    const versions = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 extra', 'HTTP/9', ''];
    const headerPool = [
      'Content-Type: application/json',
      'Content-Type: text/plain',
      'Content-Length: 5',
      'Content-Length: -1',
      'Content-Length: 99999999999999999999',
      'Content-Length: 2\r\nContent-Length: 3',
      'Transfer-Encoding: chunked',
      'Transfer-Encoding: gzip, chunked',
      'Cookie: dcc_session=forged; dcc_login=x',
      'Authorization: Bearer forged',
      'DCC-API-Version: 2026-11-01',
      'X-Request-Id: ../../\u00ff',
      'If-Match: "1"',
      'If-Match: W/"abc"',
      'Idempotency-Key: k',
      'X-DCC-Activity: nope',
      'Expect: 100-continue',
      'Bad Header',
      `X-Long: ${'x'.repeat(20_000)}`,
    ];
    const bodies = [
      '',
      '{}',
      '{"ins":{"value":"1","oid":"x"}}',
      '{"constructor":{"prototype":{"x":1}},"__proto__":{"admin":true}}',
      JSON.stringify({ ins: { value: '273064900708440', oid: '1.2.250.1.213.1.4.10' }, identityStatus: 'qualified', traits: { birthName: 'PIRATE', firstNames: ['X'], birthDate: '1970-01-01', sex: 'M' }, structureId: structure }),
      '[[[[[[[[[[[[',
      '0\r\n\r\n',
      'zz\r\nabc\r\n0\r\n\r\n',
    ];
    const requests: Buffer[] = [];
    for (let i = 0; i < 5000; i++) {
      const line = `${pick(methods)} ${pick(targets)} ${pick(versions)}`;
      const headers = Array.from({ length: Math.floor(random() * 4) }, () => pick(headerPool));
      if (random() < 0.8) headers.unshift('Host: 127.0.0.1');
      const body = random() < 0.2 ? junk(64) : Buffer.from(pick(bodies));
      const head = random() < 0.1 ? Buffer.concat([Buffer.from(`${line}\r\n`), junk(40), Buffer.from('\r\n\r\n')]) : Buffer.from(`${line}\r\n${headers.join('\r\n')}\r\n\r\n`);
      requests.push(Buffer.concat([head, body]));
    }
    const started = Date.now();
    const statuses = new Map<number | 'none', number>();
    let unanswered = 0;
    for (let i = 0; i < requests.length; i += 25) {
      const results = await Promise.all(requests.slice(i, i + 25).map((r) => exchange(port, r, 1500)));
      for (const { status, timedOut } of results) {
        statuses.set(status ?? 'none', (statuses.get(status ?? 'none') ?? 0) + 1);
        if (timedOut) unanswered++;
      }
    }
    assert.ok(Date.now() - started < 280_000, 'bounded in time');
    if (process.env.DEBUG_FUZZ) console.log(statuses, { unanswered });
    // Every request is answered or its connection closed: none is left hanging by a lost handler.
    assert.equal(unanswered, 0, 'requests left without an answer');
    // Nothing was accepted as a write: no credentials were ever valid.
    assert.equal(statuses.get(201), undefined, 'no fuzzed write was accepted');
    // The fuzz reached the router and the handlers, not only the limits.
    assert.equal(statuses.get(429), undefined, 'no request refused by the limits');
    for (const status of [404, 405]) assert.ok((statuses.get(status) ?? 0) > 100, `${status} answers: ${statuses.get(status)}`);
    assert.ok((statuses.get(200) ?? 0) + (statuses.get(401) ?? 0) + (statuses.get(502) ?? 0) > 0, 'some requests reached the handlers');
    await healthy();
    assert.deepEqual(await store.patients.get(patient.id, [structure]), patient);
    assert.equal(await snapshot(), stored, 'every stored record unchanged');
    // The logs name no patient data even for hostile input.
    assert.doesNotMatch(JSON.stringify(logs), /273064900708440|DURAND|PIRATE/);
  });
});
