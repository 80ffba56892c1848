// The embedded store's folder and the session key beside it are private to the service's
// user whatever the umask (0700 folders, 0600 files), and lax modes left by an earlier run
// are corrected when the store opens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from './main-config.js';
import { loadSessionKey } from './secrets.js';

/** Every path under `dir` (itself included) whose mode is not 0700 (folders) / 0600 (files). */
function laxModes(dir: string): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const s = statSync(p);
    const mode = s.mode & 0o777;
    if (s.isDirectory()) {
      if (mode !== 0o700) out.push(`${p} ${mode.toString(8)}`);
      for (const name of readdirSync(p)) walk(join(p, name));
    } else if (mode !== 0o600) out.push(`${p} ${mode.toString(8)}`);
  };
  walk(dir);
  return out;
}

test('PGlite folder and session key: private whatever the umask (000 here), lax modes corrected at open', async () => {
  const root = mkdtempSync(join(tmpdir(), 'dcc-private-'));
  const previous = process.umask(0o000);
  try {
    const dataDir = join(root, 'data', 'pglite');
    const store = await openStore({ dataDir });
    await store.patients.list({ structures: ['x'], limit: 1 });
    await store.close();
    loadSessionKey({}, dataDir);
    assert.deepEqual(laxModes(join(root, 'data')), []);
    assert.equal(statSync(`${dataDir}.session.key`).mode & 0o777, 0o600);
    assert.equal(statSync(root).mode & 0o777, 0o700, 'mkdtemp folder untouched (it already existed)');

    // A folder an earlier version left open to everyone: corrected when opened again.
    chmodSync(dataDir, 0o777);
    chmodSync(`${dataDir}.session.key`, 0o644);
    const planted = join(dataDir, 'base');
    chmodSync(planted, 0o755);
    writeFileSync(join(dataDir, 'stray.txt'), 'x', { mode: 0o666 });
    mkdirSync(join(dataDir, 'stray-dir'), { mode: 0o777 });
    assert.notDeepEqual(laxModes(dataDir), []);
    const reopened = await openStore({ dataDir });
    await reopened.close();
    loadSessionKey({}, dataDir);
    assert.deepEqual(laxModes(join(root, 'data')), []);
  } finally {
    process.umask(previous);
    rmSync(root, { recursive: true, force: true });
  }
});
