/* global document */
// `node packages/pps-editor/bench/compare.mjs <other tree> [--rounds N]`: the editors' render
// figures of this tree and of another, built checkout (e.g. `node scripts/bench-checkout.mjs
// <commit>`), measured together: both trees' production bundles in one Chromium, rendered in
// turn, round after round, so that both see the same machine. A bench figure of another day is
// no baseline on a shared machine; this is how issue 10's "figures do not get worse" is checked.
// Each tree renders its own example (a 50-treatment PPS from its PPS example 01, its FRCP
// example 01). Printed: medians of runs 2-7 of every round, wall and main-thread CPU.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { BENCH_PAGE_HTML, benchPage, bundleElement, chromiumPath, launchBenchChromium, ppsWithTreatments, serve, timedRender } from './page-timing.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string', default: '4' } } });
const [other] = positionals;
const rounds = Number(values.rounds) || 4;
if (!other) {
  console.error('usage: node packages/pps-editor/bench/compare.mjs <other tree> [--rounds N]');
  process.exit(2);
}
const trees = [
  { name: 'other', root: path.resolve(other) },
  { name: 'this', root: path.resolve(here, '..', '..', '..') },
];
const executablePath = chromiumPath();
if (!executablePath) {
  console.error('Chromium not found (set CHROME_PATH)');
  process.exit(1);
}

/** Example `number` of `volet` as the tree's own files hold it (older trees have no examples export). */
function example(root, volet, number) {
  const dir = path.join(root, 'packages/cda/examples', volet);
  const file = readdirSync(dir).find((f) => f.startsWith(`${number}-`) && f.endsWith('.json'));
  return JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const workDir = mkdtempSync(path.join(os.tmpdir(), 'dcc-elements-compare-'));
const vite = await import('vite');
const server = await serve(workDir);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launchBenchChromium(executablePath);
try {
  const pages = [];
  for (const tree of trees) {
    for (const [tag, model] of [
      ['pps-editor', ppsWithTreatments(example(tree.root, 'pps', '01'), 50)],
      ['rcp-form', example(tree.root, 'frcp', '01')],
    ]) {
      const dir = path.join(workDir, tree.name, tag);
      mkdirSync(dir, { recursive: true });
      await bundleElement(vite, tree.root, `packages/${tag}/dist/${tag}.js`, dir);
      writeFileSync(path.join(dir, 'index.html'), BENCH_PAGE_HTML);
      writeFileSync(path.join(dir, 'model.json'), JSON.stringify(model));
      const errors = [];
      const { page, cdp } = await benchPage(browser, base, `${tree.name}/${tag}`, 'model.json', errors);
      pages.push({ tree: tree.name, tag, page, cdp, errors, runs: [] });
    }
  }
  console.log(`Editors' render, this tree against ${path.resolve(other)}: ${rounds} rounds of 7 runs, in turn (${os.cpus().length} CPU, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);
  for (let round = 0; round < rounds; round++) {
    for (const p of pages) {
      await p.page.bringToFront();
      const runs = [];
      for (let i = 0; i < 7; i++) runs.push(await timedRender(p.page, p.cdp, p.tag));
      p.runs.push(...runs.slice(1));
    }
  }
  const figure = (p, key) => median(p.runs.map((r) => r[key]));
  for (const tag of ['pps-editor', 'rcp-form']) {
    const [a, b] = ['other', 'this'].map((t) => pages.find((p) => p.tree === t && p.tag === tag));
    console.log(`${`<${tag}>`.padEnd(33)}other tree   this tree   this / other`);
    for (const [label, key] of [
      ['first render, wall', 'first'],
      ['every section, wall', 'complete'],
      ['first render, main-thread CPU', 'firstCpu'],
      ['every section, main-thread CPU', 'completeCpu'],
    ]) {
      const [x, y] = [figure(a, key), figure(b, key)];
      console.log(`  ${label.padEnd(31)}${`${x.toFixed(1)} ms`.padStart(11)}${`${y.toFixed(1)} ms`.padStart(12)}${(y / x).toFixed(2).padStart(15)}`);
    }
    for (const p of [a, b]) if (p.errors.length) console.log(`  page errors (${p.tree}): ${[...new Set(p.errors)].slice(0, 3).join(' | ')}`);
    // The model each tree kept: a tree that dropped the treatments would render less.
    const kept = await b.page.evaluate((t) => document.querySelector(t)?.value?.therapeuticProgramme?.treatments?.length, tag);
    if (tag === 'pps-editor') console.log(`  (this tree's editor kept ${kept} treatments)`);
    console.log('');
  }
  console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  await browser.close();
  server.close();
  rmSync(workDir, { recursive: true, force: true });
}
