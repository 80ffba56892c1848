// The DCC platform HTTP server, composed: configuration (given once, never read from the
// environment here), the store's repositories, the services holding the rules, the request
// middleware, and one route module per resource. See dispatch.ts for the error boundary.
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router } from './http.js';
import { PscAuth, type PscOptions } from './auth/auth.js';
import { SessionCipher } from './secrets.js';
import { DocumentChecker } from './services/document-checker.js';
import { DocumentLifecycle } from './services/document-lifecycle.js';
import { PatientService } from './services/patients.js';
import type { Store } from './store/store.js';
import { serve } from './dispatch.js';
import { errorLabel, jsonLogger, type Logger } from './middleware/request-log.js';
import { authenticated } from './middleware/authenticate.js';
import { idempotency } from './middleware/idempotency.js';
import { jsonBodies } from './middleware/request-body.js';
import { requestSchemas } from './validation/request-schemas.js';
import { TrafficGuard, type Clock, type TrafficLimits } from './middleware/rate-limit.js';
import type { RouteDeps } from './routes/route-deps.js';
import { systemRoutes } from './routes/system.js';
import { authRoutes } from './routes/auth.js';
import { patientRoutes } from './routes/patients.js';
import { documentRoutes } from './routes/documents.js';
import { versionRoutes } from './routes/versions.js';
import { auditRoutes } from './routes/audit.js';
import { submissionRoutes } from './routes/submissions.js';
import { directoryRoutes } from './routes/directory.js';
import { DirectoryService, type DirectoryOptions } from './directory/directory-service.js';
import { identityRoutes } from './routes/identity.js';
import { indicatorRoutes } from './routes/indicators.js';
import { IndicatorsService } from './services/indicators.js';
import { IdentityService } from './services/identity.js';
import type { IdentityOptions } from './identity/insi-port.js';
import { JobQueue } from './submissions/job-queue.js';
import { SubmissionService } from './submissions/submission-service.js';
import { SubmissionWorker } from './submissions/submission-worker.js';
import { DEFAULT_SECTEUR_ACTIVITE, type SubmissionOptions } from './submissions/options.js';

export type { SubmissionOptions } from './submissions/options.js';
export { jsonLogger, type Logger, type LogEntry } from './middleware/request-log.js';
export { requestUrl } from './dispatch.js';
export { DEFAULT_LIMITS, type Rate, type TrafficLimits } from './middleware/rate-limit.js';

export interface ServerOptions {
  store: Store;
  /** Pro Santé Connect client settings (a function: read at first use, e.g. once an emulator runs). */
  oidc: PscOptions | (() => PscOptions);
  /** Public origin of the server (redirect URI, cookie Secure flag). Default: the address listened on. */
  publicUrl?: string;
  /** AES-256-GCM key of the session payloads (32 bytes). */
  sessionKey: Buffer;
  logger?: Logger;
  /** Shared document checker (one conformance engine per process). */
  checker?: DocumentChecker;
  kitDir?: string;
  /** Accept test and demo INS OIDs (default true; production sets false: DCC_ALLOW_TEST_IDENTITIES=false). */
  allowTestIdentities?: boolean;
  /** How long a running request holds its Idempotency-Key, in ms (default 60 s; DCC_IDEMPOTENCY_LEASE_SECONDS). */
  idempotencyLeaseMs?: number;
  /**
   * Traffic limits (per client address, per professional, in flight, failed introspections);
   * on by default with DEFAULT_LIMITS, each part overridable. In memory, per process.
   */
  limits?: Partial<TrafficLimits>;
  /** How long PSC's "active" verdict on a bearer token is trusted (ms; default 5 000): the revocation delay. */
  bearerCacheMs?: number;
  /** How long a bearer token PSC refused is refused without asking again (ms; default 60 000). */
  failedBearerCacheMs?: number;
  /**
   * IdNat_PS of the structures' administrators: they may read the audit trail of the
   * structures they act for (default: nobody; DCC_AUDIT_READERS).
   */
  auditReaders?: readonly string[];
  /**
   * IdNat_PS of the professionals who read every establishment's indicators (GET /indicators:
   * the regional network's or ARS's staff; DCC_INDICATORS_READERS). Anyone else reads the
   * figures of the structures they act for.
   */
  indicatorReaders?: readonly string[];
  /** PSC profession codes that may sign (default ['10'], médecin). */
  signerProfessions?: readonly string[];
  /** Clock (ms since the epoch) of the bearer cache, the limits and idempotency leases; tests inject one. */
  now?: Clock;
  /** DMP / MSSanté submission: ports, worker on/off, retries, feed polling (main-config.ts reads them from DCC_DMP_*, DCC_MSS_*). */
  submissions?: SubmissionOptions;
  /** The national health directory (Annuaire Santé; main-config.ts reads DCC_ANNUAIRE_*). Without a URL, GET /directory/* answers 503. */
  directory?: DirectoryOptions;
  /** INSi and who sets identity statuses (main-config.ts reads them from DCC_INSI_*). */
  identity?: IdentityOptions;
  /** How long a client may take to send a request (slowloris bounds); defaults in DEFAULT_WIRE_TIMEOUTS. */
  wireTimeouts?: Partial<WireTimeouts>;
}

/** Bounds on the time a client takes to send its request: past them, 408 and the connection is closed. */
export interface WireTimeouts {
  /** The request line and headers (node:http's headersTimeout). */
  headersMs: number;
  /** The whole request, body included (requestTimeout): a 1 MB body on a slow link fits. */
  requestMs: number;
  /** How often node:http checks the two bounds above (connectionsCheckingInterval). */
  checkEveryMs: number;
}

/**
 * node:http's defaults (60 s for the headers, 300 s for the request, checked every 30 s) let a
 * client trickling bytes hold a connection for minutes; these are tighter and checked often.
 */
export const DEFAULT_WIRE_TIMEOUTS: WireTimeouts = { headersMs: 15_000, requestMs: 120_000, checkEveryMs: 2_000 };

export interface DccServer {
  readonly server: Server;
  readonly router: Router;
  readonly auth: PscAuth;
  readonly guard: TrafficGuard;
  /** The submission queue's worker of this process (started unless `submissions.worker` is false). */
  readonly worker: SubmissionWorker;
  readonly jobs: JobQueue;
  listen(port?: number, host?: string): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
}

/** Every route module, in registration order. */
const ROUTE_MODULES = [systemRoutes, authRoutes, patientRoutes, documentRoutes, versionRoutes, auditRoutes, submissionRoutes, directoryRoutes, identityRoutes, indicatorRoutes];

export function createServer(options: ServerOptions): DccServer {
  const { store } = options;
  const config = { allowTestIdentities: options.allowTestIdentities ?? true, ...(options.signerProfessions ? { signerProfessions: options.signerProfessions } : {}) };
  const guard = new TrafficGuard(options.limits ?? {}, options.now ?? Date.now);
  let publicUrl = new URL(options.publicUrl ?? 'http://127.0.0.1/');
  const oidcOptions = options.oidc;
  const cipher = new SessionCipher(options.sessionKey);
  const auth = new PscAuth(
    typeof oidcOptions === 'function' ? oidcOptions : () => oidcOptions,
    store,
    cipher,
    () => publicUrl,
    {
      guard,
      ...(options.now ? { now: options.now } : {}),
      ...(options.bearerCacheMs !== undefined ? { bearerCacheMs: options.bearerCacheMs } : {}),
      ...(options.failedBearerCacheMs !== undefined ? { failedBearerCacheMs: options.failedBearerCacheMs } : {}),
    },
  );
  const checker = options.checker ?? new DocumentChecker(options.kitDir ? { kitDir: options.kitDir } : {});
  const log = options.logger ?? jsonLogger;
  const router = new Router();
  const sub = options.submissions ?? {};
  const secteurActivite = sub.secteurActivite ?? DEFAULT_SECTEUR_ACTIVITE;
  const jobs = new JobQueue(store.driver, {
    ...(sub.retry ? { retry: sub.retry } : {}),
    ...(sub.heartbeatSeconds !== undefined ? { heartbeatSeconds: sub.heartbeatSeconds } : {}),
    ...(sub.superviseIntervalSeconds !== undefined ? { superviseIntervalSeconds: sub.superviseIntervalSeconds } : {}),
    // One line with the error's class and code only: a database error's message may quote values.
    onError: (error) => log({ level: 'error', requestId: '', method: '', route: '(submission queue)', status: 0, durationMs: 0, error: errorLabel(error) }),
  });
  const submissions = new SubmissionService(store.driver, store.submissions, jobs, { ...(sub.dmp ? { dmp: sub.dmp } : {}), mssConfigured: sub.mss !== undefined, secteurActivite, ...(options.now ? { now: () => new Date(options.now!()) } : {}) });
  const worker = new SubmissionWorker(store.driver, store.submissions, jobs, {
    secteurActivite,
    ...(sub.dmp ? { dmp: sub.dmp } : {}),
    ...(sub.mss ? { mss: sub.mss } : {}),
    ...(sub.concurrency !== undefined ? { concurrency: sub.concurrency } : {}),
    ...(sub.pollMs !== undefined ? { pollMs: sub.pollMs } : {}),
    ...(sub.callTimeoutMs !== undefined ? { callTimeoutMs: sub.callTimeoutMs } : {}),
    ...(options.now ? { now: () => new Date(options.now!()) } : {}),
  });
  if (sub.worker !== false) worker.start();

  const deps: RouteDeps = {
    router,
    authenticated: authenticated(auth, guard),
    jsonBody: jsonBodies(requestSchemas()),
    idempotent: idempotency(store.idempotency, { cipher, leaseMs: options.idempotencyLeaseMs ?? 60_000, now: () => new Date((options.now ?? Date.now)()) }),
    auth,
    patients: new PatientService(store.patients, { ...config, statusFromHost: options.identity?.statusFromHost === true }),
    identity: new IdentityService(store.identity, { allowTestIdentities: config.allowTestIdentities, ...(options.identity?.insi ? { insi: options.identity.insi } : {}) }),
    documents: new DocumentLifecycle(store.documents, store.patients, checker, config),
    audit: store.audit,
    auditReaders: new Set(options.auditReaders ?? []),
    storeKind: () => store.kind,
    submissions,
    submissionRows: store.submissions,
    events: { feed: sub.events ?? {}, secteurActivite },
    directory: new DirectoryService(options.directory ?? {}, options.now ?? Date.now),
    indicators: new IndicatorsService(store.indicators, new Set(options.indicatorReaders ?? []), () => new Date((options.now ?? Date.now)())),
  };
  for (const register of ROUTE_MODULES) register(deps);

  const wire = { ...DEFAULT_WIRE_TIMEOUTS, ...options.wireTimeouts };
  const server = createHttpServer({ headersTimeout: wire.headersMs, requestTimeout: wire.requestMs, connectionsCheckingInterval: wire.checkEveryMs });
  serve(server, router, log, guard);
  const purge = setInterval(() => void store.purgeExpired().catch(() => undefined), 10 * 60_000);
  purge.unref();

  return {
    server,
    router,
    auth,
    guard,
    worker,
    jobs,
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          const url = `http://${host}:${address.port}`;
          if (!options.publicUrl) publicUrl = new URL(url);
          resolve({ port: address.port, url });
        });
      });
    },
    async close() {
      clearInterval(purge);
      if (!options.checker) await checker.close(); // a checker given by the caller is the caller's to close
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await worker.stop();
      await jobs.stop();
    },
  };
}
