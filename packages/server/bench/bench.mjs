#!/usr/bin/env node
// `npm run bench` (from the root) or `node bench/bench.mjs`: requests/s and latency of
//   1. saving a PPS version (POST /documents/{id}/versions: JSON check + draft model check + SQL),
//   2. validating one (model → CDA → the kit's seven layers),
//   3. signing one (legal authenticator → CDA rebuilt → seven layers again → stored),
// over real HTTP with the real PSC login, on PGlite and on PostgreSQL (DATABASE_URL, or a
// throwaway cluster from scripts/postgres.mjs). Prints figures; asserts nothing on timing.
// The server runs in a process of its own per store (server-process.mjs, with the dcc-server
// bin's node options and environment): the peak memory printed is the server's (its store and
// conformance workers included), not this bench's HTTP client's or the PSC emulator's, and one
// store's figure does not carry what the other left behind.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onEachStore } from './stores.mjs';

const { openStore, SERVER_NODE_FLAGS, SERVER_ENVIRONMENT } = await import('@dcc-kit/server');
const { loadExample } = await import('@dcc-kit/cda/examples');
const { patientToApi } = await import('@dcc-kit/cda/identity');
const { startPscEmulator, completeLogin, DR_LEFORT } = await import('@dcc-kit/psc-emulator');

const SAVE_REQUESTS = Number(process.env.BENCH_SAVES ?? 400);
const SAVE_CONCURRENCY = 8;
const SIGN_DOCUMENTS = Number(process.env.BENCH_SIGNS ?? 4);
const pps = loadExample('pps', '01-').input;
const CONCURRENT_SIGNERS = 8;

const MiB = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/**
 * Starts the server's process for one store (server-process.mjs) and resolves once it listens,
 * with what it said then and `ask(type, fields)`, its answers over IPC.
 */
async function startServerProcess(label, storeOptions) {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, fileURLToPath(new URL('./server-process.mjs', import.meta.url))], {
    env: { ...process.env, ...SERVER_ENVIRONMENT, BENCH_SERVER_STORE: JSON.stringify({ storeOptions }) },
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const hello = await Promise.race([
    new Promise((resolve) => child.once('message', resolve)),
    exited.then((code) => Promise.reject(new Error(`the ${label} server process exited with ${code} before listening`))),
  ]);
  const pending = new Map();
  let next = 0;
  child.on('message', (m) => {
    const waiting = pending.get(m.id);
    if (!waiting) return;
    pending.delete(m.id);
    if (m.error) waiting.reject(new Error(`the ${label} server process: ${m.error}`));
    else waiting.resolve(m);
  });
  const ask = (type, fields = {}) =>
    new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject });
      child.send({ id, type, ...fields });
    });
  return {
    ...hello,
    ask,
    async close() {
      await ask('close');
      const code = await exited;
      if (code !== 0) throw new Error(`the ${label} server process exited with ${code}`);
    },
    kill: () => child.kill('SIGKILL'),
  };
}

function stats(ms, wallMs) {
  const sorted = [...ms].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return `${(ms.length / (wallMs / 1000)).toFixed(1)} req/s, median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms (n=${ms.length})`;
}

async function stack(server) {
  const { url } = server;
  const psc = await startPscEmulator({ clients: [{ client_id: 'bench', client_secret: 'bench-secret', redirect_uris: [`${url}/auth/callback`] }], accessTokenTtl: 600 });
  await server.ask('psc', { discoveryUrl: psc.discoveryUrl });
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
      await psc.close();
    },
  };
}

async function run(label, storeOptions) {
  const server = await startServerProcess(label, storeOptions);
  const { memory, workers, workerHeapMb } = server;
  let s;
  try {
    s = await stack(server);
    ({ rss: memory.stack, breakdown: memory.stackHeaps } = await server.ask('memory'));
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
    memory.savedHeaps = (await server.ask('memory')).breakdown;

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
    console.log(`  ${label.padEnd(10)} sign     PPS         ${stats(alone, alone.reduce((a, b) => a + b, 0))}  [one signer at a time, ${workers} engine worker(s), heap limit ${workerHeapMb ? `${workerHeapMb} MB` : 'V8 default'} each]`);
    const signers = [];
    for (let i = 0; i < CONCURRENT_SIGNERS; i++) {
      const d = await s.call('POST', '/documents', { patientId: s.patientId, type: 'pps', model: pps });
      d.etag = (await s.call('POST', `/documents/${d.json.id}/versions/1/validate`, undefined, { 'if-match': d.etag })).etag;
      signers.push(d);
    }
    const { rss: before, breakdown: heapsBefore } = await server.ask('memory');
    await server.ask('peak-start');
    const crowd = [];
    const t2 = performance.now();
    await Promise.all(
      signers.map(async (d) => {
        const t = performance.now();
        await s.call('POST', `/documents/${d.json.id}/versions/1/sign`, undefined, { 'if-match': d.etag });
        crowd.push(performance.now() - t);
      }),
    );
    const { bytes, how } = await server.ask('peak-stop');
    console.log(`  ${label.padEnd(10)} sign     PPS         ${stats(crowd, performance.now() - t2)}  [${CONCURRENT_SIGNERS} signers at once]; peak RSS ${MiB(bytes)} (target < 600 MiB)`);
    console.log(
      `  ${''.padEnd(10)} memory: the server's process holds the server, ${workers} engine worker(s)${label === 'PGlite' ? ' and the PGlite store (in a folder, with the saves above)' : ''}; ` +
        `the PSC emulator and this bench's HTTP client run in the bench's process; RSS ${MiB(memory.start)} at start, ${MiB(memory.engine)} with the engine warm, ` +
        `${MiB(memory.stack)} with the ${label === 'PGlite' ? 'store and ' : ''}server up, ${MiB(before)} before the ${CONCURRENT_SIGNERS} signers (peak: ${how}; ${server.environment.join(' ')} node ${server.execArgv.join(' ') || 'without options'}; load average ${os.loadavg()[0].toFixed(1)})`,
    );
    console.log(`  ${''.padEnd(10)} where: engine warm: ${memory.engineHeaps}`);
    console.log(`  ${''.padEnd(10)}        server up: ${memory.stackHeaps}`);
    console.log(`  ${''.padEnd(10)}        after the ${SAVE_REQUESTS} saves: ${memory.savedHeaps}`);
    console.log(`  ${''.padEnd(10)}        before the ${CONCURRENT_SIGNERS} signers: ${heapsBefore}`);
    console.log(`  ${''.padEnd(10)}        after them: ${(await server.ask('memory')).breakdown}`);
    await s.close();
    await server.close();
  } catch (error) {
    await s?.close();
    server.kill();
    throw error;
  }
}

console.log('@dcc-kit/server — HTTP benchmarks (real login, real conformance engine; one process per store)');
await onEachStore('dcc_bench', async (label, storeOptions) => {
  // PGlite as main.ts runs it: in a folder, created (initdb) before the measured process starts,
  // as on a server's first start. In memory, PGlite runs initdb in the measured process, and its
  // WebAssembly memory, grown to about 570 MB by initdb, never shrinks (about 440 MiB resident).
  const folder = storeOptions.memory ? mkdtempSync(path.join(os.tmpdir(), 'dcc-bench-pglite-')) : undefined;
  try {
    if (folder) await (await openStore({ dataDir: folder })).close();
    const options = folder ? { dataDir: folder } : storeOptions;
    await run(label, options);
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
