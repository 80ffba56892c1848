import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentMadeAt, headerSummaryRows, type HeaderSummaryTexts } from './index.js';

const texts: HeaderSummaryTexts = {
  labelOf: (path) => path.join('.'),
  optionLabel: (path, code) => `${path.join('.')}=${code}`,
  date: (value) => `d(${value})`,
};

test('patient rows: names, gender by its option label, birth date formatted, INS when present', () => {
  const rows = headerSummaryRows(
    'patient',
    { birthFamilyName: 'DUPONT', birthGivenNames: 'Marie Anne', gender: 'F', birthDate: '1970-02-03', ins: { kind: 'NIR', value: '270' } },
    texts,
  );
  assert.deepEqual(rows, [
    ['patient.birthFamilyName', 'DUPONT'],
    ['patient.birthGivenNames', 'Marie Anne'],
    ['patient.gender', 'patient.gender=F'],
    ['patient.birthDate', 'd(1970-02-03)'],
    ['patient.ins', 'NIR 270'],
  ]);
});

test('author rows join the given and family names; optional parts are left out', () => {
  const rows = headerSummaryRows('author', { professional: { name: { family: 'MARTIN' }, idNatPs: '810' } }, texts);
  assert.deepEqual(rows, [
    ['author.professional.name', 'MARTIN'],
    ['author.professional.idNatPs', '810'],
  ]);
});

test('custodian rows keep only the string parts; an unknown part has no rows', () => {
  assert.deepEqual(headerSummaryRows('custodian', { name: 'CH', idNatStruct: 7 }, texts), [['custodian.name', 'CH']]);
  assert.deepEqual(headerSummaryRows('other', { name: 'x' }, texts), []);
});

test('documentMadeAt reads document.effectiveTime, undefined when missing or not a date', () => {
  assert.equal(documentMadeAt({ document: { effectiveTime: '2026-01-02T03:04:05Z' } }), Date.parse('2026-01-02T03:04:05Z'));
  assert.equal(documentMadeAt({ document: { effectiveTime: 'soon' } }), undefined);
  assert.equal(documentMadeAt({}), undefined);
  assert.equal(documentMadeAt(null), undefined);
});
