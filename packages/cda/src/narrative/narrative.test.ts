import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withValuedColumns, actState, actStateFr, tnmPrefix, tnmStageLabelFr, phoneNumberFr, phonesFr, patientNameFr, periodFr } from './index.js';
import type { PatientIdentity } from '../model/common.js';

describe('narrative rules', () => {
  test('a column that no row fills is left out; the first column and referenced cells stay', () => {
    const table = withValuedColumns({
      headers: ['Type', 'Dates', 'Rythme', 'Commentaire', 'État'],
      rows: [
        [{ id: 'a', text: 'Chimiothérapie' }, 'du 01/02/2025 au 03/05/2025', '', undefined, 'à venir'],
        ['', '', ' ', { id: 'c', text: '' }, 'réalisé'],
      ],
    });
    assert.deepEqual(table.headers, ['Type', 'Dates', 'Commentaire', 'État']);
    assert.deepEqual(table.rows[1], ['', '', { id: 'c', text: '' }, 'réalisé']);
    const none = { headers: ['Type', 'Commentaire'], rows: [] };
    assert.equal(withValuedColumns(none), none);
  });

  test('planned acts are ongoing once their confirmed start is reached, else to come', () => {
    const asOf = '2024-11-19T11:20:00+01:00';
    assert.equal(actState({ performed: 'planned', statusCode: 'active', confirmedPeriod: { start: '2024-11-25' } }, asOf), 'planned');
    assert.equal(actState({ performed: 'planned' }, asOf), 'planned');
    assert.equal(actState({ performed: 'planned', confirmedPeriod: { start: '2024-11-19' } }, asOf), 'ongoing');
    assert.equal(actState({ performed: 'planned', confirmedPeriod: { start: '2024-11' } }, asOf), 'ongoing');
    assert.equal(actState({ performed: 'planned', confirmedPeriod: { start: '2024-12' } }, asOf), 'planned');
    assert.equal(actState({ performed: 'done', confirmedPeriod: { start: '2024-10-22' } }, asOf), 'done');
    assert.equal(actState({ performed: 'planned', statusCode: 'cancelled' }, asOf), 'cancelled');
    assert.equal(actStateFr({ performed: 'done', statusCode: 'aborted', confirmedPeriod: { start: '2024-09-01', end: '2024-10-02' } }, asOf), 'interrompu le 02/10/2024');
    assert.equal(actStateFr({ performed: 'planned' }, asOf), 'à venir');
  });

  test('the TNM label follows the prefix typed on the categories', () => {
    assert.equal(tnmPrefix({ t: 'T2', n: 'N1', m: 'M0' }), 'c');
    assert.equal(tnmPrefix({ t: 'cT2' }), 'c');
    assert.equal(tnmPrefix({ t: 'pT2', n: 'pN1a' }), 'p');
    assert.equal(tnmPrefix({ n: 'pN0' }), 'p');
    assert.equal(tnmPrefix({ t: 'ypT1c', n: 'ypN0' }), 'yp');
    assert.equal(tnmPrefix({ t: 'ycT2' }), 'yc');
    assert.equal(tnmPrefix({ t: 'rT2' }), 'r');
    assert.equal(tnmStageLabelFr({ t: 'pT2' }), 'Stade pathologique (pTNM)');
    assert.equal(tnmStageLabelFr({ t: 'T2' }), 'Stade clinique (cTNM)');
    assert.equal(tnmStageLabelFr({ t: 'ypT0' }), 'Stade pathologique après traitement néoadjuvant (ypTNM)');
  });

  test('telephone numbers are written in pairs, the person’s before the organisation’s', () => {
    assert.equal(phoneNumberFr('0241352745'), '02\u00a041\u00a035\u00a027\u00a045', 'pairs joined by no-break spaces');
    assert.equal(phoneNumberFr('+33 2 41 35 27 45'), '+33 2 41 35 27 45');
    assert.equal(phonesFr([{ scheme: 'mailto', value: 'a@b.fr' }], [{ scheme: 'tel', value: '01.02.03.04.05' }]), '01\u00a002\u00a003\u00a004\u00a005');
    assert.equal(phonesFr([{ scheme: 'tel', value: '0600000000' }], [{ scheme: 'tel', value: '0102030405' }]), '06\u00a000\u00a000\u00a000\u00a000');
    assert.equal(phonesFr(undefined), '');
  });

  test('periods read as French: one day, a span, an open start or end', () => {
    assert.equal(periodFr({ start: '2024-10-22', end: '2024-10-22' }), 'le 22/10/2024');
    assert.equal(periodFr({ start: '2024-11-25', end: '2025-03' }), 'du 25/11/2024 au 03/2025');
    assert.equal(periodFr({ start: '2024-11-14' }), 'à partir du 14/11/2024');
    assert.equal(periodFr({ end: '2025-03-10' }), "jusqu'au 10/03/2025");
    assert.equal(periodFr(undefined), '');
  });

  test('the patient is named by the used names, the birth name said when it differs', () => {
    const p = { birthFamilyName: 'ROUSSEAU', birthGivenNames: 'Nathalie Marie', usedFamilyName: 'MOREAU', gender: 'F', birthDate: '1973-06-14' } as PatientIdentity;
    assert.equal(patientNameFr(p), 'Mme Nathalie MOREAU (née ROUSSEAU)');
    assert.equal(patientNameFr({ ...p, usedFamilyName: undefined, gender: 'M' }), 'M. Nathalie ROUSSEAU');
  });
});
