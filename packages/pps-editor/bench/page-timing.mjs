/* global document, window -- used inside page.evaluate() callbacks, which run in Chromium */
// What the editors' render benchmarks share (bench.mjs, compare.mjs): the element's production
// bundle, the page, the timed render (creation → every element updated → next frame; → every
// section rendered) with the page's main-thread CPU.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import process from 'node:process';

/** The element's define module built by Vite as a host would bundle it (library mode, ESM, minified, production Lit). */
export async function bundleElement(vite, root, entry, outDir, { conditions } = {}) {
  const output = await vite.build({
    root,
    configFile: false,
    logLevel: 'silent',
    mode: 'production',
    define: { 'process.env.NODE_ENV': '"production"' },
    resolve: conditions ? { conditions } : {},
    build: {
      outDir,
      emptyOutDir: true,
      write: true,
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      target: 'es2022',
      lib: { entry: path.join(root, entry), formats: ['es'], fileName: () => 'entry.js' },
    },
  });
  const outputs = Array.isArray(output) ? output : [output];
  return outputs.flatMap((o) => o.output);
}

/** A PPS build input with `count` treatments (`example`'s treatments repeated with varied text). */
export function ppsWithTreatments(pps, count) {
  const example = structuredClone(pps);
  const source = example.therapeuticProgramme.treatments;
  example.therapeuticProgramme.treatments = Array.from({ length: count }, (_, i) => {
    const t = structuredClone(source[i % source.length]);
    if (typeof t.typePrecision === 'string') t.typePrecision = `${t.typePrecision} (séquence ${i + 1})`;
    return t;
  });
  return example;
}

/** A static server of `dir` on a free loopback port. */
export function serve(dir) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json' };
  const server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Runs in the page: waits until the element and every custom element in its shadow trees are updated, then the next frame.
const PAGE_HELPERS = `
window.deepUpdated = async (el) => {
  for (let pass = 0; pass < 4; pass++) {
    const all = [];
    const walk = (node) => {
      if (node.updateComplete) all.push(node.updateComplete);
      const kids = node.shadowRoot ? [...node.shadowRoot.querySelectorAll('*'), ...node.querySelectorAll('*')] : [...node.querySelectorAll('*')];
      for (const k of kids) if (k.localName.includes('-')) walk(k);
    };
    walk(el);
    const results = await Promise.all(all);
    if (results.every((r) => r !== false)) break;
  }
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
};
window.findTextField = (el) => {
  const stack = [el];
  while (stack.length) {
    const node = stack.shift();
    const scope = node.shadowRoot ?? node;
    const field = scope.querySelector('textarea:not([readonly]):not([disabled]), input[type="text"]:not([readonly]):not([disabled]):not([role="combobox"])');
    if (field) return field;
    for (const k of scope.querySelectorAll('*')) if (k.shadowRoot) stack.push(k);
  }
  return null;
};
`;

/**
 * One render of `tag` holding `window.benchModel` in `page`: wall times in the page (creation →
 * every element updated → next frame; → every section rendered) and the page's main-thread CPU
 * time for both (Chromium's ThreadTime metric), which a loaded machine inflates far less than
 * wall time: compare CPU when the machine is shared.
 */
export async function timedRender(page, cdp, tag) {
  const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? Number.NaN;
  const cpu0 = await threadTime();
  const first = await page.evaluate(async (tag) => {
    document.querySelector(tag)?.remove();
    await new Promise((r) => setTimeout(r, 50));
    const model = structuredClone(window.benchModel);
    window.benchStart = performance.now();
    const el = document.createElement(tag);
    el.value = model;
    document.body.append(el);
    await window.deepUpdated(el);
    return performance.now() - window.benchStart;
  }, tag);
  const cpu1 = await threadTime();
  const complete = await page.evaluate(async (tag) => {
    // The editor renders its first section at once and the others after the first paint.
    const el = document.querySelector(tag);
    if (el.renderComplete) {
      await el.renderComplete;
      await window.deepUpdated(el);
    }
    return performance.now() - window.benchStart;
  }, tag);
  const cpu2 = await threadTime();
  return { first, complete, firstCpu: (cpu1 - cpu0) * 1000, completeCpu: (cpu2 - cpu0) * 1000 };
}

/** A page of `dir` with its element defined, `window.benchModel` fetched from `modelFile`, a CDP session for the metrics; its errors go to `pageErrors`. */
export async function benchPage(browser, base, dir, modelFile, pageErrors = []) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e.message ?? e).split('\n')[0]));
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(`${base}/${dir}/index.html`);
  await page.evaluate(async (file) => {
    await import('./entry.js');
    window.benchModel = await (await fetch(`./${file}`)).json();
  }, modelFile);
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');
  return { page, cdp };
}

/** The bench page: the helpers above, nothing else (the element's bundle is imported by `benchPage`). */
export const BENCH_PAGE_HTML = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>bench</title></head><body><script>${PAGE_HELPERS}</script></body></html>`;

/** Debian's Chromium (or $CHROME_PATH), or undefined. */
export function chromiumPath() {
  return [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
}

/** Headless Chromium as every bench page runs in it. */
export async function launchBenchChromium(executablePath) {
  const { default: puppeteer } = await import('puppeteer-core');
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
