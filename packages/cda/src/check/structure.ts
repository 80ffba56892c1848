// The structural check's yes/no, without TypeBox's interpreter cost. `Value.Check` walks the
// schema for every value and compiles `new RegExp(schema.pattern)` for every string; here the
// schema is turned once into a tree of closures (no eval, no `new Function`: the browser CSP
// holds), with each pattern compiled once. It gives exactly `Value.Check`'s answer under
// TypeBox's default policy for the kinds and keywords the model uses; a schema with anything
// else is left to `Value.Check` (see `compile`). Only the answer comes from here: the issues of
// a wrong shape are still TypeBox's `Value.Errors`, so their paths and messages are unchanged.
import { Kind, type TSchema } from '@sinclair/typebox';
// Named imports, not the `Value` namespace: a bundle then keeps TypeBox's check and errors only.
import { Check } from '@sinclair/typebox/value';

type Test = (value: unknown) => boolean;

/** Keywords each supported kind may carry that change the answer; any other keyword is ignored by both. */
const SUPPORTED: Record<string, ReadonlySet<string>> = {
  Object: new Set(['properties', 'required', 'additionalProperties', 'minProperties', 'maxProperties']),
  Array: new Set(['items', 'minItems', 'maxItems']),
  String: new Set(['minLength', 'maxLength', 'pattern']),
  Integer: new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']),
  Number: new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']),
  Union: new Set(['anyOf']),
  Literal: new Set(['const']),
  Boolean: new Set(),
};

/** Keywords TypeBox's check reads for some kind: present on an unsupported place, they send the schema to `Value.Check`. */
const CHECKED_KEYWORDS = [
  '$id', '$ref', 'properties', 'required', 'additionalProperties', 'patternProperties', 'minProperties', 'maxProperties',
  'items', 'minItems', 'maxItems', 'uniqueItems', 'contains', 'minContains', 'maxContains', 'minLength', 'maxLength',
  'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'anyOf', 'allOf',
  'not', 'const',
];

class Unsupported extends Error {}

const compiled = new WeakMap<TSchema, Test>();

/** `Value.Check(schema, value)`, faster; same answer. */
export function checkStructure(schema: TSchema, value: unknown): boolean {
  let test = compiled.get(schema);
  if (test === undefined) {
    try {
      test = compile(schema, new Map());
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      test = (v) => Check(schema, v);
    }
    compiled.set(schema, test);
  }
  return test(value);
}

function compile(schema: TSchema, done: Map<TSchema, Test>): Test {
  const known = done.get(schema);
  if (known) return known;
  const kind = schema[Kind] as string;
  const supported = SUPPORTED[kind];
  if (supported === undefined) throw new Unsupported(kind);
  const s = schema as Record<string, unknown>;
  for (const keyword of CHECKED_KEYWORDS) if (s[keyword] !== undefined && !supported.has(keyword)) throw new Unsupported(`${kind}.${keyword}`);
  // A shared sub-schema (the model reuses its parts) is compiled once; the model has no cycles.
  let test: Test;
  switch (kind) {
    case 'Object':
      test = objectTest(s, done);
      break;
    case 'Array':
      test = arrayTest(s, done);
      break;
    case 'String':
      test = stringTest(s);
      break;
    case 'Integer':
      test = numberTest(s, Number.isInteger);
      break;
    case 'Number':
      test = numberTest(s, Number.isFinite);
      break;
    case 'Union': {
      const options = (s.anyOf as TSchema[]).map((o) => compile(o, done));
      test = (v) => {
        for (const option of options) if (option(v)) return true;
        return false;
      };
      break;
    }
    case 'Literal': {
      const constant = s.const;
      test = (v) => v === constant;
      break;
    }
    default:
      test = (v) => typeof v === 'boolean';
  }
  done.set(schema, test);
  return test;
}

function objectTest(s: Record<string, unknown>, done: Map<TSchema, Test>): Test {
  const properties = (s.properties ?? {}) as Record<string, TSchema>;
  const knownKeys = Object.getOwnPropertyNames(properties);
  const required = (s.required as string[] | undefined) ?? [];
  // TypeBox's extra check of a required property whose type admits undefined (Any, Unknown,
  // Undefined, a union with one of them) is not reproduced: such types are unsupported here.
  const requiredTests: Array<[string, Test]> = [];
  const optionalTests: Array<[string, Test]> = [];
  for (const key of knownKeys) (required.includes(key) ? requiredTests : optionalTests).push([key, compile(properties[key]!, done)]);
  const known = new Set(knownKeys);
  const minProperties = s.minProperties as number | undefined;
  const maxProperties = s.maxProperties as number | undefined;
  const additional = s.additionalProperties;
  if (additional !== undefined && additional !== false) throw new Unsupported('Object.additionalProperties');
  const closed = additional === false;
  // TypeBox's shortcut: every known key required and as many own keys as known ones → accepted.
  const allRequired = s.required !== undefined && required.length === knownKeys.length;
  return (v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
    const obj = v as Record<string, unknown>;
    if (minProperties !== undefined && !(Object.getOwnPropertyNames(obj).length >= minProperties)) return false;
    if (maxProperties !== undefined && !(Object.getOwnPropertyNames(obj).length <= maxProperties)) return false;
    for (const [key, test] of requiredTests) if (!test(obj[key])) return false;
    for (const [key, test] of optionalTests) {
      const value = obj[key];
      if (value !== undefined && !test(value)) return false;
    }
    if (!closed) return true;
    const keys = Object.getOwnPropertyNames(obj);
    if (allRequired && keys.length === knownKeys.length) return true;
    for (const key of keys) if (!known.has(key)) return false;
    return true;
  };
}

function arrayTest(s: Record<string, unknown>, done: Map<TSchema, Test>): Test {
  const item = compile(s.items as TSchema, done);
  const minItems = s.minItems as number | undefined;
  const maxItems = s.maxItems as number | undefined;
  return (v) => {
    if (!Array.isArray(v)) return false;
    if (minItems !== undefined && !(v.length >= minItems)) return false;
    if (maxItems !== undefined && !(v.length <= maxItems)) return false;
    for (const element of v as unknown[]) if (!item(element)) return false;
    return true;
  };
}

function stringTest(s: Record<string, unknown>): Test {
  const minLength = s.minLength as number | undefined;
  const maxLength = s.maxLength as number | undefined;
  const pattern = s.pattern === undefined ? undefined : new RegExp(s.pattern as string);
  return (v) => {
    if (typeof v !== 'string') return false;
    if (minLength !== undefined && !(v.length >= minLength)) return false;
    if (maxLength !== undefined && !(v.length <= maxLength)) return false;
    return pattern === undefined || pattern.test(v);
  };
}

function numberTest(s: Record<string, unknown>, isNumber: (v: unknown) => boolean): Test {
  const { exclusiveMaximum, exclusiveMinimum, minimum, maximum, multipleOf } = s as Record<string, number | undefined>;
  return (v) => {
    if (!isNumber(v)) return false;
    const n = v as number;
    if (exclusiveMaximum !== undefined && !(n < exclusiveMaximum)) return false;
    if (exclusiveMinimum !== undefined && !(n > exclusiveMinimum)) return false;
    if (maximum !== undefined && !(n <= maximum)) return false;
    if (minimum !== undefined && !(n >= minimum)) return false;
    if (multipleOf !== undefined && !(n % multipleOf === 0)) return false;
    return true;
  };
}
