// `node packages/cda/bench/compare.mjs <other tree> [--rounds N]`: the CDA build time of this
// tree and of another, built checkout (e.g. `node scripts/bench-checkout.mjs <commit>`), in
// one process, in turn, round after round, so that both see the same machine. Each tree
// builds its own largest example of each volet, and each builds the other's (the model may
// have changed between them: a tree that rejects an input says so).
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { buildFrcp, buildPps } from '@dcc-kit/cda';
import { loadExamples } from '@dcc-kit/cda/examples';
import { benchContext, largest, measure } from './timing.mjs';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string', default: '3' } } });
const [other] = positionals;
const rounds = Number(values.rounds) || 3;
if (!other) {
  console.error('usage: node packages/cda/bench/compare.mjs <other tree> [--rounds N]');
  process.exit(2);
}
const otherRoot = path.resolve(other);
const otherCda = await import(pathToFileURL(path.join(otherRoot, 'packages/cda/dist/index.js')).href);

/** The other tree's examples as its files hold them (older trees have no examples export). */
function otherExamples(volet) {
  const dir = path.join(otherRoot, 'packages/cda/examples', volet);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: f, input: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) }));
}

console.log(`CDA build, this tree against ${otherRoot}: ${rounds} rounds, in turn (${os.cpus().length} CPU, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);
for (const [volet, builds] of [
  ['pps', { this: buildPps, other: otherCda.buildPps }],
  ['frcp', { this: buildFrcp, other: otherCda.buildFrcp }],
]) {
  const inputs = { this: largest(loadExamples(volet), builds.this), other: largest(otherExamples(volet), builds.other) };
  const medians = {};
  for (let round = 0; round < rounds; round++) {
    for (const tree of ['other', 'this']) {
      for (const from of ['other', 'this']) {
        const key = `${tree}|${from}`;
        const build = () => builds[tree](inputs[from].input, benchContext());
        try {
          build();
        } catch {
          medians[key] = 'rejected';
          continue;
        }
        (medians[key] ??= []).push(measure(build).median);
      }
    }
  }
  console.log(`${volet.toUpperCase()}: largest examples, this tree ${inputs.this.name}, other tree ${inputs.other.name}`);
  for (const [key, values] of Object.entries(medians)) {
    const [tree, from] = key.split('|');
    const shown = values === 'rejected' ? 'input rejected' : values.map((v) => `${v.toFixed(3)} ms`).join('  ');
    console.log(`  ${`${tree} tree, ${tree === from ? 'its own example' : "the other tree's example"}`.padEnd(38)}${shown}`);
  }
  console.log('');
}
