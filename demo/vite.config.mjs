// Vite configuration of the demo page (used by scripts/start.mjs for `npm start`, `--preview`
// and `npm run demo:build`). The server part (port, proxy to the backend) is given by
// scripts/start.mjs, which knows where the backend listens.
import { defineConfig } from 'vite';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const demoDir = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: demoDir,
  publicDir: 'public',
  // Pre-bundled dependencies go beside the workspace's other caches, not into demo/.
  cacheDir: join(demoDir, '..', 'node_modules', '.vite-demo'),
  // The page shows French health data: no source maps of it anywhere, nothing inlined.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Inlined assets would become data: URLs; keep every asset a file (strict CSP).
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
