import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { crossCheckInsTraits, hasInsTraitErrors, insKey, type InsTraitsInput } from './index.js';

const withKey = (m13: string): string => m13 + insKey(m13);
const codes = (input: InsTraitsInput): string[] => crossCheckInsTraits(input).map((f) => `${f.severity}:${f.code}`);

describe('crossCheckInsTraits: the worked examples of §1.2–1.3 and §1.9 are consistent', () => {
  const consistent: Array<[string, InsTraitsInput]> = [
    ['PAT-TROIS (ANS)', { matricule: '279035121518989', sex: 'F', birthDate: '1979-03-28', birthPlaceCode: '51215' }],
    ['ADRUN (CNAM)', { matricule: '275126322074974', sex: 'F', birthDate: '1975-12-31', birthPlaceCode: '63220' }],
    ['Corse-du-Sud', { matricule: '253072A07300443', sex: 'F', birthDate: '1953-07', birthPlaceCode: '2A073' }],
    ['CORSE Anthony (Haute-Corse)', { matricule: '180032B02040123', sex: 'M', birthDate: '1980-03-02', birthPlaceCode: '2B020' }],
    ['PROVISOIRE (NIA)', { matricule: '109076322088835', kind: 'NIA', sex: 'M', birthDate: '2009-07-01', birthPlaceCode: '63220' }],
    ['overseas (Guadeloupe, 3-digit département)', { matricule: withKey('2850697105123'), sex: 'F', birthDate: '1985-06-01', birthPlaceCode: '97105' }],
    ['born abroad (Spain)', { matricule: withKey('1850399134123'), sex: 'M', birthDate: '1985-03-10', birthPlaceCode: '99134' }],
    ['no birth place given', { matricule: '279035121518989', sex: 'F', birthDate: '1979-03-28' }],
  ];
  for (const [name, input] of consistent) test(name, () => assert.deepEqual(crossCheckInsTraits(input), []));
});

describe('crossCheckInsTraits: errors where the rule is certain', () => {
  test('sex digit 2 for a man, 1 for a woman', () => {
    assert.deepEqual(codes({ matricule: '275126322074974', sex: 'M', birthDate: '1975-12-31', birthPlaceCode: '63220' }), ['error:ins.traits.sex']);
    assert.deepEqual(codes({ matricule: '180032B02040123', sex: 'F', birthDate: '1980-03-02', birthPlaceCode: '2B020' }), ['error:ins.traits.sex']);
  });
  test('birth year and month', () => {
    assert.deepEqual(codes({ matricule: '279035121518989', sex: 'F', birthDate: '1980-03-28', birthPlaceCode: '51215' }), ['error:ins.traits.year']);
    assert.deepEqual(codes({ matricule: '279035121518989', sex: 'F', birthDate: '1979-04-28', birthPlaceCode: '51215' }), ['error:ins.traits.month']);
  });
  test('another département (born after 1976)', () => {
    assert.deepEqual(codes({ matricule: '279035121518989', sex: 'F', birthDate: '1979-03-28', birthPlaceCode: '63220' }), ['error:ins.traits.place-department']);
    // Corsica: 2B in the NIR, a 2A commune in the traits.
    assert.deepEqual(codes({ matricule: '180032B02040123', sex: 'M', birthDate: '1980-03-02', birthPlaceCode: '2A020' }), ['error:ins.traits.place-department']);
    // Overseas: 971 in the NIR, Martinique (972) in the traits.
    assert.deepEqual(codes({ matricule: withKey('2850697105123'), sex: 'F', birthDate: '1985-06-01', birthPlaceCode: '97205' }), ['error:ins.traits.place-department']);
  });
  test('département 20 for a Corsican birth after 1976 is an error, before 1976 a warning', () => {
    assert.deepEqual(codes({ matricule: withKey('1800320020401'), sex: 'M', birthDate: '1980-03-02', birthPlaceCode: '2B020' }), ['error:ins.traits.place-corsica']);
    assert.deepEqual(codes({ matricule: withKey('1530720073004'), sex: 'M', birthDate: '1953-07', birthPlaceCode: '2A073' }), ['warning:ins.traits.place-corsica']);
  });
  test('hasInsTraitErrors', () => {
    assert.equal(hasInsTraitErrors(crossCheckInsTraits({ matricule: '275126322074974', sex: 'M', birthDate: '1975-12-31' })), true);
    assert.equal(hasInsTraitErrors(crossCheckInsTraits({ matricule: '279035121518989', sex: 'F', birthDate: '1979-00-00' })), false);
  });
});

describe('crossCheckInsTraits: warnings where the rule is not certain', () => {
  test('NIR of a person born abroad: another year, month or country', () => {
    const spain = withKey('1850399134123');
    assert.deepEqual(codes({ matricule: spain, sex: 'M', birthDate: '1986-03-10', birthPlaceCode: '99134' }), ['warning:ins.traits.year']);
    assert.deepEqual(codes({ matricule: spain, sex: 'M', birthDate: '1985-04-10', birthPlaceCode: '99134' }), ['warning:ins.traits.month']);
    assert.deepEqual(codes({ matricule: spain, sex: 'M', birthDate: '1985-03-10', birthPlaceCode: '99109' }), ['warning:ins.traits.place-abroad']);
    // Born abroad per the traits, in France per the NIR.
    assert.deepEqual(codes({ matricule: '279035121518989', sex: 'F', birthDate: '1979-03-28', birthPlaceCode: '99134' }), ['warning:ins.traits.place-abroad']);
  });
  test('month unknown in the traits or in the INS', () => {
    assert.deepEqual(codes({ matricule: '279035121518989', sex: 'F', birthDate: '1979-00-00', birthPlaceCode: '51215' }), ['warning:ins.traits.month-unknown']);
    assert.deepEqual(codes({ matricule: '279035121518989', sex: 'F', birthDate: '1979', birthPlaceCode: '51215' }), ['warning:ins.traits.month-unknown']);
    assert.deepEqual(codes({ matricule: withKey('2792051215189'), sex: 'F', birthDate: '1979-03-28', birthPlaceCode: '51215' }), ['warning:ins.traits.month-unknown-in-ins']);
  });
  test('sex not checkable: unknown sex, historical first digit', () => {
    assert.deepEqual(codes({ matricule: '279035121518989', sex: 'UN', birthDate: '1979-03-28', birthPlaceCode: '51215' }), ['warning:ins.traits.sex-unknown']);
    assert.deepEqual(codes({ matricule: withKey('7790351215189'), sex: 'F', birthDate: '1979-03-28', birthPlaceCode: '51215' }), ['warning:ins.traits.sex-unchecked']);
  });
  test('another commune of the same département (communes merge)', () => {
    assert.deepEqual(codes({ matricule: '279035121518989', sex: 'F', birthDate: '1979-03-28', birthPlaceCode: '51216' }), ['warning:ins.traits.place-commune']);
  });
  test('a département before the 1968 reorganisation, Algeria before independence', () => {
    assert.deepEqual(codes({ matricule: withKey('1600375056001'), sex: 'M', birthDate: '1960-03-01', birthPlaceCode: '92050' }), ['warning:ins.traits.place-department']);
    assert.deepEqual(codes({ matricule: withKey('1550391352001'), sex: 'M', birthDate: '1955-03-01', birthPlaceCode: '99352' }), ['warning:ins.traits.place-north-africa']);
  });
  test('an NIA never gives an error', () => {
    assert.deepEqual(codes({ matricule: '109076322088835', kind: 'NIA', sex: 'F', birthDate: '2010-07-01', birthPlaceCode: '51215' }), [
      'warning:ins.traits.sex', 'warning:ins.traits.year', 'warning:ins.traits.place-department',
    ]);
  });
});

describe('crossCheckInsTraits: robustness and privacy', () => {
  test('a non-canonical matricule gives no finding (checkInsMatricule reports it)', () => {
    for (const matricule of ['', 'abc', '979035121518989', '27903a121518989']) assert.deepEqual(crossCheckInsTraits({ matricule, sex: 'F', birthDate: '1979-03-28' }), []);
  });
  test('messages never quote the matricule nor a trait', () => {
    const input = { matricule: '275126322074974', sex: 'M', birthDate: '1980-01-31', birthPlaceCode: '51215' } as const;
    const findings = crossCheckInsTraits(input);
    assert.ok(findings.length >= 3);
    for (const f of findings) for (const text of [f.message.fr, f.message.en]) {
      for (const value of [input.matricule, '7512', '1980', '51215', '63220']) assert.ok(!text.includes(value), `${f.code} quotes ${value}`);
    }
  });
});

describe('identity statuses', () => {
  test('every status but qualified says what is missing, with the DMP rule; qualified says nothing', async () => {
    const { IDENTITY_STATUSES, notSubmittableBecause } = await import('./index.js');
    for (const status of IDENTITY_STATUSES) {
      const why = notSubmittableBecause(status);
      if (status === 'qualified') assert.equal(why, undefined);
      else assert.match(why?.fr ?? '', /^Seule une identité INS qualifiée .+INSi/);
    }
  });
});

describe('the examples of @dcc-kit/cda', () => {
  test('every example INS is consistent with its strict traits (no error)', async () => {
    const { loadExamples } = await import('../examples.js');
    const { patientToApi } = await import('./index.js');
    for (const volet of ['pps', 'frcp'] as const) {
      for (const ex of loadExamples(volet)) {
        const patient = (ex.input as { patient?: Parameters<typeof patientToApi>[0] }).patient;
        if (!patient?.ins) continue;
        const api = patientToApi(patient);
        const findings = crossCheckInsTraits({ matricule: api.ins.value, kind: patient.ins.kind, sex: api.traits.sex, birthDate: api.traits.birthDate, ...(api.traits.birthPlaceCode ? { birthPlaceCode: api.traits.birthPlaceCode } : {}) });
        assert.equal(hasInsTraitErrors(findings), false, `${volet}/${ex.name}: ${findings.map((f) => f.code).join(', ')}`);
      }
    }
  });
});
