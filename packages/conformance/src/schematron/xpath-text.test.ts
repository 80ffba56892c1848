import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import SaxonJS from 'saxon-js';
import {
  ABSENT_RESOURCE,
  applyJavaRegexReading,
  ENGINE_ERROR_NS,
  findFunctionCalls,
  isNonPositionalPredicate,
  NEED_RESOURCE,
  parseFirstStep,
  requiredTemplateIdRoot,
  requiredTemplateId,
  attributeRequiredForFalse,
  rewriteTextLookups,
  RESOURCES_PARAM,
  rewriteResourceFunctions,
  splitTopLevelArgs,
  splitTopLevelUnion,
  variableReferences,
} from './xpath-text.js';

describe('splitTopLevelUnion', () => {
  it('splits at top-level | only', () => {
    assert.deepEqual(splitTopLevelUnion('a | b/c |d'), ['a', 'b/c', 'd']);
  });

  it('does not split unions inside predicates, calls, strings or comments', () => {
    assert.deepEqual(splitTopLevelUnion("a[b | c] | f(x | y) | 'p|q' | \"r|s\" | e (: t | u :)"), [
      'a[b | c]',
      'f(x | y)',
      "'p|q'",
      '"r|s"',
      'e (: t | u :)',
    ]);
  });

  it('keeps a string with a doubled quote whole', () => {
    assert.deepEqual(splitTopLevelUnion("a[@x = 'it''s | ok'] | b"), ["a[@x = 'it''s | ok']", 'b']);
  });

  it('does not split the || string-concatenation operator', () => {
    assert.deepEqual(splitTopLevelUnion("a[x || 'y' = 'zy'] | b || c"), ["a[x || 'y' = 'zy']", 'b || c']);
  });

  it('returns the whole expression when there is no union', () => {
    assert.deepEqual(splitTopLevelUnion(' cda:section[cda:code] '), ['cda:section[cda:code]']);
  });
});

describe('findFunctionCalls', () => {
  it('finds unprefixed and fn: calls, outermost first, with their span and argument text', () => {
    const expr = "doc('a.xml')//x | fn:document(concat('b', doc('c.xml')))";
    const calls = findFunctionCalls(expr, ['doc', 'document']);
    assert.deepEqual(calls, [
      { name: 'doc', start: 0, end: 12, args: "'a.xml'" },
      { name: 'document', start: 18, end: expr.length, args: "concat('b', doc('c.xml'))" },
    ]);
    assert.equal(expr.slice(18, expr.length), "fn:document(concat('b', doc('c.xml')))");
  });

  it('ignores other prefixes, longer names, variables, strings and comments', () => {
    assert.deepEqual(findFunctionCalls("x:doc('a') | mydoc('b') | doc-x('c') | $doc | 'doc(d)' | (: doc('e') :) f()", ['doc']), []);
  });

  it('accepts whitespace between the name and the parenthesis', () => {
    assert.deepEqual(findFunctionCalls('count (a)', ['count']), [{ name: 'count', start: 0, end: 9, args: 'a' }]);
  });

  it('finds a call whose argument contains a closing parenthesis inside a string', () => {
    assert.deepEqual(findFunctionCalls("doc(')') = 1", ['doc']), [{ name: 'doc', start: 0, end: 8, args: "')'" }]);
  });

  it('rejects an unbalanced call', () => {
    assert.throws(() => findFunctionCalls('doc(a', ['doc']), SyntaxError);
  });
});

describe('rewriteResourceFunctions', () => {
  const MAP = 'http://www.w3.org/2005/xpath-functions/map';
  let valueSet: Document;
  const evaluate = async (expr: string, resources: Record<string, boolean>): Promise<unknown> => {
    valueSet ??= await SaxonJS.getResource({ text: '<set><v code="A"/><v code="B"/></set>', type: 'xml' });
    let map = SaxonJS.XPath.evaluate('map{}', null, { resultForm: 'xdm' });
    for (const [uri, present] of Object.entries(resources)) {
      map = SaxonJS.XPath.evaluate(`Q{${MAP}}put($m, $k, $v)`, null, { params: { m: map, k: uri, v: present ? valueSet : false }, resultForm: 'xdm' });
    }
    return SaxonJS.XPath.evaluate(rewriteResourceFunctions(expr), null, { params: { [RESOURCES_PARAM]: map } });
  };
  const errorOf = async (expr: string, resources: Record<string, boolean>): Promise<{ code: string; message: string }> => {
    try {
      await evaluate(expr, resources);
    } catch (error) {
      const { code, message } = error as { code?: unknown; message?: unknown };
      return { code: String(code), message: String(message) };
    }
    assert.fail(`${expr} did not raise an error`);
  };

  it('leaves an expression without resource functions unchanged, including strings that look like calls', () => {
    for (const expr of ["concat('doc(', 'x.xml)')", 'count(//a)', "x:doc('a')", '$doc']) assert.equal(rewriteResourceFunctions(expr), expr);
  });

  it('rewrites doc(), fn:document() and doc-available() into lookups in the resources map', () => {
    const rewritten = rewriteResourceFunctions("fn:doc('a.xml') | document('b.xml') | doc-available('c.xml')");
    assert.doesNotMatch(rewritten, /(?:^|[^\w-])(?:fn:)?(?:doc|document|doc-available)\s*\(/);
    assert.match(rewritten, new RegExp(`\\$${RESOURCES_PARAM}\\b`));
  });

  it('serves documents from the map (doc, fn:doc, document with a sequence of URIs)', async () => {
    assert.equal(await evaluate("count(doc('vs.xml')//v)", { 'vs.xml': true }), 2);
    assert.equal(await evaluate("string(fn:doc('vs.xml')/set/v[2]/@code)", { 'vs.xml': true }), 'B');
    assert.equal(await evaluate("count(document(('vs.xml', 'vs.xml'))/set)", { 'vs.xml': true }), 1);
  });

  it('keeps a string containing "doc(" intact inside a rewritten call', async () => {
    assert.equal(await evaluate("concat('doc(', count(doc('vs.xml')//v), ')')", { 'vs.xml': true }), 'doc(2)');
  });

  it('rewrites nested calls: the inner call is evaluated first', async () => {
    const expr = "count(doc(if (doc-available('vs.xml')) then 'vs.xml' else 'other.xml')//v)";
    assert.equal(await evaluate(expr, { 'vs.xml': true }), 2);
    assert.deepEqual(await errorOf(expr, { 'vs.xml': false }), { code: `Q{${ENGINE_ERROR_NS}}${NEED_RESOURCE}`, message: 'other.xml' });
  });

  it('answers doc-available() from the map: true for a document, false for a known-absent file', async () => {
    assert.equal(await evaluate("doc-available('vs.xml')", { 'vs.xml': true }), true);
    assert.equal(await evaluate("fn:doc-available('vs.xml')", { 'vs.xml': false }), false);
  });

  it('asks for a file the map does not know (NEED-RESOURCE carrying the URI)', async () => {
    assert.deepEqual(await errorOf("doc-available('x/y.xml')", {}), { code: `Q{${ENGINE_ERROR_NS}}${NEED_RESOURCE}`, message: 'x/y.xml' });
    assert.deepEqual(await errorOf("doc('x/y.xml')", {}), { code: `Q{${ENGINE_ERROR_NS}}${NEED_RESOURCE}`, message: 'x/y.xml' });
  });

  it('raises ABSENT-RESOURCE when doc() or document() reads a known-absent file', async () => {
    assert.deepEqual(await errorOf("doc('gone.xml')", { 'gone.xml': false }), { code: `Q{${ENGINE_ERROR_NS}}${ABSENT_RESOURCE}`, message: 'gone.xml' });
    assert.deepEqual(await errorOf("document('gone.xml')", { 'gone.xml': false }), { code: `Q{${ENGINE_ERROR_NS}}${ABSENT_RESOURCE}`, message: 'gone.xml' });
  });

  it('refuses document() with a base-node argument', () => {
    assert.throws(() => rewriteResourceFunctions("document('a.xml', .)"), { name: 'SyntaxError', message: 'document() with a base-node argument is not supported' });
  });
});

describe('splitTopLevelArgs', () => {
  it('splits at top-level commas only', () => {
    assert.deepEqual(splitTopLevelArgs("a, f(b, c), 'd,e', x[1, 2]"), ['a', 'f(b, c)', "'d,e'", 'x[1, 2]']);
    assert.deepEqual(splitTopLevelArgs(''), []);
    assert.deepEqual(splitTopLevelArgs(' a '), ['a']);
  });
});

describe('applyJavaRegexReading', () => {
  it("drops the quantifier Java applies to an anchor (the kit's '^-?[1-9]\\d*$|^+?\\d*$')", () => {
    assert.equal(applyJavaRegexReading("matches(@value, '^-?[1-9]\\d*$|^+?\\d*$')"), "matches(@value, '^-?[1-9]\\d*$|^\\d*$')");
  });

  it('drops every quantifier form after ^ or $, in single- and double-quoted literals', () => {
    assert.equal(applyJavaRegexReading(`matches(., "^*a$+") and matches(., '^{2}b$?') and matches(., '^{1,3}?c')`), `matches(., "^a$") and matches(., '^b$') and matches(., '^c')`);
  });

  it('leaves escaped anchors and character classes untouched', () => {
    for (const expr of ["matches(., '\\^+x')", "matches(., '\\$*x')", "matches(., '[$*]')", "matches(., '[^+]+')", "matches(., 'a[\\]^+]')"]) {
      assert.equal(applyJavaRegexReading(expr), expr);
    }
  });

  it("leaves '$1' and ordinary anchors untouched", () => {
    for (const expr of ["replace(., '^(a)(b)$', '$2$1')", "matches(., '^a+$')", "'$1'"]) assert.equal(applyJavaRegexReading(expr), expr);
  });

  it('keeps doubled quotes inside a literal', () => {
    assert.equal(applyJavaRegexReading("matches(., '^+it''s$')"), "matches(., '^it''s$')");
  });

  it('gives a regular expression JavaScript (saxon-js) accepts, with Java results', () => {
    const expr = applyJavaRegexReading("for $v in ('12', '-3', '+4', '', '0', '-0', 'x') return matches($v, '^-?[1-9]\\d*$|^+?\\d*$')");
    assert.deepEqual(SaxonJS.XPath.evaluate(expr, null, { resultForm: 'array' }), [true, true, false, true, true, false, false]);
  });
});

describe('parseFirstStep', () => {
  it('splits a prefixed name test with predicates and a rest', () => {
    assert.deepEqual(parseFirstStep("cda:section[cda:code/@code = 'x'] [2]/cda:entry//cda:act"), {
      nameTest: 'cda:section',
      prefix: 'cda',
      local: 'section',
      predicates: ["cda:code/@code = 'x'", '2'],
      rest: '/cda:entry//cda:act',
    });
  });

  it('reads *, *:name, prefix:* and child::name', () => {
    assert.deepEqual(parseFirstStep('*'), { nameTest: '*', prefix: '', local: '*', predicates: [], rest: '' });
    assert.deepEqual(parseFirstStep('*:x[@a]'), { nameTest: '*:x', prefix: '*', local: 'x', predicates: ['@a'], rest: '' });
    assert.deepEqual(parseFirstStep('h:*/y'), { nameTest: 'h:*', prefix: 'h', local: '*', predicates: [], rest: '/y' });
    assert.deepEqual(parseFirstStep('child::x'), { nameTest: 'x', prefix: '', local: 'x', predicates: [], rest: '' });
  });

  it('keeps nested brackets and brackets inside strings within one predicate', () => {
    assert.deepEqual(parseFirstStep("x[a[b] = ']'][c]"), { nameTest: 'x', prefix: '', local: 'x', predicates: ["a[b] = ']'", 'c'], rest: '' });
  });

  it('refuses absolute paths, attributes, kind tests, function calls and other axes', () => {
    for (const branch of ['/x', '//x', '@a', 'text()', 'node()', "key('k', 'v')", 'descendant::x', 'x[a', '(x | y)', 'x | y']) {
      assert.equal(parseFirstStep(branch), undefined, branch);
    }
  });
});

describe('isNonPositionalPredicate', () => {
  it('is true for comparisons and and/or expressions without position() or last()', () => {
    for (const predicate of ["@code = 'x'", "cda:code/@code != 'x'", 'count(a) > 2', '@a eq 1', 'a and b', '(a) or (b)', '@a = 1 and (b or c)', ". = 'x'", '$v = 1', 'some $x in a satisfies $x = 1']) {
      assert.equal(isNonPositionalPredicate(predicate), true, predicate);
    }
  });

  it('is true for a whole-predicate call of a boolean function', () => {
    for (const predicate of ['not(a)', 'fn:exists(cda:b)', "matches(@v, '^[0-9]+$')", 'true()', ' ( not(a) ) ']) {
      assert.equal(isNonPositionalPredicate(predicate), true, predicate);
    }
  });

  it('is true for plain paths (node sequences)', () => {
    for (const predicate of ['a', '@a', '*', 'cda:code/@code', './a', '../a', 'a//b', '*:a', 'a[1]', 'a | b', 'child::a', 'text()']) {
      assert.equal(isNonPositionalPredicate(predicate), true, predicate);
    }
  });

  it('is false for numbers and numeric expressions', () => {
    for (const predicate of ['1', '(2)', 'last() - 1', '@x + 0', 'a div 2', '$n', "'s' (: string :) , 1"]) {
      assert.equal(isNonPositionalPredicate(predicate), false, predicate);
    }
  });

  it('is false whenever the predicate reads the context position or size, even in a comparison', () => {
    for (const predicate of ['last()', 'position()', 'position() = 2', 'position() > 1', 'fn:position() = last()', 'not(position() = 1)', "@a = 'x' and position() = 1"]) {
      assert.equal(isNonPositionalPredicate(predicate), false, predicate);
    }
  });

  it('is false for calls and expressions whose value may be a number', () => {
    for (const predicate of ['count(a)', 'number(@x)', 'string-length(@x)', 'if (a) then 1 else 2', 'a, 1', 'a * b', 'a - b', 'a to 3', '$v => count()', 'for $x in a return 1', 'let $x := a return 1']) {
      assert.equal(isNonPositionalPredicate(predicate), false, predicate);
    }
  });
});

describe('requiredTemplateIdRoot', () => {
  it('reads a templateId/@root comparison, alone or first in a top-level and chain', () => {
    assert.deepEqual(requiredTemplateIdRoot("cda:templateId/@root='1.2.3'"), { prefix: 'cda', root: '1.2.3' });
    assert.deepEqual(requiredTemplateIdRoot(' cda:templateId / @root = "1.2" and @classCode=\'OBS\''), { prefix: 'cda', root: '1.2' });
    assert.deepEqual(requiredTemplateIdRoot("templateId/@root='9' and (@a or @b)"), { prefix: '', root: '9' });
  });

  it('refuses a top-level or, anywhere in the chain', () => {
    assert.equal(requiredTemplateIdRoot("cda:templateId/@root='1' or @classCode='OBS'"), undefined);
    assert.equal(requiredTemplateIdRoot("cda:templateId/@root='1' and @a or @b"), undefined);
  });

  it('refuses other shapes', () => {
    for (const predicate of [
      "@classCode='OBS' and cda:templateId/@root='1'",
      "cda:templateId/@root != '1'",
      "cda:templateId/@extension='1'",
      "cda:templateId/@root='1' = true()",
      "cda:templateId/@root='1'[1]",
      "cda:templateId[@root='1']",
      'cda:templateId/@root=$x',
    ]) {
      assert.equal(requiredTemplateIdRoot(predicate), undefined, predicate);
    }
  });
});

describe('requiredTemplateId', () => {
  it('reads both forms, alone or first in a top-level and chain', () => {
    assert.deepEqual(requiredTemplateId("cda:templateId/@root='1.2.3'"), { prefix: 'cda', root: '1.2.3' });
    assert.deepEqual(requiredTemplateId("cda:templateId[@root='1.2.3']"), { prefix: 'cda', root: '1.2.3' });
    assert.deepEqual(requiredTemplateId(' templateId [ @root = "9" ] and (@a or @b)'), { prefix: '', root: '9' });
  });

  it('refuses or, other filters and other shapes', () => {
    for (const predicate of [
      "cda:templateId[@root='1'] or @a",
      "cda:templateId[@root='1'] and @a or @b",
      "cda:templateId[@root='1' or @a]",
      "cda:templateId[@root='1' and @extension='2']",
      "cda:templateId[@root='1'][1]",
      "cda:templateId[@root!='1']",
      "cda:templateId[@extension='1']",
      "cda:templateId[@root='1']/@root",
      "not(cda:templateId[@root='1'])",
      "cda:templateId[@root=$x]",
    ]) {
      assert.equal(requiredTemplateId(predicate), undefined, predicate);
    }
  });
});

describe('attributeRequiredForFalse', () => {
  it('names the attribute of a leading not(@name) in a top-level or chain', () => {
    assert.equal(attributeRequiredForFalse('not(@nullFlavor) or (@nullFlavor and *)'), 'nullFlavor');
    assert.equal(attributeRequiredForFalse('  not( @a )  or b and c or d'), 'a');
    assert.equal(attributeRequiredForFalse('(not(@a) or b)'), 'a');
  });

  it('refuses anything else', () => {
    for (const predicate of ['not(@a)', 'not(@a) and b', 'not(@a or b) or c', 'not(@x:a) or b', 'not(a) or b', '(not(@a)) = false() or b', 'not(@a) or b, c', 'b or not(@a)', '(not(@a) or b) and c', 'not(@a)[1] or b']) {
      assert.equal(attributeRequiredForFalse(predicate), undefined, predicate);
    }
  });
});

describe('rewriteTextLookups', () => {
  it('rewrites doc(U)//name[text() = string($v)] as written by rewriteResourceFunctions, and nothing else', () => {
    const rewritten = rewriteTextLookups(rewriteResourceFunctions("exists(doc(concat($d, @s, '.rdf'))//s:notation[text()= string($code)])"));
    assert.equal(rewritten.rewritten, true);
    assert.match(rewritten.expr, /__dcc_text_index\(\$__dcc_k0\)\(string\(\$code\)\)/);
    assert.match(rewritten.expr, /concat\(\$d, @s, '\.rdf'\)/);
    for (const expr of [
      "exists(doc('u.xml')//code[text() = $code])",
      "exists(doc('u.xml')//code[text() = string(.)])",
      "exists(doc('u.xml')//code[text() = string($code)][2])", // position among siblings
      "exists(doc('u.xml')//code[text() = string($code)] [@a])",
      "exists(doc('u.xml')//code[. = string($code)])",
      "exists(doc('u.xml')/code[text() = string($code)])",
      "exists(doc-available('u.xml'))",
    ]) {
      const adapted = rewriteResourceFunctions(expr);
      const result = rewriteTextLookups(adapted);
      assert.deepEqual(result, { expr: adapted, rewritten: false }, expr);
    }
  });
});

describe('rewriteTextLookups: constant paths in a resource', () => {
  it('rewrites doc(U) followed by name tests, attribute tests and numeric positions only', () => {
    for (const expr of ["@code = doc('v.xml')/*/valueSet/conceptList/concept/@code", "count(doc('v.xml')//valueSet[1]/conceptList/concept/@code)", "doc('v.xml')/s:a//s:b"]) {
      const result = rewriteTextLookups(rewriteResourceFunctions(expr));
      assert.equal(result.rewritten, true, expr);
      assert.match(result.expr, /#path:\//, expr);
    }
    for (const expr of [
      "doc('v.xml')//valueSet[1]/conceptList/concept/concat(@code, @codeSystem)",
      "doc('v.xml')//valueSet[1][conceptList/concept[@code = $c]]",
      "doc('v.xml')//valueSet[$n]/@code",
      "doc('v.xml')/a/b/(@c)",
      "doc('v.xml')/a/text()",
      "doc('v.xml')/a[last()]",
      "doc('v.xml')",
    ]) {
      const adapted = rewriteResourceFunctions(expr);
      assert.deepEqual(rewriteTextLookups(adapted), { expr: adapted, rewritten: false }, expr);
    }
  });
});

describe('variableReferences', () => {
  it('lists referenced variable names, skipping strings and comments', () => {
    assert.deepEqual([...variableReferences("$a + $b:c + count($dash-name) + '$d' (: $e :) + $a")].sort(), ['a', 'b:c', 'dash-name']);
    assert.deepEqual([...variableReferences("concat('$x', \"$y\")")], []);
  });

  it('includes variables bound inside the expression (callers filter by known globals)', () => {
    assert.deepEqual([...variableReferences('for $i in 1 to 3 return $i * $n')].sort(), ['i', 'n']);
  });
});
