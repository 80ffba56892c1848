// Sizes of the zero-build bundles (printed by `npm run build:cdn` and `npm run bench`).
import { Buffer } from 'node:buffer';
import { gzipSync } from 'node:zlib';

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

/**
 * Rows [what, raw, gzip -9] for each entry of a buildCdn() output: the entry with every chunk it
 * imports statically (what a page loads before the element is defined), then the whole folder.
 */
export function cdnSizeRows(outputs) {
  const chunks = outputs.filter((o) => o.type === 'chunk');
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const gz = (c) => gzipSync(Buffer.from(c.code), { level: 9 }).length;
  const staticClosure = (name, seen = new Set()) => {
    if (seen.has(name) || !byName.has(name)) return seen;
    seen.add(name);
    for (const imported of byName.get(name).imports) staticClosure(imported, seen);
    return seen;
  };
  const sum = (names, size) => [...names].reduce((n, name) => n + size(byName.get(name)), 0);
  const rows = [];
  for (const entry of chunks.filter((c) => c.isEntry).sort((a, b) => (a.name === 'dcc-kit' ? -1 : b.name === 'dcc-kit' ? 1 : a.name.localeCompare(b.name)))) {
    const names = staticClosure(entry.fileName);
    const what = entry.name === 'dcc-kit' ? 'cdn/dcc-kit.js autoloader (before any tag is used)' : `cdn/${entry.fileName} <${entry.name}> eager`;
    rows.push([what, kb(sum(names, (c) => Buffer.byteLength(c.code))), kb(sum(names, gz))]);
  }
  rows.push([`cdn/ whole folder (${chunks.length} files, lazy parts included)`, kb(chunks.reduce((n, c) => n + Buffer.byteLength(c.code), 0)), kb(chunks.reduce((n, c) => n + gz(c), 0))]);
  return rows;
}
