/**
 * Runs a compiled schematron against one parsed document with saxon-js's XPath 3.1
 * processor, reproducing what the ISO skeleton's XSLT does:
 *
 * - each active pattern is one traversal of the document node and every element (the
 *   skeleton never visits attributes or text: its context-xpath is `*` or
 *   `*|comment()|processing-instruction()`, and comments/PIs cannot match the kit's rules);
 * - a node is handled by the FIRST rule of the pattern whose context matches it (templates
 *   get decreasing priorities in rule order); later rules of that pattern skip it;
 * - global lets are evaluated with the document node as context; rule lets and checks with
 *   the matched node, in order;
 * - an assert fires when its test is false, a report when it is true; the message is the
 *   text with value-of/name evaluated, whitespace normalised;
 * - locations are the skeleton's "full path 2" notation: `/ClinicalDocument/component[2]/…`
 *   (an index only where a preceding sibling has the same name).
 *
 * Any XPath error, or a document() the loader cannot supply, is an engine error for the
 * layer: the layer is then not valid, whatever else it found.
 */
import SaxonJS from '#saxon';
import type { ResourceLoader } from '../loader.js';
import type { CheckItem, CompiledRule, CompiledSchema, MatchBranch } from './model.js';
import { ABSENT_RESOURCE, ATTRIBUTED_PARAM, ENGINE_ERROR_NS, NEED_RESOURCE, NEED_TEXT_INDEX, PATH_KEY_SEPARATOR, pathLookupBuilder, RESOURCES_PARAM, TEXT_INDEX_KEY_SEPARATOR, TEXT_INDEX_PARAM, textIndexBuilder, variableReferences } from './xpath-text.js';
import { resolveKitPath } from './paths.js';
import { type RulePlan, RulePlanner } from './rule-plan.js';
import { CompiledXPaths } from './xpath-cache.js';
import type { StoredXPaths } from './xpath-store.js';
import type { StoredPlans } from './plan-store.js';
import { CANDIDATES_PARAM, MatchPlanner, MatchSets } from './match-plan.js';

export interface SchematronFinding {
  readonly kind: 'assert' | 'report';
  /** XPath of the node the rule fired on. */
  readonly location: string;
  /** The kit's message (French), whitespace normalised. */
  readonly message: string;
  /** Pattern id (or title when the pattern has no id). */
  readonly pattern: string;
  /** The rule context that matched. */
  readonly context: string;
  /** The test, as written in the kit. */
  readonly test: string;
  /** The assert's role (`error`, `warning`, `info`…) when the kit gives one. */
  readonly role: string | undefined;
  readonly id: string | undefined;
}

export interface EngineError {
  readonly message: string;
  readonly pattern?: string;
  readonly context?: string;
  readonly expression?: string;
  readonly location?: string;
}

export interface SchematronRunResult {
  readonly findings: SchematronFinding[];
  readonly engineErrors: EngineError[];
}

const ELEMENT = 1;
const DOCUMENT = 9;
const MAX_ENGINE_ERRORS = 50;
const MAP_NS = 'http://www.w3.org/2005/xpath-functions/map';
const MAP_PUT = `Q{${MAP_NS}}put($m, $k, $v)`;

/** Per-document facts shared by every layer: document order and an element-name index. */
export class DocumentIndex {
  readonly order = new Map<Node, number>();
  /** Elements by local name, then by namespace URI (`*`: any), in document order. */
  private readonly byName = new Map<string, Map<string, Node[]>>();
  /** Elements by namespace URI (`*`: all), in document order. */
  private readonly byNamespace = new Map<string, Node[]>();
  private byTemplateId: Map<string, Node[]> | undefined;
  private readonly templateIdNamespaces = new Set<string>();
  private readonly byAttribute = new Map<string, Node[]>();

  constructor(readonly document: Document) {
    let n = 0;
    this.order.set(document, n++);
    const all: Node[] = [];
    this.byNamespace.set('*', all);
    // One walk; one list push per key and no key string built per element (this runs for
    // every document, before every layer).
    const walk = (parent: Node) => {
      for (let c = parent.firstChild; c; c = c.nextSibling) {
        if (c.nodeType !== ELEMENT) continue;
        this.order.set(c, n++);
        const el = c as Element;
        const ns = el.namespaceURI ?? '';
        const local = el.localName ?? el.nodeName;
        let byNs = this.byName.get(local);
        if (!byNs) {
          byNs = new Map([['*', []]]);
          this.byName.set(local, byNs);
        }
        (byNs.get('*') as Node[]).push(c);
        const named = byNs.get(ns);
        if (named) named.push(c);
        else byNs.set(ns, [c]);
        const inNamespace = this.byNamespace.get(ns);
        if (inNamespace) inNamespace.push(c);
        else this.byNamespace.set(ns, [c]);
        all.push(c);
        walk(c);
      }
    };
    walk(document);
  }

  /** Elements named `{namespace}local` in document order; `*` for any namespace or any name. */
  elements(namespace: string, local: string): Node[] {
    if (local === '*') return this.byNamespace.get(namespace) ?? [];
    return this.byName.get(local)?.get(namespace) ?? [];
  }

  /** Elements having a child `{namespace}templateId` whose @root is `root`, in document order. */
  withTemplateId(namespace: string, root: string): Node[] {
    if (!this.byTemplateId) this.byTemplateId = new Map();
    if (!this.templateIdNamespaces.has(namespace)) {
      // Indexed per namespace asked (a layer may name templateId in another namespace).
      this.templateIdNamespaces.add(namespace);
      for (const templateId of this.elements(namespace, 'templateId')) {
        const key = `${namespace}\u0000${(templateId as Element).getAttribute('root') ?? ''}`;
        const parent = templateId.parentNode as Node;
        const list = this.byTemplateId.get(key);
        if (!list) this.byTemplateId.set(key, [parent]);
        else if (list[list.length - 1] !== parent) list.push(parent);
      }
    }
    return this.byTemplateId.get(`${namespace}\u0000${root}`) ?? [];
  }

  /** Elements having an attribute `local` in no namespace (XPath `@local`), in document order. */
  withAttribute(local: string): Node[] {
    let list = this.byAttribute.get(local);
    if (!list) {
      list = [];
      for (const node of this.elements('*', '*')) {
        const attributes = (node as Element).attributes;
        for (let i = 0; i < attributes.length; i++) {
          const a = attributes[i] as Attr;
          if (!a.namespaceURI && (a.localName ?? a.name) === local) {
            list.push(node);
            break;
          }
        }
      }
      this.byAttribute.set(local, list);
    }
    return list;
  }

  /** The elements a match branch can start from (see MatchBranch.candidates). */
  candidates(spec: NonNullable<MatchBranch['candidates']>): Node[] {
    if (!spec.templateId) return this.elements(spec.namespace, spec.local);
    return this.withTemplateId(spec.templateId.namespace, spec.templateId.root).filter((node) => {
      const el = node as Element;
      return (spec.namespace === '*' || (el.namespaceURI ?? '') === spec.namespace) && (spec.local === '*' || (el.localName ?? el.nodeName) === spec.local);
    });
  }

  /**
   * The skeleton's schematron-get-full-path-2 notation. Its location templates match only
   * elements: for the document node the built-in rule descends to the document element,
   * whose path is what the kit reports.
   */
  static location(node: Node): string {
    if (node.nodeType === DOCUMENT) {
      const root = (node as Document).documentElement;
      return root ? DocumentIndex.location(root) : '/';
    }
    const steps: string[] = [];
    for (let n: Node | null = node; n && n.nodeType === ELEMENT; n = n.parentNode) {
      const name = n.nodeName;
      let preceding = 0;
      for (let s = n.previousSibling; s; s = s.previousSibling) if (s.nodeType === ELEMENT && s.nodeName === name) preceding++;
      steps.push(preceding > 0 ? `${name}[${preceding + 1}]` : name);
    }
    return `/${steps.reverse().join('/')}`;
  }
}

/** Parsed kit resources (value sets, terminologies), shared by all layers and documents. */
export class ResourceCache {
  private readonly docs = new Map<string, Promise<{ doc: Document } | { absent: string }>>();
  constructor(readonly loader: ResourceLoader) {}

  get(path: string): Promise<{ doc: Document } | { absent: string }> {
    let entry = this.docs.get(path);
    if (!entry) {
      entry = (async () => {
        const text = await this.loader.readText(path);
        if (text === undefined) return { absent: `${path} does not exist in ${this.loader.description}` };
        try {
          return { doc: await SaxonJS.getResource({ text, type: 'xml' }) };
        } catch (error) {
          return { absent: `${path} is not well-formed XML: ${(error as Error).message}` };
        }
      })();
      this.docs.set(path, entry);
    }
    return entry;
  }
}

class NeedResource extends Error {
  constructor(readonly uri: string) {
    super(`resource needed: ${uri}`);
  }
}

/** A text index of a loaded resource is needed (see rewriteTextLookups); `uri` is its key. */
class NeedTextIndex extends NeedResource {}

interface SaxonError { code?: string; message?: string }

function errorCode(error: unknown): string {
  return String((error as SaxonError)?.code ?? '');
}

const normalizeSpace = (s: string) => s.replace(/[ \t\r\n]+/g, ' ').trim();

/** Runs one compiled layer; create one per layer and reuse it for every document. */
export class SchematronRunner {
  /** XDM map from the URI strings the rules use to a document node or false(). */
  private resources: unknown = SaxonJS.XPath.evaluate('map{}', null, { resultForm: 'xdm' });
  private readonly absentReasons = new Map<string, string>();
  /** The documents of `resources`, by URI. */
  private readonly resourceDocs = new Map<string, Document>();
  /** XDM map from `uri#//name` to a map from text value to the `name` elements (see rewriteTextLookups); kept for the runner's life. */
  private textIndexes: unknown = SaxonJS.XPath.evaluate('map{}', null, { resultForm: 'xdm' });
  private readonly globalOrder: CompiledSchema['globals'];
  /** Every XPath of the layer, compiled on first use and kept for the runner's life. */
  private readonly xpaths: CompiledXPaths;
  private readonly planner: RulePlanner;
  private readonly matchPlanner: MatchPlanner;

  /**
   * `stored`: compiled XPath kept between processes (xpath-store.ts); `plans`: what planning
   * learnt from the rules' text in an earlier process (plan-store.ts). Both optional.
   */
  constructor(
    readonly schema: CompiledSchema,
    private readonly cache: ResourceCache,
    stored?: StoredXPaths,
    private readonly plans?: StoredPlans,
  ) {
    this.globalOrder = orderGlobals(schema.globals);
    this.xpaths = new CompiledXPaths(schema.namespaces, stored);
    this.planner = new RulePlanner(schema.namespaces, plans?.rules);
    this.matchPlanner = new MatchPlanner(schema.namespaces, plans?.match);
  }

  private evaluate(expr: string, context: unknown, params: Record<string, unknown>, resultForm: 'xdm' | 'array' | 'default'): unknown {
    try {
      return this.xpaths.evaluate(expr, context, params, resultForm);
    } catch (error) {
      const code = errorCode(error);
      if (code === `Q{${ENGINE_ERROR_NS}}${NEED_RESOURCE}`) throw new NeedResource(String((error as SaxonError).message));
      if (code === `Q{${ENGINE_ERROR_NS}}${NEED_TEXT_INDEX}`) throw new NeedTextIndex(String((error as SaxonError).message));
      if (code === `Q{${ENGINE_ERROR_NS}}${ABSENT_RESOURCE}`) {
        const uri = String((error as SaxonError).message);
        throw new Error(`document ${uri} cannot be read: ${this.absentReasons.get(uri) ?? 'absent'}`);
      }
      throw error;
    }
  }

  private async provide(uri: string): Promise<void> {
    const path = resolveKitPath(this.schema.baseDir, uri);
    const entry = path === undefined ? { absent: `${uri} is outside the kit` } : await this.cache.get(path);
    const value = 'doc' in entry ? entry.doc : false;
    if ('doc' in entry) this.resourceDocs.set(uri, entry.doc);
    if ('absent' in entry) this.absentReasons.set(uri, entry.absent);
    // Compiled once per layer (and stored): `XPath.evaluate` compiled it again for every resource.
    this.resources = this.xpaths.evaluate(MAP_PUT, null, { m: this.resources, k: uri, v: value }, 'xdm');
  }

  /** Builds the text index `key` (`uri#//name`) of a resource already provided. */
  private buildTextIndex(key: string): void {
    const path = key.lastIndexOf(PATH_KEY_SEPARATOR);
    const at = path >= 0 ? path : key.lastIndexOf(TEXT_INDEX_KEY_SEPARATOR);
    const uri = key.slice(0, at);
    const doc = this.resourceDocs.get(uri);
    if (at < 0 || !doc) throw new Error(`text index ${key}: the document was not loaded`);
    const builder = path >= 0 ? pathLookupBuilder(key.slice(at + PATH_KEY_SEPARATOR.length)) : textIndexBuilder(key.slice(at + TEXT_INDEX_KEY_SEPARATOR.length));
    const index = this.evaluate(builder, null, { __dcc_doc: doc }, 'xdm');
    this.textIndexes = this.xpaths.evaluate(MAP_PUT, null, { m: this.textIndexes, k: key, v: index }, 'xdm');
  }

  /** Runs `step` again after loading each resource it asks for. */
  private async withResources<T>(step: () => T): Promise<T> {
    const provided = new Set<string>();
    for (;;) {
      try {
        return step();
      } catch (error) {
        if (!(error instanceof NeedResource)) throw error;
        // Asked twice: the step does not see the map it is given; an engine error, not a hang.
        if (provided.has(error.uri)) throw new Error(`document ${error.uri} was loaded but the expression still asks for it`);
        provided.add(error.uri);
        if (error instanceof NeedTextIndex) this.buildTextIndex(error.uri);
        else await this.provide(error.uri);
      }
    }
  }

  async run(index: DocumentIndex): Promise<SchematronRunResult> {
    try {
      return await this.runRules(index);
    } finally {
      // What this document made the layer compile and plan is kept for the next process (in the background).
      void this.xpaths.save();
      void this.plans?.save(this.planner, this.matchPlanner);
    }
  }

  /** Writes what was compiled so far to the XPath store, if any (tests, benchmarks). */
  saveCompiled(): Promise<void> {
    return this.xpaths.save();
  }

  private async runRules(index: DocumentIndex): Promise<SchematronRunResult> {
    const findings: SchematronFinding[] = [];
    const engineErrors: EngineError[] = [];
    const fail = (error: EngineError) => {
      if (engineErrors.length < MAX_ENGINE_ERRORS) engineErrors.push(error);
    };
    const doc = index.document;

    const globals: Record<string, unknown> = {};
    for (const { name, expr } of this.globalOrder) {
      try {
        globals[name] = await this.withResources(() => this.evaluate(expr, doc, { ...globals, [RESOURCES_PARAM]: this.resources }, 'xdm'));
      } catch (error) {
        fail({ message: `global variable $${name}: ${describe(error)}`, expression: expr });
        return { findings, engineErrors };
      }
    }

    // Node sets shared by the rules' checks, found once per document (see rule-plan.ts).
    const documentSets = new DocumentSets(index, (expr, params) => this.evaluate(expr, doc, params, 'array') as Node[], () => this.textIndexes);

    // Rule contexts' shared leading steps, each evaluated once for this document (match-plan.ts).
    const matchSets = new MatchSets(
      (spec) => index.candidates(spec),
      (expr, param, nodes) => this.withResources(() => this.evaluate(expr, doc, { ...globals, [RESOURCES_PARAM]: this.resources, [param]: nodes }, 'array') as Node[]),
      doc,
    );

    for (const pattern of this.schema.patterns) {
      const claimed = new Map<Node, CompiledRule>();
      for (const rule of pattern.rules) {
        for (const branch of rule.match) {
          let nodes: readonly Node[];
          const leaf = this.matchPlanner.leaf(branch);
          if (leaf) {
            const result = await matchSets.of(leaf);
            if ('error' in result) {
              fail({ message: describe(result.error), pattern: pattern.name, context: rule.context, expression: branch.select });
              continue;
            }
            nodes = result.nodes;
          } else {
            let candidates: Node[] | undefined;
            if (branch.candidates) {
              candidates = index.candidates(branch.candidates);
              if (candidates.length === 0) continue;
            }
            try {
              nodes = await this.withResources(() => this.evaluate(branch.select, doc, { ...globals, [RESOURCES_PARAM]: this.resources, [CANDIDATES_PARAM]: candidates ?? [] }, 'array') as Node[]);
            } catch (error) {
              fail({ message: describe(error), pattern: pattern.name, context: rule.context, expression: branch.select });
              continue;
            }
          }
          for (const node of nodes) {
            if (node && (node.nodeType === ELEMENT || node.nodeType === DOCUMENT) && !claimed.has(node)) claimed.set(node, rule);
          }
        }
      }
      // One evaluation per rule finds the nodes on which something fires; only those are
      // then evaluated check by check to build the findings (see RulePlan.batch).
      const nodesByRule = new Map<CompiledRule, Node[]>();
      for (const [node, rule] of claimed) {
        const list = nodesByRule.get(rule);
        if (list) list.push(node);
        else nodesByRule.set(rule, [node]);
      }
      const suspects = new Set<Node>();
      for (const [rule, nodes] of nodesByRule) {
        const plan = this.planFor(rule, documentSets);
        if (!plan.checks) continue;
        try {
          // Parameters are built inside the step: a resource loaded in between changes the map.
          const firing = (await this.withResources(() => this.evaluate(plan.batch, doc, documentSets.bind({ ...globals, [RESOURCES_PARAM]: this.resources, __dcc_nodes: nodes }, plan), 'array'))) as number[];
          for (const position of firing) suspects.add(nodes[position - 1] as Node);
        } catch (error) {
          if (error instanceof NeedResource) throw error;
          // A dynamic error somewhere in the rule: the per-node pass below pins it down.
          for (const node of nodes) suspects.add(node);
        }
      }
      const inDocumentOrder = [...claimed].filter(([node]) => suspects.has(node)).sort((a, b) => (index.order.get(a[0]) ?? 0) - (index.order.get(b[0]) ?? 0));
      for (const [node, rule] of inDocumentOrder) {
        try {
          findings.push(...(await this.withResources(() => this.fire(rule, node, globals, pattern.name, documentSets))));
        } catch (error) {
          const failure = error as Error & { expression?: string };
          fail({ message: describe(error), pattern: pattern.name, context: rule.context, expression: failure.expression, location: DocumentIndex.location(node) });
        }
      }
    }
    return { findings, engineErrors };
  }

  /** The rule's plan for this document: the plain one when a violation set it reads failed. */
  private planFor(rule: CompiledRule, documentSets: DocumentSets): RulePlan {
    const plan = this.planner.plan(rule);
    return documentSets.has(plan) ? plan : (plan.plain ?? plan);
  }

  /** Evaluates a rule's lets and checks on one node (synchronously; see withResources). */
  private fire(rule: CompiledRule, node: Node, globals: Record<string, unknown>, pattern: string, documentSets: DocumentSets): SchematronFinding[] {
    const plan = this.planFor(rule, documentSets);
    const params = documentSets.bind({ ...globals, [RESOURCES_PARAM]: this.resources }, plan);
    const out: SchematronFinding[] = [];
    for (const item of plan.items) {
      const at = (expression: string) => (error: unknown) => {
        if (error instanceof NeedResource) throw error;
        throw Object.assign(new Error(describe(error)), { expression });
      };
      if (item.kind === 'let') {
        try {
          params[item.name] = this.evaluate(item.evaluated, node, params, 'xdm');
        } catch (error) {
          at(item.expr)(error);
        }
        continue;
      }
      let result: boolean;
      try {
        result = this.evaluate(item.evaluated, node, params, 'default') === true;
      } catch (error) {
        return at(item.test)(error);
      }
      if (result === (item.kind === 'report')) out.push(this.finding(item, node, params, pattern, rule.context));
    }
    return out;
  }

  private finding(item: CheckItem, node: Node, params: Record<string, unknown>, pattern: string, context: string): SchematronFinding {
    let message = '';
    for (const part of item.message) {
      if ('text' in part) message += part.text;
      else {
        try {
          message += String(this.evaluate(part.expr, node, params, 'default') ?? '');
        } catch (error) {
          if (error instanceof NeedResource) throw error;
          throw Object.assign(new Error(describe(error)), { expression: part.expr });
        }
      }
    }
    return {
      kind: item.kind,
      location: DocumentIndex.location(node),
      message: normalizeSpace(message),
      pattern,
      context,
      test: item.test,
      role: item.role,
      id: item.id,
    };
  }
}

/** The node sets of one document that rule plans read as variables, each found once. */
class DocumentSets {
  /** Violation sets of this document; null: finding it failed. */
  private readonly violations = new Map<string, Node[] | null>();
  constructor(
    private readonly index: DocumentIndex,
    private readonly evaluate: (expr: string, params: Record<string, unknown>) => Node[],
    private readonly textIndexes: () => unknown,
  ) {}

  /** Whether every violation set `plan` reads could be found (finding them on first use). */
  has(plan: RulePlan): boolean {
    return plan.violations.every((set) => {
      let nodes = this.violations.get(set.variable);
      if (nodes === undefined) {
        try {
          nodes = set.attribute ? this.evaluate(set.attribute.violations, { [ATTRIBUTED_PARAM]: this.index.withAttribute(set.attribute.local) }) : this.evaluate(set.violations, {});
        } catch {
          nodes = null; // the rules reading it evaluate their check as written (RulePlan.plain)
        }
        this.violations.set(set.variable, nodes);
      }
      return nodes !== null;
    });
  }

  /** Adds the sets `plan` reads to `params` (after has(plan)). */
  bind(params: Record<string, unknown>, plan: RulePlan): Record<string, unknown> {
    for (const set of plan.sets) params[set.variable] = this.index.elements(set.namespace, set.local);
    for (const set of plan.violations) params[set.variable] = this.violations.get(set.variable);
    if (plan.textIndexed) params[TEXT_INDEX_PARAM] = this.textIndexes();
    return params;
  }
}

function describe(error: unknown): string {
  const code = errorCode(error);
  const message = (error as Error)?.message ?? String(error);
  return code && !message.startsWith(code) ? `${code}: ${message}` : message;
}

/** Orders global lets so that each comes after the globals it refers to. */
function orderGlobals(globals: CompiledSchema['globals']): CompiledSchema['globals'] {
  // First declaration wins, as before; a duplicate global is an error in the kit's XSLT anyway.
  const byName = new Map<string, string>();
  for (const g of globals) if (!byName.has(g.name)) byName.set(g.name, g.expr);
  const order: Array<{ name: string; expr: string }> = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`circular global variables: ${[...path, name].join(' → ')}`);
    state.set(name, 'visiting');
    for (const ref of variableReferences(byName.get(name) ?? '')) if (byName.has(ref) && ref !== name) visit(ref, [...path, name]);
    state.set(name, 'done');
    order.push({ name, expr: byName.get(name) ?? '' });
  };
  for (const g of globals) visit(g.name, []);
  return order;
}
