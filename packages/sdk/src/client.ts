// createDccClient: the platform API grouped by resource. No global state: everything hangs off the returned object.

import { GENERATED_API_VERSION } from './generated/api.js';
import { DccPreconditionFailedError } from './errors.js';
import { paginate, type Page, type PagedAsyncIterable } from './pagination.js';
import type { TokenProvider } from './token-provider.js';
import {
  createTransport,
  randomId,
  type CallOptions,
  type DccResponse,
  type IdempotentOptions,
  type RequestInfo,
  type RequestSpec,
  type ResponseInfo,
  type RetryOptions,
  type WriteOptions,
} from './transport.js';
import type {
  AuditEvent,
  AuditListQuery,
  Document,
  DocumentCreate,
  DocumentListQuery,
  Health,
  LogoutResult,
  Patient,
  PatientInput,
  PatientListQuery,
  Session,
  Version,
  VersionCreate,
  VersionListQuery,
  VersionSummary,
  DmpPatientStatus,
  Submission,
  SubmissionEvent,
  SubmissionList,
  SubmitRequest,
  VisibilityChange,
  DirectoryOrganization,
  DirectoryProfessional,
  OrganizationSearchQuery,
  PractitionerSearchQuery,
  IdentityState,
  IdentityValidationInput,
  InsiSearchOutcome,
  InsiVerifyOutcome,
  IndicatorsQuery,
  IndicatorsReport,
} from './types.js';
import { followEvents, type FollowOptions, type ServerSentEvent } from './event-stream.js';

/** The API version this SDK was generated for (sent as `DCC-API-Version`). */
export const API_VERSION: string = GENERATED_API_VERSION;

export interface DccClientOptions {
  /** Base URL of the platform API, e.g. `https://dcc.example.fr/api`. */
  baseUrl: string;
  /** fetch to use; defaults to the global one (Node 18+, browsers). No polyfill is installed. */
  fetch?: typeof fetch;
  /** Bearer tokens (vendor backends). Omit in the browser behind the platform's BFF and use `credentials`. */
  tokenProvider?: TokenProvider;
  /** fetch `credentials`; `'include'` sends the `dcc_session` cookie cross-origin (BFF on another origin). */
  credentials?: RequestCredentials;
  /** `DCC-API-Version` to ask for; defaults to {@link API_VERSION}. */
  apiVersion?: string;
  retry?: RetryOptions;
  /** Deadline of each call in ms, retries included (default: none). */
  timeoutMs?: number;
  /** Default `X-DCC-Activity` (activity / structure acted for) for bearer callers. */
  activityId?: string;
  /** Called before each attempt with the method, redacted URL and attempt number. */
  onRequest?: (info: RequestInfo) => void;
  /** Called after each attempt with the status, request id and duration. */
  onResponse?: (info: ResponseInfo) => void;
}

export interface ListOptions extends CallOptions {
  /** Page size (1–100, server default 20). */
  limit?: number;
}

/** Options of creating POSTs: an Idempotency-Key makes them retryable. */
export type CreateOptions = IdempotentOptions;
/** Options of lifecycle POSTs on an existing version (validate, sign, submit). */
export type TransitionOptions = WriteOptions & Pick<IdempotentOptions, 'idempotencyKey'>;
/** Options of submit: the optional body chooses visibility flags and MSSanté recipients. */
export type SubmitOptions = TransitionOptions & { body?: SubmitRequest };

function segment(value: string | number, name: string): string {
  const text = String(value);
  if (text === '') throw new TypeError(`${name} must not be empty`);
  return encodeURIComponent(text);
}

function versionNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new TypeError('version number must be a positive integer');
  return String(n);
}

function requireIfMatch(options: WriteOptions | undefined, operation: string): string {
  if (!options || typeof options.ifMatch !== 'string' || options.ifMatch === '') {
    throw new TypeError(`${operation}: options.ifMatch (the ETag last read) is required`);
  }
  return options.ifMatch;
}

export function createDccClient(options: DccClientOptions) {
  const transport = createTransport({ ...options, apiVersion: options.apiVersion ?? API_VERSION });
  const send = <T>(spec: RequestSpec) => transport.request<T>(spec);

  function list<T>(path: string, query: Record<string, string | number | boolean | undefined>, opts: ListOptions = {}): PagedAsyncIterable<T> {
    return paginate<T>(
      async (cursor, limit) =>
        (await send<Page<T>>({ method: 'GET', path, query: { ...query, limit, cursor }, options: opts })).data,
      { limit: opts.limit },
    );
  }

  const patients = {
    /** POST /patients (201). Retried safely: an Idempotency-Key is generated unless given. */
    create: (body: PatientInput, opts: CreateOptions = {}): Promise<DccResponse<Patient>> =>
      send({ method: 'POST', path: '/patients', body, idempotencyKey: opts.idempotencyKey ?? randomId(), options: opts }),
    get: async (id: string, opts?: CallOptions): Promise<DccResponse<Patient>> =>
      send({ method: 'GET', path: `/patients/${segment(id, 'patient id')}`, options: opts }),
    /** Patients of the caller's structures; `for await` over items or `.byPage()`. */
    list: (query: PatientListQuery = {}, opts?: ListOptions): PagedAsyncIterable<Patient> =>
      list<Patient>('/patients', { ins: query.ins }, { ...opts, ...(query.limit === undefined ? {} : { limit: query.limit }) }),
    /** PUT /patients/{id} with If-Match. */
    update: async (id: string, body: PatientInput, opts: WriteOptions): Promise<DccResponse<Patient>> =>
      send({ method: 'PUT', path: `/patients/${segment(id, 'patient id')}`, body, ifMatch: requireIfMatch(opts, 'patients.update'), options: opts }),
  };

  /** The identity lifecycle of a patient (identity-auth.md §1.5): writes take the patient's ETag (If-Match). */
  const identity = {
    /** GET /patients/{id}/identity: status, its criteria (who, when), INS/traits cross-checks, whether submittable and why not. */
    get: async (patientId: string, opts?: CallOptions): Promise<DccResponse<IdentityState>> =>
      send({ method: 'GET', path: `/patients/${segment(patientId, 'patient id')}/identity`, options: opts }),
    /** POST …/identity/insi-search: INSi by the patient's traits; one identity found is applied (INS and traits from INSi). */
    searchInsi: async (patientId: string, opts: WriteOptions): Promise<DccResponse<InsiSearchOutcome>> =>
      send({ method: 'POST', path: `/patients/${segment(patientId, 'patient id')}/identity/insi-search`, ifMatch: requireIfMatch(opts, 'identity.searchInsi'), options: opts }),
    /** POST …/identity/insi-verify: INSi vérification of the stored INS and traits (KO removes the INSi criterion). */
    verifyInsi: async (patientId: string, opts: WriteOptions): Promise<DccResponse<InsiVerifyOutcome>> =>
      send({ method: 'POST', path: `/patients/${segment(patientId, 'patient id')}/identity/insi-verify`, ifMatch: requireIfMatch(opts, 'identity.verifyInsi'), options: opts }),
    /** POST …/identity/validation: the calling professional saw a high-trust identity document. */
    recordDocument: async (patientId: string, body: IdentityValidationInput, opts: WriteOptions): Promise<DccResponse<IdentityState>> =>
      send({ method: 'POST', path: `/patients/${segment(patientId, 'patient id')}/identity/validation`, body, ifMatch: requireIfMatch(opts, 'identity.recordDocument'), options: opts }),
  };

  const versionPath = (id: string, n: number) => `/documents/${segment(id, 'document id')}/versions/${versionNumber(n)}`;
  const transition = (action: 'validate' | 'sign' | 'submit') =>
    async (id: string, n: number, opts: TransitionOptions): Promise<DccResponse<Version>> =>
      send({
        method: 'POST',
        path: `${versionPath(id, n)}/${action}`,
        ifMatch: requireIfMatch(opts, `documents.${action}`),
        idempotencyKey: opts.idempotencyKey ?? randomId(),
        options: opts,
      });

  const documents = {
    /** POST /documents → version 1, status draft. */
    create: (body: DocumentCreate, opts: CreateOptions = {}): Promise<DccResponse<Document>> =>
      send({ method: 'POST', path: '/documents', body, idempotencyKey: opts.idempotencyKey ?? randomId(), options: opts }),
    get: async (id: string, opts?: CallOptions): Promise<DccResponse<Document>> =>
      send({ method: 'GET', path: `/documents/${segment(id, 'document id')}`, options: opts }),
    list: (query: DocumentListQuery = {}, opts?: ListOptions): PagedAsyncIterable<Document> =>
      list<Document>(
        '/documents',
        { patientId: query.patientId, type: query.type, status: query.status },
        { ...opts, ...(query.limit === undefined ? {} : { limit: query.limit }) },
      ),
    /**
     * POST /documents/{id}/versions (If-Match: the document's ETag) → new immutable draft version. Not retried
     * automatically: the server takes no Idempotency-Key here, and If-Match already stops a duplicate (412).
     */
    saveVersion: async (id: string, body: VersionCreate, opts: WriteOptions): Promise<DccResponse<Version>> =>
      send({
        method: 'POST',
        path: `/documents/${segment(id, 'document id')}/versions`,
        body,
        ifMatch: requireIfMatch(opts, 'documents.saveVersion'),
        options: opts,
      }),
    /**
     * POST /documents/{id}/versions with a reason: the new version replaces the signed one (CDA relatedDocument
     * RPLC). The server sets setId, versionNumber (signed + 1) and replaces from the signed CDA; `reason` is a code
     * of JDV_MotifMiseAJour_CISIS (e.g. `{ code: 'MED-560' }`). 422 (DccValidationError) when the reason is missing
     * or the model contradicts the replaced version; 412 on a stale If-Match. Not retried automatically.
     */
    replaceSigned: async (
      id: string,
      body: { model: VersionCreate['model']; replacementReason: NonNullable<VersionCreate['replacementReason']> },
      opts: WriteOptions,
    ): Promise<DccResponse<Version>> => {
      if (!body.replacementReason?.reason?.code) throw new TypeError('documents.replaceSigned: replacementReason.reason.code is required');
      return send({
        method: 'POST',
        path: `/documents/${segment(id, 'document id')}/versions`,
        body,
        ifMatch: requireIfMatch(opts, 'documents.replaceSigned'),
        options: opts,
      });
    },
    getVersion: async (id: string, n: number, opts?: CallOptions): Promise<DccResponse<Version>> =>
      send({ method: 'GET', path: versionPath(id, n), options: opts }),
    listVersions: (id: string, query: VersionListQuery = {}, opts?: ListOptions): PagedAsyncIterable<VersionSummary> =>
      list<VersionSummary>(`/documents/${segment(id, 'document id')}/versions`, {}, {
        ...opts,
        ...(query.limit === undefined ? {} : { limit: query.limit }),
      }),
    /** Full model validation + CDA build + 7 conformance layers; 422 (DccValidationError) lists the issues. */
    validate: transition('validate'),
    /** The caller becomes legal authenticator; the CDA is rebuilt, re-checked and stored. */
    sign: transition('sign'),
    /**
     * Queues a signed version of a qualified-identity patient for DMP/MSSanté sending; `opts.body`
     * chooses the visibility flags and the MSSanté recipients.
     */
    submit: async (id: string, n: number, opts: SubmitOptions): Promise<DccResponse<Version>> =>
      send({
        method: 'POST',
        path: `${versionPath(id, n)}/submit`,
        ...(opts.body ? { body: opts.body } : {}),
        ifMatch: requireIfMatch(opts, 'documents.submit'),
        idempotencyKey: opts.idempotencyKey ?? randomId(),
        options: opts,
      }),
    /** GET …/cda → the CDA XML (signed, or last built). */
    getCda: async (id: string, n: number, opts?: CallOptions): Promise<DccResponse<string>> =>
      send({ method: 'GET', path: `${versionPath(id, n)}/cda`, responseType: 'text', accept: 'application/xml', options: opts }),
  };

  const audit = {
    list: (query: AuditListQuery = {}, opts?: ListOptions): PagedAsyncIterable<AuditEvent> =>
      list<AuditEvent>(
        '/audit',
        { documentId: query.documentId, patientId: query.patientId, kind: query.kind, actor: query.actor },
        { ...opts, ...(query.limit === undefined ? {} : { limit: query.limit }) },
      ),
  };

  const dmpAction = (action: 'archive' | 'unarchive' | 'delete') =>
    async (id: string, n: number, opts?: CallOptions): Promise<DccResponse<Submission>> =>
      send({ method: 'POST', path: `${versionPath(id, n)}/dmp/${action}`, options: opts });

  const submissions = {
    /** GET …/versions/{n}/submissions: the version's DMP and MSSanté submissions with their states. */
    forVersion: async (id: string, n: number, opts?: CallOptions): Promise<DccResponse<SubmissionList>> =>
      send({ method: 'GET', path: `${versionPath(id, n)}/submissions`, options: opts }),
    /** POST /submissions/{id}/retry: a parked submission goes back to the queue. */
    retry: async (submissionId: string, opts?: CallOptions): Promise<DccResponse<Submission>> =>
      send({ method: 'POST', path: `/submissions/${segment(submissionId, 'submission id')}/retry`, options: opts }),
    /** GET /patients/{id}/dmp: the patient's DMP status, asked live (TD0.2). */
    patientDmpStatus: async (patientId: string, opts?: CallOptions): Promise<DccResponse<DmpPatientStatus>> =>
      send({ method: 'GET', path: `/patients/${segment(patientId, 'patient id')}/dmp`, options: opts }),
    /** Mask/unmask to professionals; make visible to the patient or legal representatives (irreversible). */
    changeVisibility: async (id: string, n: number, body: VisibilityChange, opts?: CallOptions): Promise<DccResponse<Submission>> =>
      send({ method: 'POST', path: `${versionPath(id, n)}/dmp/visibility`, body, options: opts }),
    archive: dmpAction('archive'),
    unarchive: dmpAction('unarchive'),
    delete: dmpAction('delete'),
    /**
     * The change feed (GET /events, Server-Sent Events) as an async iterator; reconnects with
     * Last-Event-ID after a drop; ends when `follow.signal` aborts.
     */
    events: (follow: FollowOptions = {}): AsyncIterable<ServerSentEvent<SubmissionEvent>> =>
      followEvents<SubmissionEvent>(
        {
          baseUrl: transport.baseUrl,
          apiVersion: options.apiVersion ?? API_VERSION,
          ...(options.fetch ? { fetch: options.fetch } : {}),
          ...(options.tokenProvider ? { tokenProvider: options.tokenProvider } : {}),
          ...(options.credentials ? { credentials: options.credentials } : {}),
          ...(options.activityId ? { activityId: options.activityId } : {}),
        },
        follow,
      ),
  };

  /** One page of a directory search: the first, or the one after `cursor`. */
  const directoryPage = <T>(path: string, query: Record<string, string | number | undefined>, cursor: string | undefined, opts?: CallOptions) =>
    send<Page<T> & { total?: number }>({ method: 'GET', path, query: cursor ? { cursor, limit: query.limit } : query, options: opts });

  const directory = {
    /**
     * GET /directory/practitioners: professionals of the Annuaire Santé by name or identifier typed
     * (`q`), RPPS or specialty. `for await` over every match, `.byPage()` for pages, or
     * `.page()` for one page with `total` (a picker's first screen). A 503 `directory-unavailable`
     * (DccError with `problem.type`) means: offer manual entry. `opts.signal` cancels.
     */
    practitioners: (query: PractitionerSearchQuery, opts?: ListOptions): PagedAsyncIterable<DirectoryProfessional> & {
      page: (cursor?: string) => Promise<DccResponse<Page<DirectoryProfessional> & { total?: number }>>;
    } => {
      const q = { q: query.q, rpps: query.rpps, specialty: query.specialty, limit: query.limit ?? opts?.limit };
      return {
        ...paginate<DirectoryProfessional>(async (cursor, limit) => (await directoryPage<DirectoryProfessional>('/directory/practitioners', { ...q, limit: limit ?? q.limit }, cursor, opts)).data, { limit: q.limit }),
        page: (cursor?: string) => directoryPage<DirectoryProfessional>('/directory/practitioners', q, cursor, opts),
      };
    },
    /** GET /directory/organizations: structures by name or identifier typed (`q`), FINESS, SIRET or postal code. */
    organizations: (query: OrganizationSearchQuery, opts?: ListOptions): PagedAsyncIterable<DirectoryOrganization> & {
      page: (cursor?: string) => Promise<DccResponse<Page<DirectoryOrganization> & { total?: number }>>;
    } => {
      const q = { q: query.q, finess: query.finess, siret: query.siret, postalCode: query.postalCode, limit: query.limit ?? opts?.limit };
      return {
        ...paginate<DirectoryOrganization>(async (cursor, limit) => (await directoryPage<DirectoryOrganization>('/directory/organizations', { ...q, limit: limit ?? q.limit }, cursor, opts)).data, { limit: q.limit }),
        page: (cursor?: string) => directoryPage<DirectoryOrganization>('/directory/organizations', q, cursor, opts),
      };
    },
  };

  const indicatorsQuery = (q: IndicatorsQuery) => ({ from: q.from, to: q.to, finess: q.finess, center3c: q.center3c });
  const indicators = {
    /** GET /indicators: the figures of the period (every month × volet in `months`, the groups having data in `rows`). */
    get: async (query: IndicatorsQuery, opts?: CallOptions): Promise<IndicatorsReport> =>
      (await send<IndicatorsReport>({ method: 'GET', path: '/indicators', query: indicatorsQuery(query), options: opts })).data,
    /**
     * GET /indicators as the CSV of a regional report (UTF-8, `;`, CRLF), BOM included so the
     * text saved as a file opens with its accents in French spreadsheet software (fetch's text
     * decoding drops the BOM the server sends; it is put back here).
     */
    csv: async (query: IndicatorsQuery, opts?: CallOptions): Promise<string> => {
      const text = (await send<string>({ method: 'GET', path: '/indicators', query: { ...indicatorsQuery(query), format: 'csv' }, responseType: 'text', accept: 'text/csv', options: opts })).data;
      return text.startsWith('\uFEFF') ? text : `\uFEFF${text}`;
    },
  };

  const session = {
    /** GET /auth/session: the BFF cookie session (a bearer caller has none: 401). */
    get: (opts?: CallOptions): Promise<DccResponse<Session>> => send({ method: 'GET', path: '/auth/session', options: opts }),
    /** PUT /auth/session/activity: picks the activity (structure) to act for. */
    selectActivity: (activityId: string, opts?: CallOptions): Promise<DccResponse<Session>> =>
      send({ method: 'PUT', path: '/auth/session/activity', body: { activityId }, options: opts }),
    /** POST /auth/logout → `{ endSessionUrl }`: send the browser there to end the PSC session too. */
    logout: (opts?: CallOptions): Promise<DccResponse<LogoutResult>> =>
      send({ method: 'POST', path: '/auth/logout', options: opts }),
  };

  return {
    baseUrl: transport.baseUrl,
    apiVersion: options.apiVersion ?? API_VERSION,
    patients,
    identity,
    documents,
    audit,
    submissions,
    directory,
    indicators,
    session,
    /** GET /health (no auth needed). */
    health: (opts?: CallOptions): Promise<DccResponse<Health>> => send({ method: 'GET', path: '/health', options: opts }),
  };
}

export type DccClient = ReturnType<typeof createDccClient>;

/**
 * Optimistic-concurrency loop for writes: reads the current state, lets `write` re-apply the change on it with the
 * fresh ETag, and on 412 (someone saved in between) starts again, up to `maxAttempts` (default 3). `write` must
 * rebuild the change from the data it is given, never resend a stale body, or the other writer's change is lost.
 */
export async function retryOnPreconditionFailed<T, R>(
  read: () => Promise<DccResponse<T>>,
  write: (current: DccResponse<T> & { etag: string }) => Promise<R>,
  { maxAttempts = 3 }: { maxAttempts?: number } = {},
): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const current = await read();
    if (current.etag === undefined) throw new TypeError('retryOnPreconditionFailed: the read response has no ETag');
    try {
      return await write({ ...current, etag: current.etag });
    } catch (error) {
      if (!(error instanceof DccPreconditionFailedError) || error.preconditionRequired || attempt >= maxAttempts) throw error;
    }
  }
}
