#!/usr/bin/env node
// One idempotent set-up step shared by `npm start`, `npm test` and `npm run bench`:
// installs the workspace dependencies when they are missing or stale, then builds
// the TypeScript packages. Uses Node built-ins only, because it runs before install.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(args) {
  const result = spawnSync(npm, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`setup: \`npm ${args.join(' ')}\` failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');
const stale = !existsSync(installed) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs);
if (stale) {
  // `npm ci` when a lock file exists gives CI and newcomers the exact same tree.
  // --ignore-scripts keeps `prepare` from building twice; the build runs just below.
  run(existsSync(lock) ? ['ci', '--no-audit', '--no-fund', '--ignore-scripts'] : ['install', '--no-audit', '--no-fund', '--ignore-scripts']);
}
// The build generates value sets from the ANS kit: on a clone without it (no ANS_KIT_DIR, no
// ../shared/ans-testcontenucda, nothing in the cache), fetch the pinned commit first (git).
const { resolveKitDir } = await import('../packages/conformance/kit/locate.mjs');
try {
  resolveKitDir();
} catch (error) {
  // A wrong ANS_KIT_DIR is the user's to fix: the cache would not be read.
  if (error?.name !== 'KitNotFoundError' || error.source !== 'default') throw error;
  console.log('setup: ANS kit not found; fetching it from its public repository (npm run kit:fetch)');
  const fetched = spawnSync(process.execPath, [join(root, 'packages', 'conformance', 'kit', 'command.mjs'), 'fetch'], { cwd: root, stdio: 'inherit' });
  if (fetched.status !== 0) {
    console.error(`setup: ${error.message}`);
    process.exit(fetched.status ?? 1);
  }
}
run(['run', '-s', 'build']);
