// Every field of the published PPS and FRCP JSON Schemas has a label in French and in English,
// found the way the editors look labels up (packages/elements/src/form/schema-form.ts,
// `lookup`): for the path pattern, then each shorter suffix of it, the volet's key
// (`pps/…`, `frcp/…`) before the shared one. Enumerations have a label for every value.
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { modelFields } from '../metadata.js';
import { frcpFieldStrings, ppsFieldStrings, sharedFieldStrings, type FieldStrings, type Pair } from './index.js';
import { frcpFr, ppsFr, sharedFr } from './fr.js';
import { frcpEn, ppsEn, sharedEn } from './en.js';

type Table = keyof FieldStrings;

/** The text the editor of `volet` shows for `pattern` in `table`, or undefined (mirrors `lookup`). */
function lookup(volet: FieldStrings, table: Table, pattern: string): Pair | undefined {
  const parts = pattern.split('.');
  for (let i = 0; i < parts.length; i++) {
    const suffix = parts.slice(i).join('.');
    for (const catalogue of [volet[table], sharedFieldStrings[table]]) if (Object.hasOwn(catalogue, suffix)) return catalogue[suffix];
  }
  return undefined;
}

const volets = [
  ['pps', ppsFieldStrings],
  ['frcp', frcpFieldStrings],
] as const;

const missing = (pair: Pair | undefined): string[] =>
  pair === undefined ? ['fr', 'en'] : (['fr', 'en'] as const).filter((_, i) => !pair[i]?.trim());

describe('field labels', () => {
  for (const [name, strings] of volets) {
    const schema = JSON.parse(readFileSync(new URL(`../../schema/${name}.schema.json`, import.meta.url), 'utf8')) as object;
    const fields = modelFields(schema);

    it(`${name}: every field of the published schema has a French and an English label`, () => {
      const gaps = new Set<string>();
      for (const field of fields) for (const lang of missing(lookup(strings, 'labels', field.labelKey))) gaps.add(`${field.labelKey} (${lang})`);
      assert.ok(fields.length > 100);
      assert.deepEqual([...gaps], []);
    });

    it(`${name}: every value of an enumeration has a French and an English label`, () => {
      const gaps = new Set<string>();
      for (const field of fields)
        for (const value of field.values ?? [])
          for (const lang of missing(lookup(strings, 'options', `${field.labelKey}.${value}`))) gaps.add(`${field.labelKey}.${value} (${lang})`);
      assert.deepEqual([...gaps], []);
    });

    it(`${name}: hints, item names and options name fields that exist`, () => {
      const patterns = new Set(fields.map((f) => f.labelKey));
      const known = (key: string) => [...patterns].some((p) => p === key || p.endsWith(`.${key}`));
      const strays: string[] = [];
      for (const table of ['labels', 'hints', 'items'] as const)
        for (const key of Object.keys(strings[table])) if (!known(key)) strays.push(`${table}: ${key}`);
      for (const key of Object.keys(strings.options)) if (!known(key.slice(0, key.lastIndexOf('.')))) strays.push(`options: ${key}`);
      assert.deepEqual(strays, []);
    });
  }

  it('has the same keys in the French and the English catalogues', () => {
    for (const [fr, en] of [[sharedFr, sharedEn], [ppsFr, ppsEn], [frcpFr, frcpEn]] as const)
      for (const table of Object.keys(fr) as (keyof typeof fr)[]) {
        const frTable = fr[table];
        const enTable = en[table];
        if (typeof frTable === 'string' || typeof enTable === 'string') continue;
        assert.deepEqual(Object.keys(enTable), Object.keys(frTable), `${table}: the same keys in the same order`);
        for (const [key, text] of [...Object.entries(frTable), ...Object.entries(enTable)]) assert.ok(text.trim() !== '', `${table}.${key} has a text`);
      }
  });

  it('has a title and section titles in both languages', () => {
    for (const [, strings] of volets) {
      assert.deepEqual(missing(strings.title), []);
      for (const pair of Object.values(strings.sections)) assert.deepEqual(missing(pair), []);
    }
  });
});
