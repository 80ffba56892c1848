#!/usr/bin/env node
// `npm run bench`: runs each package's benchmark in turn and prints its figures.
// Benchmarks print measurements; they never pass or fail on timing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// BENCH_PACKAGES=conformance,server runs only those packages' benchmarks (a shared machine).
const only = process.env.BENCH_PACKAGES ? new Set(process.env.BENCH_PACKAGES.split(',').map((p) => p.trim())) : undefined;
let failed = false;
for (const pkg of readdirSync(join(root, 'packages')).sort()) {
  const bench = join(root, 'packages', pkg, 'bench', 'bench.mjs');
  if (!existsSync(bench) || (only && !only.has(pkg))) continue;
  const result = spawnSync(process.execPath, [bench], { cwd: join(root, 'packages', pkg), stdio: 'inherit' });
  if (result.status !== 0) failed = true;
  console.log('');
}
process.exit(failed ? 1 : 0);
