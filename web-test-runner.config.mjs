// @web/test-runner configuration: the browser tests of the web components
// (`packages/*/dist/**/*.browser-test.js`, compiled by tsc from `*.browser-test.ts`, and the
// stories smoke test `stories/**/*.browser-test.js`) run in Debian's Chromium through
// puppeteer-core. No tool downloads a browser: the executable is /usr/bin/chromium or $CHROME_PATH.
//
// Run: `npm run build && npx wtr` (one file: `npx wtr --files packages/elements/dist/drafts/draft-store.browser-test.js`).
// Server commands the browser tests call through `executeServerCommand` (see
// packages/elements/src/testing/):
//   dcc-validate-cda  { xml, volet, layers? } → { volet, valid, layers: [{ layer, valid, errors: [first 20 messages], engineErrors }] }
//   dcc-probe-page    { action: 'open' | 'evaluate' | 'reload' | 'close', ... } → a second page of the
//                     same browser context (same origin, same IndexedDB) that can be really reloaded.
//   dcc-list-stories  → ['/stories/x.stories.js', …] for the stories smoke test.
//   dcc-test-options  → { fullAxe: DCC_FULL_AXE === '1', storyTimings: DCC_STORY_TIMINGS === '1' }.
import { existsSync, readdirSync } from 'node:fs';
import { chromeLauncher } from '@web/test-runner-chrome';

const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

function chromiumPath() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(`Chromium not found (tried ${candidates.join(', ')}). Install Debian's chromium (apt-get install chromium) or set CHROME_PATH; no tool here downloads a browser.`);
  }
  return found;
}

const MAX_ERRORS_PER_LAYER = 20;

/** Runs @dcc-kit/conformance in Node on a CDA built in the page. One validator per run, created on first use. */
function conformancePlugin() {
  let validator;
  // The engine is CPU bound: validate one document at a time so the browsers' sessions keep their time slices.
  let queue = Promise.resolve();
  async function getValidator() {
    if (!validator) {
      const { createNodeValidator } = await import('@dcc-kit/conformance/node');
      validator = createNodeValidator();
    }
    return validator;
  }
  return {
    name: 'dcc-conformance',
    async executeCommand({ command, payload }) {
      if (command !== 'dcc-validate-cda') return undefined;
      const { xml, volet, layers } = payload ?? {};
      if (typeof xml !== 'string' || xml.length === 0) throw new Error('dcc-validate-cda: payload.xml must be a non-empty string');
      if (volet !== 'pps' && volet !== 'frcp') throw new Error(`dcc-validate-cda: payload.volet must be 'pps' or 'frcp'`);
      const run = queue.then(async () => {
        const v = await getValidator();
        // The engine has no per-layer selection: it runs the seven layers and we keep the requested ones.
        return v.validate(xml, { volet, name: `browser-test.${volet}.xml` });
      });
      queue = run.catch(() => undefined);
      const result = await run;
      const wanted = Array.isArray(layers) && layers.length > 0 ? new Set(layers) : undefined;
      const unknown = wanted ? [...wanted].filter((name) => !result.layers.some((l) => l.layer === name)) : [];
      if (unknown.length > 0) throw new Error(`dcc-validate-cda: unknown layer(s) ${unknown.join(', ')}; known: ${result.layers.map((l) => l.layer).join(', ')}`);
      const kept = result.layers.filter((l) => !wanted || wanted.has(l.layer));
      return {
        volet: result.volet,
        valid: kept.every((l) => l.valid),
        layers: kept.map((l) => ({
          layer: l.layer,
          valid: l.valid,
          // The kit's messages describe the document structure (paths, codes), not the patient.
          errors: l.errors.slice(0, MAX_ERRORS_PER_LAYER).map((e) => `${e.location ?? ''}: ${e.message}`),
          errorCount: l.errors.length,
          engineErrors: l.engineErrors.slice(0, MAX_ERRORS_PER_LAYER).map((e) => e.message ?? String(e)),
        })),
      };
    },
  };
}

/**
 * A second page in the test page's browser context (same origin, same storage) that the test
 * can reload for real: wtr runs a test file in one page, which must not reload itself.
 */
function probePagePlugin() {
  const pages = new Map();
  let nextId = 1;
  return {
    name: 'dcc-probe-page',
    async executeCommand({ command, payload, session }) {
      if (command !== 'dcc-probe-page') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error('dcc-probe-page needs the puppeteer (Chromium) launcher');
      const { action } = payload ?? {};
      if (action === 'open') {
        const testPage = session.browser.getPage(session.id);
        const origin = new URL(testPage.url()).origin;
        const page = await testPage.browserContext().newPage();
        // Any document of the dev server's origin will do; this one is small and always served.
        await page.goto(`${origin}/package.json`);
        // Give the focus back to the test page (keyboard and focus tests run there).
        await testPage.bringToFront();
        const id = String(nextId++);
        pages.set(id, page);
        return { id };
      }
      const page = pages.get(String(payload?.id));
      if (!page) throw new Error(`dcc-probe-page: no open probe page ${payload?.id}`);
      if (action === 'evaluate') {
        // Imports a module of the dev server in the probe page and calls one of its exports.
        const { moduleUrl, exportName, args = [] } = payload;
        return page.evaluate(
          async (url, name, callArgs) => {
            const mod = await import(url);
            return mod[name](...callArgs);
          },
          moduleUrl,
          exportName,
          args,
        );
      }
      // A reload or close `afterMs` after the command came (what was typed just before must survive).
      const afterMs = Number(payload.afterMs ?? 0);
      if ((action === 'reload' || action === 'close') && afterMs > 0) await new Promise((resolve) => setTimeout(resolve, afterMs));
      if (action === 'reload') {
        await page.reload({ waitUntil: 'load' });
        return { reloaded: true };
      }
      if (action === 'close') {
        await page.close();
        pages.delete(String(payload.id));
        return { closed: true };
      }
      throw new Error(`dcc-probe-page: unknown action ${action}`);
    },
  };
}

/** `dcc-list-stories` → the story modules under stories/, so the smoke test follows new stories without a list to maintain. */
function storiesPlugin() {
  return {
    name: 'dcc-stories',
    executeCommand({ command }) {
      if (command === 'dcc-test-options') return { fullAxe: process.env.DCC_FULL_AXE === '1', storyTimings: process.env.DCC_STORY_TIMINGS === '1' };
      if (command !== 'dcc-list-stories') return undefined;
      return readdirSync(new URL('./stories/', import.meta.url))
        // DCC_STORIES=<part of a file name>: only those stories (a local run of one file).
        .filter((f) => f.endsWith('.stories.js') && (!process.env.DCC_STORIES || f.includes(process.env.DCC_STORIES)))
        .sort()
        .map((f) => `/stories/${f}`);
    },
  };
}

/**
 * Serves the @dcc-kit/cda examples at /examples/ (where Storybook's staticDirs put them) and
 * lets msw's worker, served from node_modules, control the whole origin for the stories smoke test.
 */
function storySupportMiddleware(context, next) {
  if (context.path.startsWith('/examples/')) context.path = `/packages/cda${context.path}`;
  if (context.path === '/node_modules/msw/lib/mockServiceWorker.js') context.set('Service-Worker-Allowed', '/');
  return next();
}

// One page at a time: the keyboard tests need the focused page (a second page, or the probe
// page, would take the focus away), and the machine has two cores. WTR_CONCURRENCY overrides.
const concurrency = Number(process.env.WTR_CONCURRENCY ?? 1);

export default {
  files: ['packages/*/dist/**/*.browser-test.js', 'stories/**/*.browser-test.js'],
  nodeResolve: true,
  // Lit's dev build (kept for its warnings) announces itself in every file: not news.
  filterBrowserLogs: ({ args }) => !(typeof args[0] === 'string' && args[0].startsWith('Lit is in dev mode')),
  concurrency,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  // A whole keyboard-only fill of a PPS takes minutes (its test allows 600 s); a hung file fails after this.
  testsFinishTimeout: Number(process.env.WTR_FILE_TIMEOUT_MS ?? 660_000),
  testFramework: {
    config: { timeout: 30_000, ui: 'bdd' },
  },
  browsers: [
    chromeLauncher({
      concurrency,
      launchOptions: {
        executablePath: chromiumPath(),
        headless: true,
        args: CHROME_FLAGS,
      },
    }),
  ],
  middleware: [storySupportMiddleware],
  plugins: [conformancePlugin(), probePagePlugin(), storiesPlugin()],
};
