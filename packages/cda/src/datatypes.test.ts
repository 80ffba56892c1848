// The date helpers the rules and the narrative call per field read the model's shapes in place;
// on every string they answer as the former split/map versions (kept here as the reference) did.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { frenchDate, instantInZone, isRealDate, sortKey } from './datatypes.js';

const former = {
  sortKey(value: string): { start: number; end: number } {
    if (value.length > 10) {
      const t = Date.parse(value);
      return { start: t, end: t };
    }
    const [y, m, d] = value.split('-').map(Number) as [number, number?, number?];
    const start = Date.UTC(y, (m ?? 1) - 1, d ?? 1);
    const end = d !== undefined ? Date.UTC(y, m! - 1, d + 1) : m !== undefined ? Date.UTC(y, m, 1) : Date.UTC(y + 1, 0, 1);
    return { start, end: end - 1 };
  },
  isRealDate(value: string): boolean {
    const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number?, number?];
    if (m === undefined || d === undefined) return true;
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  },
  frenchDate(value: string): string {
    const [date, time] = value.split('T') as [string, string?];
    const [y, m, d] = date.split('-');
    const day = d !== undefined ? `${d}/${m}/${y}` : m !== undefined ? `${m}/${y}` : y!;
    return time === undefined ? day : `${day} ${time.slice(0, 5)}`;
  },
};

const STRINGS = [
  '2024', '0050', '9999', '2024-03', '2024-00', '2024-13', '2024-03-15', '2024-02-29', '2023-02-29', '2023-02-28', '1900-02-29',
  '2000-02-29', '0050-02-29', '2024-04-31', '2024-12-31', '2024-01-00', '2024-01-32', '2024-3-15', '2024-03-1x', '-024-03-15',
  '2024--03-1', '2024-03-15T10:30:00+01:00', '2024-03-15T10:30Z', '2024-02-30T10:30:00Z', '2024-03-15T', 'T10:30', '', 'x',
  '20240315', '2024-03-15-01', '2024-0-315', 'abcd-ef-gh', '１２３４', '2024-03-15T10:30:00+01:00T9',
];

describe('date helpers', () => {
  test('isRealDate, sortKey and frenchDate answer as their former versions on every shape', () => {
    for (const value of STRINGS) {
      assert.equal(isRealDate(value), former.isRealDate(value), `isRealDate ${value}`);
      assert.deepEqual(sortKey(value), former.sortKey(value), `sortKey ${value}`);
      assert.equal(frenchDate(value), former.frenchDate(value), `frenchDate ${value}`);
    }
    for (let day = Date.UTC(1999, 0, 1); day < Date.UTC(2001, 0, 1); day += 86_400_000) {
      const value = new Date(day).toISOString().slice(0, 10);
      assert.equal(isRealDate(value), true, value);
      assert.deepEqual(sortKey(value), former.sortKey(value), value);
    }
  });

  test('instantInZone gives each second its own wall-clock time, in each zone', () => {
    const at = (iso: string, zone = 'Europe/Paris') => instantInZone(new Date(iso), zone);
    assert.equal(at('2026-01-15T09:00:00.100Z'), '2026-01-15T10:00:00+01:00');
    assert.equal(at('2026-01-15T09:00:00.900Z'), '2026-01-15T10:00:00+01:00');
    assert.equal(at('2026-01-15T09:00:01.000Z'), '2026-01-15T10:00:01+01:00');
    assert.equal(at('2026-01-15T09:00:01.000Z', 'America/New_York'), '2026-01-15T04:00:01-05:00');
    assert.equal(at('2026-07-15T09:00:01.000Z'), '2026-07-15T11:00:01+02:00');
    assert.equal(at('2026-01-15T09:00:01.000Z'), '2026-01-15T10:00:01+01:00');
  });
});
