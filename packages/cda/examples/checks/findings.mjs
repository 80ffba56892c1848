// What the checks find, in the order they find it: errors (exit code 1), warnings, notes
// (shown with --verbose).
export function createFindings() {
  const errors = [];
  const warnings = [];
  const notes = [];
  const err = (file, p, msg) => errors.push(`${file}: ${p || '(racine)'} — ${msg}`);
  const warn = (file, p, msg) => warnings.push(`${file}: ${p || '(racine)'} — ${msg}`);
  return { errors, warnings, notes, err, warn };
}
