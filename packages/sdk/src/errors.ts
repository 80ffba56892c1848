// Errors of the SDK. One base class with what a caller or a support engineer needs (status, request id, the
// server's problem details, method and a redacted URL) and subclasses only where callers act differently.
// Never carried: the Authorization header, cookies, tokens, request bodies, query values other than paging ones.

/** A message in both UI languages, as the platform returns it. */
export interface LocalizedMessage {
  fr: string;
  en: string;
}

/** One field-level issue of a problem (`errors[]`). `path` is a field path of the request body. */
export interface DccFieldError {
  path: string;
  code: string;
  message: LocalizedMessage;
  /** Conformance layer, for errors of the ANS conformance engine. */
  layer?: string;
  /** XPath-like location in the CDA, for conformance errors. */
  location?: string;
}

/** RFC 9457 problem details as returned by the platform (`application/problem+json`). */
export interface DccProblem {
  type: string;
  title: string;
  status?: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: DccFieldError[];
}

export interface DccErrorInit {
  message: string;
  method: string;
  /** Full request URL; stored redacted. */
  url: string;
  status?: number | undefined;
  requestId?: string | undefined;
  problem?: DccProblem | undefined;
  cause?: unknown;
}

/** Query parameters whose values are kept in error URLs: paging and enumerations, never identifiers or tokens. */
const SAFE_QUERY_PARAMS = new Set(['limit', 'type', 'status']);

/**
 * The URL without credentials, fragment, or query values other than paging/enumeration ones (an `ins` search value
 * is health data; `cursor`, `code`, `token`, `id_token_hint`… may be secrets).
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '[unparseable URL]';
  }
  parsed.username = '';
  parsed.password = '';
  parsed.hash = '';
  const redacted = new URLSearchParams();
  for (const [key, value] of parsed.searchParams) {
    redacted.append(key, SAFE_QUERY_PARAMS.has(key) ? value : 'REDACTED');
  }
  parsed.search = redacted.toString();
  return parsed.href;
}

/** Base class of every error the SDK throws. Check `error.name` or `instanceof`. */
export class DccError extends Error {
  override name = 'DccError';
  /** HTTP status; undefined when no response was received. */
  readonly status: number | undefined;
  /** The server's X-Request-Id (quote it to support). */
  readonly requestId: string | undefined;
  /** Problem details from the server, when the response had some. */
  readonly problem: DccProblem | undefined;
  readonly method: string;
  /** Request URL with query values, credentials and fragment redacted. */
  readonly url: string;

  constructor(init: DccErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.requestId = init.requestId;
    this.problem = init.problem;
    this.method = init.method;
    this.url = redactUrl(init.url);
  }

  /** Safe to log: no cause chain, no headers, no body. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      requestId: this.requestId,
      method: this.method,
      url: this.url,
      problem: this.problem,
    };
  }
}

/** 401: no valid session or token (after one forced token refresh and replay). Log in again. */
export class DccAuthenticationError extends DccError {
  override name = 'DccAuthenticationError';
}

/** 404: unknown, or belonging to a structure the caller does not act for. */
export class DccNotFoundError extends DccError {
  override name = 'DccNotFoundError';
}

/** 409: wrong lifecycle transition (e.g. signing a draft), closed document, duplicate INS; `problem.type` tells which. */
export class DccConflictError extends DccError {
  override name = 'DccConflictError';
}

/**
 * 412 (If-Match stale: someone saved in between) or 428 (If-Match missing). Re-read the resource, re-apply the
 * change, write with the new ETag — see `retryOnPreconditionFailed`.
 */
export class DccPreconditionFailedError extends DccError {
  override name = 'DccPreconditionFailedError';
  /** The current ETag when the server sent one with the 412. */
  readonly currentEtag: string | undefined;
  /** True for 428 (the request had no If-Match at all). */
  readonly preconditionRequired: boolean;

  constructor(init: DccErrorInit & { currentEtag?: string | undefined }) {
    super(init);
    this.currentEtag = init.currentEtag;
    this.preconditionRequired = init.status === 428;
  }
}

/** 400 / 422: the body was refused; `fieldErrors` lists every issue with its field path. */
export class DccValidationError extends DccError {
  override name = 'DccValidationError';
  readonly fieldErrors: DccFieldError[];

  constructor(init: DccErrorInit) {
    super(init);
    this.fieldErrors = init.problem?.errors ?? [];
  }
}

/** 429 after the retries allowed (or with a Retry-After longer than the retry policy's maximum delay). */
export class DccRateLimitError extends DccError {
  override name = 'DccRateLimitError';
  /** Seconds the server asked to wait, when it said so. */
  readonly retryAfter: number | undefined;

  constructor(init: DccErrorInit & { retryAfter?: number | undefined }) {
    super(init);
    this.retryAfter = init.retryAfter;
  }
}

/** No HTTP response (DNS, connection refused or reset, CORS refusal in a browser…) after the retries allowed. */
export class DccNetworkError extends DccError {
  override name = 'DccNetworkError';
}

/**
 * The call's `timeoutMs` elapsed (across retries). Its name is `TimeoutError`, like the DOMException of
 * `AbortSignal.timeout()`.
 */
export class DccTimeoutError extends DccError {
  override name = 'TimeoutError';
}

/**
 * The caller's AbortSignal fired. Its name is `AbortError`, so the usual `err.name === 'AbortError'` checks keep
 * working; `cause` is the signal's reason.
 */
export class DccAbortError extends DccError {
  override name = 'AbortError';
}

function messageOf(method: string, url: string, status: number, problem: DccProblem | undefined): string {
  const what = problem ? `${problem.title}${problem.detail ? ` — ${problem.detail}` : ''}` : 'no problem details';
  const count = problem?.errors?.length ? ` (${problem.errors.length} field error${problem.errors.length > 1 ? 's' : ''})` : '';
  return `${method} ${redactUrl(url)} failed with HTTP ${status}: ${what}${count}`;
}

/** Maps an HTTP error response to the matching error class. */
export function errorFromResponse(args: {
  method: string;
  url: string;
  status: number;
  requestId: string | undefined;
  problem: DccProblem | undefined;
  etag?: string | undefined;
  retryAfter?: number | undefined;
}): DccError {
  const { method, url, status, requestId, problem } = args;
  const init: DccErrorInit = { message: messageOf(method, url, status, problem), method, url, status, requestId, problem };
  switch (status) {
    case 400:
    case 422:
      return new DccValidationError(init);
    case 401:
      return new DccAuthenticationError(init);
    case 404:
      return new DccNotFoundError(init);
    case 409:
      return new DccConflictError(init);
    case 412:
    case 428:
      return new DccPreconditionFailedError({ ...init, currentEtag: args.etag });
    case 429:
      return new DccRateLimitError({ ...init, retryAfter: args.retryAfter });
    default:
      return new DccError(init);
  }
}

/** Reads a problem+json (or JSON) body defensively: anything not shaped like a problem gives undefined. */
export function asProblem(value: unknown): DccProblem | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.title !== 'string' && typeof v.type !== 'string') return undefined;
  const errors = Array.isArray(v.errors)
    ? v.errors
        .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null && typeof (e as { path?: unknown }).path === 'string')
        .map((e) => {
          const message = e.message as Partial<LocalizedMessage> | string | undefined;
          const issue: DccFieldError = {
            path: String(e.path),
            code: typeof e.code === 'string' ? e.code : 'unknown',
            message:
              typeof message === 'string'
                ? { fr: message, en: message }
                : { fr: String(message?.fr ?? ''), en: String(message?.en ?? '') },
          };
          if (typeof e.layer === 'string') issue.layer = e.layer;
          if (typeof e.location === 'string') issue.location = e.location;
          return issue;
        })
    : undefined;
  const problem: DccProblem = {
    type: typeof v.type === 'string' ? v.type : 'about:blank',
    title: typeof v.title === 'string' ? v.title : '',
  };
  if (typeof v.status === 'number') problem.status = v.status;
  if (typeof v.detail === 'string') problem.detail = v.detail;
  if (typeof v.instance === 'string') problem.instance = v.instance;
  if (typeof v.requestId === 'string') problem.requestId = v.requestId;
  if (errors) problem.errors = errors;
  return problem;
}
