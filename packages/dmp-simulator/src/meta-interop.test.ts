// The simulator against the connector's own metadata (@dcc-kit/dmp/metadata + /ebrim, helper
// META) for both ANS examples: what the connector derives must pass stages 4–6, and a
// mutated CDA must still be caught by the simulator's independent reading.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentEntryFromCda, signatureEntryFor, submissionSetFor, sha1Hex } from '@dcc-kit/dmp/metadata';
import { submitObjectsRequestXml } from '@dcc-kit/dmp/ebrim';
import { resolveKitDir } from '@dcc-kit/conformance/kit';
import type { TestPki } from './pki/index.js';
import type { DmpSimulator } from './simulator.js';
import { startTrustingSimulator, randomOid } from './testing/simulator-fixture.test-util.js';
import { ACTION_41, mtomSoap, post, registryErrors, signedVihf, soapEnvelope, xades } from './testing/request-builder.test-util.js';

let pki: TestPki;
let sim: DmpSimulator;
before(async () => ({ pki, sim } = await startTrustingSimulator()));
after(async () => sim.close());


function request(cda: Uint8Array, structureId: string): { body: Buffer; contentType: string } {
  const { entry } = documentEntryFromCda(cda);
  const signer = { key: pki.signing.key, cert: pki.signing.cert };
  const signatureUniqueId = randomOid();
  const signature = xades(signatureUniqueId, [{ uniqueId: entry.uniqueId, bytes: cda }], signer);
  const sigEntry = signatureEntryFor(entry, { uniqueId: signatureUniqueId, hash: sha1Hex(signature), size: signature.length, creationTime: entry.creationTime });
  const docId = `urn:uuid:${randomUUID()}`;
  const sigId = `urn:uuid:${randomUUID()}`;
  const ebrim = submitObjectsRequestXml({
    submissionSet: { id: 'urn:uuid:' + randomUUID(), metadata: submissionSetFor(entry, { uniqueId: randomOid(), sourceId: '1.2.250.1.999.1', submissionTime: new Date() }) },
    documents: [{ id: docId, entry }, { id: sigId, entry: sigEntry }],
    signature: { documentId: sigId },
  });
  const body = `<xdsb:ProvideAndRegisterDocumentSetRequest xmlns:xdsb="urn:ihe:iti:xds-b:2007">${ebrim}` +
    `<xdsb:Document id="${docId}"><xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:cda@t"/></xdsb:Document>` +
    `<xdsb:Document id="${sigId}"><xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:sig@t"/></xdsb:Document></xdsb:ProvideAndRegisterDocumentSetRequest>`;
  const vihf = signedVihf({ signer, resourceId: entry.patientId, structureId });
  return mtomSoap(soapEnvelope(ACTION_41, `${sim.url}/repository`, body, vihf), ACTION_41, [{ cid: 'cda@t', bytes: cda }, { cid: 'sig@t', bytes: signature }]);
}

const example = (name: string): Uint8Array => readFileSync(join(resolveKitDir(), 'ExemplesCDA', name));

test('the connector metadata of the ANS FRCP example is accepted', async () => {
  const answer = await post(sim.url, 'repository', request(example('CANCER-FRCP_2022.01_Appareil.xml'), '1750100125'));
  assert.deepEqual(registryErrors(answer.text), []);
  assert.match(answer.text, /ResponseStatusType:Success/);
});

test('the connector metadata of the ANS PPS (auto-présentable) example is accepted', async () => {
  const answer = await post(sim.url, 'repository', request(example('CANCER-PPS_2022.01_Autopresentable.xml'), '2801234567'));
  assert.deepEqual(registryErrors(answer.text), []);
  assert.match(answer.text, /ResponseStatusType:Success/);
});

test('bytes changed after the metadata was derived are caught by the hash (SIM_HASH_MISMATCH) and the manifest', async () => {
  await fetch(`${sim.adminUrl}/state`, { method: 'DELETE' });
  const cda = example('CANCER-FRCP_2022.01_Appareil.xml');
  const http = request(cda, '1750100125');
  const tampered = Buffer.from(http.body.toString('latin1').replace('<title>FRCP ONCO PAYS DE LA LOIRE', '<title>FRCP ONCO PAYS DE LA LOIRX'), 'latin1');
  const answer = await post(sim.url, 'repository', { ...http, body: tampered });
  const found = registryErrors(answer.text).map((e) => e.location);
  assert.ok(found.includes('DocumentEntry.hash') || found.includes('DocumentEntry.title'), answer.text);
});
