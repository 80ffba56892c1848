// The clinicians' words of the code pickers: every mapped or fallback code exists in its value
// set, every value set named exists, every term is one word, and no term means two things.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { valueSetsByName } from './generated/value-sets/index.js';
import { VALUE_SET_SYNONYMS } from './value-set-synonyms.js';

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

describe('VALUE_SET_SYNONYMS', () => {
  it('maps to codes of its own value set only', () => {
    for (const [name, vocabulary] of Object.entries(VALUE_SET_SYNONYMS)) {
      const valueSet = valueSetsByName[name as keyof typeof valueSetsByName];
      assert.ok(valueSet, `${name}: no such value set`);
      const codes = new Set<string>(valueSet.concepts.map((c) => c.code));
      for (const synonym of vocabulary.synonyms) for (const code of synonym.codes) assert.ok(codes.has(code), `${name}: ${synonym.terms[0]} → ${code} is not in the value set`);
      for (const absent of vocabulary.absent ?? []) assert.ok(codes.has(absent.fallbackCode), `${name}: fallback ${absent.fallbackCode} is not in the value set`);
    }
  });

  it('has one-word terms, each meaning one thing per value set', () => {
    for (const [name, vocabulary] of Object.entries(VALUE_SET_SYNONYMS)) {
      const seen = new Set<string>();
      for (const terms of [...vocabulary.synonyms.map((s) => s.terms), ...(vocabulary.absent ?? []).map((a) => a.terms)])
        for (const term of terms) {
          assert.match(fold(term), /^[a-z0-9-]+$/, `${name}: « ${term} » must be one word`);
          assert.ok(!seen.has(fold(term)), `${name}: « ${term} » twice`);
          seen.add(fold(term));
        }
    }
  });

  it('knows the abbreviations of the issue: chimio, RT, hormono, psy', () => {
    const pps = VALUE_SET_SYNONYMS.JDV_TypeTraitementPPS_CISIS!.synonyms;
    const codesOf = (term: string) => pps.find((s) => s.terms.includes(term))?.codes;
    assert.deepEqual(codesOf('chimio'), ['C15632']);
    assert.deepEqual(codesOf('rt'), ['C15313']);
    assert.deepEqual(codesOf('hormono'), ['C15445']);
    assert.ok(VALUE_SET_SYNONYMS.JDV_SoinsOncoDeSupport_CISIS!.absent!.some((a) => a.terms.includes('psy')));
  });
});
