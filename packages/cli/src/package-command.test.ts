import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generate } from 'selfsigned';
import { resolveKitDir } from '@dcc-kit/conformance/node';
import { parseMultipart, rootPart, headerParameter } from '@dcc-kit/dmp/soap';
import { run, tempDir } from './testing/cli-run.test-util.js';

const frcpExample = path.join(resolveKitDir(), 'ExemplesCDA', 'CANCER-FRCP_2022.01_Appareil.xml');

let tmp: string;
let keyFile: string;
let certFile: string;
before(async () => {
  tmp = await tempDir('dcc-package-test-');
  const pem = await generate([{ name: 'commonName', value: 'CH Test cachet' }, { name: 'countryName', value: 'FR' }], { keySize: 2048, algorithm: 'sha256' });
  keyFile = path.join(tmp, 'key.pem');
  certFile = path.join(tmp, 'cert.pem');
  await writeFile(keyFile, pem.private);
  await writeFile(certFile, pem.cert);
});

function readMime(file: Buffer): { contentType: string; body: Uint8Array } {
  const sep = file.indexOf('\r\n\r\n');
  const headers = file.subarray(0, sep).toString('utf8');
  const contentType = /^Content-Type: (.*)$/m.exec(headers)?.[1]?.trim() ?? '';
  return { contentType, body: new Uint8Array(file.subarray(sep + 4)) };
}

test('package iti41 with --key/--cert: MTOM multipart, SOAP 1.2 without WS-Security, the CDA byte-exact, the XAdES signature entry digesting it', async () => {
  const out = path.join(tmp, 'out.mime');
  const { code, stdout, stderr } = await run(['package', 'iti41', frcpExample, '-o', out, '--key', keyFile, '--cert', certFile, '--visibility', 'INVISIBLE_PATIENT', '--entry-uuid', '11111111-2222-4333-8444-555555555555']);
  assert.equal(stderr, '');
  assert.equal(code, 0);
  const summary = JSON.parse(stdout) as { entryUUID: string; uniqueId: string; signatureEntryUUID: string | null; contentType: string };
  assert.equal(summary.entryUUID, 'urn:uuid:11111111-2222-4333-8444-555555555555');
  assert.equal(summary.uniqueId, '1.2.250.1.213.1.1.1.8.2022.1.1');
  assert.ok(summary.signatureEntryUUID);
  const { contentType, body } = readMime(await readFile(out));
  assert.equal(contentType, summary.contentType);
  assert.equal(headerParameter(contentType, 'start-info'), 'application/soap+xml');
  assert.equal(headerParameter(contentType, 'type'), 'application/xop+xml');
  const parts = parseMultipart(contentType, body);
  assert.equal(parts.length, 3);
  const root = new TextDecoder().decode(rootPart(contentType, parts).bytes);
  assert.match(root, /<soap:Envelope xmlns:soap="http:\/\/www\.w3\.org\/2003\/05\/soap-envelope"/);
  assert.match(root, /<wsa:Action soap:mustUnderstand="true">urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b<\/wsa:Action>/);
  assert.doesNotMatch(root, /wsse:Security/);
  assert.match(root, /<xdsb:ProvideAndRegisterDocumentSetRequest/);
  assert.match(root, /nodeRepresentation="INVISIBLE_PATIENT"/);
  const cda = await readFile(frcpExample);
  assert.deepEqual(Buffer.from(parts[1]!.bytes), cda);
  const xades = new TextDecoder().decode(parts[2]!.bytes);
  assert.match(xades, /<ds:Manifest[^>]*Id="IHEManifest"/);
  assert.ok(xades.includes(`<ds:DigestValue>${createHash('sha256').update(cda).digest('base64')}</ds:DigestValue>`));
});

test('package iti41 without a key: no signature entry, a warning; usage errors exit 2; an unknown kind exits 2', async () => {
  const out = path.join(tmp, 'plain.mime');
  const { code, stderr } = await run(['package', 'iti41', frcpExample, '-o', out]);
  assert.equal(code, 0);
  assert.match(stderr, /no signature entry/);
  const { contentType, body } = readMime(await readFile(out));
  assert.equal(parseMultipart(contentType, body).length, 2);
  assert.equal((await run(['package', 'iti41', frcpExample])).code, 2);
  assert.match((await run(['package', 'iti41', frcpExample, '-o', out, '--key', keyFile])).stderr, /--key and --cert go together/);
  assert.match((await run(['package', 'iti41', frcpExample, '-o', out, '--visibility', 'SECRET'])).stderr, /--visibility takes/);
  assert.match((await run(['package', 'iti41', frcpExample, '-o', out, '--digest', 'md5'])).stderr, /--digest must be sha256 or sha1/);
  assert.match((await run(['package', 'iti41', path.join(tmp, 'missing.xml'), '-o', out])).stderr, /cannot read .*missing\.xml: ENOENT/);
  const unknown = await run(['package', 'zip', frcpExample]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown package kind "zip"/);
  const bad = path.join(tmp, 'bad.xml');
  await writeFile(bad, '<ClinicalDocument xmlns="urn:hl7-org:v3"/>');
  const refused = await run(['package', 'iti41', bad, '-o', out]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /problem\(s\)/);
});
