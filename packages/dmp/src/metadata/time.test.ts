import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDtm, toUtcDtm, utcDtmOf } from './time.js';
import { sha1Hex } from './hash.js';

test('toUtcDtm: the offset is removed, across days and years', () => {
  assert.equal(toUtcDtm('20190218094914+0100'), '20190218084914');
  assert.equal(toUtcDtm('20190930121700+0200'), '20190930101700');
  assert.equal(toUtcDtm('20191231233000-0200'), '20200101013000');
  assert.equal(toUtcDtm('20200101003000+0100'), '20191231233000');
  assert.equal(toUtcDtm('20240229120000+0000'), '20240229120000');
  assert.equal(toUtcDtm('201902180949+0100'), '20190218084900');
  assert.equal(toUtcDtm('20190218094914.123+0100'), '20190218084914');
  assert.equal(toUtcDtm('20190218'), '20190218');
});

test('toUtcDtm: a time without offset, or no timestamp, is refused', () => {
  assert.throws(() => toUtcDtm('20190218094914'), /no UTC offset/);
  assert.throws(() => toUtcDtm('2019-02-18T09:49:14+01:00'), /not an HL7 timestamp/);
  assert.deepEqual(utcDtmOf('20190230120000+0100'), { problem: 'range' });
  assert.deepEqual(utcDtmOf('20190218250000+0100'), { problem: 'range' });
  assert.deepEqual(utcDtmOf('20190218+0100'), { problem: 'format' });
  assert.equal(formatDtm(new Date(Date.UTC(2026, 0, 2, 3, 4, 5))), '20260102030405');
});

test('sha1Hex: the FIPS 180 vectors', () => {
  assert.equal(sha1Hex(new TextEncoder().encode('abc')), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.equal(sha1Hex(new Uint8Array()), 'da39a3ee5e6b4b0d3255bfef95601890afd80709');
});
