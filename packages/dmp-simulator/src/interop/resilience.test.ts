// Faults and re-sends, visibility seen through ITI-18, and mutual TLS — the real DmpClient
// against the real simulator.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ActingParty } from '@dcc-kit/dmp/client';
import { AUTHOR, INS, PATIENT_CX, SOURCE_ID, frcpExample, pki, clinicalEntriesOf, randomOid, refusal, resetHarness, startHarness, type AdminEntry, type Harness } from './harness.test.util.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => h.close());
beforeEach(async () => resetHarness(h));

const clinicalEntries = (): Promise<AdminEntry[]> => clinicalEntriesOf(h);

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('injected faults: 503, busy registry, SOAP Receiver fault and a dropped connection are transient; the next call goes through', async () => {
  const input = { cda: frcpExample(), visibility: [] as const, entryUUID: `urn:uuid:${randomUUID()}`, sourceId: SOURCE_ID };
  for (const [kind, code] of [['http-503', 'http-503'], ['registry-busy', 'SIM_REGISTRY_BUSY'], ['soap-fault', 'SIM_INJECTED_FAULT'], ['drop', 'connection']] as const) {
    await h.admin('POST', '/faults', { endpoint: 'repository', kind, count: 1 });
    const e = await refusal(h.client.provideAndRegister({ ...input, submissionSetUniqueId: randomOid() }, AUTHOR));
    assert.equal(e.code, code, kind);
    assert.equal(e.transient, true, kind);
  }
  assert.deepEqual(await clinicalEntries(), [], 'no fault stored anything');
  await h.client.provideAndRegister({ ...input, submissionSetUniqueId: randomOid() }, AUTHOR);
  assert.equal((await clinicalEntries()).length, 1);
});

test('lost answer: the first attempt is stored after the client timed out; the re-send of the same entry is accepted, stored once', async () => {
  const cda = frcpExample();
  const entryUUID = `urn:uuid:${randomUUID()}`;
  const firstSet = randomOid();
  const impatient = h.clientWith({ timeoutMs: 300 });
  await h.admin('POST', '/faults', { endpoint: 'repository', kind: 'latency', delayMs: 900, count: 1 });
  const lost = await refusal(impatient.provideAndRegister({ cda, visibility: [], entryUUID, submissionSetUniqueId: firstSet, sourceId: SOURCE_ID }, AUTHOR));
  assert.deepEqual([lost.code, lost.transient], ['timeout', true]);
  const stored = await waitFor('the first attempt to be stored', async () => (await clinicalEntries()).find((e) => e.entryUUID === entryUUID));
  assert.equal(stored.status, 'Approved');
  // re-send with a fresh submission set id (the document entry is recognised: same uniqueId, same hash)
  const again = await h.client.provideAndRegister({ cda, visibility: [], entryUUID, submissionSetUniqueId: randomOid(), sourceId: SOURCE_ID }, AUTHOR);
  assert.equal(again.entryUUID, entryUUID);
  // re-send keeping the first attempt's submission set id (the whole submission is recognised)
  const kept = await h.client.provideAndRegister({ cda, visibility: [], entryUUID, submissionSetUniqueId: firstSet, sourceId: SOURCE_ID }, AUTHOR);
  assert.equal(kept.entryUUID, entryUUID);
  // (the simulator answers Success to the whole re-sent submission; a registry answering
  // XDSDuplicateUniqueIdInRegistry for the submission set is read as accepted too — unit-tested)
  const entries = await clinicalEntries();
  assert.equal(entries.filter((e) => e.uniqueId === stored.uniqueId).length, 1, 'stored exactly once');
  // a different document under the same uniqueId is not a re-send
  const changed = new TextEncoder().encode(new TextDecoder().decode(cda).replace('</ClinicalDocument>', '<!-- changed --></ClinicalDocument>'));
  const e = await refusal(h.client.provideAndRegister({ cda: changed, visibility: [], entryUUID: `urn:uuid:${randomUUID()}`, submissionSetUniqueId: randomOid(), sourceId: SOURCE_ID }, AUTHOR));
  assert.equal(e.transient, false);
  assert.ok(['SIM_NON_IDENTICAL_HASH', 'XDSNonIdenticalHash'].includes(e.code), e.code);
});

test('visibility: MASQUE_PS hides the entry from another professional in ITI-18, the author still sees it; unmasking (ITI-57) shows it; archiving hides it from the default query', async () => {
  const reader = (a: ActingParty): ActingParty => ({ ...a, mode: 'INDIRECTE_RENFORCEE' });
  const other: ActingParty = { ...AUTHOR, nameId: '810000000010', displayName: 'Dr Autre', structureId: '1330000001' };
  const entryUUID = `urn:uuid:${randomUUID()}`;
  await h.client.provideAndRegister({ cda: frcpExample(), visibility: ['MASQUE_PS'], entryUUID, submissionSetUniqueId: randomOid(), sourceId: SOURCE_ID }, AUTHOR);
  const seenByAuthor = await h.client.findDocuments(INS, reader(AUTHOR));
  const mine = seenByAuthor.find((d) => d.entryUUID === entryUUID);
  assert.ok(mine, 'the author sees the masked document');
  assert.ok(mine.confidentialityCodes.some((c) => c.code === 'MASQUE_PS'));
  assert.equal((await h.client.findDocuments(INS, reader(other))).some((d) => d.uniqueId === mine.uniqueId), false, 'hidden from another professional');
  // consultation in indirect mode is refused
  assert.equal((await refusal(h.client.findDocuments(INS, AUTHOR))).code, 'SIM_ACCESS_MODE_FORBIDDEN');

  const newEntryUUID = `urn:uuid:${randomUUID()}`;
  await h.client.updateVisibility({ cda: frcpExample(), logicalId: mine.logicalId ?? '', previousVersion: Number(mine.version ?? 1), visibility: [], newEntryUUID }, AUTHOR);
  const seenByOther = await h.client.findDocuments(INS, reader(other));
  const unmasked = seenByOther.find((d) => d.uniqueId === mine.uniqueId);
  assert.ok(unmasked, 'visible to the other professional once unmasked');
  assert.equal(unmasked.confidentialityCodes.some((c) => c.code === 'MASQUE_PS'), false);
  assert.equal(unmasked.logicalId, mine.logicalId);
  // a stale PreviousVersion is refused
  const stale = await refusal(h.client.updateVisibility({ cda: frcpExample(), logicalId: mine.logicalId ?? '', previousVersion: Number(mine.version ?? 1), visibility: ['MASQUE_PS'], newEntryUUID: `urn:uuid:${randomUUID()}` }, AUTHOR));
  assert.ok(['SIM_METADATA_VERSION', 'XDSMetadataVersionError'].includes(stale.code), stale.code);

  await h.client.updateStatus({ entryUUID: unmasked.entryUUID, from: 'Approved', to: 'Archived', patientId: PATIENT_CX }, AUTHOR);
  assert.equal((await h.client.findDocuments(INS, reader(AUTHOR))).some((d) => d.uniqueId === mine.uniqueId), false, 'archived: not in the default (Approved) query');
  const archived = (await h.client.findDocuments(INS, reader(AUTHOR), { statuses: ['Approved', 'Archived'] })).find((d) => d.uniqueId === mine.uniqueId);
  assert.equal(archived?.status, 'Archived');
});

test('mutual TLS: the simulator in TLS mode serves a client presenting its certificate, and refuses one without', async () => {
  const p = await pki();
  const tlsHarness = await startHarness({ tls: { key: p.server.key, cert: p.server.cert, ca: p.ca.cert } }, { tls: { cert: p.client.cert, key: p.client.key, ca: p.ca.cert } });
  try {
    assert.match(tlsHarness.sim.url, /^https:/);
    assert.equal((await tlsHarness.client.patientStatus(INS, AUTHOR)).dmp, 'active');
    const anonymous = tlsHarness.clientWith({ tls: { cert: '', key: '', ca: p.ca.cert } });
    const e = await refusal(anonymous.patientStatus(INS, AUTHOR));
    assert.ok(['tls', 'connection'].includes(e.code), e.code);
  } finally {
    await tlsHarness.close();
  }
});
