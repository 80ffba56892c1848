// Start-up configuration from the environment: server settings, and the store (DATABASE_URL →
// PostgreSQL, else PGlite in a folder).
import { resolve } from 'node:path';
import { createPgliteDriver, createPostgresDriver, migrate, type SqlDriver } from './store/driver.js';
import { Store } from './store/store.js';
import { DEFAULT_LIMITS, type Rate, type TrafficLimits } from './middleware/rate-limit.js';
import type { DirectoryOptions } from './directory/directory-service.js';

/** DMP / MSSanté settings (DCC_DMP_*, DCC_LPS_*, DCC_MSS_*, DCC_SUBMISSION_*): see submissions/env-config.ts. */
export { submissionsFromEnv } from './submissions/env-config.js';
/** INSi settings (DCC_INSI_*, DCC_LPS_*): see identity/insi-port.ts. */
export { identityFromEnv } from './identity/insi-port.js';

export interface EnvServerConfig {
  allowTestIdentities: boolean;
  limits: TrafficLimits;
  bearerCacheMs?: number;
  failedBearerCacheMs?: number;
  signerProfessions?: string[];
  idempotencyLeaseMs?: number;
  auditReaders?: string[];
  indicatorReaders?: string[];
  directory?: DirectoryOptions;
}

/** A positive number from the environment, or the default; anything else stops the start. */
function numberOf(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number (got an invalid value).`);
  return value;
}

/** `rate/burst`, e.g. `50/200`: requests per second and the burst allowed. */
function rateOf(env: NodeJS.ProcessEnv, name: string, fallback: Rate): Rate {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const m = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+)\s*$/.exec(raw);
  if (!m || Number(m[2]) < 1) throw new Error(`${name} must be "<per second>/<burst>", e.g. 50/200.`);
  return { perSecond: Number(m[1]), burst: Number(m[2]) };
}

/** Settings the server takes from the environment, read once at start (never per request). */
export function serverConfigOf(env: NodeJS.ProcessEnv): EnvServerConfig {
  const lease = env.DCC_IDEMPOTENCY_LEASE_SECONDS;
  if (lease !== undefined && !(Number.isInteger(Number(lease)) && Number(lease) >= 1 && Number(lease) <= 86_400))
    throw new Error('DCC_IDEMPOTENCY_LEASE_SECONDS must be an integer number of seconds between 1 and 86400.');
  const professions = env.DCC_SIGNER_PROFESSIONS?.split(',').map((p) => p.trim()).filter(Boolean);
  const auditReaders = env.DCC_AUDIT_READERS?.split(',').map((p) => p.trim()).filter(Boolean);
  const indicatorReaders = env.DCC_INDICATORS_READERS?.split(',').map((p) => p.trim()).filter(Boolean);
  return {
    allowTestIdentities: env.DCC_ALLOW_TEST_IDENTITIES !== 'false',
    limits: {
      perClient: rateOf(env, 'DCC_LIMIT_CLIENT', DEFAULT_LIMITS.perClient),
      perProfessional: rateOf(env, 'DCC_LIMIT_PROFESSIONAL', DEFAULT_LIMITS.perProfessional),
      concurrentPerClient: numberOf(env, 'DCC_LIMIT_CLIENT_CONCURRENCY', DEFAULT_LIMITS.concurrentPerClient),
      streamsPerProfessional: numberOf(env, 'DCC_LIMIT_PROFESSIONAL_STREAMS', DEFAULT_LIMITS.streamsPerProfessional),
      failedIntrospections: rateOf(env, 'DCC_LIMIT_FAILED_INTROSPECTIONS', DEFAULT_LIMITS.failedIntrospections),
    },
    ...(env.DCC_BEARER_CACHE_MS ? { bearerCacheMs: numberOf(env, 'DCC_BEARER_CACHE_MS', 5000) } : {}),
    ...(env.DCC_FAILED_BEARER_CACHE_MS ? { failedBearerCacheMs: numberOf(env, 'DCC_FAILED_BEARER_CACHE_MS', 60_000) } : {}),
    ...(professions?.length ? { signerProfessions: professions } : {}),
    ...(lease !== undefined ? { idempotencyLeaseMs: Number(lease) * 1000 } : {}),
    ...(auditReaders?.length ? { auditReaders } : {}),
    ...(indicatorReaders?.length ? { indicatorReaders } : {}),
    ...(env.DCC_ANNUAIRE_URL ? { directory: directoryOf(env) } : {}),
  };
}

/** DCC_ANNUAIRE_URL (FHIR base), DCC_ANNUAIRE_API_KEY (ESANTE-API-KEY), DCC_ANNUAIRE_CACHE_SECONDS (default 60). */
function directoryOf(env: NodeJS.ProcessEnv): DirectoryOptions {
  const url = env.DCC_ANNUAIRE_URL as string;
  if (!/^https?:\/\/[^\s]+$/.test(url)) throw new Error('DCC_ANNUAIRE_URL must be an http(s) URL, e.g. https://gateway.api.esante.gouv.fr/fhir/v2.');
  return {
    url,
    ...(env.DCC_ANNUAIRE_API_KEY ? { apiKey: env.DCC_ANNUAIRE_API_KEY } : {}),
    cacheSeconds: numberOf(env, 'DCC_ANNUAIRE_CACHE_SECONDS', 60),
  };
}

export function dataDirOf(env: NodeJS.ProcessEnv): string {
  return resolve(env.DCC_DATA_DIR ?? './.data/pglite');
}

/** Where the store is: PostgreSQL at `databaseUrl` (under `schema`), else PGlite in `dataDir`, or in memory (`memory: true`, tests). */
export interface StoreLocation {
  databaseUrl?: string;
  dataDir?: string;
  memory?: boolean;
  schema?: string;
  /** pg-boss's schema on PostgreSQL (DCC_QUEUE_SCHEMA; default `<schema>_jobs`, else `pgboss`). */
  jobSchema?: string;
}

/** The store's driver, its migrations not applied (openStore applies them; a migration's test or bench applies some). */
export async function openDriver(options: StoreLocation): Promise<SqlDriver> {
  return options.databaseUrl
    ? createPostgresDriver(options.databaseUrl, { ...(options.schema ? { schema: options.schema } : {}), ...(options.jobSchema ? { jobSchema: options.jobSchema } : {}) })
    : createPgliteDriver(options.memory ? undefined : options.dataDir);
}

/** Opens the store and applies the migrations. */
export async function openStore(options: StoreLocation): Promise<Store> {
  const driver = await openDriver(options);
  try {
    await migrate(driver);
  } catch (error) {
    await driver.close();
    throw error;
  }
  return new Store(driver);
}

/**
 * The main thread's V8 heap limit (MB) the server's process runs with. Its live data is about
 * 40–60 MB, but under V8's default limit (a quarter of the machine's memory, up to 4 GB) the
 * heap may grow to about four times what survives between two full collections: measured, 400
 * saves took the heap from 54 to 130–150 MB of which 35–41 MB survived a collection. Under a
 * 512 MB limit V8 lets it grow by about 1.4 times instead (its growing factor follows the
 * limit): 90–97 MB, and the peak resident memory under 8 concurrent signers about 100 MiB lower,
 * at no CPU cost seen. A limit it can reach stops the process, so it is ten times the live data.
 */
export const SERVER_HEAP_MB = 512;

/**
 * The options `node` runs the server with: the `dcc-server` bin's first line (`dist/main.js`),
 * to be given to `node` when `dist/main.js` is started otherwise (`node --max-old-space-size=512
 * dist/main.js`); the server bench runs its measured process with them.
 */
export const SERVER_NODE_FLAGS: readonly string[] = [`--max-old-space-size=${SERVER_HEAP_MB}`];

/**
 * The environment the server's process starts with (the `dcc-server` bin's first line; the bench
 * starts its measured process with it). glibc's allocator gives each thread that allocates its
 * own arena (up to eight per core), and freed memory stays resident in each: the main thread,
 * the two conformance workers, libuv's threads and PGlite each keep theirs. Two arenas measured
 * 55–60 MiB less resident memory under the bench's 8 signers on PGlite (the bench's « rest »:
 * 140 → 81 MiB), at no sign time seen (median 156 vs 182 ms, quiet machine). Read by glibc when
 * the process starts, so it cannot be set from JavaScript; other C libraries ignore it.
 */
export const SERVER_ENVIRONMENT: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

/**
 * DCC_CONFORMANCE_WORKERS: worker threads of the conformance engine (0: in the main thread);
 * default min(2, available cores).
 */
export function conformanceWorkersOf(env: NodeJS.ProcessEnv, fallback: number): number {
  const raw = env.DCC_CONFORMANCE_WORKERS;
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 64) throw new Error('DCC_CONFORMANCE_WORKERS must be an integer between 0 and 64.');
  return value;
}

/**
 * DCC_CONFORMANCE_WORKER_HEAP_MB: each conformance worker's JavaScript heap limit in MB (at
 * least 64; 0: V8's default, no limit of ours); default `fallback`.
 */
export function conformanceWorkerHeapOf(env: NodeJS.ProcessEnv, fallback: number): number | undefined {
  const raw = env.DCC_CONFORMANCE_WORKER_HEAP_MB;
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (value === 0) return undefined;
  if (!Number.isInteger(value) || value < 64 || value > 16384) throw new Error('DCC_CONFORMANCE_WORKER_HEAP_MB must be 0 or an integer between 64 and 16384.');
  return value;
}
