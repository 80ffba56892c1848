import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

// With a "bin" in the root package.json, npx (npm 7+) treated `npx dcc` as "run the root
// package's bin": it loaded the whole workspace tree and installed the root package into its
// own cache (~/.npm/_npx) before running dcc, seconds per call and a shared cache that broke
// under concurrent runs. Without it, npx finds node_modules/.bin/dcc (the workspace's link to
// packages/cli/bin/dcc.js) and runs it directly.
test('npx dcc from the repository root runs the workspace bin, with nothing installed in the npx cache', () => {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { bin?: unknown };
  assert.equal(manifest.bin, undefined, 'no "bin" in the root package.json');
  assert.equal(realpathSync(path.join(root, 'node_modules', '.bin', 'dcc')), realpathSync(path.join(root, 'packages', 'cli', 'bin', 'dcc.js')));

  const cache = mkdtempSync(path.join(tmpdir(), 'dcc-npx-cache-'));
  try {
    const run = spawnSync('npx', ['--offline', 'dcc', '--help'], { cwd: root, encoding: 'utf8', env: { ...process.env, npm_config_cache: cache, npm_config_update_notifier: 'false' } });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Usage: dcc <command> \[options\]/);
    assert.equal(existsSync(path.join(cache, '_npx')), false, 'npx installed nothing into its cache');
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});
