// npm run bench (conformance part): figures for the official PPS example.
// - per layer, per document, in a warm process (median of several runs);
// - the whole `dcc validate` command for 1 and for 20 documents: wall time (median of 3),
//   documents per second, peak memory; first on a machine without compiled-rules cache,
//   then with it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeValidator, resolveKitDir } from '@dcc-kit/conformance/node';

const here = path.dirname(fileURLToPath(import.meta.url));
const kitDir = resolveKitDir();
const example = path.join(kitDir, 'ExemplesCDA', 'CANCER-PPS_2022.01_feuille-de-style-externe.xml');
const text = readFileSync(example, 'utf8');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'dcc-bench-'));

console.log('## Conformance engine (PPS official example, 208 kB)');
console.log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);

// Warm process, per layer.
const validator = createNodeValidator({ cacheDir: path.join(tmp, 'warm-cache') });
await validator.warmUp(['pps']);
await validator.validateMany([{ name: 'warm-up', text }]);
const perLayer = new Map();
const RUNS = 7;
for (let i = 0; i < RUNS; i++) {
  const [r] = await validator.validateMany([{ name: `run-${i}`, text }]);
  for (const l of r.layers) perLayer.set(l.layer, [...(perLayer.get(l.layer) ?? []), l.durationMs]);
}
console.log(`Warm process, one document, median of ${RUNS} runs (ms per document per layer):`);
let total = 0;
for (const [layer, times] of perLayer) {
  total += median(times);
  console.log(`  ${layer.padEnd(30)} ${median(times).toFixed(1).padStart(8)}`);
}
console.log(`  ${'all seven layers'.padEnd(30)} ${total.toFixed(1).padStart(8)}  (xsd runs on a worker thread, in parallel)\n`);

// Whole command.
const copies = [];
for (let i = 0; i < 20; i++) {
  const file = path.join(tmp, `pps-${i}.xml`);
  writeFileSync(file, text);
  copies.push(file);
}
function command(files, cacheDir) {
  const start = performance.now();
  const child = spawnSync(process.execPath, [path.join(here, 'cli-child.mjs'), ...files], { env: { ...process.env, DCC_CACHE_DIR: cacheDir }, encoding: 'utf8' });
  const wall = (performance.now() - start) / 1000;
  if (child.status !== 0) throw new Error(`dcc validate failed: ${child.stderr}`);
  const { code, maxRssKiB } = JSON.parse(child.stdout);
  if (code !== 0) throw new Error(`dcc validate reported errors on the official PPS example (exit ${code})`);
  return { wall, rssMiB: maxRssKiB / 1024 };
}
const cold = command([example], path.join(tmp, 'cold-cache'));
console.log('Whole command `dcc validate` (new process each time):');
console.log(`  1 document, no compiled-rules cache yet (first run on a machine): ${cold.wall.toFixed(2)} s, peak ${cold.rssMiB.toFixed(0)} MiB`);
const cacheDir = path.join(tmp, 'cache');
command([example], cacheDir); // fills the cache
for (const files of [[example], copies]) {
  const runs = [0, 1, 2].map(() => command(files, cacheDir));
  const wall = median(runs.map((r) => r.wall));
  const rss = Math.max(...runs.map((r) => r.rssMiB));
  console.log(`  ${String(files.length).padStart(2)} document${files.length > 1 ? 's' : ' '} (median of 3): ${wall.toFixed(2)} s, ${(files.length / wall).toFixed(2)} documents/s, ${(wall / files.length).toFixed(2)} s/document, peak ${rss.toFixed(0)} MiB`);
}
console.log('\nReference (ANS kit, Java, same machine; ../shared/spec/performance-baselines.md): 21.3 s and 1.06 GB for one document; about 2.9 s per document in batch.');
rmSync(tmp, { recursive: true, force: true });
