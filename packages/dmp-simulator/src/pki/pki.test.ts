import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateTestPki, testPkiPermissionsOk } from './index.js';

test('the test PKI chains every certificate to its CA, with RSA 2048 and SHA-256, and is stored privately', async () => {
  const root = await mkdtemp(join(tmpdir(), 'dcc-pki-'));
  try {
    const dir = join(root, 'pki');
    const pki = await loadOrCreateTestPki(dir);
    const ca = new X509Certificate(pki.ca.cert);
    assert.equal(ca.ca, true);
    for (const who of ['server', 'client', 'signing'] as const) {
      const cert = new X509Certificate(pki[who].cert);
      assert.ok(cert.verify(ca.publicKey), `${who} is signed by the CA`);
      assert.equal(cert.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
      assert.ok(cert.checkPrivateKey((await import('node:crypto')).createPrivateKey(pki[who].key)));
    }
    const server = new X509Certificate(pki.server.cert);
    assert.ok(server.checkHost('localhost'));
    assert.ok(server.checkIP('127.0.0.1'));
    assert.ok(await testPkiPermissionsOk(dir));
    const again = await loadOrCreateTestPki(dir);
    assert.equal(again.signing.cert, pki.signing.cert, 'a second call reads the same files');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
