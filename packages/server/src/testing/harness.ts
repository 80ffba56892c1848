// Test support: a real server on an ephemeral port, a real store (PGlite in memory or a
// fresh PostgreSQL schema), the PSC emulator, and an HTTP client that logs in through the
// authorization-code flow and checks every response against openapi.json.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { loadExample } from '@dcc-kit/cda/examples';
import { patientToApi, type ModelPatient } from '@dcc-kit/cda/identity';
import { startPscEmulator, completeLogin, DR_LABORDE, DR_LEFORT, DR_LE_GUEN, type PscEmulator, type PscTestUser } from '@dcc-kit/psc-emulator';
import { createServer, type DccServer, type LogEntry, type ServerOptions } from '../app.js';
import { DocumentChecker } from '../services/document-checker.js';
import { openDriver, openStore } from '../main-config.js';
import type { SqlDriver } from '../store/driver.js';
import { openapi } from '../openapi.js';
import type { Store } from '../store/store.js';

export type StoreKind = 'pglite' | 'postgres';

/** Where PostgreSQL tests get their server, or why they are skipped (fail under CI). */
export function postgresTarget(): { url?: string; skip?: string } {
  const url = process.env.DCC_TEST_DATABASE_URL;
  if (url) return { url };
  if (process.env.CI) throw new Error('DCC_TEST_DATABASE_URL is required under CI (scripts/test.mjs starts a PostgreSQL cluster).');
  return { skip: 'DCC_TEST_DATABASE_URL is not set: PostgreSQL store not tested (run through scripts/test.mjs, or set it)' };
}

/** In memory, or a fresh PostgreSQL schema per run: the migrations start from nothing, runs never see each other. */
const testStoreLocation = (kind: StoreKind) =>
  kind === 'pglite' ? { memory: true } : { databaseUrl: postgresTarget().url!, schema: `dcc_test_${randomBytes(6).toString('hex')}` };

export async function openTestStore(kind: StoreKind): Promise<Store> {
  return openStore(testStoreLocation(kind));
}

/**
 * An empty, unmigrated store's driver (PGlite in memory, or a fresh PostgreSQL schema), for the
 * tests of a migration: they migrate it part of the way (`migrate(driver, { through: N })`).
 */
export async function openTestDriver(kind: StoreKind): Promise<SqlDriver> {
  return openDriver(testStoreLocation(kind));
}

let sharedChecker: DocumentChecker | undefined;
/** One conformance engine for the whole test process. */
export function checker(): DocumentChecker {
  sharedChecker ??= new DocumentChecker();
  return sharedChecker;
}

export interface Stack {
  url: string;
  app: DccServer;
  store: Store;
  psc: PscEmulator;
  logs: LogEntry[];
  /** Raw stdout-style lines the logger wrote (to search for leaked data). */
  logText(): string;
  close(): Promise<void>;
}

/**
 * Limits of the test servers: on, but sized so that a suite's burst of requests from one
 * address and one professional is never refused (tests of the limits set their own).
 */
export const TEST_LIMITS: ServerOptions['limits'] = { perClient: { perSecond: 1000, burst: 5000 }, perProfessional: { perSecond: 1000, burst: 5000 } };

/** Professionals who may read the audit in the test servers: every test doctor, not the nurse. */
export const TEST_AUDIT_READERS: readonly string[] = [DR_LEFORT, DR_LABORDE, DR_LE_GUEN].map((u) => u.userinfo.SubjectNameID);

export async function startStack(kind: StoreKind, options: { accessTokenTtl?: number; server?: Partial<ServerOptions> } = {}): Promise<Stack> {
  const store = await openTestStore(kind);
  const logs: LogEntry[] = [];
  const provider: { psc?: PscEmulator } = {};
  const app = createServer({
    store,
    sessionKey: randomBytes(32),
    logger: (e) => logs.push(e),
    checker: checker(),
    limits: TEST_LIMITS,
    // The doctors administer their structures' audit trail here; the nurse does not.
    auditReaders: TEST_AUDIT_READERS,
    // The suites written before the identity lifecycle create their patients with a status
    // (the host's identity server is the authority); the lifecycle's own tests pass `identity`.
    identity: { statusFromHost: true },
    ...options.server,
    oidc: () => ({ discoveryUrl: provider.psc!.discoveryUrl, clientId: 'dcc-server', clientSecret: 'test-secret', allowInsecureRequests: true }),
  });
  const { url } = await app.listen(0);
  const psc = await startPscEmulator({
    clients: [{ client_id: 'dcc-server', client_secret: 'test-secret', redirect_uris: [`${url}/auth/callback`], post_logout_redirect_uris: [`${url}/`] }],
    ...(options.accessTokenTtl ? { accessTokenTtl: options.accessTokenTtl } : {}),
  });
  provider.psc = psc;
  return {
    url,
    app,
    store,
    psc,
    logs,
    logText: () => logs.map((l) => JSON.stringify(l)).join('\n'),
    async close() {
      await app.close();
      await psc.close().catch(() => undefined);
      await store.close();
    },
  };
}

// ------------------------------------------------------------------ spec checks

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }>; $ref?: string }>;
}

/** The route template of openapi.json matching a concrete path. */
export function specRoute(method: string, pathname: string): { template: string; operation: Operation } | undefined {
  const { doc } = openapi();
  for (const [template, item] of Object.entries(doc.paths)) {
    const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    const operation = (item as Record<string, Operation>)[method.toLowerCase()];
    if (re.test(pathname) && operation) return { template, operation };
  }
  return undefined;
}

/** Asserts that a response is documented (status, content type) and its body matches the schema. */
export function assertMatchesSpec(method: string, pathname: string, status: number, contentType: string, body: unknown): void {
  const { doc, checker: schemaChecker } = openapi();
  const found = specRoute(method, pathname);
  assert.ok(found, `${method} ${pathname} is not in openapi.json`);
  let response = found.operation.responses[String(status)] ?? (status >= 500 ? found.operation.responses.default : undefined);
  assert.ok(response, `${method} ${found.template} answered ${status}, not documented in openapi.json`);
  if (response.$ref) response = schemaChecker.resolve(response as Record<string, unknown>) as typeof response;
  if (status === 302 || body === undefined) return;
  const media = contentType.split(';')[0]!.trim();
  const schema = response.content?.[media]?.schema;
  assert.ok(response.content?.[media], `${method} ${found.template} ${status}: content type ${media} not documented`);
  if (schema && media.endsWith('json')) {
    const issues = schemaChecker.check(schema, body);
    assert.deepEqual(issues, [], `${method} ${found.template} ${status}: body does not match openapi.json`);
  }
  void doc;
}

// ------------------------------------------------------------------ client

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/**
 * A cookie-keeping HTTP client of the server that validates every answer against the spec.
 * Like the SDK it sends DCC-API-Version (the CSRF check of cookie writes needs it), unless
 * `withoutApiVersion` is set.
 */
export class ApiClient {
  readonly cookies = new Map<string, string>();
  bearer: string | undefined;

  constructor(readonly baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  keepCookies(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (attrs.some((a) => /max-age=0$/i.test(a.trim())) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { json?: unknown; raw?: string | Uint8Array | ReadableStream<Uint8Array>; headers?: Record<string, string>; noSpec?: boolean; withoutApiVersion?: boolean } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(options.withoutApiVersion ? {} : { 'dcc-api-version': '2026-11-01' }), ...(options.headers ?? {}) };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    let body: string | Uint8Array | ReadableStream<Uint8Array> | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    } else if (options.raw !== undefined) {
      body = options.raw;
      headers['content-type'] ??= 'application/json';
    }
    // A stream body goes out chunked (no Content-Length): `duplex` is what fetch requires for it.
    const streamed = body instanceof ReadableStream ? { duplex: 'half' } : {};
    const res = await fetch(new URL(path, this.baseUrl), { method, headers, redirect: 'manual', ...(body !== undefined ? { body } : {}), ...streamed } as RequestInit);
    this.keepCookies(res.headers);
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    const parsed = contentType.includes('json') && text ? (JSON.parse(text) as T) : (text as T);
    assert.ok(res.headers.get('x-request-id'), 'every response has X-Request-Id');
    if (!options.noSpec) assertMatchesSpec(method, new URL(path, this.baseUrl).pathname, res.status, contentType, contentType.includes('json') ? parsed : undefined);
    if (res.status >= 400) assert.match(contentType, /^application\/problem\+json/, `${method} ${path} ${res.status} is problem+json`);
    return { status: res.status, headers: res.headers, body: parsed, text };
  }

  get<T = Record<string, unknown>>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, headers ? { headers } : {});
  }
  post<T = Record<string, unknown>>(path: string, json?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, { ...(json !== undefined ? { json } : {}), ...(headers ? { headers } : {}) });
  }
  put<T = Record<string, unknown>>(path: string, json: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', path, { json, ...(headers ? { headers } : {}) });
  }

  /**
   * The real authorization-code flow: /auth/login → PSC emulator login page → /auth/callback.
   * Gives the callback's response (its Set-Cookie, Location).
   */
  async login(user: PscTestUser, returnTo = '/app', expectedLocation = returnTo): Promise<ApiResponse> {
    const start = await this.request('GET', `/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
    assert.equal(start.status, 302);
    const authorizationUrl = start.headers.get('location')!;
    const callback = await completeLogin(authorizationUrl, { user: user.userinfo.SubjectNameID });
    const url = new URL(callback);
    assert.equal(`${url.origin}${url.pathname}`, `${this.baseUrl}/auth/callback`);
    const done = await this.request('GET', `${url.pathname}${url.search}`);
    assert.equal(done.status, 302, `callback answered ${done.status}: ${done.text}`);
    assert.equal(done.headers.get('location'), expectedLocation);
    assert.ok(this.cookies.get('dcc_session'), 'session cookie set');
    return done;
  }
}

// ------------------------------------------------------------------ fixtures

/** The build input of the @dcc-kit/cda example of `volet` whose file name starts with `prefix`. */
export function example(volet: 'pps' | 'frcp', prefix: string): Record<string, unknown> {
  return loadExample(volet, prefix).input;
}

/** The Patient resource body matching an example model's patient block. */
export function patientFromModel(model: Record<string, unknown>, structureId: string, identityStatus = 'qualified'): Record<string, unknown> {
  return { ...patientToApi(model.patient as ModelPatient), identityStatus, structureId };
}
