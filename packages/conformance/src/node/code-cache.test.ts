import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

import { resolveKitDir } from './kit-dir.js';

// Each case is a new process: saxon-js is loaded once per process, from the code cache or not.
const temp = mkdtempSync(path.join(tmpdir(), 'dcc-code-cache-test-'));
const child = path.join(temp, 'child.mjs');
writeFileSync(
  child,
  `import { readFileSync } from 'node:fs';
import { createNodeValidator } from ${JSON.stringify(new URL('./index.js', import.meta.url).href)};
import { saxonCodeCacheStatus } from ${JSON.stringify(new URL('../saxon-node.js', import.meta.url).href)};
const [cacheDir, file] = process.argv.slice(2);
const validator = createNodeValidator({ cacheDir: cacheDir === 'off' ? false : cacheDir });
const result = await validator.validate(readFileSync(file, 'utf8'), { name: 'doc.xml' });
validator.dispose();
process.stdout.write(JSON.stringify({ valid: result.valid, layers: result.layers.map((l) => [l.layer, l.errors.length]), ...saxonCodeCacheStatus() }));
`,
);
const example = path.join(resolveKitDir(), 'ExemplesCDA', 'CANCER-PPS_2022.01_feuille-de-style-externe.xml');

function validateIn(cacheDir: string, v8Flags: readonly string[] = []): { valid: boolean; layers: Array<[string, number]>; loaded: boolean; fromCodeCache: boolean } {
  const run = spawnSync(process.execPath, [...v8Flags, child, cacheDir, example], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

function codeCacheFiles(cacheDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else if (entry.name.endsWith('.v8cache')) found.push(path.join(dir, entry.name));
    }
  };
  walk(cacheDir);
  return found;
}

describe("saxon-js's V8 code cache", { timeout: 300_000 }, () => {
  after(() => rmSync(temp, { recursive: true, force: true }));
  const cacheDir = path.join(temp, 'cache');

  it('is written after a first verdict, read by the next process, and the verdict is the same', () => {
    const first = validateIn(cacheDir);
    assert.deepEqual([first.loaded, first.fromCodeCache], [true, false]);
    const [file] = codeCacheFiles(cacheDir);
    assert.ok(file, 'a code cache file');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const second = validateIn(cacheDir);
    assert.equal(second.fromCodeCache, true);
    assert.deepEqual(second.layers, first.layers);
    assert.equal(second.valid, true);
  });

  it('a damaged code cache is refused by V8: saxon-js is compiled, the verdict is the same, the cache is written again', () => {
    const [file] = codeCacheFiles(cacheDir);
    assert.ok(file);
    writeFileSync(file, Buffer.from('not a code cache, or one from another V8'));
    const damaged = validateIn(cacheDir);
    assert.deepEqual([damaged.fromCodeCache, damaged.valid], [false, true]);
    assert.ok(statSync(file).size > 100_000, 'written again');
    assert.equal(validateIn(cacheDir).fromCodeCache, true);
  });

  it('is kept per V8 flags: a process under other flags writes its own file, and a cache made under other flags is refused and written again', () => {
    const otherFlags = ['--interrupt-budget=1000000', '--no-wasm-dynamic-tiering'];
    const [plainFile] = codeCacheFiles(cacheDir);
    assert.ok(plainFile);
    const flagged = validateIn(cacheDir, otherFlags);
    assert.deepEqual([flagged.fromCodeCache, flagged.valid], [false, true]);
    const files = codeCacheFiles(cacheDir);
    assert.equal(files.length, 2, 'one file per V8 configuration');
    const flaggedFile = files.find((file) => file !== plainFile);
    assert.ok(flaggedFile);
    assert.equal(validateIn(cacheDir, otherFlags).fromCodeCache, true);
    assert.equal(validateIn(cacheDir).fromCodeCache, true, 'the file of the process without flags is still its own');
    // The plain process's cache under the flagged process's name: V8 refuses it (its flags differ).
    writeFileSync(flaggedFile, readFileSync(plainFile));
    const mismatched = validateIn(cacheDir, otherFlags);
    assert.deepEqual([mismatched.fromCodeCache, mismatched.valid], [false, true]);
    assert.notDeepEqual(readFileSync(flaggedFile), readFileSync(plainFile), 'written again under its own flags');
    assert.equal(validateIn(cacheDir, otherFlags).fromCodeCache, true);
  });

  it('is neither read nor written without a cache folder', () => {
    const off = validateIn('off');
    assert.deepEqual([off.loaded, off.fromCodeCache, off.valid], [true, false, true]);
  });
});

