// The model checker reports the INS/strict-trait errors of crossCheckInsTraits on the document's
// patient (both volets), by the model's field paths; uncertain differences are not model errors.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { validateFrcp, validatePps } from '../api.js';
import { basePps } from '../testing/fixtures.js';
import { fixedContext, loadExamples } from '../testing/support.js';
import type { PatientIdentity } from '../model/common.js';
import type { FrcpDocument } from '../model/frcp.js';

type Mutation = (patient: PatientIdentity) => void;

const ppsIssues = (mutate: Mutation) => {
  const input = basePps();
  mutate(input.patient);
  const result = validatePps(input, fixedContext());
  return result.ok ? [] : result.issues.map((i) => `${i.path} ${i.code}`);
};

describe('model checker: the INS against the strict traits of the patient', () => {
  test('the base fixture (the ANS test patient) is consistent', () => {
    assert.deepEqual(ppsIssues(() => undefined), []);
  });

  test('certain differences are errors on the trait’s path: sex digit, birth year, birth month, département', () => {
    assert.deepEqual(ppsIssues((p) => (p.gender = 'M')), ['patient.gender ins.traits.sex']);
    assert.deepEqual(ppsIssues((p) => (p.birthDate = '1980-03-28')), ['patient.birthDate ins.traits.year']);
    assert.deepEqual(ppsIssues((p) => (p.birthDate = '1979-04-28')), ['patient.birthDate ins.traits.month']);
    assert.deepEqual(ppsIssues((p) => (p.birthPlace = { cogCode: '75112' })), ['patient.birthPlace.cogCode ins.traits.place-department']);
  });

  test('Corsica after 1976 is checked; uncertain differences (abroad, same département) are not model errors', () => {
    const corse: Mutation = (p) => {
      p.ins = { kind: 'NIR', value: '180032B02040123', environment: 'test' };
      p.gender = 'M';
      p.birthDate = '1980-03-02';
      p.birthPlace = { cogCode: '2B020' };
    };
    assert.deepEqual(ppsIssues(corse), []);
    assert.deepEqual(ppsIssues((p) => (corse(p), (p.birthPlace = { cogCode: '2A004' }))), ['patient.birthPlace.cogCode ins.traits.place-department']);
    assert.deepEqual(ppsIssues((p) => (p.birthPlace = { cogCode: '99134' })), [], 'born abroad on one side only: a warning of the identity service');
    assert.deepEqual(ppsIssues((p) => (p.birthPlace = { cogCode: '51454' })), [], 'same département, another commune: a warning');
  });

  test('one message per problem: a wrong key or an impossible date is not compared again', () => {
    assert.deepEqual(ppsIssues((p) => ((p.ins!.value = '279035121518988'), (p.gender = 'M'))), ['patient.ins.value ins.key']);
    assert.deepEqual(ppsIssues((p) => (p.birthDate = '1979-02-30')), ['patient.birthDate date']);
  });

  test('an NIA’s differences are never model errors', () => {
    assert.deepEqual(ppsIssues((p) => ((p.ins = { kind: 'NIA', value: '109076322088835' }), (p.gender = 'F'))), []);
  });

  test('the FRCP checker reports them too, without the values in the messages', () => {
    const [example] = loadExamples('frcp');
    const input = structuredClone(example!.input) as FrcpDocument;
    assert.equal(validateFrcp(input, fixedContext()).ok, true);
    input.patient.gender = input.patient.gender === 'F' ? 'M' : 'F';
    const result = validateFrcp(input, fixedContext());
    assert.equal(result.ok, false);
    const issues = result.ok ? [] : result.issues;
    assert.deepEqual(issues.map((i) => `${i.path} ${i.code}`), ['patient.gender ins.traits.sex']);
    assert.doesNotMatch(JSON.stringify(issues), new RegExp(input.patient.ins!.value.slice(0, 7)));
  });
});
