import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import SaxonJS from 'saxon-js';
import { createMemoryLoader, type ResourceLoader } from '../loader.js';
import { compileSchematron, SCHEMATRON_NS } from './compile.js';
import { DocumentIndex, ResourceCache, SchematronRunner, type SchematronRunResult } from './run.js';

const MAIN = 'sch/main.sch';
const schema = (body: string): string => `<schema xmlns="${SCHEMATRON_NS}" queryBinding="xslt2">\n<ns prefix="h" uri="urn:h"/>\n${body}\n</schema>`;

/** A memory loader that counts reads per path. */
function countingLoader(files: Record<string, string>): ResourceLoader & { reads: Map<string, number> } {
  const inner = createMemoryLoader(files, 'test kit');
  const reads = new Map<string, number>();
  return {
    description: inner.description,
    reads,
    async readText(path) {
      reads.set(path, (reads.get(path) ?? 0) + 1);
      return inner.readText(path);
    },
  };
}

async function runnerFor(body: string, files: Record<string, string> = {}, loader: ResourceLoader = createMemoryLoader({ [MAIN]: schema(body), ...files }, 'test kit')): Promise<SchematronRunner> {
  return new SchematronRunner(await compileSchematron(loader, MAIN), new ResourceCache(loader));
}

async function index(xml: string): Promise<DocumentIndex> {
  return new DocumentIndex(await SaxonJS.getResource({ text: xml, type: 'xml' }));
}

async function run(body: string, xml: string, files: Record<string, string> = {}): Promise<SchematronRunResult> {
  return (await runnerFor(body, files)).run(await index(xml));
}

/** Findings as `location message` strings, in the order the engine gives them. */
const located = (result: SchematronRunResult): string[] => result.findings.map((f) => `${f.location} ${f.message}`);

const ok = (result: SchematronRunResult): void => assert.deepEqual(result.engineErrors, []);

describe('SchematronRunner: rule matching', () => {
  it('gives a node to the first rule of a pattern whose context matches it, while every pattern visits it', async () => {
    const result = await run(
      `<pattern id="p1">
  <rule context="x[@special]"><report test="true()">special</report></rule>
  <rule context="x"><report test="true()">plain</report></rule>
  <rule context="*"><report test="self::x">never for x</report></rule>
</pattern>
<pattern id="p2"><rule context="x"><report test="true()">p2</report></rule></pattern>`,
      '<r><x/><x special="1"/></r>',
    );
    ok(result);
    assert.deepEqual(
      result.findings.map((f) => [f.pattern, f.context, f.location, f.message]),
      [
        ['p1', 'x', '/r/x', 'plain'],
        ['p1', 'x[@special]', '/r/x[2]', 'special'],
        ['p2', 'x', '/r/x', 'p2'],
        ['p2', 'x', '/r/x[2]', 'p2'],
      ],
    );
  });

  it('fires once on a node matched by several branches of a union, and reports findings of a pattern in document order', async () => {
    const result = await run(
      `<pattern id="p">
  <rule context="y"><report test="true()">y</report></rule>
  <rule context="x | *[@a] | r/x"><report test="true()">x or @a</report></rule>
</pattern>`,
      '<r><x a="1"/><y a="1"/><z a="1"/><x/></r>',
    );
    ok(result);
    assert.deepEqual(located(result), ['/r/x x or @a', '/r/y y', '/r/z x or @a', '/r/x[2] x or @a']);
  });

  it('matches the document node with the context /, located at the document element as in the kit', async () => {
    const result = await run('<pattern id="p"><rule context="/"><assert test="count(*) = 2">root count</assert><report test="r">has r</report></rule></pattern>', '<r/>');
    ok(result);
    assert.deepEqual(
      result.findings.map((f) => [f.kind, f.location, f.message]),
      [
        ['assert', '/r', 'root count'],
        ['report', '/r', 'has r'],
      ],
    );
  });

  it('matches absolute contexts and // contexts', async () => {
    const result = await run(
      '<pattern id="p"><rule context="/r/a/b"><report test="true()">abs</report></rule><rule context="//b"><report test="true()">any</report></rule></pattern>',
      '<r><a><b/></a><b/><c><b/></c></r>',
    );
    ok(result);
    assert.deepEqual(located(result), ['/r/a/b abs', '/r/b any', '/r/c/b any']);
  });

  const POSITIONS = '<r><a><b/><b k="1"/></a><a><b k="1"/></a><c><x/><x/><x/></c><x/></r>';
  const contextCases: Array<[string, string[]]> = [
    ['x[2]', ['/r/c/x[2]']],
    ['x[last()]', ['/r/c/x[3]', '/r/x']],
    ['x[position() = 2]', ['/r/c/x[2]']],
    ['x[position() > 1]', ['/r/c/x[2]', '/r/c/x[3]']],
    ['x[last() - 1]', ['/r/c/x[2]']],
    ['//a/b[1]', ['/r/a/b', '/r/a[2]/b']],
    ['a/b[last()]', ['/r/a/b[2]', '/r/a[2]/b']],
    ['b[@k][1]', ['/r/a/b[2]', '/r/a[2]/b']],
    ['b[1][@k]', ['/r/a[2]/b']],
    ['a[2]/b', ['/r/a[2]/b']],
    ['*[3]', ['/r/c', '/r/c/x[3]']],
    ['r/*[last()]', ['/r/x']],
  ];
  for (const [context, expected] of contextCases) {
    it(`matches the positional context ${context} as an XSLT pattern does`, async () => {
      const result = await run(`<pattern id="p"><rule context="${context}"><report test="true()">hit</report></rule></pattern>`, POSITIONS);
      ok(result);
      assert.deepEqual(
        result.findings.map((f) => f.location),
        expected,
      );
      // The same nodes as the XPath //(pattern) selects.
      const doc = await SaxonJS.getResource({ text: POSITIONS, type: 'xml' });
      const selected = SaxonJS.XPath.evaluate(context.startsWith('/') ? context : `//(${context})`, doc, { resultForm: 'array' }) as Node[];
      assert.deepEqual(selected.map((node) => DocumentIndex.location(node)), expected);
    });
  }

  it('matches templateId-indexed contexts exactly (root, namespace, other predicates, direct child only)', async () => {
    const xml = `<doc xmlns="urn:h" xmlns:o="urn:other">
  <obs classCode="OBS"><templateId root="1.2.3"/></obs>
  <obs classCode="COND"><templateId root="1.2.3"/></obs>
  <act classCode="OBS"><templateId root="9.9"/><templateId root="1.2.3"/></act>
  <obs classCode="OBS"><o:templateId root="1.2.3"/></obs>
  <obs classCode="OBS"><templateId root="1.2.3.4"/></obs>
  <obs classCode="OBS"><entry><templateId root="1.2.3"/></entry></obs>
</doc>`;
    const result = await run(
      `<pattern id="any"><rule context="*[h:templateId/@root='1.2.3' and @classCode='OBS']"><report test="true()">any</report></rule></pattern>
<pattern id="obs"><rule context="h:obs[h:templateId/@root = &quot;1.2.3&quot;]"><report test="true()">obs</report></rule></pattern>
<pattern id="second"><rule context="h:obs[h:templateId/@root='1.2.3'][2]"><report test="true()">second</report></rule></pattern>`,
      xml,
    );
    ok(result);
    assert.deepEqual(located(result), ['/doc/obs any', '/doc/act any', '/doc/obs obs', '/doc/obs[2] obs', '/doc/obs[2] second']);
  });

  it('matches contexts written templateId[@root=…] as the templateId/@root form, and templateIds of two namespaces', async () => {
    const xml = `<doc xmlns="urn:h" xmlns:o="urn:other">
  <obs classCode="OBS"><templateId root="1.2.3"/></obs>
  <act><templateId root="9.9"/><templateId root="1.2.3"/></act>
  <obs classCode="OBS"><o:templateId root="1.2.3"/></obs>
  <obs><templateId root="1.2.3.4"/><templateId root=" 1.2.3"/></obs>
  <obs><entry><templateId root="1.2.3"/></entry></obs>
</doc>`;
    const result = await run(
      `<ns prefix="o" uri="urn:other"/>
<pattern id="bracket"><rule context="*[h:templateId[@root='1.2.3']]"><report test="true()">bracket</report></rule></pattern>
<pattern id="and"><rule context="h:obs[h:templateId[@root = &quot;1.2.3&quot;] and @classCode='OBS']"><report test="true()">and</report></rule></pattern>
<pattern id="other"><rule context="*[o:templateId[@root='1.2.3']]"><report test="true()">other</report></rule></pattern>`,
      xml,
    );
    ok(result);
    assert.deepEqual(located(result), ['/doc/obs bracket', '/doc/act bracket', '/doc/obs[4]/entry bracket', '/doc/obs and', '/doc/obs[2] other']);
  });
});

describe('SchematronRunner: findings', () => {
  it('fires an assert when its test is false and a report when it is true, keeping role and id', async () => {
    const result = await run(
      `<pattern id="p"><title>The   pattern</title><rule context="x">
  <assert test="@a" id="A1">no a</assert>
  <assert test="@b" role="warning">no b</assert>
  <report test="@b" role="error">has b</report>
  <report test="@a">has a</report>
</rule></pattern>`,
      '<r><x b="1"/></r>',
    );
    ok(result);
    assert.deepEqual(result.findings, [
      { kind: 'assert', location: '/r/x', message: 'no a', pattern: 'The pattern', context: 'x', test: '@a', role: undefined, id: 'A1' },
      { kind: 'report', location: '/r/x', message: 'has b', pattern: 'The pattern', context: 'x', test: '@b', role: 'error', id: undefined },
    ]);
  });

  it('builds messages with value-of (items joined by single spaces), name and normalised whitespace', async () => {
    const result = await run(
      `<pattern id="p"><rule context="h:x"><assert test="false()">
   Element <name/> (parent <name path=".."/>): codes [<value-of select="h:c/@code"/>]
   count=<value-of select="count(h:c)"/>, none=[<value-of select="h:none"/>]  first=<value-of select="h:c[1]"/>
</assert></rule></pattern>`,
      '<p:r xmlns:p="urn:h"><p:x><p:c code="A">one  two</p:c><p:c code="B"/><p:c code="C"/></p:x></p:r>',
    );
    ok(result);
    assert.deepEqual(located(result), ['/p:r/p:x Element p:x (parent p:r): codes [A B C] count=3, none=[] first=one two']);
  });

  it('locates nodes with names as written and an index only after a preceding sibling of the same name', async () => {
    const result = await run(
      '<pattern id="p"><rule context="h:x | h:y"><report test="true()">.</report></rule></pattern>',
      '<r xmlns="urn:h" xmlns:p="urn:h"><x/><p:x/><y/><x><y/><y/></x><p:x/><q/></r>',
    );
    ok(result);
    assert.deepEqual(
      result.findings.map((f) => f.location),
      ['/r/x', '/r/p:x', '/r/y', '/r/x[2]', '/r/x[2]/y', '/r/x[2]/y[2]', '/r/p:x[2]'],
    );
  });

  it('evaluates a rule with lets and several checks on many nodes, reporting exactly the failing ones', async () => {
    const items = Array.from({ length: 40 }, (_, i) => `<i n="${i}"/>`).join('');
    const result = await run(
      '<pattern id="p"><rule context="i"><let name="n" value="xs:integer(@n)"/><assert test="$n mod 7 != 3">mod7 <value-of select="$n"/></assert><let name="m" value="$n * 2"/><report test="$m = 20 or $m = 60">double <value-of select="$m"/></report></rule></pattern>',
      `<r>${items}</r>`,
    );
    ok(result);
    assert.deepEqual(located(result), ['/r/i[4] mod7 3', '/r/i[11] mod7 10', '/r/i[11] double 20', '/r/i[18] mod7 17', '/r/i[25] mod7 24', '/r/i[31] double 60', '/r/i[32] mod7 31', '/r/i[39] mod7 38']);
  });
});

describe('SchematronRunner: variables', () => {
  it('makes a rule let visible to the checks after it only', async () => {
    const result = await run(
      `<let name="v" value="'global'"/>
<pattern id="p"><rule context="x">
  <report test="true()">before: <value-of select="$v"/></report>
  <let name="v" value="'local ' || @n"/>
  <report test="true()">after: <value-of select="$v"/></report>
  <assert test="$v = 'global'">test after sees <value-of select="$v"/></assert>
</rule></pattern>`,
      '<r><x n="1"/><x n="2"/></r>',
    );
    ok(result);
    assert.deepEqual(located(result), [
      '/r/x before: global',
      '/r/x after: local 1',
      '/r/x test after sees local 1',
      '/r/x[2] before: global',
      '/r/x[2] after: local 2',
      '/r/x[2] test after sees local 2',
    ]);
  });

  it('reports a check using a rule let declared after it as an engine error', async () => {
    const result = await run('<pattern id="p"><rule context="x"><assert test="$late = 1">A</assert><let name="late" value="1"/></rule></pattern>', '<r><x/></r>');
    assert.deepEqual(result.findings, []);
    assert.equal(result.engineErrors.length, 1);
    assert.match(result.engineErrors[0]?.message ?? '', /^XPST0008: .*\blate\b/);
    assert.equal(result.engineErrors[0]?.expression, '$late = 1');
  });

  it('evaluates a global let that depends on a global declared after it, and pattern lets as globals', async () => {
    const result = await run(
      `<let name="a" value="$b + 1"/>
<let name="b" value="count(//x)"/>
<pattern id="p1"><let name="c" value="$a * 10"/><rule context="r"><assert test="false()">a=<value-of select="$a"/> b=<value-of select="$b"/></assert></rule></pattern>
<pattern id="p2"><rule context="r"><assert test="false()">c=<value-of select="$c"/></assert></rule></pattern>`,
      '<r><x/><x/></r>',
    );
    ok(result);
    assert.deepEqual(located(result), ['/r a=3 b=2', '/r c=30']);
  });

  it('evaluates globals with the document node as context', async () => {
    const result = await run('<let name="root" value="name(*)"/><pattern id="p"><rule context="x"><assert test="$root = \'s\'">root is <value-of select="$root"/></assert></rule></pattern>', '<r><x/></r>');
    ok(result);
    assert.deepEqual(located(result), ['/r/x root is r']);
  });

  it('refuses circular globals', async () => {
    await assert.rejects(runnerFor('<let name="a" value="$b"/><let name="b" value="$a"/>'), { message: 'circular global variables: a → b → a' });
  });

  it('reports a failing global as an engine error and evaluates nothing else', async () => {
    const result = await run('<let name="bad" value="xs:integer(\'x\')"/><pattern id="p"><rule context="r"><report test="true()">R</report></rule></pattern>', '<r/>');
    assert.deepEqual(result.findings, []);
    assert.equal(result.engineErrors.length, 1);
    assert.equal(result.engineErrors[0]?.expression, "xs:integer('x')");
    assert.match(result.engineErrors[0]?.message ?? '', /^global variable \$bad: FORG0001: /);
  });
});

describe('SchematronRunner: document(), doc() and doc-available()', () => {
  const VALUE_SET = '<set><v code="A"/><v code="B"/></set>';

  it('reads value sets relative to the top-level .sch folder, even from an included file in another folder', async () => {
    const loader = countingLoader({
      [MAIN]: schema('<include href="inc/p.sch"/>'),
      'sch/inc/p.sch': `<pattern xmlns="${SCHEMATRON_NS}" id="p"><rule context="x"><assert test="@c = document('vs/set.xml')//v/@code">code <value-of select="@c"/> not in <value-of select="doc('vs/set.xml')//v/@code"/></assert></rule><rule context="y"><assert test="doc('vs/unused.xml')">U</assert></rule></pattern>`,
      'sch/vs/set.xml': VALUE_SET,
      // Relative to the included file: must not be read.
      'sch/inc/vs/set.xml': '<set><v code="Z"/></set>',
    });
    const runner = await runnerFor('', {}, loader);
    const first = await runner.run(await index('<r><x c="A"/><x c="Z"/><x c="B"/></r>'));
    ok(first);
    assert.deepEqual(located(first), ['/r/x[2] code Z not in A B']);
    const second = await runner.run(await index('<r><x c="C"/></r>'));
    assert.deepEqual(located(second), ['/r/x code C not in A B']);
    // Read once, lazily: never the file of a rule that matched nothing, nor the one beside the included file.
    assert.equal(loader.reads.get('sch/vs/set.xml'), 1);
    assert.equal(loader.reads.has('sch/vs/unused.xml'), false);
    assert.equal(loader.reads.has('sch/inc/vs/set.xml'), false);
  });

  it('looks codes up by text in a terminology through an index built once, with the results and errors of the scan', async () => {
    // The terminology rules' shape: doc(U)//name[text() = string($v)], U from the node.
    const loader = countingLoader({
      [MAIN]: schema(`<ns prefix="s" uri="urn:s"/><let name="dir" value="'t/'"/><pattern id="p"><rule context="c"><let name="code" value="@code"/><let name="system" value="@system"/>
  <assert test="not(doc-available(concat($dir, $system, '.rdf')) and not(exists(doc(concat($dir, $system, '.rdf'))//s:notation[text()= string($code)])))">unknown <value-of select="$code"/> in <value-of select="$system"/></assert>
  <report test="count(doc(concat($dir, 'u.xml'))//code[text() = string($code)]) gt 1">twice <value-of select="$code"/></report>
</rule><rule context="m"><let name="code" value="@code"/><assert test="exists(doc('t/absent.xml')//code[text() = string($code)])">never</assert></rule></pattern>`),
      'sch/t/1.rdf': '<rdf xmlns:s="urn:s"><d><s:notation>A</s:notation></d><d><s:notation>B<!-- split -->B</s:notation><s:notation> C</s:notation></d><notation>D</notation></rdf>',
      'sch/t/2.rdf': '<rdf xmlns:s="urn:s"><s:notation>Z</s:notation></rdf>',
      'sch/t/u.xml': '<u><code>A</code><x><code>A</code></x><code>B</code></u>',
    });
    const runner = await runnerFor('', {}, loader);
    const xml = '<r><c code="A" system="1"/><c code="B" system="1"/><c code="BB" system="1"/><c code="C" system="1"/><c code=" C" system="1"/><c code="D" system="1"/><c code="A" system="2"/><c code="Z" system="2"/><c code="A" system="9"/><c system="1"/></r>';
    const first = await runner.run(await index(xml));
    ok(first);
    assert.deepEqual(located(first), [
      '/r/c twice A',
      '/r/c[3] unknown BB in 1',
      '/r/c[4] unknown C in 1',
      '/r/c[6] unknown D in 1',
      '/r/c[7] unknown A in 2',
      '/r/c[7] twice A',
      '/r/c[9] twice A',
      '/r/c[10] unknown in 1',
    ]);
    assert.deepEqual(located(await runner.run(await index(xml))), located(first));
    assert.equal(loader.reads.get('sch/t/1.rdf'), 1);
    // A missing resource is still an engine error, not an empty look-up.
    const missing = await runner.run(await index('<r><m code="A"/></r>'));
    assert.deepEqual(missing.findings, []);
    assert.equal(missing.engineErrors.length, 1);
    assert.match(missing.engineErrors[0]?.message ?? '', /t\/absent\.xml/);
  });

  it('compares codes with the nodes of a constant path in a value set, found once, with positions as written', async () => {
    const loader = countingLoader({
      [MAIN]: schema(`<pattern id="p"><rule context="x"><let name="v" value="distinct-values(tokenize(normalize-space(@c), '\\s'))"/>
  <assert test="empty($v[not(. = (doc('vs/set.xml')/*/valueSet/conceptList/concept/@code))])">not all of <value-of select="@c"/></assert>
  <report test="@c = doc('vs/set.xml')//valueSet[1]/conceptList/concept/@code">first <value-of select="@c"/></report>
  <report test="count(doc('vs/set.xml')//concept/@code) != 4">count</report>
</rule></pattern>`),
      'sch/vs/set.xml': '<vs><valueSet><conceptList><concept code="A"/><concept code="B"/></conceptList></valueSet><valueSet><conceptList><concept code="C"/><concept code="A"/></conceptList></valueSet></vs>',
    });
    const runner = await runnerFor('', {}, loader);
    const xml = '<r><x c="A"/><x c="C"/><x c="A  B"/><x c="A D"/><x c=""/></r>';
    const first = await runner.run(await index(xml));
    ok(first);
    assert.deepEqual(located(first), ['/r/x first A', '/r/x[4] not all of A D']);
    assert.deepEqual(located(await runner.run(await index(xml))), located(first));
    assert.equal(loader.reads.get('sch/vs/set.xml'), 1);
  });

  it('serves documents to rule contexts and global lets too', async () => {
    const result = await run(
      `<let name="codes" value="doc('vs/set.xml')//v/@code"/>
<pattern id="p"><rule context="x[@c = document('vs/set.xml')//v/@code]"><report test="true()">known <value-of select="@c"/> of <value-of select="count($codes)"/></report></rule></pattern>`,
      '<r><x c="B"/><x c="Z"/></r>',
      { 'sch/vs/set.xml': VALUE_SET },
    );
    ok(result);
    assert.deepEqual(located(result), ['/r/x known B of 2']);
  });

  it('answers doc-available() false for a missing file: the assert fails, the report does not fire', async () => {
    const result = await run(
      `<pattern id="p"><rule context="x">
  <assert test="doc-available('vs/missing.xml')">missing</assert>
  <assert test="doc-available('vs/set.xml')">present</assert>
  <report test="doc-available('vs/missing.xml')">reported</report>
  <report test="doc-available('../../outside.xml')">outside</report>
</rule></pattern>`,
      '<r><x/></r>',
      { 'sch/vs/set.xml': VALUE_SET },
    );
    ok(result);
    assert.deepEqual(located(result), ['/r/x missing']);
  });

  for (const call of ["doc('vs/missing.xml')", "document('vs/missing.xml')", "document('vs/missing.xml')//v", "doc('vs/bad.xml')"]) {
    it(`reports ${call} of an unreadable file as an engine error, never as a silent pass`, async () => {
      const result = await run(
        `<pattern id="vs"><rule context="x"><assert test="empty(${call})">E</assert></rule></pattern>
<pattern id="other"><rule context="x"><report test="true()">other pattern</report></rule></pattern>`,
        '<r><x/></r>',
        { 'sch/vs/bad.xml': '<set>' },
      );
      assert.deepEqual(located(result), ['/r/x other pattern']);
      assert.equal(result.engineErrors.length, 1);
      const [error] = result.engineErrors;
      const reason = call.includes('bad') ? /^document vs\/bad\.xml cannot be read: sch\/vs\/bad\.xml is not well-formed XML: / : /^document vs\/missing\.xml cannot be read: sch\/vs\/missing\.xml does not exist in test kit$/;
      assert.match(error?.message ?? '', reason);
      assert.deepEqual({ ...error, message: '' }, { message: '', pattern: 'vs', context: 'x', expression: `empty(${call})`, location: '/r/x' });
    });
  }
});

describe('SchematronRunner: engine errors', () => {
  it('reports a dynamic XPath error with its pattern, context, expression and location, and goes on', async () => {
    const result = await run(
      `<pattern id="p">
  <rule context="x"><assert test="xs:integer(@n) gt 0">positive</assert></rule>
  <rule context="y"><report test="true()">y</report></rule>
</pattern>
<pattern id="q"><rule context="x"><report test="true()">x in q</report></rule></pattern>`,
      '<r><x n="1"/><x n="oops"/><x n="-1"/><y/></r>',
    );
    assert.deepEqual(located(result), ['/r/x[3] positive', '/r/y y', '/r/x x in q', '/r/x[2] x in q', '/r/x[3] x in q']);
    assert.deepEqual(result.engineErrors, [
      { message: 'FORG0001: Supplied value "oops" is not a valid xs:integer', pattern: 'p', context: 'x', expression: 'xs:integer(@n) gt 0', location: '/r/x[2]' },
    ]);
  });

  it('reports a dynamic error in a message and in a let', async () => {
    const result = await run(
      `<pattern id="p"><rule context="x"><report test="true()">value <value-of select="xs:integer(@n)"/></report></rule></pattern>
<pattern id="q"><rule context="y"><let name="v" value="xs:date(@d)"/><assert test="exists($v)">D</assert></rule></pattern>`,
      '<r><x n="1"/><x n="z"/><y d="2024-01-01"/><y d="never"/></r>',
    );
    assert.deepEqual(located(result), ['/r/x value 1']);
    assert.deepEqual(
      result.engineErrors.map((e) => [e.pattern, e.context, e.location, e.expression]),
      [
        ['p', 'x', '/r/x[2]', "string-join(for $__dcc_item in (xs:integer(@n)) return string($__dcc_item), ' ')"],
        ['q', 'y', '/r/y[2]', 'xs:date(@d)'],
      ],
    );
  });

  it('reports a static XPath error (syntax) in a test, and goes on with other patterns', async () => {
    const result = await run(
      '<pattern id="p"><rule context="x"><assert test="@a = (">syntax</assert></rule></pattern><pattern id="q"><rule context="x"><report test="true()">q</report></rule></pattern>',
      '<r><x/></r>',
    );
    assert.deepEqual(located(result), ['/r/x q']);
    assert.equal(result.engineErrors.length, 1);
    assert.match(result.engineErrors[0]?.message ?? '', /^XPST0003: /);
    assert.deepEqual({ ...result.engineErrors[0], message: '' }, { message: '', pattern: 'p', context: 'x', expression: '@a = (', location: '/r/x' });
  });

  it('reports a static XPath error in a rule context, and goes on with the other rules', async () => {
    const result = await run(
      '<pattern id="p"><rule context="x[@a = ]"><report test="true()">never</report></rule><rule context="x"><report test="true()">x</report></rule></pattern>',
      '<r><x a="1"/></r>',
    );
    assert.deepEqual(located(result), ['/r/x x']);
    assert.equal(result.engineErrors.length, 1);
    assert.match(result.engineErrors[0]?.message ?? '', /^XPST0003: /);
    assert.equal(result.engineErrors[0]?.pattern, 'p');
    assert.equal(result.engineErrors[0]?.context, 'x[@a = ]');
  });
});
