// The six schematron layers in a warm process, per layer, on one document (default: the
// official PPS example and the two FRCP examples): wall and CPU time, median of RUNS runs
// after a warm-up run, with the document's parse and index (paid once per document, before
// the first schematron layer).
// `node packages/conformance/bench/schematron-layers.mjs [file.xml] [--runs N] [--json]`;
// bench.mjs imports `measureSchematronLayers` and `printSchematronLayers`. Figures only: it never fails on timing, but
// it fails if a layer reports an engine error or a finding on the official example.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SaxonJS from 'saxon-js';
import { createMemorySchemaStore, DocumentIndex, GENERIC_LAYERS, loadCompiledSchema, ResourceCache, SchematronRunner, VOLET_LAYERS } from '@dcc-kit/conformance';
import { createFsLoader, resolveKitDir } from '@dcc-kit/conformance/node';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs each schematron layer of `volet` on `text` `runs` times in this process (after one
 * warm-up run that compiles what the layer needs) and returns the median wall and CPU
 * milliseconds per layer, with the number of findings and engine errors of the last run.
 */
export async function measureSchematronLayers({ text, volet = 'pps', runs = 10, kitDir = resolveKitDir(), store = undefined }) {
  const loader = createFsLoader(kitDir);
  const cache = new ResourceCache(loader);
  const layers = [...GENERIC_LAYERS.filter((l) => l.kind === 'schematron'), VOLET_LAYERS[volet]];
  const runners = [];
  for (const layer of layers) runners.push({ layer, runner: new SchematronRunner(await loadCompiledSchema(loader, layer.path, store), cache) });
  const samples = new Map([['parse and index', { wall: [], cpu: [], findings: 0, engineErrors: 0 }], ...runners.map(({ layer }) => [layer.name, { wall: [], cpu: [], findings: 0, engineErrors: 0 }])]);
  for (let i = 0; i <= runs; i++) {
    const parseCpu = process.cpuUsage();
    const parseStart = performance.now();
    const index = new DocumentIndex(await SaxonJS.getResource({ text, type: 'xml' }));
    if (i > 0) {
      const used = process.cpuUsage(parseCpu);
      samples.get('parse and index').wall.push(performance.now() - parseStart);
      samples.get('parse and index').cpu.push((used.user + used.system) / 1000);
    }
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

const kitExample = (name) => path.join(resolveKitDir(), 'ExemplesCDA', name);
const voletOf = (text) => (text.includes('1.2.250.1.213.1.1.1.8') && !text.includes('1.2.250.1.213.1.1.1.26') ? 'frcp' : 'pps');

/** Prints the table of one document's layers (CPU and wall), with the load average. */
export function printSchematronLayers(file, rows, runs) {
  console.log(`Schematron layers, warm process, ${path.basename(file)}, median of ${runs} runs (ms per document; load average ${os.loadavg()[0].toFixed(1)}):`);
  console.log(`  ${'layer'.padEnd(30)} ${'cpu'.padStart(8)} ${'wall'.padStart(8)}`);
  for (const r of rows) console.log(`  ${r.layer.padEnd(30)} ${r.cpuMs.toFixed(1).padStart(8)} ${r.wallMs.toFixed(1).padStart(8)}${r.findings || r.engineErrors ? `  (${r.findings} findings, ${r.engineErrors} engine errors)` : ''}`);
  const sum = (k) => rows.reduce((a, r) => a + r[k], 0);
  console.log(`  ${'parse, index and six layers'.padEnd(30)} ${sum('cpuMs').toFixed(1).padStart(8)} ${sum('wallMs').toFixed(1).padStart(8)}`);
}

/** The official examples measured by default: the PPS one and the two FRCP ones. */
export const OFFICIAL_EXAMPLES = ['CANCER-PPS_2022.01_feuille-de-style-externe.xml', 'CANCER-FRCP_2022.01_Appareil.xml', 'CANCER-FRCP_2022.01_Transversale.xml'];

/** Measures and prints every official example; returns whether a layer had an engine error. */
export async function measureOfficialExamples(runs) {
  let failed = false;
  const store = createMemorySchemaStore(); // the layers compiled once for the three documents
  for (const name of OFFICIAL_EXAMPLES) {
    const file = kitExample(name);
    const text = readFileSync(file, 'utf8');
    const rows = await measureSchematronLayers({ text, volet: voletOf(text), runs, store });
    printSchematronLayers(file, rows, runs);
    failed ||= rows.some((r) => r.engineErrors > 0);
  }
  return failed;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 10;
  const json = args.includes('--json');
  const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');
  if (!file) {
    if (await measureOfficialExamples(runs)) process.exitCode = 1;
  } else {
    const text = readFileSync(file, 'utf8');
    const rows = await measureSchematronLayers({ text, volet: voletOf(text), runs });
    if (json) console.log(JSON.stringify(rows));
    else printSchematronLayers(file, rows, runs);
    if (rows.some((r) => r.engineErrors > 0)) process.exitCode = 1;
  }
}
