import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inSecretConnection, isMinorOn } from './submission-context.js';

test('isMinorOn: under 18 until the eighteenth birthday, a day of the French calendar', () => {
  assert.equal(isMinorOn('2010-08-01', new Date('2028-07-31T12:00:00Z')), true);
  assert.equal(isMinorOn('2010-08-01', new Date('2028-08-01T12:00:00Z')), false);
  assert.equal(isMinorOn('1979-03-28', new Date('2026-01-01T00:00:00Z')), false);
  // 23:30 UTC on the eve is already the birthday in Paris
  assert.equal(isMinorOn('2010-08-01', new Date('2028-07-31T23:30:00Z')), false);
  // an unknown birth date is not read as a minor's
  assert.equal(isMinorOn(undefined, new Date('2026-01-01T00:00:00Z')), false);
  assert.equal(isMinorOn('not a date', new Date('2026-01-01T00:00:00Z')), false);
});

test('isMinorOn: a partial birth date (INS traits: 00 for an unknown day or month) is read at its latest possible day', () => {
  // year only: may be born on 31 December 2008, so a minor until 30 December 2026 included
  assert.equal(isMinorOn('2008-00-00', new Date('2026-12-30T12:00:00Z')), true);
  assert.equal(isMinorOn('2008-00-00', new Date('2026-12-31T12:00:00Z')), false);
  assert.equal(isMinorOn('2008', new Date('2026-06-01T12:00:00Z')), true);
  assert.equal(isMinorOn('2008', new Date('2027-01-01T12:00:00Z')), false);
  // year and month: the month's last day (February of a leap year: the 29th)
  assert.equal(isMinorOn('2008-02-00', new Date('2026-02-28T12:00:00Z')), true);
  assert.equal(isMinorOn('2008-02-00', new Date('2026-03-01T12:00:00Z')), false);
  assert.equal(isMinorOn('2008-04', new Date('2026-04-29T12:00:00Z')), true);
  assert.equal(isMinorOn('2008-04', new Date('2026-04-30T12:00:00Z')), false);
  // the French day: 23:30 UTC on 30 December 2026 is already the 31st in Paris
  assert.equal(isMinorOn('2008-00-00', new Date('2026-12-30T22:30:00Z')), true);
  assert.equal(isMinorOn('2008-00-00', new Date('2026-12-30T23:30:00Z')), false);
  // long an adult whatever the unknown day or month
  assert.equal(isMinorOn('1979-00-00', new Date('2026-01-01T00:00:00Z')), false);
  assert.equal(isMinorOn('2008-13-00', new Date('2020-01-01T00:00:00Z')), false);
});

test('inSecretConnection: a minor document hidden from the legal representatives only', () => {
  const now = new Date('2026-12-06T10:00:00Z');
  assert.equal(inSecretConnection(['INVISIBLE_REPRESENTANTS_LEGAUX'], '2016-05-12', now), true);
  assert.equal(inSecretConnection(['MASQUE_PS'], '2016-05-12', now), false);
  assert.equal(inSecretConnection([], '2016-05-12', now), false);
  // an adult's legal representatives (guardianship): the flag, without a secret connection
  assert.equal(inSecretConnection(['INVISIBLE_REPRESENTANTS_LEGAUX'], '1950-01-01', now), false);
  // a partial birth date of someone who may still be a minor: in secret connection
  assert.equal(inSecretConnection(['INVISIBLE_REPRESENTANTS_LEGAUX'], '2008-00-00', now), true);
});
