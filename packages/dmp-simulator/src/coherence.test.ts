// Stage 5's time comparison (§1.5): the metadata keeps seconds, the CDA may stop at the minute.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hl7ToUtc } from './cda-read.js';
import { sameUtcTime } from './coherence.js';

test('a CDA time to the minute matches its metadata at second precision (§1.5), a different instant does not', () => {
  const fromCda = hl7ToUtc('202411051230+0100')!;
  assert.equal(fromCda, '202411051130');
  assert.equal(sameUtcTime(fromCda, '20241105113000'), true);
  assert.equal(sameUtcTime('20241105113000', '20241105113000'), true);
  assert.equal(sameUtcTime(fromCda, '20241105113001'), false, 'another second');
  assert.equal(sameUtcTime(fromCda, '20241105123000'), false, 'local time, not UTC');
  assert.equal(sameUtcTime('20241105113000', '202411051130'), false, 'the metadata keeps seconds');
});
