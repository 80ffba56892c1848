// Helpers shared by the package's tests (not part of the published API).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildContext } from '../check/checker.js';
import type { ValidationResult } from '@dcc-kit/conformance';
import { createNodeValidator } from '@dcc-kit/conformance/node';

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Deterministic context: a fixed clock and counter-based UUIDs. */
export function fixedContext(seed = 0): BuildContext {
  let n = 0;
  return {
    now: () => new Date('2026-01-15T09:00:00Z'),
    newId: () => `00000000-0000-4000-8${String(seed).padStart(3, '0')}-${String(++n).padStart(12, '0')}`,
  };
}

export { loadExamples } from '../examples.js';

/** `#ID` references that point to no element with that ID, and duplicated IDs. */
export function narrativeLinkProblems(xml: string): { dangling: string[]; duplicated: string[] } {
  const ids = [...xml.matchAll(/\sID="([^"]*)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  const duplicated = ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
  const dangling = [...xml.matchAll(/<reference value="#([^"]*)"/g)].map((m) => m[1]!).filter((id) => !seen.has(id));
  return { dangling, duplicated };
}

let validator: ReturnType<typeof createNodeValidator> | undefined;
/** The conformance engine (7 layers of the ANS kit), shared by the tests of one process. */
export function conformance(): ReturnType<typeof createNodeValidator> {
  validator ??= createNodeValidator();
  return validator;
}

export function failures(result: ValidationResult): string {
  return result.layers
    .filter((l) => !l.valid)
    .map(
      (l) =>
        `${l.layer}: ` +
        [...l.errors.map((e) => `${e.location} ${e.message}`), ...l.engineErrors.map((e) => JSON.stringify(e))].slice(0, 8).join('\n    '),
    )
    .join('\n  ');
}
