/**
 * XPath expressions compiled once and evaluated many times.
 *
 * `SaxonJS.XPath.evaluate` parses, type-checks and compiles its expression on every call;
 * for the StrucMin layer that was most of the time of a validation (≈ 400 kB of XPath text
 * per document). SaxonJS 2.7's XPath API also has `compile(expression, options, true)`,
 * which returns the compiled package with every free variable turned into a parameter, and
 * `evaluateOnly(package, context, options)`, which runs it; the package also keeps the
 * closures saxon-js builds on its first evaluation. Both are the processor's own code paths
 * (`evaluate` is compile + evaluateOnly), so results, errors and types are the same; the
 * expressions of one layer are compiled in the namespace context of that layer.
 *
 * One defect of `evaluateOnly` in 2.7 is worked around: its dynamic context lacks the table
 * of collations that `evaluate` builds, so any operation naming the codepoint collation
 * explicitly (the compiler adds it to `distinct-values`, `contains`, string comparisons…)
 * fails with "Cannot read properties of undefined (reading 'sc')". The compiled package is
 * rewritten to name Saxon's own URI for the same collation (`http://saxon.sf.net/collation?`
 * with no property: saxon-js resolves it without that table, to the codepoint collation
 * object `evaluate` uses). An expression whose text mentions a collation itself is never
 * compiled this way, and a self-test (`compiledPathAgrees`) checks the rewritten path against
 * `evaluate` on every construct concerned before the first use: if saxon-js behaves in any
 * other way, every expression goes through `evaluate`.
 *
 * A variable the expression uses but nobody declared becomes a free variable of the package
 * and fails at run time (SXJS9999); the call is then made again through `evaluate`, so the
 * error is the one `evaluate` (and the kit's compiler) reports: XPST0008.
 *
 * A build of saxon-js without these two functions also falls back to `evaluate`.
 */
import SaxonJS from '#saxon';
import type { CompiledXPathPackage } from 'saxon-js';
import { revivePackage, serialisePackage, type StoredXPaths } from './xpath-store.js';

const MISSING_PARAMETER = 'SXJS9999';
const CODEPOINT = 'http://www.w3.org/2005/xpath-functions/collation/codepoint';
const SAXON_CODEPOINT = 'http://saxon.sf.net/collation?';

/** Replaces the codepoint collation's URI by Saxon's equivalent in a compiled package. */
function renameCodepointCollation(tree: unknown): void {
  const seen = new Set<object>();
  const stack: unknown[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (key === 'parentNode') continue;
      const value = record[key];
      if (typeof value === 'string') {
        if (value === CODEPOINT) record[key] = SAXON_CODEPOINT;
        else if (value.endsWith(`|${CODEPOINT}`)) record[key] = value.slice(0, -CODEPOINT.length) + SAXON_CODEPOINT;
      } else if (value !== null && typeof value === 'object') stack.push(value);
    }
  }
}

/** What saxon-js's compile binds to a parameter while compiling: its value is never used. */
const PLACEHOLDER = 'dummy';

export type ResultForm = 'xdm' | 'array' | 'default';

/**
 * Expressions covering what the collation rewrite touches (general and value comparisons,
 * functions taking a collation, sorting, quantified expressions, lets): each must give the
 * same result through the compiled path as through `evaluate`.
 */
const SELF_TEST: ReadonlyArray<string> = [
  `string-join(for $v in ('b', 'a', 'b', 'B') return string-join((string(count(distinct-values(($v, 'a', 'b')))), string($v = 'b'), string($v eq 'B'), string($v != 'a'), string($v < 'b'), string(contains('abc', $v)), string(starts-with('abc', $v)), string(ends-with('cab', $v)), string(compare($v, 'b')), string(index-of(('a', 'b', 'B'), $v)), substring-before('xbay', $v), substring-after('xbay', $v), string(max(('a', $v))), string(min(('b', $v))), string(deep-equal(($v), ('b'))), string-join(sort(($v, 'a', 'c')), ''), string(every $x in ($v, 'b') satisfies $x = 'b'), string(let $y := $v return $y = ('a', 'b'))), '|'), ';')`,
  `string-join(for $n in $nodes return concat(name($n), '=', string($n/@code = ('1', '3')), '/', count($n/*[@code = '2'])), ';')`,
  // compareToInt: the one operand of a compiled package that is not plain data (xpath-store.ts).
  `string-join((string(count($nodes) gt 2), string(count($nodes/@code) ge 4), string(count($nodes[@code = '2']) lt 1), string(count($nodes) eq 3)), ',')`,
];

let selfTest: boolean | undefined;

/** Whether the compiled path (with the collation rewrite) agrees with `evaluate` here. */
export function compiledPathAgrees(): boolean {
  if (selfTest !== undefined) return selfTest;
  const xpath = SaxonJS.XPath;
  if (typeof xpath.compile !== 'function' || typeof xpath.evaluateOnly !== 'function') return (selfTest = false);
  try {
    const nodes = xpath.evaluate(`parse-xml('<r><a code="1"><b code="2"/></a><c code="2"/><a code="3"/></r>')/r/*`, null, { resultForm: 'xdm' });
    selfTest = SELF_TEST.every((expr) => {
      const params = { nodes };
      const expected = xpath.evaluate(expr, null, { params, resultForm: 'default' });
      const compiled = compileWithParams(expr, {}, Object.keys(params));
      const actual = (xpath.evaluateOnly as NonNullable<typeof xpath.evaluateOnly>)(compiled, null, { params, resultForm: 'default' });
      return typeof expected === 'string' && expected.length > 0 && actual === expected;
    });
  } catch {
    selfTest = false;
  }
  return selfTest;
}

let storedTest: boolean | undefined;

/**
 * Whether packages stored as JSON and parsed again (xpath-store.ts) agree with `evaluate` on
 * the self-test expressions, one of which holds the XdmInteger that storing must rebuild.
 */
export function storedPathAgrees(): boolean {
  if (storedTest !== undefined) return storedTest;
  if (!compiledPathAgrees()) return (storedTest = false);
  const xpath = SaxonJS.XPath;
  try {
    const nodes = xpath.evaluate(`parse-xml('<r><a code="1"><b code="2"/></a><c code="2"/><a code="3"/></r>')/r/*`, null, { resultForm: 'xdm' });
    let integers = 0;
    storedTest = SELF_TEST.every((expr) => {
      const params = { nodes };
      const expected = xpath.evaluate(expr, null, { params, resultForm: 'default' });
      const text = serialisePackage(compileWithParams(expr, {}, Object.keys(params)));
      if (text === undefined) return false;
      integers += text.split('__dcc_xdm_integer').length - 1;
      const actual = (xpath.evaluateOnly as NonNullable<typeof xpath.evaluateOnly>)(revivePackage(text), null, { params, resultForm: 'default' });
      return typeof expected === 'string' && expected.length > 0 && actual === expected;
    }) && integers > 0;
  } catch {
    storedTest = false;
  }
  return storedTest;
}

/** Compiles `expr` as a package with `names` declared as parameters and the collation rewrite applied. */
export function compileWithParams(expr: string, namespaces: Record<string, string>, names: readonly string[]): CompiledXPathPackage {
  const xpath = SaxonJS.XPath;
  const declared: Record<string, unknown> = {};
  for (const name of names) declared[name] = PLACEHOLDER;
  const compiled = (xpath.compile as NonNullable<typeof xpath.compile>)(expr, { namespaceContext: namespaces, params: declared }, true);
  renameCodepointCollation(compiled);
  return compiled;
}

export class CompiledXPaths {
  private readonly packages = new Map<string, CompiledXPathPackage>();
  private readonly compiledPath = compiledPathAgrees();
  /** Packages stored by earlier processes, used only when the stored path passed its self-test. */
  private readonly stored: StoredXPaths | undefined;

  constructor(
    private readonly namespaces: Record<string, string>,
    stored?: StoredXPaths,
  ) {
    this.stored = stored && storedPathAgrees() ? stored : undefined;
  }

  /** Writes the packages compiled since the last call to the store, if there is one. */
  save(): Promise<void> {
    return this.stored?.save() ?? Promise.resolve();
  }

  /** Number of distinct expressions compiled so far (for tests and benchmarks). */
  get size(): number {
    return this.packages.size;
  }

  /** Whether expressions are compiled once (false: each evaluation compiles, see above). */
  get compiling(): boolean {
    return this.compiledPath;
  }

  evaluate(expr: string, context: unknown, params: Record<string, unknown>, resultForm: ResultForm): unknown {
    // saxon-js implements `castable as` (the kit's timestamp rules test a dozen substrings per
    // timestamp) and other recoverable checks by throwing and catching an Error; capturing
    // each one's stack trace was a tenth of StrucMin's time. No stack is captured while an
    // expression runs (the engine reports codes and messages only); the limit is restored
    // before returning, and evaluation is synchronous, so no other code runs meanwhile.
    const limit = Error.stackTraceLimit;
    if (typeof limit !== 'number') return this.evaluateXPath(expr, context, params, resultForm);
    Error.stackTraceLimit = 0;
    try {
      return this.evaluateXPath(expr, context, params, resultForm);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  private evaluateXPath(expr: string, context: unknown, params: Record<string, unknown>, resultForm: ResultForm): unknown {
    const xpath = SaxonJS.XPath;
    if (!this.compiledPath || expr.includes('collation')) return xpath.evaluate(expr, context, { namespaceContext: this.namespaces, params, resultForm });
    // The parameters are declared at compile time (as item()*, with a placeholder value, as
    // saxon-js's own compile does for free variables): compiling with undeclared variables
    // fails inside saxon-js as soon as the expression binds its own (let/for/every). One
    // package per expression and set of parameter names.
    const names = Object.keys(params);
    const key = `${expr}\u0000${names.join('\u0000')}`;
    let compiled = this.packages.get(key);
    if (!compiled) {
      compiled = this.stored?.take(key);
      if (!compiled) {
        compiled = compileWithParams(expr, this.namespaces, names);
        this.stored?.add(key, compiled); // before its first evaluation adds closures and parent links
      }
      this.packages.set(key, compiled);
    }
    try {
      return (xpath.evaluateOnly as NonNullable<typeof xpath.evaluateOnly>)(compiled, context, { namespaceContext: this.namespaces, params, resultForm });
    } catch (error) {
      // A variable nobody declared is a free variable to the compiled package (SXJS9999 at
      // run time); `evaluate` reports it as the kit's XSLT compiler would (XPST0008).
      if ((error as { code?: unknown })?.code === MISSING_PARAMETER) return xpath.evaluate(expr, context, { namespaceContext: this.namespaces, params, resultForm });
      throw error;
    }
  }
}
