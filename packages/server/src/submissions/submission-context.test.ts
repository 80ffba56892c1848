import assert from 'node:assert/strict';
import { test } from 'node:test';
import { depositsInSecretConnection, isMinorOn } from './submission-context.js';

test('isMinorOn: under 18 until the eighteenth birthday, a day of the French calendar', () => {
  assert.equal(isMinorOn('2010-08-01', new Date('2028-07-31T12:00:00Z')), true);
  assert.equal(isMinorOn('2010-08-01', new Date('2028-08-01T12:00:00Z')), false);
  assert.equal(isMinorOn('1979-03-28', new Date('2026-01-01T00:00:00Z')), false);
  // 23:30 UTC on the eve is already the birthday in Paris
  assert.equal(isMinorOn('2010-08-01', new Date('2028-07-31T23:30:00Z')), false);
  // unknown or partial birth dates are not read as a minor's
  assert.equal(isMinorOn(undefined, new Date('2026-01-01T00:00:00Z')), false);
  assert.equal(isMinorOn('2016', new Date('2026-01-01T00:00:00Z')), false);
});

test('depositsInSecretConnection: a minor document hidden from the legal representatives only', () => {
  const now = new Date('2026-12-06T10:00:00Z');
  assert.equal(depositsInSecretConnection(['INVISIBLE_REPRESENTANTS_LEGAUX'], '2016-05-12', now), true);
  assert.equal(depositsInSecretConnection(['MASQUE_PS'], '2016-05-12', now), false);
  assert.equal(depositsInSecretConnection([], '2016-05-12', now), false);
  // an adult's legal representatives (guardianship): the flag, without a secret connection
  assert.equal(depositsInSecretConnection(['INVISIBLE_REPRESENTANTS_LEGAUX'], '1950-01-01', now), false);
});
