// A small JSON Schema (2020-12 subset used by openapi.json) checker that reports every
// failing field path in the contract's notation (`traits.firstNames[0]`, `ins.value`).
// Why not TypeBox's Value: it needs TypeBox-built schemas; the OpenAPI file is plain JSON.
// Supported: type (incl. arrays of types), properties, required, additionalProperties,
// items, enum, const, $ref (#/…), oneOf/anyOf/allOf, min/maxLength, pattern (Unicode),
// minimum/maximum, min/maxItems, format date-time and uuid.

export interface SchemaIssue {
  path: string;
  code: string;
  message: { fr: string; en: string };
}

type Schema = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const patternCache = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'u');
    patternCache.set(pattern, re);
  }
  return re;
}

export class SchemaChecker {
  constructor(private readonly root: Schema) {}

  resolve(schema: Schema): Schema {
    let s = schema;
    for (let i = 0; i < 20 && typeof s.$ref === 'string'; i++) {
      const ref = s.$ref as string;
      if (!ref.startsWith('#/')) throw new Error(`Unsupported $ref ${ref}`);
      let node: unknown = this.root;
      for (const part of ref.slice(2).split('/')) node = (node as Schema)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      if (!node || typeof node !== 'object') throw new Error(`Unresolved $ref ${ref}`);
      s = node as Schema;
    }
    return s;
  }

  check(schema: Schema, value: unknown, path = ''): SchemaIssue[] {
    const issues: SchemaIssue[] = [];
    this.visit(schema, value, path, issues);
    return issues;
  }

  private visit(schemaIn: Schema, value: unknown, path: string, out: SchemaIssue[]): void {
    const schema = this.resolve(schemaIn);
    const field = path || '(body)';
    const add = (code: string, fr: string, en: string) => out.push({ path, code, message: { fr, en } });
    if (Array.isArray(schema.allOf)) for (const s of schema.allOf as Schema[]) this.visit(s, value, path, out);
    for (const key of ['oneOf', 'anyOf'] as const) {
      const options = schema[key];
      if (!Array.isArray(options)) continue;
      const passing = (options as Schema[]).filter((s) => this.check(s, value, path).length === 0).length;
      if (key === 'oneOf' ? passing !== 1 : passing === 0) add('invalid', `${field} : valeur non autorisée.`, `${field}: value not allowed.`);
    }
    const actual = typeOf(value);
    if (schema.type !== undefined) {
      const types = (Array.isArray(schema.type) ? schema.type : [schema.type]) as string[];
      const ok = types.includes(actual) || (actual === 'integer' && types.includes('number'));
      if (!ok) {
        if (value === undefined) return;
        add('type', `${field} doit être de type ${types.join(' ou ')}.`, `${field} must be of type ${types.join(' or ')}.`);
        return;
      }
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => e === value))
      add('enum', `${field} : valeur non autorisée (${schema.enum.join(', ')}).`, `${field}: value not allowed (${schema.enum.join(', ')}).`);
    if ('const' in schema && schema.const !== value) add('enum', `${field} : valeur non autorisée.`, `${field}: value not allowed.`);
    if (actual === 'string') this.checkString(schema, value as string, field, add);
    if ((actual === 'integer' || actual === 'number') && typeof value === 'number') {
      if (typeof schema.minimum === 'number' && value < schema.minimum) add('range', `${field} est trop petit.`, `${field} is too small.`);
      if (typeof schema.maximum === 'number' && value > schema.maximum) add('range', `${field} est trop grand.`, `${field} is too large.`);
    }
    if (actual === 'array') {
      const items = value as unknown[];
      if (typeof schema.minItems === 'number' && items.length < schema.minItems)
        add('min-items', `${field} doit contenir au moins ${schema.minItems} élément(s).`, `${field} must contain at least ${schema.minItems} item(s).`);
      if (typeof schema.maxItems === 'number' && items.length > schema.maxItems)
        add('max-items', `${field} contient trop d'éléments.`, `${field} has too many items.`);
      if (schema.items && typeof schema.items === 'object') items.forEach((item, i) => this.visit(schema.items as Schema, item, joinPath(path, i), out));
    }
    if (actual === 'object') {
      const obj = value as Record<string, unknown>;
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      for (const name of (schema.required ?? []) as string[])
        if (obj[name] === undefined)
          out.push({
            path: joinPath(path, name),
            code: 'required',
            message: { fr: `Champ obligatoire manquant : ${joinPath(path, name)}.`, en: `Required field missing: ${joinPath(path, name)}.` },
          });
      for (const [name, v] of Object.entries(obj)) {
        const p = joinPath(path, name);
        if (props[name]) this.visit(props[name], v, p, out);
        else if (schema.additionalProperties === false)
          out.push({ path: p, code: 'unknown-field', message: { fr: `Champ inconnu : ${p}.`, en: `Unknown field: ${p}.` } });
        else if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
          this.visit(schema.additionalProperties as Schema, v, p, out);
      }
    }
  }

  private checkString(schema: Schema, value: string, field: string, add: (code: string, fr: string, en: string) => void): void {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) add('empty', `${field} ne doit pas être vide.`, `${field} must not be empty.`);
    if (typeof schema.maxLength === 'number' && length > schema.maxLength)
      add('too-long', `${field} est trop long (au plus ${schema.maxLength} caractères).`, `${field} is too long (at most ${schema.maxLength} characters).`);
    // Messages never quote the value: request bodies carry patient data.
    if (typeof schema.pattern === 'string' && !regex(schema.pattern).test(value))
      add('format', `${field} n'a pas le format attendu.`, `${field} does not have the expected format.`);
    if (schema.format === 'uuid' && !UUID.test(value)) add('format', `${field} doit être un UUID.`, `${field} must be a UUID.`);
    if (schema.format === 'date-time' && !DATE_TIME.test(value)) add('format', `${field} doit être une date-heure ISO.`, `${field} must be an ISO date-time.`);
  }
}
