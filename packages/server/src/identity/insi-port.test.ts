// The INSi settings from the environment: read once, refused with the variable's name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { identityFromEnv } from './insi-port.js';

test('no DCC_INSI_URL: no INSi; DCC_INSI_TRUST_HOST_STATUS=true only takes the host status', () => {
  assert.deepEqual(identityFromEnv({}), {});
  assert.deepEqual(identityFromEnv({ DCC_INSI_TRUST_HOST_STATUS: 'true' }), { statusFromHost: true });
  assert.deepEqual(identityFromEnv({ DCC_INSI_TRUST_HOST_STATUS: 'yes' }), {});
});

test('bad settings stop the start, naming the variable', () => {
  assert.throws(() => identityFromEnv({ DCC_INSI_URL: 'ftp://x' }), /DCC_INSI_URL/);
  assert.throws(() => identityFromEnv({ DCC_INSI_URL: 'https://insi.test/lps' }), /DCC_INSI_TLS_CERT/);
  assert.throws(() => identityFromEnv({ DCC_INSI_URL: 'https://insi.test/lps', DCC_INSI_TLS_CERT: '/nonexistent.crt' }), /DCC_INSI_TLS_CERT: cannot read/);
  assert.throws(() => identityFromEnv({ DCC_INSI_URL: 'http://insi.test/lps', DCC_INSI_TIMEOUT_MS: '5' }), /DCC_INSI_TIMEOUT_MS/);
});

test('a plain-http INSi (a local simulator without TLS) gives a port', async () => {
  const options = identityFromEnv({ DCC_INSI_URL: 'http://127.0.0.1:1/lps' });
  assert.ok(options.insi);
  await options.insi.close();
});
