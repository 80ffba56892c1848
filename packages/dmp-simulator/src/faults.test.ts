// Fault injection (§5.5) and the mutual TLS mode, over real HTTP(S).
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpsRequest } from 'node:https';
import { createTestPki, type TestPki } from './pki/index.js';
import type { DmpSimulator } from './simulator.js';
import { startTrustingSimulator, startSimulatorTrusting, signerOf, resetState } from './testing/simulator-fixture.test-util.js';
import { FRCP_INS, faultOf, iti41, post, registryErrors, td02, type HttpBody, type Signer } from './testing/request-builder.test-util.js';

let pki: TestPki;
let sim: DmpSimulator;
before(async () => ({ pki, sim } = await startTrustingSimulator()));
after(async () => sim.close());
beforeEach(async () => resetState(sim));

const signer = (): Signer => signerOf(pki);
async function inject(fault: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${sim.adminUrl}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
  assert.equal(response.status, 201, await response.text());
}
const submit = (): Promise<{ status: number; text: string }> => post(sim.url, 'repository', iti41(sim.url, { signer: signer() }));

test('fault http-503 for the next 2 calls of /repository, then the call goes through', async () => {
  await inject({ endpoint: 'repository', kind: 'http-503', count: 2 });
  assert.equal((await submit()).status, 503);
  assert.equal((await submit()).status, 503);
  const third = await submit();
  assert.equal(third.status, 200);
  assert.match(third.text, /ResponseStatusType:Success/);
});

test('fault registry-busy → XDSRegistryBusy; soap-fault → env:Receiver (HTTP 500); partial-success → PartialSuccess with a warning', async () => {
  await inject({ endpoint: 'repository', kind: 'registry-busy' });
  assert.deepEqual(registryErrors((await submit()).text).map((e) => e.errorCode), ['XDSRegistryBusy']);
  await inject({ endpoint: '*', kind: 'soap-fault' });
  const fault = await submit();
  assert.equal(fault.status, 500);
  assert.match(fault.text, /env:Receiver/);
  assert.equal(faultOf(fault.text)?.code, 'SIM_INJECTED_FAULT');
  await inject({ endpoint: 'repository', action: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b', kind: 'partial-success' });
  const partial = await submit();
  assert.match(partial.text, /status="urn:ihe:iti:2007:ResponseStatusType:PartialSuccess"/);
  assert.match(partial.text, /ErrorSeverityType:Warning/);
});

test('fault drop closes the connection without an answer; timeout holds it past the delay; latency delays a normal answer', async () => {
  await inject({ endpoint: 'repository', kind: 'drop' });
  await assert.rejects(submit());
  await inject({ endpoint: 'repository', kind: 'timeout', delayMs: 300 });
  const started = Date.now();
  await assert.rejects(submit());
  assert.ok(Date.now() - started >= 290, 'held for the delay');
  await inject({ endpoint: 'repository', kind: 'latency', delayMs: 200 });
  const t0 = Date.now();
  const slow = await submit();
  assert.ok(Date.now() - t0 >= 190);
  assert.match(slow.text, /ResponseStatusType:Success/);
});

test('fault close-dmp: the DMP closes between TD0.2 and ITI-41 → SIM_DMP_CLOSED', async () => {
  const status = await post(sim.url, 'patients', td02(sim.url, { signer: signer(), ins: FRCP_INS }));
  assert.match(status.text, /<queryResponseCode code="OK"\/>/);
  await inject({ endpoint: 'repository', kind: 'close-dmp' });
  assert.deepEqual(registryErrors((await submit()).text).map((e) => [e.errorCode, e.location]), [['SIM_DMP_CLOSED', 'patientId']]);
});

test('a fault for one action leaves the other actions alone; DELETE /admin/faults clears them', async () => {
  await inject({ endpoint: 'repository', action: 'urn:ihe:iti:2007:RetrieveDocumentSet', kind: 'http-503', count: 5 });
  assert.equal((await submit()).status, 200);
  assert.equal(((await (await fetch(`${sim.adminUrl}/faults`)).json()) as unknown[]).length, 1);
  assert.equal((await fetch(`${sim.adminUrl}/faults`, { method: 'DELETE' })).status, 204);
  assert.equal(((await (await fetch(`${sim.adminUrl}/faults`)).json()) as unknown[]).length, 0);
  const bad = await fetch(`${sim.adminUrl}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'http-503', count: 0 }) });
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as { path: string }).path, '$.count');
});

function httpsPost(url: string, http: HttpBody, client?: { cert: string; key: string }): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: 'POST', ca: pki.ca.cert, ...client, headers: { 'content-type': http.contentType }, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end(http.body);
  });
}

test('mutual TLS mode: a client without a certificate is refused at the handshake; with the test client certificate it is served', async () => {
  const secure = await startSimulatorTrusting(pki, { tls: { key: pki.server.key, cert: pki.server.cert, ca: pki.ca.cert } });
  try {
    assert.match(secure.url, /^https:\/\/127\.0\.0\.1:\d+\/si-dmp-server\/v2\/services$/);
    const body = td02(secure.url, { signer: signer(), ins: FRCP_INS });
    await assert.rejects(httpsPost(`${secure.url}/patients`, body));
    const other = await createTestPki();
    await assert.rejects(httpsPost(`${secure.url}/patients`, body, { cert: other.client.cert, key: other.client.key }), 'a certificate from another CA is refused');
    const ok = await httpsPost(`${secure.url}/patients`, body, { cert: pki.client.cert, key: pki.client.key });
    assert.equal(ok.status, 200);
    assert.match(ok.text, /<queryResponseCode code="OK"\/>/);
  } finally {
    await secure.close();
  }
});

test('PUT /admin/clock shifts the clock: a VIHF issued now is then outside the ±5 min window', async () => {
  const shifted = await fetch(`${sim.adminUrl}/clock`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs: -10 * 60_000 }) });
  assert.equal(shifted.status, 200);
  assert.equal(((await shifted.json()) as { offsetMs: number }).offsetMs, -600_000);
  assert.deepEqual(faultOf((await submit()).text), { code: 'SIM_VIHF_INVALID', location: 'saml2:Assertion/@IssueInstant' });
  await fetch(`${sim.adminUrl}/state`, { method: 'DELETE' });
  assert.match((await submit()).text, /ResponseStatusType:Success/, 'reset puts the clock back');
});
