// The Idempotency-Key protocol of creations and lifecycle actions: same key + same body →
// the stored response (Idempotent-Replayed: true); same key + another body or route → 422;
// a key still in progress → 409 with Retry-After until its lease runs out (a crashed
// request's key is then free again). Refusals (4xx) are stored like successes; 5xx release
// the key. Stored responses may hold patient data: they are sealed with the server key.
//
// A route whose request changes state records its answer through `key.record(tx, reply)` in
// the transaction of that change (the services take it as their `InTransaction` hook): the
// change and its answer commit together, so a process killed at any point leaves either
// neither (the retry runs the request again once the lease has run out) or both (the retry
// gets the replay) — never a committed signature whose retry answers 412. Only the request
// holding the key may answer it: one that outlived its lease, whose key another request took
// over, has its change rolled back and answers 409 like any request finding the key busy.
import { createHash } from 'node:crypto';
import { HttpProblem, issue, problems, type Reply, type RequestContext } from '../http.js';
import type { Caller } from '../auth/auth.js';
import type { SessionCipher } from '../secrets.js';
import type { SqlExecutor } from '../store/driver.js';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import { problemBody } from './problem-response.js';

/** What a route is given to answer its key in the transaction of the change it answers. */
export interface KeyCompletion {
  /**
   * Inside `tx`, as its last write: stores `reply` as the key's answer (nothing without a key).
   * Throws (rolling the change back) when the key is no longer this request's.
   */
  record(tx: SqlExecutor, reply: Reply): Promise<void>;
}

export type Idempotent = (ctx: RequestContext, caller: Caller, raw: Buffer, run: (key: KeyCompletion) => Promise<Reply>) => Promise<Reply>;

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

const WITHOUT_KEY: KeyCompletion = { record: async () => undefined };

/** The key was taken over by another request while this one ran past its lease. */
class KeyTakenOver extends Error {}

const inProgress = (retryAfterSeconds: number): HttpProblem => {
  const problem = problems.conflict('idempotency-key-in-progress', 'A request with this Idempotency-Key is still being processed: retry after Retry-After seconds.');
  return new HttpProblem(problem.status, problem.type, problem.title, problem.detail, undefined, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) });
};

export function idempotency(keys: IdempotencyRepository, { cipher, leaseMs, now }: IdempotencyOptions): Idempotent {
  return async (ctx, caller, raw, run) => {
    const key = ctx.req.headers['idempotency-key'];
    if (key === undefined) return run(WITHOUT_KEY);
    if (typeof key !== 'string' || key.length < 1 || key.length > 200)
      throw problems.badRequest('Idempotency-Key must be 1 to 200 characters.', [issue('Idempotency-Key', 'format', 'Clé invalide.', 'Invalid key.')]);
    const actor = caller.professional.idNatPs;
    const hash = createHash('sha256').update(raw).digest('hex');
    const route = `${ctx.req.method} ${ctx.url.pathname}`;
    const claim = await keys.claim(actor, key, route, hash, now(), leaseMs);
    if (claim.state === 'mismatch') throw problems.unprocessable('idempotency-key-reused', 'This Idempotency-Key was used with another request body or route.');
    if (claim.state === 'pending') throw inProgress(claim.retryAfterMs / 1000);
    if (claim.state === 'replay') {
      const stored = cipher.decrypt<StoredResponse>(claim.sealed);
      // Sealed with another key (DCC_SESSION_KEY changed): the response is lost, say so rather than guess.
      if (!stored) throw problems.conflict('idempotency-key-unreadable', 'The stored response of this Idempotency-Key cannot be read any more: use a new key.');
      return { status: claim.status, body: stored.body, headers: { ...stored.headers, 'idempotent-replayed': 'true' } };
    }
    const { holder } = claim;
    const seal = (response: StoredResponse) => cipher.encrypt(response);
    let recorded = false;
    const completion: KeyCompletion = {
      async record(tx, reply) {
        if (!(await keys.complete(actor, key, holder, reply.status, seal({ body: reply.body, headers: reply.headers ?? {} }), tx))) throw new KeyTakenOver();
        recorded = true;
      },
    };
    try {
      const reply = await run(completion);
      // Recorded in the change's committed transaction; otherwise (a route without one) now.
      if (!recorded) await keys.complete(actor, key, holder, reply.status, seal({ body: reply.body, headers: reply.headers ?? {} }));
      return reply;
    } catch (error) {
      // The other request answers the key; this one's change was rolled back.
      if (error instanceof KeyTakenOver) throw inProgress(1);
      // Both are no-ops when the key was answered in a transaction that committed, or is no longer ours.
      if (error instanceof HttpProblem && error.status < 500) await keys.complete(actor, key, holder, error.status, seal({ body: problemBody(error, ctx), headers: error.headers }));
      else await keys.release(actor, key, holder);
      throw error;
    }
  };
}
