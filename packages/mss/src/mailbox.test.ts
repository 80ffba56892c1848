import { test } from 'node:test';
import assert from 'node:assert/strict';
import { insKey } from '@dcc-kit/cda/identity';
import { MssError } from './errors.js';
import { insOfPatientMailbox, isEmailAddress, isPatientMailbox, patientMailbox } from './mailbox.js';

test('patientMailbox: the 15-character INS at patient.mssante.fr, Corsican 2A/2B keys included', () => {
  assert.equal(patientMailbox({ matricule: '279035121518989' }), '279035121518989@patient.mssante.fr');
  const corsica = '147092A004031'; // 13 characters, 2A in positions 6–7 (birth in Corsica)
  const matricule = `${corsica}${insKey(corsica)}`;
  assert.equal(patientMailbox({ matricule }), `${matricule}@patient.mssante.fr`);
  assert.equal(insOfPatientMailbox(`${matricule}@Patient.MSSante.fr`), matricule);
});

test('patientMailbox: a wrong key or format is refused without echoing the value', () => {
  for (const matricule of ['279035121518988', '27903512151898', '2790351215189890', '979035121518989']) {
    assert.throws(() => patientMailbox({ matricule }), (e: unknown) => e instanceof MssError && e.code === 'MSS_BAD_PATIENT_ADDRESS' && !e.message.includes(matricule) && !e.transient);
  }
});

test('isPatientMailbox / isEmailAddress', () => {
  assert.equal(isPatientMailbox('x@patient.mssante.fr'), true);
  assert.equal(isPatientMailbox('dr.martin@hopital.mssante.fr'), false);
  assert.equal(insOfPatientMailbox('279035121518988@patient.mssante.fr'), undefined);
  assert.equal(isEmailAddress('dr.martin@hopital.mssante.fr'), true);
  assert.equal(isEmailAddress('Dr Martin <dr.martin@hopital.mssante.fr>'), false);
  assert.equal(isEmailAddress('a@b@c'), false);
});
