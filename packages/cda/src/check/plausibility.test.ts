// Dates that cannot be true are refused with their field path: a birth date in the future or
// after the diagnosis or the document, a diagnosis or an RCP after the document, an RCP before
// the diagnosis it decided on, an act marked done dated after the document. Also the guardian's
// relationship code and the pathology sampler's organisation (schema and builder agree).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePps, validateFrcp, buildFrcp } from '../index.js';
import { basePps } from '../testing/fixtures.js';
import { conformance, failures, fixedContext, loadExamples } from '../testing/support.js';
import type { FrcpDocument } from '../model/frcp.js';

/** The first FRCP example, as a model to break. */
const frcpExample = () => structuredClone(loadExamples('frcp')[0]!.input) as unknown as FrcpDocument;

const codesAt = (input: unknown, volet: 'pps' | 'frcp' = 'pps') => {
  const r = volet === 'pps' ? validatePps(input, fixedContext()) : validateFrcp(input, fixedContext());
  return r.ok ? [] : r.issues.map((i) => `${i.path} ${i.code}`);
};

test('the base PPS is plausible', () => {
  assert.deepEqual(codesAt(basePps()), []);
});

test('a birth date in the future, or after the document, or after the diagnosis is refused at patient.birthDate / the diagnosis', () => {
  const future = basePps();
  future.patient.birthDate = '2099-01-01';
  assert.ok(codesAt(future).includes('patient.birthDate plausibility.birth-future'));

  const afterDocument = basePps();
  afterDocument.patient.birthDate = '2024-06-01'; // the document is of 2024-03-15, the clock 2026
  assert.ok(codesAt(afterDocument).includes('patient.birthDate plausibility.birth-after-document'));

  const afterDiagnosis = basePps();
  afterDiagnosis.patient.birthDate = '2024-01-20';
  afterDiagnosis.tumours[0]!.diagnosisDate = '2024-01-10';
  assert.ok(codesAt(afterDiagnosis).includes('tumours[0].diagnosisDate plausibility.diagnosis-before-birth'));
  // A partial date compares by its span: born « 2024 » may be before a diagnosis of 2024-01-10.
  afterDiagnosis.patient.birthDate = '2024';
  afterDiagnosis.patient.ins = undefined;
  assert.ok(!codesAt(afterDiagnosis).some((c) => c.includes('diagnosis-before-birth')));
});

test('diagnosis, RCP and document in order: refused with the path of the wrong date', () => {
  const late = basePps();
  late.tumours[0]!.diagnosisDate = '2024-04-01';
  assert.ok(codesAt(late).includes('tumours[0].diagnosisDate plausibility.diagnosis-after-document'));
  const rcpLate = basePps();
  rcpLate.status.rcpDate = '2024-03-20';
  assert.ok(codesAt(rcpLate).includes('status.rcpDate plausibility.rcp-after-document'));
  const rcpEarly = basePps();
  rcpEarly.tumours[0]!.diagnosisDate = '2024-03-10';
  rcpEarly.status.rcpDate = '2024-03-05';
  assert.ok(codesAt(rcpEarly).includes('status.rcpDate plausibility.rcp-before-diagnosis'));
});

test('an act marked done dated after the document is refused; a planned one is not', () => {
  const done = basePps();
  done.therapeuticProgramme.treatments![0]!.confirmedPeriod = { start: '2024-02-01', end: '2024-04-02' };
  assert.deepEqual(
    codesAt(done).filter((c) => c.includes('plausibility')),
    ['therapeuticProgramme.treatments[0].confirmedPeriod.end plausibility.done-after-document'],
  );
  done.therapeuticProgramme.treatments![0]!.performed = 'planned';
  assert.deepEqual(codesAt(done).filter((c) => c.includes('plausibility')), []);
});

test('FRCP: a meeting after the document and a completed past treatment dated after it are refused', () => {
  const frcp = frcpExample();
  assert.deepEqual(codesAt(frcp, 'frcp'), []);
  frcp.meeting.meetingTime = '2024-12-01T14:00:00+01:00';
  frcp.pastTreatments = [{ type: { code: '387713003' }, status: 'completed' as const, period: { start: '2024-10-22', end: '2024-12-24' } }];
  const codes = codesAt(frcp, 'frcp');
  assert.ok(codes.includes('meeting.meetingTime plausibility.rcp-after-document'), codes.join('\n'));
  assert.ok(codes.includes('pastTreatments[0].period.end plausibility.done-after-document'), codes.join('\n'));
});

test("a guardian's relationship comes from J11 (mother, father, tutor); another code is refused at its path", () => {
  const pps = basePps();
  pps.patient.guardians = [{ relationship: { code: 'TUTEUR' }, person: { family: 'MARTIN' } }];
  const ok = validatePps(pps, fixedContext());
  assert.ok(ok.ok);
  assert.deepEqual(ok.document.patient.guardians![0]!.relationship, { code: 'TUTEUR', codeSystem: '1.2.250.1.213.1.1.4.327', displayName: 'Tuteur' });
  pps.patient.guardians[0]!.relationship = { code: 'NOPE' };
  assert.deepEqual(codesAt(pps), ['patient.guardians[0].relationship.code value-set']);
});

test("the pathology report's sampler organisation: id and name only, refused by the schema at its path; the molecular report's keeps its address", async () => {
  const frcp = frcpExample();
  const sampler = {
    idNatPs: '810001045367',
    name: { family: 'DURAND' },
    organization: { idNatStruct: '1010780054', name: 'CHU', address: { city: 'Angers' } } as Record<string, unknown>,
  };
  assert.ok(frcp.pathologyReport, 'example 01 has a pathology report');
  (frcp.pathologyReport as Record<string, unknown>).sampler = sampler;
  assert.deepEqual(codesAt(frcp, 'frcp'), ['pathologyReport.sampler.organization.address unknown-field']);
  delete sampler.organization['address'];
  const xml = buildFrcp(frcp, fixedContext());
  const result = await conformance().validate(xml);
  assert.ok(result.valid, failures(result));
});
