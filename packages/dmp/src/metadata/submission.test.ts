import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ansExample, FRCP_EXAMPLE } from '../testing/fixtures.js';
import { checkVisibility, documentEntryFromCda, MetadataError, signatureEntryFor, submissionSetFor, visibilityFlagsOf } from './index.js';

const { entry } = documentEntryFromCda(ansExample(FRCP_EXAMPLE), { visibility: ['MASQUE_PS'] });

test('submissionSetFor: same patient, first author, UTC submission time, 07 by default', () => {
  const set = submissionSetFor(entry, { uniqueId: '1.2.3.4.5', sourceId: '1.2.3.4', submissionTime: new Date('2026-12-06T05:00:00+01:00') });
  assert.equal(set.patientId, entry.patientId);
  assert.equal(set.submissionTime, '20261206040000');
  assert.deepEqual(set.author, entry.authors[0]);
  assert.notEqual(set.author, entry.authors[0]);
  assert.deepEqual(set.contentTypeCode, { code: '07', codingScheme: '1.2.250.1.213.2.2', displayName: 'Consultation, soins externes' });
  const xdm = submissionSetFor(entry, { uniqueId: '1.2.3.4.6', sourceId: '1.2.3.4', submissionTime: new Date(0), title: 'FRCP', intendedRecipients: ['|^^^^^^^^^^^^^^NET^Internet^a@b.mssante.fr'], contentTypeCode: { code: '19', codingScheme: '1.2.250.1.213.2.2', displayName: 'x' } });
  assert.equal(xdm.title, 'FRCP');
  assert.equal(xdm.contentTypeCode.code, '19');
  assert.equal(xdm.intendedRecipients?.length, 1);
});

test('signatureEntryFor: the §1.7 codes, hidden from everyone, same patient and settings', () => {
  const signature = signatureEntryFor(entry, { uniqueId: '1.2.3.9', hash: 'a'.repeat(40), size: 1234, creationTime: '20261206040000' });
  assert.deepEqual(signature.classCode, { code: 'urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1', codingScheme: 'URN', displayName: 'Digital Signature' });
  assert.deepEqual(signature.typeCode, { code: 'E1762', codingScheme: 'ASTM', displayName: 'Full Document' });
  assert.deepEqual(signature.formatCode, { code: 'http://www.w3.org/2000/09/xmldsig#', codingScheme: 'URN', displayName: 'Default Signature Style' });
  assert.deepEqual(signature.eventCodes, [{ code: '1.2.840.10065.1.12.1.14', codingScheme: '1.2.840.10065.1.12', displayName: 'Source' }]);
  assert.deepEqual([signature.mimeType, signature.languageCode, signature.title], ['text/xml', 'art', 'Source']);
  assert.deepEqual(signature.confidentialityCodes.map((c) => c.code), ['N', 'MASQUE_PS', 'INVISIBLE_PATIENT']);
  assert.deepEqual(visibilityFlagsOf(signature), ['MASQUE_PS', 'INVISIBLE_PATIENT']);
  assert.equal(signature.patientId, entry.patientId);
  assert.deepEqual(signature.healthcareFacilityTypeCode, entry.healthcareFacilityTypeCode);
  assert.equal(signature.legalAuthenticator, entry.legalAuthenticator);
  assert.deepEqual([signature.uniqueId, signature.hash, signature.size], ['1.2.3.9', 'a'.repeat(40), 1234]);
  // The signature is exempt from EX_2.1-1050, a clinical entry is not.
  checkVisibility(visibilityFlagsOf(signature), { signature: true });
  assert.throws(() => checkVisibility(visibilityFlagsOf(signature), {}), MetadataError);
});

test('checkVisibility: unknown or repeated flags are refused', () => {
  checkVisibility([], {});
  checkVisibility(['MASQUE_PS', 'INVISIBLE_REPRESENTANTS_LEGAUX'], {});
  assert.throws(() => checkVisibility(['MASQUE_PS', 'MASQUE_PS'], {}), /given twice/);
  assert.throws(() => checkVisibility(['HIDDEN' as never], {}), /unknown visibility flag/);
  assert.deepEqual(visibilityFlagsOf(entry), ['MASQUE_PS']);
});
