// npm run bench (cda part): build and parse time per document for the largest PPS and
// FRCP examples (median, p95, documents per second), in a warm process. Also the same
// build written into an xmlbuilder2 DOM, to show why the string writer is the default.
import os from 'node:os';
import { buildPps, buildFrcp, buildInto, parsePps, parseFrcp } from '@dcc-kit/cda';
import { loadExamples } from '@dcc-kit/cda/examples';
import { Xmlbuilder2Sink } from '@dcc-kit/cda/xmlbuilder2-sink';
import { benchContext as context, fmt, largest, measure } from './timing.mjs';

console.log('## CDA builders and parsers');
console.log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
for (const [volet, build, parse] of [
  ['pps', buildPps, parsePps],
  ['frcp', buildFrcp, parseFrcp],
]) {
  const doc = largest(loadExamples(volet), build);
  const xml = build(doc.input, context());
  console.log(`${volet.toUpperCase()} — largest example ${doc.name} (${(doc.size / 1024).toFixed(1)} kB of XML)`);
  console.log(`  build (validate + write, string writer): ${fmt(measure(() => build(doc.input, context())))}${volet === 'pps' ? '   [target: median ≤ 5 ms]' : ''}`);
  console.log(`  build into an xmlbuilder2 DOM + serialise: ${fmt(measure(() => { const s = new Xmlbuilder2Sink(); buildInto(volet, doc.input, s, context()); s.toString(); }, { runs: 100 }))}`);
  console.log(`  parse (saxes + model): ${fmt(measure(() => parse(xml), { runs: 200 }))}\n`);
}
