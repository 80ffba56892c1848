// Idempotency keys: per professional, the route and body hash of the first request, then its
// response sealed with the server key (the repository only stores bytes); kept 24 hours.
// A key whose request is still running holds a lease: once it has run out (the process that
// held it crashed) the next request with the same key takes the key over and runs.
import type { SqlDriver } from './driver.js';
import type { IdempotencyClaim } from './records.js';

export class IdempotencyRepository {
  constructor(private readonly driver: SqlDriver) {}

  /** `now` and `leaseMs` come from the server's clock and configuration (tests drive them). */
  async claim(actor: string, key: string, route: string, bodyHash: string, now: Date, leaseMs: number): Promise<IdempotencyClaim> {
    const inserted = await this.driver.query(
      `INSERT INTO idempotency_keys (actor, key, route, body_hash, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (actor, key) DO NOTHING RETURNING key`,
      [actor, key, route, bodyHash, now],
    );
    if (inserted.length) return { state: 'new' };
    const rows = await this.driver.query('SELECT route, body_hash, status, response, created_at FROM idempotency_keys WHERE actor = $1 AND key = $2', [actor, key]);
    const r = rows[0];
    if (!r) return this.claim(actor, key, route, bodyHash, now, leaseMs);
    if (r.route !== route || r.body_hash !== bodyHash) return { state: 'mismatch' };
    if (r.status === null || r.status === undefined) {
      const leaseEnd = new Date(r.created_at as string | Date).getTime() + leaseMs;
      if (leaseEnd > now.getTime()) return { state: 'pending', retryAfterMs: leaseEnd - now.getTime() };
      // The lease ran out: take the key over, unless another request just did (its lease is then fresh).
      const taken = await this.driver.query(
        'UPDATE idempotency_keys SET created_at = $3 WHERE actor = $1 AND key = $2 AND status IS NULL AND created_at <= $4 RETURNING key',
        [actor, key, now, new Date(now.getTime() - leaseMs)],
      );
      return taken.length ? { state: 'new' } : this.claim(actor, key, route, bodyHash, now, leaseMs);
    }
    return { state: 'replay', status: Number(r.status), sealed: Buffer.from(r.response as Uint8Array) };
  }

  async complete(actor: string, key: string, status: number, sealed: Buffer): Promise<void> {
    await this.driver.query('UPDATE idempotency_keys SET status = $3, response = $4 WHERE actor = $1 AND key = $2', [actor, key, status, sealed]);
  }

  async release(actor: string, key: string): Promise<void> {
    await this.driver.query('DELETE FROM idempotency_keys WHERE actor = $1 AND key = $2 AND status IS NULL', [actor, key]);
  }

  async purgeExpired(): Promise<void> {
    await this.driver.query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours'`);
  }
}
