import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hl7ToUtc, readCda } from './cda-read.js';
import { isValidNir, insKey } from './state.js';
import { dnKey } from './vihf.js';
import { frcpExample, mutateCda } from './testing/request-builder.test-util.js';

test('hl7ToUtc converts the CDA offset to UTC at the source precision (§1.5)', () => {
  assert.equal(hl7ToUtc('20190218094914+0100'), '20190218084914');
  assert.equal(hl7ToUtc('20190930121700+0200'), '20190930101700');
  assert.equal(hl7ToUtc('20200101003000+0100'), '20191231233000', 'crosses the year');
  assert.equal(hl7ToUtc('201902180949-0300'), '201902181249');
  assert.equal(hl7ToUtc('20190218'), '20190218', 'a date has no offset to apply');
  assert.equal(hl7ToUtc('20190218094914'), '20190218094914', 'no offset: unchanged (stage 5 then refuses a local time)');
  assert.equal(hl7ToUtc('2019-02-18'), undefined);
});

test('readCda reads the FRCP example header the way §1.10 maps it', () => {
  const view = readCda(frcpExample());
  assert.equal(view.autoPresentable, false);
  assert.deepEqual(view.id, { root: '1.2.250.1.213.1.1.1.8.2022.1.1' });
  assert.deepEqual(view.setId, { root: '1.2.250.1.213.1.1.1.8.2022.1' });
  assert.equal(view.versionNumber, 1);
  assert.equal(view.code?.code, '34794-8');
  assert.deepEqual(view.ins, { matricule: '279035121518989', oid: '1.2.250.1.213.1.4.10' });
  assert.equal(view.serviceStart, '20190218154500+0100');
  assert.deepEqual(view.serviceEventCodes.map((c) => c.code), ['39', 'C50.2']);
  assert.equal(view.healthcareFacilityType?.code, 'SA01');
  assert.equal(view.practiceSetting?.code, 'ETABLISSEMENT');
  assert.deepEqual(view.authorStructureIds, ['1750100125']);
  assert.equal(view.legalAuthenticatorId, '801234567897');
  assert.equal(view.replaces, undefined);
  const v2 = readCda(mutateCda(frcpExample(), { replaces: '1.2.3', version: 2 }));
  assert.deepEqual([v2.replaces, v2.versionNumber], [{ root: '1.2.3' }, 2]);
});

test('NIR key: 97 − (13 digits mod 97), Corsica 2A/2B substituted', () => {
  assert.ok(isValidNir('279035121518989'));
  assert.ok(isValidNir('146026322000196'));
  assert.ok(!isValidNir('279035121518988'));
  assert.ok(!isValidNir('27903512151898'));
  const corsican = '279032A123456'; // department 2A at positions 6–7
  assert.equal(corsican.length, 13);
  const key = insKey(corsican);
  assert.ok(isValidNir(`${corsican}${String(key).padStart(2, '0')}`));
  assert.equal(insKey('2790319123456'), key, '2A counts as 19');
});

test('dnKey compares RFC 4514 and OpenSSL-style subject DNs regardless of order, S/ST alike', () => {
  assert.equal(dnKey('CN=x,OU=y,O=z,C=FR'), dnKey('C=FR\nO=z\nOU=y\nCN=x'));
  assert.equal(dnKey('S=Paris,CN=x'), dnKey('ST=Paris,CN=x'));
  assert.equal(dnKey('CN=a\\,b,C=FR'), dnKey('C=FR\nCN=a,b'.replace('a,b', 'a\\,b')));
  assert.notEqual(dnKey('CN=x,C=FR'), dnKey('CN=y,C=FR'));
});

test('readCda reads the patient traits: the BR family wherever it stands, the first word of the first given name', () => {
  assert.deepEqual(readCda(frcpExample()).patient, { birthFamilyName: 'PAT-TROIS', firstGivenName: 'DOMINIQUE', birthTime: '19790328', gender: 'F' });
  const cda = (names: string) =>
    new TextEncoder().encode(
      `<ClinicalDocument xmlns="urn:hl7-org:v3"><recordTarget><patientRole><patient><name>${names}</name>` +
        '<administrativeGenderCode code="M"/><birthTime value="19800101"/></patient></patientRole></recordTarget></ClinicalDocument>',
    );
  assert.deepEqual(readCda(cda('<given>Jean Paul</given><family qualifier="SP">DURAND</family><family qualifier="BR">MARTIN</family><given>Pierre</given>')).patient, {
    birthFamilyName: 'MARTIN',
    firstGivenName: 'Jean',
    birthTime: '19800101',
    gender: 'M',
  });
  assert.equal(readCda(cda('<family>DURAND</family>')).patient.birthFamilyName, 'DURAND', 'no BR: the first family');
});
