// Input shapes that the builder would write the same way as another shape, so that no parser
// could tell them apart: the checker normalises them (or rejects them), so that the round trip
// stays exact. One test per case found while writing the parsers (README, "Parsing").
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildWithModel } from '../api.js';
import { ModelValidationError } from '../issues.js';
import type { BuildContext } from '../check/checker.js';
import type { PpsDocument } from '../model/pps.js';
import { basePps } from '../testing/fixtures.js';
import { parsePps } from './index.js';

const context = (): BuildContext => {
  let n = 0;
  return { now: () => new Date('2026-01-15T09:00:00Z'), newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` };
};

/** The normalised input round-trips exactly, or (rejected = issue code) the checker refuses it. */
function roundTrips(mutate: (d: PpsDocument) => void, rejected?: string): void {
  const input = basePps();
  mutate(input);
  if (rejected !== undefined) {
    assert.throws(() => buildWithModel('pps', input, context()), (e: unknown) => e instanceof ModelValidationError && e.issues.some((i) => i.code === rejected));
    return;
  }
  const built = buildWithModel('pps', input, context());
  assert.deepStrictEqual(parsePps(built.xml), built.document);
}

describe('input shapes the XML cannot tell apart are normalised or rejected by the checker', () => {
  const limits: Array<[string, (d: PpsDocument) => void, string?]> = [
    ['an empty optional array ([]) is written like an absent one: dropped', (d) => void (d.patient.telecoms = [])],
    ['privacyNotice: {} is written like no privacyNotice: dropped', (d) => void (d.privacyNotice = {})],
    [
      'an instant ending in +00:00 is written like Z (TS +0000): normalised to Z',
      (d) => void (d.document!.effectiveTime = '2024-03-15T10:30:00+00:00'),
    ],
    [
      'a CodedOrText text equal to the label shown without a text, "displayName (code)": dropped',
      (d) => void (d.tumours[0]!.topography = { coding: { code: 'C50.4' }, text: 'Tumeur maligne du quadrant supéro-externe du sein (C50.4)' }),
    ],
    ['an address with both lines and parts (addr writes the lines only): rejected', (d) => void (d.patient.addresses = [{ city: 'Paris', lines: ['1 rue X'] }]), 'address.mixed'],
    [
      'an empty period {} is written like an absent one (nullFlavor UNK): dropped',
      (d) => void (d.therapeuticProgramme.treatments![0]!.confirmedPeriod = {}),
    ],
    [
      'encounter.facility telecoms/practiceSetting have no place in healthCareFacility: rejected',
      (d) => void (d.encounter.facility = { name: 'CHU', telecoms: [{ scheme: 'tel', value: '0241000000' }] }),
      'unused',
    ],
    [
      'PPS other stages: classificationName/Version are written as GEN-101/GEN-102 entries, as in the FRCP',
      (d) => void (d.tumours[0]!.otherStages = [{ text: 'FIGO IIIC', classificationName: 'FIGO', classificationVersion: '2018' }]),
    ],
  ];
  for (const [name, mutate, rejected] of limits) test(name, () => roundTrips(mutate, rejected));
});
