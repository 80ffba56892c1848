/** Output formats of `dcc validate`. */
import type { LayerIssue, ValidationResult } from '@dcc-kit/conformance';

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
 * plus, per layer, `valid`, `warnings` (non-blocking findings) and `engineErrors`.
 */
export function formatJson(files: readonly string[], results: readonly ValidationResult[]): string {
  const out = results.map((r, i) => ({
    file: files[i],
    volet: r.volet,
    valid: r.valid,
    layers: r.layers.map((l) => ({
      layer: l.layer,
      valid: l.valid,
      errors: l.errors.map(issueJson),
      warnings: l.warnings.map(issueJson),
      engineErrors: l.engineErrors,
    })),
  }));
  return `${JSON.stringify(out, null, 2)}\n`;
}

export function formatText(files: readonly string[], results: readonly ValidationResult[]): string {
  const lines: string[] = [];
  results.forEach((r, i) => {
    const errors = r.layers.reduce((n, l) => n + l.errors.length, 0);
    lines.push(`${files[i]}: ${r.valid ? 'valid' : 'INVALID'} (${r.volet === 'pps' ? 'CANCER-PPS_2022.01' : 'CANCER-FRCP_2022.01'}, ${errors} error${errors === 1 ? '' : 's'})`);
    for (const l of r.layers) {
      const status = l.engineErrors.length ? 'ENGINE ERROR' : l.errors.length ? `${l.errors.length} error${l.errors.length === 1 ? '' : 's'}` : 'ok';
      lines.push(`  ${l.layer}: ${status}${l.warnings.length ? `, ${l.warnings.length} warning${l.warnings.length === 1 ? '' : 's'}` : ''}`);
      for (const e of l.errors) lines.push(`    ✗ ${e.location}${e.line !== undefined ? ` (line ${e.line})` : ''}: ${e.message}${e.pattern ? ` [${e.pattern}]` : ''}`);
      for (const w of l.warnings) lines.push(`    ! ${w.location}: ${w.message}${w.pattern ? ` [${w.pattern}]` : ''}`);
      for (const e of l.engineErrors) lines.push(`    ENGINE: ${e.message}${e.context ? ` (rule ${e.context})` : ''}${e.location ? ` at ${e.location}` : ''}`);
    }
  });
  return `${lines.join('\n')}\n`;
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);

/** One testsuite per file, one testcase per layer: CI systems show each failing layer. */
export function formatJunit(files: readonly string[], results: readonly ValidationResult[]): string {
  const suites = results.map((r, i) => {
    const file = escapeXml(files[i] ?? '');
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
