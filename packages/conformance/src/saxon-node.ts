/** saxon-js for Node: the npm package (SaxonJS2N.js). See saxon-browser.ts for browsers. */
import SaxonJS from 'saxon-js';

export default SaxonJS;
