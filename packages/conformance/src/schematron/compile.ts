/**
 * Compiles a kit schematron the way the kit's ISO pipeline does (iso_dsdl_include.xsl →
 * iso_abstract_expand.xsl → iso_svrl_for_xslt2.xsl), into the data of model.ts:
 *
 * - `include`: replaced by the root element of the referenced file when that root is a
 *   schematron element (hrefs relative to the including file); `#id` fragments supported;
 * - abstract patterns: `is-a` instances get a copy of the abstract pattern's content, with
 *   each `param` substituted in turn, as plain text, into the `value`, `flag`, `test`,
 *   `context` and `select` attributes and into text (the iso_abstract_expand behaviour);
 * - phases: the `defaultPhase`'s `active` patterns, or all patterns;
 * - `let`: schema and pattern level become global variables, rule level stay local;
 * - `extends`: the abstract rule's content inlined in place (a rule of the same pattern
 *   first, otherwise any rule with that id), recursively.
 *
 * Anything else the kit does not use (`diagnostics`, `documents`, `key`, foreign content in
 * lets) is refused with an error, never ignored.
 */
import SaxonJS from '#saxon';
import type { ResourceLoader } from '../loader.js';
import { type CheckItem, type CompiledPattern, type CompiledRule, type CompiledSchema, COMPILED_SCHEMA_FORMAT, type MatchBranch, type MessagePart, type RuleItem } from './model.js';
import { applyJavaRegexReading, isNonPositionalPredicate, parseFirstStep, requiredTemplateId, rewriteResourceFunctions, splitTopLevelUnion } from './xpath-text.js';
import { dirname, joinKitPath } from './paths.js';

export const SCHEMATRON_NS = 'http://purl.oclc.org/dsdl/schematron';

/** A schematron element after include resolution, detached from any DOM implementation. */
interface SchElement {
  readonly local: string;
  readonly ns: string;
  readonly attrs: Map<string, string>;
  children: SchChild[];
  /** Kit-relative file the element comes from (for error messages). */
  readonly file: string;
}
type SchChild = SchElement | string;

export class SchematronCompileError extends Error {
  override readonly name = 'SchematronCompileError';
}

/** Namespaces every compiled XSLT 2 schematron has in scope besides its own `<ns>`. */
const BUILT_IN_NAMESPACES: Record<string, string> = {
  xs: 'http://www.w3.org/2001/XMLSchema',
  xsd: 'http://www.w3.org/2001/XMLSchema',
  saxon: 'http://saxon.sf.net/',
};

const DOM_ELEMENT = 1;
const DOM_TEXT = 3;
const DOM_CDATA = 4;

async function parseXml(text: string): Promise<Document> {
  return SaxonJS.getResource({ text, type: 'xml' });
}

function convert(node: Element, file: string): SchElement {
  const attrs = new Map<string, string>();
  for (let i = 0; i < node.attributes.length; i++) {
    const a = node.attributes[i] as Attr;
    // xml:* and namespace declarations are not schematron data.
    if (a.name.startsWith('xmlns')) continue;
    attrs.set(a.localName ?? a.name, a.value);
  }
  const children: SchChild[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === DOM_ELEMENT) children.push(convert(c as Element, file));
    else if (c.nodeType === DOM_TEXT || c.nodeType === DOM_CDATA) children.push(c.nodeValue ?? '');
  }
  return { local: node.localName ?? node.nodeName, ns: node.namespaceURI ?? '', attrs, children, file };
}

const isSch = (c: SchChild, local?: string): c is SchElement => typeof c !== 'string' && c.ns === SCHEMATRON_NS && (local === undefined || c.local === local);

class Includer {
  readonly files: string[] = [];
  private readonly cache = new Map<string, SchElement>();
  constructor(private readonly loader: ResourceLoader) {}

  async load(path: string, from?: string): Promise<SchElement> {
    let root = this.cache.get(path);
    if (!root) {
      const text = await this.loader.readText(path);
      if (text === undefined) {
        throw new SchematronCompileError(`Cannot read ${path}${from ? ` (included from ${from})` : ''} in ${this.loader.description}`);
      }
      this.files.push(path);
      let doc: Document;
      try {
        doc = await parseXml(text);
      } catch (error) {
        throw new SchematronCompileError(`${path} is not well-formed XML: ${(error as Error).message}`);
      }
      root = convert(doc.documentElement, path);
      this.cache.set(path, root);
    }
    return this.resolve(root);
  }

  /** Returns a copy of `element` with every `include` replaced by what it designates. */
  private async resolve(element: SchElement): Promise<SchElement> {
    const children: SchChild[] = [];
    for (const child of element.children) {
      if (isSch(child, 'include')) {
        const href = child.attrs.get('href') ?? '';
        const [filePart, fragment] = href.split('#', 2) as [string, string | undefined];
        if (!filePart && !fragment) throw new SchematronCompileError(`include without href in ${child.file}`);
        const target = filePart ? await this.load(joinKitPath(dirname(child.file), filePart), child.file) : await this.resolve(element);
        let included: SchElement | undefined;
        if (fragment) {
          included = findById(target, fragment);
          if (!included) throw new SchematronCompileError(`include ${href} in ${child.file}: no schematron element with id "${fragment}"`);
        } else {
          included = isSch(target) ? target : undefined;
          if (!included) throw new SchematronCompileError(`include ${href} in ${child.file}: the file's root is not a schematron element`);
        }
        if (included.local === 'schema') throw new SchematronCompileError(`include ${href} in ${child.file}: a whole schema cannot be included`);
        children.push(included);
      } else if (typeof child === 'string') {
        children.push(child);
      } else {
        children.push(await this.resolve(child));
      }
    }
    return { ...element, children };
  }
}

function findById(element: SchElement, id: string): SchElement | undefined {
  if (isSch(element) && (element.attrs.get('id') === id)) return element;
  for (const child of element.children) {
    if (typeof child === 'string') continue;
    const found = findById(child, id);
    if (found) return found;
  }
  return undefined;
}

function* descendants(element: SchElement): Generator<SchElement> {
  for (const child of element.children) {
    if (typeof child === 'string') continue;
    yield child;
    yield* descendants(child);
  }
}

const normalizeSpace = (s: string) => s.replace(/[ \t\r\n]+/g, ' ').trim();

/** iso_abstract_expand: plain, sequential text substitution of `$name` by each param in turn. */
function substitute(text: string, params: ReadonlyArray<[string, string]>): string {
  let out = text;
  for (const [name, value] of params) out = out.split(`$${name}`).join(value);
  return out;
}

const SUBSTITUTED_ATTRIBUTES = new Set(['value', 'flag', 'test', 'context', 'select']);

function instantiate(element: SchElement, params: ReadonlyArray<[string, string]>): SchElement {
  const attrs = new Map<string, string>();
  for (const [k, v] of element.attrs) attrs.set(k, SUBSTITUTED_ATTRIBUTES.has(k) ? substitute(v, params) : v);
  return {
    ...element,
    attrs,
    children: element.children.map((c) => (typeof c === 'string' ? substitute(c, params) : instantiate(c, params))),
  };
}

/** Expands abstract patterns: returns the schema's top-level patterns as the XSLT step sees them. */
function expandPatterns(schema: SchElement): SchElement[] {
  const allPatterns = [...descendants(schema)].filter((e) => isSch(e, 'pattern'));
  const result: SchElement[] = [];
  for (const child of schema.children) {
    if (!isSch(child, 'pattern')) continue;
    if (child.attrs.get('abstract') === 'true') continue;
    const isA = child.attrs.get('is-a');
    if (isA === undefined) {
      result.push(child);
      continue;
    }
    const callerId = child.attrs.get('id') ?? '';
    const callers = allPatterns.filter((p) => p.attrs.get('id') === callerId && p.attrs.has('is-a'));
    if (callerId && callers.length > 1) {
      // The XSLT step looks params up by caller id; two callers with one id make it fail.
      throw new SchematronCompileError(`two patterns instantiate an abstract pattern with the same id "${callerId}" (${child.file})`);
    }
    const params: Array<[string, string]> = child.children.filter((c): c is SchElement => isSch(c, 'param')).map((p) => [p.attrs.get('name') ?? '', p.attrs.get('value') ?? '']);
    const abstracts = allPatterns.filter((p) => p.attrs.get('id') === isA);
    if (abstracts.length === 0) throw new SchematronCompileError(`pattern "${callerId}" (${child.file}) is-a "${isA}": no such abstract pattern`);
    for (const abstract of abstracts) {
      const attrs = new Map<string, string>([['id', callerId]]);
      result.push({ ...abstract, attrs, children: abstract.children.map((c) => (typeof c === 'string' ? substitute(c, params) : instantiate(c, params))) });
    }
  }
  return result;
}

function requireAttr(element: SchElement, name: string): string {
  const value = element.attrs.get(name);
  if (value === undefined) throw new SchematronCompileError(`<${element.local}> without @${name} in ${element.file}`);
  return value;
}

/** An XPath from the kit, adapted for saxon-js. */
function adapt(expr: string): string {
  return applyJavaRegexReading(rewriteResourceFunctions(expr));
}

/** A `let` with a `value` (the kit never gives a let element content). */
function compileLet(let_: SchElement): { name: string; expr: string } {
  if (!let_.attrs.has('value')) throw new SchematronCompileError(`<let name="${let_.attrs.get('name')}"> without @value is not supported (${let_.file})`);
  return { name: requireAttr(let_, 'name'), expr: adapt(requireAttr(let_, 'value')) };
}

function compileMessage(check: SchElement): MessagePart[] {
  const parts: MessagePart[] = [];
  const walk = (element: SchElement) => {
    for (const child of element.children) {
      if (typeof child === 'string') {
        // The skeleton copies message text into the generated XSLT, whose compiler then
        // strips whitespace-only text nodes (e.g. between two value-of).
        if (child.trim() !== '') parts.push({ text: child });
        continue;
      }
      if (child.ns !== SCHEMATRON_NS) throw new SchematronCompileError(`foreign element <${child.local}> in the message of an assert (${check.file})`);
      if (child.local === 'value-of') {
        const select = requireAttr(child, 'select');
        // xsl:value-of: atomise, then join with single spaces.
        parts.push({ expr: `string-join(for $__dcc_item in (${adapt(select)}) return string($__dcc_item), ' ')` });
      } else if (child.local === 'name') {
        const path = child.attrs.get('path');
        parts.push({ expr: path ? `name(${adapt(path)})` : 'name(.)' });
      } else if (child.local === 'emph' || child.local === 'dir' || child.local === 'span') {
        walk(child);
      } else {
        throw new SchematronCompileError(`<${child.local}> inside an assert/report message is not supported (${check.file})`);
      }
    }
  };
  walk(check);
  return parts;
}

interface RuleLookup {
  readonly local: ReadonlyMap<string, SchElement[]>;
  readonly global: ReadonlyMap<string, SchElement[]>;
}

function compileRuleItems(rule: SchElement, lookup: RuleLookup, stack: readonly string[] = []): RuleItem[] {
  const items: RuleItem[] = [];
  for (const child of rule.children) {
    if (!isSch(child)) continue;
    switch (child.local) {
      case 'let': {
        items.push({ kind: 'let', ...compileLet(child) });
        break;
      }
      case 'assert':
      case 'report': {
        if (child.attrs.has('diagnostics')) throw new SchematronCompileError(`@diagnostics is not supported (${child.file})`);
        const test = requireAttr(child, 'test');
        const item: CheckItem = {
          kind: child.local,
          test: normalizeSpace(test),
          expr: `boolean(${adapt(test)})`,
          role: child.attrs.get('role'),
          id: child.attrs.get('id'),
          message: compileMessage(child),
        };
        items.push(item);
        break;
      }
      case 'extends': {
        const id = child.attrs.get('rule');
        if (child.attrs.has('href')) throw new SchematronCompileError(`extends/@href is not supported (${child.file})`);
        if (!id) throw new SchematronCompileError(`<extends> without @rule in ${child.file}`);
        if (stack.includes(id)) throw new SchematronCompileError(`abstract rule "${id}" extends itself (${stack.join(' → ')})`);
        const targets = (lookup.local.get(id) ?? lookup.global.get(id) ?? []).filter((r) => r.attrs.get('abstract') === 'true');
        if (targets.length === 0) throw new SchematronCompileError(`extends rule="${id}" in ${child.file}: no abstract rule with that id`);
        for (const target of targets) items.push(...compileRuleItems(target, lookup, [...stack, id]));
        break;
      }
      case 'title':
      case 'p':
        break;
      default:
        throw new SchematronCompileError(`<${child.local}> inside a rule is not supported (${child.file})`);
    }
  }
  return items;
}

function compileMatch(context: string, namespaces: Record<string, string>): MatchBranch[] {
  const uriOf = (prefix: string) => {
    const uri = namespaces[prefix];
    if (uri === undefined) throw new SchematronCompileError(`undeclared namespace prefix "${prefix}" in rule context "${context}"`);
    return uri;
  };
  return splitTopLevelUnion(context).map((branch): MatchBranch => {
    // `//x…` selects what the relative pattern `x…` matches anywhere: same treatment.
    if (branch.startsWith('//') && parseFirstStep(branch.slice(2))) branch = branch.slice(2);
    const adapted = adapt(branch);
    if (branch.startsWith('/')) return { select: adapted };
    const step = parseFirstStep(branch);
    if (!step) {
      // Same meaning as an XSLT match pattern for the forms the kit could use here.
      return { select: `//(${adapted})` };
    }
    let namespace: string | '*';
    if (step.prefix === '*') namespace = '*';
    else if (step.prefix === '') namespace = step.local === '*' ? '*' : '';
    else namespace = uriOf(step.prefix);
    let templateId: { namespace: string; root: string } | undefined;
    for (const predicate of step.predicates) {
      const required = requiredTemplateId(predicate);
      if (required) {
        templateId = { namespace: required.prefix ? uriOf(required.prefix) : '', root: required.root };
        break;
      }
    }
    const candidates = templateId ? { namespace, local: step.local, templateId } : { namespace, local: step.local };
    if (step.predicates.every(isNonPositionalPredicate)) {
      // Predicates that cannot select by position: evaluate the first step on the
      // candidates themselves.
      const predicates = step.predicates.map((p) => `[${adapt(p)}]`).join('');
      return { select: `$__dcc_candidates/self::${step.nameTest}${predicates}${adapt(step.rest)}`, candidates };
    }
    // Otherwise evaluate the whole pattern from the candidates' parents: exactly the nodes
    // `//pattern` selects, positional predicates included.
    return { select: `($__dcc_candidates/..)/(${adapted})`, candidates };
  });
}

/**
 * Compiles the schematron at `path` (kit-relative) into a CompiledSchema.
 * `phase` overrides the schema's defaultPhase ('#ALL' for every pattern).
 */
export async function compileSchematron(loader: ResourceLoader, path: string, phase?: string): Promise<CompiledSchema> {
  const includer = new Includer(loader);
  const schema = await includer.load(path);
  if (!isSch(schema, 'schema')) throw new SchematronCompileError(`${path}: the root element is not an ISO schematron <schema>`);
  const binding = schema.attrs.get('queryBinding') ?? 'xslt';
  if (binding !== 'xslt2' && binding !== 'xpath2') throw new SchematronCompileError(`${path}: queryBinding "${binding}" is not supported (xslt2 expected)`);

  const namespaces: Record<string, string> = { ...BUILT_IN_NAMESPACES };
  for (const ns of schema.children.filter((c): c is SchElement => isSch(c, 'ns'))) namespaces[requireAttr(ns, 'prefix')] = requireAttr(ns, 'uri');

  const chosenPhase = phase ?? schema.attrs.get('defaultPhase') ?? '#ALL';
  let active: Set<string> | undefined;
  if (chosenPhase !== '#ALL') {
    const phaseElement = schema.children.find((c): c is SchElement => isSch(c, 'phase') && c.attrs.get('id') === chosenPhase);
    if (!phaseElement) throw new SchematronCompileError(`${path}: phase "${chosenPhase}" does not exist`);
    active = new Set(phaseElement.children.filter((c): c is SchElement => isSch(c, 'active')).map((a) => requireAttr(a, 'pattern')));
  }

  const patterns = expandPatterns(schema).filter((p) => !active || active.has(p.attrs.get('id') ?? ''));

  // extends: global lookup over the schema after abstract expansion (abstract patterns gone).
  const global = new Map<string, SchElement[]>();
  const addRule = (map: Map<string, SchElement[]>, rule: SchElement) => {
    const id = rule.attrs.get('id');
    if (id === undefined) return;
    const list = map.get(id) ?? [];
    list.push(rule);
    map.set(id, list);
  };
  for (const p of expandPatterns(schema)) {
    for (const r of descendants(p)) if (isSch(r, 'rule')) addRule(global, r);
  }
  for (const child of schema.children) {
    if (isSch(child) && child.local !== 'pattern') for (const r of descendants(child)) if (isSch(r, 'rule')) addRule(global, r);
  }

  const globals: Array<{ name: string; expr: string }> = [];
  for (const child of schema.children) {
    if (isSch(child, 'let')) {
      globals.push(compileLet(child));
    }
  }

  const compiledPatterns: CompiledPattern[] = [];
  for (const pattern of patterns) {
    if (pattern.attrs.has('documents')) throw new SchematronCompileError(`pattern/@documents is not supported (${pattern.file})`);
    const local = new Map<string, SchElement[]>();
    for (const r of pattern.children) if (isSch(r, 'rule')) addRule(local, r);
    const rules: CompiledRule[] = [];
    for (const child of pattern.children) {
      if (!isSch(child)) continue;
      if (child.local === 'let') {
        globals.push(compileLet(child));
      } else if (child.local === 'rule') {
        if (child.attrs.get('abstract') === 'true') continue;
        const context = requireAttr(child, 'context');
        rules.push({ context: normalizeSpace(context), match: compileMatch(context, namespaces), items: compileRuleItems(child, { local, global }), id: child.attrs.get('id') });
      } else if (!['title', 'p', 'param'].includes(child.local)) {
        throw new SchematronCompileError(`<${child.local}> inside a pattern is not supported (${child.file})`);
      }
    }
    const title = pattern.children.find((c): c is SchElement => isSch(c, 'title'));
    const id = pattern.attrs.get('id');
    const name = title ? normalizeSpace(title.children.filter((c): c is string => typeof c === 'string').join('')) : (id ?? '');
    compiledPatterns.push({ id, name, rules });
  }

  return {
    format: COMPILED_SCHEMA_FORMAT,
    source: path,
    baseDir: dirname(path),
    phase: chosenPhase,
    namespaces,
    globals,
    patterns: compiledPatterns,
    files: includer.files,
  };
}
