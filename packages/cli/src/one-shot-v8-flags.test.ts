import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';

import { resolveKitDir } from '@dcc-kit/conformance/kit';

import { isOneShotValidation, ONE_SHOT_MAX_FILES, ONE_SHOT_V8_FLAGS } from './one-shot-v8-flags.js';
import { tempDir } from './testing/cli-run.test-util.js';

const bin = fileURLToPath(new URL('../bin/dcc.js', import.meta.url));
const flagsModule = new URL('./one-shot-v8-flags.js', import.meta.url).href;
const indexModule = new URL('./index.js', import.meta.url).href;

describe('one-shot V8 flags', () => {
  it('are for a validate run of 1 to ONE_SHOT_MAX_FILES files only', () => {
    const files = (n: number) => Array.from({ length: n }, (_, i) => `f${i}.xml`);
    assert.equal(isOneShotValidation(['validate', 'a.xml']), true);
    assert.equal(isOneShotValidation(['validate', '--format', 'json', '--kit', 'kitdir', '--no-cache', 'a.xml']), true);
    assert.equal(isOneShotValidation(['validate', ...files(ONE_SHOT_MAX_FILES)]), true);
    assert.equal(isOneShotValidation(['validate', ...files(ONE_SHOT_MAX_FILES + 1)]), false);
    assert.equal(isOneShotValidation(['validate', '--workers', '2', '--', ...files(ONE_SHOT_MAX_FILES + 1)]), false);
    assert.equal(isOneShotValidation(['validate', '--volet', 'pps']), false, 'no file: a usage error, no flags');
    assert.equal(isOneShotValidation(['validate', '--help']), false);
    assert.equal(isOneShotValidation(['build', 'a.json']), false);
    assert.equal(isOneShotValidation([]), false);
  });

  it('are set in the process as if given on node\'s command line (same V8 code-cache tag)', () => {
    const late = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `import v8 from 'node:v8'; import { applyOneShotV8Flags } from ${JSON.stringify(flagsModule)};
const before = v8.cachedDataVersionTag(); const set = applyOneShotV8Flags(['validate', 'a.xml']);
console.log(JSON.stringify({ before, after: v8.cachedDataVersionTag(), set }));`],
      { encoding: 'utf8' },
    );
    assert.equal(late.status, 0, late.stderr);
    const { before, after, set } = JSON.parse(late.stdout) as { before: number; after: number; set: string[] };
    assert.deepEqual(set, ONE_SHOT_V8_FLAGS);
    assert.notEqual(after, before);
    const given = spawnSync(process.execPath, [...ONE_SHOT_V8_FLAGS, '-p', "require('node:v8').cachedDataVersionTag()"], { encoding: 'utf8' });
    assert.equal(given.status, 0, given.stderr);
    assert.equal(Number(given.stdout.trim()), after);
  });

  describe('the verdict', { timeout: 600_000 }, () => {
    const dirs: string[] = [];
    after(() => {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });
    const valid = path.join(resolveKitDir(), 'ExemplesCDA', 'CANCER-PPS_2022.01_feuille-de-style-externe.xml');

    it('of the bin (flags set) is the verdict of the command without them, layer by layer and message by message', async () => {
      const cacheDir = await tempDir('dcc-one-shot-');
      dirs.push(cacheDir);
      const env = { ...process.env, DCC_CACHE_DIR: cacheDir };
      // Without flags: `main` itself, in a process that never sets them (a file, not `-e`: worker
      // threads inherit node's options, and `--input-type` fails them).
      const plainBin = path.join(cacheDir, 'plain-dcc.mjs');
      writeFileSync(plainBin, `import { main } from ${JSON.stringify(indexModule)};
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });`);
      const plain = spawnSync(process.execPath, [plainBin, 'validate', '--format', 'json', valid], { encoding: 'utf8', env });
      assert.equal(plain.status, 0, plain.stderr);
      const [outcome] = JSON.parse(plain.stdout) as Array<{ valid: boolean; layers: unknown[] }>;
      assert.deepEqual([outcome?.valid, outcome?.layers.length], [true, 7], 'the official example passes the seven layers');
      // Twice through the bin: the second reads the code cache written under the flags.
      for (let i = 0; i < 2; i++) {
        const flagged = spawnSync(process.execPath, [bin, 'validate', '--format', 'json', valid], { encoding: 'utf8', env });
        assert.equal(flagged.status, 0, flagged.stderr);
        assert.deepEqual(JSON.parse(flagged.stdout), JSON.parse(plain.stdout));
      }
    });
  });
});
