/**
 * What rule planning learnt from a layer's text, kept between processes.
 *
 * A new process used to split every rule context into steps and rewrite every check it
 * planned (rule-plan.ts, match-plan.ts): text analysis of StrucMin's 766 contexts and a few
 * hundred checks, ≈ 50–85 ms of the main thread's CPU per `dcc validate`, always with the
 * same results. The planners keep those results keyed by the text they read (a branch's
 * select and candidates; a check's expression) and the variable names they gave; a file
 * holds them per layer, and the next process's planners start from it.
 *
 * What keeps this exact: every entry is keyed by the whole text it was computed from, so a
 * changed rule is a new key; the file is used only with the same layer namespaces and the
 * same planner code (`version`: Node gives a SHA-256 of the planner modules, so any change to
 * them is a new version); a file that is absent, damaged or of another version is ignored
 * and the planners analyse the text as before. Writes are whole files, one process's
 * consistent state (variable names and the rewrites using them together).
 */
import type { MatchPlannerMemo } from './match-plan.js';
import type { RulePlannerMemo } from './rule-plan.js';
import type { CompiledXPathStore } from './xpath-store.js';

const FORMAT = 1;

/** Where plans are kept, and the version of the planner code that made them. */
export interface PlanStoreOptions {
  readonly store: CompiledXPathStore;
  /** Changes whenever the planners' code changes (Node: a hash of their modules). */
  readonly version: string;
}

interface PlanFile {
  readonly format: number;
  readonly version: string;
  readonly namespaces: string;
  readonly rules: RulePlannerMemo;
  readonly match: MatchPlannerMemo;
}

/** The planners' memos of one layer (see the module comment). */
export class StoredPlans {
  private saving: Promise<void> | undefined;
  private failed = false;
  /** The planners' analyses counted at the last write. */
  private written = 0;

  private constructor(
    private readonly options: PlanStoreOptions,
    private readonly key: string,
    private readonly namespaces: string,
    /** What the file held (undefined: nothing usable). */
    readonly rules: RulePlannerMemo | undefined,
    readonly match: MatchPlannerMemo | undefined,
  ) {}

  /** Opens the layer's plans (none if the store fails or the file is of another version). */
  static async open(options: PlanStoreOptions, key: string, namespaces: Record<string, string>): Promise<StoredPlans> {
    const ns = JSON.stringify(Object.entries(namespaces).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    let file: Partial<PlanFile> | undefined;
    try {
      const text = await options.store.read(`plans-${FORMAT}-${key}`);
      file = text === undefined ? undefined : (JSON.parse(text) as Partial<PlanFile>);
    } catch {
      file = undefined; // absent or damaged: plan from the text
    }
    const usable = file && file.format === FORMAT && file.version === options.version && file.namespaces === ns && isRuleMemo(file.rules) && Array.isArray(file.match);
    return usable ? new StoredPlans(options, key, ns, file?.rules, file?.match) : new StoredPlans(options, key, ns, undefined, undefined);
  }

  /**
   * Writes what the planners know when they analysed text since the last write (in the
   * background; a failing store is ignored, and not written to again).
   */
  save(planners: { readonly analysed: number; memo(): RulePlannerMemo }, match: { readonly analysed: number; memo(): MatchPlannerMemo }): Promise<void> {
    const analysed = planners.analysed + match.analysed;
    if (this.saving || this.failed || analysed === this.written) return this.saving ?? Promise.resolve();
    this.written = analysed;
    const file: PlanFile = { format: FORMAT, version: this.options.version, namespaces: this.namespaces, rules: planners.memo(), match: match.memo() };
    this.saving = this.options.store
      .write(`plans-${FORMAT}-${this.key}`, JSON.stringify(file))
      .then(
        () => undefined,
        () => {
          this.failed = true; // a read-only or full cache folder
        },
      )
      .finally(() => {
        this.saving = undefined;
      });
    return this.saving;
  }
}

function isRuleMemo(value: unknown): value is RulePlannerMemo {
  const memo = value as Partial<RulePlannerMemo> | undefined;
  return !!memo && [memo.variables, memo.predicateVariables, memo.sharedTests, memo.rewrites, memo.lookups].every(Array.isArray);
}
