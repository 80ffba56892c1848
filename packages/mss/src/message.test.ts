import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mssBody, mssHeaders, mssInsFlag, mssSubject } from './message.js';
import { errorFromSmtpReply, MssError } from './errors.js';

const traits = { birthFamilyName: 'Rousseau', firstGivenName: 'Isabelle', birthDate: '19730614', sex: 'F' as const };
const ins = { matricule: '273064900708440', oid: '1.2.250.1.213.1.4.10' };

test('X-MSS-INS: O only with a valid matricule, an INS OID and the four traits', () => {
  assert.equal(mssInsFlag({ ins, patient: traits }), 'O');
  assert.equal(mssInsFlag({ ins: undefined, patient: traits }), 'N');
  assert.equal(mssInsFlag({ ins: { ...ins, oid: '1.2.3' }, patient: traits }), 'N');
  assert.equal(mssInsFlag({ ins: { ...ins, matricule: '273064900708441' }, patient: traits }), 'N');
  for (const missing of ['birthFamilyName', 'firstGivenName', 'birthDate', 'sex'] as const) {
    const patient: Record<string, string> = { ...traits };
    delete patient[missing];
    assert.equal(mssInsFlag({ ins, patient }), 'N', missing);
  }
});

test('headers: X-MSS-NIL always, CODECDA and INS from the CDA, MES: FIN and Disposition-Notification-To when asked', () => {
  assert.deepEqual(mssHeaders({ ins, patient: traits, cdaCodes: ['18776-5'] }, { nil: 'NIL-123' }), {
    'X-MSS-NIL': 'NIL-123',
    'X-MSS-CODECDA': '18776-5',
    'X-MSS-INS': 'O',
  });
  assert.deepEqual(mssHeaders({ ins, patient: traits, cdaCodes: ['18776-5', '34794-8'] }, { nil: 'N', noReply: true, dispositionNotificationTo: 'acks@hopital.mssante.fr' }), {
    'X-MSS-NIL': 'N',
    'X-MSS-CODECDA': '18776-5,34794-8',
    'X-MSS-INS': 'O',
    'X-MSS-MES': 'FIN',
    'Disposition-Notification-To': 'acks@hopital.mssante.fr',
  });
});

test('subject: XDM/1.0/DDM+<title> <NOM> <Prénom> <JJ/MM/AAAA>, missing parts left out, one line', () => {
  assert.equal(mssSubject({ title: 'Programme Personnalisé de Soins' }, { patient: traits }), 'XDM/1.0/DDM+Programme Personnalisé de Soins ROUSSEAU Isabelle 14/06/1973');
  assert.equal(mssSubject({ title: 'Fiche RCP\r\nx' }, { patient: {} }), 'XDM/1.0/DDM+Fiche RCP x');
});

test('body: French, names the title and the sender, no patient identity', () => {
  const body = mssBody({ title: 'Fiche RCP' }, { organisation: 'CH de Test' }, true);
  assert.match(body, /« Fiche RCP »/);
  assert.match(body, /CH de Test/);
  assert.match(body, /n'appelle pas de réponse/);
});

test('SMTP replies: 4xx transient, 5xx permanent, SIM_MSS_* code taken from the reply', () => {
  const temporary = errorFromSmtpReply(451, '4.3.0 try later');
  assert.equal(temporary.transient, true);
  assert.equal(temporary.code, 'smtp-4xx');
  assert.equal(temporary.smtpCode, 451);
  const refused = errorFromSmtpReply(554, '5.6.0 SIM_MSS_HASH_MISMATCH: hash differs');
  assert.ok(refused instanceof MssError);
  assert.equal(refused.transient, false);
  assert.equal(refused.code, 'SIM_MSS_HASH_MISMATCH');
  assert.match(refused.messageFr, /empreinte/);
  assert.match(refused.messageEn, /hash/);
  assert.equal(errorFromSmtpReply(550, 'mailbox unavailable').code, 'smtp-5xx');
});
