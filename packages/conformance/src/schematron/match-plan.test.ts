import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import SaxonJS from 'saxon-js';
import { createMemoryLoader } from '../loader.js';
import { compileSchematron, SCHEMATRON_NS } from './compile.js';
import { CANDIDATES_PARAM, MatchPlanner, MatchSets } from './match-plan.js';
import { DocumentIndex } from './run.js';
import { splitPathSteps } from './xpath-text.js';

const NAMESPACES = { h: 'urn:h' };

describe('splitPathSteps', () => {
  it('splits a relative path into its start and location steps, marking those after //', () => {
    assert.deepEqual(splitPathSteps("$c/self::h:a[h:t/@root = 'x/y'][@n]/h:b[not(h:c/h:d)]//h:e[2]/@code"), {
      start: '$c',
      steps: [
        { step: "self::h:a[h:t/@root = 'x/y'][@n]", descendant: false },
        { step: 'h:b[not(h:c/h:d)]', descendant: false },
        { step: 'h:e[2]', descendant: true },
        { step: '@code', descendant: false },
      ],
    });
    assert.deepEqual(splitPathSteps('$c/*/../text()'), { start: '$c', steps: [{ step: '*', descendant: false }, { step: '..', descendant: false }, { step: 'text()', descendant: false }] });
  });

  it('refuses what is not a plain chain of location steps', () => {
    for (const expr of ['/h:a/h:b', '$c/h:a/(h:b | h:c)', '$c/h:a/f(.)', '$c/h:a/h:b + 1', '$c/h:a///h:b', '$c/h:a//', '$c/h:a/h:b[1] | $c/h:d']) {
      assert.equal(splitPathSteps(expr), undefined, expr);
    }
  });
});

const DOC = `<r xmlns="urn:h">
  <a n="1"><t root="x"/><b><e code="1"/><e code="2"/><c><e code="3"/><e code="4"/></c></b><b><e code="5"/></b></a>
  <a><t root="x"/><b><e code="6"/></b></a>
  <a n="2"><t root="y"/><b/></a>
</r>`;

async function compiled(contexts: string[]) {
  const rules = contexts.map((c) => `<rule context="${c}"><report test="true()">x</report></rule>`).join('');
  const loader = createMemoryLoader({ 'm.sch': `<schema xmlns="${SCHEMATRON_NS}" queryBinding="xslt2"><ns prefix="h" uri="urn:h"/><pattern>${rules}</pattern></schema>` }, 'test');
  return compileSchematron(loader, 'm.sch');
}

const evaluate = (expr: string, context: unknown, params: Record<string, unknown>): Node[] =>
  SaxonJS.XPath.evaluate(expr, context, { namespaceContext: NAMESPACES, params, resultForm: 'array' }) as Node[];

describe('MatchPlanner and MatchSets', () => {
  const contexts = [
    "h:a[h:t/@root = 'x']/h:b/h:e",
    "h:a[h:t/@root = 'x']/h:b/h:e[2]",
    "h:a[h:t/@root = 'x']/h:b//h:e[@code > 2]",
    "h:a[h:t/@root = 'x'][@n]/h:b[1]/h:c/h:e",
    "h:a[h:t/@root = 'z']/h:b/h:e",
    'h:a/h:b/h:e/..',
    'h:a[last()]/h:b',
  ];

  it('selects, for every branch, exactly the nodes the whole branch selects, sharing the steps', async () => {
    const schema = await compiled(contexts);
    const document = await SaxonJS.getResource({ text: DOC, type: 'xml' });
    const index = new DocumentIndex(document);
    const planner = new MatchPlanner();
    let evaluations = 0;
    const sets = new MatchSets(
      (spec) => index.candidates(spec),
      async (expr, param, nodes) => {
        evaluations++;
        return evaluate(expr, document, { [param]: nodes });
      },
    );
    const rules = schema.patterns[0]?.rules ?? [];
    assert.equal(rules.length, contexts.length);
    for (const rule of rules) {
      const branch = rule.match[0];
      assert.ok(branch?.candidates, rule.context);
      const whole = evaluate(branch.select, document, { [CANDIDATES_PARAM]: index.candidates(branch.candidates) });
      const leaf = planner.leaf(branch);
      if (rule.context === 'h:a[last()]/h:b') {
        assert.equal(leaf, undefined, 'a positional first step is evaluated whole');
        continue;
      }
      assert.ok(leaf, rule.context);
      const result = await sets.of(leaf);
      assert.ok('nodes' in result);
      assert.deepEqual(result.nodes, whole, rule.context);
    }
    assert.ok(
      ['h:e', 'h:e[2]', 'h:b/h:e'].every((c) => rules.some((r) => r.context.endsWith(c))),
      'the fixture covers positional and shared steps',
    );
    // 16 steps: a[x], a[x]/b, …/e, …/e[2], …//e[…]; a[x][@n], …/b[1], …/c, …/e; a[z], …/b, …/e;
    // a, a/b, a/b/e, a/b/e/..; a[z] selects nothing, so the two steps after it are not evaluated.
    assert.equal(planner.size, 16);
    assert.equal(evaluations, 14);
  });

  it('takes the candidates themselves for a first step that is only their name test, and evaluates the rest', async () => {
    const text = `<r xmlns="urn:h" xmlns:o="urn:o"><a n="1"><t root="x"/><b/><o:a><b/></o:a></a><a xmlns=""><b/></a><a/></r>`;
    const contexts = ['h:a', 'h:a/h:b', '*', 'h:*', '*:a', 'a', 'a/b', 'o:a', 'h:a[@n]', "h:a[h:t/@root = 'x']"];
    const loader = createMemoryLoader({ 'm.sch': `<schema xmlns="${SCHEMATRON_NS}" queryBinding="xslt2"><ns prefix="h" uri="urn:h"/><ns prefix="o" uri="urn:o"/><pattern>${contexts.map((c) => `<rule context="${c}"><report test="true()">x</report></rule>`).join('')}</pattern></schema>` }, 'test');
    const schema = await compileSchematron(loader, 'm.sch');
    const document = await SaxonJS.getResource({ text, type: 'xml' });
    const index = new DocumentIndex(document);
    const namespaces = { h: 'urn:h', o: 'urn:o' };
    const planner = new MatchPlanner(namespaces);
    const evaluated: string[] = [];
    const sets = new MatchSets(
      (spec) => index.candidates(spec),
      async (expr, param, nodes) => {
        evaluated.push(expr);
        return SaxonJS.XPath.evaluate(expr, document, { namespaceContext: namespaces, params: { [param]: nodes }, resultForm: 'array' }) as Node[];
      },
    );
    for (const rule of schema.patterns[0]?.rules ?? []) {
      const branch = rule.match[0];
      assert.ok(branch?.candidates, rule.context);
      const whole = SaxonJS.XPath.evaluate(branch.select, document, { namespaceContext: namespaces, params: { [CANDIDATES_PARAM]: index.candidates(branch.candidates) }, resultForm: 'array' }) as Node[];
      assert.ok(whole.length > 0, rule.context);
      const leaf = planner.leaf(branch);
      assert.ok(leaf, rule.context);
      const result = await sets.of(leaf);
      assert.ok('nodes' in result);
      assert.deepEqual(result.nodes, whole, rule.context);
    }
    // Only the steps with a predicate or after the first step went to saxon-js.
    assert.deepEqual(evaluated.sort(), ['$__dcc_candidates/self::h:a[@n]', "$__dcc_candidates/self::h:a[h:t/@root = 'x']", '$__dcc_context/b', '$__dcc_context/h:b'].sort());
  });

  it('shares the steps of absolute branches from the document node, positions included', async () => {
    const contexts = ['/h:r/h:a/h:b/h:e', '/h:r/h:a[1]/h:b[2]/h:e', '/h:r/h:a[@n]//h:e[@code > 3]', '/h:r/h:a/h:b/h:c', '/h:r/h:z/h:b', '/h:r/h:a[2]/..'];
    const schema = await compiled(contexts);
    const document = await SaxonJS.getResource({ text: DOC, type: 'xml' });
    const index = new DocumentIndex(document);
    const planner = new MatchPlanner({ h: 'urn:h' });
    let evaluations = 0;
    const sets = new MatchSets(
      (spec) => index.candidates(spec),
      async (expr, param, nodes) => {
        evaluations++;
        return evaluate(expr, document, { [param]: nodes });
      },
      document,
    );
    for (const rule of schema.patterns[0]?.rules ?? []) {
      const branch = rule.match[0];
      assert.ok(branch && !branch.candidates, rule.context);
      const whole = evaluate(branch.select, document, {});
      const leaf = planner.leaf(branch);
      assert.ok(leaf, rule.context);
      const result = await sets.of(leaf);
      assert.ok('nodes' in result);
      assert.deepEqual(result.nodes, whole, rule.context);
    }
    // r; a, a/b, a/b/e, a/b/c; a[1], a[1]/b[2], …/e; a[@n], a[@n]//e[…]; z (nothing after it); a[2], a[2]/..
    assert.equal(evaluations, 13);
    assert.equal(planner.leaf({ select: '//h:e' }), undefined);
  });

  it('keeps the error of a step for every branch that goes through it, and evaluates it once', async () => {
    const schema = await compiled(["h:a[h:t/@root = 'x']/h:b[error(QName('urn:t', 'boom'), 'boom')]/h:e", "h:a[h:t/@root = 'x']/h:b[error(QName('urn:t', 'boom'), 'boom')]/h:c"]);
    const document = await SaxonJS.getResource({ text: DOC, type: 'xml' });
    const index = new DocumentIndex(document);
    const planner = new MatchPlanner();
    let evaluations = 0;
    const sets = new MatchSets(
      (spec) => index.candidates(spec),
      async (expr, param, nodes) => {
        evaluations++;
        return evaluate(expr, document, { [param]: nodes });
      },
    );
    for (const rule of schema.patterns[0]?.rules ?? []) {
      const leaf = planner.leaf(rule.match[0] as never);
      assert.ok(leaf);
      const result = await sets.of(leaf);
      assert.ok('error' in result, rule.context);
      assert.match(String((result.error as Error).message), /boom/);
    }
    assert.equal(evaluations, 2);
  });
});
