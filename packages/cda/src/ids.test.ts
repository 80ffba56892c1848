import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildWithModel, documentIdRoot, isOid, isUuid, MAX_UNIQUE_ID_LENGTH, uuidToOid, xdsUniqueId } from './index.js';
import { parsePps } from './parse/index.js';
import { basePps } from './testing/fixtures.js';
import { fixedContext } from './testing/support.js';

// The inverse of uuidToOid, written independently (hex of the decimal arc, padded to 32).
function oidToUuid(oid: string): string {
  const hex = BigInt(oid.slice('2.25.'.length)).toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const anyUuid = fc.uuid({ version: [1, 2, 3, 4, 5, 6, 7, 8, 15] });
const mixedCase = (s: string, flips: boolean[]) => [...s].map((ch, i) => (flips[i % flips.length] ? ch.toUpperCase() : ch)).join('');

test('known values of ITU-T X.667 (§6.3 example and the extremes)', () => {
  assert.equal(uuidToOid('f81d4fae-7dec-11d0-a765-00a0c91e6bf6'), '2.25.329800735698586629295641978511506172918');
  assert.equal(uuidToOid('00000000-0000-0000-0000-000000000000'), '2.25.0');
  assert.equal(uuidToOid('ffffffff-ffff-ffff-ffff-ffffffffffff'), '2.25.340282366920938463463374607431768211455');
  assert.equal(uuidToOid('FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF').length, 44);
});

test('uuidToOid: an OID, ≤ 64 characters, the UUID back when read as hex, case-insensitive', () => {
  fc.assert(
    fc.property(anyUuid, fc.array(fc.boolean(), { minLength: 1, maxLength: 36 }), (uuid, flips) => {
      const oid = uuidToOid(uuid);
      assert.ok(isOid(oid), oid);
      assert.ok(oid.startsWith('2.25.') && oid.length <= 44 && oid.length <= MAX_UNIQUE_ID_LENGTH);
      assert.equal(oidToUuid(oid), uuid.toLowerCase());
      assert.equal(uuidToOid(mixedCase(uuid, flips)), oid);
      assert.equal(uuidToOid(uuid.toUpperCase()), oid);
    }),
    { numRuns: 2000 },
  );
});

test('uuidToOid: two different UUIDs never give the same OID', () => {
  fc.assert(
    fc.property(anyUuid, anyUuid, (a, b) => {
      fc.pre(a.toLowerCase() !== b.toLowerCase());
      assert.notEqual(uuidToOid(a), uuidToOid(b));
    }),
    { numRuns: 2000 },
  );
});

test('uuidToOid refuses anything but an 8-4-4-4-12 hexadecimal UUID', () => {
  for (const bad of ['', '2.25.1', 'f81d4fae7dec11d0a76500a0c91e6bf6', '{f81d4fae-7dec-11d0-a765-00a0c91e6bf6}', 'f81d4fae-7dec-11d0-a765-00a0c91e6bf', 'g81d4fae-7dec-11d0-a765-00a0c91e6bf6', ' f81d4fae-7dec-11d0-a765-00a0c91e6bf6'])
    assert.throws(() => uuidToOid(bad), TypeError, JSON.stringify(bad));
  fc.assert(
    fc.property(fc.string(), (s) => {
      fc.pre(!isUuid(s));
      assert.throws(() => uuidToOid(s), TypeError);
    }),
  );
});

test('isOid: dotted decimal, first arc 0-2, no leading zeros', () => {
  for (const ok of ['1.2.250.1.213.1.4.8', '2.25.0', '0.1']) assert.ok(isOid(ok), ok);
  for (const bad of ['', '2', '3.1', '1.02', '1..2', '1.2.', 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6', '1.2 ']) assert.ok(!isOid(bad), bad);
});

test('documentIdRoot and xdsUniqueId: a UUID becomes its OID, an OID stays', () => {
  assert.equal(documentIdRoot('1.2.250.1.999.1'), '1.2.250.1.999.1');
  assert.equal(documentIdRoot('F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6'), '2.25.329800735698586629295641978511506172918');
  assert.equal(xdsUniqueId({ root: '1.2.250.1.999.1', extension: 'PPS-1' }), '1.2.250.1.999.1^PPS-1');
  assert.equal(xdsUniqueId({ root: 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6' }), '2.25.329800735698586629295641978511506172918');
});

test('a built document: id and setId default to 2.25 OIDs of the injected ids; UUID inputs are converted', () => {
  const input = basePps();
  delete input.document;
  const first = buildWithModel('pps', input, fixedContext());
  const again = buildWithModel('pps', input, fixedContext());
  assert.equal(first.xml, again.xml, 'deterministic for injected ids');
  const header = first.document.document! as { id: { root: string }; setId: { root: string } };
  assert.equal(header.id.root, uuidToOid('00000000-0000-4000-8000-000000000001'));
  assert.ok(isOid(header.setId.root) && header.setId.root.startsWith('2.25.'));
  assert.ok(first.xml.includes(`<id root="${header.id.root}"/>`));
  assert.ok(first.xml.includes(`<setId root="${header.setId.root}"/>`));

  // Version 2 whose input names v1 and the set by their UUIDs: written as the OIDs v1 got.
  const v1Uuid = 'a1b2c3d4-0000-4000-8000-00000000abcd';
  const setUuid = 'A1B2C3D4-0000-4000-8000-00000000ABCE';
  const v2 = basePps();
  v2.document = { id: { root: 'a1b2c3d4-0000-4000-8000-00000000abcf' }, setId: { root: setUuid }, versionNumber: 2, replaces: { root: v1Uuid } };
  v2.status.updateReason = { reason: { code: 'MED-560' } };
  const built = buildWithModel('pps', v2, fixedContext());
  assert.match(built.xml, new RegExp(`<relatedDocument typeCode="RPLC"><parentDocument><id root="${uuidToOid(v1Uuid).replaceAll('.', '\\.')}"/>`));
  assert.ok(built.xml.includes(`<setId root="${uuidToOid(setUuid)}"/>`));
  assert.ok(built.xml.includes(`<id root="${uuidToOid('a1b2c3d4-0000-4000-8000-00000000abcf')}"/>`));
  const parsed = parsePps(built.xml);
  assert.deepEqual(parsed.document, built.document.document, 'the parser gives the 2.25 form back');
});

test('a document id whose root^extension exceeds 64 characters is refused', () => {
  const input = basePps();
  input.document = { id: { root: uuidToOid('ffffffff-ffff-ffff-ffff-ffffffffffff'), extension: 'X'.repeat(20) } };
  assert.throws(
    () => buildWithModel('pps', input, fixedContext()),
    (e: unknown) => (e as { issues: Array<{ path: string; code: string }> }).issues.some((i) => i.path === 'document.id' && i.code === 'too-long'),
  );
});
