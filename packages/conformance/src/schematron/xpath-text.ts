/**
 * Text-level operations on XPath expressions taken from the kit's schematrons.
 *
 * The engine hands every expression to saxon-js, a real XPath 3.1 processor; it only needs
 * to see the *shape* of an expression in a few places (top-level unions of a rule context,
 * the first step of a match pattern, calls to resource functions, regular-expression
 * literals). These helpers scan the text while skipping string literals and comments, which
 * is all those places need. They never try to understand the rest of the grammar.
 */

/** Calls `visit` for every character position outside string literals and XPath comments. */
function scanCode(expr: string, visit: (index: number, depth: number) => void): void {
  let depth = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '"' || c === "'") {
      // XPath escapes a quote inside a literal by doubling it.
      let j = i + 1;
      while (j < expr.length) {
        if (expr[j] === c) {
          if (expr[j + 1] === c) j += 2;
          else break;
        } else j++;
      }
      i = j;
      continue;
    }
    if (c === '(' && expr[i + 1] === ':') {
      // XPath comments nest.
      let nesting = 1;
      let j = i + 2;
      while (j < expr.length && nesting > 0) {
        if (expr[j] === '(' && expr[j + 1] === ':') { nesting++; j += 2; }
        else if (expr[j] === ':' && expr[j + 1] === ')') { nesting--; j += 2; }
        else j++;
      }
      i = j - 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    visit(i, depth);
    if (c === ')' || c === ']' || c === '}') depth--;
  }
}

/** Splits `a | b | c` at top-level `|` operators (not inside predicates, calls or strings). */
export function splitTopLevelUnion(expr: string): string[] {
  const parts: string[] = [];
  let start = 0;
  scanCode(expr, (i, depth) => {
    if (depth === 0 && expr[i] === '|' && expr[i + 1] !== '|' && expr[i - 1] !== '|') {
      parts.push(expr.slice(start, i).trim());
      start = i + 1;
    }
  });
  parts.push(expr.slice(start).trim());
  return parts;
}

const NAME_START = /[A-Za-z_\u00C0-\uFFFF]/;
const NAME_CHAR = /[A-Za-z0-9_.\-\u00B7\u00C0-\uFFFF]/;

/** Index of the parenthesis that closes the one at `open`, skipping strings and comments. */
function closingParen(expr: string, open: number): number {
  let close = -1;
  let base = -1;
  scanCode(expr, (i, depth) => {
    if (close >= 0 || i < open) return;
    if (i === open) base = depth;
    else if (expr[i] === ')' && depth === base) close = i;
  });
  if (close < 0) throw new SyntaxError(`Unbalanced parenthesis in XPath expression: ${expr}`);
  return close;
}

/**
 * Finds calls to the named functions (unprefixed or with the `fn:` prefix), outermost first
 * in source order. Returns the name, the span of the whole call and the argument text.
 */
export function findFunctionCalls(expr: string, names: readonly string[]): Array<{ name: string; start: number; end: number; args: string }> {
  const calls: Array<{ name: string; start: number; end: number; args: string }> = [];
  const candidates: number[] = [];
  scanCode(expr, (i) => {
    if (NAME_START.test(expr[i] ?? '') && !NAME_CHAR.test(expr[i - 1] ?? ' ') && expr[i - 1] !== ':' && expr[i - 1] !== '$') candidates.push(i);
  });
  for (const start of candidates) {
    let j = start;
    while (j < expr.length && (NAME_CHAR.test(expr[j] ?? '') || expr[j] === ':')) j++;
    let qname = expr.slice(start, j);
    if (qname.startsWith('fn:')) qname = qname.slice(3);
    if (!names.includes(qname)) continue;
    let k = j;
    while (expr[k] === ' ' || expr[k] === '\t' || expr[k] === '\n' || expr[k] === '\r') k++;
    if (expr[k] !== '(') continue;
    const end = closingParen(expr, k);
    if (calls.some((c) => start > c.start && start < c.end)) continue; // nested inside an earlier match
    calls.push({ name: qname, start, end: end + 1, args: expr.slice(k + 1, end) });
  }
  return calls;
}

/** Names of the variables an expression refers to (`$name`), for ordering global lets. */
export function variableReferences(expr: string): Set<string> {
  const refs = new Set<string>();
  scanCode(expr, (i) => {
    if (expr[i] !== '$') return;
    let j = i + 1;
    while (j < expr.length && (NAME_CHAR.test(expr[j] ?? '') || expr[j] === ':')) j++;
    if (j > i + 1) refs.add(expr.slice(i + 1, j));
  });
  return refs;
}

/** Error namespace used by the rewritten resource functions to ask the driver for a file. */
export const ENGINE_ERROR_NS = 'urn:dcc-kit:conformance-engine';
export const NEED_RESOURCE = 'NEED-RESOURCE';
export const ABSENT_RESOURCE = 'ABSENT-RESOURCE';
/** The parameter holding the map (relative URI → document node, or false() when known absent). */
export const RESOURCES_PARAM = '__dcc_resources';

const MAP_NS = 'http://www.w3.org/2005/xpath-functions/map';

/**
 * Rewrites `document()`, `doc()` and `doc-available()` into lookups in a map parameter.
 *
 * saxon-js evaluates XPath without XSLT's `document()` and without a way to plug in our
 * resource loader, so the engine resolves files itself: a lookup that misses raises the
 * error `NEED-RESOURCE` carrying the URI, the driver loads that file through its loader
 * (asynchronously: filesystem or fetch), adds it to the map and evaluates again. A file
 * known to be missing is `false()` in the map: `doc-available()` answers false and
 * `doc()`/`document()` raise `ABSENT-RESOURCE`, which the driver reports as an engine
 * error — the kit never passes silently when a value set cannot be read, nor do we.
 */
export function rewriteResourceFunctions(expr: string, counter = { next: 0 }): string {
  const calls = findFunctionCalls(expr, ['document', 'doc', 'doc-available']);
  if (calls.length === 0) return expr;
  let out = '';
  let last = 0;
  for (const call of calls) {
    const args = rewriteResourceFunctions(call.args, counter);
    const n = counter.next++;
    const u = `$__dcc_u${n}`;
    const lookup = (onFound: string) =>
      `(let ${u} := string(${'$'}__dcc_arg${n}) return if (Q{${MAP_NS}}contains($${RESOURCES_PARAM}, ${u})) then ${onFound} ` +
      `else error(QName('${ENGINE_ERROR_NS}', '${NEED_RESOURCE}'), ${u}))`;
    const fetchDoc = `(let $__dcc_v${n} := $${RESOURCES_PARAM}(${u}) return if ($__dcc_v${n} instance of node()) then $__dcc_v${n} ` +
      `else error(QName('${ENGINE_ERROR_NS}', '${ABSENT_RESOURCE}'), ${u}))`;
    let replacement: string;
    if (call.name === 'doc-available') {
      replacement = `(let $__dcc_arg${n} := (${args}) return ${lookup(`($${RESOURCES_PARAM}(${u}) instance of node())`)})`;
    } else if (call.name === 'doc') {
      replacement = `(for $__dcc_arg${n} in (${args}) return ${lookup(fetchDoc)})`;
    } else {
      // document(uris): each item of the first argument names a document. A second argument
      // (base node) is not used by the kit; refuse it rather than resolve differently.
      if (splitTopLevelArgs(args).length > 1) throw new SyntaxError('document() with a base-node argument is not supported');
      replacement = `(for $__dcc_arg${n} in (${args}) return ${lookup(fetchDoc)})`;
    }
    out += expr.slice(last, call.start) + replacement;
    last = call.end;
  }
  return out + expr.slice(last);
}

/** The parameter holding the text indexes of kit resources (see rewriteTextLookups). */
export const TEXT_INDEX_PARAM = '__dcc_text_index';
export const NEED_TEXT_INDEX = 'NEED-TEXT-INDEX';
/** Separates the resource URI from the element name in a text index key. */
export const TEXT_INDEX_KEY_SEPARATOR = '#//';
/** Separates the resource URI from the path in the key of a path's nodes (see rewriteTextLookups). */
export const PATH_KEY_SEPARATOR = '#path:';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces a look-up by text in a kit resource, `doc(U)//name[text() = string($v)]` as
 * rewriteResourceFunctions wrote it, by a look-up in an index of that resource built once:
 * the terminology rules scan a whole value set or RDF file that way for every code of the
 * document. `text() = string($v)` (a general comparison of untypedAtomic text nodes with a
 * string) is true when one text child's value is exactly that string, so the elements named
 * `name` under the document, keyed by the distinct values of their text children (in
 * document order, see TextIndexes), give the same nodes; `$v` is a variable, so the key does
 * not depend on the focus. The resource is still found (or reported missing) exactly as
 * before; an index not yet built raises NEED-TEXT-INDEX with its key, and the driver builds
 * it and evaluates again. `(…)/.` keeps document order without duplicates when U names
 * several documents. Not when another predicate follows (it would select by position among
 * siblings). Returns the expression unchanged when nothing has that shape.
 *
 * Likewise `doc(U)/p/a/t/h` (name and attribute tests, numeric positions, nothing else) reads
 * the nodes of that path found once per resource (the value-set rules compare a code with
 * `doc(U)/*\/valueSet/conceptList/concept/@code` for every code of the document).
 */
export function rewriteTextLookups(expr: string): { expr: string; rewritten: boolean } {
  if (!expr.includes('__dcc_arg')) return { expr, rewritten: false };
  const map = escapeRegex(`Q{${MAP_NS}}`);
  const absent = escapeRegex(`error(QName('${ENGINE_ERROR_NS}', '${ABSENT_RESOURCE}'), `);
  const need = escapeRegex(`error(QName('${ENGINE_ERROR_NS}', '${NEED_RESOURCE}'), `);
  const docFor =
    `\\(for \\$__dcc_arg(\\d+) in \\(((?:(?!\\(for \\$__dcc_arg).)*?)\\) return \\(let \\$__dcc_u\\1 := string\\(\\$__dcc_arg\\1\\) return if \\(${map}contains\\(\\$${RESOURCES_PARAM}, \\$__dcc_u\\1\\)\\) then ` +
      `\\(let \\$__dcc_v\\1 := \\$${RESOURCES_PARAM}\\(\\$__dcc_u\\1\\) return if \\(\\$__dcc_v\\1 instance of node\\(\\)\\) then \\$__dcc_v\\1 else ${absent}\\$__dcc_u\\1\\)\\) else ${need}\\$__dcc_u\\1\\)\\)\\)`;
  const byText = new RegExp(
    `${docFor}//((?:[A-Za-z_][\\w.-]*:)?[A-Za-z_][\\w.-]*)\\[\\s*text\\(\\)\\s*=\\s*string\\(\\s*\\$([A-Za-z_][\\w.-]*)\\s*\\)\\s*\\](?!\\s*\\[)`,
    'gs',
  );
  // A path of name tests, attribute tests and numeric positions only, ending there.
  const byPath = new RegExp(`${docFor}((?:/{1,2}@?(?:\\*|[A-Za-z_][\\w.-]*(?::[A-Za-z_][\\w.-]*)?)(?:\\[\\d+\\])?)+)(?![\\w.:\\-\\[/(])`, 'gs');
  let rewritten = false;
  const indexed = (n: string, uris: string, key: string, use: (index: string) => string) => {
    rewritten = true;
    const lookup =
      `(let $__dcc_k${n} := ${key} return if (${`Q{${MAP_NS}}`}contains($${TEXT_INDEX_PARAM}, $__dcc_k${n})) then ${use(`$${TEXT_INDEX_PARAM}($__dcc_k${n})`)} ` +
      `else error(QName('${ENGINE_ERROR_NS}', '${NEED_TEXT_INDEX}'), $__dcc_k${n}))`;
    return (
      `((for $__dcc_arg${n} in (${uris}) return (let $__dcc_u${n} := string($__dcc_arg${n}) return if (Q{${MAP_NS}}contains($${RESOURCES_PARAM}, $__dcc_u${n})) then ` +
      `(let $__dcc_v${n} := $${RESOURCES_PARAM}($__dcc_u${n}) return if ($__dcc_v${n} instance of node()) then ${lookup} else error(QName('${ENGINE_ERROR_NS}', '${ABSENT_RESOURCE}'), $__dcc_u${n})) ` +
      `else error(QName('${ENGINE_ERROR_NS}', '${NEED_RESOURCE}'), $__dcc_u${n})))/.)`
    );
  };
  const out = expr
    .replace(byText, (_whole, n: string, uris: string, name: string, variable: string) =>
      indexed(n, uris, `concat($__dcc_u${n}, '${TEXT_INDEX_KEY_SEPARATOR}${name}')`, (index) => `${index}(string($${variable}))`),
    )
    .replace(byPath, (_whole, n: string, uris: string, path: string) => indexed(n, uris, `concat($__dcc_u${n}, '${PATH_KEY_SEPARATOR}${path}')`, (index) => index));
  return { expr: out, rewritten };
}

/** What finds the nodes of a path key: the path from `$__dcc_doc`. */
export function pathLookupBuilder(path: string): string {
  return `$__dcc_doc${path}`;
}

/** What builds a text index: the `name` elements of `$__dcc_doc` by the distinct values of their text children. */
export function textIndexBuilder(name: string): string {
  return `Q{${MAP_NS}}merge(for $__dcc_e in $__dcc_doc//${name} return (for $__dcc_t in distinct-values($__dcc_e/text() ! string(.)) return Q{${MAP_NS}}entry($__dcc_t, $__dcc_e)), map{'duplicates': 'combine'})`;
}

/** Splits a function's argument text at top-level commas. */
export function splitTopLevelArgs(args: string): string[] {
  const parts: string[] = [];
  let start = 0;
  scanCode(args, (i, depth) => {
    if (depth === 0 && args[i] === ',') {
      parts.push(args.slice(start, i).trim());
      start = i + 1;
    }
  });
  const tail = args.slice(start).trim();
  if (tail || parts.length) parts.push(tail);
  return parts;
}

/**
 * Applies Java's reading of regular expressions that JavaScript rejects, so that results
 * agree with the kit (Saxon on Java). The only such construct in the kit is a quantifier
 * directly after an anchor, as in `'^-?[1-9]\d*$|^+?\d*$'`: Java quantifies the zero-width
 * anchor (a no-op: `^+?` is `^`), JavaScript raises "Nothing to repeat". We drop quantifiers
 * that follow `^` or `$` outside character classes, inside string literals only.
 */
export function applyJavaRegexReading(expr: string): string {
  return expr.replace(/'((?:[^']|'')*)'|"((?:[^"]|"")*)"/g, (literal: string, single?: string, double?: string) => {
    const body = single ?? double ?? '';
    const fixed = dropAnchorQuantifiers(body);
    if (fixed === body) return literal;
    const quote = single !== undefined ? "'" : '"';
    return quote + fixed + quote;
  });
}

function dropAnchorQuantifiers(regex: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < regex.length; i++) {
    const c = regex[i] as string;
    if (c === '\\') { out += c + (regex[i + 1] ?? ''); i++; continue; }
    if (inClass) { if (c === ']') inClass = false; out += c; continue; }
    if (c === '[') { inClass = true; out += c; continue; }
    out += c;
    if (c === '^' || c === '$') {
      // Skip a quantifier (+ * ? or {n,m}) and its lazy/possessive suffix.
      let j = i + 1;
      const quant = /^(?:[+*?]|\{\d+(?:,\d*)?\})[?+]?/.exec(regex.slice(j));
      if (quant) { j += quant[0].length; i = j - 1; }
    }
  }
  return out;
}

export interface FirstStepNameTest {
  /** Namespace prefix as written, `*` for any namespace, or '' for no prefix (no namespace). */
  prefix: string;
  /** Local name, or `*`. */
  local: string;
}

export interface FirstStep extends FirstStepNameTest {
  /** The name test as written, without a `child::` axis (e.g. `cda:section`, `*`). */
  nameTest: string;
  /** Predicate bodies of the first step, in order, without the brackets. */
  predicates: string[];
  /** What follows the first step (`/…`, `//…` or ''). */
  rest: string;
}

/**
 * Splits a relative match-pattern branch whose first step is a child-axis name test
 * (`cda:section[...]/...`, `*`, `child::x`) into that step's parts; undefined for anything
 * else (absolute patterns, `@attr`, `text()`, parenthesised or function-call patterns...).
 */
export function parseFirstStep(branch: string): FirstStep | undefined {
  const m = /^(?:child::)?((?:(\*|[A-Za-z_][\w.-]*):)?(\*|[A-Za-z_][\w.-]*))/.exec(branch);
  if (!m) return undefined;
  let i = m[0].length;
  const predicates: string[] = [];
  for (;;) {
    while (/\s/.test(branch[i] ?? '')) i++;
    if (branch[i] !== '[') break;
    let end = -1;
    scanCode(branch.slice(i), (j, depth) => {
      if (end < 0 && branch[i + j] === ']' && depth === 1) end = j;
    });
    if (end < 0) return undefined;
    predicates.push(branch.slice(i + 1, i + end).trim());
    i += end + 1;
  }
  const rest = branch.slice(i).trim();
  if (rest !== '' && !rest.startsWith('/')) return undefined; // e.g. a function call or another axis
  return { nameTest: m[1] as string, prefix: m[2] ?? '', local: m[3] as string, predicates, rest };
}

/**
 * The top-level (depth 0) code of an expression, with strings and the contents of nested
 * groups blanked; with `keepBrackets`, the brackets of the top-level groups stay visible.
 */
function topLevelCode(expr: string, keepBrackets = false): string {
  const chars: string[] = new Array<string>(expr.length).fill(' '); // native fill: a new process plans rules with cold code
  scanCode(expr, (i, depth) => {
    const c = expr[i] as string;
    if (depth === 0 || (keepBrackets && depth === 1 && '()[]{}'.includes(c))) chars[i] = c;
  });
  return chars.join('');
}

const BOOLEAN_FUNCTIONS = /^(?:fn:)?(?:not|exists|empty|contains|starts-with|ends-with|matches|boolean|true|false|every|some)\b/;

const NAME = '[A-Za-z_][\\w.-]*';
const NAME_TEST = `(?:(?:${NAME}|\\*):)?(?:${NAME}|\\*)`;
const PATH_STEP = `(?:\\.\\.?|@${NAME_TEST}|(?:${NAME}::)?(?:(?:text|node|comment)\\(\\s*\\)|${NAME_TEST}))(?:\\s*\\[\\s*\\])*`;
const PATH = `(?:\\/\\/?\\s*)?${PATH_STEP}(?:\\s*\\/\\/?\\s*${PATH_STEP})*`;
/** Location paths and unions of them, on top-level code whose groups are blanked but bracketed. */
const PLAIN_PATHS = new RegExp(`^\\s*${PATH}(?:\\s*\\|\\s*${PATH})*\\s*$`);

/**
 * Whether a predicate certainly has a boolean or node-sequence value and does not read the
 * context position or size, so that it never selects by position: then evaluating the step
 * from a pre-filtered candidate list gives the same nodes as evaluating it among all
 * siblings. Conservative: unknown shapes (numbers, function calls with other results, any
 * call of position() or last(), even nested) answer false.
 */
export function isNonPositionalPredicate(predicate: string): boolean {
  try {
    // From a pre-filtered list, position() and last() are always 1, whatever the value's type.
    if (findFunctionCalls(predicate, ['position', 'last']).length > 0) return false;
  } catch {
    return false;
  }
  const unwrapped = predicate.trim();
  if (unwrapped.startsWith('(')) {
    try {
      if (closingParen(unwrapped, 0) === unwrapped.length - 1) return isNonPositionalPredicate(unwrapped.slice(1, -1));
    } catch {
      return false;
    }
  }
  const top = topLevelCode(predicate);
  // Operators binding more loosely than comparisons, whose value may be a number: sequences,
  // if/for/let expressions.
  if (top.includes(',') || /^\s*(?:if\s*\(|for\s+\$|let\s+\$)/.test(top)) return false;
  if (/!=|<|(?<!=)>|=(?!>)|\s(?:and|or|eq|ne|lt|le|gt|ge|is)\s/.test(top)) return true;
  const trimmed = predicate.trim();
  if (BOOLEAN_FUNCTIONS.test(trimmed) && /^[^(]*\([\s\S]*\)$/.test(trimmed)) {
    // A single call spanning the whole predicate: nothing may follow its closing parenthesis.
    const open = trimmed.indexOf('(');
    try {
      return closingParen(trimmed, open) === trimmed.length - 1;
    } catch {
      return false;
    }
  }
  // A plain path (node sequence): steps of names, `@`, `*`, `.`, `..`, `/`, kind tests and
  // predicates only, possibly in a union.
  return PLAIN_PATHS.test(topLevelCode(predicate, true));
}

/**
 * The templateId root a predicate requires, when the predicate is (or starts a top-level
 * `and` chain with) `prefix:templateId/@root = 'literal'`. The kit identifies almost every
 * IHE and CI-SIS template that way; the engine turns it into an index lookup.
 */
export function requiredTemplateIdRoot(predicate: string): { prefix: string; root: string } | undefined {
  const m = /^\s*(?:([A-Za-z_][\w.-]*):)?templateId\s*\/\s*@root\s*=\s*(?:'([^']*)'|"([^"]*)")/.exec(predicate);
  if (!m) return undefined;
  const after = predicate.slice(m[0].length);
  const top = topLevelCode(after);
  if (/\sor\s/.test(` ${top} `)) return undefined;
  if (after.trim() !== '' && !/^\s*and\s/.test(after)) return undefined;
  return { prefix: m[1] ?? '', root: (m[2] ?? m[3]) as string };
}

/**
 * The templateId root a predicate requires, in either form the kit writes:
 * `prefix:templateId/@root = 'literal'` (requiredTemplateIdRoot) or
 * `prefix:templateId[@root = 'literal']` (a node test whose effective boolean value is true
 * exactly when such a child exists), alone or first in a top-level `and` chain.
 */
export function requiredTemplateId(predicate: string): { prefix: string; root: string } | undefined {
  const written = requiredTemplateIdRoot(predicate);
  if (written) return written;
  const m = /^\s*(?:([A-Za-z_][\w.-]*):)?templateId\s*\[\s*@root\s*=\s*(?:'([^']*)'|"([^"]*)")\s*\]/.exec(predicate);
  if (!m) return undefined;
  const after = predicate.slice(m[0].length);
  if (/\sor\s/.test(` ${topLevelCode(after)} `)) return undefined;
  if (after.trim() !== '' && !/^\s*and\s/.test(after)) return undefined;
  return { prefix: m[1] ?? '', root: (m[2] ?? m[3]) as string };
}

/** An absolute descendant step `//prefix:name` replaced by a variable (see rewriteAbsoluteDescendants). */
export interface SharedElementSet {
  readonly variable: string;
  /** Namespace URI, or `*` for `//*:name`. */
  readonly namespace: string;
  readonly local: string;
}

const KEYWORDS_BEFORE_PATH = /(?:^|[^\w.-])(?:and|or|return|satisfies|then|else|in)$/;

/**
 * Replaces `//prefix:name` (optionally followed by predicates that cannot select by position,
 * then anything) by `$variable`, where the caller binds the variable to every element of that
 * name in the context node's document, in document order: `//p:x` is
 * `(root(.) treat as document-node())/descendant-or-self::node()/child::p:x`, the same nodes,
 * and `//p:x[pred]/rest` is `(that)[pred]/rest` when `pred` does not read position() or
 * last() and is not numeric (isNonPositionalPredicate). Only occurrences whose focus is
 * certainly the focus of the whole expression are replaced: not inside a predicate or an
 * enclosed expression, not in parentheses that are the right-hand side of `/` or `!`, and
 * starting an operand (after `(`, `,`, a comparison, `|`, or and/or/return/satisfies/then/else/in).
 * With `relative`, `.//prefix:name` (the context node's descendants, the FRCP layer's 30 templateId checks on
 * one node each walking the whole body) becomes the variable's elements having the context
 * node as an ancestor, under the same conditions.
 * The caller evaluates the result only with a context node of the document it bound.
 * Returns the expression unchanged (and no sets) when nothing qualifies.
 */
export function rewriteAbsoluteDescendants(
  expr: string,
  namespaces: Record<string, string>,
  variableFor: (namespace: string, local: string) => string,
  options: { readonly relative?: boolean } = {},
): { expr: string; sets: SharedElementSet[] } {
  // Enclosing groups of each position: the opening bracket and what precedes it.
  if (!expr.includes('//')) return { expr, sets: [] };
  const groups: Array<{ open: string; afterStep: boolean }> = [];
  const candidates: Array<{ start: number; safe: boolean; relative: boolean }> = [];
  // The last character outside strings and comments that is not white space ('' at the start),
  // and the one before it.
  let previous = '';
  let beforePrevious = '';
  scanCode(expr, (i) => {
    const c = expr[i] as string;
    if (c === '(' || c === '[' || c === '{') {
      groups.push({ open: c, afterStep: previous === '/' || previous === '!' });
    } else if (c === ')' || c === ']' || c === '}') {
      groups.pop();
    } else if (options.relative && c === '/' && expr[i + 1] === '/' && expr[i - 1] === '.' && !/[\w.)\]$@*-]/.test(expr[i - 2] ?? '')) {
      // `.//name`: the context item (a `.` starting an operand), then its descendants.
      const startsOperand = beforePrevious === '' || '(,=<>|'.includes(beforePrevious) || KEYWORDS_BEFORE_PATH.test(expr.slice(Math.max(0, i - 13), i - 1).trimEnd());
      const safe = startsOperand && groups.every((g) => g.open === '(' && !g.afterStep);
      candidates.push({ start: i - 1, safe, relative: true });
    } else if (c === '/' && expr[i + 1] === '/' && expr[i - 1] !== '/') {
      const startsOperand = previous === '' || '(,=<>|'.includes(previous) || KEYWORDS_BEFORE_PATH.test(expr.slice(Math.max(0, i - 12), i).trimEnd());
      const safe = startsOperand && groups.every((g) => g.open === '(' && !g.afterStep);
      candidates.push({ start: i, safe, relative: false });
    }
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') {
      beforePrevious = previous;
      previous = c;
    }
  });
  const sets = new Map<string, SharedElementSet>();
  let out = '';
  let last = 0;
  for (const { start, safe, relative } of candidates) {
    if (!safe || start < last) continue;
    const m = /^\.?\/\/((\*|[A-Za-z_][\w.-]*):([A-Za-z_][\w.-]*))(?![\w.:(-])/.exec(expr.slice(start));
    if (!m) continue;
    const prefix = m[2] as string;
    // `*:name`: elements of that local name in any namespace (or none).
    const namespace = prefix === '*' ? '*' : namespaces[prefix];
    if (namespace === undefined) continue;
    const predicates = predicatesAfter(expr, start + m[0].length);
    if (predicates === undefined || !predicates.every(isNonPositionalPredicate)) continue;
    const local = m[3] as string;
    const variable = variableFor(namespace, local);
    sets.set(variable, { variable, namespace, local });
    // `.//x` is every x below the context node: the document's x having it as an ancestor.
    const replacement = relative ? `(let $__dcc_focus := . return $${variable}[ancestor::node() intersect $__dcc_focus])` : `$${variable}`;
    out += `${expr.slice(last, start)}${replacement}`;
    last = start + m[0].length;
  }
  return { expr: out + expr.slice(last), sets: [...sets.values()] };
}

/** The bodies of the predicates that directly follow position `from`; undefined if unbalanced. */
function predicatesAfter(expr: string, from: number): string[] | undefined {
  const predicates: string[] = [];
  let i = from;
  for (;;) {
    while (/\s/.test(expr[i] ?? '')) i++;
    if (expr[i] !== '[') return predicates;
    let end = -1;
    const tail = expr.slice(i);
    scanCode(tail, (j, depth) => {
      if (end < 0 && tail[j] === ']' && depth === 1) end = j;
    });
    if (end < 0) return undefined;
    predicates.push(tail.slice(1, end).trim());
    i += end + 1;
  }
}

/** The parameter bound to the elements having the attribute of sharedDescendantTest's `attribute`. */
export const ATTRIBUTED_PARAM = '__dcc_attributed';

/**
 * The ART-DECOR datatype rules' nullFlavor test, `every $e in descendant-or-self::* satisfies
 * $e[PRED]` as a whole check, where PRED reads only the element it is about (no variable, no
 * position() or last(), a boolean or node-sequence value): the elements of the document for
 * which PRED is false do not depend on the rule node, so they are found once per document
 * (`violations`, evaluated from the document node) and the check becomes "none of them is
 * the rule node or below it" (`check`, reading the variable). When PRED starts with
 * `not(@NAME) or`, `attribute.violations` finds the same nodes among the elements having
 * @NAME only (attributeRequiredForFalse). Undefined for any other shape.
 */
export function sharedDescendantTest(expr: string, variable: string): { predicate: string; violations: string; check: string; attribute?: { local: string; violations: string } } | undefined {
  const m = /^boolean\(\s*every\s+\$([A-Za-z_][\w.-]*)\s+in\s+descendant-or-self::\*\s+satisfies\s+\$([A-Za-z_][\w.-]*)\s*(?=\[)/.exec(expr);
  if (!m || m[1] !== m[2]) return undefined;
  const predicates = predicatesAfter(expr, m[0].length);
  if (predicates?.length !== 1) return undefined;
  const predicate = predicates[0] as string;
  // The predicate must be the last thing in the satisfies clause: `[PRED]` then `)`.
  const afterOpen = m[0].length;
  let close = -1;
  const tail = expr.slice(afterOpen);
  scanCode(tail, (j, depth) => {
    if (close < 0 && tail[j] === ']' && depth === 1) close = afterOpen + j;
  });
  if (close < 0 || expr.slice(close + 1).trim() !== ')') return undefined;
  if (variableReferences(predicate).size > 0 || !isNonPositionalPredicate(predicate)) return undefined;
  if (findFunctionCalls(predicate, ['current', 'document', 'doc', 'doc-available', 'collection', 'function-lookup']).length > 0) return undefined;
  const attribute = attributeRequiredForFalse(predicate);
  return {
    predicate,
    violations: `//*[not(${predicate})]`,
    check: `boolean(let $__dcc_here := . return empty($${variable}[ancestor-or-self::node() intersect $__dcc_here]))`,
    // The same nodes from the elements having that attribute, bound to $__dcc_attributed.
    ...(attribute ? { attribute: { local: attribute, violations: `$${ATTRIBUTED_PARAM}[not(${predicate})]` } } : {}),
  };
}

/**
 * The attribute a predicate is certainly true without: `NAME` when the predicate is a
 * top-level `or` chain whose first operand is `not(@NAME)` (NAME without prefix). An element
 * lacking that attribute makes the first operand true, so `//*[not(PRED)]` selects only
 * elements having it (the same nodes, in the same order, from those elements).
 */
export function attributeRequiredForFalse(predicate: string): string | undefined {
  let body = predicate.trim();
  // A parenthesis around the whole predicate changes nothing (`(not(@a) or b)`).
  while (body.startsWith('(')) {
    try {
      if (closingParen(body, 0) !== body.length - 1) break;
    } catch {
      return undefined;
    }
    body = body.slice(1, -1).trim();
  }
  const first = /^not\s*\(\s*@([A-Za-z_][\w.-]*)\s*\)\s+or\s/.exec(body);
  if (!first) return undefined;
  // `or` is the loosest binary operator: `not(@a) or X` has not(@a) as its first operand
  // whatever X holds, unless a top-level comma makes the whole a sequence.
  if (topLevelCode(body).includes(',')) return undefined;
  return first[1];
}

/** A location step as written (`hl7:addr[…]`, `self::x[…]`, `@code`, `..`), with predicates. */
const STEP_CODE = new RegExp(`^\\s*(?:\\.\\.?|(?:@|${NAME}::)?(?:(?:text|node|comment)\\(\\s*\\)|${NAME_TEST}))(?:\\s*\\[\\s*\\])*\\s*$`);

/**
 * Splits a relative path `start/step/…//step` at its top-level `/` operators: `start`, then
 * each following location step with whether it came after `//`. Undefined unless every
 * step after `start` is a plain location step (an axis or `@`, a name or kind test,
 * predicates): then `start/s1/…/sn` is `((start/s1)/…)/sn` (the path operator associates to
 * the left), so each prefix's nodes can be found once and the next step applied to them.
 */
export function splitPathSteps(expr: string): { start: string; steps: Array<{ step: string; descendant: boolean }> } | undefined {
  const cuts: number[] = [];
  scanCode(expr, (i, depth) => {
    if (depth === 0 && expr[i] === '/') cuts.push(i);
  });
  const pieces: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    pieces.push(expr.slice(from, cut));
    from = cut + 1;
  }
  pieces.push(expr.slice(from));
  const start = (pieces[0] ?? '').trim();
  if (start === '') return undefined; // absolute path
  const steps: Array<{ step: string; descendant: boolean }> = [];
  let descendant = false;
  for (let k = 1; k < pieces.length; k++) {
    const piece = pieces[k] as string;
    if (piece.trim() === '') {
      // `a//b`: one empty piece between the two slashes; a third slash is a syntax error.
      if (descendant || k === pieces.length - 1) return undefined;
      descendant = true;
      continue;
    }
    if (!STEP_CODE.test(topLevelCode(piece, true))) return undefined;
    steps.push({ step: piece.trim(), descendant });
    descendant = false;
  }
  return { start, steps };
}
