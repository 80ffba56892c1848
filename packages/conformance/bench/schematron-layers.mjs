// The six schematron layers in a warm process, per layer, on one document (default: the
// official PPS example): wall and CPU time, median of RUNS runs after a warm-up run.
// `node packages/conformance/bench/schematron-layers.mjs [file.xml] [--runs N] [--json]`;
// bench.mjs can import `measureSchematronLayers`. Figures only: it never fails on timing, but
// it fails if a layer reports an engine error or a finding on the official example.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SaxonJS from 'saxon-js';
import { DocumentIndex, GENERIC_LAYERS, loadCompiledSchema, ResourceCache, SchematronRunner, VOLET_LAYERS } from '@dcc-kit/conformance';
import { createFsLoader, resolveKitDir } from '@dcc-kit/conformance/node';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs each schematron layer of `volet` on `text` `runs` times in this process (after one
 * warm-up run that compiles what the layer needs) and returns the median wall and CPU
 * milliseconds per layer, with the number of findings and engine errors of the last run.
 */
export async function measureSchematronLayers({ text, volet = 'pps', runs = 10, kitDir = resolveKitDir() }) {
  const loader = createFsLoader(kitDir);
  const cache = new ResourceCache(loader);
  const layers = [...GENERIC_LAYERS.filter((l) => l.kind === 'schematron'), VOLET_LAYERS[volet]];
  const runners = [];
  for (const layer of layers) runners.push({ layer, runner: new SchematronRunner(await loadCompiledSchema(loader, layer.path, undefined), cache) });
  const samples = new Map(runners.map(({ layer }) => [layer.name, { wall: [], cpu: [], findings: 0, engineErrors: 0 }]));
  for (let i = 0; i <= runs; i++) {
    const index = new DocumentIndex(await SaxonJS.getResource({ text, type: 'xml' }));
    for (const { layer, runner } of runners) {
      const cpu = process.cpuUsage();
      const start = performance.now();
      const result = await runner.run(index);
      const wall = performance.now() - start;
      const used = process.cpuUsage(cpu);
      const sample = samples.get(layer.name);
      sample.findings = result.findings.length;
      sample.engineErrors = result.engineErrors.length;
      if (i === 0) continue; // warm-up: compiles the layer's expressions
      sample.wall.push(wall);
      sample.cpu.push((used.user + used.system) / 1000);
    }
  }
  return [...samples].map(([layer, s]) => ({ layer, wallMs: median(s.wall), cpuMs: median(s.cpu), findings: s.findings, engineErrors: s.engineErrors }));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 10;
  const json = args.includes('--json');
  const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs') ?? path.join(resolveKitDir(), 'ExemplesCDA', 'CANCER-PPS_2022.01_feuille-de-style-externe.xml');
  const text = readFileSync(file, 'utf8');
  const volet = text.includes('1.2.250.1.213.1.1.1.8') && !text.includes('1.2.250.1.213.1.1.1.26') ? 'frcp' : 'pps';
  const rows = await measureSchematronLayers({ text, volet, runs });
  if (json) console.log(JSON.stringify(rows));
  else {
    console.log(`Schematron layers, warm process, ${path.basename(file)}, median of ${runs} runs (ms per document):`);
    console.log(`  ${'layer'.padEnd(30)} ${'wall'.padStart(8)} ${'cpu'.padStart(8)}`);
    for (const r of rows) console.log(`  ${r.layer.padEnd(30)} ${r.wallMs.toFixed(1).padStart(8)} ${r.cpuMs.toFixed(1).padStart(8)}${r.findings || r.engineErrors ? `  (${r.findings} findings, ${r.engineErrors} engine errors)` : ''}`);
    const sum = (k) => rows.reduce((a, r) => a + r[k], 0);
    console.log(`  ${'six schematron layers'.padEnd(30)} ${sum('wallMs').toFixed(1).padStart(8)} ${sum('cpuMs').toFixed(1).padStart(8)}`);
  }
  if (rows.some((r) => r.engineErrors > 0)) process.exitCode = 1;
}
