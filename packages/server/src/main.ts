#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --max-old-space-size=512
// Runs the server: `MALLOC_ARENA_MAX=2 node --max-old-space-size=512 packages/server/dist/main.js`
// (SERVER_ENVIRONMENT and SERVER_NODE_FLAGS of main-config.ts: glibc's arenas, the main thread's
// heap limit). Environment: PORT (default 8080),
// HOST (127.0.0.1), PUBLIC_URL, DATABASE_URL (absent → PGlite in DCC_DATA_DIR, default
// ./.data/pglite), PSC_DISCOVERY_URL, PSC_CLIENT_ID, PSC_CLIENT_SECRET,
// PSC_POST_LOGOUT_REDIRECT_URI, DCC_SESSION_KEY, ANS_KIT_DIR, DCC_ALLOW_TEST_IDENTITIES,
// DCC_IDEMPOTENCY_LEASE_SECONDS, DCC_LIMIT_*, DCC_BEARER_CACHE_MS, DCC_FAILED_BEARER_CACHE_MS,
// DCC_SIGNER_PROFESSIONS, DCC_DMP_*, DCC_LPS_*, DCC_MSS_*, DCC_SUBMISSION_*, DCC_EVENTS_POLL_MS, DCC_INSI_*
// (packages/server/README.md).
import { createServer } from './app.js';
import { DEFAULT_WORKER_HEAP_MB, DocumentChecker } from './services/document-checker.js';
import { conformanceWorkerHeapOf, conformanceWorkersOf, dataDirOf, identityFromEnv, openStore, serverConfigOf, submissionsFromEnv } from './main-config.js';
import { DEFAULT_POOL_SIZE } from '@dcc-kit/conformance/pool';
import { loadSessionKey } from './secrets.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`dcc-server: ${name} is required (see packages/server/README.md).`);
    process.exit(2);
  }
  return value;
}

const env = process.env;
const port = Number(env.PORT ?? 8080);
const host = env.HOST ?? '127.0.0.1';
const publicUrl = env.PUBLIC_URL ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
const discoveryUrl = required('PSC_DISCOVERY_URL');
const dataDir = dataDirOf(env);
const store = await openStore(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL, ...(env.DCC_QUEUE_SCHEMA ? { jobSchema: env.DCC_QUEUE_SCHEMA } : {}) } : { dataDir });
// The conformance engine on worker threads that stay warm (DCC_CONFORMANCE_WORKERS, DCC_CONFORMANCE_WORKER_HEAP_MB).
const workerHeapMb = conformanceWorkerHeapOf(env, DEFAULT_WORKER_HEAP_MB);
const checker = new DocumentChecker({ workers: conformanceWorkersOf(env, DEFAULT_POOL_SIZE), ...(workerHeapMb ? { workerHeapMb } : {}) });
const app = createServer({
  store,
  publicUrl,
  ...serverConfigOf(env),
  sessionKey: loadSessionKey(env, dataDir),
  oidc: {
    discoveryUrl,
    clientId: required('PSC_CLIENT_ID'),
    clientSecret: required('PSC_CLIENT_SECRET'),
    // Plain http only for a provider on this machine (the local emulator).
    allowInsecureRequests: /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/)/.test(discoveryUrl),
    ...(env.PSC_POST_LOGOUT_REDIRECT_URI ? { postLogoutRedirectUri: env.PSC_POST_LOGOUT_REDIRECT_URI } : {}),
  },
  // The kit locator reads ANS_KIT_DIR itself, so a wrong value is reported under that name.
  checker,
  // DMP / MSSanté: DCC_DMP_*, DCC_LPS_*, DCC_MSS_*, DCC_SUBMISSION_* (README).
  submissions: submissionsFromEnv(env),
  // INSi: DCC_INSI_* (README).
  identity: identityFromEnv(env),
});
const { url } = await app.listen(port, host);
console.error(`dcc-server listening on ${url} (public ${publicUrl}, store ${store.kind})`);
// Compiles the kit and runs each worker's first verdicts now rather than in a clinician's first
// signature (measured: the first verdict of a worker costs several times a warm one). A failure
// here is retried by the first check, which then answers 503 with its reason.
checker
  .conformance()
  .warmUp()
  .catch((error: unknown) => console.error(`dcc-server: the conformance engine did not warm up (${error instanceof Error ? error.name : 'error'}); the first check retries`));

const stop = async () => {
  await app.close();
  await checker.close();
  await store.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
