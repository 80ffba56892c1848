/* global document, customElements, Node, MutationObserver -- browser module: the autoloader runs in the page */
// The all-in-one entry of the zero-build bundles (cdn/dcc-kit.js): defines each dcc-kit tag the
// first time the page uses it. A MutationObserver finds undefined elements whose tag is one of
// ours and imports that element's chunk; chunks are plain relative imports, which the browser
// resolves against this module's own URL, so the folder can be served from anywhere without an
// import map. No inline script, no eval: works under `script-src 'self'`.
import { loaders } from 'virtual:dcc-cdn-tags';

const requested = new Map();

/** Imports the chunk that defines `tag` (once); resolves when the tag is defined. */
export function load(tag) {
  const name = tag.toLowerCase();
  const loader = loaders[name];
  if (!loader) return Promise.reject(new Error(`dcc-kit autoloader: no element named <${name}>`));
  if (!requested.has(name)) {
    requested.set(
      name,
      loader().then(() => customElements.whenDefined(name)),
    );
  }
  return requested.get(name);
}

/** Loads every undefined dcc-kit element at or under `root` (a document, element or shadow root). */
export function discover(root) {
  const found = [];
  const consider = (element) => {
    const name = element.localName;
    if (name in loaders && !customElements.get(name)) found.push(name);
  };
  if (root.nodeType === Node.ELEMENT_NODE) consider(root);
  for (const element of root.querySelectorAll(':not(:defined)')) consider(element);
  return Promise.all([...new Set(found)].map((name) => load(name).catch((error) => console.error(error))));
}

/** The tags this autoloader knows. */
export const tags = Object.keys(loaders);

const observer = new MutationObserver((mutations) => {
  for (const mutation of mutations) {
    for (const node of mutation.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) void discover(node);
  }
});
observer.observe(document.documentElement, { subtree: true, childList: true });
void discover(document);
