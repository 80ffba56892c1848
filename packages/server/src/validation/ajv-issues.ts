// Ajv errors → the API's issues: the contract's field paths (`traits.firstNames[0]`, `ins.value`),
// stable codes, and fr/en messages that name the field but never quote its value (request
// bodies carry patient data).
import type { ErrorObject } from 'ajv';

export interface SchemaIssue {
  path: string;
  code: string;
  message: { fr: string; en: string };
}

/** Most issues one body gets: enough to fix a form, bounded for a hostile body. */
export const MAX_ISSUES = 100;

export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}

/** `/traits/firstNames/1` of `data` → `traits.firstNames[1]` (array indexes where the data has arrays). */
export function contractPath(instancePath: string, data: unknown): string {
  if (!instancePath) return '';
  let path = '';
  let node: unknown = data;
  for (const raw of instancePath.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      path = joinPath(path, Number(key));
      node = node[Number(key)];
    } else {
      path = joinPath(path, key);
      node = node && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, key) ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return path;
}

/**
 * What a reader needs of Ajv's list: inside an anyOf/oneOf only the failing choice itself
 * (not every branch's complaint), and at a value of the wrong type only the type.
 */
function relevant(errors: readonly ErrorObject[]): ErrorObject[] {
  const choices = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => `${e.schemaPath}/`);
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  return errors.filter((e) => {
    if (choices.some((c) => e.schemaPath.startsWith(c))) return false;
    if (e.keyword !== 'type' && wrongType.has(e.instancePath) && e.keyword !== 'anyOf' && e.keyword !== 'oneOf') return false;
    return true;
  });
}

export function issuesOf(errors: readonly ErrorObject[] | null | undefined, data: unknown): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  for (const e of relevant(errors ?? [])) {
    if (out.length >= MAX_ISSUES) break;
    const path = contractPath(e.instancePath, data);
    const field = path || '(body)';
    const add = (code: string, fr: string, en: string, at = path) => out.push({ path: at, code, message: { fr, en } });
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'type': {
        const types = String(p.type).split(',');
        add('type', `${field} doit être de type ${types.join(' ou ')}.`, `${field} must be of type ${types.join(' or ')}.`);
        break;
      }
      case 'enum': {
        const allowed = (p.allowedValues as unknown[]).join(', ');
        add('enum', `${field} : valeur non autorisée (${allowed}).`, `${field}: value not allowed (${allowed}).`);
        break;
      }
      case 'const':
        add('enum', `${field} : valeur non autorisée.`, `${field}: value not allowed.`);
        break;
      case 'required': {
        const at = joinPath(path, String(p.missingProperty));
        add('required', `Champ obligatoire manquant : ${at}.`, `Required field missing: ${at}.`, at);
        break;
      }
      case 'additionalProperties': {
        const at = joinPath(path, String(p.additionalProperty));
        add('unknown-field', `Champ inconnu : ${at}.`, `Unknown field: ${at}.`, at);
        break;
      }
      case 'minLength':
        add('empty', `${field} ne doit pas être vide.`, `${field} must not be empty.`);
        break;
      case 'maxLength':
        add('too-long', `${field} est trop long (au plus ${String(p.limit)} caractères).`, `${field} is too long (at most ${String(p.limit)} characters).`);
        break;
      case 'pattern':
        add('format', `${field} n'a pas le format attendu.`, `${field} does not have the expected format.`);
        break;
      case 'format':
        if (p.format === 'uuid') add('format', `${field} doit être un UUID.`, `${field} must be a UUID.`);
        else if (p.format === 'date-time') add('format', `${field} doit être une date-heure ISO.`, `${field} must be an ISO date-time.`);
        else add('format', `${field} n'a pas le format attendu.`, `${field} does not have the expected format.`);
        break;
      case 'minimum':
      case 'exclusiveMinimum':
        add('range', `${field} est trop petit.`, `${field} is too small.`);
        break;
      case 'maximum':
      case 'exclusiveMaximum':
        add('range', `${field} est trop grand.`, `${field} is too large.`);
        break;
      case 'minItems':
        add('min-items', `${field} doit contenir au moins ${String(p.limit)} élément(s).`, `${field} must contain at least ${String(p.limit)} item(s).`);
        break;
      case 'maxItems':
        add('max-items', `${field} contient trop d'éléments.`, `${field} has too many items.`);
        break;
      default:
        add('invalid', `${field} : valeur non autorisée.`, `${field}: value not allowed.`);
    }
  }
  return out;
}
