// What the identity tests share: the no-leak assertion of an issue and the digit generators.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { IdentityIssue } from './index.js';

/** The issue must not leak the checked value (identifiers are personal data and messages reach the logs). */
export function assertNoLeak(value: string, issue: IdentityIssue | undefined): void {
  if (issue === undefined) return;
  assert.deepEqual(Object.keys(issue).sort(), ['code', 'message']);
  assert.ok(!issue.message.fr.includes(value), `fr message of ${issue.code} contains the checked value`);
  assert.ok(!issue.message.en.includes(value), `en message of ${issue.code} contains the checked value`);
}

const digit = fc.integer({ min: 0, max: 9 }).map(String);

/** A string of `min` to `max` decimal digits (`min` alone: exactly that many). */
export const digits = (min: number, max = min): fc.Arbitrary<string> =>
  fc.array(digit, { minLength: min, maxLength: max }).map((a) => a.join(''));
