// The schemas of openapi.json compiled by Ajv (JSON Schema draft 2020-12, the dialect of
// OpenAPI 3.1), once: every components.schemas entry is registered under its own URI, so a
// request body, a response, or an inline schema with $refs is checked by compiled code.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { issuesOf, type SchemaIssue } from './ajv-issues.js';

type Schema = Record<string, unknown>;
const BASE = 'https://dcc-kit.dev/openapi/schemas/';
const LOCAL = '#/components/schemas/';

// The formats openapi.json uses, as the contract states them (no dependency on ajv-formats).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** `#/components/schemas/X` → an absolute URI Ajv resolves among the registered schemas. */
function absolute(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(absolute);
  if (!node || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === '$ref' && typeof value === 'string' && value.startsWith(LOCAL) ? `${BASE}${value.slice(LOCAL.length)}` : absolute(value);
  }
  return out;
}

/** Every `x-…` annotation keyword used (e.g. x-dcc-valueSet, x-dcc-label): accepted, never validated. */
function annotationKeywords(node: unknown, found = new Set<string>(['x-dcc-valueSet', 'x-dcc-label', 'x-dcc-kit-version'])): Set<string> {
  if (Array.isArray(node)) for (const item of node) annotationKeywords(item, found);
  else if (node && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      annotationKeywords(value, found);
    }
  return found;
}

export class OpenApiSchemas {
  private readonly ajv: Ajv2020;
  private readonly inline = new Map<string, ValidateFunction>();

  /** `overrides` replaces named component schemas for this checker (e.g. the draft model of requests). */
  constructor(
    private readonly root: { components: { schemas: Record<string, Schema> } },
    overrides: Record<string, Schema> = {},
  ) {
    const schemas = { ...root.components.schemas, ...overrides };
    // strict: unknown keywords are refused (typos in the contract fail at start-up);
    // strictTypes off: the contract's `type: [..]` unions and anyOf branches are intended.
    this.ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true, keywords: [...annotationKeywords(schemas)] });
    this.ajv.addFormat('uuid', UUID);
    this.ajv.addFormat('date-time', DATE_TIME);
    for (const [name, schema] of Object.entries(schemas)) {
      const { $id: _id, $schema: _dialect, ...body } = schema;
      this.ajv.addSchema(absolute(body) as Schema, `${BASE}${name}`);
    }
  }

  /** Compiles the named schemas now (start-up), not at the first request. */
  compile(names: readonly string[]): void {
    for (const name of names) this.validator(name);
  }

  private validator(name: string): ValidateFunction {
    const v = this.ajv.getSchema(`${BASE}${name}`);
    if (!v) throw new Error(`No schema ${name} in openapi.json`);
    return v;
  }

  /** Issues of `value` against a component by name, or an inline schema (with `#/components/schemas/…` refs). */
  check(schema: string | Schema, value: unknown): SchemaIssue[] {
    let validate: ValidateFunction;
    if (typeof schema === 'string') validate = this.validator(schema);
    else {
      const key = JSON.stringify(schema);
      validate = this.inline.get(key) ?? this.ajv.compile(absolute(schema) as Schema);
      this.inline.set(key, validate);
    }
    return validate(value) ? [] : issuesOf(validate.errors, value);
  }

  /** The node a `#/…` reference of the document points to (follows chained refs). */
  resolve(schema: Schema): Schema {
    let s = schema;
    for (let i = 0; i < 20 && typeof s.$ref === 'string'; i++) {
      const ref = s.$ref;
      if (!ref.startsWith('#/')) throw new Error(`Unsupported $ref ${ref}`);
      let node: unknown = this.root;
      for (const part of ref.slice(2).split('/')) node = (node as Schema)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      if (!node || typeof node !== 'object') throw new Error(`Unresolved $ref ${ref}`);
      s = node as Schema;
    }
    return s;
  }
}
