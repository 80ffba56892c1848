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

/** Turns a TypeBox structure error into a model issue with bilingual text. */
export function structuralIssue(error: ValueError): ModelIssue {
  const schema = error.schema as Record<string, unknown>;
  const path = pointerToPath(error.path);
  const field = path || '(root)';
  const msg = (code: string, fr: string, en: string): ModelIssue => ({ path, code, message: { fr, en } });
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return msg('required', `Champ obligatoire manquant : ${field}.`, `Required field missing: ${field}.`);
    case ValueErrorType.ObjectAdditionalProperties:
      return msg('unknown-field', `Champ inconnu : ${field} (vérifiez l'orthographe).`, `Unknown field: ${field} (check the spelling).`);
    case ValueErrorType.ObjectMinProperties:
      return msg('empty', `${field} ne doit pas être vide.`, `${field} must not be empty.`);
    case ValueErrorType.String:
      return msg('type', `${field} doit être une chaîne de caractères.`, `${field} must be a string.`);
    case ValueErrorType.Boolean:
      return msg('type', `${field} doit valoir true ou false.`, `${field} must be true or false.`);
    case ValueErrorType.Number:
    case ValueErrorType.Integer:
      return msg(
        'type',
        `${field} doit être un nombre${error.type === ValueErrorType.Integer ? ' entier' : ''}.`,
        `${field} must be a${error.type === ValueErrorType.Integer ? 'n integer' : ' number'}.`,
      );
    case ValueErrorType.Object:
      return msg('type', `${field} doit être un objet.`, `${field} must be an object.`);
    case ValueErrorType.Array:
      return msg('type', `${field} doit être une liste.`, `${field} must be an array.`);
    case ValueErrorType.ArrayMinItems:
      return msg(
        'min-items',
        `${field} doit contenir au moins ${String(schema.minItems)} élément(s).`,
        `${field} must contain at least ${String(schema.minItems)} item(s).`,
      );
    case ValueErrorType.ArrayMaxItems:
      return msg(
        'max-items',
        `${field} contient trop d'éléments (au plus ${String(schema.maxItems)}).`,
        `${field} has too many items (at most ${String(schema.maxItems)}).`,
      );
    case ValueErrorType.StringMinLength:
      return msg('empty', `${field} ne doit pas être vide.`, `${field} must not be empty.`);
    case ValueErrorType.StringMaxLength:
      return msg(
        'too-long',
        `${field} est trop long (au plus ${String(schema.maxLength)} caractères).`,
        `${field} is too long (at most ${String(schema.maxLength)} characters).`,
      );
    case ValueErrorType.StringPattern:
      if (schema.pattern === XML_CHARS_PATTERN)
        return msg(
          'characters',
          `${field} contient un caractère interdit (caractère de contrôle ou non représentable en XML).`,
          `${field} contains a character that is not allowed (a control character, or one XML cannot carry).`,
        );
      return msg(
        'format',
        `${field} n'a pas le format attendu (voir la description du champ dans le schéma JSON).`,
        `${field} does not have the expected format${describeSchema(error)}.`,
      );
    case ValueErrorType.Literal:
    case ValueErrorType.Union:
      return msg(
        'enum',
        `${field} : valeur non autorisée${describeSchema(error)}.`,
        `${field}: value not allowed${describeSchema(error)}.`,
      );
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.NumberExclusiveMinimum:
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.IntegerExclusiveMinimum:
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.IntegerMaximum:
      return msg('range', `${field} est hors des bornes autorisées.`, `${field} is out of the allowed range.`);
    default:
      return msg('invalid', `${field} est invalide.`, `${field} is invalid.`);
  }
}
