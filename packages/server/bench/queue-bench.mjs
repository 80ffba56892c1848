#!/usr/bin/env node
// Queue figures (issue 11), on PGlite and PostgreSQL, against the DMP simulator over real HTTP
// with the real DmpClient (signed VIHF, XAdES, MTOM):
//   1. submissions per second through the queue: versions submitted one transaction each while
//      the worker runs, until the simulator accepted them all;
//   2. time to drain a backlog of 1,000 signed versions queued while no worker ran.
// The signed versions are written through the repositories (signing through the seven layers is
// the sign benchmark of bench.mjs, ~2 s each). Run alone: `node bench/queue-bench.mjs`.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { onEachStore } from './stores.mjs';

const { openStore, JobQueue, SubmissionService, SubmissionWorker, dmpPort } = await import('@dcc-kit/server');
const { startDmpSimulator } = await import('@dcc-kit/dmp-simulator');
const { createTestPki } = await import('@dcc-kit/dmp-simulator/pki');
const { resolveKitDir } = await import('@dcc-kit/conformance/kit');

const THROUGHPUT = Number(process.env.BENCH_QUEUE_SUBMISSIONS ?? 300);
const BACKLOG = Number(process.env.BENCH_QUEUE_BACKLOG ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_QUEUE_CONCURRENCY ?? 8);
const STRUCTURE = '750100125';
const actor = { idNatPs: '801234567897', structures: [STRUCTURE], requestId: 'bench' };
const example = readFileSync(join(resolveKitDir(), 'ExemplesCDA', 'CANCER-FRCP_2022.01_Appareil.xml'), 'utf8');
const oid = () => `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`)}`;
const cda = (id, setId) => example.replace('<id root="1.2.250.1.213.1.1.1.8.2022.1.1"/>', `<id root="${id}"/>`).replace('<setId root="1.2.250.1.213.1.1.1.8.2022.1"/>', `<setId root="${setId}"/>`);

async function signedVersions(store, patientId, n) {
  const docs = [];
  for (let i = 0; i < n; i++) {
    const setId = oid();
    const created = await store.documents.create({ patientId, type: 'frcp', setId, model: {} }, actor);
    const signed = await store.documents.transition(created.value.id, 1, created.value.version, { from: ['draft'], to: 'signed', action: 'document.sign', cda: cda(oid(), setId), signedBy: actor.idNatPs, signedAt: new Date() }, actor);
    docs.push({ id: created.value.id, version: signed.value.document.version });
  }
  return docs;
}

async function run(label, storeOptions, pki) {
  const sim = await startDmpSimulator({ trust: { vihfCertificates: [pki.signing.cert] }, smtp: false });
  const store = await openStore(storeOptions);
  const jobs = new JobQueue(store.driver, { retry: { retryLimit: 5, retryDelaySeconds: 1 } });
  const port = dmpPort({ sourceId: '1.2.250.1.213.1.1.9', client: { endpoint: sim.url, signing: { key: pki.signing.key, certificate: pki.signing.cert }, lps: { name: 'dcc-kit', version: '0.1.0', instanceId: 'bench', homologationId: 'BENCH' } } });
  const service = new SubmissionService(store.driver, store.submissions, jobs, { dmp: port, mssConfigured: false, secteurActivite: 'SA01^1.2.250.1.71.4.2.4' });
  const worker = () => new SubmissionWorker(store.driver, store.submissions, jobs, { dmp: port, secteurActivite: 'SA01^1.2.250.1.71.4.2.4', concurrency: CONCURRENCY, pollMs: 20 });
  const enqueue = await service.enqueuer({}, actor);
  const submit = (d) => store.documents.transition(d.id, 1, d.version, { from: ['signed'], to: 'submitted', action: 'document.submit', enqueue }, actor);
  const drained = async (n) => {
    for (;;) {
      const counts = await store.submissions.countByState();
      if ((counts.accepted ?? 0) + (counts.refused ?? 0) + (counts.parked ?? 0) >= n) return counts;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  try {
    const p = await store.patients.create(
      { ins: { value: '279035121518989', oid: '1.2.250.1.213.1.4.10' }, identityStatus: 'qualified', traits: { birthName: 'PAT-TROIS', firstNames: ['DOMINIQUE'], birthDate: '1979-03-28', sex: 'F' }, structureId: STRUCTURE },
      actor,
    );
    await jobs.ready();
    // 1. throughput: submit while the worker runs
    const first = await signedVersions(store, p.value.id, THROUGHPUT);
    let w = worker();
    w.start();
    const t0 = performance.now();
    for (const d of first) await submit(d);
    const c1 = await drained(THROUGHPUT);
    const s1 = (performance.now() - t0) / 1000;
    await w.stop();
    console.log(`  ${label.padEnd(10)} submit → DMP accepted  ${(THROUGHPUT / s1).toFixed(1)} submissions/s (n=${THROUGHPUT}, ${s1.toFixed(1)} s, ${JSON.stringify(c1)})  [worker concurrency ${CONCURRENCY}]`);
    // 2. backlog: 1,000 queued with no worker, then drained
    const backlog = await signedVersions(store, p.value.id, BACKLOG);
    for (const d of backlog) await submit(d);
    w = worker();
    const t1 = performance.now();
    w.start();
    const c2 = await drained(THROUGHPUT + BACKLOG);
    const s2 = (performance.now() - t1) / 1000;
    await w.stop();
    console.log(`  ${label.padEnd(10)} drain a backlog        ${BACKLOG} queued versions in ${s2.toFixed(1)} s (${(BACKLOG / s2).toFixed(1)}/s, ${JSON.stringify(c2)})`);
  } finally {
    await jobs.stop();
    await port.close();
    await store.close();
    await sim.close();
  }
}

console.log('@dcc-kit/server — submission queue to the DMP simulator (real DmpClient over HTTP, pg-boss)');
const pki = await createTestPki();
await onEachStore('dcc_qbench', (label, storeOptions) => run(label, storeOptions, pki));
