// HTTP over undici: mutual TLS through an Agent, a timeout, the caller's AbortSignal, and the
// mapping of network failures onto DmpError (timeouts and dropped connections are transient;
// certificate problems are not — retrying cannot fix a configuration).
import { Agent, request, type Dispatcher } from 'undici';
import { DmpError } from '../soap/dmp-error.js';
import type { HttpReply } from '../soap/response.js';

export interface TlsMaterial {
  /** PEM client certificate (IGC-Santé ORG_AUTH_CLI in production). */
  cert: string;
  key: string;
  /** PEM CA(s) the DMP's server certificate must chain to. */
  ca: string;
}

/** An undici Agent presenting a client certificate and trusting only the given CA. */
export function mutualTlsAgent(tls: TlsMaterial, options: { connectTimeoutMs?: number } = {}): Agent {
  return new Agent({ connect: { cert: tls.cert, key: tls.key, ca: tls.ca, rejectUnauthorized: true, timeout: options.connectTimeoutMs ?? 10_000 } });
}

/**
 * The dispatcher a SOAP client sends with: the one it was given (the caller's to close), else a
 * mutual-TLS Agent made from `tls` (the client's to close), else undici's global one. The DMP
 * and INSi clients hold one each.
 */
export class ClientDispatcher {
  readonly dispatcher: Dispatcher | undefined;
  private readonly owned: boolean;

  constructor(options: { dispatcher?: Dispatcher | undefined; tls?: TlsMaterial | undefined }) {
    this.dispatcher = options.dispatcher ?? (options.tls ? mutualTlsAgent(options.tls) : undefined);
    this.owned = !options.dispatcher && !!options.tls;
  }

  /** Closes the Agent made here; a dispatcher that was given is left open. */
  async close(): Promise<void> {
    if (this.owned) await this.dispatcher?.close();
  }
}

const TLS_CODES = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_SIGNATURE_FAILURE', 'ERR_TLS_HANDSHAKE_TIMEOUT']);

function errorCodeOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET' && code !== 'ABORT_ERR') return code;
  }
  return (error as { code?: string } | undefined)?.code;
}

/** The DmpError of a failed exchange (not of an answer: see readSoapAnswer). */
export function networkError(error: unknown): DmpError {
  const code = errorCodeOf(error) ?? 'unknown';
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'ETIMEDOUT') return new DmpError({ code: 'timeout', detail: code, cause: error });
  if (TLS_CODES.has(code) || code.startsWith('ERR_SSL_')) return new DmpError({ code: 'tls', detail: code, cause: error });
  return new DmpError({ code: 'connection', detail: code, cause: error });
}

export interface PostOptions {
  url: string;
  contentType: string;
  body: Uint8Array | string;
  dispatcher?: Dispatcher;
  timeoutMs: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/**
 * POSTs and reads the whole answer. The caller's abort is passed through as-is (their decision,
 * not a DMP failure); our own timeout becomes DmpError 'timeout' (transient).
 */
export async function post(options: PostOptions): Promise<HttpReply> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await request(options.url, {
      method: 'POST',
      headers: { 'content-type': options.contentType, accept: 'multipart/related, application/soap+xml, text/xml', ...options.headers },
      body: typeof options.body === 'string' ? options.body : Buffer.from(options.body.buffer, options.body.byteOffset, options.body.byteLength),
      signal,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
    const body = new Uint8Array(await response.body.arrayBuffer());
    const contentType = response.headers['content-type'];
    return { status: response.statusCode, contentType: (Array.isArray(contentType) ? contentType[0] : contentType) ?? '', body };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason ?? error;
    if (timeout.aborted) throw new DmpError({ code: 'timeout', detail: `no answer within ${options.timeoutMs} ms`, cause: error });
    throw networkError(error);
  }
}
