// The two SQL back-ends behind one small interface: PGlite (embedded PostgreSQL in WASM)
// and PostgreSQL through a pg Pool. Both run the same migrations and the same queries.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makePrivateDir, restrictTree } from './private-files.js';

export interface SqlExecutor {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * The same connection (or transaction) as pg-boss's database adapter, so a job is sent or
   * settled in the caller's transaction (`send(…, { db })`). On PGlite it must be the
   * transaction object itself, or pg-boss waits on PGlite's single lock forever.
   */
  readonly jobDb: JobDb;
}

/**
 * Runs at the end of a write's transaction, with what the write produced: what must commit
 * or roll back with it (the Idempotency-Key's answer). Throwing rolls the write back.
 */
export type InTransaction<T> = (tx: SqlExecutor, result: T) => Promise<void>;

/** pg-boss's `IDatabase` shape (kept structural so the store does not import pg-boss). */
export interface JobDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface SqlDriver extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  /** What pg-boss is constructed with: the PGlite instance, or the pool's connection string and schema. */
  readonly jobBackend: { kind: 'pglite'; pglite: unknown } | { kind: 'postgres'; connectionString: string; schema?: string };
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');

/** Which migrations `migrate` applies. */
export interface MigrateOptions {
  /** The folder of the `NNN_name.sql` files (default: this package's `migrations/`). */
  dir?: string;
  /** The last migration number to apply (e.g. 7: 001–007), for a store as an older release left it. */
  through?: number;
}

/**
 * Applies every `migrations/*.sql` not yet recorded (up to `through`), in name order, in one
 * transaction (under an advisory lock so that two starting servers do not race). Idempotent.
 */
export async function migrate(driver: SqlDriver, { dir = migrationsDir, through = Infinity }: MigrateOptions = {}): Promise<string[]> {
  const files = readdirSync(dir)
    .filter((f) => /^\d+_.*\.sql$/.test(f) && Number.parseInt(f, 10) <= through)
    .sort();
  return driver.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(4242001)');
    await tx.exec('CREATE TABLE IF NOT EXISTS dcc_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL)');
    const done = new Set((await tx.query<{ name: string }>('SELECT name FROM dcc_migrations')).map((r) => r.name));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      await tx.exec(readFileSync(join(dir, file), 'utf8'));
      await tx.query('INSERT INTO dcc_migrations (name, applied_at) VALUES ($1, now())', [file]);
      applied.push(file);
    }
    return applied;
  });
}

/** Shared buffers of the embedded PGlite store (see createPgliteDriver). */
export const PGLITE_SHARED_BUFFERS = '32MB';

export async function createPgliteDriver(dataDir?: string): Promise<SqlDriver> {
  const { PGlite } = await import('@electric-sql/pglite');
  // No dataDir → in memory (tests); otherwise a folder on disk, private to this user: made
  // so before PGlite writes into it, and its files corrected once it has created them.
  if (dataDir) {
    makePrivateDir(dataDir);
    restrictTree(dataDir);
  }
  // PGlite's own shared buffers (about 160 MB, touched at start) are the largest part of its
  // memory; an embedded store of one server needs far fewer (PostgreSQL's default is 128 MB for
  // a whole cluster). Measured: about 150 MiB less resident memory per server process.
  const options = { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`] };
  const db = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
  await db.waitReady;
  if (dataDir) restrictTree(dataDir);
  const { fromPglite } = await import('pg-boss');
  const wrap = (x: { query: typeof db.query; exec: typeof db.exec }): SqlExecutor => ({
    async query<T>(sql: string, params?: unknown[]) {
      return (await x.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await x.exec(sql);
    },
    jobDb: fromPglite(x as unknown as Parameters<typeof fromPglite>[0]),
  });
  const base = wrap(db);
  return {
    kind: 'pglite',
    ...base,
    jobBackend: { kind: 'pglite', pglite: db },
    // PGlite has one connection: its transaction() serialises transactions, which makes
    // the version checks below behave as with row locks on PostgreSQL.
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx as unknown as typeof db))),
    async close() {
      await db.close();
      // Files written since the open (WAL, checkpoints) under a lax umask.
      if (dataDir) restrictTree(dataDir);
    },
  };
}

export async function createPostgresDriver(connectionString: string, options: { schema?: string; max?: number; jobSchema?: string } = {}): Promise<SqlDriver> {
  const { default: pg } = await import('pg');
  if (options.schema && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error('Invalid schema name');
  if (options.jobSchema && !/^[a-z_][a-z0-9_]*$/.test(options.jobSchema)) throw new Error('Invalid job schema name');
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client losing its connection emits 'error' on the pool; unhandled, it would end the process.
  pool.on('error', () => undefined);
  if (options.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
  const executor = (c: { query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }> }): SqlExecutor => ({
    async query<T>(sql: string, params?: unknown[]) {
      return (await c.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await c.query(sql);
    },
    jobDb: { executeSql: async (text: string, values?: unknown[]) => ({ rows: (await c.query(text, values)).rows }) },
  });
  const base = executor(pool);
  return {
    kind: 'postgres',
    ...base,
    // pg-boss keeps its tables in its own schema, beside the store's (one per store schema in tests),
    // and its own small pool: its supervisor takes session advisory locks, which must be released on
    // the connection that took them (a shared pool does not guarantee it). Jobs sent or settled in a
    // store transaction go through that transaction's client (`jobDb`).
    jobBackend: { kind: 'postgres', connectionString, ...(options.jobSchema ? { schema: options.jobSchema } : options.schema ? { schema: `${options.schema}_jobs` } : {}) },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
