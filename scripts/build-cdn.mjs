#!/usr/bin/env node
// `npm run build:cdn`: the zero-build bundles for hosts without a bundler (plain HTML, an old
// framework, the embedded browser of a desktop record system). Writes cdn/ (gitignored):
//   cdn/dcc-kit.js          the autoloader: one <script type="module" src=".../dcc-kit.js">
//                           defines every dcc-kit tag of the page on first use;
//   cdn/<tag>.js            each element alone (its define module), same single-script use;
//   cdn/chunks/*.js         what they share (Lit, the model, …) and their lazy parts, imported
//                           by relative URL, so the folder works wherever it is served from.
// One Vite (rolldown) build with every entry, so that a page mixing the autoloader and an
// element's own bundle loads Lit and each element once (a tag can be defined only once).
// Production Lit, minified, no eval, no inline script or style: fit for the demo's strict CSP.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The element packages of the bundles: package folder → { tag: define module specifier }.
 * A package absent from packages/ (or not built) is left out with a notice.
 */
export const ELEMENT_PACKAGES = [
  { folder: 'pps-editor', tags: { 'pps-editor': '@dcc-kit/pps-editor/pps-editor.js' } },
  { folder: 'rcp-form', tags: { 'rcp-form': '@dcc-kit/rcp-form/rcp-form.js' } },
  { folder: 'dmp-status', tags: { 'dmp-status': '@dcc-kit/dmp-status/dmp-status.js' } },
  { folder: 'dashboard', tags: { 'dcc-dashboard': '@dcc-kit/dashboard/dashboard.js' } },
];

/** The shared dcc-* elements: one define module each in @dcc-kit/elements/define/. */
function sharedElementTags() {
  const dir = path.join(root, 'packages', 'elements', 'dist', 'define');
  if (!existsSync(dir)) throw new Error('build:cdn: packages/elements is not built (run npm run build first)');
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => /^dcc-[a-z-]+\.js$/.test(f))
      .map((f) => [f.slice(0, -3), `@dcc-kit/elements/define/${f}`]),
  );
}

/** Tag → define module specifier of every element that is there to bundle. */
export function bundledTags({ log = () => {} } = {}) {
  const tags = { ...sharedElementTags() };
  for (const { folder, tags: own } of ELEMENT_PACKAGES) {
    if (!existsSync(path.join(root, 'packages', folder, 'dist'))) {
      log(`build:cdn: packages/${folder} not built, left out`);
      continue;
    }
    Object.assign(tags, own);
  }
  return tags;
}

const VIRTUAL = 'virtual:dcc-cdn-tags';

/** The autoloader's tag → loader table, as a virtual module (one dynamic import per tag). */
function tagTablePlugin(tags) {
  return {
    name: 'dcc-cdn-tags',
    resolveId: (id) => (id === VIRTUAL ? `\0${VIRTUAL}` : undefined),
    load(id) {
      if (id !== `\0${VIRTUAL}`) return undefined;
      const lines = Object.entries(tags).map(([tag, specifier]) => `  ${JSON.stringify(tag)}: () => import(${JSON.stringify(specifier)}),`);
      return `export const loaders = {\n${lines.join('\n')}\n};\n`;
    },
  };
}

/**
 * Builds the bundles into `outDir` (default cdn/). Returns the Rollup-style output items
 * (chunks with `fileName`, `code`, `isEntry`, `imports`, `dynamicImports`) and the tags.
 */
export async function buildCdn({ outDir = path.join(root, 'cdn'), log = () => {} } = {}) {
  const vite = await import('vite');
  const tags = bundledTags({ log });
  const resolveEntry = (specifier) => fileURLToPath(import.meta.resolve(specifier, pathToFileURL(path.join(root, 'package.json')).href));
  const input = { 'dcc-kit': path.join(root, 'scripts', 'cdn', 'autoloader.mjs') };
  for (const [tag, specifier] of Object.entries(tags)) input[tag] = resolveEntry(specifier);
  rmSync(outDir, { recursive: true, force: true });
  const result = await vite.build({
    root,
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [tagTablePlugin(tags)],
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      target: 'es2022',
      copyPublicDir: false,
      lib: { entry: input, formats: ['es'], fileName: (_format, name) => `${name}.js` },
      rolldownOptions: { output: { minify: true, chunkFileNames: 'chunks/[name]-[hash].js', assetFileNames: 'chunks/[name]-[hash][extname]' } },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((o) => o.output);
  return { outDir, tags: Object.keys(tags), outputs };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  const { outDir, tags, outputs } = await buildCdn({ log: (m) => console.log(m) });
  const { cdnSizeRows } = await import('./cdn/sizes.mjs');
  console.log(`build:cdn: ${path.relative(process.cwd(), outDir) || '.'}/ with <${tags.join('>, <')}> in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  for (const row of cdnSizeRows(outputs)) console.log(`${row[0].padEnd(48)} ${row[1].padStart(10)} ${row[2].padStart(10)}`);
}
