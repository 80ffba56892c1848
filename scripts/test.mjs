#!/usr/bin/env node
// Runs every compiled test file of every package with Node's own test runner, in one
// `node --test` process tree (Node 20 has no glob support in --test, hence this list).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir)) {
    const file = join(dir, entry);
    if (statSync(file).isDirectory()) walk(file);
    else if (/\.test\.js$/.test(entry)) files.push(relative(root, file));
  }
};
for (const pkg of readdirSync(join(root, 'packages'))) {
  const dist = join(root, 'packages', pkg, 'dist');
  try {
    walk(dist);
  } catch {
    // a package without tests or not built: nothing to run
  }
}
if (files.length === 0) {
  console.error('test: no compiled test files found (did the build run?)');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files.sort()], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
