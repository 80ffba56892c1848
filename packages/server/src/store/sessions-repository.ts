// Sessions: encrypted payloads keyed by a hash of the cookie value. (A pending login lives in
// its own encrypted cookie, never here: anonymous traffic cannot fill this table.)
import type { SqlDriver } from './driver.js';
import { iso, type StoredSession } from './records.js';

export class SessionRepository {
  constructor(private readonly driver: SqlDriver) {}

  async put(id: string, kind: 'session', payload: Buffer, expiresAt: Date): Promise<void> {
    await this.driver.query(
      `INSERT INTO sessions (id, kind, payload, expires_at, created_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload, expires_at = EXCLUDED.expires_at`,
      [id, kind, payload, expiresAt.toISOString()],
    );
  }

  async get(id: string, kind: 'session'): Promise<StoredSession | undefined> {
    const rows = await this.driver.query('SELECT kind, payload, expires_at FROM sessions WHERE id = $1 AND kind = $2 AND expires_at > now()', [id, kind]);
    const r = rows[0];
    if (!r) return undefined;
    return { kind, payload: Buffer.from(r.payload as Uint8Array), expiresAt: new Date(iso(r.expires_at)) };
  }

  async delete(id: string): Promise<void> {
    await this.driver.query('DELETE FROM sessions WHERE id = $1', [id]);
  }

  async purgeExpired(): Promise<void> {
    await this.driver.query('DELETE FROM sessions WHERE expires_at < now()');
  }
}
