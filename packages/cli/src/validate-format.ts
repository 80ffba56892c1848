/** Output formats of `dcc validate`. */
import type { LayerIssue, ValidationResult } from '@dcc-kit/conformance';

/** Why a file got no verdict: unreadable, not well-formed (with the parser's issues), or of an unknown volet. */
export interface FileError {
  readonly code: 'unreadable' | 'not-well-formed' | 'volet-not-detected';
  readonly message: string;
  readonly issues: readonly LayerIssue[];
}

/** One file's entry: its verdict, or why it has none. */
export type FileOutcome = { readonly file: string; readonly result: ValidationResult } | { readonly file: string; readonly error: FileError };

const issueJson = (i: LayerIssue) => ({
  location: i.location,
  message: i.message,
  pattern: i.pattern,
  test: i.test,
  ...(i.context ? { context: i.context } : {}),
  ...(i.role ? { role: i.role } : {}),
  ...(i.line !== undefined ? { line: i.line } : {}),
});

/**
 * `[{ file, volet, valid, layers: [{ layer, errors: [{ location, message, pattern, test }] }] }]`,
 * plus, per layer, `valid`, `warnings` (non-blocking findings) and `engineErrors`; a file
 * without a verdict is `{ file, valid: false, error: { code, message, issues } }`.
 */
export function formatJson(outcomes: readonly FileOutcome[]): string {
  const out = outcomes.map((o) =>
    'error' in o
      ? { file: o.file, valid: false, error: { code: o.error.code, message: o.error.message, issues: o.error.issues.map(issueJson) } }
      : {
          file: o.file,
          volet: o.result.volet,
          valid: o.result.valid,
          layers: o.result.layers.map((l) => ({
            layer: l.layer,
            valid: l.valid,
            errors: l.errors.map(issueJson),
            warnings: l.warnings.map(issueJson),
            engineErrors: l.engineErrors,
          })),
        },
  );
  return `${JSON.stringify(out, null, 2)}\n`;
}

const located = (e: LayerIssue) => `${e.location}${e.line !== undefined ? ` (line ${e.line})` : ''}: ${e.message}`;

export function formatText(outcomes: readonly FileOutcome[]): string {
  const lines: string[] = [];
  for (const o of outcomes) {
    if ('error' in o) {
      lines.push(`${o.file}: NOT JUDGED (${o.error.code}): ${o.error.message}`);
      for (const e of o.error.issues) lines.push(`    ✗ ${located(e)}`);
      continue;
    }
    const r = o.result;
    const errors = r.layers.reduce((n, l) => n + l.errors.length, 0);
    lines.push(`${o.file}: ${r.valid ? 'valid' : 'INVALID'} (${r.volet === 'pps' ? 'CANCER-PPS_2022.01' : 'CANCER-FRCP_2022.01'}, ${errors} error${errors === 1 ? '' : 's'})`);
    for (const l of r.layers) {
      const status = l.engineErrors.length ? 'ENGINE ERROR' : l.errors.length ? `${l.errors.length} error${l.errors.length === 1 ? '' : 's'}` : 'ok';
      lines.push(`  ${l.layer}: ${status}${l.warnings.length ? `, ${l.warnings.length} warning${l.warnings.length === 1 ? '' : 's'}` : ''}`);
      for (const e of l.errors) lines.push(`    ✗ ${located(e)}${e.pattern ? ` [${e.pattern}]` : ''}`);
      for (const w of l.warnings) lines.push(`    ! ${w.location}: ${w.message}${w.pattern ? ` [${w.pattern}]` : ''}`);
      for (const e of l.engineErrors) lines.push(`    ENGINE: ${e.message}${e.context ? ` (rule ${e.context})` : ''}${e.location ? ` at ${e.location}` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);

/** One testsuite per file, one testcase per layer (a file without a verdict: one erroring testcase): CI systems show each failing layer. */
export function formatJunit(outcomes: readonly FileOutcome[]): string {
  const suites = outcomes.map((o) => {
    const file = escapeXml(o.file);
    if ('error' in o) {
      const text = [o.error.message, ...o.error.issues.map(located)].join('\n');
      return `  <testsuite name="${file}" tests="1" failures="0" errors="1" time="0.000">\n    <testcase classname="${file}" name="${o.error.code}" time="0.000"><error message="${escapeXml(o.error.code)}" type="${escapeXml(o.error.code)}">${escapeXml(text)}</error></testcase>\n  </testsuite>`;
    }
    const r = o.result;
    const failures = r.layers.filter((l) => l.errors.length > 0).length;
    const errors = r.layers.filter((l) => l.engineErrors.length > 0).length;
    const time = (r.layers.reduce((t, l) => t + l.durationMs, 0) / 1000).toFixed(3);
    const cases = r.layers.map((l) => {
      const body: string[] = [];
      if (l.errors.length) {
        const text = l.errors.map((e) => `${e.location}: ${e.message}${e.pattern ? ` [${e.pattern}]` : ''}`).join('\n');
        body.push(`<failure message="${l.errors.length} error(s)" type="${escapeXml(l.layer)}">${escapeXml(text)}</failure>`);
      }
      if (l.engineErrors.length) {
        body.push(`<error message="engine error" type="engine">${escapeXml(l.engineErrors.map((e) => e.message).join('\n'))}</error>`);
      }
      return `    <testcase classname="${file}" name="${escapeXml(l.layer)}" time="${(l.durationMs / 1000).toFixed(3)}">${body.join('')}</testcase>`;
    });
    return `  <testsuite name="${file}" tests="${r.layers.length}" failures="${failures}" errors="${errors}" time="${time}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="dcc validate">\n${suites.join('\n')}\n</testsuites>\n`;
}
