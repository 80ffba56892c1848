#!/usr/bin/env node
// `npm run bench` (from the root) or `node bench/bench.mjs`: requests/s and latency of
//   1. saving a PPS version (POST /documents/{id}/versions: JSON check + draft model check + SQL),
//   2. validating one (model → CDA → the kit's seven layers),
//   3. signing one (legal authenticator → CDA rebuilt → seven layers again → stored),
// over real HTTP with the real PSC login, on PGlite and on PostgreSQL (DATABASE_URL, or a
// throwaway cluster from scripts/postgres.mjs). Prints figures; asserts nothing on timing.
// Each store runs in a process of its own (this file, with BENCH_SERVER_STORE set), so that the
// peak memory printed for one store is not inflated by what the other left behind.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onEachStore } from './stores.mjs';

const { createServer, openStore, DocumentChecker, DEFAULT_WORKER_HEAP_MB, conformanceWorkerHeapOf, SERVER_NODE_FLAGS, SERVER_ENVIRONMENT } = await import('@dcc-kit/server');
const { loadExample } = await import('@dcc-kit/cda/examples');
const { patientToApi } = await import('@dcc-kit/cda/identity');
const { startPscEmulator, completeLogin, DR_LEFORT } = await import('@dcc-kit/psc-emulator');

const SAVE_REQUESTS = Number(process.env.BENCH_SAVES ?? 400);
const SAVE_CONCURRENCY = 8;
const SIGN_DOCUMENTS = Number(process.env.BENCH_SIGNS ?? 4);
const pps = loadExample('pps', '01-').input;
const { DEFAULT_POOL_SIZE } = await import('@dcc-kit/conformance/pool');
// As main.ts runs it: the conformance engine on warm worker threads (DCC_CONFORMANCE_WORKERS).
const WORKERS = process.env.DCC_CONFORMANCE_WORKERS ? Number(process.env.DCC_CONFORMANCE_WORKERS) : DEFAULT_POOL_SIZE;
// As main.ts limits them: DCC_CONFORMANCE_WORKER_HEAP_MB (0: V8's default).
const WORKER_HEAP_MB = conformanceWorkerHeapOf(process.env, DEFAULT_WORKER_HEAP_MB);
const checker = new DocumentChecker({ workers: WORKERS, ...(WORKER_HEAP_MB ? { workerHeapMb: WORKER_HEAP_MB } : {}) });
const CONCURRENT_SIGNERS = 8;

const MiB = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/**
 * The peak resident memory of this process from now on: Linux's high-water mark (VmHWM), reset
 * through /proc/self/clear_refs, so that no short peak falls between two samples; elsewhere,
 * RSS sampled every 20 ms (a lower bound).
 */
function peakMemory() {
  let hwm = false;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    hwm = true;
  } catch {
    // not Linux, or not allowed: sample instead
  }
  let sampled = process.memoryUsage.rss();
  const sampler = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage.rss())), 20);
  return () => {
    clearInterval(sampler);
    sampled = Math.max(sampled, process.memoryUsage.rss());
    const kib = hwm ? Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) : NaN;
    return Number.isFinite(kib) ? { bytes: kib * 1024, how: 'high-water mark' } : { bytes: sampled, how: 'sampled every 20 ms' };
  };
}

/**
 * Where the memory is, per component: the main thread's V8 heap (committed, with what is used of
 * it) and what its isolate holds outside the heap (array buffers, and WebAssembly memories:
 * PGlite's on PGlite); each engine worker's heap and outside-heap memory (libxml2's WebAssembly
 * memory on the worker holding the XML schema) with the layers it does not hold (the pool's
 * soleLayers); and the rest of the resident memory (code, isolates, native allocations, thread
 * stacks), counted as RSS minus the above. Committed or allocated is not all resident, so the
 * rest is a lower bound.
 */
async function breakdown() {
  const workers = (await checker.conformance().memory?.()) ?? [];
  const main = process.memoryUsage();
  const counted = [main, ...workers].reduce((sum, m) => sum + m.heapTotal + m.external, 0);
  return [
    `RSS ${MiB(main.rss)} = main thread heap ${MiB(main.heapTotal)} (${MiB(main.heapUsed)} used) + outside it ${MiB(main.external)} (array buffers ${MiB(main.arrayBuffers)})`,
    ...workers.map((w, i) => `worker ${i} heap ${MiB(w.heapTotal)} (${MiB(w.heapUsed)} used) + outside it ${MiB(w.external)}${w.lacks.length ? ` [${w.lacks.join(', ')} on the other]` : ''}`),
    `the rest ${MiB(main.rss - counted)} (code, isolates, native allocations, stacks)`,
  ].join(' + ');
}

function stats(ms, wallMs) {
  const sorted = [...ms].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return `${(ms.length / (wallMs / 1000)).toFixed(1)} req/s, median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms (n=${ms.length})`;
}

async function stack(storeOptions) {
  const store = await openStore(storeOptions);
  let psc;
  const app = createServer({
    store,
    sessionKey: randomBytes(32),
    logger: () => undefined,
    checker,
    // Limits stay on, sized for one professional driving 8 concurrent writers from one address
    // (the defaults, 20 req/s per professional, would turn most of the 400 saves into 429s).
    limits: { perClient: { perSecond: 1000, burst: 2000 }, perProfessional: { perSecond: 1000, burst: 2000 } },
    // The bench's patient is created qualified (the host is the identity authority here).
    identity: { statusFromHost: true },
    oidc: () => ({ discoveryUrl: psc.discoveryUrl, clientId: 'bench', clientSecret: 'bench-secret', allowInsecureRequests: true }),
  });
  const { url } = await app.listen(0);
  psc = await startPscEmulator({ clients: [{ client_id: 'bench', client_secret: 'bench-secret', redirect_uris: [`${url}/auth/callback`] }], accessTokenTtl: 600 });
  // login through the real flow
  const start = await fetch(`${url}/auth/login`, { redirect: 'manual' });
  const loginCookie = start.headers.getSetCookie()[0].split(';')[0];
  const callback = await completeLogin(start.headers.get('location'), { user: DR_LEFORT.userinfo.SubjectNameID });
  const done = await fetch(callback, { redirect: 'manual', headers: { cookie: loginCookie } });
  const cookie = done.headers.getSetCookie().find((c) => c.startsWith('dcc_session=')).split(';')[0];
  const call = async (method, path, body, headers = {}) => {
    const res = await fetch(`${url}${path}`, {
      method,
      // DCC-API-Version: required on cookie writes (the server's CSRF check), as the SDK sends it
      headers: { cookie, 'dcc-api-version': '2026-11-01', ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = await res.json();
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
    return { json, etag: res.headers.get('etag') };
  };
  const patient = await call('POST', '/patients', { ...patientToApi(pps.patient), identityStatus: 'qualified', structureId: '492805973' });

  return {
    call,
    patientId: patient.json.id,
    async close() {
      await app.close();
      await psc.close();
      await store.close();
    },
  };
}

async function run(label, storeOptions, memory) {
  const s = await stack(storeOptions);
  memory.stack = process.memoryUsage.rss();
  memory.stackHeaps = await breakdown();
  try {
    // 1. saves: one document per worker (each save needs the document's current ETag)
    const latencies = [];
    const t0 = performance.now();
    let remaining = SAVE_REQUESTS;
    await Promise.all(
      Array.from({ length: SAVE_CONCURRENCY }, async () => {
        let { json: doc, etag } = await s.call('POST', '/documents', { patientId: s.patientId, type: 'pps', model: pps });
        while (remaining-- > 0) {
          const t = performance.now();
          ({ etag } = await s.call('POST', `/documents/${doc.id}/versions`, { model: pps }, { 'if-match': etag }));
          latencies.push(performance.now() - t);
        }
      }),
    );
    console.log(`  ${label.padEnd(10)} save PPS version    ${stats(latencies, performance.now() - t0)}  [concurrency ${SAVE_CONCURRENCY}]`);
    memory.savedHeaps = await breakdown();

    // 2-3. validate then sign, two documents at a time (2 cores; each runs the 7 layers)
    const docs = [];
    for (let i = 0; i < SIGN_DOCUMENTS; i++) docs.push(await s.call('POST', '/documents', { patientId: s.patientId, type: 'pps', model: pps }));
    for (const step of ['validate', 'sign']) {
      const ms = [];
      const t1 = performance.now();
      const queue = [...docs];
      await Promise.all(
        [0, 1].map(async () => {
          for (let d = queue.shift(); d; d = queue.shift()) {
            const t = performance.now();
            const r = await s.call('POST', `/documents/${d.json.id}/versions/1/${step}`, undefined, { 'if-match': d.etag });
            d.etag = r.etag;
            ms.push(performance.now() - t);
          }
        }),
      );
      console.log(`  ${label.padEnd(10)} ${step.padEnd(8)} PPS         ${stats(ms, performance.now() - t1)}  [concurrency 2, build + 7 layers]`);
    }

    // 4. one signer at a time (what a clinician waits for), then 8 signers at once with the
    // process's peak resident memory.
    const alone = [];
    for (let i = 0; i < SIGN_DOCUMENTS; i++) {
      const d = await s.call('POST', '/documents', { patientId: s.patientId, type: 'pps', model: pps });
      d.etag = (await s.call('POST', `/documents/${d.json.id}/versions/1/validate`, undefined, { 'if-match': d.etag })).etag;
      const t = performance.now();
      await s.call('POST', `/documents/${d.json.id}/versions/1/sign`, undefined, { 'if-match': d.etag });
      alone.push(performance.now() - t);
    }
    console.log(`  ${label.padEnd(10)} sign     PPS         ${stats(alone, alone.reduce((a, b) => a + b, 0))}  [one signer at a time, ${WORKERS} engine worker(s), heap limit ${WORKER_HEAP_MB ? `${WORKER_HEAP_MB} MB` : 'V8 default'} each]`);
    const signers = [];
    for (let i = 0; i < CONCURRENT_SIGNERS; i++) {
      const d = await s.call('POST', '/documents', { patientId: s.patientId, type: 'pps', model: pps });
      d.etag = (await s.call('POST', `/documents/${d.json.id}/versions/1/validate`, undefined, { 'if-match': d.etag })).etag;
      signers.push(d);
    }
    const before = process.memoryUsage.rss();
    const heapsBefore = await breakdown();
    const peak = peakMemory();
    const crowd = [];
    const t2 = performance.now();
    await Promise.all(
      signers.map(async (d) => {
        const t = performance.now();
        await s.call('POST', `/documents/${d.json.id}/versions/1/sign`, undefined, { 'if-match': d.etag });
        crowd.push(performance.now() - t);
      }),
    );
    const { bytes, how } = peak();
    console.log(`  ${label.padEnd(10)} sign     PPS         ${stats(crowd, performance.now() - t2)}  [${CONCURRENT_SIGNERS} signers at once]; peak RSS ${MiB(bytes)} (target < 600 MiB)`);
    console.log(
      `  ${''.padEnd(10)} memory: one process holds the server, ${WORKERS} engine worker(s), ${label === 'PGlite' ? 'the PGlite store (in a folder, with the saves above), ' : ''}` +
        `the PSC emulator and this bench's HTTP client; RSS ${MiB(memory.start)} at start, ${MiB(memory.engine)} with the engine warm, ` +
        `${MiB(memory.stack)} with the ${label === 'PGlite' ? 'store, ' : ''}server and emulator up, ${MiB(before)} before the ${CONCURRENT_SIGNERS} signers (peak: ${how}; ${Object.keys(SERVER_ENVIRONMENT).map((name) => `${name}=${process.env[name] ?? 'unset'} `).join('')}node ${process.execArgv.join(' ') || 'without options'}; load average ${os.loadavg()[0].toFixed(1)})`,
    );
    console.log(`  ${''.padEnd(10)} where: engine warm: ${memory.engineHeaps}`);
    console.log(`  ${''.padEnd(10)}        server up: ${memory.stackHeaps}`);
    console.log(`  ${''.padEnd(10)}        after the ${SAVE_REQUESTS} saves: ${memory.savedHeaps}`);
    console.log(`  ${''.padEnd(10)}        before the ${CONCURRENT_SIGNERS} signers: ${heapsBefore}`);
    console.log(`  ${''.padEnd(10)}        after them: ${await breakdown()}`);
  } finally {
    await s.close();
  }
}

const STORE_ENV = 'BENCH_SERVER_STORE';
if (process.env[STORE_ENV]) {
  // One store in this process: the engine warm first, so that no timed document pays the kit's compilation.
  const { label, storeOptions } = JSON.parse(process.env[STORE_ENV]);
  const memory = { start: process.memoryUsage.rss() };
  await checker.conformance().warmUp?.();
  memory.engine = process.memoryUsage.rss();
  memory.engineHeaps = await breakdown();
  await run(label, storeOptions, memory);
  await checker.close();
} else {
  console.log('@dcc-kit/server — HTTP benchmarks (real login, real conformance engine; one process per store)');
  await onEachStore('dcc_bench', async (label, storeOptions) => {
    // PGlite as main.ts runs it: in a folder, created (initdb) before the measured process starts,
    // as on a server's first start. In memory, PGlite runs initdb in the measured process, and its
    // WebAssembly memory, grown to about 570 MB by initdb, never shrinks (about 440 MiB resident).
    const folder = storeOptions.memory ? mkdtempSync(path.join(os.tmpdir(), 'dcc-bench-pglite-')) : undefined;
    try {
      if (folder) await (await openStore({ dataDir: folder })).close();
      const options = folder ? { dataDir: folder } : storeOptions;
      // The measured process runs with the node options and environment the server's bin starts it with.
      const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, fileURLToPath(import.meta.url)], { env: { ...process.env, ...SERVER_ENVIRONMENT, [STORE_ENV]: JSON.stringify({ label, storeOptions: options }) }, stdio: 'inherit' });
      const code = await new Promise((resolve) => child.on('exit', resolve));
      if (code !== 0) throw new Error(`the ${label} benchmark exited with ${code}`);
    } finally {
      if (folder) rmSync(folder, { recursive: true, force: true });
    }
  });

  // The submission queue's figures (issue 11): submissions/s to the DMP simulator, backlog drain.
  // BENCH_QUEUE=0 leaves it out (to measure only the HTTP figures).
  if (process.env.BENCH_QUEUE !== '0') {
    console.log('');
    await import('./queue-bench.mjs');
  }
  await import('./directory-bench.mjs');
  // The regional indicators' query on 100,000 stored versions (issue 14). BENCH_INDICATORS=0 leaves it out.
  if (process.env.BENCH_INDICATORS !== '0') {
    console.log('');
    await import('./indicators-bench.mjs');
  }
}
