// npm run bench (cda part): build and parse time per document for the largest PPS and
// FRCP examples (median, p95, documents per second), in a warm process. Also the same
// build written into an xmlbuilder2 DOM, to show why the string writer is the default.
import os from 'node:os';
import { buildPps, buildFrcp, buildInto, parsePps, parseFrcp } from '@dcc-kit/cda';
import { loadExamples } from '@dcc-kit/cda/examples';
import { Xmlbuilder2Sink } from '@dcc-kit/cda/xmlbuilder2-sink';

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

function largest(volet, build) {
  let best;
  for (const { name, input } of loadExamples(volet)) {
    const size = build(input, context()).length;
    if (!best || size > best.size) best = { name, input, size };
  }
  return best;
}

let counter = 0;
function context() {
  return { now: () => new Date('2026-01-15T09:00:00Z'), newId: () => `00000000-0000-4000-8000-${String(++counter % 1e12).padStart(12, '0')}` };
}

function measure(fn, { warmUp = 50, runs = 400 } = {}) {
  for (let i = 0; i < warmUp; i++) fn();
  const times = [];
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95), perSecond: runs / (total / 1000) };
}

const fmt = (r) => `median ${r.median.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms, ${r.perSecond.toFixed(0)} documents/s`;

console.log('## CDA builders and parsers');
console.log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
for (const [volet, build, parse] of [
  ['pps', buildPps, parsePps],
  ['frcp', buildFrcp, parseFrcp],
]) {
  const doc = largest(volet, build);
  const xml = build(doc.input, context());
  console.log(`${volet.toUpperCase()} — largest example ${doc.name} (${(doc.size / 1024).toFixed(1)} kB of XML)`);
  console.log(`  build (validate + write, string writer): ${fmt(measure(() => build(doc.input, context())))}${volet === 'pps' ? '   [target: median ≤ 5 ms]' : ''}`);
  console.log(`  build into an xmlbuilder2 DOM + serialise: ${fmt(measure(() => { const s = new Xmlbuilder2Sink(); buildInto(volet, doc.input, s, context()); s.toString(); }, { runs: 100 }))}`);
  console.log(`  parse (saxes + model): ${fmt(measure(() => parse(xml), { runs: 200 }))}\n`);
}
