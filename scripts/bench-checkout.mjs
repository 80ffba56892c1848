#!/usr/bin/env node
// `node scripts/bench-checkout.mjs <commit> [dir]`: an older tree, built far enough for the
// "do not get worse" comparisons (`packages/pps-editor/bench/compare.mjs`,
// `packages/cda/bench/compare.mjs`): a detached git worktree whose node_modules links this
// tree's installed packages (its own workspace packages linked to itself), with the CDA
// package, the form engine and both editors compiled. Prints the folder. An old tree's build
// may fail in packages the comparison does not use (a dependency since removed): it is enough
// that the four packages' dist files are written.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KIT_DIR_ENV, resolveKitDir } from '@dcc-kit/conformance/kit';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const [ref, target] = process.argv.slice(2);
if (!ref) {
  console.error('usage: node scripts/bench-checkout.mjs <commit> [dir]');
  process.exit(2);
}
const dir = target ? path.resolve(target) : path.join(mkdtempSync(path.join(os.tmpdir(), 'dcc-bench-checkout-')), 'tree');
execFileSync('git', ['-C', root, 'worktree', 'add', '--detach', dir, ref], { stdio: 'inherit' });

// node_modules: this tree's installed packages, but @dcc-kit/* pointing into the old tree.
const modules = path.join(dir, 'node_modules');
mkdirSync(path.join(modules, '@dcc-kit'), { recursive: true });
for (const name of readdirSync(path.join(root, 'node_modules'))) {
  if (name !== '@dcc-kit') symlinkSync(path.join(root, 'node_modules', name), path.join(modules, name));
}
for (const pkg of readdirSync(path.join(dir, 'packages'))) symlinkSync(path.join(dir, 'packages', pkg), path.join(modules, '@dcc-kit', pkg));

// The old tree's generators look for the kit beside it: give them this tree's.
const env = { ...process.env, [KIT_DIR_ENV]: resolveKitDir() };
const node = (script) => {
  const file = path.join(dir, script);
  if (existsSync(file)) execFileSync(process.execPath, [file], { cwd: dir, stdio: 'inherit', env });
};
node('packages/cda/scripts/generate-value-sets.mjs');
node('packages/cda/scripts/generate-privacy-notice.mjs');
const packages = ['cda', 'elements', 'pps-editor', 'rcp-form'];
spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', ...packages.map((p) => `packages/${p}/tsconfig.json`)], { cwd: dir, stdio: 'inherit', env });
node('packages/cda/scripts/write-json-schema.mjs');
const missing = ['cda/dist/index.js', 'pps-editor/dist/pps-editor.js', 'rcp-form/dist/rcp-form.js'].filter((f) => !existsSync(path.join(dir, 'packages', f)));
if (missing.length) {
  console.error(`not built: ${missing.join(', ')}`);
  process.exit(1);
}
console.log(dir);
