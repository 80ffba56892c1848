/**
 * The rewrites of rule-plan.ts must never change a verdict: each case evaluates the kit's
 * expression as written and as the runner evaluates it, on every element of a document, and
 * requires the same result; the runner cases check findings, their order and locations.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import SaxonJS from 'saxon-js';
import { createMemoryLoader } from '../loader.js';
import { compileSchematron, SCHEMATRON_NS } from './compile.js';
import { DocumentIndex, ResourceCache, SchematronRunner } from './run.js';
import { rewriteAbsoluteDescendants, sharedDescendantTest } from './xpath-text.js';

const NS = { h: 'urn:h', xsi: 'http://www.w3.org/2001/XMLSchema-instance' };
const DOC = `<r xmlns="urn:h" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:o="urn:o">
  <p code="1"><q code="2"/><q code="3"/></p>
  <p nullFlavor="NI"/>
  <p nullFlavor="UNK" code="4"><q/></p>
  <s><p code="5"><q code="6"/></p><o:p code="7"/></s>
  <t nullFlavor="OTH" codeSystem="1.2"><originalText>x</originalText></t>
  <t nullFlavor="NA"> text </t>
  <p xsi:type="CD" code="8"/>
</r>`;

const evaluate = (expr: string, context: unknown, params: Record<string, unknown> = {}) =>
  SaxonJS.XPath.evaluate(expr, context, { namespaceContext: NS, params, resultForm: 'array' });

async function documentAndIndex(): Promise<{ doc: Document; index: DocumentIndex; contexts: Node[] }> {
  const doc = await SaxonJS.getResource({ text: DOC, type: 'xml' });
  const index = new DocumentIndex(doc);
  return { doc, index, contexts: [doc, ...(evaluate('//*', doc) as Node[])] };
}

describe('rewriteAbsoluteDescendants', () => {
  const variableFor = (ns: string, local: string) => `all_${ns === 'urn:h' ? 'h' : 'x'}_${local}`;

  it('gives the same result as the expression written, from every node of the document', async () => {
    const { index, contexts } = await documentAndIndex();
    const cases = [
      'boolean(//h:p[@code = "5"])',
      'count(//h:q)',
      'count(//h:p/h:q)',
      'string-join(//h:p/@code, ",")',
      '//h:p[not(@nullFlavor)][@code] | //h:q',
      'exists(//h:p[@code = $c])',
      'every $x in //h:q satisfies $x/@code',
      'count(//h:s//h:p)',
      'not(//h:p[@nullFlavor]) or //h:t',
    ];
    for (const expr of cases) {
      const rewritten = rewriteAbsoluteDescendants(expr, NS, variableFor);
      assert.notEqual(rewritten.expr, expr, `${expr} should be rewritten`);
      for (const context of contexts) {
        const params: Record<string, unknown> = { c: '5' };
        for (const set of rewritten.sets) params[set.variable] = index.elements(set.namespace, set.local);
        assert.deepEqual(evaluate(rewritten.expr, context, params), evaluate(expr, context, { c: '5' }), `${expr} → ${rewritten.expr}`);
      }
    }
  });

  it('rewrites //*:name (any namespace) to the elements of that local name, with the same result', async () => {
    const { index, contexts } = await documentAndIndex();
    for (const expr of ['count(//*:p)', 'string-join(//*:p/@code, ",")', 'count(//*:p[@code]/*:q)', 'exists(//*:r/*:s/*:p)']) {
      const rewritten = rewriteAbsoluteDescendants(expr, NS, variableFor);
      assert.notEqual(rewritten.expr, expr, `${expr} should be rewritten`);
      assert.ok(rewritten.sets.every((set) => set.namespace === '*'));
      for (const context of contexts) {
        const params: Record<string, unknown> = {};
        for (const set of rewritten.sets) params[set.variable] = index.elements(set.namespace, set.local);
        assert.deepEqual(evaluate(rewritten.expr, context, params), evaluate(expr, context), `${expr} → ${rewritten.expr}`);
      }
    }
  });

  it('with relative, rewrites .//prefix:name to the elements below the context node, with the same result', async () => {
    const { index, contexts } = await documentAndIndex();
    const cases = ['boolean(.//h:q[@code = "6"])', 'count(.//h:p)', 'string-join(.//h:p/@code, ",")', 'not(.//h:q) or .//h:p[@code][not(@nullFlavor)]', 'count(.//*:p)', 'exists(h:q) and count(.//h:q[@code]) = 2'];
    for (const expr of cases) {
      const rewritten = rewriteAbsoluteDescendants(expr, NS, variableFor, { relative: true });
      assert.notEqual(rewritten.expr, expr, `${expr} should be rewritten`);
      for (const context of contexts) {
        const params: Record<string, unknown> = {};
        for (const set of rewritten.sets) params[set.variable] = index.elements(set.namespace, set.local);
        assert.deepEqual(evaluate(rewritten.expr, context, params), evaluate(expr, context), `${expr} → ${rewritten.expr}`);
      }
    }
    for (const expr of ['count(.//h:p[1])', 'count(..//h:p)', 'count(h:s/.//h:p)', 'count(h:s[.//h:p])', 'count(h:s ! .//h:p)', 'count($v/.//h:p)', 'count(.//p)', "'.//h:p'"]) {
      assert.equal(rewriteAbsoluteDescendants(expr, NS, variableFor, { relative: true }).expr, expr, expr);
    }
  });

  it('leaves alone what could select by position, change focus, or name no declared namespace', () => {
    const untouched = [
      'count(//h:p[1])', // position among siblings, not in the whole document
      'count(//h:p[last()])',
      'count(//h:p[position() = 2])',
      'count(//h:p[@code][1])',
      'count(.//h:p)', // relative to the context node
      'count($v//h:p)',
      'count(h:s[//h:p])', // inside a predicate: the focus is another node
      'count(h:s/(//h:p))', // right-hand side of a path step
      'count(h:s ! //h:p)',
      'count(//p)', // no prefix: left to saxon-js
      'count(//*)',
      'count(//h:*)',
      'count(//u:p)', // undeclared prefix: the XPath error stays saxon-js's
      'count(//h:p/following::h:q)[1]',
      "'//h:p'", // a string
      'count(//@code)',
      'count(//h:p())',
    ];
    for (const expr of untouched) {
      const rewritten = rewriteAbsoluteDescendants(expr, NS, variableFor);
      if (expr === 'count(//h:p/following::h:q)[1]') {
        // The first step is still a plain `//h:p` (no predicate): rewritten, and equivalent.
        assert.equal(rewritten.expr, 'count($all_h_p/following::h:q)[1]');
        continue;
      }
      assert.equal(rewritten.expr, expr, expr);
      assert.deepEqual(rewritten.sets, []);
    }
  });
});

describe('sharedDescendantTest', () => {
  const PRED = `not(@nullFlavor) or (@nullFlavor and not(@* except (@xsi:type|@nullFlavor) | * | text()[string-length(normalize-space()) gt 0])) or (@nullFlavor = ('OTH', 'NA') and (h:originalText | @codeSystem))`;
  const TEST = `boolean(every $elm in descendant-or-self::* satisfies $elm[ ${PRED} ])`;

  it('gives the value of the written check on every node, from the violations found once', async () => {
    const { doc, contexts } = await documentAndIndex();
    const shared = sharedDescendantTest(TEST, 'violations');
    assert.ok(shared);
    const violations = evaluate(shared.violations, doc) as Node[];
    assert.ok(violations.length > 0, 'the document has elements failing the predicate');
    let passes = 0;
    for (const context of contexts) {
      const expected = evaluate(TEST, context);
      assert.deepEqual(evaluate(shared.check, context, { violations }), expected);
      if ((expected as boolean[])[0]) passes++;
    }
    assert.ok(passes > 0 && passes < contexts.length, 'both outcomes are exercised');
  });

  it('finds the same violations among the elements having the attribute the predicate starts with', async () => {
    const { doc, index } = await documentAndIndex();
    const shared = sharedDescendantTest(TEST, 'violations');
    assert.equal(shared?.attribute?.local, 'nullFlavor');
    const expected = evaluate(shared?.violations ?? '', doc) as Node[];
    assert.ok(expected.length > 0);
    assert.deepEqual(evaluate(shared?.attribute?.violations ?? '', doc, { __dcc_attributed: index.withAttribute('nullFlavor') }), expected);
    // Not an attribute in another namespace, nor a namespace declaration.
    assert.deepEqual(index.withAttribute('type'), []);
    assert.deepEqual(index.withAttribute('xsi'), []);
    assert.equal(sharedDescendantTest('boolean(every $elm in descendant-or-self::* satisfies $elm[@code or not(@nullFlavor)])', 'v')?.attribute, undefined);
  });

  it('refuses predicates that read variables, positions, other documents, or other shapes of check', () => {
    for (const expr of [
      'boolean(every $elm in descendant-or-self::* satisfies $elm[@code = $x])',
      'boolean(every $elm in descendant-or-self::* satisfies $elm[1])',
      'boolean(every $elm in descendant-or-self::* satisfies $elm[position() = 1])',
      'boolean(every $elm in descendant-or-self::* satisfies $elm[last()])',
      "boolean(every $elm in descendant-or-self::* satisfies $elm[doc-available('x.xml')])",
      'boolean(every $elm in descendant-or-self::* satisfies $elm[@code] and @code)',
      'boolean(every $elm in descendant::* satisfies $elm[@code])',
      'boolean(every $elm in descendant-or-self::* satisfies $other[@code])',
      'boolean(every $elm in descendant-or-self::* satisfies $elm[@code][@x])',
      'every $elm in descendant-or-self::* satisfies $elm[@code]',
    ]) {
      assert.equal(sharedDescendantTest(expr, 'v'), undefined, expr);
    }
  });
});

describe('SchematronRunner with shared node sets', () => {
  const schema = (body: string) => `<schema xmlns="${SCHEMATRON_NS}" queryBinding="xslt2"><ns prefix="h" uri="urn:h"/><ns prefix="xsi" uri="http://www.w3.org/2001/XMLSchema-instance"/>${body}</schema>`;
  async function run(body: string) {
    const loader = createMemoryLoader({ 'main.sch': schema(body) }, 'test');
    const runner = new SchematronRunner(await compileSchematron(loader, 'main.sch'), new ResourceCache(loader));
    const { index } = await documentAndIndex();
    const first = await runner.run(index);
    const second = await runner.run(index); // compiled expressions reused
    assert.deepEqual(second, first);
    assert.deepEqual(first.engineErrors, []);
    return first.findings.map((f) => `${f.pattern} ${f.location} ${f.message}`);
  }

  it('keeps first-rule-wins, document order and messages with //name checks and the nullFlavor check', async () => {
    const findings = await run(`
<pattern id="nf">
  <rule context="h:t"><assert test="every $elm in descendant-or-self::* satisfies $elm[not(@nullFlavor) or @nullFlavor = 'OTH']">t <value-of select="@nullFlavor"/></assert></rule>
  <rule context="h:p|h:t"><assert test="every $elm in descendant-or-self::* satisfies $elm[not(@nullFlavor) or @nullFlavor = 'OTH']">p <value-of select="@nullFlavor"/></assert></rule>
  <rule context="h:r"><assert test="every $elm in descendant-or-self::* satisfies $elm[not(@nullFlavor) or @nullFlavor = 'OTH']">r</assert></rule>
</pattern>
<pattern id="all">
  <rule context="h:q[@code = '6']"><report test="//h:p[@code = '5']">p5 <value-of select="count(//h:p)"/></report></rule>
  <rule context="h:q"><assert test="count(//h:q) = 4">q count</assert><report test="//h:p[1]/@code = '1'">first p of each parent</report></rule>
</pattern>`);
    assert.deepEqual(findings, [
      'nf /r r',
      'nf /r/p[2] p NI',
      'nf /r/p[3] p UNK',
      'nf /r/t[2] t NA',
      'all /r/p/q first p of each parent',
      'all /r/p/q[2] first p of each parent',
      'all /r/p[3]/q first p of each parent',
      'all /r/s/p/q p5 5',
    ]);
  });
});
