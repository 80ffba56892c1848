/**
 * saxon-js in a browser. The npm package is Node's build only; in a page, load Saxonica's
 * browser build (SaxonJS2.rt.js, same version 2.7) with a script tag before this module is
 * used: it defines the global `SaxonJS`, which this module hands to the engine. Bundlers pick
 * this file through the "browser" condition of the package's `#saxon` import.
 */
import type NodeSaxonJS from 'saxon-js';

type SaxonJSStatic = typeof NodeSaxonJS;

const processor = (globalThis as { SaxonJS?: SaxonJSStatic }).SaxonJS;

const SaxonJS: SaxonJSStatic =
  processor ??
  new Proxy({} as SaxonJSStatic, {
    get() {
      throw new Error('@dcc-kit/conformance needs SaxonJS in the page: load SaxonJS2.rt.js (SaxonJS 2.7, from Saxonica) before validating');
    },
  });

export default SaxonJS;
