import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import SaxonJS from '#saxon';
import { CompiledXPaths, compiledPathAgrees } from './xpath-cache.js';

const parse = (text: string) => SaxonJS.getResource({ text, type: 'xml' });
const direct = (expr: string, context: unknown, params: Record<string, unknown>, namespaces: Record<string, string> = {}) =>
  SaxonJS.XPath.evaluate(expr, context, { namespaceContext: namespaces, params, resultForm: 'array' });

describe('CompiledXPaths', () => {
  test('compiles in this saxon-js (the self-test against evaluate passes)', () => {
    assert.equal(compiledPathAgrees(), true);
    assert.equal(new CompiledXPaths({}).compiling, true);
  });

  test('compiles an expression once per set of parameter names and reuses it with new values and contexts', async () => {
    const doc = await parse('<r><a code="1"/><a code="2"/><b code="2"/></r>');
    const xpaths = new CompiledXPaths({});
    const expr = 'count(//*[@code = $code]) + count(*)';
    for (const [code, context] of [['1', doc], ['2', doc], ['2', doc.documentElement], ['3', doc.documentElement]] as const) {
      assert.deepEqual(xpaths.evaluate(expr, context, { code }, 'array'), direct(expr, context, { code }));
    }
    assert.equal(xpaths.size, 1);
    xpaths.evaluate(expr, doc, { code: '1', other: 'x' }, 'array');
    assert.equal(xpaths.size, 2, 'another set of parameter names is another package');
  });

  test('agrees with evaluate on collation-dependent operations, lets and quantifiers on document nodes', async () => {
    const doc = await parse('<r xmlns="urn:x"><c v="b"/><c v="a"/><c v="b"/><c v="B"/><c v=" b"/></r>');
    const ns = { x: 'urn:x' };
    const xpaths = new CompiledXPaths(ns);
    const nodes = direct('//x:c', doc, {}, ns);
    const exprs = [
      'count(distinct-values(//x:c/@v))',
      'string-join(for $c in //x:c return string($c/@v = ("b", "a")), ",")',
      'string-join(for $c in //x:c return string(compare($c/@v, "b")), ",")',
      'every $c in //x:c satisfies contains("ab", $c/@v)',
      'some $c in $nodes satisfies starts-with($c/@v, " ")',
      'let $vs := distinct-values($nodes/@v) return string-join(sort($vs), "|")',
      'index-of(//x:c/@v ! string(.), "b")',
      'string(max(//x:c/@v ! string(.)))',
      '//x:c[@v eq "B"]/@v = "B"',
      'count($nodes[@v != "b"])',
    ];
    for (const expr of exprs) assert.deepEqual(xpaths.evaluate(expr, doc, { nodes }, 'array'), direct(expr, doc, { nodes }, ns), expr);
  });

  test('an expression naming a collation itself goes through evaluate, unchanged', async () => {
    const doc = await parse('<r/>');
    const xpaths = new CompiledXPaths({});
    const expr = "compare('a', 'b', 'http://www.w3.org/2005/xpath-functions/collation/codepoint')";
    assert.deepEqual(xpaths.evaluate(expr, doc, {}, 'array'), [-1]);
    assert.equal(xpaths.size, 0);
  });

  test('a variable nobody declared is XPST0008, as with evaluate', async () => {
    const doc = await parse('<r/>');
    const xpaths = new CompiledXPaths({});
    assert.throws(() => xpaths.evaluate('let $a := 1 return $a + $late', doc, { other: 'x' }, 'array'), (error: { code?: string }) => error.code === 'XPST0008');
  });

  test('a dynamic error is the processor error, every time', async () => {
    const doc = await parse('<r>x</r>');
    const xpaths = new CompiledXPaths({});
    for (let i = 0; i < 2; i++) assert.throws(() => xpaths.evaluate('xs:integer(string(/r))', doc, {}, 'array'), (error: { code?: string }) => error.code === 'FORG0001');
  });

  test('each layer compiles in its own namespace context', async () => {
    const doc = await parse('<r xmlns:a="urn:a" xmlns:b="urn:b"><a:e/><b:e/><b:e/></r>');
    const first = new CompiledXPaths({ p: 'urn:a' });
    const second = new CompiledXPaths({ p: 'urn:b' });
    assert.deepEqual(first.evaluate('count(//p:e)', doc, {}, 'array'), [1]);
    assert.deepEqual(second.evaluate('count(//p:e)', doc, {}, 'array'), [2]);
  });
});
