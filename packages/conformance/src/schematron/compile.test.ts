import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryLoader } from '../loader.js';
import { compileSchematron, SCHEMATRON_NS } from './compile.js';
import type { CompiledSchema, RuleItem } from './model.js';

const HEADER = `xmlns="${SCHEMATRON_NS}"`;
const schema = (body: string, attributes = ''): string => `<schema ${HEADER} queryBinding="xslt2"${attributes}>\n<ns prefix="h" uri="urn:h"/>\n${body}\n</schema>`;

async function compile(files: Record<string, string>, path = 'main.sch', phase?: string): Promise<CompiledSchema> {
  return compileSchematron(createMemoryLoader(files, 'test kit'), path, phase);
}

/** Patterns as [id, name, [context, tests…]…] for compact assertions. */
function outline(compiled: CompiledSchema): Array<[string | undefined, string, string[][]]> {
  return compiled.patterns.map((p) => [p.id, p.name, p.rules.map((r) => [r.context, ...r.items.map((i) => (i.kind === 'let' ? `let ${i.name} := ${i.expr}` : `${i.kind} ${i.test}`))])]);
}

const assertRule = (test: string, message = 'M'): string => `<assert test="${test}">${message}</assert>`;

describe('compileSchematron: include', () => {
  it('replaces an include by the root of the included file: a pattern, or a rule inside a pattern', async () => {
    const compiled = await compile({
      'main.sch': schema(`<include href="p.sch"/>\n<pattern id="q"><include href="r.sch"/><rule context="c">${assertRule('d')}</rule></pattern>`),
      'p.sch': `<pattern ${HEADER} id="p"><rule context="a">${assertRule('b')}</rule></pattern>`,
      'r.sch': `<rule ${HEADER} context="x">${assertRule('y')}</rule>`,
    });
    assert.deepEqual(outline(compiled), [
      ['p', 'p', [['a', 'assert b']]],
      ['q', 'q', [['x', 'assert y'], ['c', 'assert d']]],
    ]);
    assert.deepEqual(compiled.files, ['main.sch', 'p.sch', 'r.sch']);
  });

  it('includes the schematron element with the id given after #, whatever the root of its file', async () => {
    const compiled = await compile({
      'main.sch': schema('<pattern id="q"><include href="lib.sch#second"/></pattern>'),
      'lib.sch': `<library xmlns="urn:other"><rule ${HEADER} id="first" context="a">${assertRule('1')}</rule><rule ${HEADER} id="second" context="b">${assertRule('2')}</rule></library>`,
    });
    assert.deepEqual(outline(compiled), [['q', 'q', [['b', 'assert 2']]]]);
    assert.equal(compiled.patterns[0]?.rules[0]?.id, 'second');
  });

  it('resolves hrefs relative to the folder of the including file, down and up sub-folders', async () => {
    const compiled = await compile(
      {
        'sch/main.sch': schema('<include href="inc/p.sch"/>'),
        'sch/inc/p.sch': `<pattern ${HEADER} id="p"><include href="rules/r.sch"/><include href="../common/c.sch"/></pattern>`,
        'sch/inc/rules/r.sch': `<rule ${HEADER} context="right">${assertRule('1')}</rule>`,
        // Same names relative to the top-level file's folder: must not be used.
        'sch/rules/r.sch': `<rule ${HEADER} context="wrong">${assertRule('1')}</rule>`,
        'sch/common/c.sch': `<rule ${HEADER} context="common">${assertRule('2')}</rule>`,
      },
      'sch/main.sch',
    );
    assert.deepEqual(outline(compiled), [['p', 'p', [['right', 'assert 1'], ['common', 'assert 2']]]]);
    assert.deepEqual(compiled.files, ['sch/main.sch', 'sch/inc/p.sch', 'sch/inc/rules/r.sch', 'sch/common/c.sch']);
    assert.equal(compiled.baseDir, 'sch');
  });

  it('reports a missing included file, naming it and the including file', async () => {
    await assert.rejects(
      compile({ 'sch/main.sch': schema('<include href="inc/p.sch"/>'), 'sch/inc/p.sch': `<pattern ${HEADER}><include href="missing.sch"/></pattern>` }, 'sch/main.sch'),
      { name: 'SchematronCompileError', message: 'Cannot read sch/inc/missing.sch (included from sch/inc/p.sch) in test kit' },
    );
  });

  it('reports an unknown fragment, a non-schematron root, an include leaving the kit and a missing schema', async () => {
    const lib = `<library xmlns="urn:other"><rule ${HEADER} id="a" context="a"/></library>`;
    await assert.rejects(compile({ 'main.sch': schema('<pattern><include href="lib.sch#b"/></pattern>'), 'lib.sch': lib }), {
      name: 'SchematronCompileError',
      message: 'include lib.sch#b in main.sch: no schematron element with id "b"',
    });
    await assert.rejects(compile({ 'main.sch': schema('<pattern><include href="lib.sch"/></pattern>'), 'lib.sch': lib }), {
      name: 'SchematronCompileError',
      message: "include lib.sch in main.sch: the file's root is not a schematron element",
    });
    await assert.rejects(compile({ 'main.sch': schema('<include href="../out.sch"/>') }), { message: '"../out.sch" (relative to ".") points outside the kit' });
    await assert.rejects(compile({}), { name: 'SchematronCompileError', message: 'Cannot read main.sch in test kit' });
  });
});

describe('compileSchematron: abstract patterns', () => {
  const abstract = `<pattern abstract="true" id="abs">
  <title>Check of $elem</title>
  <let name="count" value="count($elem)"/>
  <rule context="$elem[$cond]">
    <let name="local" value="$elem/@code"/>
    <assert test="$cond = 'x'">The element $elem (<value-of select="$elem/@code"/>) must satisfy $cond</assert>
  </rule>
</pattern>`;

  it('substitutes params in context, test, value-of select, let value and message text', async () => {
    const compiled = await compile({
      'main.sch': schema(`${abstract}\n<pattern is-a="abs" id="inst"><param name="elem" value="h:obs"/><param name="cond" value="@moodCode"/></pattern>`),
    });
    const [pattern] = compiled.patterns;
    assert.equal(compiled.patterns.length, 1);
    assert.equal(pattern?.id, 'inst');
    assert.equal(pattern?.name, 'Check of h:obs');
    assert.deepEqual(compiled.globals, [{ name: 'count', expr: 'count(h:obs)' }]);
    const rule = pattern?.rules[0];
    assert.equal(rule?.context, 'h:obs[@moodCode]');
    assert.deepEqual(rule?.items, [
      { kind: 'let', name: 'local', expr: 'h:obs/@code' },
      {
        kind: 'assert',
        test: "@moodCode = 'x'",
        expr: "boolean(@moodCode = 'x')",
        role: undefined,
        id: undefined,
        message: [
          { text: 'The element h:obs (' },
          { expr: "string-join(for $__dcc_item in (h:obs/@code) return string($__dcc_item), ' ')" },
          { text: ') must satisfy @moodCode' },
        ],
      },
    ] satisfies RuleItem[]);
  });

  it('applies params in document order: a value containing $other is substituted by a later param only', async () => {
    const body = '<pattern abstract="true" id="abs"><rule context="$a"><assert test="$b">B</assert></rule></pattern>';
    const later = await compile({ 'main.sch': schema(`${body}<pattern is-a="abs" id="i"><param name="a" value="x[$b]"/><param name="b" value="@y"/></pattern>`) });
    assert.deepEqual(outline(later), [['i', 'i', [['x[@y]', 'assert @y']]]]);
    // Reversed: $b is replaced first, so the $a its value introduces is replaced by a's value...
    const earlier = await compile({ 'main.sch': schema(`${body}<pattern is-a="abs" id="i"><param name="b" value="$a/@y"/><param name="a" value="z"/></pattern>`) });
    assert.deepEqual(outline(earlier), [['i', 'i', [['z', 'assert z/@y']]]]);
    // ...but a param value is never substituted by a param that came before it.
    const never = await compile({ 'main.sch': schema(`${body}<pattern is-a="abs" id="i"><param name="b" value="@y"/><param name="a" value="x[$b]"/></pattern>`) });
    assert.deepEqual(outline(never), [['i', 'i', [['x[$b]', 'assert @y']]]]);
  });

  it('instantiates an abstract pattern several times and drops the abstract pattern itself', async () => {
    const compiled = await compile({
      'main.sch': schema(`${abstract}
<pattern is-a="abs" id="one"><param name="elem" value="a"/><param name="cond" value="@b"/></pattern>
<pattern is-a="abs" id="two"><param name="elem" value="c"/><param name="cond" value="@d"/></pattern>`),
    });
    assert.deepEqual(
      compiled.patterns.map((p) => [p.id, p.rules[0]?.context]),
      [
        ['one', 'a[@b]'],
        ['two', 'c[@d]'],
      ],
    );
    assert.deepEqual(compiled.globals, [
      { name: 'count', expr: 'count(a)' },
      { name: 'count', expr: 'count(c)' },
    ]);
  });

  it('refuses an is-a naming no abstract pattern', async () => {
    await assert.rejects(compile({ 'main.sch': schema('<pattern is-a="nope" id="i"/>') }), {
      name: 'SchematronCompileError',
      message: 'pattern "i" (main.sch) is-a "nope": no such abstract pattern',
    });
  });
});

describe('compileSchematron: phases and lets', () => {
  const patterns = `<let name="top" value="1"/>
<pattern id="a"><let name="fromA" value="2"/><rule context="a">${assertRule('1')}</rule></pattern>
<pattern id="b"><let name="fromB" value="3"/><rule context="b">${assertRule('2')}</rule></pattern>
<pattern id="c"><rule context="c">${assertRule('3')}</rule></pattern>
<phase id="onlyB"><active pattern="b"/></phase>
<phase id="aAndC"><active pattern="c"/><active pattern="a"/></phase>`;

  it('keeps only the active patterns of the default phase (in schema order), and their lets as globals', async () => {
    const compiled = await compile({ 'main.sch': schema(patterns, ' defaultPhase="aAndC"') });
    assert.equal(compiled.phase, 'aAndC');
    assert.deepEqual(
      compiled.patterns.map((p) => p.id),
      ['a', 'c'],
    );
    assert.deepEqual(compiled.globals, [
      { name: 'top', expr: '1' },
      { name: 'fromA', expr: '2' },
    ]);
  });

  it('takes every pattern without a default phase, or with the #ALL phase', async () => {
    for (const compiled of [await compile({ 'main.sch': schema(patterns) }), await compile({ 'main.sch': schema(patterns, ' defaultPhase="onlyB"') }, 'main.sch', '#ALL')]) {
      assert.equal(compiled.phase, '#ALL');
      assert.deepEqual(
        compiled.patterns.map((p) => p.id),
        ['a', 'b', 'c'],
      );
      assert.deepEqual(
        compiled.globals.map((g) => g.name),
        ['top', 'fromA', 'fromB'],
      );
    }
  });

  it('lets the caller choose a phase, and refuses an unknown one', async () => {
    const compiled = await compile({ 'main.sch': schema(patterns, ' defaultPhase="aAndC"') }, 'main.sch', 'onlyB');
    assert.deepEqual(
      compiled.patterns.map((p) => p.id),
      ['b'],
    );
    await assert.rejects(compile({ 'main.sch': schema(patterns, ' defaultPhase="nope"') }), {
      name: 'SchematronCompileError',
      message: 'main.sch: phase "nope" does not exist',
    });
  });

  it('keeps rule lets local, in order with the checks', async () => {
    const compiled = await compile({ 'main.sch': schema(`<pattern id="p"><rule context="x"><let name="v" value="@a"/>${assertRule('$v')}<let name="w" value="$v + 1"/>${assertRule('$w')}</rule></pattern>`) });
    assert.deepEqual(compiled.globals, []);
    assert.deepEqual(outline(compiled), [['p', 'p', [['x', 'let v := @a', 'assert $v', 'let w := $v + 1', 'assert $w']]]]);
  });
});

describe('compileSchematron: extends', () => {
  it('prefers an abstract rule of the same pattern to global ones with the same id', async () => {
    const compiled = await compile({
      'main.sch': schema(`<pattern id="p"><rule abstract="true" id="base">${assertRule('local')}</rule><rule context="x"><extends rule="base"/>${assertRule('own')}</rule></pattern>
<pattern id="lib"><rule abstract="true" id="base">${assertRule('global')}</rule></pattern>
<pattern id="q"><rule context="y"><extends rule="base"/></rule></pattern>`),
    });
    assert.deepEqual(outline(compiled), [
      ['p', 'p', [['x', 'assert local', 'assert own']]],
      ['lib', 'lib', []],
      // No local rule: every rule with that id, in document order (the skeleton's //iso:rule[@id=...]).
      ['q', 'q', [['y', 'assert local', 'assert global']]],
    ]);
  });

  it('inlines nested extends in place', async () => {
    const compiled = await compile({
      'main.sch': schema(`<pattern id="p">
  <rule abstract="true" id="inner"><let name="v" value="@a"/>${assertRule('inner')}</rule>
  <rule abstract="true" id="outer">${assertRule('before')}<extends rule="inner"/>${assertRule('after')}</rule>
  <rule context="x">${assertRule('first')}<extends rule="outer"/>${assertRule('last')}</rule>
</pattern>`),
    });
    assert.deepEqual(outline(compiled), [['p', 'p', [['x', 'assert first', 'assert before', 'let v := @a', 'assert inner', 'assert after', 'assert last']]]]);
  });

  it('refuses an unknown rule, a concrete rule and a cycle', async () => {
    await assert.rejects(compile({ 'main.sch': schema('<pattern id="p"><rule context="x"><extends rule="nope"/></rule></pattern>') }), {
      name: 'SchematronCompileError',
      message: 'extends rule="nope" in main.sch: no abstract rule with that id',
    });
    await assert.rejects(compile({ 'main.sch': schema('<pattern id="p"><rule id="concrete" context="y"/><rule context="x"><extends rule="concrete"/></rule></pattern>') }), {
      name: 'SchematronCompileError',
      message: 'extends rule="concrete" in main.sch: no abstract rule with that id',
    });
    await assert.rejects(
      compile({ 'main.sch': schema('<pattern id="p"><rule abstract="true" id="a"><extends rule="b"/></rule><rule abstract="true" id="b"><extends rule="a"/></rule><rule context="x"><extends rule="a"/></rule></pattern>') }),
      { name: 'SchematronCompileError', message: 'abstract rule "a" extends itself (a → b)' },
    );
  });
});

describe('compileSchematron: messages and rule contexts', () => {
  it('compiles value-of, name and emph/dir/span in messages; keeps role and id', async () => {
    const compiled = await compile({
      'main.sch': schema(`<pattern id="p"><rule context="x"><report test="a" role="warning" id="r1">At <name/> under <name path=".."/>: <emph>code <value-of select="@code"/></emph> <dir value="ltr">d</dir><span class="c">s</span></report></rule></pattern>`),
    });
    assert.deepEqual(compiled.patterns[0]?.rules[0]?.items, [
      {
        kind: 'report',
        test: 'a',
        expr: 'boolean(a)',
        role: 'warning',
        id: 'r1',
        message: [
          { text: 'At ' },
          { expr: 'name(.)' },
          { text: ' under ' },
          { expr: 'name(..)' },
          { text: ': ' },
          { text: 'code ' },
          { expr: "string-join(for $__dcc_item in (@code) return string($__dcc_item), ' ')" },
          // The whitespace-only text between </emph> and <dir> is stripped, as by the XSLT
          // compiler that compiles the kit's generated stylesheet.
          { text: 'd' },
          { text: 's' },
        ],
      },
    ] satisfies RuleItem[]);
  });

  it('normalises whitespace of contexts and tests as written, and adapts expressions for saxon-js', async () => {
    const compiled = await compile({ 'main.sch': schema(`<pattern id="p"><rule context="x\n   [@a]"><assert test="matches(@v,\n '^+?\\d*$')">M</assert></rule></pattern>`) });
    const rule = compiled.patterns[0]?.rules[0];
    assert.equal(rule?.context, 'x [@a]');
    const item = rule?.items[0];
    assert.equal(item?.kind, 'assert');
    assert.equal(item?.kind === 'assert' ? item.test : '', "matches(@v, '^+?\\d*$')");
    // (The XML parser already turned the line break of the attribute into a space.)
    assert.equal(item?.kind === 'assert' ? item.expr : '', "boolean(matches(@v,  '^\\d*$'))");
  });

  it('turns each union branch of a context into a match: candidates by name and templateId, positional predicates from the parents', async () => {
    const compiled = await compile({
      'main.sch': schema(`<pattern id="p"><rule context="h:obs[h:templateId/@root='1.2.3' and @classCode='OBS'] | /root/a | //h:y[2] | *[@id] | x[last()]/z | @code"/></pattern>`),
    });
    assert.deepEqual(compiled.patterns[0]?.rules[0]?.match, [
      {
        select: "$__dcc_candidates/self::h:obs[h:templateId/@root='1.2.3' and @classCode='OBS']",
        candidates: { namespace: 'urn:h', local: 'obs', templateId: { namespace: 'urn:h', root: '1.2.3' } },
      },
      { select: '/root/a' },
      { select: '($__dcc_candidates/..)/(h:y[2])', candidates: { namespace: 'urn:h', local: 'y' } },
      { select: '$__dcc_candidates/self::*[@id]', candidates: { namespace: '*', local: '*' } },
      { select: '($__dcc_candidates/..)/(x[last()]/z)', candidates: { namespace: '', local: 'x' } },
      { select: '//(@code)' },
    ]);
  });

  it('selects candidates by templateId from a first step written templateId[@root=…] too', async () => {
    const compiled = await compile({
      'main.sch': schema(`<pattern id="p"><rule context="*[h:templateId[@root='1.2.3']] | h:obs[h:templateId[@root='4'] and @x] | h:obs[h:templateId[@root='5'] or @x] | h:obs[h:templateId[@root='6' or @x]]"/></pattern>`),
    });
    assert.deepEqual(compiled.patterns[0]?.rules[0]?.match, [
      { select: "$__dcc_candidates/self::*[h:templateId[@root='1.2.3']]", candidates: { namespace: '*', local: '*', templateId: { namespace: 'urn:h', root: '1.2.3' } } },
      { select: "$__dcc_candidates/self::h:obs[h:templateId[@root='4'] and @x]", candidates: { namespace: 'urn:h', local: 'obs', templateId: { namespace: 'urn:h', root: '4' } } },
      { select: "$__dcc_candidates/self::h:obs[h:templateId[@root='5'] or @x]", candidates: { namespace: 'urn:h', local: 'obs' } },
      { select: "$__dcc_candidates/self::h:obs[h:templateId[@root='6' or @x]]", candidates: { namespace: 'urn:h', local: 'obs' } },
    ]);
  });
});

describe('compileSchematron: refused constructs', () => {
  const cases: Array<[string, string, string]> = [
    ['diagnostics', `<pattern id="p"><rule context="x"><assert test="a" diagnostics="d1">A</assert></rule></pattern>`, '@diagnostics is not supported (main.sch)'],
    ['a rule let without value', '<pattern id="p"><rule context="x"><let name="v"/></rule></pattern>', '<let name="v"> without @value is not supported (main.sch)'],
    ['a pattern let without value', '<pattern id="p"><let name="v"><x/></let></pattern>', '<let name="v"> without @value is not supported (main.sch)'],
    ['a schema let without value', '<let name="v"/>', '<let name="v"> without @value is not supported (main.sch)'],
    ['pattern/@documents', '<pattern id="p" documents="\'a.xml\'"/>', 'pattern/@documents is not supported (main.sch)'],
    ['extends/@href', '<pattern id="p"><rule context="x"><extends href="r.sch"/></rule></pattern>', 'extends/@href is not supported (main.sch)'],
    ['an unknown element in a rule', '<pattern id="p"><rule context="x"><key name="k"/></rule></pattern>', '<key> inside a rule is not supported (main.sch)'],
    ['an unknown element in a pattern', '<pattern id="p"><key name="k"/></pattern>', '<key> inside a pattern is not supported (main.sch)'],
    ['an unknown element in a message', `<pattern id="p"><rule context="x"><assert test="a">A <foreign xmlns="urn:f"/></assert></rule></pattern>`, 'foreign element <foreign> in the message of an assert (main.sch)'],
    ['a schematron element in a message that is not text markup', `<pattern id="p"><rule context="x"><assert test="a">A <p>p</p></assert></rule></pattern>`, '<p> inside an assert/report message is not supported (main.sch)'],
    ['an undeclared prefix in a context', '<pattern id="p"><rule context="q:x"/></pattern>', 'undeclared namespace prefix "q" in rule context "q:x"'],
    ['a rule without context', '<pattern id="p"><rule/></pattern>', '<rule> without @context in main.sch'],
    ['an assert without test', '<pattern id="p"><rule context="x"><assert>A</assert></rule></pattern>', '<assert> without @test in main.sch'],
  ];
  for (const [what, body, message] of cases) {
    it(`refuses ${what}`, async () => {
      await assert.rejects(compile({ 'main.sch': schema(body) }), { name: 'SchematronCompileError', message });
    });
  }

  it('refuses a root other than schema, and a query binding other than xslt2/xpath2', async () => {
    await assert.rejects(compile({ 'main.sch': `<pattern ${HEADER}/>` }), { name: 'SchematronCompileError', message: 'main.sch: the root element is not an ISO schematron <schema>' });
    await assert.rejects(compile({ 'main.sch': `<schema ${HEADER}/>` }), { name: 'SchematronCompileError', message: 'main.sch: queryBinding "xslt" is not supported (xslt2 expected)' });
    await assert.rejects(compile({ 'main.sch': '<schema' }), { name: 'SchematronCompileError', message: /^main\.sch is not well-formed XML: / });
  });
});
