// The measured process of the server bench (bench.mjs starts one per store, with the node options
// and environment of the dcc-server bin): the server, its store and its conformance workers, and
// nothing else. The bench's HTTP client and the PSC emulator run in the bench's own process, so
// the memory printed is the server's. It answers the bench over the IPC channel:
//   → { url, memory, workers, workerHeapMb, environment, execArgv } once listening
//   ← { id, type: 'psc', discoveryUrl } | 'memory' | 'peak-start' | 'peak-stop' | 'close'
//   → { id, ... } the answer, or { id, error }
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const { createServer, openStore, DocumentChecker, DEFAULT_WORKER_HEAP_MB, conformanceWorkerHeapOf, conformanceWorkersOf, SERVER_ENVIRONMENT } = await import('@dcc-kit/server');
const { DEFAULT_POOL_SIZE } = await import('@dcc-kit/conformance/pool');

const { storeOptions } = JSON.parse(process.env.BENCH_SERVER_STORE ?? '{}');
// As main.ts runs it: the conformance engine on warm worker threads (DCC_CONFORMANCE_WORKERS),
// each heap limited (DCC_CONFORMANCE_WORKER_HEAP_MB; 0: V8's default).
const workers = conformanceWorkersOf(process.env, DEFAULT_POOL_SIZE);
const workerHeapMb = conformanceWorkerHeapOf(process.env, DEFAULT_WORKER_HEAP_MB);
const checker = new DocumentChecker({ workers, ...(workerHeapMb ? { workerHeapMb } : {}) });

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
  const memories = (await checker.conformance().memory?.()) ?? [];
  const main = process.memoryUsage();
  const counted = [main, ...memories].reduce((sum, m) => sum + m.heapTotal + m.external, 0);
  return [
    `RSS ${MiB(main.rss)} = main thread heap ${MiB(main.heapTotal)} (${MiB(main.heapUsed)} used) + outside it ${MiB(main.external)} (array buffers ${MiB(main.arrayBuffers)})`,
    ...memories.map((w, i) => `worker ${i} heap ${MiB(w.heapTotal)} (${MiB(w.heapUsed)} used) + outside it ${MiB(w.external)}${w.lacks.length ? ` [${w.lacks.join(', ')} on the other]` : ''}`),
    `the rest ${MiB(main.rss - counted)} (code, isolates, native allocations, stacks)`,
  ].join(' + ');
}

// The engine warm first, so that no timed document pays the kit's compilation.
const memory = { start: process.memoryUsage.rss() };
await checker.conformance().warmUp?.();
memory.engine = process.memoryUsage.rss();
memory.engineHeaps = await breakdown();

const store = await openStore(storeOptions);
let discoveryUrl;
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
  // The PSC emulator runs in the bench's process; its address comes over IPC before the login.
  oidc: () => ({ discoveryUrl, clientId: 'bench', clientSecret: 'bench-secret', allowInsecureRequests: true }),
});
const { url } = await app.listen(0);

let peak;
const answers = {
  psc: (m) => ((discoveryUrl = m.discoveryUrl), {}),
  memory: async () => ({ rss: process.memoryUsage.rss(), breakdown: await breakdown() }),
  'peak-start': () => ((peak = peakMemory()), {}),
  'peak-stop': () => peak(),
  close: async () => {
    await app.close();
    await store.close();
    await checker.close();
    return {};
  },
};
process.on('message', async (m) => {
  try {
    process.send({ id: m.id, ...(await answers[m.type](m)) });
  } catch (error) {
    process.send({ id: m.id, error: String(error?.message ?? error) });
  }
  if (m.type === 'close') process.disconnect();
});
const environment = Object.keys(SERVER_ENVIRONMENT).map((name) => `${name}=${process.env[name] ?? 'unset'}`);
process.send({ url, memory, workers, workerHeapMb, environment, execArgv: process.execArgv });
