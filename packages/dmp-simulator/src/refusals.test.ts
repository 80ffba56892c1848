// The README's table of refusals is the SIM_REFUSALS table: every code, its errorCode, in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SIM_REFUSALS } from './refusals.js';

test('every SIM_ code is in the README table with its errorCode and its French and English texts', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const rows = new Map([...readme.matchAll(/^\| `(SIM_[A-Z0-9_]+)` \|(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
  for (const [code, refusal] of Object.entries(SIM_REFUSALS)) {
    const row = rows.get(code);
    assert.ok(row, `${code} missing from the README table`);
    assert.ok(row.includes(`\`${refusal.errorCode}\``), `${code}: errorCode ${refusal.errorCode}`);
    assert.ok(row.includes(refusal.fr) && row.includes(refusal.en), `${code}: messages`);
  }
  assert.equal(rows.size, Object.keys(SIM_REFUSALS).length, 'no stale rows');
});
