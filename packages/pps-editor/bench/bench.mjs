/* global document, window -- used inside page.evaluate() callbacks, which run in Chromium */
// npm run bench (web components part), printed, never asserted:
//  (a) bundle sizes: each element's define module built by Vite (library mode, ESM, minified,
//      production Lit, every dependency bundled), gzip size of the eager part (entry chunk and
//      every chunk it imports statically) and, apart, of each lazily loaded chunk (model
//      validation/CDA build, value sets…); plus the conformance engine's browser entry, which
//      the editors do not import (it runs in Node / on the server) but a host may load lazily.
//  (b) in Chromium (puppeteer-core, Debian's /usr/bin/chromium or $CHROME_PATH): first render of
//      <pps-editor> with a model of 50 treatments (element creation → updateComplete of the
//      editor and every element inside it → next frame), median of several runs, and the time
//      until every section is rendered (the editor renders its first sections at once and the
//      others, two per task, after the first paint: `renderComplete`); input latency
//      (real keystrokes in a text field → the editor's `input` event, and → re-render done);
//      first render of <rcp-form> with FRCP example 01.
// Targets: ≤ 60 kB gzip for <pps-editor> eager, ≤ 100 ms first render (issue 5); ≤ 25 kB gzip
// for <dmp-status> eager (issue 16). `node packages/pps-editor/bench/bench.mjs --sizes` (or
// DCC_BENCH_SIZES_ONLY=1) prints the sizes alone.
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Buffer } from 'node:buffer';
import { loadExample } from '@dcc-kit/cda/examples';
import { BENCH_PAGE_HTML, benchPage, bundleElement, chromiumPath, launchBenchChromium, ppsWithTreatments, serve, timedRender } from './page-timing.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..', '..');
const EAGER_TARGET_KB = 60;
const RENDER_TARGET_MS = 100;

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const median = (xs) => quantile(xs, 0.5);

function table(rows, headers) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

// Each element's define module as its package exports it (what a host imports).
const exported = (specifier) => path.relative(root, fileURLToPath(import.meta.resolve(specifier)));
const ELEMENTS = [
  { tag: 'pps-editor', entry: exported('@dcc-kit/pps-editor/pps-editor.js') },
  { tag: 'rcp-form', entry: exported('@dcc-kit/rcp-form/rcp-form.js') },
  { tag: 'dcc-code-picker', entry: exported('@dcc-kit/elements/define/dcc-code-picker.js') },
  { tag: 'dmp-status', entry: exported('@dcc-kit/dmp-status/dmp-status.js') },
];
// Eager gzip targets of the issues (issue 5: the PPS editor; issue 16: <dmp-status>).
const EAGER_TARGETS_KB = { 'pps-editor': EAGER_TARGET_KB, 'dmp-status': 25 };

/** What a lazy chunk is, from the modules it contains. */
function describeChunk(chunk) {
  const ids = chunk.moduleIds ?? Object.keys(chunk.modules ?? {});
  const has = (re) => ids.some((id) => re.test(id.replaceAll('\\', '/')));
  const kinds = [];
  if (has(/packages\/conformance\//)) kinds.push('conformance engine');
  if (has(/value-sets\/JDV_/)) kinds.push('value sets');
  if (has(/packages\/cda\/dist\/(api|check|builders?|xml)\b|packages\/cda\/dist\/(check|build|xml)\//)) kinds.push('cda validation/build');
  if (has(/@sinclair\/typebox\/build\/esm\/(value|compiler|errors)/)) kinds.push('TypeBox value checker');
  if (kinds.length === 0) kinds.push(ids.slice(0, 2).map((id) => path.basename(id)).join(', ') || chunk.fileName);
  return kinds.join(' + ');
}


function sizes(outputs) {
  const chunks = outputs.filter((item) => item.type === 'chunk');
  // Assets (e.g. xmllint's WebAssembly worker of the conformance engine) are fetched on demand: lazy.
  const assets = outputs.filter((item) => item.type === 'asset' && /\.(js|wasm|json)$/.test(item.fileName));
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const entry = chunks.find((c) => c.isEntry);
  const eager = new Set();
  const visit = (name) => {
    if (eager.has(name) || !byName.has(name)) return;
    eager.add(name);
    for (const imported of byName.get(name).imports) visit(imported);
  };
  visit(entry.fileName);
  const gz = (c) => gzipSync(Buffer.from(c.code), { level: 9 }).length;
  const eagerChunks = chunks.filter((c) => eager.has(c.fileName));
  const lazyChunks = chunks.filter((c) => !eager.has(c.fileName));
  return {
    eagerRaw: eagerChunks.reduce((n, c) => n + Buffer.byteLength(c.code), 0),
    eagerGzip: eagerChunks.reduce((n, c) => n + gz(c), 0),
    lazy: [
      ...lazyChunks.map((c) => ({ what: describeChunk(c), raw: Buffer.byteLength(c.code), gzip: gz(c) })),
      ...assets.map((a) => ({ what: `asset ${a.fileName.replace(/-[\w-]{8}(\.\w+)$/, '$1')}`, raw: Buffer.from(a.source).length, gzip: gzipSync(Buffer.from(a.source), { level: 9 }).length })),
    ].sort((a, b) => b.gzip - a.gzip),
  };
}

async function bundleSizes(vite, workDir) {
  console.log('(a) Bundle sizes (Vite library build, ESM, minified, dependencies bundled; gzip -9)\n');
  const rows = [];
  const built = {};
  for (const { tag, entry } of ELEMENTS) {
    if (!existsSync(path.join(root, entry))) {
      rows.push([`<${tag}> eager`, 'not built', '', '']);
      continue;
    }
    const outDir = path.join(workDir, tag);
    try {
      const chunks = await bundleElement(vite, root, entry, outDir);
      const s = sizes(chunks);
      built[tag] = outDir;
      const limit = EAGER_TARGETS_KB[tag];
      const target = limit ? `${s.eagerGzip / 1024 <= limit ? 'within' : 'OVER'} ${limit} kB target` : '';
      rows.push([`<${tag}> eager (entry + static imports)`, kb(s.eagerRaw), kb(s.eagerGzip), target]);
      for (const l of s.lazy) rows.push([`  lazy: ${l.what}`, kb(l.raw), kb(l.gzip), '']);
    } catch (error) {
      rows.push([`<${tag}>`, `build failed: ${String(error.message ?? error).split('\n')[0]}`, '', '']);
    }
  }
  // The conformance engine is not imported by the editors; measured as a host would load it lazily in a page.
  try {
    const chunks = await bundleElement(vite, root, exported('@dcc-kit/conformance'), path.join(workDir, 'conformance'), { conditions: ['browser', 'module', 'import', 'default'] });
    const s = sizes(chunks);
    rows.push(['conformance engine, browser entry (apart: not imported by the editors)', kb(s.eagerRaw), kb(s.eagerGzip), 'SaxonJS runtime: separate global']);
    for (const l of s.lazy) rows.push([`  lazy: ${l.what}`, kb(l.raw), kb(l.gzip), '']);
  } catch (error) {
    rows.push(['conformance engine, browser entry', `build failed: ${String(error.message ?? error).split('\n')[0]}`, '', '']);
  }
  // The zero-build bundles (npm run build:cdn): autoloader and each element for hosts without a bundler.
  try {
    const { buildCdn } = await import('../../../scripts/build-cdn.mjs');
    const { cdnSizeRows } = await import('../../../scripts/cdn/sizes.mjs');
    const { outputs } = await buildCdn({ outDir: path.join(workDir, 'cdn') });
    for (const [what, raw, gzip] of cdnSizeRows(outputs)) rows.push([`zero-build ${what}`, raw, gzip, '']);
  } catch (error) {
    rows.push(['zero-build bundles (cdn/)', `build failed: ${String(error.message ?? error).split('\n')[0]}`, '', '']);
  }
  table(rows, ['bundle', 'raw', 'gzip', 'note']);
  return built;
}


async function rcpFirstRender(browser, builtDir, base) {
  if (!builtDir) return undefined;
  writeFileSync(path.join(builtDir, 'frcp-01.json'), JSON.stringify(loadExample('frcp', '01').input));
  writeFileSync(path.join(builtDir, 'index.html'), BENCH_PAGE_HTML);
  const { page, cdp } = await benchPage(browser, base, 'rcp-form', 'frcp-01.json');
  const times = [];
  for (let i = 0; i < 7; i++) times.push(await timedRender(page, cdp, 'rcp-form'));
  await page.close();
  return times;
}

async function browserTimings(builtDir, rcpDir) {
  console.log('\n(b) In Chromium (production bundles of (a))\n');
  const executablePath = chromiumPath();
  if (!executablePath) {
    console.log('Chromium not found (set CHROME_PATH): browser figures skipped.');
    return;
  }
  if (!builtDir) {
    console.log('<pps-editor> bundle not available: browser figures skipped.');
    return;
  }
  writeFileSync(path.join(builtDir, 'model-50.json'), JSON.stringify(ppsWithTreatments(loadExample('pps', '01').input, 50)));
  writeFileSync(path.join(builtDir, 'index.html'), BENCH_PAGE_HTML);
  const server = await serve(path.dirname(builtDir));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchBenchChromium(executablePath);
  try {
    const pageErrors = [];
    const { page, cdp } = await benchPage(browser, base, 'pps-editor', 'model-50.json', pageErrors);
    const RUNS = 7;
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await timedRender(page, cdp, 'pps-editor'));
    const renders = runs.map((r) => r.first);
    const completes = runs.map((r) => r.complete);
    const treatmentsShown = await page.evaluate(() => {
      const editor = document.querySelector('pps-editor');
      return editor?.value?.therapeuticProgramme?.treatments?.length ?? 0;
    });
    const rows = [
      ['<pps-editor> first render, 50 treatments: first run (cold)', `${renders[0].toFixed(1)} ms`, ''],
      [`<pps-editor> first render, 50 treatments: median of runs 2-${RUNS}`, `${median(renders.slice(1)).toFixed(1)} ms`, `${median(renders.slice(1)) <= RENDER_TARGET_MS ? 'within' : 'OVER'} ${RENDER_TARGET_MS} ms target`],
      ['  (min / max of runs 2-7)', `${Math.min(...renders.slice(1)).toFixed(1)} / ${Math.max(...renders.slice(1)).toFixed(1)} ms`, `model kept ${treatmentsShown} treatments`],
      [`<pps-editor> every section rendered (renderComplete): median of runs 2-${RUNS}`, `${median(completes.slice(1)).toFixed(1)} ms`, 'later sections: 2 per task after first paint'],
      [`<pps-editor> main-thread CPU, first render / every section: median of runs 2-${RUNS}`, `${median(runs.slice(1).map((r) => r.firstCpu)).toFixed(1)} / ${median(runs.slice(1).map((r) => r.completeCpu)).toFixed(1)} ms`, 'Chromium ThreadTime: compare these on a shared machine'],
    ];

    // Input latency: real keystrokes (CDP) in the first editable text field.
    const found = await page.evaluate(() => {
      const editor = document.querySelector('pps-editor');
      const field = window.findTextField(editor);
      if (!field) return false;
      field.focus();
      window.latencies = [];
      let keydownAt = 0;
      field.addEventListener('keydown', (e) => (keydownAt = e.timeStamp), true);
      editor.addEventListener('input', () => {
        const start = keydownAt;
        const atInput = performance.now();
        void window.deepUpdated(editor).then(() => window.latencies.push({ toInput: atInput - start, toRender: performance.now() - start }));
      });
      return true;
    });
    if (!found) rows.push(['input latency', 'no editable text field found', '']);
    else {
      const KEYS = 40;
      for (let i = 0; i < KEYS; i++) {
        await page.keyboard.press(i % 2 ? 'a' : 'e');
        await page.waitForFunction((n) => window.latencies.length >= n, { timeout: 10_000 }, i + 1).catch(() => undefined);
      }
      const latencies = await page.evaluate(() => window.latencies);
      if (latencies.length === 0) rows.push(['input latency', 'the editor emitted no input event', '']);
      else {
        const toInput = latencies.map((l) => l.toInput);
        const toRender = latencies.map((l) => l.toRender);
        rows.push([`<pps-editor> input latency, keydown → input event (${latencies.length} keys)`, `median ${median(toInput).toFixed(1)} ms`, `p95 ${quantile(toInput, 0.95).toFixed(1)} ms`]);
        rows.push(['<pps-editor> input latency, keydown → re-render + next frame', `median ${median(toRender).toFixed(1)} ms`, `p95 ${quantile(toRender, 0.95).toFixed(1)} ms`]);
      }
    }
    const rcp = await rcpFirstRender(browser, rcpDir, base);
    if (rcp) {
      const firsts = rcp.map((r) => r.first);
      rows.push(['<rcp-form> first render, FRCP example 01: first run (cold)', `${firsts[0].toFixed(1)} ms`, '']);
      rows.push([`<rcp-form> first render, FRCP example 01: median of runs 2-${rcp.length}`, `${median(firsts.slice(1)).toFixed(1)} ms`, '']);
      rows.push([`<rcp-form> every section rendered: median of runs 2-${rcp.length}`, `${median(rcp.slice(1).map((r) => r.complete)).toFixed(1)} ms`, '']);
      rows.push([`<rcp-form> main-thread CPU, first render / every section: median of runs 2-${rcp.length}`, `${median(rcp.slice(1).map((r) => r.firstCpu)).toFixed(1)} / ${median(rcp.slice(1).map((r) => r.completeCpu)).toFixed(1)} ms`, 'Chromium ThreadTime']);
    }
    table(rows, ['measure', 'value', 'note']);
    if (pageErrors.length) console.log(`\npage errors: ${[...new Set(pageErrors)].slice(0, 3).join(' | ')}`);
  } finally {
    await browser.close();
    server.close();
  }
}

const workDir = mkdtempSync(path.join(os.tmpdir(), 'dcc-elements-bench-'));
try {
  mkdirSync(workDir, { recursive: true });
  const vite = await import('vite');
  console.log(`Web components bench (${os.cpus().length} CPU, Node ${process.version}, Vite ${vite.version})\n`);
  const built = await bundleSizes(vite, workDir);
  // `--sizes` or DCC_BENCH_SIZES_ONLY=1: the bundle sizes alone (a few seconds; no browser).
  if (!process.argv.includes('--sizes') && process.env.DCC_BENCH_SIZES_ONLY !== '1') await browserTimings(built['pps-editor'], built['rcp-form']);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
