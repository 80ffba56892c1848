import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

/** Relative modules reachable from a compiled entry point, with their bare imports. */
function importGraph(entry: URL): { files: string[]; bare: Set<string> } {
  const seen = new Set<string>();
  const bare = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const url = queue.pop()!;
    if (seen.has(url.href)) continue;
    seen.add(url.href);
    const source = readFileSync(url, 'utf8');
    for (const match of source.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = match[1] ?? match[2] ?? '';
      if (spec.startsWith('.')) queue.push(new URL(spec, url));
      else bare.add(spec);
    }
  }
  return { files: [...seen], bare };
}

describe('package entry points', () => {
  it('the main entry imports nothing from Node nor any third-party module (browser-safe, no polyfills)', () => {
    const { files, bare } = importGraph(new URL('./index.js', import.meta.url));
    assert.ok(files.length >= 5);
    assert.deepEqual([...bare], []);
  });

  it('the oidc entry only adds openid-client', () => {
    const { bare } = importGraph(new URL('./oidc.js', import.meta.url));
    assert.deepEqual([...bare], ['openid-client']);
  });
});
