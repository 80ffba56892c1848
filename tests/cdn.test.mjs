/* global document, customElements -- used inside page.evaluate() callbacks, which run in Chromium */
// The zero-build bundles (scripts/build-cdn.mjs) in a plain static page: no bundler, no import
// map, one <script type="module" src>, served under the demo's strict CSP by a tiny node:http
// server, in Debian's Chromium. The bundles are built by the test into a temporary folder and
// served from a nested path, so that chunks can only load if they resolve against the bundle's
// own URL.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildCdn } from '../scripts/build-cdn.mjs';
import { launchChromium, skipWithoutChromium } from './support/chromium.mjs';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'";
const BUNDLE_PATH = '/vendor/dcc-kit/';

const PAGES = {
  // The autoloader alone: every tag of the page is defined on first use.
  'autoload.html': `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>autoloader</title>
<script type="module" src="${BUNDLE_PATH}dcc-kit.js"></script></head>
<body><dcc-provider locale="fr"><form id="f"><pps-editor name="pps"></pps-editor></form></dcc-provider></body></html>`,
  // One element's own bundle.
  'rcp-only.html': `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>rcp-form alone</title>
<script type="module" src="${BUNDLE_PATH}rcp-form.js"></script></head>
<body><form><rcp-form name="frcp"></rcp-form></form></body></html>`,
};

function serve(cdnDir) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json' };
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file;
    if (pathname.startsWith(BUNDLE_PATH)) file = path.join(cdnDir, pathname.slice(BUNDLE_PATH.length));
    else if (Object.hasOwn(PAGES, pathname.slice(1))) file = pathname.slice(1);
    else if (/^\/only\/[a-z-]+\.html$/.test(pathname)) {
      // A page with one element's own bundle and its tag, for each element of the build.
      const tag = path.basename(pathname, '.html');
      PAGES[pathname.slice(1)] = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${tag}</title><script type="module" src="${BUNDLE_PATH}${tag}.js"></script></head><body><${tag}></${tag}></body></html>`;
      file = pathname.slice(1);
    }
    const body = file === undefined ? undefined : Object.hasOwn(PAGES, file) ? PAGES[file] : file.startsWith(cdnDir + path.sep) && existsSync(file) ? readFileSync(file) : undefined;
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(pathname)] ?? 'application/octet-stream', 'Content-Security-Policy': CSP }).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const skip = skipWithoutChromium('zero-build browser test');

describe('zero-build bundles in a plain page under a strict CSP', { skip }, () => {
  let workDir;
  let server;
  let base;
  let browser;
  let built;

  before(async () => {
    workDir = mkdtempSync(path.join(os.tmpdir(), 'dcc-cdn-test-'));
    built = await buildCdn({ outDir: path.join(workDir, 'cdn') });
    server = await serve(built.outDir);
    base = `http://127.0.0.1:${server.address().port}`;
    console.log(`# static server on ${base}`);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  /** A page that records every page error, console error, CSP violation and failed request. */
  async function openWatched(file) {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${new URL(r.url()).pathname}`);
    });
    const requested = [];
    page.on('request', (r) => r.url().startsWith('http') && requested.push(new URL(r.url()).pathname));
    await page.exposeFunction('reportCspViolation', (what) => problems.push(`CSP violation: ${what}`));
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (e) => globalThis.reportCspViolation(`${e.effectiveDirective} ${e.blockedURI}`));
    });
    const response = await page.goto(`${base}/${file}`);
    assert.equal(response?.headers()['content-security-policy'], CSP, 'the page is served with the strict CSP');
    return { page, problems, requested };
  }

  /** Waits until `tag` is defined and its instance rendered something in its shadow root. */
  const rendered = (page, tag) =>
    page.waitForFunction(
      (t) => {
        const el = document.querySelector(t);
        return Boolean(customElements.get(t) && el?.shadowRoot && el.shadowRoot.querySelector('*') && el.shadowRoot.textContent.trim().length > 0);
      },
      { timeout: 30_000 },
      tag,
    );

  test('the build has the autoloader and one bundle per element, without bare imports', () => {
    for (const tag of ['pps-editor', 'rcp-form', 'dcc-provider', 'dcc-code-picker']) assert.ok(built.tags.includes(tag), `<${tag}> bundled`);
    const chunks = built.outputs.filter((o) => o.type === 'chunk');
    const entries = chunks.filter((c) => c.isEntry).map((c) => c.fileName).sort();
    assert.deepEqual(entries, ['dcc-kit.js', ...built.tags.map((tag) => `${tag}.js`)].sort());
    for (const chunk of chunks) {
      for (const imported of [...chunk.imports, ...chunk.dynamicImports]) assert.ok(chunks.some((c) => c.fileName === imported), `${chunk.fileName} imports ${imported}, which is in the build`);
      assert.doesNotMatch(chunk.code, /\bfrom\s*["'`](?![./])|\bimport\s*\(\s*["'`](?![./])|\bimport\s*["'`](?![./])/, `${chunk.fileName} has no bare import`);
    }
  });

  test('autoloader alone: <dcc-provider>, <pps-editor> of the markup and <rcp-form> added later defined on first use and rendered', async () => {
    const { page, problems, requested } = await openWatched('autoload.html');
    try {
      await rendered(page, 'pps-editor');
      assert.ok(await page.evaluate(() => Boolean(customElements.get('dcc-provider'))), '<dcc-provider> defined');
      assert.ok(await page.evaluate(() => document.querySelector('pps-editor') instanceof customElements.get('pps-editor')), 'the instance is upgraded');
      // Loaded on first use only: <rcp-form> is not on the page yet.
      assert.equal(await page.evaluate(() => Boolean(customElements.get('rcp-form'))), false, '<rcp-form> not loaded before it is used');
      assert.ok(!requested.includes(`${BUNDLE_PATH}rcp-form.js`));
      // Markup the host adds later (an old framework rendering a view): the MutationObserver finds it.
      await page.evaluate(() => {
        const form = document.createElement('rcp-form');
        form.setAttribute('name', 'frcp');
        document.getElementById('f').append(form);
      });
      await rendered(page, 'rcp-form');
      assert.ok(requested.includes(`${BUNDLE_PATH}rcp-form.js`));
      assert.ok(requested.includes(`${BUNDLE_PATH}dcc-kit.js`));
      assert.ok(requested.every((p) => p === '/autoload.html' || p.startsWith(BUNDLE_PATH) || p === '/favicon.ico'), `only the bundle folder requested: ${requested.join(', ')}`);
      assert.deepEqual(problems.filter((p) => !p.includes('/favicon.ico') && !/Failed to load resource.*404/.test(p)), []);
    } finally {
      await page.close();
    }
  });

  test("each element's own bundle alone defines its tag without error", async () => {
    for (const tag of built.tags) {
      const { page, problems } = await openWatched(`only/${tag}.html`);
      try {
        await page.waitForFunction((t) => customElements.get(t) && document.querySelector(`${t}:defined`), { timeout: 15_000 }, tag);
        assert.deepEqual(problems.filter((p) => !p.includes('/favicon.ico') && !/Failed to load resource.*404/.test(p)), [], `<${tag}>`);
      } finally {
        await page.close();
      }
    }
  });

  test("one element's own bundle: <rcp-form> defined and rendered, nothing else defined", async () => {
    const { page, problems } = await openWatched('rcp-only.html');
    try {
      await rendered(page, 'rcp-form');
      assert.equal(await page.evaluate(() => Boolean(customElements.get('pps-editor'))), false, 'no autoloading from an element bundle');
      assert.deepEqual(problems.filter((p) => !p.includes('/favicon.ico') && !/Failed to load resource.*404/.test(p)), []);
    } finally {
      await page.close();
    }
  });
});
