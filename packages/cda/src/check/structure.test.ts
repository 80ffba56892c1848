// The structural check's closures give exactly TypeBox's `Value.Check` answer: on every example,
// on inputs broken in many places, on each keyword's edges, and by falling back to TypeBox for
// a schema with a kind or keyword they do not handle.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Type, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { checkStructure } from './structure.js';
import { PpsDocument } from '../model/pps.js';
import { FrcpDocument } from '../model/frcp.js';
import { loadExamples } from '../testing/support.js';

const same = (schema: TSchema, value: unknown, what: string) =>
  assert.equal(checkStructure(schema, value), Value.Check(schema, value), what);

/** Every place in a JSON value, as a list of keys. */
function places(value: unknown, at: Array<string | number> = [], found: Array<Array<string | number>> = []) {
  found.push(at);
  if (value !== null && typeof value === 'object')
    for (const key of Object.keys(value)) places((value as Record<string, unknown>)[key], [...at, Array.isArray(value) ? Number(key) : key], found);
  return found;
}

const REPLACEMENTS: unknown[] = [undefined, '', 'x', 42, 1.5, Number.NaN, Infinity, -1, true, null, [], {}, ['x'], { x: 1 }, '2024-02-30', 'é\u0001', 'a'.repeat(5000)];

describe('checkStructure', () => {
  for (const [volet, schema] of [['pps', PpsDocument], ['frcp', FrcpDocument]] as const)
    test(`${volet}: the same answer as Value.Check on every example and on each of 150 broken copies of it`, () => {
      let seed = 7;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      for (const { name, input } of loadExamples(volet)) {
        assert.equal(checkStructure(schema, input), true, name);
        same(schema, input, name);
        const all = places(input).slice(1);
        const text = JSON.stringify(input);
        for (let n = 0; n < 150; n++) {
          const place = all[Math.floor(random() * all.length)]!;
          const replacement = REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)];
          const broken = JSON.parse(text) as Record<string, unknown>;
          let parent = broken as Record<string | number, unknown>;
          for (const key of place.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
          const last = place.at(-1)!;
          if (replacement === undefined && !Array.isArray(parent)) delete parent[last];
          else parent[last] = replacement;
          same(schema, broken, `${name} ${place.join('.')} = ${String(replacement)}`);
        }
      }
    });

  test('each keyword at its edges', () => {
    const schema = Type.Object(
      {
        text: Type.String({ minLength: 1, maxLength: 3, pattern: '^[a-z]+$' }),
        count: Type.Optional(Type.Integer({ minimum: 0, maximum: 10, multipleOf: 2 })),
        ratio: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 })),
        list: Type.Optional(Type.Array(Type.Boolean(), { minItems: 1, maxItems: 2 })),
        kind: Type.Optional(Type.Union([Type.Literal('a'), Type.Literal(3)])),
        part: Type.Optional(Type.Object({ x: Type.Optional(Type.String()) }, { minProperties: 1, maxProperties: 1 })),
      },
      { additionalProperties: false },
    );
    const values: unknown[] = [
      { text: 'ab' }, { text: '' }, { text: 'abcd' }, { text: 'aB' }, { text: 3 }, {}, null, [], 'ab',
      { text: 'a', count: 4 }, { text: 'a', count: 3 }, { text: 'a', count: 12 }, { text: 'a', count: -2 }, { text: 'a', count: 2.5 }, { text: 'a', count: undefined },
      { text: 'a', ratio: 0.5 }, { text: 'a', ratio: 0 }, { text: 'a', ratio: 1 }, { text: 'a', ratio: Number.NaN }, { text: 'a', ratio: '0.5' },
      { text: 'a', list: [true] }, { text: 'a', list: [] }, { text: 'a', list: [true, false, true] }, { text: 'a', list: [1] }, { text: 'a', list: {} },
      { text: 'a', kind: 'a' }, { text: 'a', kind: 3 }, { text: 'a', kind: '3' }, { text: 'a', kind: null },
      { text: 'a', part: {} }, { text: 'a', part: { x: 'y' } }, { text: 'a', part: { y: 1 } }, { text: 'a', part: { x: 'y', z: 1 } }, { text: 'a', part: [] },
      { text: 'a', other: 1 }, Object.assign(Object.create({ text: 'a' }) as object, {}), Object.create(null) as object, new Date(),
    ];
    for (const value of values) same(schema, value, JSON.stringify(value) ?? String(value));
    // Every key required: TypeBox accepts as many own keys as known ones without looking at their names.
    const closed = Type.Object({ a: Type.String() }, { additionalProperties: false });
    for (const value of [{ a: 'x' }, { a: 'x', b: 1 }, Object.assign(Object.create({ a: 'x' }) as object, { b: 1 })]) same(closed, value, JSON.stringify(value));
    for (const value of [1, 1.5, Number.NaN, Infinity, -Infinity, '1']) {
      same(Type.Number(), value, String(value));
      same(Type.Integer(), value, String(value));
    }
    const open = Type.Object({ a: Type.Optional(Type.String()) });
    for (const value of [{}, { b: 1 }, { a: 1 }]) same(open, value, JSON.stringify(value));
  });

  test('a schema with a kind or keyword it does not handle is checked by TypeBox itself', () => {
    const schemas = [
      Type.Object({ when: Type.Date() }),
      Type.Object({ mail: Type.String({ format: 'email' }) }),
      Type.Array(Type.String(), { uniqueItems: true }),
      Type.Object({ a: Type.Union([Type.String(), Type.Undefined()]) }),
      Type.Record(Type.String(), Type.Number()),
      Type.Object({}, { additionalProperties: Type.Number() }),
    ];
    const values: unknown[] = [{ when: new Date() }, { when: 'x' }, { mail: 'a@b' }, ['a', 'a'], ['a', 'b'], {}, { a: undefined }, { b: 1 }, { b: 'x' }];
    for (const schema of schemas) for (const value of values) same(schema, value, `${JSON.stringify(schema)} ${String(value)}`);
  });
});
