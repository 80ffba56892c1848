// Idempotency keys: per professional, the route and body hash of the first request, then its
// response sealed with the server key (the repository only stores bytes); kept 24 hours.
// A key whose request is still running holds a lease and names its holder: once the lease has
// run out (the process that held it crashed) the next request with the same key takes the key
// over and becomes its holder. The answer is written by the holder only, in the transaction of
// the change it answers when there is one (complete(…, tx)), so a crash can never leave a change
// committed and its key unanswered.
import { randomUUID } from 'node:crypto';
import type { SqlDriver, SqlExecutor } from './driver.js';
import type { IdempotencyClaim } from './records.js';

export class IdempotencyRepository {
  constructor(private readonly driver: SqlDriver) {}

  /** `now` and `leaseMs` come from the server's clock and configuration (tests drive them). */
  async claim(actor: string, key: string, route: string, bodyHash: string, now: Date, leaseMs: number): Promise<IdempotencyClaim> {
    const holder = randomUUID();
    const inserted = await this.driver.query(
      `INSERT INTO idempotency_keys (actor, key, route, body_hash, created_at, holder) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (actor, key) DO NOTHING RETURNING key`,
      [actor, key, route, bodyHash, now, holder],
    );
    if (inserted.length) return { state: 'new', holder };
    const rows = await this.driver.query('SELECT route, body_hash, status, response, created_at FROM idempotency_keys WHERE actor = $1 AND key = $2', [actor, key]);
    const r = rows[0];
    if (!r) return this.claim(actor, key, route, bodyHash, now, leaseMs);
    if (r.route !== route || r.body_hash !== bodyHash) return { state: 'mismatch' };
    if (r.status === null || r.status === undefined) {
      const leaseEnd = new Date(r.created_at as string | Date).getTime() + leaseMs;
      if (leaseEnd > now.getTime()) return { state: 'pending', retryAfterMs: leaseEnd - now.getTime() };
      // The lease ran out: take the key over, unless another request just did (its lease is then fresh).
      const taken = await this.driver.query(
        'UPDATE idempotency_keys SET created_at = $3, holder = $5 WHERE actor = $1 AND key = $2 AND status IS NULL AND created_at <= $4 RETURNING key',
        [actor, key, now, new Date(now.getTime() - leaseMs), holder],
      );
      return taken.length ? { state: 'new', holder } : this.claim(actor, key, route, bodyHash, now, leaseMs);
    }
    return { state: 'replay', status: Number(r.status), sealed: Buffer.from(r.response as Uint8Array) };
  }

  /**
   * Stores the answer if `holder` still holds the key, unanswered; in `tx` when given (the
   * transaction of the change answered). False when the key is no longer this holder's.
   */
  async complete(actor: string, key: string, holder: string, status: number, sealed: Buffer, tx: SqlExecutor = this.driver): Promise<boolean> {
    const rows = await tx.query(
      'UPDATE idempotency_keys SET status = $4, response = $5 WHERE actor = $1 AND key = $2 AND holder = $3 AND status IS NULL RETURNING key',
      [actor, key, holder, status, sealed],
    );
    return rows.length > 0;
  }

  /** Frees the key (the request failed on the server's side) if `holder` still holds it, unanswered. */
  async release(actor: string, key: string, holder: string): Promise<void> {
    await this.driver.query('DELETE FROM idempotency_keys WHERE actor = $1 AND key = $2 AND holder = $3 AND status IS NULL', [actor, key, holder]);
  }

  async purgeExpired(): Promise<void> {
    await this.driver.query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours'`);
  }
}
