// The Idempotency-Key protocol of creations and lifecycle actions: same key + same body →
// the stored response (Idempotent-Replayed: true); same key + another body or route → 422;
// a key still in progress → 409 with Retry-After until its lease runs out (a crashed
// request's key is then free again). Refusals (4xx) are stored like successes; 5xx release
// the key. Stored responses may hold patient data: they are sealed with the server key.
import { createHash } from 'node:crypto';
import { HttpProblem, issue, problems, type Reply, type RequestContext } from '../http.js';
import type { Caller } from '../auth/auth.js';
import type { SessionCipher } from '../secrets.js';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import { problemBody } from './problem-response.js';

export type Idempotent = (ctx: RequestContext, caller: Caller, raw: Buffer, run: () => Promise<Reply>) => Promise<Reply>;

export interface IdempotencyOptions {
  cipher: SessionCipher;
  /** How long a running request holds its key (ms). */
  leaseMs: number;
  now: () => Date;
}

interface StoredResponse {
  body: unknown;
  headers: Record<string, string>;
}

export function idempotency(keys: IdempotencyRepository, { cipher, leaseMs, now }: IdempotencyOptions): Idempotent {
  return async (ctx, caller, raw, run) => {
    const key = ctx.req.headers['idempotency-key'];
    if (key === undefined) return run();
    if (typeof key !== 'string' || key.length < 1 || key.length > 200)
      throw problems.badRequest('Idempotency-Key must be 1 to 200 characters.', [issue('Idempotency-Key', 'format', 'Clé invalide.', 'Invalid key.')]);
    const actor = caller.professional.idNatPs;
    const hash = createHash('sha256').update(raw).digest('hex');
    const route = `${ctx.req.method} ${ctx.url.pathname}`;
    const claim = await keys.claim(actor, key, route, hash, now(), leaseMs);
    if (claim.state === 'mismatch') throw problems.unprocessable('idempotency-key-reused', 'This Idempotency-Key was used with another request body or route.');
    if (claim.state === 'pending') {
      const retryAfter = String(Math.max(1, Math.ceil(claim.retryAfterMs / 1000)));
      const problem = problems.conflict('idempotency-key-in-progress', 'A request with this Idempotency-Key is still being processed: retry after Retry-After seconds.');
      throw new HttpProblem(problem.status, problem.type, problem.title, problem.detail, undefined, { 'retry-after': retryAfter });
    }
    if (claim.state === 'replay') {
      const stored = cipher.decrypt<StoredResponse>(claim.sealed);
      // Sealed with another key (DCC_SESSION_KEY changed): the response is lost, say so rather than guess.
      if (!stored) throw problems.conflict('idempotency-key-unreadable', 'The stored response of this Idempotency-Key cannot be read any more: use a new key.');
      return { status: claim.status, body: stored.body, headers: { ...stored.headers, 'idempotent-replayed': 'true' } };
    }
    const complete = (status: number, response: StoredResponse) => keys.complete(actor, key, status, cipher.encrypt(response));
    try {
      const reply = await run();
      await complete(reply.status, { body: reply.body, headers: reply.headers ?? {} });
      return reply;
    } catch (error) {
      if (error instanceof HttpProblem && error.status < 500) await complete(error.status, { body: problemBody(error, ctx), headers: error.headers });
      else await keys.release(actor, key);
      throw error;
    }
  };
}
