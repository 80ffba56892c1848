// The DCC platform HTTP server: node:http, a small router, problem+json errors, request
// ids, request logs without health data, BFF + bearer authentication, and the routes of
// openapi.json.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { checkInsMatricule, checkInsOid } from '@dcc-kit/cda/identity';
import {
  API_VERSION,
  HttpProblem,
  Router,
  cookie,
  etag,
  issue,
  parseJson,
  problems,
  readBody,
  requireIfMatch,
  type Handler,
  type ProblemIssue,
  type Reply,
  type RequestContext,
} from './http.js';
import { checkAgainst } from './openapi.js';
import { PscAuth, LOGIN_COOKIE, SESSION_COOKIE, type Caller, type PscOptions, type SessionData } from './auth/auth.js';
import { SessionCipher } from './secrets.js';
import { DocumentChecker, draftIssues, setIdFromModel } from './documents.js';
import {
  decodeCursor,
  type Actor,
  type DocumentRecord,
  type DocumentType,
  type PatientInput,
  type Store,
  type VersionRecord,
  type WriteResult,
} from './store/store.js';
import type { Activity } from './auth/professional.js';

/** One line per request; no health data: method, route template, status, duration, ids. */
export interface LogEntry {
  level: 'info' | 'error';
  requestId: string;
  method: string;
  route: string;
  status: number;
  durationMs: number;
  actor?: string;
  error?: string;
}
export type Logger = (entry: LogEntry) => void;
export const jsonLogger: Logger = (entry) => process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`);

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
}

export interface DccServer {
  readonly server: Server;
  readonly router: Router;
  readonly auth: PscAuth;
  listen(port?: number, host?: string): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** YYYY-MM-DD of a real past day since 1850 (older is a typo); 00 stands for an unknown month or day (INS traits). */
export function isBirthDate(value: string, today = new Date()): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1850 || month > 12 || (month === 0 && day !== 0)) return false;
  const daysInMonth = month === 0 ? 31 : new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return false;
  const earliest = `${m[1]}-${month === 0 ? '01' : m[2]}-${day === 0 ? '01' : m[3]}`;
  return earliest <= today.toISOString().slice(0, 10);
}

/** The path and query of a request target, or undefined when it is not one a URL can hold. */
export function requestUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

export function createServer(options: ServerOptions): DccServer {
  const { store } = options;
  let publicUrl = new URL(options.publicUrl ?? 'http://127.0.0.1/');
  const oidcOptions = options.oidc;
  const auth = new PscAuth(
    typeof oidcOptions === 'function' ? oidcOptions : () => oidcOptions,
    store,
    new SessionCipher(options.sessionKey),
    () => publicUrl,
  );
  const checker = options.checker ?? new DocumentChecker(options.kitDir ? { kitDir: options.kitDir } : {});
  const log = options.logger ?? jsonLogger;
  const router = new Router();

  // ------------------------------------------------------------------ helpers

  const authed =
    (handler: (ctx: RequestContext, caller: Caller) => Promise<Reply>): Handler =>
    async (ctx) => {
      const caller = await auth.authenticate(ctx.req);
      ctx.actor = caller.professional.idNatPs;
      // CSRF: the session cookie goes with any request the browser makes, even one another
      // site triggers. SameSite=Lax keeps it off cross-site POSTs, but not off sibling
      // subdomains (same site), and some writes have no JSON body to force a preflight.
      // A custom header cannot be set by a form nor, without CORS (which this server does
      // not grant), by a cross-origin script: every cookie write must carry DCC-API-Version.
      if (caller.via === 'session' && ctx.req.method !== 'GET' && ctx.req.method !== 'HEAD' && ctx.req.headers['dcc-api-version'] === undefined)
        throw new HttpProblem(403, 'api-version-header-required', 'En-tête requis', 'Writes with a session cookie must send the DCC-API-Version header.');
      return handler(ctx, caller);
    };

  const actorOf = (ctx: RequestContext, caller: Caller): Actor => ({ idNatPs: caller.professional.idNatPs, structures: caller.structures, requestId: ctx.requestId });

  async function jsonBody<T>(ctx: RequestContext, schema: string, raw?: Buffer): Promise<T> {
    const body = parseJson(ctx.req, raw ?? (await readBody(ctx.req)));
    const issues = checkAgainst(schema, body);
    if (issues.length) throw problems.badRequest('The body does not match the expected structure.', issues);
    return body as T;
  }

  const limitOf = (url: URL): number => {
    const raw = url.searchParams.get('limit');
    if (raw === null) return 20;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 100) throw problems.badRequest('limit must be an integer between 1 and 100.', [issue('limit', 'range', 'limit hors bornes (1–100).', 'limit out of range (1–100).')]);
    return n;
  };
  const cursorOf = (url: URL): number | undefined => {
    const raw = url.searchParams.get('cursor');
    if (raw === null || raw === '') return undefined;
    const s = decodeCursor(raw);
    if (s === undefined) throw problems.badRequest('Invalid cursor.', [issue('cursor', 'format', 'Curseur invalide.', 'Invalid cursor.')]);
    return s;
  };
  const uuidParam = (value: string | null | undefined, name: string): string | undefined => {
    if (value === null || value === undefined || value === '') return undefined;
    // a path id that is not a UUID names nothing: 404, like any unknown id
    if (name === 'id') return UUID.test(value) ? value : undefined;
    if (!UUID.test(value)) throw problems.badRequest(`${name} must be a UUID.`, [issue(name, 'format', `${name} doit être un UUID.`, `${name} must be a UUID.`)]);
    return value;
  };

  function unwrap<T>(result: WriteResult<T>, what: string): T {
    if (result.ok) return result.value;
    if (result.reason === 'not-found') throw problems.notFound(what);
    if (result.reason === 'stale') throw problems.preconditionFailed();
    throw problems.conflict(result.type, result.detail);
  }

  /**
   * Idempotent creation: same key + same body → the stored response; same key + another
   * body → 422; a key still in progress → 409.
   */
  async function idempotent(ctx: RequestContext, caller: Caller, raw: Buffer, run: () => Promise<Reply>): Promise<Reply> {
    const key = ctx.req.headers['idempotency-key'];
    if (key === undefined) return run();
    if (typeof key !== 'string' || key.length < 1 || key.length > 200)
      throw problems.badRequest('Idempotency-Key must be 1 to 200 characters.', [issue('Idempotency-Key', 'format', 'Clé invalide.', 'Invalid key.')]);
    const actor = caller.professional.idNatPs;
    const hash = createHash('sha256').update(raw).digest('hex');
    const route = `${ctx.req.method} ${ctx.url.pathname}`;
    const claim = await store.claimIdempotencyKey(actor, key, route, hash);
    if (claim.state === 'mismatch')
      throw problems.unprocessable('idempotency-key-reused', 'This Idempotency-Key was used with another request body or route.');
    if (claim.state === 'pending') throw problems.conflict('idempotency-key-in-progress', 'A request with this Idempotency-Key is still being processed.');
    if (claim.state === 'replay')
      return { status: claim.status, body: claim.response.body, headers: { ...claim.response.headers, 'idempotent-replayed': 'true' } };
    try {
      const reply = await run();
      await store.completeIdempotencyKey(actor, key, reply.status, { body: reply.body, headers: reply.headers ?? {} });
      return reply;
    } catch (error) {
      if (error instanceof HttpProblem && error.status < 500) {
        const body = problemBody(error, ctx);
        await store.completeIdempotencyKey(actor, key, error.status, { body, headers: error.headers });
      } else await store.releaseIdempotencyKey(actor, key);
      throw error;
    }
  }

  // ------------------------------------------------------------------ system & auth

  router.add('GET', '/health', async () => ({ status: 200, body: { status: 'ok', store: store.kind } }));

  router.add('GET', '/auth/login', async (ctx) => {
    const { location, loginCookie } = await auth.beginLogin(ctx.url.searchParams.get('returnTo') ?? '/');
    return {
      status: 302,
      headers: { location, 'set-cookie': cookie(LOGIN_COOKIE, loginCookie, { maxAge: 600, secure: auth.secureCookies, path: '/auth' }) },
    };
  });

  router.add('GET', '/auth/callback', async (ctx) => {
    // The registered redirect URI with this request's query: never an origin taken from the request line.
    const current = new URL(auth.redirectUri);
    current.search = ctx.url.search;
    const clearLogin = cookie(LOGIN_COOKIE, '', { maxAge: 0, secure: auth.secureCookies, path: '/auth' });
    try {
      const { sessionCookie, returnTo, expiresAt } = await auth.completeLogin(ctx.req, current);
      return {
        status: 302,
        headers: {
          location: returnTo,
          'set-cookie': [cookie(SESSION_COOKIE, sessionCookie, { maxAge: (expiresAt - Date.now()) / 1000, secure: auth.secureCookies }), clearLogin].join('\n'),
        },
      };
    } catch (error) {
      if (error instanceof HttpProblem) error.headers['set-cookie'] = clearLogin;
      throw error;
    }
  });

  const sessionView = (caller: Caller, data?: SessionData) => ({
    professional: caller.professional,
    activeActivityId: data?.activeActivityId ?? caller.activeActivityId,
    expiresAt: new Date(data?.expiresAt ?? Date.now()).toISOString(),
    draftKey: data?.draftKey ?? '',
  });

  router.add(
    'GET',
    '/auth/session',
    authed(async (_ctx, caller) => {
      if (caller.via !== 'session' || !caller.session) throw problems.unauthorized('No browser session (bearer callers have no session).');
      return { status: 200, body: sessionView(caller, caller.session) };
    }),
  );

  router.add(
    'PUT',
    '/auth/session/activity',
    authed(async (ctx, caller) => {
      const body = await jsonBody<{ activityId: string }>(ctx, 'SelectActivity');
      if (caller.via !== 'session' || !caller.session || !caller.sessionId) throw problems.unauthorized('No browser session: bearer callers send X-DCC-Activity.');
      if (!caller.professional.activities.some((a) => a.id === body.activityId)) throw problems.notFound('Activity');
      const next = { ...caller.session, activeActivityId: body.activityId };
      await auth.saveSession(caller.sessionId, next);
      return { status: 200, body: sessionView(caller, next) };
    }),
  );

  router.add(
    'POST',
    '/auth/logout',
    authed(async (_ctx, caller) => {
      const endSessionUrl = caller.sessionId && caller.session ? await auth.logout(caller.sessionId, caller.session) : null;
      return {
        status: 200,
        body: { endSessionUrl },
        headers: { 'set-cookie': cookie(SESSION_COOKIE, '', { maxAge: 0, secure: auth.secureCookies }) },
      };
    }),
  );

  // ------------------------------------------------------------------ patients

  function patientIssues(input: PatientInput, caller: Caller): ProblemIssue[] {
    const issues: ProblemIssue[] = [];
    if (!isBirthDate(input.traits.birthDate))
      issues.push(issue('traits.birthDate', 'birth-date', 'Date de naissance impossible ou future.', 'Impossible or future birth date.'));
    const key = checkInsMatricule(input.ins.value);
    if (key) issues.push({ path: 'ins.value', code: key.code, message: key.message });
    const oid = checkInsOid(input.ins.oid, { allowTestOids: process.env.DCC_ALLOW_TEST_IDENTITIES !== 'false' });
    if (oid) issues.push({ path: 'ins.oid', code: oid.code, message: oid.message });
    if (!caller.structures.includes(input.structureId))
      issues.push(issue('structureId', 'not-your-structure', "Cette structure n'est pas une de vos activités.", 'This structure is not one of your activities.'));
    return issues;
  }

  router.add(
    'POST',
    '/patients',
    authed(async (ctx, caller) => {
      const raw = await readBody(ctx.req);
      const input = await jsonBody<PatientInput>(ctx, 'PatientInput', raw);
      return idempotent(ctx, caller, raw, async () => {
        const issues = patientIssues(input, caller);
        if (issues.length) throw problems.unprocessable('invalid-patient', 'The patient identity is not valid.', issues);
        const patient = unwrap(await store.createPatient(input, actorOf(ctx, caller)), 'Patient');
        return { status: 201, body: patient, headers: { ...etag(patient.version), location: `/patients/${patient.id}` } };
      });
    }),
  );

  router.add(
    'GET',
    '/patients',
    authed(async (ctx, caller) => {
      const ins = ctx.url.searchParams.get('ins') ?? undefined;
      const pageResult = await store.listPatients({ structures: caller.structures, ...(ins ? { ins } : {}), limit: limitOf(ctx.url), after: cursorOf(ctx.url) });
      return { status: 200, body: pageResult };
    }),
  );

  router.add(
    'GET',
    '/patients/{id}',
    authed(async (ctx, caller) => {
      const id = uuidParam(ctx.params.id, 'id');
      const patient = id ? await store.getPatient(id, caller.structures) : undefined;
      if (!patient) throw problems.notFound('Patient');
      return { status: 200, body: patient, headers: etag(patient.version) };
    }),
  );

  router.add(
    'PUT',
    '/patients/{id}',
    authed(async (ctx, caller) => {
      const expected = requireIfMatch(ctx.req);
      const input = await jsonBody<PatientInput>(ctx, 'PatientInput');
      const id = uuidParam(ctx.params.id, 'id');
      const current = id ? await store.getPatient(id, caller.structures) : undefined;
      if (!id || !current) throw problems.notFound('Patient');
      const issues = patientIssues(input, caller);
      // Documents take their structure from the patient when created: moving the patient would
      // leave them visible to the old structure and orphaned for the new one.
      if (input.structureId !== current.structureId)
        issues.push(issue('structureId', 'immutable', 'La structure du patient ne peut pas changer.', "The patient's structure cannot change."));
      if (issues.length) throw problems.unprocessable('invalid-patient', 'The patient identity is not valid.', issues);
      const patient = unwrap(await store.updatePatient(id, expected, input, actorOf(ctx, caller)), 'Patient');
      return { status: 200, body: patient, headers: etag(patient.version) };
    }),
  );

  // ------------------------------------------------------------------ documents

  const documentReply = (doc: DocumentRecord, status = 200): Reply => ({ status, body: doc, headers: etag(doc.version) });
  const versionReply = (doc: DocumentRecord, version: VersionRecord, status = 200): Reply => {
    const { cda: _cda, ...body } = version as VersionRecord & { cda?: string };
    return { status, body, headers: etag(doc.version) };
  };

  async function loadDocument(ctx: RequestContext, caller: Caller): Promise<DocumentRecord> {
    const id = uuidParam(ctx.params.id, 'id');
    const doc = id ? await store.getDocument(id, caller.structures) : undefined;
    if (!doc) throw problems.notFound('Document');
    return doc;
  }

  const versionNumber = (ctx: RequestContext): number => {
    const n = Number(ctx.params.n);
    if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw problems.notFound('Version');
    return n;
  };

  router.add(
    'POST',
    '/documents',
    authed(async (ctx, caller) => {
      const raw = await readBody(ctx.req);
      const input = await jsonBody<{ patientId: string; type: DocumentType; model: unknown }>(ctx, 'DocumentCreate', raw);
      return idempotent(ctx, caller, raw, async () => {
        const issues = draftIssues(input.type, input.model);
        if (issues.length) throw problems.badRequest('The model does not match the expected structure.', issues);
        const patient = await store.getPatient(input.patientId, caller.structures);
        if (!patient) throw problems.notFound('Patient');
        const setId = setIdFromModel(input.model) ?? randomUUID().toUpperCase();
        const doc = unwrap(await store.createDocument({ ...input, setId }, actorOf(ctx, caller)), 'Patient');
        return { status: 201, body: doc, headers: { ...etag(doc.version), location: `/documents/${doc.id}` } };
      });
    }),
  );

  router.add(
    'GET',
    '/documents',
    authed(async (ctx, caller) => {
      const q = ctx.url.searchParams;
      const type = q.get('type') ?? undefined;
      const status = q.get('status') ?? undefined;
      const bad: ProblemIssue[] = [];
      if (type && type !== 'pps' && type !== 'frcp') bad.push(issue('type', 'enum', 'type : pps ou frcp.', 'type: pps or frcp.'));
      if (status && !['draft', 'validated', 'signed', 'submitted'].includes(status)) bad.push(issue('status', 'enum', 'Statut inconnu.', 'Unknown status.'));
      if (bad.length) throw problems.badRequest('Invalid query.', bad);
      const patientId = uuidParam(q.get('patientId'), 'patientId');
      return {
        status: 200,
        body: await store.listDocuments({
          structures: caller.structures,
          ...(patientId ? { patientId } : {}),
          ...(type ? { type } : {}),
          ...(status ? { status } : {}),
          limit: limitOf(ctx.url),
          after: cursorOf(ctx.url),
        }),
      };
    }),
  );

  router.add('GET', '/documents/{id}', authed(async (ctx, caller) => documentReply(await loadDocument(ctx, caller))));

  router.add(
    'GET',
    '/documents/{id}/versions',
    authed(async (ctx, caller) => {
      const doc = await loadDocument(ctx, caller);
      return { status: 200, body: await store.listVersions(doc.id, { limit: limitOf(ctx.url), after: cursorOf(ctx.url) }), headers: etag(doc.version) };
    }),
  );

  router.add(
    'POST',
    '/documents/{id}/versions',
    authed(async (ctx, caller) => {
      const expected = requireIfMatch(ctx.req);
      const input = await jsonBody<{ model: unknown }>(ctx, 'VersionCreate');
      const doc = await loadDocument(ctx, caller);
      const issues = draftIssues(doc.type, input.model);
      if (issues.length) throw problems.badRequest('The model does not match the expected structure.', issues);
      const { document, version } = unwrap(await store.addVersion(doc.id, expected, input.model, actorOf(ctx, caller)), 'Document');
      return { ...versionReply(document, version, 201), headers: { ...etag(document.version), location: `/documents/${doc.id}/versions/${version.number}` } };
    }),
  );

  router.add(
    'GET',
    '/documents/{id}/versions/{n}',
    authed(async (ctx, caller) => {
      const doc = await loadDocument(ctx, caller);
      const version = await store.getVersion(doc.id, versionNumber(ctx), caller.structures);
      if (!version) throw problems.notFound('Version');
      return versionReply(doc, version);
    }),
  );

  router.add(
    'GET',
    '/documents/{id}/versions/{n}/cda',
    authed(async (ctx, caller) => {
      const doc = await loadDocument(ctx, caller);
      const version = await store.getVersion(doc.id, versionNumber(ctx), caller.structures);
      if (!version?.cda) throw problems.notFound(version ? 'CDA (the version was never validated)' : 'Version');
      return { status: 200, text: { contentType: 'application/xml; charset=utf-8', data: version.cda }, headers: etag(doc.version) };
    }),
  );

  /** validate/sign/submit take no body; their Idempotency-Key covers the route only. */
  async function emptyBody(ctx: RequestContext): Promise<Buffer> {
    const raw = await readBody(ctx.req);
    if (raw.length) throw problems.badRequest(`This operation takes no body.`, [issue('', 'unexpected-body', 'Aucun corps attendu.', 'No body expected.')]);
    return raw;
  }

  /** Common preamble of validate/sign/submit: If-Match, current version, expected status. */
  async function lifecycle(ctx: RequestContext, caller: Caller, from: string[], action: string) {
    const expected = requireIfMatch(ctx.req);
    const doc = await loadDocument(ctx, caller);
    const n = versionNumber(ctx);
    const version = await store.getVersion(doc.id, n, caller.structures);
    if (!version) throw problems.notFound('Version');
    if (doc.version !== expected) throw problems.preconditionFailed();
    if (n !== doc.currentVersion) throw problems.conflict('not-current-version', `Only the current version (${doc.currentVersion}) can be ${action}.`);
    if (!from.includes(version.status)) throw problems.conflict('invalid-transition', `Version ${n} is ${version.status}; it cannot be ${action} (needs ${from.join(' or ')}).`);
    const patient = await store.getPatient(doc.patientId, caller.structures);
    if (!patient) throw problems.notFound('Patient');
    return { expected, doc, n, version, patient };
  }

  router.add(
    'POST',
    '/documents/{id}/versions/{n}/validate',
    authed(async (ctx, caller) => idempotent(ctx, caller, await emptyBody(ctx), async () => {
      const { expected, doc, n, version, patient } = await lifecycle(ctx, caller, ['draft', 'validated'], 'validated');
      const prepared = checker.prepare(version.model, doc.setId, patient);
      if (prepared.issues.length) throw problems.unprocessable('invalid-model', 'The document is not valid.', prepared.issues);
      const outcome = await checker.check(doc.type, prepared.model);
      if (!outcome.ok) {
        await store.recordFailedValidation(doc.id, n, outcome.validation, actorOf(ctx, caller));
        throw problems.unprocessable(outcome.validation ? 'conformance-failed' : 'invalid-model', 'The document is not valid.', outcome.issues);
      }
      const result = unwrap(
        await store.transition(doc.id, n, expected, { from: ['draft', 'validated'], to: 'validated', action: 'document.validate', validation: outcome.validation, cda: outcome.xml }, actorOf(ctx, caller)),
        'Document',
      );
      return versionReply(result.document, result.version);
    })),
  );

  router.add(
    'POST',
    '/documents/{id}/versions/{n}/sign',
    authed(async (ctx, caller) => idempotent(ctx, caller, await emptyBody(ctx), async () => {
      const { expected, doc, n, version, patient } = await lifecycle(ctx, caller, ['validated'], 'signed');
      const at = new Date();
      const activity: Activity | undefined =
        caller.professional.activities.find((a) => a.id === caller.activeActivityId) ?? caller.professional.activities.find((a) => a.structureId === patient.structureId);
      const prepared = checker.prepare(version.model, doc.setId, patient, { professional: caller.professional, ...(activity ? { activity } : {}), at });
      if (prepared.issues.length) throw problems.unprocessable('invalid-model', 'The document is not valid.', prepared.issues);
      const outcome = await checker.check(doc.type, prepared.model, at);
      if (!outcome.ok) throw problems.unprocessable('signature-conformance-failed', 'The signed document does not pass the checks.', outcome.issues);
      const result = unwrap(
        await store.transition(
          doc.id,
          n,
          expected,
          { from: ['validated'], to: 'signed', action: 'document.sign', validation: outcome.validation, cda: outcome.xml, signedBy: caller.professional.idNatPs, signedAt: at },
          actorOf(ctx, caller),
        ),
        'Document',
      );
      return versionReply(result.document, result.version);
    })),
  );

  router.add(
    'POST',
    '/documents/{id}/versions/{n}/submit',
    authed(async (ctx, caller) => {
      return idempotent(ctx, caller, await emptyBody(ctx), async () => {
        const { expected, doc, n, patient } = await lifecycle(ctx, caller, ['signed'], 'submitted');
        if (patient.identityStatus !== 'qualified')
          throw problems.unprocessable('identity-not-qualified', 'Only a patient with a qualified identity (INS qualifiée) can be submitted to the DMP.', [
            issue('identityStatus', 'identity-not-qualified', "L'identité du patient n'est pas qualifiée.", "The patient's identity is not qualified."),
          ]);
        const result = unwrap(
          await store.transition(
            doc.id,
            n,
            expected,
            { from: ['signed'], to: 'submitted', action: 'document.submit', queue: true },
            actorOf(ctx, caller),
            async (tx, d) => {
              const rows = await tx.query<{ identity_status: string }>('SELECT identity_status FROM patients WHERE id = $1 FOR UPDATE', [d.patientId]);
              return rows[0]?.identity_status === 'qualified' ? undefined : { type: 'identity-not-qualified', detail: "The patient's identity is no longer qualified." };
            },
          ),
          'Document',
        );
        return versionReply(result.document, result.version);
      });
    }),
  );

  // ------------------------------------------------------------------ audit

  router.add(
    'GET',
    '/audit',
    authed(async (ctx, caller) => {
      const documentId = uuidParam(ctx.url.searchParams.get('documentId'), 'documentId');
      const patientId = uuidParam(ctx.url.searchParams.get('patientId'), 'patientId');
      return {
        status: 200,
        body: await store.listAudit({
          structures: caller.structures,
          ...(documentId ? { documentId } : {}),
          ...(patientId ? { patientId } : {}),
          limit: limitOf(ctx.url),
          after: cursorOf(ctx.url),
        }),
      };
    }),
  );

  // ------------------------------------------------------------------ dispatch

  function problemBody(p: HttpProblem, ctx: { requestId: string; url: URL }) {
    return {
      type: `https://dcc-kit.dev/problems/${p.type}`,
      title: p.title,
      status: p.status,
      ...(p.detail ? { detail: p.detail } : {}),
      instance: ctx.url.pathname,
      requestId: ctx.requestId,
      ...(p.errors?.length ? { errors: p.errors } : {}),
    };
  }

  function send(res: ServerResponse, status: number, headers: Record<string, string>, body?: unknown, text?: Reply['text'], contentType = 'application/json; charset=utf-8'): void {
    for (const [name, value] of Object.entries(headers)) {
      if (name === 'set-cookie') res.setHeader('set-cookie', value.split('\n'));
      else res.setHeader(name, value);
    }
    if (text) {
      res.writeHead(status, { 'content-type': text.contentType });
      res.end(text.data);
    } else if (body !== undefined) {
      res.writeHead(status, { 'content-type': contentType });
      res.end(JSON.stringify(body));
    } else {
      res.writeHead(status);
      res.end();
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const method = req.method ?? 'GET';
    res.setHeader('x-request-id', requestId);
    res.setHeader('dcc-api-version', API_VERSION);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    // The request target is client input: a target URL cannot parse (`//[`, `//x:99999/`) is a 400.
    const url = requestUrl(req.url);
    const matched = url ? router.match(method, url.pathname) : undefined;
    const ctx: RequestContext = {
      req,
      requestId,
      url: url ?? new URL('http://localhost/'),
      params: matched && 'route' in matched ? matched.params : {},
      route: matched && 'route' in matched ? matched.route.template : '(unmatched)',
    };
    let status = 500;
    let errorName: string | undefined;
    try {
      if (!url) throw problems.badRequest('The request target is not a valid path.', [issue('', 'request-target', 'Cible de requête invalide.', 'Invalid request target.')]);
      if (!matched) throw problems.notFound('Route');
      if ('allowed' in matched)
        throw new HttpProblem(405, 'method-not-allowed', 'Méthode non autorisée', `Allowed: ${matched.allowed.join(', ')}.`, undefined, { allow: matched.allowed.join(', ') });
      const reply = await matched.route.handler(ctx);
      status = reply.status;
      send(res, reply.status, reply.headers ?? {}, reply.body, reply.text);
    } catch (error) {
      const p =
        error instanceof HttpProblem
          ? error
          : new HttpProblem(500, 'internal-error', 'Erreur interne', 'An unexpected error occurred; quote the request id when reporting it.');
      // Only the error's class name goes to the log: messages may quote data (SQL values…).
      if (!(error instanceof HttpProblem)) errorName = (error as Error)?.name ?? 'Error';
      status = p.status;
      if (!res.headersSent) send(res, p.status, p.headers, problemBody(p, ctx), undefined, 'application/problem+json; charset=utf-8');
      else res.destroy();
    } finally {
      log({
        level: status >= 500 ? 'error' : 'info',
        requestId,
        method,
        route: ctx.route,
        status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        ...(ctx.actor ? { actor: ctx.actor } : {}),
        ...(errorName ? { error: errorName } : {}),
      });
    }
  }

  /**
   * Last resort: whatever escapes `handle` (a bug in the error path, the logger) is logged by
   * class and code only, never by message (it may quote health data), and answered if it can be.
   */
  function lastResort(error: unknown, res: ServerResponse): void {
    const name = (error as Error | undefined)?.name ?? 'Error';
    const code = (error as { code?: unknown } | undefined)?.code;
    try {
      log({ level: 'error', requestId: String(res.getHeader('x-request-id') ?? ''), method: '', route: '(unhandled)', status: 500, durationMs: 0, error: typeof code === 'string' ? `${name} ${code}` : name });
    } catch {
      // the logger itself failed: nothing more to do than answer
    }
    if (!res.headersSent) {
      res.writeHead(500, { 'content-type': 'application/problem+json; charset=utf-8' });
      res.end(JSON.stringify({ type: 'https://dcc-kit.dev/problems/internal-error', title: 'Erreur interne', status: 500 }));
    } else res.destroy();
  }

  const server = createHttpServer((req, res) => {
    handle(req, res).catch((error: unknown) => lastResort(error, res));
  });
  // A request node:http cannot parse (bad request line, header overflow…) never reaches `handle`:
  // answer 400 (or 431) on the socket if it is still writable, and never let it throw.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') return void socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const body = JSON.stringify({ type: 'https://dcc-kit.dev/problems/invalid-request', title: 'Requête invalide', status });
    socket.end(`HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\ncontent-type: application/problem+json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  const purge = setInterval(() => void store.purgeExpired().catch(() => undefined), 10 * 60_000);
  purge.unref();

  return {
    server,
    router,
    auth,
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
    close() {
      clearInterval(purge);
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
