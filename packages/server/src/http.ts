// HTTP plumbing on node:http: problems (RFC 9457), strict JSON bodies with a size limit,
// a router keyed by route templates (the same templates as openapi.json), cookies.
import type { IncomingMessage } from 'node:http';
import type { SchemaIssue } from './validation/ajv-issues.js';

export const API_VERSION = '2026-11-01';
export const MAX_BODY_BYTES = 1024 * 1024;

export interface ProblemIssue extends SchemaIssue {
  layer?: string;
  location?: string;
  /** Where the problem is in the model, as the editors title it (« Programme thérapeutique › Traitement 2 › Fin »). */
  where?: { fr: string; en: string };
}

/** An error that becomes an application/problem+json response. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: ProblemIssue[],
    readonly headers: Record<string, string> = {},
  ) {
    super(title);
  }
}

export const problems = {
  badRequest: (detail: string, errors?: ProblemIssue[]) => new HttpProblem(400, 'invalid-request', 'Requête invalide', detail, errors),
  unauthorized: (detail = 'Authentication required: no valid session or bearer token.') =>
    new HttpProblem(401, 'unauthenticated', 'Non authentifié', detail, undefined, { 'www-authenticate': 'Bearer' }),
  notFound: (what = 'Resource') => new HttpProblem(404, 'not-found', 'Introuvable', `${what} not found.`),
  conflict: (type: string, detail: string) => new HttpProblem(409, type, 'Conflit', detail),
  preconditionFailed: () =>
    new HttpProblem(412, 'stale-version', 'Version périmée', 'If-Match does not match the current version: reload and retry.'),
  preconditionRequired: () =>
    new HttpProblem(428, 'if-match-required', 'If-Match requis', 'This write requires an If-Match header with the ETag last read.'),
  unprocessable: (type: string, detail: string, errors?: ProblemIssue[]) => new HttpProblem(422, type, 'Contenu refusé', detail, errors),
};

export interface RequestContext {
  readonly req: IncomingMessage;
  readonly requestId: string;
  readonly url: URL;
  readonly params: Record<string, string>;
  /** Route template, e.g. /documents/{id}; what the logs show instead of the path. */
  readonly route: string;
  /** idNatPs of the caller once authenticated (logged). */
  actor?: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw text body (e.g. XML) with its content type. */
  text?: { contentType: string; data: string };
  /**
   * A streamed body (Server-Sent Events): written after the status and headers, until the
   * promise settles; `closed` aborts when the client goes away.
   */
  stream?: (res: import('node:http').ServerResponse, closed: AbortSignal) => Promise<void>;
}

export type Handler = (ctx: RequestContext) => Promise<Reply>;

interface Route {
  method: string;
  template: string;
  segments: string[];
  handler: Handler;
}

export class Router {
  readonly routes: Route[] = [];

  add(method: string, template: string, handler: Handler): void {
    this.routes.push({ method, template, segments: template.split('/').slice(1), handler });
  }

  /** The route for a path, or `methods` allowed on it (for 405), or nothing (404). */
  match(method: string, path: string): { route: Route; params: Record<string, string> } | { allowed: string[] } | undefined {
    const parts = path.split('/').slice(1);
    const allowed: string[] = [];
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const seg = route.segments[i]!;
        const part = parts[i]!;
        if (seg.startsWith('{')) {
          try {
            params[seg.slice(1, -1)] = decodeURIComponent(part);
          } catch {
            ok = false;
          }
          if (!part) ok = false;
        } else ok = seg === part;
      }
      if (!ok) continue;
      if (route.method === method) return { route, params };
      allowed.push(route.method);
    }
    return allowed.length ? { allowed } : undefined;
  }
}

const tooLarge = (limit: number) => new HttpProblem(413, 'payload-too-large', 'Corps trop volumineux', `The body exceeds ${limit} bytes.`);

/**
 * The body, refused with 413 as soon as it is known to exceed `limit` (declared length, or bytes
 * received so far): never more than `limit` bytes are kept. The request stream is not destroyed
 * (leaving a `for await` over it would: the socket is reset and the keep-alive connection the
 * client reuses fails); the rest of the body is read and dropped.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      req.resume();
      reject(tooLarge(limit));
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** Deepest nesting a body may have: far above any model, far below what recursion can take. */
export const MAX_JSON_DEPTH = 64;

function depthOf(value: unknown): number {
  // Iterative: a hostile body must not overflow the stack of the code that measures it.
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) max = depth;
    if (max > MAX_JSON_DEPTH) return max;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return max;
}

/** Parses a JSON body strictly: content type, valid UTF-8, syntax (with the error position), nesting depth. */
export function parseJson(req: IncomingMessage, raw: Buffer): unknown {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !type.endsWith('+json'))
    throw new HttpProblem(415, 'unsupported-media-type', 'Type de contenu non supporté', 'The body must be application/json.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw problems.badRequest('The body is not valid UTF-8.', [issue('', 'encoding', 'Corps non UTF-8.', 'The body is not valid UTF-8.')]);
  }
  if (text.trim() === '') throw problems.badRequest('The body is empty; a JSON object is expected.', [issue('', 'json', 'Corps vide.', 'Empty body.')]);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    // V8 says "… at position N" (or "line L column C"): keep the position, never the text.
    const message = String((error as Error).message);
    const position = /position (\d+)/.exec(message)?.[1];
    const lineCol = /line (\d+) column (\d+)/.exec(message);
    const where = position !== undefined ? `position ${position}` : lineCol ? `line ${lineCol[1]} column ${lineCol[2]}` : 'end of input';
    throw problems.badRequest(`Malformed JSON at ${where}.`, [issue('', 'json', `JSON mal formé (${where}).`, `Malformed JSON (${where}).`)]);
  }
  if (depthOf(value) > MAX_JSON_DEPTH)
    throw problems.badRequest(`The body is nested deeper than ${MAX_JSON_DEPTH} levels.`, [issue('', 'depth', 'Imbrication trop profonde.', 'Nested too deeply.')]);
  return value;
}

export function issue(path: string, code: string, fr: string, en: string): ProblemIssue {
  return { path, code, message: { fr, en } };
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !(name in out)) out[name] = part.slice(eq + 1).trim();
  }
  return out;
}

export function cookie(name: string, value: string, options: { maxAge?: number; secure: boolean; path?: string }): string {
  const parts = [`${name}=${value}`, `Path=${options.path ?? '/'}`, 'HttpOnly', 'SameSite=Lax'];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAge))}`);
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

/** `If-Match: "3"` (or W/"3", or 3) → 3; absent → undefined; garbage → -1 (never matches). */
export function ifMatch(req: IncomingMessage): number | undefined {
  const raw = req.headers['if-match'];
  if (raw === undefined) return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(raw);
  return m ? Number(m[1]) : -1;
}

export function requireIfMatch(req: IncomingMessage): number {
  const v = ifMatch(req);
  if (v === undefined) throw problems.preconditionRequired();
  return v;
}

export const etag = (version: number): Record<string, string> => ({ etag: `"${version}"` });
