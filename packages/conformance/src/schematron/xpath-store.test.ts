import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import SaxonJS from 'saxon-js';
import { CompiledXPaths, compileWithParams, storedPathAgrees } from './xpath-cache.js';
import { type CompiledXPathStore, revivePackage, serialisePackage, StoredXPaths } from './xpath-store.js';

function memoryStore(): CompiledXPathStore & { files: Map<string, string>; writes: number } {
  const files = new Map<string, string>();
  const store = {
    files,
    writes: 0,
    async read(key: string) {
      return files.get(key);
    },
    async write(key: string, text: string) {
      store.writes++;
      files.set(key, text);
    },
  };
  return store;
}

const NAMESPACES = { h: 'urn:h' };
const nodes = () => SaxonJS.XPath.evaluate(`parse-xml('<r xmlns="urn:h"><a code="1"/><a code="2"><b/></a><a code="3"/></r>')/*/*`, null, { resultForm: 'xdm' });

/** Expressions of the kit's kinds: comparisons to integers (compareToInt), regexes, casts, strings. */
const EXPRESSIONS = [
  `count($nodes) gt 2`,
  `count($nodes[@code = ('1', '3')]) ge 2 and count($nodes/h:b) lt 2`,
  `string-join(for $n in $nodes return if ($n/@code castable as xs:integer) then string(xs:integer($n/@code) * 2) else 'x', ',')`,
  `every $n in $nodes satisfies matches($n/@code, '^[0-9]+$')`,
  `distinct-values(($nodes/@code, '2')) = '3'`,
];

describe('stored XPath packages', () => {
  it('a package stored as JSON and parsed again gives what evaluate gives', () => {
    assert.equal(storedPathAgrees(), true);
    const params = { nodes: nodes() };
    for (const expr of EXPRESSIONS) {
      const text = serialisePackage(compileWithParams(expr, NAMESPACES, ['nodes']));
      assert.ok(text, expr);
      const expected = SaxonJS.XPath.evaluate(expr, null, { namespaceContext: NAMESPACES, params, resultForm: 'default' });
      assert.deepEqual(SaxonJS.XPath.evaluateOnly?.(revivePackage(text), null, { namespaceContext: NAMESPACES, params, resultForm: 'default' }), expected, expr);
    }
  });

  it('refuses to store a package holding anything but plain data and integers', () => {
    class Opaque {
      readonly x = 1;
    }
    assert.equal(serialisePackage({ N: 'package', C: [{ N: 'x', val: new Opaque() }] } as never), undefined);
    assert.equal(serialisePackage({ N: 'package', C: [{ N: 'x', val: Number.NaN }] } as never), undefined);
    assert.equal(serialisePackage({ N: 'package', C: [{ N: 'x', val: () => 1 }] } as never), undefined);
    assert.equal(typeof serialisePackage({ N: 'package', C: [{ N: 'x', val: 'a', n: 2, b: true, z: null }] } as never), 'string');
  });

  it('a second process takes what the first compiled instead of compiling it, with the same results', async () => {
    const store = memoryStore();
    const first = new CompiledXPaths(NAMESPACES, await StoredXPaths.open(store, 'layer.sch', NAMESPACES));
    const params = { nodes: nodes() };
    const expected = EXPRESSIONS.map((expr) => first.evaluate(expr, null, params, 'default'));
    await first.save();
    assert.equal(store.writes, 1);
    await first.save();
    assert.equal(store.writes, 1, 'nothing new: nothing written');

    const stored = await StoredXPaths.open(store, 'layer.sch', NAMESPACES);
    assert.equal(stored.stored, EXPRESSIONS.length);
    const compile = SaxonJS.XPath.compile;
    let compiled = 0;
    SaxonJS.XPath.compile = ((...args: Parameters<NonNullable<typeof compile>>) => {
      compiled++;
      return compile?.(...args);
    }) as typeof compile;
    try {
      const second = new CompiledXPaths(NAMESPACES, stored);
      assert.deepEqual(
        EXPRESSIONS.map((expr) => second.evaluate(expr, null, params, 'default')),
        expected,
      );
      assert.equal(compiled, 0);
      await second.save();
      assert.equal(store.writes, 1);
    } finally {
      SaxonJS.XPath.compile = compile;
    }
  });

  it('ignores a file written by another saxon-js build, another namespace context or damaged', async () => {
    const store = memoryStore();
    const first = new CompiledXPaths(NAMESPACES, await StoredXPaths.open(store, 'layer.sch', NAMESPACES));
    first.evaluate(EXPRESSIONS[0] as string, null, { nodes: nodes() }, 'default');
    await first.save();
    const [key, text] = [...store.files][0] as [string, string];
    assert.equal((await StoredXPaths.open(store, 'layer.sch', { h: 'urn:other' })).stored, 0);
    store.files.set(key, text.replace(/"processor":"[^"]*"/, '"processor":"SaxonJS 9.9"'));
    assert.equal((await StoredXPaths.open(store, 'layer.sch', NAMESPACES)).stored, 0);
    store.files.set(key, text.slice(0, 40));
    assert.equal((await StoredXPaths.open(store, 'layer.sch', NAMESPACES)).stored, 0);
  });

  it('stops writing after the store failed once', async () => {
    let writes = 0;
    const store: CompiledXPathStore = {
      async read() {
        return undefined;
      },
      async write() {
        writes++;
        throw new Error('read-only');
      },
    };
    const xpaths = new CompiledXPaths(NAMESPACES, await StoredXPaths.open(store, 'layer.sch', NAMESPACES));
    xpaths.evaluate(EXPRESSIONS[0] as string, null, { nodes: nodes() }, 'default');
    await xpaths.save();
    xpaths.evaluate(EXPRESSIONS[1] as string, null, { nodes: nodes() }, 'default');
    await xpaths.save();
    assert.equal(writes, 1);
  });
});
