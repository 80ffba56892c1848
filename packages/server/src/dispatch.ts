// The error boundary between node:http and the router: request ids and common headers, the
// request target parsed as client input, route matching, replies and problems, one log line
// per request, a last-resort handler, and answers to requests node:http cannot parse.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { API_VERSION, HttpProblem, issue, problems, type RequestContext, type Router } from './http.js';
import { errorLabel, type Logger } from './middleware/request-log.js';
import { PROBLEM_CONTENT_TYPE, problemBody, send } from './middleware/problem-response.js';
import { clientOf, type TrafficGuard } from './middleware/rate-limit.js';

/** Routes outside the per-client limits (load balancers poll them; they touch nothing). */
const UNLIMITED_ROUTES = new Set(['/health']);

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request target as a URL, or undefined when it cannot be one (`//[`, `//x:99999/`). */
export function requestUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

export function requestHandler(router: Router, log: Logger, guard?: TrafficGuard): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async function handle(req, res) {
    const started = performance.now();
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const method = req.method ?? 'GET';
    res.setHeader('x-request-id', requestId);
    res.setHeader('dcc-api-version', API_VERSION);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    // The request target is client input: one a URL cannot hold is a 400, inside the boundary.
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
    let release: (() => void) | undefined;
    try {
      if (guard && !UNLIMITED_ROUTES.has(ctx.route)) release = guard.admit(clientOf(req));
      if (!url) throw problems.badRequest('The request target is not a valid path.', [issue('', 'request-target', 'Cible de requête invalide.', 'Invalid request target.')]);
      if (!matched) throw problems.notFound('Route');
      if ('allowed' in matched)
        throw new HttpProblem(405, 'method-not-allowed', 'Méthode non autorisée', `Allowed: ${matched.allowed.join(', ')}.`, undefined, { allow: matched.allowed.join(', ') });
      const reply = await matched.route.handler(ctx);
      status = reply.status;
      if (reply.stream) {
        // A stream waits for events, it does not work: its in-flight slot goes back, and the
        // professional's open streams are bounded instead (TrafficLimits.streamsPerProfessional).
        const endStream = guard?.openStream(ctx.actor ? `ps:${ctx.actor}` : `client:${clientOf(req)}`);
        release?.();
        release = endStream;
        res.writeHead(reply.status, reply.headers ?? {});
        const closed = new AbortController();
        res.on('close', () => closed.abort());
        // The client may have left while the handler ran: 'close' came before the listener, and a
        // feed would poll for nobody, holding its stream slot and keeping the process alive.
        if (res.destroyed || !res.socket || res.socket.destroyed) closed.abort();
        await reply.stream(res, closed.signal);
        res.end();
      } else send(res, reply.status, reply.headers ?? {}, reply.body, reply.text);
    } catch (error) {
      const p =
        error instanceof HttpProblem
          ? error
          : new HttpProblem(500, 'internal-error', 'Erreur interne', 'An unexpected error occurred; quote the request id when reporting it.');
      // Only the error's class and code go to the log: messages may quote data (SQL values…).
      // A 5xx problem raised on purpose (e.g. the conformance engine failing) names its cause.
      if (!(error instanceof HttpProblem)) errorName = errorLabel(error);
      else if (p.status >= 500 && p.cause !== undefined) errorName = errorLabel(p.cause);
      status = p.status;
      if (!res.headersSent) send(res, p.status, p.headers, problemBody(p, ctx), undefined, PROBLEM_CONTENT_TYPE);
      else res.destroy();
    } finally {
      release?.();
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
  };
}

/**
 * Last resort: whatever escapes the handler (a bug in the error path, a throwing logger) is
 * logged by class and code only, never by message (it may quote health data), and answered
 * with a bare 500 if nothing was sent yet.
 */
export function lastResort(log: Logger, error: unknown, res: ServerResponse): void {
  try {
    log({ level: 'error', requestId: String(res.getHeader('x-request-id') ?? ''), method: '', route: '(unhandled)', status: 500, durationMs: 0, error: errorLabel(error) });
  } catch {
    // the logger itself failed: answering is all that is left
  }
  if (!res.headersSent) {
    res.writeHead(500, { 'content-type': PROBLEM_CONTENT_TYPE });
    res.end(JSON.stringify({ type: 'https://dcc-kit.dev/problems/internal-error', title: 'Erreur interne', status: 500 }));
  } else res.destroy();
}

/** Wires the handler on a node:http server: every handler promise caught, clientError answered. */
export function serve(server: Server, router: Router, log: Logger, guard?: TrafficGuard): void {
  const handle = requestHandler(router, log, guard);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => lastResort(log, error, res));
  });
  // A request node:http cannot parse (bad request line, header overflow…) never reaches the
  // handler: answer 400 (431) on the socket while it is writable, and never throw.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') return void socket.destroy();
    const [status, reason] = error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request Timeout'] : [400, 'Bad Request'];
    const body = JSON.stringify({ type: 'https://dcc-kit.dev/problems/invalid-request', title: 'Requête invalide', status });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\ncontent-type: ${PROBLEM_CONTENT_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
}
