// The submission settings from the environment: nothing set → no ports (rows wait, never lost);
// a DMP URL without its keys or source id stops the start with the variable's name.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadOrCreateTestPki } from '@dcc-kit/dmp-simulator/pki';
import { submissionsFromEnv } from '../main-config.js';

test('nothing configured: no DMP, no MSSanté, the worker on, defaults', () => {
  const options = submissionsFromEnv({});
  assert.equal(options.dmp, undefined);
  assert.equal(options.mss, undefined);
  assert.equal(options.worker, undefined);
  assert.equal(options.secteurActivite, 'SA01^1.2.250.1.71.4.2.4');
});

test('a DMP URL needs its signing keys and source id; bad numbers are named', async () => {
  assert.throws(() => submissionsFromEnv({ DCC_DMP_URL: 'http://127.0.0.1:1/x' }), /DCC_DMP_SIGNING_KEY/);
  const dir = mkdtempSync(join(tmpdir(), 'dcc-env-'));
  try {
    await loadOrCreateTestPki(dir);
    assert.throws(() => submissionsFromEnv({ DCC_DMP_URL: 'http://127.0.0.1:1/x', DCC_DMP_PKI_DIR: dir }), /DCC_DMP_SOURCE_ID/);
    const options = submissionsFromEnv({
      DCC_DMP_URL: 'http://127.0.0.1:1/x',
      DCC_DMP_PKI_DIR: dir,
      DCC_DMP_SOURCE_ID: '1.2.3',
      DCC_SUBMISSION_WORKER: 'false',
      DCC_SUBMISSION_RETRY_LIMIT: '3',
      DCC_EVENTS_POLL_MS: '250',
    });
    assert.ok(options.dmp);
    assert.equal(options.worker, false);
    assert.deepEqual(options.retry, { retryLimit: 3 });
    assert.deepEqual(options.events, { pollMs: 250 });
    assert.throws(() => submissionsFromEnv({ DCC_SUBMISSION_HEARTBEAT_SECONDS: '5' }), /DCC_SUBMISSION_HEARTBEAT_SECONDS/);
    assert.throws(() => submissionsFromEnv({ DCC_MSS_SMTP_URL: 'smtp://127.0.0.1:25' }), /DCC_MSS_FROM/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
