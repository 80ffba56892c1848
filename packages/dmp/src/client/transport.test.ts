import { test } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { post, mutualTlsAgent, ClientDispatcher } from './transport.js';
import { Agent } from 'undici';
import { DmpError } from '../soap/dmp-error.js';
import { testCerts } from '../security/test-pki.test.util.js';

async function listen(server: http.Server | https.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `${server instanceof https.Server ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function rejection(p: Promise<unknown>): Promise<DmpError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof DmpError, `a DmpError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

test('mutual TLS: the client certificate is presented and checked; refused without it', async () => {
  const pki = await testCerts();
  const seen: string[] = [];
  const server = https.createServer({ key: pki.server.key, cert: pki.server.cert, ca: pki.ca.cert, requestCert: true, rejectUnauthorized: true }, (req, res) => {
    const peer = (req.socket as import('node:tls').TLSSocket).getPeerCertificate();
    seen.push(String(peer.subject?.CN ?? ''));
    res.writeHead(200, { 'content-type': 'application/soap+xml' }).end('<ok/>');
  });
  const url = await listen(server);
  const agent = mutualTlsAgent({ cert: pki.client.cert, key: pki.client.key, ca: pki.ca.cert });
  const noCert = mutualTlsAgent({ cert: '', key: '', ca: pki.ca.cert });
  try {
    const reply = await post({ url, contentType: 'application/soap+xml', body: '<x/>', dispatcher: agent, timeoutMs: 5000 });
    assert.equal(reply.status, 200);
    assert.equal(new TextDecoder().decode(reply.body), '<ok/>');
    assert.deepEqual(seen, ['CH Test ORG_AUTH_CLI']);
    const refused = await rejection(post({ url, contentType: 'application/soap+xml', body: '<x/>', dispatcher: noCert, timeoutMs: 5000 }));
    assert.ok(['tls', 'connection'].includes(refused.code), refused.code);
    assert.deepEqual(seen, ['CH Test ORG_AUTH_CLI'], 'the request without a certificate never reached the handler');
    // a server certificate from another CA is refused by the client, permanently
    const otherCa = mutualTlsAgent({ cert: pki.client.cert, key: pki.client.key, ca: pki.signing.cert });
    const untrusted = await rejection(post({ url, contentType: 'application/soap+xml', body: '<x/>', dispatcher: otherCa, timeoutMs: 5000 }));
    assert.equal(untrusted.code, 'tls');
    assert.equal(untrusted.transient, false);
    await otherCa.close();
  } finally {
    await agent.close();
    await noCert.close().catch(() => undefined);
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

test('transport failures: timeout and dropped connection are transient; connection refused too; caller abort passes through', async () => {
  const server = http.createServer((req, res) => {
    if (req.url === '/slow') setTimeout(() => res.end('late'), 2000).unref();
    else if (req.url === '/drop') req.socket.destroy();
    else res.end('ok');
  });
  const url = await listen(server);
  try {
    const slow = await rejection(post({ url: `${url}/slow`, contentType: 'text/plain', body: 'x', timeoutMs: 150 }));
    assert.equal(slow.code, 'timeout');
    assert.equal(slow.transient, true);
    const dropped = await rejection(post({ url: `${url}/drop`, contentType: 'text/plain', body: 'x', timeoutMs: 2000 }));
    assert.equal(dropped.code, 'connection');
    assert.equal(dropped.transient, true);
    const controller = new AbortController();
    const pending = post({ url: `${url}/slow`, contentType: 'text/plain', body: 'x', timeoutMs: 5000, signal: controller.signal });
    controller.abort(new Error('user cancelled'));
    await assert.rejects(pending, /user cancelled/);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
  const refused = await rejection(post({ url, contentType: 'text/plain', body: 'x', timeoutMs: 2000 }));
  assert.equal(refused.code, 'connection');
  assert.equal(refused.transient, true);
});

test('ClientDispatcher: a given dispatcher is used and left open; an Agent made from tls is closed; none without either', async () => {
  const pki = await testCerts();
  const given = new Agent();
  const withGiven = new ClientDispatcher({ dispatcher: given, tls: { cert: pki.client.cert, key: pki.client.key, ca: pki.ca.cert } });
  assert.equal(withGiven.dispatcher, given, 'the given dispatcher wins over tls');
  await withGiven.close();
  assert.equal(given.closed, false, 'the caller closes what it gave');
  await given.close();

  const made = new ClientDispatcher({ tls: { cert: pki.client.cert, key: pki.client.key, ca: pki.ca.cert } });
  assert.ok(made.dispatcher instanceof Agent);
  await made.close();
  assert.equal((made.dispatcher as Agent).closed, true, 'the Agent made from tls is closed by its owner');

  const none = new ClientDispatcher({});
  assert.equal(none.dispatcher, undefined);
  await none.close();
});
