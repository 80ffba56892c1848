// Model errors: every problem found in a build input, with the field path and a message in
// French (the UI language) and English. Messages never quote the offending value: inputs
// are patient data and these messages end up in logs.
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { XML_CHARS_PATTERN } from './model/common.js';

export interface LocalizedText {
  readonly fr: string;
  readonly en: string;
}

export interface ModelIssue {
  /** Field path in the input, e.g. `patient.ins.value` or `tumours[0].topography.coding.code`. */
  readonly path: string;
  /** Stable machine code, e.g. `required`, `pattern`, `value-set`, `ins.key`. */
  readonly code: string;
  readonly message: LocalizedText;
}

export class ModelValidationError extends Error {
  override readonly name = 'ModelValidationError';
  constructor(
    readonly volet: 'pps' | 'frcp',
    readonly issues: readonly ModelIssue[],
  ) {
    super(
      `Invalid ${volet.toUpperCase()} input: ${issues.length} problem(s)\n` +
        issues
          .slice(0, 20)
          .map((i) => `  - ${i.path || '(root)'}: ${i.message.en}`)
          .join('\n') +
        (issues.length > 20 ? `\n  … and ${issues.length - 20} more` : ''),
    );
  }
}

/** JSON pointer (/tumours/0/topography) → field path (tumours[0].topography). */
export function pointerToPath(pointer: string): string {
  let path = '';
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^(0|[1-9][0-9]*)$/.test(part)) path += `[${part}]`;
    else path += path === '' ? part : `.${part}`;
  }
  return path;
}

export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

const describeSchema = (error: ValueError): string =>
  typeof error.schema.description === 'string' ? ` (${error.schema.description})` : '';

/**
 * Turns a TypeBox structure error into a model issue with bilingual text. The message does not
 * repeat the path (it is beside it, and `issueLine` of `@dcc-kit/cda/labels` names it as the
 * screen does): « Ce champ est obligatoire. », not « Champ obligatoire manquant : tumours[0]… ».
 */
export function structuralIssue(error: ValueError): ModelIssue {
  const schema = error.schema as Record<string, unknown>;
  const path = pointerToPath(error.path);
  const msg = (code: string, fr: string, en: string): ModelIssue => ({ path, code, message: { fr, en } });
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return msg('required', 'Ce champ est obligatoire.', 'This field is required.');
    case ValueErrorType.ObjectAdditionalProperties: {
      // The object may be of the wrong kind rather than misspelt: say what is expected here.
      // At most eight names: a hundred such issues must stay a small answer (bounded problem details).
      const names = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {});
      const expected = names.slice(0, 8).join(', ') + (names.length > 8 ? '…' : '');
      return msg(
        'unknown-field',
        `Champ non prévu à cet endroit${expected ? ` (champs attendus : ${expected})` : ''}.`,
        `Field not expected here${expected ? ` (expected fields: ${expected})` : ''}.`,
      );
    }
    case ValueErrorType.ObjectMinProperties:
      return msg('empty', 'Renseignez au moins un élément.', 'Fill in at least one part.');
    case ValueErrorType.String:
      return msg('type', 'Un texte est attendu.', 'A text is expected.');
    case ValueErrorType.Boolean:
      return msg('type', 'Oui ou non est attendu (true ou false).', 'Yes or no is expected (true or false).');
    case ValueErrorType.Number:
    case ValueErrorType.Integer:
      return msg(
        'type',
        `Un nombre${error.type === ValueErrorType.Integer ? ' entier' : ''} est attendu.`,
        `A${error.type === ValueErrorType.Integer ? 'n integer' : ' number'} is expected.`,
      );
    case ValueErrorType.Object:
      return msg('type', 'Un groupe de champs est attendu ici, pas une valeur isolée.', 'A group of fields (an object) is expected here.');
    case ValueErrorType.Array:
      return msg('type', 'Une liste est attendue.', 'A list (an array) is expected.');
    case ValueErrorType.ArrayMinItems:
      return msg(
        'min-items',
        `Au moins ${String(schema.minItems)} élément(s) attendu(s).`,
        `At least ${String(schema.minItems)} item(s) expected.`,
      );
    case ValueErrorType.ArrayMaxItems:
      return msg('max-items', `Trop d'éléments (au plus ${String(schema.maxItems)}).`, `Too many items (at most ${String(schema.maxItems)}).`);
    case ValueErrorType.StringMinLength:
      return msg('empty', 'Ce champ ne doit pas être vide.', 'This field must not be empty.');
    case ValueErrorType.StringMaxLength:
      return msg(
        'too-long',
        `Texte trop long (au plus ${String(schema.maxLength)} caractères).`,
        `Text too long (at most ${String(schema.maxLength)} characters).`,
      );
    case ValueErrorType.StringPattern:
      if (schema.pattern === XML_CHARS_PATTERN)
        return msg(
          'characters',
          'Contient un caractère interdit (caractère de contrôle ou non représentable en XML).',
          'Contains a character that is not allowed (a control character, or one XML cannot carry).',
        );
      return msg('format', 'Format inattendu.', `Unexpected format${describeSchema(error)}.`);
    case ValueErrorType.Literal:
    case ValueErrorType.Union:
      return msg('enum', `Valeur non autorisée${describeSchema(error)}.`, `Value not allowed${describeSchema(error)}.`);
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.NumberExclusiveMinimum:
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.IntegerExclusiveMinimum:
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.IntegerMaximum:
      return msg('range', 'Valeur hors des bornes autorisées.', 'Value out of the allowed range.');
    default:
      return msg('invalid', 'Valeur invalide.', 'Invalid value.');
  }
}

/**
 * One issue per problem: a missing field is reported once (« obligatoire »), not also as « doit
 * être un objet » at the same path, and a path reported twice with the same code keeps its first
 * message. Order of first appearance is kept.
 */
export function oneIssuePerProblem(issues: readonly ModelIssue[]): ModelIssue[] {
  const required = new Set(issues.filter((i) => i.code === 'required').map((i) => i.path));
  const seen = new Set<string>();
  const out: ModelIssue[] = [];
  for (const issue of issues) {
    if (required.has(issue.path) && issue.code !== 'required') continue;
    const key = `${issue.path}\u0000${issue.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return out;
}

/** True when `path` is `base` or lies under it (`base.x`, `base[2]`). */
export function isUnderPath(path: string, base: string): boolean {
  return base === '' || path === base || path.startsWith(`${base}.`) || path.startsWith(`${base}[`);
}
