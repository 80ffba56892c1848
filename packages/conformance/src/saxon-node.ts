/**
 * saxon-js for Node: the npm package (SaxonJS2N.js). See saxon-browser.ts for browsers.
 * Loaded with `require`: the package is CommonJS without a "type", and importing it as ESM
 * made Node scan its 3 MB twice (module-format detection, then the CommonJS export lexer),
 * ≈ 0.25 s of CPU at every process start.
 */
import { createRequire } from 'node:module';
import type NodeSaxonJS from 'saxon-js';

const SaxonJS = createRequire(import.meta.url)('saxon-js') as typeof NodeSaxonJS;

export default SaxonJS;
