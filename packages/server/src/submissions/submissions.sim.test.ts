// The queue against the real parts: @dcc-kit/dmp's client over HTTP to @dcc-kit/dmp-simulator
// (signed VIHF with the test PKI), on both stores: an accepted entry whose metadata is the
// CDA's, a replacement that deprecates its parent, faults retried to exactly one entry, a
// closed DMP parked with its reason.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { resolveKitDir } from '@dcc-kit/conformance/kit';
import { startDmpSimulator, type DmpSimulator } from '@dcc-kit/dmp-simulator';
import { createTestPki } from '@dcc-kit/dmp-simulator/pki';
import { openTestStore, postgresTarget, type StoreKind } from '../testing/harness.js';
import type { Store } from '../store/store.js';
import { dmpPort, mssPort } from './adapters.js';
import { JobQueue } from './job-queue.js';
import { SubmissionService } from './submission-service.js';
import { SubmissionWorker } from './submission-worker.js';
import { ANS_PATIENT, ansPatient, frcpVariant, newOid, signedDocument } from '../testing/submission-fixtures.js';
import type { Actor } from '../store/records.js';
import { HttpProblem } from '../http.js';

const LPS = { name: 'dcc-kit', version: '0.1.0', instanceId: '1.2.250.1.213.1.1.9.1', homologationId: 'HOMOLOG-TEST' };
const SOURCE_ID = '1.2.250.1.213.1.1.9';
const actor: Actor = { idNatPs: ANS_PATIENT.signer, structures: [ANS_PATIENT.structureId], requestId: 'test' };

for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  const target = kind === 'postgres' ? postgresTarget() : {};
  describe(`submission queue → DMP simulator (${kind})`, { skip: target.skip }, () => {
    let sim: DmpSimulator;
    let store: Store;
    let jobs: JobQueue;
    let worker: SubmissionWorker;
    let service: SubmissionService;
    let port: ReturnType<typeof dmpPort>;
    let patientId: string;
    const example = readFileSync(path.join(resolveKitDir(), 'ExemplesCDA', 'CANCER-FRCP_2022.01_Appareil.xml'), 'utf8');
    const admin = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${sim.adminUrl}${p}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
      const text = await res.text();
      assert.ok(res.ok, `admin ${method} ${p}: ${res.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    };

    before(async () => {
      const pki = await createTestPki();
      sim = await startDmpSimulator({ trust: { vihfCertificates: [pki.signing.cert] } });
      store = await openTestStore(kind);
      jobs = new JobQueue(store.driver, { retry: { retryLimit: 4, retryDelaySeconds: 1, retryDelayMaxSeconds: 2 }, superviseIntervalSeconds: 1 });
      port = dmpPort({ sourceId: SOURCE_ID, client: { endpoint: sim.url, signing: { key: pki.signing.key, certificate: pki.signing.cert }, lps: LPS, timeoutMs: 10_000 } });
      const mss = mssPort({
        smtpUrl: `smtp://${sim.smtp!.host}:${sim.smtp!.port}`,
        from: 'rcp@ch-test.mssante.fr',
        nil: 'NIL-DCC-TEST',
        sourceId: SOURCE_ID,
        sender: { organisation: 'CH de test', software: 'dcc-kit', version: '0.1.0' },
      });
      service = new SubmissionService(store.driver, store.submissions, jobs, { dmp: port, mssConfigured: true, secteurActivite: 'SA01^1.2.250.1.71.4.2.4' });
      worker = new SubmissionWorker(store.driver, store.submissions, jobs, { dmp: port, mss, secteurActivite: 'SA01^1.2.250.1.71.4.2.4', pollMs: 50, callTimeoutMs: 10_000 });
      patientId = await ansPatient(store);
      worker.start();
    });
    after(async () => {
      await worker?.stop();
      await jobs?.stop();
      await port?.close();
      await store?.close();
      await sim?.close();
    });

    const submit = async (cda: string, setId: string, choices = {}) => {
      const doc = await signedDocument(store, patientId, setId, cda, actor);
      const r = await store.documents.transition(doc.id, 1, doc.version, { from: ['signed'], to: 'submitted', action: 'document.submit', enqueue: await service.enqueuer(choices, actor) }, actor);
      assert.ok(r.ok);
      return doc.id;
    };
    const settled = async (documentId: string, ms = 30_000) => {
      const end = Date.now() + ms;
      for (;;) {
        const row = (await store.submissions.forVersion(documentId, 1))[0]!;
        if (['accepted', 'refused', 'parked'].includes(row.state)) return row;
        if (Date.now() > end) assert.fail(`submission still ${row.state}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    type SimEntry = { entryUUID: string; uniqueId: string; status: string; setId?: string; confidentiality?: unknown };

    test('accepted: the simulator holds the entry of the CDA, with its visibility; v2 deprecates v1', async () => {
      const setId = newOid();
      const v1Id = newOid();
      const v1 = await submit(frcpVariant(example, v1Id, setId), setId, { visibility: ['MASQUE_PS'] });
      const r1 = await settled(v1);
      assert.equal(r1.state, 'accepted', JSON.stringify(r1.reason));
      let entries = await admin<SimEntry[]>('GET', `/entries?patientId=${ANS_PATIENT.ins}`);
      const e1 = entries.find((e) => e.uniqueId === v1Id);
      assert.ok(e1, 'the entry is stored under the CDA id');
      assert.equal(e1.entryUUID, r1.entryUUID);
      assert.match(JSON.stringify(e1.confidentiality), /MASQUE_PS/);

      const v2Id = newOid();
      const v2 = await submit(frcpVariant(example, v2Id, setId, 2, v1Id), setId);
      const r2 = await settled(v2);
      assert.equal(r2.state, 'accepted', JSON.stringify(r2.reason));
      entries = await admin<SimEntry[]>('GET', `/entries?patientId=${ANS_PATIENT.ins}`);
      assert.equal(entries.find((e) => e.uniqueId === v1Id)!.status, 'Deprecated');
      assert.equal(entries.find((e) => e.uniqueId === v2Id)!.status, 'Approved');
      assert.equal((await store.submissions.forVersion(v1, 1))[0]!.dmp!.status, 'Deprecated');
    });

    test('MSSanté: the patient and a care-team address each get the XDM zip through the real SMTP sender', async () => {
      const setId = newOid();
      const id = newOid();
      const doc = await submit(frcpVariant(example, id, setId), setId, { mss: { patient: true, recipients: ['dr.martin@ch-test.mssante.fr'] } });
      const end = Date.now() + 30_000;
      let rows = await store.submissions.forVersion(doc, 1);
      while (rows.some((r) => !['accepted', 'refused', 'parked'].includes(r.state)) && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 50));
        rows = await store.submissions.forVersion(doc, 1);
      }
      assert.deepEqual(rows.map((r) => [r.channel, r.state, r.reason?.code]).sort(), [
        ['dmp', 'accepted', undefined],
        ['mss:dr.martin@ch-test.mssante.fr', 'accepted', undefined],
        ['mss:patient', 'accepted', undefined],
      ]);
      const mails = await admin<Array<{ to: string[]; documents?: Array<{ uniqueId?: string }>; attachments: Array<{ filename: string | null }> }>>('GET', '/mails');
      const ours = mails.filter((m) => m.documents?.some((d) => d.uniqueId === id));
      assert.deepEqual(ours.map((m) => m.to.join(',')).sort(), [`${ANS_PATIENT.ins}@patient.mssante.fr`, 'dr.martin@ch-test.mssante.fr']);
      for (const m of ours) assert.ok(m.attachments.some((a) => /^ihe_xdm\.zip$/i.test(a.filename ?? '')));
    });

    test('transient faults (503, busy registry) are retried to exactly one entry', async () => {
      await admin('POST', '/faults', { endpoint: 'repository', kind: 'http-503', count: 1 });
      await admin('POST', '/faults', { endpoint: 'repository', kind: 'registry-busy', count: 1 });
      const setId = newOid();
      const id = newOid();
      const doc = await submit(frcpVariant(example, id, setId), setId);
      const row = await settled(doc);
      assert.equal(row.state, 'accepted', JSON.stringify(row.reason));
      assert.equal(row.attempts, 3);
      const entries = await admin<SimEntry[]>('GET', `/entries?patientId=${ANS_PATIENT.ins}`);
      assert.equal(entries.filter((e) => e.uniqueId === id).length, 1);
    });

    test('a closed DMP parks the submission with its reason; the patient status says so', async () => {
      await admin('PATCH', `/patients/${ANS_PATIENT.ins}`, { dmpStatus: 'CLOSED', closureReason: 'FERMETURE_DEMANDE_PATIENT' });
      try {
        const setId = newOid();
        const doc = await submit(frcpVariant(example, newOid(), setId), setId);
        const row = await settled(doc);
        assert.equal(row.state, 'parked');
        assert.equal(row.stateDetail, 'dmp-closed');
        assert.equal(row.reason?.field, 'patient.dmp');
      } finally {
        await admin('PATCH', `/patients/${ANS_PATIENT.ins}`, { dmpStatus: 'ACTIVE' });
      }
    });

    test('incoherent metadata is refused with the simulator’s code, reason and field', async () => {
      // a version 2 whose parent never reached the DMP: the CDA says RPLC, the submission cannot
      const setId = newOid();
      const doc = await submit(frcpVariant(example, newOid(), setId, 2, newOid()), setId);
      const row = await settled(doc);
      assert.equal(row.state, 'refused', JSON.stringify(row));
      assert.ok(row.reason?.code && row.reason.fr && row.reason.en && row.reason.field, JSON.stringify(row.reason));
    });
  });
}

describe('a VIHF the simulator does not trust: refused with its code, not retried (pglite)', () => {
  test('the submission is refused, not retried', async () => {
    const [trusted, other] = await Promise.all([createTestPki(), createTestPki()]);
    const sim = await startDmpSimulator({ trust: { vihfCertificates: [trusted.signing.cert] }, smtp: false });
    const store = await openTestStore('pglite');
    const jobs = new JobQueue(store.driver, { retry: { retryLimit: 3, retryDelaySeconds: 1 } });
    // signed with a certificate the DMP does not know
    const port = dmpPort({ sourceId: SOURCE_ID, client: { endpoint: sim.url, signing: { key: other.signing.key, certificate: other.signing.cert }, lps: LPS, timeoutMs: 10_000 } });
    const service = new SubmissionService(store.driver, store.submissions, jobs, { dmp: port, mssConfigured: false, secteurActivite: 'SA01^1.2.250.1.71.4.2.4' });
    const worker = new SubmissionWorker(store.driver, store.submissions, jobs, { dmp: port, secteurActivite: 'SA01^1.2.250.1.71.4.2.4', pollMs: 50 });
    try {
      const example = readFileSync(path.join(resolveKitDir(), 'ExemplesCDA', 'CANCER-FRCP_2022.01_Appareil.xml'), 'utf8');
      const setId = newOid();
      const doc = await signedDocument(store, await ansPatient(store), setId, frcpVariant(example, newOid(), setId), actor);
      assert.ok((await store.documents.transition(doc.id, 1, doc.version, { from: ['signed'], to: 'submitted', action: 'document.submit', enqueue: await service.enqueuer({}, actor) }, actor)).ok);
      worker.start();
      const end = Date.now() + 30_000;
      let row = (await store.submissions.forVersion(doc.id, 1))[0]!;
      while (!['accepted', 'refused', 'parked'].includes(row.state) && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 50));
        row = (await store.submissions.forVersion(doc.id, 1))[0]!;
      }
      assert.equal(row.state, 'refused', JSON.stringify(row));
      assert.equal(row.attempts, 1, 'a permanent refusal is not retried');
      assert.ok(row.reason?.code && row.reason.fr && row.reason.en, JSON.stringify(row.reason));
      assert.equal(row.reason?.code, 'SIM_VIHF_INVALID');
      assert.equal(row.reason?.field, 'saml2:Assertion/ds:Signature', 'the field the simulator names in its SOAP fault');
    } finally {
      await worker.stop();
      await jobs.stop();
      await port.close();
      await store.close();
      await sim.close();
    }
  });
});

describe('a minor with a secret connection (dmp-mes.md §2.2): deposited hidden from the legal representatives, the VIHF saying so (pglite)', () => {
  // The ANS example's patient is born 1979-03-28: on the worker's clock of 1995 she is a minor.
  const IN_1995 = () => new Date('1995-06-01T10:00:00Z');
  let sim: DmpSimulator;
  let store: Store;
  let jobs: JobQueue;
  let port: ReturnType<typeof dmpPort>;
  let service: SubmissionService;
  let patientId: string;
  const example = readFileSync(path.join(resolveKitDir(), 'ExemplesCDA', 'CANCER-FRCP_2022.01_Appareil.xml'), 'utf8');
  type SimEntry = { uniqueId: string; isSignature?: boolean; visibility: string[]; status: string; version: number };
  /** The simulator's current (not Deprecated) clinical entry of `uniqueId`. */
  const current = async (uniqueId: string) =>
    ((await (await fetch(`${sim.adminUrl}/entries?patientId=${ANS_PATIENT.ins}`)).json()) as SimEntry[]).find((e) => e.uniqueId === uniqueId && !e.isSignature && e.status !== 'Deprecated')!;

  before(async () => {
    const pki = await createTestPki();
    sim = await startDmpSimulator({ trust: { vihfCertificates: [pki.signing.cert] }, smtp: false });
    const patched = await fetch(`${sim.adminUrl}/patients/${ANS_PATIENT.ins}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ minorSecretConnection: true }) });
    assert.ok(patched.ok, `the simulator's patient is a minor in secret connection (HTTP ${patched.status})`);
    store = await openTestStore('pglite');
    jobs = new JobQueue(store.driver, { retry: { retryLimit: 2, retryDelaySeconds: 1 } });
    port = dmpPort({ sourceId: SOURCE_ID, client: { endpoint: sim.url, signing: { key: pki.signing.key, certificate: pki.signing.cert }, lps: LPS, timeoutMs: 10_000 } });
    service = new SubmissionService(store.driver, store.submissions, jobs, { dmp: port, mssConfigured: true, secteurActivite: 'SA01^1.2.250.1.71.4.2.4', now: IN_1995 });
    patientId = await ansPatient(store);
  });
  after(async () => {
    await jobs?.stop();
    await port?.close();
    await store?.close();
    await sim?.close();
  });

  /** Submits a new FRCP with `choices` and works the queue with a worker on `now` until the DMP row is answered. */
  async function deposit(choices: { visibility?: Array<'INVISIBLE_REPRESENTANTS_LEGAUX' | 'MASQUE_PS'> }, now?: () => Date) {
    const setId = newOid();
    const id = newOid();
    const doc = await signedDocument(store, patientId, setId, frcpVariant(example, id, setId), actor);
    assert.ok((await store.documents.transition(doc.id, 1, doc.version, { from: ['signed'], to: 'submitted', action: 'document.submit', enqueue: await service.enqueuer(choices, actor) }, actor)).ok);
    const worker = new SubmissionWorker(store.driver, store.submissions, jobs, { dmp: port, secteurActivite: 'SA01^1.2.250.1.71.4.2.4', pollMs: 50, callTimeoutMs: 10_000, ...(now ? { now } : {}) });
    worker.start();
    try {
      const end = Date.now() + 30_000;
      let row = (await store.submissions.forVersion(doc.id, 1))[0]!;
      while (!['accepted', 'refused', 'parked'].includes(row.state) && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 50));
        row = (await store.submissions.forVersion(doc.id, 1))[0]!;
      }
      const entries = (await (await fetch(`${sim.adminUrl}/entries?patientId=${ANS_PATIENT.ins}`)).json()) as SimEntry[];
      return { doc: (await store.documents.get(doc.id, actor.structures))!, row, entry: entries.find((e) => e.uniqueId === id && !e.isSignature) };
    } finally {
      await worker.stop();
    }
  }

  test('hidden from the legal representatives: accepted, the entry carries INVISIBLE_REPRESENTANTS_LEGAUX', async () => {
    const { row, entry } = await deposit({ visibility: ['INVISIBLE_REPRESENTANTS_LEGAUX'] }, IN_1995);
    assert.equal(row.state, 'accepted', JSON.stringify(row.reason));
    assert.deepEqual(entry?.visibility, ['INVISIBLE_REPRESENTANTS_LEGAUX']);
  });

  test('visible to the legal representatives: refused with the secret-connection rule, nothing deposited', async () => {
    const { row, entry } = await deposit({}, IN_1995);
    assert.equal(row.state, 'refused', JSON.stringify(row));
    assert.equal(row.reason?.code, 'SIM_SECRET_CONNECTION');
    assert.match(row.reason?.fr ?? '', /connexion secrète/);
    assert.equal(entry, undefined);
  });

  test('never a copy to the minor’s own mailbox in a secret connection: the submit is refused naming mss.patient, nothing queued', async () => {
    const setId = newOid();
    const doc = await signedDocument(store, patientId, setId, frcpVariant(example, newOid(), setId), actor);
    const enqueue = await service.enqueuer({ visibility: ['INVISIBLE_REPRESENTANTS_LEGAUX'], mss: { patient: true } }, actor);
    await assert.rejects(
      store.documents.transition(doc.id, 1, doc.version, { from: ['signed'], to: 'submitted', action: 'document.submit', enqueue }, actor),
      (error: { status?: number; errors?: Array<{ path?: string; field?: string }> }) => error.status === 422 && JSON.stringify(error.errors ?? []).includes('mss.patient'),
    );
    assert.deepEqual(await store.submissions.forVersion(doc.id, 1), []);
    assert.equal((await store.documents.get(doc.id, actor.structures))?.status, 'signed', 'the submit rolled back');
  });

  test('the same choice for a patient the record says is an adult: no secret connection asserted, so the DMP still refuses', async () => {
    const { row, entry } = await deposit({ visibility: ['INVISIBLE_REPRESENTANTS_LEGAUX'] });
    assert.equal(row.state, 'refused', JSON.stringify(row));
    assert.equal(row.reason?.code, 'SIM_SECRET_CONNECTION');
    assert.match(row.reason?.field ?? '', /VIHF/);
    assert.equal(entry, undefined);
  });

  test('the later DMP actions on the entry (mask, archive, unarchive, make visible to the legal representatives) are made in the secret connection too', async () => {
    const { doc, row, entry } = await deposit({ visibility: ['INVISIBLE_REPRESENTANTS_LEGAUX'] }, IN_1995);
    assert.equal(row.state, 'accepted', JSON.stringify(row.reason));
    const actions = new SubmissionService(store.driver, store.submissions, jobs, { dmp: port, mssConfigured: false, secteurActivite: 'SA01^1.2.250.1.71.4.2.4', now: IN_1995 });
    const masked = await actions.changeVisibility(doc, 1, { maskedToProfessionals: true }, actor);
    assert.deepEqual([...masked.visibility].sort(), ['INVISIBLE_REPRESENTANTS_LEGAUX', 'MASQUE_PS']);
    assert.deepEqual([...(await current(entry!.uniqueId)).visibility].sort(), ['INVISIBLE_REPRESENTANTS_LEGAUX', 'MASQUE_PS']);
    assert.equal((await actions.changeStatus(doc, 1, 'archive', actor)).dmp?.status, 'Archived');
    assert.equal((await current(entry!.uniqueId)).status, 'Archived');
    assert.equal((await actions.changeStatus(doc, 1, 'unarchive', actor)).dmp?.status, 'Approved');
    // the minor lets her legal representatives see it: still asked in the secret connection (the entry is hidden until then)
    const shown = await actions.changeVisibility(doc, 1, { visibleToLegalRepresentatives: true }, actor);
    assert.deepEqual(shown.visibility, ['MASQUE_PS']);
    assert.deepEqual((await current(entry!.uniqueId)).visibility, ['MASQUE_PS']);
    // no longer hidden from them: deleting it needs no secret connection, and is done
    assert.equal((await actions.changeStatus(doc, 1, 'delete', actor)).dmp?.status, 'Deleted');
    assert.equal((await current(entry!.uniqueId)).status, 'Deleted');
  });

  test('the same actions by a server whose record says the patient is an adult: outside the secret connection, the DMP refuses each, nothing changes', async () => {
    const { doc, row, entry } = await deposit({ visibility: ['INVISIBLE_REPRESENTANTS_LEGAUX'] }, IN_1995);
    assert.equal(row.state, 'accepted', JSON.stringify(row.reason));
    const in2026 = new SubmissionService(store.driver, store.submissions, jobs, { dmp: port, mssConfigured: false, secteurActivite: 'SA01^1.2.250.1.71.4.2.4', now: () => new Date('2026-06-01T10:00:00Z') });
    for (const act of [() => in2026.changeVisibility(doc, 1, { maskedToProfessionals: true }, actor), () => in2026.changeStatus(doc, 1, 'archive', actor), () => in2026.changeStatus(doc, 1, 'delete', actor)]) {
      await assert.rejects(act(), (e: HttpProblem) => {
        assert.ok(e instanceof HttpProblem, String(e));
        assert.deepEqual([e.status, e.type, e.errors?.[0]?.code], [422, 'dmp-refused', 'SIM_SECRET_CONNECTION'], JSON.stringify(e.errors));
        return true;
      });
    }
    const stored = await current(entry!.uniqueId);
    assert.deepEqual([stored.status, stored.version, stored.visibility], ['Approved', 1, ['INVISIBLE_REPRESENTANTS_LEGAUX']]);
    const after = (await store.submissions.forVersion(doc.id, 1))[0]!;
    assert.deepEqual([after.state, after.dmp?.status, after.visibility], ['accepted', 'Approved', ['INVISIBLE_REPRESENTANTS_LEGAUX']]);
  });
});
