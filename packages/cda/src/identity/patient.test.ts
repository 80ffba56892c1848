import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  INS_OID_TABLE,
  describeInsOid,
  insOid,
  patientFromApi,
  patientToApi,
  type ApiPatient,
  type ModelPatient,
} from './index.js';
import { loadExamples } from '../testing/support.js';

describe('INS OID table', () => {
  // The ANS kit (schematrons/profils/structurationMinimale 1.2.250.1.213.1.1.1.1 and the CDA
  // viewer of ExemplesCDA) knows .8 NIR, .9 NIA, .10 test, .11 demo, and no NIA test/demo OID.
  test('NIA is 1.2.250.1.213.1.4.9 in production and has no test or demo OID', () => {
    assert.deepEqual(INS_OID_TABLE.NIA, { production: '1.2.250.1.213.1.4.9' });
    assert.equal(patientToApi(model({ kind: 'NIA', value: '109076322088835' })).ins.oid, '1.2.250.1.213.1.4.9');
    assert.throws(() => patientToApi(model({ kind: 'NIA', value: '109076322088835', environment: 'test' })), RangeError);
    assert.throws(() => patientToApi(model({ kind: 'NIA', value: '109076322088835', environment: 'demo' })), RangeError);
  });

  test('NIR is .8 in production, .10 in test, .11 in demo', () => {
    assert.deepEqual(INS_OID_TABLE.NIR, { production: '1.2.250.1.213.1.4.8', test: '1.2.250.1.213.1.4.10', demo: '1.2.250.1.213.1.4.11' });
  });

  test('insOid and describeInsOid read the same table', () => {
    for (const kind of ['NIR', 'NIA'] as const) {
      for (const [environment, oid] of Object.entries(INS_OID_TABLE[kind])) {
        assert.equal(insOid(kind, environment as 'production'), oid);
        assert.equal(describeInsOid(oid)?.kind, kind);
        assert.equal(describeInsOid(oid)?.environment, environment);
      }
    }
  });
});

function model(ins: ModelPatient['ins']): ModelPatient {
  return { ins, birthFamilyName: 'DUPONT', birthGivenNames: 'Jean', gender: 'M', birthDate: '1970-01-01' };
}

/** The fields of a model patient block that the API carries. */
function carried(p: ModelPatient): ModelPatient {
  return {
    ...(p.ins ? { ins: { kind: p.ins.kind, value: p.ins.value, ...(p.ins.environment && p.ins.environment !== 'production' ? { environment: p.ins.environment } : {}) } } : {}),
    birthFamilyName: p.birthFamilyName,
    birthGivenNames: p.birthGivenNames,
    ...(p.usedFamilyName ? { usedFamilyName: p.usedFamilyName } : {}),
    gender: p.gender,
    birthDate: p.birthDate,
    ...(p.birthPlace ? { birthPlace: { cogCode: p.birthPlace.cogCode } } : {}),
  };
}

describe('patientToApi / patientFromApi', () => {
  test('UN ↔ U, given names split and joined, birth place and used name carried', () => {
    const api = patientToApi({
      ins: { kind: 'NIR', value: '279035121518989', environment: 'test' },
      birthFamilyName: 'ROUSSEAU',
      birthGivenNames: 'Isabelle Marie Françoise',
      usedFamilyName: 'MOREAU',
      gender: 'UN',
      birthDate: '1973-06-14',
      birthPlace: { cogCode: '49007', city: 'Angers' },
    });
    assert.deepEqual(api, {
      ins: { value: '279035121518989', oid: '1.2.250.1.213.1.4.10' },
      traits: { birthName: 'ROUSSEAU', firstNames: ['Isabelle', 'Marie', 'Françoise'], birthDate: '1973-06-14', sex: 'U', birthPlaceCode: '49007' },
      usedName: 'MOREAU',
    });
  });

  test('a partial birth date is written with 00 and read back partial', () => {
    assert.equal(patientToApi({ ...model({ kind: 'NIR', value: '279035121518989' }), birthDate: '1973-06' }).traits.birthDate, '1973-06-00');
    assert.equal(patientToApi({ ...model({ kind: 'NIR', value: '279035121518989' }), birthDate: '1973' }).traits.birthDate, '1973-00-00');
    const api: ApiPatient = { ins: { value: '279035121518989', oid: '1.2.250.1.213.1.4.8' }, traits: { birthName: 'X', firstNames: ['Y'], birthDate: '1973-00-00', sex: 'F' } };
    assert.equal(patientFromApi(api).birthDate, '1973');
  });

  test('an OID that is not an INS OID gives no model INS', () => {
    const api: ApiPatient = { ins: { value: '279035121518989', oid: '1.2.250.1.213.1.4.2' }, traits: { birthName: 'X', firstNames: ['Y'], birthDate: '1970-01-01', sex: 'M' } };
    assert.equal(patientFromApi(api).ins, undefined);
  });

  test('a block without INS has no API patient', () => {
    assert.throws(() => patientToApi(model(undefined)), RangeError);
  });

  for (const volet of ['pps', 'frcp'] as const) {
    test(`round trip model → API → model on every ${volet} example with an INS`, () => {
      const examples = loadExamples(volet);
      assert.ok(examples.length > 0);
      for (const { name, input } of examples) {
        const patient = (input as { patient: ModelPatient }).patient;
        if (!patient.ins) continue;
        assert.deepEqual(patientFromApi(patientToApi(patient)), carried(patient), name);
      }
    });
  }

  test('round trip API → model → API (property)', () => {
    const name = fc.stringMatching(/^[A-Za-zÀ-ÿ](?:[A-Za-zÀ-ÿ' -]{0,10}[A-Za-zÀ-ÿ])?$/).filter((s) => !s.includes('  '));
    const firstName = fc.stringMatching(/^[A-Za-zÀ-ÿ](?:[A-Za-zÀ-ÿ'-]{0,10}[A-Za-zÀ-ÿ])?$/);
    const oid = fc.constantFrom(...Object.values(INS_OID_TABLE).flatMap((row) => Object.values(row)));
    const date = fc.tuple(fc.integer({ min: 1900, max: 2025 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 28 }))
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(m === 0 ? 0 : d).padStart(2, '0')}`);
    const api = fc.record(
      {
        ins: fc.record({ value: fc.constant('279035121518989'), oid }),
        traits: fc.record(
          {
            birthName: name,
            firstNames: fc.array(firstName, { minLength: 1, maxLength: 4 }),
            birthDate: date,
            sex: fc.constantFrom('M' as const, 'F' as const, 'U' as const),
            birthPlaceCode: fc.constantFrom('49007', '2A004', '99134'),
          },
          { requiredKeys: ['birthName', 'firstNames', 'birthDate', 'sex'] },
        ),
        usedName: name,
      },
      { requiredKeys: ['ins', 'traits'] },
    );
    // fast-check records have a null prototype: compare plain copies.
    fc.assert(fc.property(api, (generated) => {
      const p = structuredClone(generated) as ApiPatient;
      assert.deepEqual(patientToApi(patientFromApi(p)), p);
    }));
  });
});
