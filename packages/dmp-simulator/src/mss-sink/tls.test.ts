// The sink in STARTTLS mode with client certificates (an applicative mailbox's ORG_AUTH_CLI
// stand-in from the simulator's test PKI), and MssSender's TLS options.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MssError, MssSender, type MssSendInput } from '@dcc-kit/mss';
import { createTestPki, type TestPki } from '../pki/index.js';
import { startMssSink, type MssSink } from './index.js';
import { buildDocument } from '@dcc-kit/mss/testing';
import { sendRaw } from './testing/raw-smtp.js';

let pki: TestPki;
let sink: MssSink;
const professional = 'dr.oncologue@hopital-test.mssante.fr';
const input: MssSendInput = { cda: buildDocument('pps', '01'), visibility: [], to: [professional], from: 'bal.app@hopital-test.mssante.fr', submissionSetUniqueId: '2.25.5', sourceId: '1.2.3' };
const senderInfo = { organisation: 'CH de test', software: 'dcc-kit', version: '0.1.0' };

before(async () => {
  pki = await createTestPki();
  sink = await startMssSink({ tls: { key: pki.server.key, cert: pki.server.cert, ca: pki.ca.cert } });
});
after(() => sink.close());

const sender = (tls: { ca: string; cert?: string; key?: string }): MssSender =>
  new MssSender({ smtp: { host: sink.host, port: sink.port, requireTLS: true, tls: { ...tls, servername: 'localhost' } }, nil: 'NIL', sender: senderInfo, connectionTimeoutMs: 5000, timeoutMs: 10_000 });

test('STARTTLS with the client certificate: accepted, stored as secure', async () => {
  const result = await sender({ ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key }).send(input);
  assert.deepEqual(result.accepted, [professional]);
  const stored = sink.messages().find((m) => m.messageId === result.messageId);
  assert.equal(stored?.secure, true);
  assert.deepEqual(stored?.verdict, { accepted: true });
});

test('server not trusted, or no client certificate: a permanent tls error, nothing stored', async () => {
  const other = await createTestPki();
  const before = sink.messages().length;
  for (const tls of [{ ca: pki.ca.cert }, { ca: other.ca.cert, cert: pki.client.cert, key: pki.client.key }]) {
    let caught: unknown;
    await sender(tls).send(input).catch((e: unknown) => (caught = e));
    assert.ok(caught instanceof MssError, String(caught));
    assert.equal(caught.code, 'tls', String((caught as Error).cause));
    assert.equal(caught.transient, false);
  }
  // A client certificate of another CA: under TLS 1.3 the server's refusal comes after the
  // client's side of the handshake, so the client only sees the connection closed — it cannot
  // tell it from a network drop, hence transient (retries end parked by the queue's policy).
  let caught: unknown;
  await sender({ ca: pki.ca.cert, cert: other.client.cert, key: other.client.key }).send(input).catch((e: unknown) => (caught = e));
  assert.ok(caught instanceof MssError, String(caught));
  assert.equal(caught.code, 'connection');
  assert.equal(sink.messages().length, before);
});

test('MAIL FROM before STARTTLS: 530', async () => {
  const { mail } = await sendRaw(sink, { from: 'a@b.fr', to: [professional] }, '');
  assert.equal(mail.code, 530);
});
