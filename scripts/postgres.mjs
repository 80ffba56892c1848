#!/usr/bin/env node
// A throwaway PostgreSQL cluster on loopback for tests and benchmarks: a temp data folder,
// a random free port, trust authentication for the local superuser, removed on stop.
// Uses the server binaries of Debian's postgresql package (or PG_BIN). initdb refuses to
// run as root, so as root the cluster belongs to the `postgres` system user.
//
//   import { startPostgres } from './scripts/postgres.mjs';
//   const pg = await startPostgres(); // { url, stop() }
//
// Run directly (`node scripts/postgres.mjs`) it prints the URL and keeps the cluster until
// interrupted.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.mjs';

export class PostgresUnavailableError extends Error {
  name = 'PostgresUnavailableError';
}

/** Directory holding initdb/pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/N/bin. */
export function findPostgresBin() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    for (const v of readdirSync(base).sort((a, b) => Number(b) - Number(a))) candidates.push(join(base, v, 'bin'));
  }
  const bin = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!bin) {
    throw new PostgresUnavailableError(
      'PostgreSQL server binaries not found (looked in PG_BIN and /usr/lib/postgresql/*/bin). ' +
        'Install them with `apt-get install -y postgresql`, or set DATABASE_URL / DCC_TEST_DATABASE_URL to a running server.',
    );
  }
  return bin;
}

function systemUser(name) {
  const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/**
 * Starts a private cluster and resolves once it accepts connections.
 * @returns {Promise<{ url: string, port: number, dataDir: string, stop(): Promise<void> }>}
 */
export async function startPostgres({ database = 'dcc' } = {}) {
  const bin = findPostgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'dcc-pg-'));
  const dataDir = join(dir, 'data');
  const isRoot = process.getuid?.() === 0;
  let asUser = [];
  if (isRoot) {
    const pgUser = systemUser('postgres');
    if (!pgUser) throw new PostgresUnavailableError('running as root but there is no `postgres` system user to own the cluster');
    chownSync(dir, pgUser.uid, pgUser.gid);
    chmodSync(dir, 0o700);
    asUser = ['runuser', '-u', 'postgres', '--'];
  }
  const run = (cmd, args) => {
    const full = [...asUser, join(bin, cmd), ...args];
    const r = spawnSync(full[0], full.slice(1), { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().slice(0, 2000)}`);
    return r.stdout;
  };
  const superuser = isRoot ? 'postgres' : (process.env.USER ?? 'postgres');
  run('initdb', ['-D', dataDir, '-U', superuser, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  // Unix socket in the private folder; fsync off: a test cluster need not survive a crash.
  // 300 connections: test files run side by side (scripts/test.mjs), each with its servers'
  // pools (10 each), pg-boss's and the crash tests' child processes; 100 (the default) is reached.
  const opts = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
  run('pg_ctl', ['-D', dataDir, '-o', opts, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const stop = async () => {
    try {
      run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    const created = spawnSync(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', superuser, database], { encoding: 'utf8' });
    if (created.status !== 0) throw new Error(`createdb failed: ${created.stderr.trim()}`);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `postgres://${superuser}@127.0.0.1:${port}/${database}`, port, dataDir, stop };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const pg = await startPostgres();
  console.log(pg.url);
  const shutdown = () => pg.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  // keep the event loop alive until a signal arrives
  setInterval(() => {}, 1 << 30);
}
