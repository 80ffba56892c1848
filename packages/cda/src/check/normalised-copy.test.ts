// Checker.normalisedCopy (the build's one pass over a structure-checked input) gives what the
// two passes it replaces gave, normalise(structuredClone(input)): the same model, the same issues
// at the same paths, and it leaves the caller's object as it was.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Checker, resolveContext } from './checker.js';
import { basePps } from '../testing/fixtures.js';
import { fixedContext, loadExamples } from '../testing/support.js';
import type { PpsDocument } from '../model/pps.js';

/** The copy and its issues, by the new pass and by the former two. */
function both(input: unknown) {
  const text = JSON.stringify(input);
  const fresh = new Checker(resolveContext(fixedContext()));
  const copy = fresh.normalisedCopy(input);
  assert.equal(JSON.stringify(input), text, 'the caller’s object is untouched');
  const former = new Checker(resolveContext(fixedContext()));
  const clone = structuredClone(input);
  former.normalise(clone);
  assert.deepEqual(copy, clone);
  assert.deepEqual(fresh.issues, former.issues);
  return { copy: copy as PpsDocument & Record<string, unknown>, issues: fresh.issues };
}

describe('Checker.normalisedCopy', () => {
  test('every example: the same model as normalise(structuredClone(input)), the input untouched', () => {
    for (const volet of ['pps', 'frcp'] as const)
      for (const { name, input } of loadExamples(volet)) {
        const { copy, issues } = both(input);
        assert.deepEqual(issues, [], name);
        assert.notEqual(copy, input);
      }
  });

  test('empty optional lists and empty periods go, required lists stay, +00:00 becomes Z, nested too', () => {
    const input = basePps() as PpsDocument & Record<string, unknown>;
    input.document!.effectiveTime = '2024-03-15T10:30:00+00:00';
    input.patient.localIds = [];
    input.tumours = [];
    const [first, second] = input.therapeuticProgramme.treatments!;
    first!.confirmedPeriod = {};
    second!.plannedPeriod = { start: '2024-04-01T08:00:00+00:00' };
    second!.comment = 'written at 10:30+00:00';
    const { copy, issues } = both(input);
    assert.deepEqual(issues, []);
    assert.equal(copy.document!.effectiveTime, '2024-03-15T10:30:00Z');
    assert.equal('localIds' in copy.patient, false);
    assert.deepEqual(copy.tumours, []);
    const [copiedFirst, copiedSecond] = copy.therapeuticProgramme.treatments!;
    assert.equal('confirmedPeriod' in copiedFirst!, false);
    assert.deepEqual(copiedSecond!.plannedPeriod, { start: '2024-04-01T08:00:00Z' });
    assert.equal(copiedSecond!.comment, 'written at 10:30+00:00', 'only an instant is rewritten');
    assert.equal(input.document!.effectiveTime, '2024-03-15T10:30:00+00:00');
    assert.deepEqual(input.tumours, []);
  });

  test('a mixed address is reported at its path, a list of them at each item', () => {
    const input = basePps() as PpsDocument & Record<string, unknown>;
    const mixed = { lines: ['1 rue X'], city: 'Angers' };
    Object.assign(input.patient, { addresses: [{ lines: ['2 rue Y'], use: 'H' }, structuredClone(mixed)] });
    Object.assign(input.custodian, { address: structuredClone(mixed) });
    const { issues } = both(input);
    assert.deepEqual(
      issues.map((i) => `${i.path} ${i.code}`),
      ['custodian.address address.mixed', 'patient.addresses[1] address.mixed'],
    );
  });

  test('an object shared by two places stays shared and is reported at both, as structuredClone kept it', () => {
    const input = basePps() as PpsDocument & Record<string, unknown>;
    const mixed = { lines: ['1 rue X'], city: 'Angers', telecoms: [] };
    Object.assign(input.custodian, { address: mixed });
    Object.assign(input.patient, { addresses: [mixed] });
    const { copy, issues } = both(input);
    assert.equal((copy.custodian as { address?: unknown }).address, (copy.patient as { addresses?: unknown[] }).addresses![0]);
    assert.deepEqual(
      issues.map((i) => i.path),
      ['custodian.address', 'patient.addresses[0]'],
    );
  });

  test('a non-plain object is copied as structuredClone copies it', () => {
    const list = [1, 2, 3];
    delete list[1];
    const input = { when: new Date('2024-01-01T00:00:00Z'), list, period: {} };
    const { copy } = both(input);
    assert.ok((copy as unknown as { when: unknown }).when instanceof Date);
    assert.equal(1 in (copy as unknown as { list: unknown[] }).list, false, 'a hole stays a hole');
  });
});
