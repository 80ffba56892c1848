// The request pipeline: headers (API version, auth, concurrency, idempotency, activity), one deadline per call,
// retries with backoff for safe or idempotent requests, one token refresh + replay on 401, error mapping.
// Browser and Node: only fetch, AbortController, setTimeout and crypto.getRandomValues are used.

import {
  DccAbortError,
  DccAuthenticationError,
  DccError,
  DccNetworkError,
  DccTimeoutError,
  asProblem,
  errorFromResponse,
  redactUrl,
  type DccProblem,
} from './errors.js';
import type { TokenProvider } from './token-provider.js';

export interface RetryOptions {
  /** Retries after the first attempt (default 3; 0 disables retries). */
  maxRetries?: number;
  /** First backoff step in ms (default 250); doubles each retry, with full jitter. */
  baseDelayMs?: number;
  /** Upper bound of one backoff delay and of an honoured Retry-After, in ms (default 10 000). */
  maxDelayMs?: number;
}

/** What `onRequest` receives: no headers, no body (they may hold tokens or health data). */
export interface RequestInfo {
  method: string;
  /** Redacted URL (see `redactUrl`). */
  url: string;
  /** 0 for the first try. */
  attempt: number;
}

export interface ResponseInfo extends RequestInfo {
  /** HTTP status, or undefined when the request failed without a response. */
  status: number | undefined;
  requestId: string | undefined;
  durationMs: number;
}

export interface TransportOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  tokenProvider?: TokenProvider;
  credentials?: RequestCredentials;
  apiVersion: string;
  retry?: RetryOptions;
  timeoutMs?: number;
  activityId?: string;
  onRequest?: (info: RequestInfo) => void;
  onResponse?: (info: ResponseInfo) => void;
}

/** Options every operation accepts. */
export interface CallOptions {
  /** Cancels the call (including retries and backoff waits); the SDK then throws DccAbortError. */
  signal?: AbortSignal;
  /** Deadline of the whole call in ms, retries included; overrides the client's `timeoutMs`. */
  timeoutMs?: number;
  /** `X-DCC-Activity`: the activity (structure) acted for, for bearer callers; overrides the client's. */
  activityId?: string;
}

export interface WriteOptions extends CallOptions {
  /** The ETag last read (`If-Match`); required by the server for writes to an existing resource. */
  ifMatch: string;
}

export interface IdempotentOptions extends CallOptions {
  /** `Idempotency-Key`; generated per call when omitted and reused across that call's retries. */
  idempotencyKey?: string;
}

/** A successful response: the body plus what callers need for the next request. */
export interface DccResponse<T> {
  data: T;
  /** The ETag (`"<n>"`) to pass back as `ifMatch` for the next write, when the server sent one. */
  etag: string | undefined;
  requestId: string | undefined;
  status: number;
}

export interface RequestSpec {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  /** Path with its parameters already encoded, e.g. `/patients/0b1…`. */
  path: string;
  query?: Record<string, string | number | boolean | null | undefined>;
  body?: unknown;
  ifMatch?: string;
  idempotencyKey?: string;
  /** `json` (default) or `text` (e.g. the CDA XML). */
  responseType?: 'json' | 'text';
  accept?: string;
  options?: CallOptions | undefined;
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const DEFAULT_RETRY: Required<RetryOptions> = { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 10_000 };

/** A random UUID v4, from crypto.randomUUID when present (secure contexts) or crypto.getRandomValues. */
export function randomId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  if (typeof c?.getRandomValues !== 'function') throw new Error('No Web Crypto available to generate an identifier');
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Retry-After (seconds or HTTP date) in ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Full-jitter exponential backoff: uniform in [0, min(max, base · 2^retry)]. */
export function backoffDelay(retry: number, policy: Required<RetryOptions>, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(random() * ceiling);
}

/** Thrown inside the pipeline to tell the deadline from the caller's abort. */
const TIMEOUT = Symbol('dcc-timeout');

interface CallSignal {
  signal: AbortSignal;
  dispose(): void;
  timedOut(): boolean;
}

/** One signal for the call: the caller's signal plus the deadline. */
function callSignal(userSignal: AbortSignal | undefined, timeoutMs: number | undefined): CallSignal {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  const onAbort = () => controller.abort(userSignal?.reason);
  if (userSignal) {
    if (userSignal.aborted) controller.abort(userSignal.reason);
    else userSignal.addEventListener('abort', onAbort, { once: true });
  }
  if (timeoutMs !== undefined && timeoutMs > 0 && Number.isFinite(timeoutMs)) {
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(TIMEOUT);
    }, timeoutMs);
  }
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      userSignal?.removeEventListener('abort', onAbort);
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Whether a 409 is the server's `idempotency-key-in-progress` problem (read from a clone: the body stays readable). */
async function isKeyInProgress(response: Response): Promise<boolean> {
  if (!isJson(response.headers.get('content-type'))) return false;
  const problem = asProblem(await response.clone().json().catch(() => undefined));
  return /(^|\/)idempotency-key-in-progress$/.test(problem?.type ?? '');
}

function isJson(contentType: string | null): boolean {
  return contentType !== null && /^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType);
}

export interface Transport {
  request<T>(spec: RequestSpec): Promise<DccResponse<T>>;
  readonly baseUrl: string;
}

export function createTransport(options: TransportOptions): Transport {
  const maybeFetch = options.fetch ?? (typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : undefined);
  if (!maybeFetch) {
    throw new TypeError('createDccClient: no fetch implementation found; pass one with the `fetch` option');
  }
  const fetchImpl: typeof fetch = maybeFetch;
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch {
    throw new TypeError('createDccClient: `baseUrl` must be an absolute URL (e.g. https://dcc.example.fr/api)');
  }
  const baseUrl = base.href.replace(/\/+$/, '');
  const policy: Required<RetryOptions> = { ...DEFAULT_RETRY, ...definedOnly(options.retry ?? {}) };

  function buildUrl(spec: RequestSpec): string {
    const url = new URL(`${baseUrl}${spec.path}`);
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    }
    return url.href;
  }

  async function request<T>(spec: RequestSpec): Promise<DccResponse<T>> {
    const url = buildUrl(spec);
    const redacted = redactUrl(url);
    const { method } = spec;
    // Retrying is safe for reads, and for POSTs the server deduplicates by Idempotency-Key.
    const retryable = method === 'GET' || method === 'HEAD' || (method === 'POST' && spec.idempotencyKey !== undefined);
    const call = callSignal(spec.options?.signal, spec.options?.timeoutMs ?? options.timeoutMs);
    const fail = (cause: unknown): DccError => {
      if (call.timedOut()) {
        return new DccTimeoutError({ message: `${method} ${redacted} timed out`, method, url, cause: undefined });
      }
      if (call.signal.aborted) {
        return new DccAbortError({ message: `${method} ${redacted} was aborted`, method, url, cause: call.signal.reason });
      }
      if (cause instanceof DccError) return cause;
      return new DccNetworkError({
        message: `${method} ${redacted} failed without a response: ${cause instanceof Error ? cause.message : 'network error'}`,
        method,
        url,
        cause,
      });
    };

    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    let retries = 0;
    let refreshedAfter401 = false;
    let forceRefresh = false;
    let rejectedToken: string | undefined;
    try {
      for (;;) {
        if (call.signal.aborted) throw call.signal.reason;
        const headers: Record<string, string> = {
          accept: spec.accept ?? (spec.responseType === 'text' ? 'application/xml' : 'application/json, application/problem+json'),
          'dcc-api-version': options.apiVersion,
        };
        if (body !== undefined) headers['content-type'] = 'application/json';
        if (spec.ifMatch !== undefined) headers['if-match'] = spec.ifMatch;
        if (spec.idempotencyKey !== undefined) headers['idempotency-key'] = spec.idempotencyKey;
        const activityId = spec.options?.activityId ?? options.activityId;
        if (activityId !== undefined) headers['x-dcc-activity'] = activityId;
        let token: string | undefined;
        if (options.tokenProvider) {
          try {
            token = await options.tokenProvider.getToken({
              forceRefresh,
              signal: call.signal,
              ...(rejectedToken === undefined ? {} : { rejectedToken }),
            });
          } catch (cause) {
            if (cause instanceof DccError || call.signal.aborted) throw cause;
            // Token errors (e.g. an expired refresh token) end the session: the caller must log in again.
            throw new DccAuthenticationError({ message: `${method} ${redacted}: no access token (${cause instanceof Error ? cause.name : 'error'})`, method, url, cause });
          }
          headers.authorization = `Bearer ${token}`;
        }

        const attempt = retries + (refreshedAfter401 ? 1 : 0);
        options.onRequest?.({ method, url: redacted, attempt });
        const started = Date.now();
        let response: Response;
        try {
          const init: RequestInit = { method, headers, signal: call.signal };
          if (body !== undefined) init.body = body;
          if (options.credentials !== undefined) init.credentials = options.credentials;
          response = await fetchImpl(url, init);
        } catch (cause) {
          options.onResponse?.({ method, url: redacted, attempt, status: undefined, requestId: undefined, durationMs: Date.now() - started });
          if (call.signal.aborted || !retryable || retries >= policy.maxRetries) throw fail(cause);
          await sleep(backoffDelay(retries, policy), call.signal);
          retries++;
          continue;
        }
        const requestId = response.headers.get('x-request-id') ?? undefined;
        options.onResponse?.({ method, url: redacted, attempt, status: response.status, requestId, durationMs: Date.now() - started });

        if (response.status === 401 && options.tokenProvider && !refreshedAfter401) {
          // The token may have been revoked or expired early: refresh once and replay (the server did nothing).
          await response.body?.cancel().catch(() => undefined);
          refreshedAfter401 = true;
          forceRefresh = true;
          rejectedToken = token;
          continue;
        }
        forceRefresh = false;

        // 409 idempotency-key-in-progress: the first request with this key still runs (or its
        // server crashed, and the key is free once its lease ends): wait Retry-After, same key.
        const keyBusy = response.status === 409 && spec.idempotencyKey !== undefined && response.headers.get('retry-after') !== null && (await isKeyInProgress(response));
        if ((RETRYABLE_STATUS.has(response.status) || keyBusy) && retryable && retries < policy.maxRetries) {
          const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
          if (retryAfter === undefined || retryAfter <= policy.maxDelayMs) {
            await response.body?.cancel().catch(() => undefined);
            await sleep(retryAfter ?? backoffDelay(retries, policy), call.signal);
            retries++;
            continue;
          }
        }

        if (!response.ok) {
          let problem: DccProblem | undefined;
          if (isJson(response.headers.get('content-type'))) {
            problem = asProblem(await response.json().catch(() => undefined));
          } else {
            await response.body?.cancel().catch(() => undefined);
          }
          const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
          throw errorFromResponse({
            method,
            url,
            status: response.status,
            requestId: requestId ?? problem?.requestId,
            problem,
            etag: response.headers.get('etag') ?? undefined,
            retryAfter: retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000),
          });
        }

        let data: unknown;
        try {
          if (spec.responseType === 'text') data = await response.text();
          else if (response.status === 204 || method === 'HEAD') data = undefined;
          else data = await response.json();
        } catch (cause) {
          if (call.signal.aborted) throw cause;
          throw new DccError({ message: `${method} ${redacted}: unreadable response body`, method, url, status: response.status, requestId, cause });
        }
        return { data: data as T, etag: response.headers.get('etag') ?? undefined, requestId, status: response.status };
      }
    } catch (error) {
      throw fail(error);
    } finally {
      call.dispose();
    }
  }

  return { request, baseUrl };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
