// Problems in clinical French: one message per problem, every problem at once (shape and rules
// together), each named by the section as titled on screen and the item (« Traitement 2 › … »).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePps } from '../index.js';
import { basePps } from '../testing/fixtures.js';
import { fixedContext } from '../testing/support.js';
import { issueLine, issueWhere, ppsFieldStrings, frcpFieldStrings, ppsSections, frcpSections } from './index.js';

test('a missing group is one problem « Ce champ est obligatoire », not also « un groupe de champs est attendu »', () => {
  const r = validatePps({ tumours: [{}] }, fixedContext());
  assert.equal(r.ok, false);
  const byPath = new Map<string, string[]>();
  for (const i of r.issues) byPath.set(i.path, [...(byPath.get(i.path) ?? []), i.code]);
  for (const [path, codes] of byPath) assert.equal(codes.length, 1, `${path}: ${codes.join(', ')}`);
  assert.deepEqual(byPath.get('author'), ['required']);
  assert.deepEqual(byPath.get('tumours[0].topography'), ['required']);
  assert.equal(r.issues.find((i) => i.path === 'author')!.message.fr, 'Ce champ est obligatoire.');
  for (const i of r.issues) assert.ok(!i.message.fr.includes(i.path) || i.path === '', `the message repeats its path: ${i.message.fr}`);
});

test('an object of the wrong kind says which fields are expected there, not « check the spelling »', () => {
  const doc = basePps() as unknown as { careNetwork: { generalPractitioner: Record<string, unknown> } };
  doc.careNetwork.generalPractitioner = { family: 'MARTIN' };
  const r = validatePps(doc, fixedContext());
  const issue = r.issues.find((i) => i.path === 'careNetwork.generalPractitioner.family')!;
  assert.equal(issue.code, 'unknown-field');
  assert.match(issue.message.fr, /champs attendus : professional, comment/);
  assert.doesNotMatch(issue.message.en, /spelling/);
});

test('every problem at once: a shape problem and a rule problem elsewhere are reported together', () => {
  const doc = basePps();
  (doc.tumours[0] as unknown as Record<string, unknown>).topography = 'C50';
  doc.patient.birthDate = '2099-01-01';
  delete doc.patient.ins; // its matricule says 1979: a third problem, not this test's
  const r = validatePps(doc, fixedContext());
  assert.deepEqual(r.issues.map((i) => `${i.path} ${i.code}`).sort(), [
    'patient.birthDate plausibility.birth-future',
    'tumours[0].topography type',
  ]);
});

test('a problem is named by the section as titled on screen and its item', () => {
  assert.equal(
    issueWhere('pps', 'therapeuticProgramme.treatments[1].confirmedPeriod.end'),
    `${ppsFieldStrings.sections.programme![0]} › Traitement 2 › Dates confirmées › Fin`,
  );
  assert.equal(issueWhere('pps', 'tumours[0].topography.coding.code', 'en'), 'Diagnosis › Tumour 1 › Topography (ICD-10) › Code');
  assert.equal(
    issueLine('pps', { path: 'careNetwork.coordinationCentre3C', message: { fr: 'Ce champ est obligatoire.', en: 'This field is required.' } }),
    'Équipe et réseau de soins › Centre de coordination en cancérologie (3C) : Ce champ est obligatoire.',
  );
  assert.match(issueWhere('frcp', 'meeting.meetingTime'), /^Réunion et quorum › /);
});

test('every section has a title in both languages and every top-level model part is in one section', () => {
  for (const [sections, strings] of [[ppsSections, ppsFieldStrings], [frcpSections, frcpFieldStrings]] as const)
    for (const s of sections) assert.ok(strings.sections[s.id]?.[0] && strings.sections[s.id]?.[1], s.id);
});
