// The Idempotency-Key protocol of creations and lifecycle actions: same key + same body →
// the stored response (Idempotent-Replayed: true); same key + another body or route → 422;
// a key still in progress → 409. Refusals (4xx) are stored like successes; 5xx release the key.
import { createHash } from 'node:crypto';
import { HttpProblem, issue, problems, type Reply, type RequestContext } from '../http.js';
import type { Caller } from '../auth/auth.js';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import { problemBody } from './problem-response.js';

export type Idempotent = (ctx: RequestContext, caller: Caller, raw: Buffer, run: () => Promise<Reply>) => Promise<Reply>;

export function idempotency(keys: IdempotencyRepository): Idempotent {
  return async (ctx, caller, raw, run) => {
    const key = ctx.req.headers['idempotency-key'];
    if (key === undefined) return run();
    if (typeof key !== 'string' || key.length < 1 || key.length > 200)
      throw problems.badRequest('Idempotency-Key must be 1 to 200 characters.', [issue('Idempotency-Key', 'format', 'Clé invalide.', 'Invalid key.')]);
    const actor = caller.professional.idNatPs;
    const hash = createHash('sha256').update(raw).digest('hex');
    const route = `${ctx.req.method} ${ctx.url.pathname}`;
    const claim = await keys.claim(actor, key, route, hash);
    if (claim.state === 'mismatch') throw problems.unprocessable('idempotency-key-reused', 'This Idempotency-Key was used with another request body or route.');
    if (claim.state === 'pending') throw problems.conflict('idempotency-key-in-progress', 'A request with this Idempotency-Key is still being processed.');
    if (claim.state === 'replay') return { status: claim.status, body: claim.response.body, headers: { ...claim.response.headers, 'idempotent-replayed': 'true' } };
    try {
      const reply = await run();
      await keys.complete(actor, key, reply.status, { body: reply.body, headers: reply.headers ?? {} });
      return reply;
    } catch (error) {
      if (error instanceof HttpProblem && error.status < 500) await keys.complete(actor, key, error.status, { body: problemBody(error, ctx), headers: error.headers });
      else await keys.release(actor, key);
      throw error;
    }
  };
}
