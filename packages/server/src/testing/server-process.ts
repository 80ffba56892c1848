// The real server process for the crash tests: dist/main.js started on loopback, killed with
// SIGKILL, restarted on the same store; the PSC emulator that signs its users in; the store
// settings of a PostgreSQL schema reached by search_path.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { DR_LEFORT, startPscEmulator, type PscEmulator } from '@dcc-kit/psc-emulator';
import { pscLogin } from '@dcc-kit/psc-emulator/login';

const MAIN = fileURLToPath(new URL('../main.js', import.meta.url));

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
}

/** Starts dist/main.js on 127.0.0.1, port 0; resolves with its URL once it listens (60 s at most). */
export function startServer(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start: ${err.slice(0, 500)}`));
    }, 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}): ${err.slice(0, 500)}`));
    });
  });
}

/** Resolves once the process has exited (at once when it already has). */
export function exited(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

/** Kills with SIGKILL and waits for the exit. */
export async function killHard(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  await exited(child);
}

/** SIGKILL to every process still running (a test's `after`). */
export function killAll(children: readonly ChildProcess[]): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/**
 * A PSC emulator that knows the server's client, DR_LEFORT's access token, and the server's
 * environment naming them (with a fresh session key).
 */
export async function pscForServer(accessTokenTtl: number): Promise<{ psc: PscEmulator; token: string; env: NodeJS.ProcessEnv }> {
  const psc = await startPscEmulator({ clients: [{ client_id: 'dcc-server', client_secret: 'test-secret', redirect_uris: ['http://127.0.0.1:9/auth/callback'] }], accessTokenTtl });
  const { tokens } = await pscLogin({ discoveryUrl: psc.discoveryUrl, clientId: 'dcc-server', clientSecret: 'test-secret', redirectUri: 'http://127.0.0.1:9/auth/callback', user: DR_LEFORT.userinfo.SubjectNameID });
  const env = {
    PSC_DISCOVERY_URL: psc.discoveryUrl,
    PSC_CLIENT_ID: 'dcc-server',
    PSC_CLIENT_SECRET: 'test-secret',
    DCC_SESSION_KEY: randomBytes(32).toString('hex'),
  };
  return { psc, token: tokens.access_token, env };
}

/** The database URL whose connections use `schema` (a fresh schema per test, migrated by openStore). */
export function schemaUrl(databaseUrl: string, schema: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.href;
}
