// Start-up configuration from the environment: server settings, and the store (DATABASE_URL →
// PostgreSQL, else PGlite in a folder).
import { resolve } from 'node:path';
import { createPgliteDriver, createPostgresDriver, migrate } from './store/driver.js';
import { Store } from './store/store.js';

/** Settings the server takes from the environment, read once at start (never per request). */
export function serverConfigOf(env: NodeJS.ProcessEnv): { allowTestIdentities: boolean; idempotencyLeaseMs?: number } {
  const lease = env.DCC_IDEMPOTENCY_LEASE_SECONDS;
  if (lease !== undefined && !(Number.isInteger(Number(lease)) && Number(lease) >= 1 && Number(lease) <= 86_400))
    throw new Error('DCC_IDEMPOTENCY_LEASE_SECONDS must be an integer number of seconds between 1 and 86400.');
  return { allowTestIdentities: env.DCC_ALLOW_TEST_IDENTITIES !== 'false', ...(lease !== undefined ? { idempotencyLeaseMs: Number(lease) * 1000 } : {}) };
}

export function dataDirOf(env: NodeJS.ProcessEnv): string {
  return resolve(env.DCC_DATA_DIR ?? './.data/pglite');
}

/**
 * Opens the store and applies the migrations. `memory: true` → in-memory PGlite (tests).
 */
export async function openStore(options: { databaseUrl?: string; dataDir?: string; memory?: boolean; schema?: string }): Promise<Store> {
  const driver = options.databaseUrl
    ? await createPostgresDriver(options.databaseUrl, options.schema ? { schema: options.schema } : {})
    : await createPgliteDriver(options.memory ? undefined : options.dataDir);
  try {
    await migrate(driver);
  } catch (error) {
    await driver.close();
    throw error;
  }
  return new Store(driver);
}
