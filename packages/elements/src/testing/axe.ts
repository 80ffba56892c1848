/**
 * axe-core accessibility checks for the browser tests. axe-core (MPL-2.0) is a test-only
 * dependency: its UMD build is imported for its side effect (it sets `window.axe`), never
 * bundled into the elements.
 */
import 'axe-core/axe.min.js';
import type { AxeResults, ElementContext, Result, RunOptions } from 'axe-core';

type Axe = { run(context: ElementContext, options: RunOptions): Promise<AxeResults> };

function axe(): Axe {
  const found = (globalThis as { axe?: Axe }).axe;
  if (!found) throw new Error('axe-core did not load (expected window.axe after importing axe-core/axe.min.js)');
  return found;
}

/** WCAG 2.0 and 2.1, levels A and AA: the bar the issue sets ("axe finds nothing in any state"). */
export const WCAG_21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

export interface AxeCheckOptions {
  /** Words saying which state is being checked (`'open listbox'`), shown in failures. */
  context?: string;
  /**
   * Rules to switch off, each with the written reason (`{ 'color-contrast': 'why…' }`).
   * An exclusion without a reason is refused.
   */
  disabledRules?: Record<string, string>;
  /** Run only these rules (e.g. `['color-contrast']` on a sample of a large page); default: every WCAG 2.1 A/AA rule. */
  onlyRules?: readonly string[];
}

// axe refuses concurrent runs in one page: chain them.
let running: Promise<unknown> = Promise.resolve();

function describeViolation(violation: Result): string {
  const nodes = violation.nodes
    .slice(0, 5)
    .map((node) => `    - ${node.target.map(String).join(' >>> ')}: ${node.failureSummary?.replace(/\s+/g, ' ').trim() ?? ''}`)
    .join('\n');
  const more = violation.nodes.length > 5 ? `\n    … and ${violation.nodes.length - 5} more` : '';
  return `  [${violation.impact ?? 'unknown'}] ${violation.id}: ${violation.help} (${violation.helpUrl})\n${nodes}${more}`;
}

/** What to check: the document, one element, or several elements (shadow DOM included) checked in one run. */
export type AxeTarget = Element | Document | readonly Element[];

/** Runs axe with the WCAG 2.1 A/AA rules on `root` (default: the document) and returns the violations. */
export async function axeViolations(root: AxeTarget = document, options: AxeCheckOptions = {}): Promise<Result[]> {
  const rules: Record<string, { enabled: boolean }> = {};
  for (const [id, reason] of Object.entries(options.disabledRules ?? {})) {
    if (typeof reason !== 'string' || reason.trim().length < 10) throw new Error(`axe: rule ${id} is disabled without a written reason`);
    rules[id] = { enabled: false };
  }
  const run = running.then(() =>
    axe().run((Array.isArray(root) ? { include: [...root] } : root) as ElementContext, {
      runOnly: options.onlyRules ? { type: 'rule', values: [...options.onlyRules] } : { type: 'tag', values: [...WCAG_21_AA_TAGS] },
      resultTypes: ['violations'],
      rules,
    }),
  );
  running = run.catch(() => undefined);
  const results = await run;
  return results.violations;
}

/** Fails with a readable list (rule, impact, help, selectors) when axe finds a WCAG 2.1 A/AA violation. */
export async function expectNoAxeViolations(root: AxeTarget = document, options: AxeCheckOptions = {}): Promise<void> {
  const violations = await axeViolations(root, options);
  if (violations.length === 0) return;
  const where = options.context ? ` (${options.context})` : '';
  throw new Error(`axe found ${violations.length} accessibility violation(s)${where}:\n${violations.map(describeViolation).join('\n')}`);
}
