// The durable submission queue below HTTP, on both stores: one-transaction enqueue, strict order
// per setId, retries on transient faults, parking and retry, refusals with their reason, a lost
// answer re-sent as the same entry.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openTestStore, postgresTarget, type StoreKind } from '../testing/harness.js';
import type { Store } from '../store/store.js';
import { DMP_QUEUE, JobQueue } from './job-queue.js';
import { SubmissionService } from './submission-service.js';
import { SubmissionWorker } from './submission-worker.js';
import { ACTOR, DmpDouble, qualifiedPatient, signedDocument } from '../testing/submission-fixtures.js';
import type { SubmissionRecord } from '../store/submissions-repository.js';

const kinds: StoreKind[] = ['pglite', 'postgres'];

for (const kind of kinds) {
  const target = kind === 'postgres' ? postgresTarget() : {};
  describe(`submission queue (${kind})`, { skip: target.skip }, () => {
    let store: Store;
    let jobs: JobQueue;
    let dmp: DmpDouble;
    let service: SubmissionService;
    let worker: SubmissionWorker;
    let patientId: string;
    let setCounter = 0;
    const newSet = () => `1.2.250.1.999.${process.pid}.${Date.now()}.${++setCounter}`;

    before(async () => {
      store = await openTestStore(kind);
      jobs = new JobQueue(store.driver, { retry: { retryLimit: 2, retryDelaySeconds: 1, retryDelayMaxSeconds: 2 }, superviseIntervalSeconds: 1 });
      dmp = new DmpDouble();
      service = new SubmissionService(store.driver, store.submissions, jobs, { dmp, mssConfigured: false, secteurActivite: 'SA01^1.2.250.1.71.4.2.4' });
      worker = new SubmissionWorker(store.driver, store.submissions, jobs, { dmp, secteurActivite: 'SA01^1.2.250.1.71.4.2.4', pollMs: 50, concurrency: 4 });
      patientId = await qualifiedPatient(store);
    });
    after(async () => {
      await worker.stop();
      await jobs.stop();
      await store.close();
    });

    const submit = async (doc: { id: string; version: number }, choices = {}) => {
      const enqueue = await service.enqueuer(choices, ACTOR);
      const r = await store.documents.transition(doc.id, 1, doc.version, { from: ['signed'], to: 'submitted', action: 'document.submit', enqueue }, ACTOR);
      assert.ok(r.ok);
    };
    const dmpRow = async (documentId: string): Promise<SubmissionRecord> => (await store.submissions.forVersion(documentId, 1)).find((r) => r.channel === 'dmp')!;
    const until = async (what: string, check: () => Promise<boolean>, ms = 30_000) => {
      const end = Date.now() + ms;
      while (!(await check())) {
        if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    test('the submission row and its job commit with the version, or neither does', async () => {
      const doc = await signedDocument(store, patientId, newSet());
      const enqueue = await service.enqueuer({ visibility: ['MASQUE_PS'] }, ACTOR);
      const before = (await jobs.jobs(DMP_QUEUE)).length;
      await assert.rejects(
        store.documents.transition(doc.id, 1, doc.version, {
          from: ['signed'],
          to: 'submitted',
          action: 'document.submit',
          enqueue: async (tx, d) => {
            await enqueue(tx, d);
            throw new Error('the transaction fails after the enqueue');
          },
        }, ACTOR),
        /fails after the enqueue/,
      );
      assert.deepEqual(await store.submissions.forVersion(doc.id, 1), []);
      assert.equal((await jobs.jobs(DMP_QUEUE)).length, before, 'no job left by the rolled-back transaction');
      assert.equal((await store.documents.getVersion(doc.id, 1, ACTOR.structures))!.status, 'signed');

      await submit(doc, { visibility: ['MASQUE_PS'] });
      const row = await dmpRow(doc.id);
      assert.equal(row.state, 'queued');
      assert.deepEqual(row.visibility, ['MASQUE_PS']);
      const job = (await jobs.jobs(DMP_QUEUE)).find((j) => j.id === row.jobId);
      assert.ok(job, 'the job exists');
      assert.equal(job.singletonKey, row.setId);
    });

    test('the worker sends queued submissions; a version never overtakes the one before it', async () => {
      const setId = newSet();
      const v1 = await signedDocument(store, patientId, setId, `<v1 set="${setId}"/>`);
      const v2 = await signedDocument(store, patientId, setId, `<v2 set="${setId}"/>`);
      await submit(v1);
      await submit(v2);
      // v1 fails once (transient) and is slow: v2 must still wait for it
      dmp.faults.push({ transient: true, code: 'http-503', match: `<v1 set="${setId}"` });
      dmp.latencyMs = 100;
      worker.start();
      await until('both accepted', async () => (await dmpRow(v2.id)).state === 'accepted');
      dmp.latencyMs = 0;
      const mine = dmp.calls.filter((c) => c.includes(setId));
      assert.deepEqual(mine, [`<v1 set="${setId}"/>`, `<v2 set="${setId}"/>`]);
      const r1 = await dmpRow(v1.id);
      const r2 = await dmpRow(v2.id);
      assert.equal(r1.attempts, 2, 'v1 was retried once');
      assert.equal(dmp.entries.get(r2.entryUUID)!.replaces, r1.entryUUID, 'v2 replaces v1 (RPLC to its entry)');
      assert.equal(r1.dmp!.status, 'Deprecated');
      const events = await store.submissions.eventsAfter(ACTOR.structures, 0, 1000);
      const states = events.filter((e) => e.submissionId === r1.id).map((e) => e.state);
      assert.deepEqual(states, ['queued', 'sending', 'retrying', 'sending', 'accepted', 'accepted']);
      const retrying = events.find((e) => e.submissionId === r1.id && e.state === 'retrying')!;
      assert.ok(retrying);
    });

    test('a lost answer is re-sent as the same entry and counted once', async () => {
      const lostSet = newSet();
      const doc = await signedDocument(store, patientId, lostSet);
      dmp.faults.push({ transient: true, code: 'timeout', afterStore: true, match: lostSet });
      const entriesBefore = dmp.entries.size;
      await submit(doc);
      await until('accepted', async () => (await dmpRow(doc.id)).state === 'accepted');
      assert.equal(dmp.entries.size, entriesBefore + 1);
      assert.equal((await dmpRow(doc.id)).attempts, 2);
    });

    test('a permanent refusal is refused with the DMP reason and field; retries exhausted → parked, then retry', async () => {
      const refusedSet = newSet();
      const refusedDoc = await signedDocument(store, patientId, refusedSet);
      dmp.faults.push({ transient: false, code: 'XDSRegistryMetadataError', location: 'DocumentEntry.classCode', match: refusedSet });
      await submit(refusedDoc);
      await until('refused', async () => (await dmpRow(refusedDoc.id)).state === 'refused');
      assert.deepEqual((await dmpRow(refusedDoc.id)).reason, { code: 'XDSRegistryMetadataError', fr: 'Refus XDSRegistryMetadataError', en: 'Refused XDSRegistryMetadataError', field: 'DocumentEntry.classCode' });

      const setId = newSet();
      const parked = await signedDocument(store, patientId, setId);
      const behind = await signedDocument(store, patientId, setId);
      for (let i = 0; i < 3; i++) dmp.faults.push({ transient: true, code: 'registry-busy', match: setId });
      await submit(parked);
      await until('parked', async () => (await dmpRow(parked.id)).state === 'parked', 20_000);
      const p = await dmpRow(parked.id);
      assert.equal(p.stateDetail, 'retries-exhausted');
      assert.equal(p.attempts, 3);
      await submit(behind);
      await until('the next version parked behind it', async () => (await dmpRow(behind.id)).state === 'parked');
      assert.equal((await dmpRow(behind.id)).stateDetail, 'waiting-for-earlier-version');

      await service.retry(p.id, ACTOR);
      await until('both accepted after retry', async () => (await dmpRow(behind.id)).state === 'accepted').catch(async (e) => {
        const rows = [await dmpRow(parked.id), await dmpRow(behind.id)];
        const all = await jobs.jobs(DMP_QUEUE);
        console.error(JSON.stringify({ rows: rows.map((r) => [r.state, r.stateDetail, r.jobId]), jobs: all.filter((j) => j.singletonKey === setId).map((j) => [j.id, j.state, j.retryCount]) }));
        throw e;
      });
      assert.equal((await dmpRow(parked.id)).state, 'accepted');
      await assert.rejects(service.retry(p.id, ACTOR), (e: Error & { type?: string }) => e.type === 'submission-not-parked');
    });

    test('only a qualified identity is sent; a closed DMP parks the submission with its reason', async () => {
      const other = await qualifiedPatient(store);
      const doc = await signedDocument(store, other, newSet());
      await submit(doc);
      // the identity loses its qualification before the worker gets to it
      await store.driver.query(`UPDATE patients SET identity_status = 'validated' WHERE id = $1`, [other]);
      await until('refused', async () => ['refused'].includes((await dmpRow(doc.id)).state));
      assert.equal((await dmpRow(doc.id)).reason?.field, 'identityStatus');

      dmp.status = { ...dmp.status, dmp: 'closed', closureReason: 'FERMETURE_DEMANDE_PATIENT' };
      const closed = await signedDocument(store, patientId, newSet());
      await submit(closed);
      await until('parked', async () => (await dmpRow(closed.id)).state === 'parked');
      assert.equal((await dmpRow(closed.id)).stateDetail, 'dmp-closed');
      dmp.status = { ...dmp.status, dmp: 'active' };
    });

    test('visibility flags are checked (EX_2.1-1050) and the patient mailbox is refused when invisible to the patient', async () => {
      await assert.rejects(service.enqueuer({ visibility: ['MASQUE_PS', 'INVISIBLE_PATIENT'] }, ACTOR), (e: Error & { errors?: Array<{ path: string }> }) => e.errors?.[0]?.path === 'visibility');
      await assert.rejects(service.enqueuer({ visibility: ['INVISIBLE_PATIENT'], mss: { patient: true } }, ACTOR), (e: Error & { errors?: Array<{ path: string }> }) => e.errors?.[0]?.path === 'mss.patient');
      await assert.rejects(service.enqueuer({ mss: { recipients: ['not an address'] } }, ACTOR), (e: Error & { errors?: Array<{ path: string }> }) => e.errors?.[0]?.path === 'mss.recipients[0]');
    });
  });
}

// Several processes on one PostgreSQL share the work: two queues and two workers (as two server
// processes would have) drain one backlog, each submission once.
describe('two workers on one PostgreSQL share the work', { skip: postgresTarget().skip }, () => {
  test('every submission accepted once, by one of them', async () => {
    const { url } = postgresTarget();
    const schema = `dcc_share_${Date.now().toString(36)}`;
    const { openStore } = await import('../main-config.js');
    const stores = [await openStore({ databaseUrl: url!, schema }), await openStore({ databaseUrl: url!, schema })];
    const dmp = new DmpDouble();
    dmp.latencyMs = 20;
    const queues = stores.map((s) => new JobQueue(s.driver, { superviseIntervalSeconds: 1 }));
    const handled = [0, 0];
    const workers = stores.map(
      (s, i) =>
        new SubmissionWorker(s.driver, s.submissions, queues[i]!, {
          dmp: { ...dmp, patientStatus: () => dmp.patientStatus(), provideAndRegister: async (input) => { handled[i]! += 1; return dmp.provideAndRegister(input); }, updateVisibility: async () => undefined, updateStatus: async () => undefined },
          secteurActivite: 'SA01^1.2.250.1.71.4.2.4',
          pollMs: 20,
          concurrency: 2,
        }),
    );
    try {
      const store = stores[0]!;
      const service = new SubmissionService(store.driver, store.submissions, queues[0]!, { dmp, mssConfigured: false, secteurActivite: 'x' });
      const patientId = await qualifiedPatient(store);
      const docs = [];
      for (let i = 0; i < 30; i++) docs.push(await signedDocument(store, patientId, `1.2.250.1.999.9.${Date.now()}.${i}`));
      const enqueue = await service.enqueuer({}, ACTOR);
      for (const d of docs) assert.ok((await store.documents.transition(d.id, 1, d.version, { from: ['signed'], to: 'submitted', action: 'document.submit', enqueue }, ACTOR)).ok);
      await queues[1]!.ready();
      for (const w of workers) w.start();
      const end = Date.now() + 60_000;
      while (((await store.submissions.countByState()).accepted ?? 0) < docs.length) {
        if (Date.now() > end) assert.fail(JSON.stringify(await store.submissions.countByState()));
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(dmp.entries.size, docs.length);
      assert.equal(handled[0]! + handled[1]!, docs.length, 'each submission sent once');
      assert.ok(handled[0]! > 0 && handled[1]! > 0, `both workers took a share (${handled.join(' / ')})`);
    } finally {
      for (const w of workers) await w.stop();
      for (const q of queues) await q.stop();
      for (const s of stores) await s.close();
    }
  });
});

describe('a row whose job is gone is parked by the sweep (job-lost)', () => {
  test('parked with its reason, then retry sends it', async () => {
    const store = await openTestStore('pglite');
    const jobs = new JobQueue(store.driver);
    const dmp = new DmpDouble();
    const worker = new SubmissionWorker(store.driver, store.submissions, jobs, { dmp, secteurActivite: 'x', pollMs: 20, sweepMs: 3_600_000 });
    const service = new SubmissionService(store.driver, store.submissions, jobs, { dmp, mssConfigured: false, secteurActivite: 'x' });
    try {
      const doc = await signedDocument(store, await qualifiedPatient(store), `1.2.250.1.999.10.${Date.now()}`);
      assert.ok((await store.documents.transition(doc.id, 1, doc.version, { from: ['signed'], to: 'submitted', action: 'document.submit', enqueue: await service.enqueuer({}, ACTOR) }, ACTOR)).ok);
      const row = (await store.submissions.forVersion(doc.id, 1))[0]!;
      // the job disappears (as a job pg-boss failed after too many crashes would leave the row waiting)
      await (await jobs.ready()).deleteJob(DMP_QUEUE, row.jobId!);
      assert.equal(await worker.sweep(60_000), 0, 'a recent row is left alone');
      assert.equal(await worker.sweep(0), 1);
      const parked = (await store.submissions.forVersion(doc.id, 1))[0]!;
      assert.deepEqual([parked.state, parked.stateDetail, parked.reason?.code], ['parked', 'job-lost', 'job-lost']);
      await service.retry(parked.id, ACTOR);
      worker.start();
      const end = Date.now() + 20_000;
      while ((await store.submissions.forVersion(doc.id, 1))[0]!.state !== 'accepted') {
        if (Date.now() > end) assert.fail('not accepted after retry');
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await worker.stop();
      await jobs.stop();
      await store.close();
    }
  });
});

describe('stopping the job queue', () => {
  test('a stop while pg-boss is still starting stops it once started (no timer left); ready() then refuses', async () => {
    const store = await openTestStore('pglite');
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const timersBefore = timers();
    const jobs = new JobQueue(store.driver);
    try {
      const starting = jobs.ready();
      await jobs.stop();
      await starting;
      // At most as many: a timer of an earlier test may have fired meanwhile.
      assert.ok(timers() <= timersBefore, 'no pg-boss timer left to keep the process alive');
      await assert.rejects(jobs.ready(), /stopped/);
    } finally {
      await store.close();
    }
  });
});

describe("pg-boss's own errors", () => {
  test('reach onError (never an uncaught event that would end the process)', async () => {
    const store = await openTestStore('pglite');
    const seen: unknown[] = [];
    const jobs = new JobQueue(store.driver, { onError: (error) => seen.push(error) });
    try {
      const boss = await jobs.ready();
      const failure = Object.assign(new Error('maintenance failed'), { code: '57P01' });
      boss.emit('error', failure);
      assert.deepEqual(seen, [failure]);
    } finally {
      await jobs.stop();
      await store.close();
    }
  });
});
