// Idempotency keys: per professional, the route and body hash of the first request, then its
// stored response; kept 24 hours.
import type { SqlDriver } from './driver.js';
import type { IdempotencyClaim } from './records.js';

export class IdempotencyRepository {
  constructor(private readonly driver: SqlDriver) {}

  async claim(actor: string, key: string, route: string, bodyHash: string): Promise<IdempotencyClaim> {
    const inserted = await this.driver.query(
      `INSERT INTO idempotency_keys (actor, key, route, body_hash, created_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (actor, key) DO NOTHING RETURNING key`,
      [actor, key, route, bodyHash],
    );
    if (inserted.length) return { state: 'new' };
    const rows = await this.driver.query('SELECT route, body_hash, status, response FROM idempotency_keys WHERE actor = $1 AND key = $2', [actor, key]);
    const r = rows[0];
    if (!r) return this.claim(actor, key, route, bodyHash);
    if (r.route !== route || r.body_hash !== bodyHash) return { state: 'mismatch' };
    if (r.status === null || r.status === undefined) return { state: 'pending' };
    return { state: 'replay', status: Number(r.status), response: r.response as { body: unknown; headers: Record<string, string> } };
  }

  async complete(actor: string, key: string, status: number, response: { body: unknown; headers: Record<string, string> }): Promise<void> {
    await this.driver.query('UPDATE idempotency_keys SET status = $3, response = $4::jsonb WHERE actor = $1 AND key = $2', [actor, key, status, JSON.stringify(response)]);
  }

  async release(actor: string, key: string): Promise<void> {
    await this.driver.query('DELETE FROM idempotency_keys WHERE actor = $1 AND key = $2 AND status IS NULL', [actor, key]);
  }

  async purgeExpired(): Promise<void> {
    await this.driver.query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours'`);
  }
}
