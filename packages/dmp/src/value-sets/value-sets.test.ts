import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kitFile } from '../testing/fixtures.js';
import {
  classCodeForType,
  DMP_CODE_LISTS,
  formatCodeForTemplate,
  inCodeList,
  isSubjectRole,
  JDV_J01,
  JDV_J08_XdsConfidentialityCode_CISIS,
  JDV_J231_XdsTypesIdentifiantsReferenceId_DMP,
  JDV_J47,
  JDV_J57_ClassCode_DMP,
  JDV_J58_ConfidentialityCode_DMP,
  parseSecteurActivite,
  secteurActivite,
  type CodeList,
} from './index.js';

// The concepts of an SVS file of the kit, in order.
function kitConcepts(file: string): Array<{ code: string; codeSystem: string; displayName: string }> {
  const xml = kitFile(`jeuxDeValeurs/${file}`);
  return [...xml.matchAll(/<Concept\s+([^>]*?)\/>/gs)].map((m) => {
    const attr = (name: string): string => new RegExp(`${name}="([^"]*)"`).exec(m[1]!)?.[1] ?? '';
    return { code: attr('code'), codeSystem: attr('codeSystem'), displayName: attr('displayName') };
  });
}

function sorted(list: CodeList): string[] {
  return list.concepts.map((c) => `${c.codeSystem}|${c.code}|${c.displayName}`).sort();
}

test('vendored copies of kit value sets equal the kit files (J08, J231)', () => {
  const fromKit = (file: string): string[] => kitConcepts(file).map((c) => `${c.codeSystem}|${c.code}|${c.displayName}`).sort();
  assert.deepEqual(sorted(JDV_J08_XdsConfidentialityCode_CISIS), fromKit('JDV_J08_XdsConfidentialityCode_CISIS.xml'));
  assert.deepEqual(sorted(JDV_J231_XdsTypesIdentifiantsReferenceId_DMP), fromKit('JDV_J231_XdsTypesIdentifiantsReferenceId_DMP.xml'));
  assert.deepEqual(sorted(JDV_J58_ConfidentialityCode_DMP), sorted(JDV_J08_XdsConfidentialityCode_CISIS));
  assert.match(kitFile('jeuxDeValeurs/JDV_J08_XdsConfidentialityCode_CISIS.xml'), /revisionDate="2020-04-24/);
  assert.match(kitFile('jeuxDeValeurs/JDV_J231_XdsTypesIdentifiantsReferenceId_DMP.xml'), /revisionDate="2022-12-16/);
});

test('every list is dated and sourced', () => {
  for (const list of [JDV_J57_ClassCode_DMP, JDV_J58_ConfidentialityCode_DMP, ...Object.values(DMP_CODE_LISTS), JDV_J01, JDV_J47]) {
    assert.ok(list.source.length > 0, list.name);
    assert.match(list.revisionDate ?? '', /^\d{4}-\d{2}-\d{2}$/, list.name);
  }
});

test('X04 and A11: PPS → 44 / pps-cancer:2017, FRCP → 10 / frcp:2011; both in the DMP lists', () => {
  assert.deepEqual(classCodeForType('18776-5'), { code: '44', codeSystem: '1.2.250.1.213.1.1.4.1', displayName: 'Plan de soins, protocole de soins' });
  assert.equal(classCodeForType('34794-8')?.code, '10');
  assert.equal(classCodeForType('11490-0'), undefined);
  assert.equal(formatCodeForTemplate('1.2.250.1.213.1.1.1.26')?.code, 'urn:asip:ci-sis:pps-cancer:2017');
  assert.equal(formatCodeForTemplate('1.2.250.1.213.1.1.1.8')?.code, 'urn:asip:ci-sis:frcp:2011');
  assert.ok(inCodeList(DMP_CODE_LISTS.typeCode, '18776-5', '2.16.840.1.113883.6.1'));
  assert.ok(inCodeList(DMP_CODE_LISTS.typeCode, '34794-8', '2.16.840.1.113883.6.1'));
  assert.ok(inCodeList(DMP_CODE_LISTS.classCode, 'urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1', 'URN'));
  assert.ok(inCodeList(DMP_CODE_LISTS.healthcareFacilityTypeCode, 'SA01', '1.2.250.1.71.4.2.4'));
  assert.ok(inCodeList(DMP_CODE_LISTS.practiceSettingCode, 'ETABLISSEMENT', '1.2.250.1.213.1.1.4.9'));
  assert.ok(!inCodeList(DMP_CODE_LISTS.classCode, '99', '1.2.250.1.213.1.1.4.1')); // J06 has 99, the DMP list not
});

test('VIHF helpers: J61 Secteur_Activite format and J65 role code systems', () => {
  assert.equal(secteurActivite('SA01'), 'SA01^1.2.250.1.71.4.2.4');
  assert.deepEqual(parseSecteurActivite('SA01^1.2.250.1.71.4.2.4'), { code: 'SA01', codeSystem: '1.2.250.1.71.4.2.4' });
  assert.equal(parseSecteurActivite('SA01'), undefined);
  assert.ok(isSubjectRole('10', '1.2.250.1.71.1.2.7'));
  assert.ok(isSubjectRole('SM36', '1.2.250.1.71.4.2.5'));
  assert.ok(!isSubjectRole('10', '1.2.3'));
});
