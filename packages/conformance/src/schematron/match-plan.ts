/**
 * Rule contexts that share their leading steps, found once per document.
 *
 * The StrucMin layer has 766 rules whose contexts are absolute paths of the CDA header
 * written out in full, e.g. `hl7:ClinicalDocument[hl7:typeId[…]]/hl7:author[…]/
 * hl7:assignedAuthor[…]/hl7:assignedPerson/hl7:name[…]`: every one repeats the
 * ClinicalDocument step and most repeat the next two or three. Evaluated rule by rule, each
 * context walked the same prefix again (and the first process compiled ≈ 480 kB of XPath).
 *
 * A match branch `$__dcc_candidates/self::X[…]/s1/…/sn` (see compileMatch) is split at its
 * top-level `/` (splitPathSteps): `start/s1/…/sn` is `((start/s1)/…)/sn`, and a path
 * expression bound to a variable keeps its value (the nodes, in document order, without
 * duplicates), so `$prefix/sn` selects exactly what the whole path selects. The steps of all
 * branches form a tree keyed by their text; per document each step is evaluated once, on
 * the nodes of its parent, and not at all when the parent selected nothing (a path from an
 * empty sequence is empty, and saxon-js does not evaluate the next step's predicates then
 * either). A branch of any other shape is evaluated whole, as written.
 */
import type { MatchBranch } from './model.js';
import { splitPathSteps } from './xpath-text.js';

/** The parameter holding the nodes of a step's parent. */
export const CONTEXT_PARAM = '__dcc_context';
/** The parameter holding the candidate elements of a branch's first step (see MatchBranch). */
export const CANDIDATES_PARAM = '__dcc_candidates';

export interface MatchStep {
  /** The XPath evaluated for this step: from `$__dcc_candidates` at the root, else from `$__dcc_context`. */
  readonly expr: string;
  readonly parent: MatchStep | undefined;
  /** At the root: the elements the first step can start from. */
  readonly candidates: MatchBranch['candidates'];
  /** Depth-first number, stable for a planner (tests, statistics). */
  readonly id: number;
  /**
   * At the root: the step is `$__dcc_candidates/self::T` where the name test T selects exactly
   * the candidates' name (no predicate, no templateId filter), so its nodes are the candidates
   * themselves (the element index gives them distinct and in document order).
   */
  readonly identity?: boolean;
  /** The root of an absolute branch: its nodes are the document node alone. */
  readonly document?: boolean;
}

/**
 * How a branch splits into steps, found from its text alone (null: evaluated whole): from the
 * document node, or from the candidates with a first step (`identity`: see MatchStep), then
 * the following steps' expressions.
 */
export type BranchChain = { readonly document: true; readonly steps: readonly string[] } | { readonly first: string; readonly identity: boolean; readonly steps: readonly string[] };

/** The chains of the branches planned so far, keyed by branchKey: kept between processes (plan-store.ts). */
export type MatchPlannerMemo = ReadonlyArray<readonly [string, BranchChain | null]>;

/** A branch's key in a memo: its text and its candidates, all the chain depends on (with the layer's namespaces). */
const branchKey = (branch: MatchBranch): string => `${branch.select}\u0000${JSON.stringify(branch.candidates ?? null)}`;

export class MatchPlanner {
  private readonly steps = new Map<string, MatchStep>();
  private readonly leaves = new WeakMap<MatchBranch, MatchStep | null>();
  private readonly chains = new Map<string, BranchChain | null>();
  /** Branch texts split since construction (what a memo did not hold). */
  private learnt = 0;

  /**
   * `namespaces`: the layer's prefixes, to recognise identity steps (none: no step is one).
   * `memo`: what an earlier planner of the same layer found (memo()); trusted as given.
   */
  constructor(
    private readonly namespaces: Record<string, string> = {},
    memo?: MatchPlannerMemo,
  ) {
    for (const [key, chain] of memo ?? []) this.chains.set(key, chain);
  }

  /** Number of branch texts split since construction (none when a memo held them all). */
  get analysed(): number {
    return this.learnt;
  }

  /** What this planner found, for a later process. */
  memo(): MatchPlannerMemo {
    return [...this.chains];
  }

  /** Number of distinct steps planned so far. */
  get size(): number {
    return this.steps.size;
  }

  /** The last step of `branch`, or undefined when the branch is evaluated whole. */
  leaf(branch: MatchBranch): MatchStep | undefined {
    let leaf = this.leaves.get(branch);
    if (leaf === undefined) {
      leaf = this.plan(branch) ?? null;
      this.leaves.set(branch, leaf);
    }
    return leaf ?? undefined;
  }

  private plan(branch: MatchBranch): MatchStep | undefined {
    const key = branchKey(branch);
    let chain = this.chains.get(key);
    if (chain === undefined) {
      this.learnt++;
      chain = this.chain(branch) ?? null;
      this.chains.set(key, chain);
    }
    if (!chain) return undefined;
    let step =
      'document' in chain
        ? this.step('\u0002document', '', undefined, undefined, false, true)
        : this.step(`${JSON.stringify(branch.candidates)}\u0000`, chain.first, undefined, branch.candidates, chain.identity);
    for (const expr of chain.steps) step = this.step('', expr, step, undefined);
    return step;
  }

  /** The branch's chain, from its text (see BranchChain). */
  private chain(branch: MatchBranch): BranchChain | undefined {
    if (!branch.candidates) return this.chainAbsolute(branch.select);
    const path = splitPathSteps(branch.select);
    const [first, ...rest] = path?.steps ?? [];
    if (!path || path.start !== `$${CANDIDATES_PARAM}` || !first || first.descendant) return undefined;
    return { first: `$${CANDIDATES_PARAM}/${first.step}`, identity: this.selectsAllCandidates(first.step, branch.candidates), steps: rest.map(({ step, descendant }) => `$${CONTEXT_PARAM}${descendant ? '//' : '/'}${step}`) };
  }

  /**
   * An absolute branch `/s1/…/sn` (the FRCP layer's contexts are whole paths from the root):
   * evaluated from the document node, `/s1` is `$__dcc_context/s1` with the context bound to
   * that node alone, so the steps are shared as for the other branches.
   */
  private chainAbsolute(select: string): BranchChain | undefined {
    if (!select.startsWith('/') || select.startsWith('//')) return undefined;
    const path = splitPathSteps(`$${CONTEXT_PARAM}${select}`);
    if (!path || path.start !== `$${CONTEXT_PARAM}` || path.steps.length === 0) return undefined;
    return { document: true, steps: path.steps.map(({ step, descendant }) => `$${CONTEXT_PARAM}${descendant ? '//' : '/'}${step}`) };
  }

  /** Whether `self::T` (T a name test, nothing else) selects every candidate of `spec`. */
  private selectsAllCandidates(step: string, spec: NonNullable<MatchBranch['candidates']>): boolean {
    if (spec.templateId) return false;
    const m = /^self::(?:(\*|[A-Za-z_][\w.-]*):)?(\*|[A-Za-z_][\w.-]*)$/.exec(step);
    if (!m) return false;
    const prefix = m[1];
    const local = m[2] as string;
    // No prefix: no namespace (saxon-js is given no default element namespace), or any for `*`.
    const namespace = prefix === undefined ? (local === '*' ? '*' : '') : prefix === '*' ? '*' : this.namespaces[prefix];
    return namespace !== undefined && namespace === spec.namespace && local === spec.local;
  }

  private step(prefix: string, expr: string, parent: MatchStep | undefined, candidates: MatchBranch['candidates'], identity = false, document = false): MatchStep {
    const key = `${parent ? parent.id : prefix}\u0001${expr}`;
    let step = this.steps.get(key);
    if (!step) {
      step = { expr, parent, candidates, id: this.steps.size, ...(identity ? { identity } : {}), ...(document ? { document } : {}) };
      this.steps.set(key, step);
    }
    return step;
  }
}

/** A step's result on one document: its nodes, or the error its evaluation raised. */
export type StepResult = { readonly nodes: readonly Node[] } | { readonly error: unknown };

/** The steps' results on one document, each evaluated at most once. */
export class MatchSets {
  private readonly results = new Map<MatchStep, StepResult>();

  constructor(
    private readonly candidatesOf: (spec: NonNullable<MatchBranch['candidates']>) => Node[],
    /** Evaluates a step's expression with its parameter (candidates or context) bound; may throw. */
    private readonly evaluate: (expr: string, param: string, nodes: readonly Node[]) => Promise<Node[]>,
    /** The document node, root of the absolute branches. */
    private readonly document?: Node,
  ) {}

  async of(step: MatchStep): Promise<StepResult> {
    const known = this.results.get(step);
    if (known) return known;
    let result: StepResult;
    if (step.document) {
      result = { nodes: this.document ? [this.document] : [] };
    } else if (step.parent) {
      const parent = await this.of(step.parent);
      if ('error' in parent) result = parent;
      else if (parent.nodes.length === 0) result = parent;
      else result = await this.attempt(step.expr, CONTEXT_PARAM, parent.nodes);
    } else {
      const candidates = step.candidates ? this.candidatesOf(step.candidates) : [];
      if (candidates.length === 0) result = { nodes: [] };
      else if (step.identity) result = { nodes: candidates };
      else result = await this.attempt(step.expr, CANDIDATES_PARAM, candidates);
    }
    this.results.set(step, result);
    return result;
  }

  private async attempt(expr: string, param: string, nodes: readonly Node[]): Promise<StepResult> {
    try {
      return { nodes: await this.evaluate(expr, param, nodes) };
    } catch (error) {
      return { error };
    }
  }
}
