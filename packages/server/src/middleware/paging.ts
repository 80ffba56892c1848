// Query and path parameters shared by the routes: page size and cursor, UUID ids.
import { issue, problems } from '../http.js';
import { decodeCursor } from '../store/records.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PageQuery {
  limit: number;
  after: number | undefined;
}

/** `limit` (1–100, default 20) and `cursor` of a list request; 400 when malformed. */
export function pageQuery(url: URL): PageQuery {
  return { limit: limitOf(url), after: cursorOf(url) };
}

function limitOf(url: URL): number {
  const raw = url.searchParams.get('limit');
  if (raw === null) return 20;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw problems.badRequest('limit must be an integer between 1 and 100.', [issue('limit', 'range', 'limit hors bornes (1–100).', 'limit out of range (1–100).')]);
  return n;
}

function cursorOf(url: URL): number | undefined {
  const raw = url.searchParams.get('cursor');
  if (raw === null || raw === '') return undefined;
  const s = decodeCursor(raw);
  if (s === undefined) throw problems.badRequest('Invalid cursor.', [issue('cursor', 'format', 'Curseur invalide.', 'Invalid cursor.')]);
  return s;
}

/** A path id: a value that is not a UUID names nothing (undefined → the route answers 404, like any unknown id). */
export function pathId(value: string | undefined): string | undefined {
  return value && UUID.test(value) ? value : undefined;
}

/** An optional UUID query filter; 400 when present and not a UUID. */
export function uuidFilter(value: string | null, name: string): string | undefined {
  if (value === null || value === '') return undefined;
  if (!UUID.test(value)) throw problems.badRequest(`${name} must be a UUID.`, [issue(name, 'format', `${name} doit être un UUID.`, `${name} must be a UUID.`)]);
  return value;
}

/** Version number in a path (1–1,000,000); anything else names no version (404). */
export function versionNumber(value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw problems.notFound('Version');
  return n;
}
