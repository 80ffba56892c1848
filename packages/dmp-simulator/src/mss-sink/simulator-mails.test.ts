// The sink inside startDmpSimulator: the smtp option, GET /admin/mails, DELETE /admin/state, and
// the visibility check reading the simulator's stored DMP entries.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MssError, MssSender, metadataFromCda, type MssSendInput } from '@dcc-kit/mss';
import { startDmpSimulator, type DmpSimulator, type Entry } from '../index.js';
import type { StoredMail } from './index.js';
import { buildDocument } from '@dcc-kit/mss/testing';

const pps = buildDocument('pps', '01');
const patient = '273064900708440@patient.mssante.fr';
const now = (): Date => new Date('2026-12-01T10:00:00Z');
let simulator: DmpSimulator;
let sender: MssSender;

before(async () => {
  simulator = await startDmpSimulator({ trust: { vihfCertificates: [] }, now });
  assert.ok(simulator.smtp, 'the sink starts by default');
  sender = new MssSender({ smtp: simulator.smtp, nil: 'NIL-TEST', sender: { organisation: 'CH de test', software: 'dcc-kit', version: '0.1.0' }, now });
});
after(() => simulator.close());

const input = (extra: Partial<MssSendInput> = {}): MssSendInput => ({ cda: pps, visibility: [], to: [patient], from: 'bal@hopital-test.mssante.fr', submissionSetUniqueId: '2.25.99', sourceId: '1.2.3', ...extra });

async function mails(): Promise<StoredMail[]> {
  const res = await fetch(`${simulator.adminUrl}/mails`);
  assert.equal(res.status, 200);
  return (await res.json()) as StoredMail[];
}

test('a message to the simulator\'s SMTP port is listed by GET /admin/mails, and DELETE /admin/state empties the list', async () => {
  const { messageId } = await sender.send(input());
  const listed = await mails();
  assert.equal(listed.length, 1);
  assert.equal(listed[0]?.messageId, messageId);
  assert.deepEqual(listed[0]?.verdict, { accepted: true });
  assert.equal(listed[0]?.zip?.length, 4);
  assert.equal((await fetch(`${simulator.adminUrl}/state`, { method: 'DELETE' })).status < 300, true);
  assert.deepEqual(await mails(), []);
});

test('a document whose stored DMP entry is INVISIBLE_PATIENT is refused for the patient mailbox', async () => {
  const { entry } = metadataFromCda(pps);
  // The entry as the registry stores it (ITI-41 path tested by the simulator's own tests).
  simulator.state.entries.set('urn:uuid:e1', { entryUUID: 'urn:uuid:e1', uniqueId: entry.uniqueId, version: 1, isSignature: false, confidentiality: [{ code: 'N', scheme: '2.16.840.1.113883.5.25' }, { code: 'INVISIBLE_PATIENT', scheme: '1.2.250.1.213.1.1.4.13' }] } as Entry);
  try {
    let caught: unknown;
    await sender.send(input()).catch((e: unknown) => (caught = e));
    assert.ok(caught instanceof MssError);
    assert.equal(caught.code, 'SIM_MSS_INVISIBLE_TO_PATIENT');
    // An ITI-57 metadata update lifting the flag (a later version of the entry) lets it through.
    simulator.state.entries.set('urn:uuid:e2', { entryUUID: 'urn:uuid:e2', uniqueId: entry.uniqueId, version: 2, isSignature: false, confidentiality: [{ code: 'N', scheme: '2.16.840.1.113883.5.25' }] } as Entry);
    assert.deepEqual((await sender.send(input())).accepted, [patient]);
  } finally {
    simulator.state.entries.clear();
  }
});

test('smtp: false starts no sink; GET /admin/mails then answers 404', async () => {
  const bare = await startDmpSimulator({ trust: { vihfCertificates: [] }, smtp: false });
  try {
    assert.equal(bare.smtp, undefined);
    assert.equal((await fetch(`${bare.adminUrl}/mails`)).status, 404);
  } finally {
    await bare.close();
  }
});
