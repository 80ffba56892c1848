/**
 * What the runner evaluates for a rule, prepared once per layer and process from the
 * compiled rule (which stays the kit's text, serialisable): each check and let with its
 * absolute descendant steps (`//hl7:participant[…]`) turned into variables bound to the
 * document's elements of that name (see rewriteAbsoluteDescendants), and the one XPath that
 * finds on which nodes of the rule something fires (batch).
 *
 * saxon-js walks the whole document for every `//x` it evaluates; StrucMin's header rules
 * do that twice per node they match (`//hl7:participant[not($p1) or …]` on each participant).
 * The element index of the document (DocumentIndex) already holds those nodes.
 *
 * The datatype rules' nullFlavor check (`every $elm in descendant-or-self::* satisfies
 * $elm[…]`, in 556 StrucMin rules, each walking the subtree of the node it matched) becomes a
 * look-up in the document's elements that fail the predicate, found once per document
 * (sharedDescendantTest). If finding them fails on a document, the runner uses the rule's
 * `plain` plan, which evaluates the check as written.
 *
 * The terminology rules' look-ups by text in a value set (`doc(U)//code[text() = string($v)]`)
 * read an index of the resource built once per layer and process (rewriteTextLookups).
 */
import type { CompiledRule, RuleItem } from './model.js';
import { rewriteAbsoluteDescendants, rewriteTextLookups, type SharedElementSet, sharedDescendantTest } from './xpath-text.js';

/** Elements of the document failing a rule-independent predicate, found once per document. */
export interface SharedViolationSet {
  readonly variable: string;
  /** XPath evaluated from the document node. */
  readonly violations: string;
  /**
   * The same nodes found among the elements having attribute `local` (bound to
   * `$__dcc_attributed`, see sharedDescendantTest), when the predicate allows it.
   */
  readonly attribute?: { readonly local: string; readonly violations: string };
}

export type PlannedItem = RuleItem & {
  /** The expression evaluated (item.expr with shared sets); item.expr is kept for messages. */
  readonly evaluated: string;
};

export interface RulePlan {
  readonly items: readonly PlannedItem[];
  /** The element sets the evaluated expressions read, as variables. */
  readonly sets: readonly SharedElementSet[];
  /** The rule-independent violation sets the evaluated expressions read. */
  readonly violations: readonly SharedViolationSet[];
  /** The same rule without violation sets (undefined when the plan has none). */
  readonly plain: RulePlan | undefined;
  /** Whether the rule has any assert or report. */
  readonly checks: boolean;
  /** Whether an evaluated expression reads the resources' text indexes (rewriteTextLookups). */
  readonly textIndexed: boolean;
  /**
   * One XPath evaluating the rule on every node it matched (`$__dcc_nodes`): the positions
   * (1-based) of the nodes where at least one assert fails or one report succeeds. Lets
   * become XPath `let` clauses in the rule's order, so each check sees exactly the variables
   * it would in the compiled XSLT.
   */
  readonly batch: string;
}

/**
 * What planning learnt from the rules' text, kept between processes (plan-store.ts): the
 * results of the text analyses, keyed by the text they read, and the variable names given so
 * far (a stored rewrite names its sets with them; new names continue the numbering).
 */
export interface RulePlannerMemo {
  readonly variables: ReadonlyArray<readonly [string, string]>;
  readonly predicateVariables: ReadonlyArray<readonly [string, string]>;
  readonly sharedTests: ReadonlyArray<readonly [string, ReturnType<typeof sharedDescendantTest> | null]>;
  readonly rewrites: ReadonlyArray<readonly [string, ReturnType<typeof rewriteAbsoluteDescendants>]>;
  readonly lookups: ReadonlyArray<readonly [string, ReturnType<typeof rewriteTextLookups>]>;
}

export class RulePlanner {
  private readonly plans = new WeakMap<CompiledRule, RulePlan>();
  private readonly variables = new Map<string, string>();
  /** Text analysed since construction (what a memo did not hold). */
  private learnt = 0;

  /** `memo`: what an earlier planner of the same layer learnt (memo()); trusted as given. */
  constructor(
    private readonly namespaces: Record<string, string>,
    memo?: RulePlannerMemo,
  ) {
    if (!memo) return;
    for (const [key, name] of memo.variables) this.variables.set(key, name);
    for (const [predicate, name] of memo.predicateVariables) this.predicateVariables.set(predicate, name);
    for (const [expr, shared] of memo.sharedTests) this.sharedTests.set(expr, shared ?? undefined);
    for (const [expr, rewritten] of memo.rewrites) this.rewrites.set(expr, rewritten);
    for (const [expr, looked] of memo.lookups) this.lookups.set(expr, looked);
  }

  /** Number of text analyses made since construction (none when a memo held them all). */
  get analysed(): number {
    return this.learnt;
  }

  /** What this planner knows, for a later process (see RulePlannerMemo). */
  memo(): RulePlannerMemo {
    return {
      variables: [...this.variables],
      predicateVariables: [...this.predicateVariables],
      sharedTests: [...this.sharedTests].map(([expr, shared]) => [expr, shared ?? null] as const),
      rewrites: [...this.rewrites],
      lookups: [...this.lookups],
    };
  }

  private variableFor = (namespace: string, local: string): string => {
    const key = `${namespace}\u0000${local}`;
    let name = this.variables.get(key);
    if (name === undefined) {
      name = `__dcc_all${this.variables.size}`;
      this.variables.set(key, name);
    }
    return name;
  };

  plan(rule: CompiledRule): RulePlan {
    let plan = this.plans.get(rule);
    if (!plan) {
      plan = this.build(rule, true);
      this.plans.set(rule, plan);
    }
    return plan;
  }

  private readonly predicateVariables = new Map<string, string>();
  // The generated rules repeat the same checks hundreds of times: analyse each text once.
  private readonly sharedTests = new Map<string, ReturnType<typeof sharedDescendantTest>>();
  private readonly rewrites = new Map<string, ReturnType<typeof rewriteAbsoluteDescendants>>();
  private readonly lookups = new Map<string, ReturnType<typeof rewriteTextLookups>>();

  private remember<T>(cache: Map<string, T>, key: string, compute: () => T): T {
    if (cache.has(key)) return cache.get(key) as T;
    this.learnt++;
    const value = compute();
    cache.set(key, value);
    return value;
  }

  private build(rule: CompiledRule, shareViolations: boolean): RulePlan {
    const sets = new Map<string, SharedElementSet>();
    const violations = new Map<string, SharedViolationSet>();
    let textIndexed = false;
    const items = rule.items.map((item): PlannedItem => {
      if (shareViolations && item.kind !== 'let') {
        const shared = this.remember(this.sharedTests, item.expr, () => sharedDescendantTest(item.expr, '__dcc_pending'));
        if (shared) {
          let variable = this.predicateVariables.get(shared.predicate);
          if (variable === undefined) {
            variable = `__dcc_violations${this.predicateVariables.size}`;
            this.predicateVariables.set(shared.predicate, variable);
          }
          violations.set(variable, { variable, violations: shared.violations, ...(shared.attribute ? { attribute: shared.attribute } : {}) });
          return { ...item, evaluated: shared.check.replace('$__dcc_pending', `$${variable}`) };
        }
      }
      const rewritten = this.remember(this.rewrites, item.expr, () => rewriteAbsoluteDescendants(item.expr, this.namespaces, this.variableFor, { relative: true }));
      for (const set of rewritten.sets) sets.set(set.variable, set);
      const looked = this.remember(this.lookups, rewritten.expr, () => rewriteTextLookups(rewritten.expr));
      if (looked.rewritten) textIndexed = true;
      return { ...item, evaluated: looked.expr };
    });
    const body = (k: number): string => {
      const item = items[k];
      if (!item) return '()';
      if (item.kind === 'let') return `(let $${item.name} := (${item.evaluated}) return ${body(k + 1)})`;
      const fired = item.kind === 'assert' ? `(if (${item.evaluated}) then () else 1)` : `(if (${item.evaluated}) then 1 else ())`;
      return `(${fired}, ${body(k + 1)})`;
    };
    return {
      items,
      sets: [...sets.values()],
      violations: [...violations.values()],
      plain: violations.size > 0 ? this.build(rule, false) : undefined,
      checks: items.some((item) => item.kind !== 'let'),
      textIndexed,
      batch: `for $__dcc_position in 1 to count($__dcc_nodes) return (if (exists($__dcc_nodes[$__dcc_position] ! ${body(0)})) then $__dcc_position else ())`,
    };
  }
}
