#!/usr/bin/env node
// `npm start` (after scripts/setup.mjs): the main job — the demo host page of a fictional
// hospital software with the dcc-kit editors, the DCC backend on its embedded store (PGlite in
// .data/, or PostgreSQL when DATABASE_URL is set) and a local Pro Santé Connect, in ONE
// process. The page, `/auth/*` and the API share one origin (Vite proxies the API routes to
// the backend) so that the BFF session cookie just works.
//
//   node scripts/start.mjs            dev server (Vite) on http://localhost:4100
//   node scripts/start.mjs --preview  the built page (demo/dist, strict CSP) served by `vite preview`
//   node scripts/start.mjs --build    only build the page into demo/dist (`npm run demo:build`)
//
// Environment: DEMO_PORT (4100), PSC_PORT (4101), API_PORT (0 = any free loopback port),
// DEMO_HOST (127.0.0.1), PUBLIC_URL (http://localhost:DEMO_PORT), DATABASE_URL, DCC_DATA_DIR
// (.data/pglite), ANS_KIT_DIR; ANNUAIRE_SIM_PORT (4105) for the Annuaire Santé fixture server, started
// unless DCC_ANNUAIRE_URL points at a directory; DMP_SIM_PORT (4102) and DMP_SIM_SMTP_PORT (4103) for the DMP
// (.data/pglite), ANS_KIT_DIR; INSI_SIM_PORT (4104) for the INSi simulator (started unless
// DCC_INSI_URL points at another INSi); DMP_SIM_PORT (4102) and DMP_SIM_SMTP_PORT (4103) for the DMP
// simulator and its MSSanté sink, started unless DCC_DMP_URL points at another DMP (then the
// DCC_DMP_*/DCC_MSS_* settings of the server README apply as they are). Logs carry request
// metadata only, never health data.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { seedIndicatorHistory, seedPatients } from './demo-seed.mjs';
import { freePort } from './free-port.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const demoDir = join(root, 'demo');
const viteConfigFile = join(demoDir, 'vite.config.mjs');

/**
 * The submission source of the demo (XDS sourceId / SubmissionSet sourceId): a `2.25.` OID of
 * its own (ITU-T X.667), so that it squats no registered arc.
 */
export const DEMO_SOURCE_ID = '2.25.147690548645828677406017632801508900352';

/**
 * The DMP simulator and its MSSanté sink with a test PKI (kept in `<data>/dmp-simulator/pki`,
 * or a throwaway folder in memory mode), and the server's submission settings pointing at
 * them — the same variables an operator sets for a real DMP (server README).
 */
async function startDmpSimulatorFor({ env, memory, dataDir, dmpPort, smtpPort, host }) {
  const { startDmpSimulator } = await import('@dcc-kit/dmp-simulator');
  const { loadOrCreateTestPki } = await import('@dcc-kit/dmp-simulator/pki');
  const { submissionsFromEnv } = await import('@dcc-kit/server');
  const pkiDir = memory ? mkdtempSync(join(tmpdir(), 'dcc-demo-pki-')) : join(dirname(dataDir), 'dmp-simulator', 'pki');
  const pki = await loadOrCreateTestPki(pkiDir);
  const simulator = await startDmpSimulator({
    host,
    port: dmpPort,
    smtp: { port: smtpPort },
    trust: { vihfCertificates: [pki.signing.cert] },
    // The demo's patients are typed in the page: each valid test INS has a DMP, as every insured person does.
    openDmpForUnknownPatients: true,
  });
  const submissions = submissionsFromEnv({
    ...env,
    DCC_DMP_URL: simulator.url,
    DCC_DMP_PKI_DIR: pkiDir,
    DCC_DMP_SOURCE_ID: env.DCC_DMP_SOURCE_ID ?? DEMO_SOURCE_ID,
    DCC_MSS_SMTP_URL: `smtp://${simulator.smtp.host}:${simulator.smtp.port}`,
    DCC_MSS_FROM: env.DCC_MSS_FROM ?? 'dcc-kit-demo@demo.mssante.fr',
    DCC_MSS_NIL: env.DCC_MSS_NIL ?? 'DCC-KIT-DEMO',
  });
  const close = async () => {
    await simulator.close();
    if (memory) rmSync(pkiDir, { recursive: true, force: true });
  };
  return { simulator, submissions, close };
}

/**
 * The INSi simulator (mutual TLS, the DMP simulator's test CA, INSI-MANU client certificate)
 * seeded with the §1.9 identities and every patient of the @dcc-kit/cda examples (the demo's),
 * and the server's identity settings pointing at it — the DCC_INSI_* variables an operator sets
 * for the real téléservice. The demo takes the host's statuses as given unless
 * DCC_INSI_TRUST_HOST_STATUS=false (its patient form sets one).
 */
async function startInsiSimulatorFor({ env, memory, dataDir, port, host }) {
  const { startInsiSimulator, loadOrCreateInsiPki } = await import('@dcc-kit/ins-simulator');
  const { identityFromEnv } = await import('@dcc-kit/server');
  const pkiDir = memory ? mkdtempSync(join(tmpdir(), 'dcc-demo-insi-pki-')) : join(dirname(dataDir), 'dmp-simulator', 'pki');
  const pki = await loadOrCreateInsiPki(pkiDir);
  const simulator = await startInsiSimulator({ host, port, examples: true, tls: { key: pki.server.key, cert: pki.server.cert, ca: pki.ca.cert } });
  const identity = identityFromEnv({ ...env, DCC_INSI_URL: simulator.url, DCC_INSI_PKI_DIR: pkiDir, DCC_INSI_TRUST_HOST_STATUS: env.DCC_INSI_TRUST_HOST_STATUS ?? 'true' });
  const close = async () => {
    await identity.insi?.close();
    await simulator.close();
    if (memory) rmSync(pkiDir, { recursive: true, force: true });
  };
  return { simulator, identity, close };
}

/**
 * The first path segment of every operation in the backend's contract (`openapi.json`): a route
 * added there is proxied without touching this file. A hand-kept list once missed `/events`, so
 * the page's change feed got Vite's 404 and `<dmp-status>` was never live.
 */
export function apiSegments(openapi) {
  return [...new Set(Object.keys(openapi.paths).map((path) => path.split('/')[1]).filter(Boolean))].sort();
}

const openapi = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('@dcc-kit/server/openapi.json')), 'utf8'));

/** Paths the backend answers; everything else is the page (served by Vite). */
export const API_ROUTES = new RegExp(`^/(${apiSegments(openapi).join('|')})(/|\\?|$)`);

/**
 * Writes msw's service worker into demo/public (offline mode); generated, never committed.
 * Uses msw's own CLI (`msw init`) so the worker always matches the installed msw version.
 */
export function prepareOfflineWorker() {
  const cli = join(root, 'node_modules', 'msw', 'cli', 'index.js');
  // Written aside, then renamed into place: demos started side by side (test files run in
  // parallel) never serve a half-written worker.
  const aside = mkdtempSync(join(tmpdir(), 'dcc-msw-'));
  try {
    const r = spawnSync(process.execPath, [cli, 'init', aside, '--save=false'], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`msw init failed (exit ${r.status}): ${r.stderr || r.stdout}`);
    mkdirSync(join(demoDir, 'public'), { recursive: true });
    for (const file of readdirSync(aside)) renameOrCopy(join(aside, file), join(demoDir, 'public', file));
  } finally {
    rmSync(aside, { recursive: true, force: true });
  }
}

/** rename(2) is atomic within a file system; the temp folder may be on another one (then copy aside and rename). */
function renameOrCopy(from, to) {
  try {
    renameSync(from, to);
  } catch {
    const near = `${to}.${process.pid}.tmp`;
    copyFileSync(from, near);
    renameSync(near, to);
  }
}

/** A compact request log line: method, route template, status, duration (no path, no body). */
function consoleLogger(entry) {
  const e = /** @type {Record<string, unknown>} */ (entry);
  if (e.route === '/health') return;
  const parts = [e.method, e.route, e.status, typeof e.durationMs === 'number' ? `${Math.round(e.durationMs)} ms` : undefined];
  console.log(`[api] ${parts.filter((p) => p !== undefined).join(' ')}${e.error ? ` (${String(e.error)})` : ''}`);
}

/** The demo-only side door to the MSSanté sink's list (read-only, one path), for the page's mailbox panel. */
export const SINK_ROUTE = '/dmp-sim/admin/mails';

function proxyConfig(target, simulatorUrl) {
  // One rule for every API route; the Host header is kept (the backend builds its URLs from
  // PUBLIC_URL, not from Host) and Set-Cookie passes unchanged (same origin for the browser).
  const rules = { [API_ROUTES.source]: { target, changeOrigin: false, ws: false } };
  // Only GET of the sink's mail list, nothing else of the simulator's admin side (faults, state).
  if (simulatorUrl)
    rules[`^${SINK_ROUTE}$`] = {
      target: simulatorUrl,
      changeOrigin: true,
      rewrite: () => '/admin/mails',
      bypass: (req) => (req.method === 'GET' ? undefined : false),
    };
  return rules;
}

/**
 * Starts the PSC emulator, the DMP simulator with its MSSanté sink, the backend and the page server.
 * @param {{ port?: number, pscPort?: number, apiPort?: number, dmpPort?: number, smtpPort?: number, insiPort?: number,
 *   host?: string, publicUrl?: string, databaseUrl?: string, dataDir?: string, memory?: boolean,
 *   annuairePort?: number, mode?: 'dev' | 'preview', kitDir?: string, logger?: (entry: unknown) => void, quiet?: boolean,
 *   env?: Record<string, string>, seed?: boolean, history?: boolean }} [options]
 *   `env` → settings over process.env (e.g. DCC_SUBMISSION_RETRY_DELAY_SECONDS); `seed: false` → no seeded patients; `history` → the indicator history (default: on the persistent embedded store only).
 *   `memory: true` → throwaway in-memory PGlite (tests); `port: 0` → any free port (for every part).
 * @returns {Promise<{ url: string, apiUrl: string, pscIssuer: string, store: string,
 *   dmp?: { url: string, adminUrl: string, smtp: { host: string, port: number } },
 *   insi?: { url: string, adminUrl: string },
 *   users: Array<{ id: string, name: string, activities: string[] }>, close(): Promise<void> }>}
 */
export async function startDemo(options = {}) {
  // `options.env` adds settings for this run (tests: short retry delays) over the process environment.
  const env = { ...process.env, ...(options.env ?? {}) };
  const host = options.host ?? env.DEMO_HOST ?? '127.0.0.1';
  const mode = options.mode ?? 'dev';
  const { startPscEmulator, TEST_USERS } = await import('@dcc-kit/psc-emulator');
  const { createServer, openStore, loadSessionKey, DocumentChecker, serverConfigOf } = await import('@dcc-kit/server');
  const vite = await import('vite');

  prepareOfflineWorker();
  const closers = [];
  const close = async () => {
    for (const fn of closers.reverse()) await fn().catch(() => undefined);
  };
  try {
    // 1. The store: PostgreSQL when asked, else the embedded PGlite (in memory for tests).
    const databaseUrl = options.databaseUrl ?? (options.memory ? undefined : env.DATABASE_URL);
    const dataDir = resolve(root, options.dataDir ?? env.DCC_DATA_DIR ?? '.data/pglite');
    if (!databaseUrl && !options.memory) mkdirSync(dirname(dataDir), { recursive: true });
    const store = await openStore(databaseUrl ? { databaseUrl } : options.memory ? { memory: true } : { dataDir });
    closers.push(() => store.close());

    // 2. The DMP simulator and its MSSanté sink, unless a real DMP is configured.
    let dmp;
    let submissions;
    if (env.DCC_DMP_URL) submissions = (await import('@dcc-kit/server')).submissionsFromEnv(env);
    else {
      const zeroPorts = options.port === 0;
      dmp = await startDmpSimulatorFor({
        env,
        memory: Boolean(options.memory),
        dataDir,
        host: '127.0.0.1',
        dmpPort: options.dmpPort ?? (zeroPorts ? 0 : Number(env.DMP_SIM_PORT ?? 4102)),
        smtpPort: options.smtpPort ?? (zeroPorts ? 0 : Number(env.DMP_SIM_SMTP_PORT ?? 4103)),
      });
      closers.push(dmp.close);
      submissions = dmp.submissions;
    }

    // 2b. The Annuaire Santé fixture server (ANNUAIRE_SIM_PORT, 4105), unless DCC_ANNUAIRE_URL points at a directory.
    let directory;
    if (!env.DCC_ANNUAIRE_URL) {
      const { startAnnuaireSimulator } = await import('@dcc-kit/annuaire-simulator');
      const annuaire = await startAnnuaireSimulator({ host: '127.0.0.1', port: options.annuairePort ?? (options.port === 0 ? 0 : Number(env.ANNUAIRE_SIM_PORT ?? 4105)) });
      closers.push(() => annuaire.close());
      directory = { url: annuaire.baseUrl, apiKey: annuaire.apiKey };
    }
    // 2c. The INSi simulator, unless a real INSi is configured.
    let insi;
    let identity;
    if (env.DCC_INSI_URL) identity = (await import('@dcc-kit/server')).identityFromEnv(env);
    else {
      insi = await startInsiSimulatorFor({
        env,
        memory: Boolean(options.memory),
        dataDir,
        host: '127.0.0.1',
        port: options.insiPort ?? (options.port === 0 ? 0 : Number(env.INSI_SIM_PORT ?? 4104)),
      });
      closers.push(insi.close);
      identity = insi.identity;
    }

    // 3. The backend on a loopback port of its own; the browser reaches it only through the proxy.
    const psc = { discoveryUrl: '' };
    const clientSecret = randomBytes(24).toString('base64url');
    // The page's port comes first: the backend's redirect URI and cookies depend on it.
    let port = options.port ?? Number(env.DEMO_PORT ?? 4100);
    // port 0: the backend must know the page's origin before the page listens.
    if (port === 0) port = await freePort(host);
    const publicUrl = (options.publicUrl ?? env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
    // Without an explicit folder the kit locator reads ANS_KIT_DIR itself, and names it when the kit is missing.
    const kitDir = options.kitDir;
    const app = createServer({
      store,
      // Same key as `dcc-server` with this data folder, so sessions survive a restart.
      sessionKey: options.memory || databaseUrl ? (env.DCC_SESSION_KEY ? loadSessionKey(env) : randomBytes(32)) : loadSessionKey(env, dataDir),
      logger: options.logger ?? (options.quiet ? () => undefined : consoleLogger),
      checker: new DocumentChecker(kitDir ? { kitDir } : {}),
      // Settings read once from the environment (DCC_ALLOW_TEST_IDENTITIES).
      ...serverConfigOf(env),
      submissions,
      ...(directory ? { directory } : {}),
      identity,
      // Read at first use: the emulator starts below, once the page's port is known.
      oidc: () => ({ discoveryUrl: psc.discoveryUrl, clientId: 'dcc-demo', clientSecret, allowInsecureRequests: true }),
      publicUrl,
    });
    if (options.seed !== false) await seedPatients(store, dmp?.simulator.adminUrl);
    // A year of fictitious indicator history for the dashboard: the demo's own embedded store only (never a DATABASE_URL).
    if (options.seed !== false && !databaseUrl && (options.history ?? !options.memory)) await seedIndicatorHistory(store);
    const api = await app.listen(options.apiPort ?? Number(env.API_PORT ?? 0), '127.0.0.1');
    closers.push(() => app.close());

    // 4. The page, with the API routes proxied to the backend.
    const logLevel = options.quiet ? 'silent' : 'info';
    // `port: 0` (tests, which may run side by side): a pre-bundling cache of this demo's own,
    // so two dev servers never rewrite one cache folder under each other; it starts as a copy of
    // the shared one (node_modules/.vite-demo, a few MB) so that it starts warm.
    const ownCache = options.port === 0 && mode === 'dev' ? mkdtempSync(join(tmpdir(), 'dcc-vite-')) : undefined;
    if (ownCache) {
      const shared = join(root, 'node_modules', '.vite-demo');
      if (existsSync(shared)) cpSync(shared, ownCache, { recursive: true });
      closers.push(async () => rmSync(ownCache, { recursive: true, force: true }));
    }
    const common = { configFile: viteConfigFile, root: demoDir, logLevel, clearScreen: false, customLogger: redactingLogger(vite, logLevel), ...(ownCache ? { cacheDir: ownCache } : {}) };
    const serverOptions = { host, port, strictPort: true, proxy: proxyConfig(api.url, dmp && new URL(dmp.simulator.adminUrl).origin) };
    if (mode === 'preview') {
      if (!existsSync(join(demoDir, 'dist', 'index.html'))) await buildDemo({ quiet: options.quiet });
      const server = await vite.preview({ ...common, preview: serverOptions });
      closers.push(() => server.close());
    } else {
      const server = await vite.createServer({ ...common, server: serverOptions });
      await server.listen();
      closers.push(() => server.close());
    }

    // 5. Pro Santé Connect, with the backend registered as confidential client.
    const emulator = await startPscEmulator({
      port: options.pscPort ?? Number(env.PSC_PORT ?? 4101),
      clients: [
        {
          client_id: 'dcc-demo',
          client_secret: clientSecret,
          redirect_uris: [`${publicUrl}/auth/callback`],
          post_logout_redirect_uris: [`${publicUrl}/`],
        },
      ],
    });
    closers.push(() => emulator.close());
    psc.discoveryUrl = emulator.discoveryUrl;

    return {
      url: publicUrl,
      apiUrl: api.url,
      pscIssuer: emulator.issuer,
      store: store.kind,
      ...(dmp ? { dmp: { url: dmp.simulator.url, adminUrl: dmp.simulator.adminUrl, smtp: dmp.simulator.smtp } } : {}),
      ...(insi ? { insi: { url: insi.simulator.url, adminUrl: insi.simulator.adminUrl } } : {}),
      users: TEST_USERS.map((u) => ({
        id: u.userinfo.SubjectNameID,
        name: `${u.userinfo.given_name} ${u.userinfo.family_name}`,
        activities: u.userinfo.SubjectRefPro.exercices.flatMap((e) => e.activities.map((a) => a.raisonSocialeSite)),
      })),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Vite's logger without query strings: its proxy errors quote the request URL, and a query
 * may carry health data (`/patients?ins=…`).
 */
function redactingLogger(vite, logLevel) {
  const base = vite.createLogger(logLevel);
  const redact = (msg) => String(msg).replace(/(\/[^\s?]*)\?[^\s]+/g, '$1?…');
  return {
    ...base,
    info: (msg, o) => base.info(redact(msg), o),
    warn: (msg, o) => base.warn(redact(msg), o),
    warnOnce: (msg, o) => base.warnOnce(redact(msg), o),
    error: (msg, o) => base.error(redact(msg), o),
  };
}

/** `vite build` of the page into demo/dist (strict CSP, no inline script or style). */
export async function buildDemo({ quiet = false } = {}) {
  prepareOfflineWorker();
  const vite = await import('vite');
  await vite.build({ configFile: viteConfigFile, root: demoDir, logLevel: quiet ? 'silent' : 'info' });
  return join(demoDir, 'dist');
}

async function main() {
  const args = new Set(process.argv.slice(2));
  if (args.has('--build')) {
    const out = await buildDemo();
    console.log(`Page de démonstration construite dans ${out}`);
    return;
  }
  // Ctrl-C during start-up waits for the parts started so far to close (PGlite writes its
  // folder at first start: killing it mid-way would leave it unusable).
  let stopping = false;
  let demo;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nArrêt…');
    if (!demo) return; // still starting: closed as soon as start-up ends (below)
    await demo.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  console.log('Démarrage : base embarquée, backend, émulateur Pro Santé Connect, page… (la première fois, quelques secondes de plus)');
  demo = await startDemo({ mode: args.has('--preview') ? 'preview' : 'dev' });
  if (stopping) {
    await demo.close();
    process.exit(0);
  }
  console.log(`
dcc-kit — démonstration (dossier patient d'un logiciel hospitalier fictif)

  Page :        ${demo.url}/
  Hors ligne :  ${demo.url}/?offline=1   (API simulée dans le navigateur, sans backend)
  Backend :     ${demo.apiUrl} (store ${demo.store}${demo.store === 'pglite' ? `, ${relativeData()}` : ''}), via le proxy de la page
  Pro Santé Connect (émulateur) : ${demo.pscIssuer}
${
    demo.dmp
      ? `  DMP (simulateur) : ${demo.dmp.url}
  Côté administration du simulateur : ${demo.dmp.adminUrl}/entries (documents déposés), ${demo.dmp.adminUrl}/mails (messages MSSanté reçus, SMTP ${demo.dmp.smtp.host}:${demo.dmp.smtp.port})
`
      : '  DMP : DCC_DMP_URL (configuration du serveur)\n'
  }${demo.insi ? `  INSi (simulateur, TLS mutuel) : ${demo.insi.url}\n` : '  INSi : DCC_INSI_URL (configuration du serveur)\n'}
  Utilisateurs de test (cliquer « Se connecter avec Pro Santé Connect », puis choisir) :
${demo.users.map((u) => `    ${u.id}  ${u.name.padEnd(22)} ${u.activities.join(' ; ')}`).join('\n')}

  Ctrl-C pour arrêter.
`);
}

function relativeData() {
  return process.env.DCC_DATA_DIR ?? '.data/pglite';
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    // Error messages of our own parts carry no health data (nothing is logged before login).
    console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
