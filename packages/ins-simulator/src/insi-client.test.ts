// The INSi client (@dcc-kit/ins) against the simulator over real HTTPS with mutual TLS, port 0:
// every scenario of identity-auth.md §1.9 and the error paths.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InsiClient, InsiError, type InsiClientOptions } from '@dcc-kit/ins';
import { INS_OIDS } from '@dcc-kit/cda/identity';
import { post, mutualTlsAgent } from '@dcc-kit/dmp/client';
import { loadOrCreateInsiPki, startInsiSimulator, type InsiSimulator, type InsiTestPki } from './index.js';

const LPS: InsiClientOptions['lps'] = { name: 'dcc-kit', version: '0.1.0', instanceId: 'b1f7c1de-0000-4000-8000-000000000001', authorisationNumber: 'CNDA-TEST-0001', emitter: '492805973' };

let pki: InsiTestPki;
let sim: InsiSimulator;
let client: InsiClient;
let dir: string;

function admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const url = new URL(`${sim.adminUrl}${path}`);
  return new Promise((resolve, reject) => {
    const req = request(url, { method, key: pki.insiAuto.key, cert: pki.insiAuto.cert, ca: pki.ca.cert, headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined });
      });
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const newClient = (extra: Partial<InsiClientOptions> = {}, cert = pki.insiManu): InsiClient =>
  new InsiClient({ endpoint: sim.url, tls: { cert: cert.cert, key: cert.key, ca: pki.ca.cert }, lps: LPS, timeoutMs: 5000, ...extra });

async function rejectsWith(promise: Promise<unknown>, expected: Partial<Pick<InsiError, 'kind' | 'code' | 'location' | 'transient'>>): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof InsiError, String(error));
    for (const [k, v] of Object.entries(expected)) assert.equal((error as unknown as Record<string, unknown>)[k], v, k);
    return true;
  });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'insi-pki-'));
  pki = await loadOrCreateInsiPki(dir);
  sim = await startInsiSimulator({ port: 0, tls: { key: pki.server.key, cert: pki.server.cert, ca: pki.ca.cert }, authorisedSoftware: [LPS.authorisationNumber] });
  console.log(`INSi simulator on ${sim.url}`);
  client = newClient();
});
after(async () => {
  await client?.close();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('rechercher by traits', () => {
  test('one identity (CR 00): the active INS, the traits of INSi, consistent INS and traits', async () => {
    const r = await client.searchByTraits({ birthName: 'ADRUN', firstNames: ['ZOE'], sex: 'F', birthDate: '1975-12-31' });
    assert.equal(r.outcome, 'found');
    if (r.outcome !== 'found') return;
    assert.deepEqual(r.identity.ins, { value: '275126322074974', oid: INS_OIDS.NIR });
    assert.deepEqual(r.identity.traits, { birthName: 'ADRUN', firstNames: ['ZOE'], sex: 'F', birthDate: '1975-12-31', birthPlaceCode: '63220' });
    assert.equal(r.identity.keyValid, true);
    assert.deepEqual(r.identity.findings, []);
  });

  test('Corsica (2B) and an NIA (OID .9) come back as they are', async () => {
    const corse = await client.searchByTraits({ birthName: 'CORSE', firstNames: ['ANTHONY'], sex: 'M', birthDate: '1980-03-02' });
    assert.equal(corse.outcome === 'found' && corse.identity.ins.value, '180032B02040123');
    const nia = await client.searchByTraits({ birthName: 'PROVISOIRE', firstNames: ['MATRICULE'], sex: 'M', birthDate: '2009-07-01' });
    assert.equal(nia.outcome === 'found' && nia.identity.ins.oid, INS_OIDS.NIA);
  });

  test('the history of INS (INSHISTO) and a composed first name', async () => {
    const r = await client.searchByTraits({ birthName: 'ECETINSI', firstNames: ['PIERRE-ALAIN'], sex: 'M', birthDate: '2009-07-14' });
    assert.equal(r.outcome, 'found');
    if (r.outcome !== 'found') return;
    assert.deepEqual(r.identity.history.map((h) => h.value), ['209076322083439', '209066322012355']);
    assert.deepEqual(r.identity.traits.firstNames, ['PIERRE-ALAIN', 'MURIEL', 'FLORIANT']);
  });

  test('an INS with a wrong key is reported (keyValid false), not trusted', async () => {
    const r = await client.searchByTraits({ birthName: 'HERMANN', firstNames: ['GATIEN'], sex: 'M', birthDate: '1981-03-24' });
    assert.equal(r.outcome === 'found' && r.identity.keyValid, false);
  });

  test('no identity (CR 01): unknown person, unknown first name', async () => {
    assert.equal((await client.searchByTraits({ birthName: 'HOUILLES', firstNames: ['PIERRE'], sex: 'M', birthDate: '1993-01-27' })).outcome, 'none');
    assert.equal((await client.searchByTraits({ birthName: 'TCHITCHI', firstNames: ['OLA'], sex: 'F', birthDate: '1936-06-21' })).outcome, 'none');
  });

  test('several candidates (CR 02), one once the birth place is added', async () => {
    const traits = { birthName: 'MARTIN', firstNames: ['JEAN'], sex: 'M' as const, birthDate: '1960-05-05' };
    const several = await client.searchByTraits(traits);
    assert.deepEqual({ outcome: several.outcome, code: several.code }, { outcome: 'several', code: '02' });
    const one = await client.searchByTraits({ ...traits, birthPlaceCode: '51215' });
    assert.equal(one.outcome === 'found' && one.identity.traits.birthPlaceCode, '51215');
  });

  test('the strategy: one request per first name, then the whole list; stops at the first found', async () => {
    const before = sim.counts.search;
    const r = await client.searchWithStrategy({ birthName: 'TCHITCHI', firstNames: ['OLA', 'CATARINA'], sex: 'F', birthDate: '1936-06-21' });
    assert.equal(r.outcome, 'found');
    assert.equal(r.attempts, 2);
    assert.equal(sim.counts.search - before, 2);
    const none = await client.searchWithStrategy({ birthName: 'HOUILLES', firstNames: ['PIERRE', 'PAUL', 'JACQUES'], sex: 'M', birthDate: '1993-01-27' });
    assert.deepEqual({ outcome: none.outcome, attempts: none.attempts }, { outcome: 'none', attempts: 4 });
  });
});

describe('vérifier a stored INS', () => {
  const adrun = { birthName: 'ADRUN', firstNames: ['ZOE'], sex: 'F' as const, birthDate: '1975-12-31', birthPlaceCode: '63220' };
  const ins = { value: '275126322074974', oid: INS_OIDS.NIR };

  test('OK when the INS and the traits still match', async () => {
    assert.equal((await client.verify(ins, adrun)).outcome, 'ok');
  });

  test('KO naming the traits that differ', async () => {
    const r = await client.verify(ins, { ...adrun, firstNames: ['ZOEE'], birthDate: '1975-12-30' });
    assert.deepEqual(r.outcome === 'ko' && r.mismatches, ['Prenom', 'DateNaissance']);
  });

  test('KO after a trait changed at the CNAM (admin side door), OK again once restored', async () => {
    assert.equal((await admin('PATCH', '/identities/275126322074974', { birthName: 'ADRUN-MARTIN' })).status, 200);
    const r = await client.verify(ins, adrun);
    assert.deepEqual(r.outcome === 'ko' && r.mismatches, ['NomNaissance']);
    await admin('PATCH', '/identities/275126322074974', { birthName: 'ADRUN' });
    assert.equal((await client.verify(ins, adrun)).outcome, 'ok');
  });

  test('KO for an INS INSi does not know', async () => {
    const r = await client.verify({ value: '279035121518989', oid: INS_OIDS.NIR }, adrun);
    assert.deepEqual(r.outcome === 'ko' && r.mismatches, ['Matricule']);
  });
});

describe('errors', () => {
  test('traits INSi would refuse are caught before any call, naming the field', async () => {
    const before = sim.counts.search;
    await rejectsWith(client.searchByTraits({ birthName: 'Adrun', firstNames: ['ZOE'], sex: 'F', birthDate: '1975-12-31' }), { kind: 'invalid-request', location: 'traits.birthName' });
    await rejectsWith(client.searchByTraits({ birthName: 'ADRUN', firstNames: ['ZOE'], sex: 'F', birthDate: '31/12/1975' }), { kind: 'invalid-request', location: 'traits.birthDate' });
    assert.equal(sim.counts.search, before);
  });

  test('a certificate whose CN is not INSI-AUTO / INSI-MANU: fault desir_560', async () => {
    const other = newClient({}, pki.client);
    try {
      await rejectsWith(other.searchByTraits({ birthName: 'ADRUN', firstNames: ['ZOE'], sex: 'F', birthDate: '1975-12-31' }), { kind: 'fault', code: 'desir_560', transient: false });
    } finally {
      await other.close();
    }
  });

  test('no client certificate: the TLS handshake fails, the service is not reached', async () => {
    const anonymous = new InsiClient({ endpoint: sim.url, dispatcher: mutualTlsAgent({ cert: '', key: '', ca: pki.ca.cert }), lps: LPS, timeoutMs: 5000 });
    await assert.rejects(anonymous.searchByTraits({ birthName: 'ADRUN', firstNames: ['ZOE'], sex: 'F', birthDate: '1975-12-31' }), InsiError);
  });

  test('an unknown software authorisation number: fault desir_550 with its location', async () => {
    const other = newClient({ lps: { ...LPS, authorisationNumber: 'UNKNOWN' } });
    try {
      await rejectsWith(other.searchByTraits({ birthName: 'ADRUN', firstNames: ['ZOE'], sex: 'F', birthDate: '1975-12-31' }), { kind: 'fault', code: 'desir_550', location: 'ctxlps:ContexteLPS/ctxlps:LPS/ctxlps:IDAM' });
    } finally {
      await other.close();
    }
  });

  test('a request the service cannot read: a Sender fault naming the element', async () => {
    const body = `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://www.w3.org/2005/08/addressing"><soap:Header><wsa:Action>urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite</wsa:Action><wsa:MessageID>uuid:1</wsa:MessageID><ctxlps:ContexteLPS xmlns:ctxlps="urn:siram:lps"><ctxlps:LPS><ctxlps:IDAM R="4">CNDA-TEST-0001</ctxlps:IDAM></ctxlps:LPS></ctxlps:ContexteLPS></soap:Header><soap:Body><RECSANSVITALE xmlns="http://www.cnamts.fr/INSiRecSans"><Sexe>F</Sexe></RECSANSVITALE></soap:Body></soap:Envelope>`;
    const dispatcher = mutualTlsAgent({ cert: pki.insiAuto.cert, key: pki.insiAuto.key, ca: pki.ca.cert });
    try {
      const reply = await post({ url: sim.url, contentType: 'application/soap+xml', body, dispatcher, timeoutMs: 5000 });
      assert.equal(reply.status, 400);
      assert.match(new TextDecoder().decode(reply.body), /code="desir_400"[^>]*location="RECSANSVITALE\/NomNaissance"/);
    } finally {
      await dispatcher.close();
    }
  });

  test('rate limited (HTTP 429 on the way): unavailable and transient, not a refusal', async () => {
    const traits = { birthName: 'ADRUN', firstNames: ['ZOE'], sex: 'F' as const, birthDate: '1975-12-31' };
    assert.equal((await admin('POST', '/faults', { kind: 'rate-limited', operation: 'verify' })).status, 201);
    await rejectsWith(client.verify({ value: '275126322074974', oid: INS_OIDS.NIR }, traits), { kind: 'unavailable', code: 'http-429', transient: true });
    assert.equal((await client.verify({ value: '275126322074974', oid: INS_OIDS.NIR }, traits)).outcome, 'ok');
  });

  test('service down: a Receiver fault, HTTP 503, a timeout, a dropped connection — all unavailable and transient', async () => {
    const traits = { birthName: 'ADRUN', firstNames: ['ZOE'], sex: 'F' as const, birthDate: '1975-12-31' };
    assert.equal((await admin('POST', '/faults', { kind: 'unavailable', operation: 'search' })).status, 201);
    await rejectsWith(client.searchByTraits(traits), { kind: 'unavailable', code: 'desir_999', transient: true });
    await admin('POST', '/faults', { kind: 'http-503' });
    await rejectsWith(client.verify({ value: '275126322074974', oid: INS_OIDS.NIR }, traits), { kind: 'unavailable', code: 'http-503', transient: true });
    await admin('POST', '/faults', { kind: 'timeout', delayMs: 10_000 });
    const impatient = newClient({ timeoutMs: 300 });
    try {
      await rejectsWith(impatient.searchByTraits(traits), { kind: 'unavailable', code: 'timeout', transient: true });
    } finally {
      await impatient.close();
    }
    await admin('POST', '/faults', { kind: 'drop' });
    await rejectsWith(client.searchByTraits(traits), { kind: 'unavailable', transient: true });
    assert.deepEqual((await admin('GET', '/faults')).json, []);
    assert.equal((await client.searchByTraits(traits)).outcome, 'found');
  });

  test('the admin side door names the field it refuses', async () => {
    const r = await admin('POST', '/faults', { kind: 'meteor' });
    assert.equal(r.status, 400);
    assert.equal((r.json as { path: string }).path, '$.kind');
  });

  test('a closed service: connection refused is unavailable', async () => {
    const lone = await startInsiSimulator({ port: 0 });
    const url = lone.url;
    await lone.close();
    const c = new InsiClient({ endpoint: url, lps: LPS, timeoutMs: 2000 });
    await rejectsWith(c.searchByTraits({ birthName: 'ADRUN', firstNames: ['ZOE'], sex: 'F', birthDate: '1975-12-31' }), { kind: 'unavailable', code: 'connection', transient: true });
  });
});
