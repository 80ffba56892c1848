// The backend's directory routes (GET /directory/practitioners|organizations of packages/server)
// answered in the browser from the simulator's records, for the demo's offline (msw) mode and
// the stories: same query checks (400 naming the parameter), same list shape ({ items,
// nextCursor, total }), an opaque cursor, and the backend's 503 `directory-unavailable` when the
// host says the directory is down. Browser-safe: no Node import, types only.
import type { DirectoryOrganization, DirectoryProfessional } from '@dcc-kit/annuaire';

/** Every active professional and structure, in the backend's shapes (dist/directory-records.js). */
export interface DirectoryRecords {
  practitioners: DirectoryProfessional[];
  organizations: DirectoryOrganization[];
}

export type OfflineDirectoryList = 'practitioners' | 'organizations';

/** An HTTP answer for the host's mock layer to send (`application/problem+json` when status ≥ 400). */
export interface OfflineDirectoryAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

const PROBLEM_BASE = 'https://dcc-kit.dev/problems/';

function problem(status: number, type: string, title: string, detail: string, errors?: unknown[], headers: Record<string, string> = {}): OfflineDirectoryAnswer {
  return { status, body: { type: `${PROBLEM_BASE}${type}`, title, status, detail, ...(errors ? { errors } : {}) }, headers: { 'content-type': 'application/problem+json', ...headers } };
}

const bad = (path: string, fr: string, en: string) =>
  problem(400, 'invalid-request', 'Requête invalide', 'Invalid query.', [{ path, code: 'format', message: { fr, en } }]);

/** What the backend answers when the Annuaire Santé cannot: the editors fall back to manual entry. */
export function directoryUnavailableAnswer(retryAfterSeconds = 30): OfflineDirectoryAnswer {
  return problem(
    503,
    'directory-unavailable',
    'Annuaire indisponible',
    'The national health directory (Annuaire Santé) cannot answer now: enter the professional or structure by hand, or retry later.',
    undefined,
    { 'retry-after': String(retryAfterSeconds) },
  );
}

const norm = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
const words = (q: string) => norm(q).split(/[\s,]+/).filter((w) => w.length > 0).slice(0, 5);

function matchesPractitioner(p: DirectoryProfessional, q: string, params: URLSearchParams): boolean {
  const rpps = params.get('rpps');
  const specialty = params.get('specialty');
  if (rpps && p.rpps !== rpps) return false;
  if (specialty && p.specialty?.code !== specialty) return false;
  if (!q) return true;
  // Typed as the backend reads it: an identifier when it is one, else name words (all of them).
  const compact = q.replace(/\s+/g, '');
  if ([p.idNatPs, p.rpps, p.adeli].includes(compact)) return true;
  const name = norm([p.name.family, p.name.given, p.name.prefix, p.name.suffix].filter(Boolean).join(' '));
  return words(q).every((w) => name.includes(w));
}

function matchesOrganization(o: DirectoryOrganization, q: string, params: URLSearchParams): boolean {
  const finess = params.get('finess');
  const siret = params.get('siret');
  const postalCode = params.get('postalCode');
  if (finess && o.finess !== finess) return false;
  if (siret && o.siret !== siret) return false;
  if (postalCode && !(o.postalCode ?? '').startsWith(postalCode)) return false;
  if (!q) return true;
  const compact = q.replace(/\s+/g, '');
  if ([o.idNatStruct, o.finess, o.siret].includes(compact)) return true;
  return norm(o.name ?? '').includes(norm(q));
}

const encodeCursor = (list: OfflineDirectoryList, query: string, offset: number) => btoa(JSON.stringify([list, query, offset])).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function decodeCursor(cursor: string, list: OfflineDirectoryList): { query: string; offset: number } | undefined {
  try {
    const value: unknown = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')));
    if (Array.isArray(value) && value[0] === list && typeof value[1] === 'string' && Number.isInteger(value[2]) && (value[2] as number) > 0)
      return { query: value[1], offset: value[2] as number };
  } catch {
    // an unreadable cursor is the caller's error, below
  }
  return undefined;
}

/**
 * Answers `GET /directory/{list}?{params}` as the backend does over the simulator: the checks of
 * `q` (2–100 characters), `limit` (1–50, default 10) and `cursor`, the matches, one page.
 */
export function answerDirectorySearch(records: DirectoryRecords, list: OfflineDirectoryList, params: URLSearchParams): OfflineDirectoryAnswer {
  const raw = params.get('limit');
  const limit = raw === null ? 10 : Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) return bad('limit', 'limit hors bornes (1–50).', 'limit out of range (1–50).');
  let query = params.toString();
  let offset = 0;
  const cursor = params.get('cursor');
  if (cursor) {
    const opened = decodeCursor(cursor, list);
    if (!opened) return bad('cursor', 'Curseur invalide.', 'Invalid cursor.');
    ({ query, offset } = opened);
  }
  const search = new URLSearchParams(query);
  const q = search.get('q');
  if (q !== null && (q.trim().length < 2 || q.length > 100)) return bad('q', 'Saisissez de 2 à 100 caractères.', 'Type 2 to 100 characters.');
  const filters = list === 'practitioners' ? ['rpps', 'specialty'] : ['finess', 'siret', 'postalCode'];
  if (q === null && !filters.some((f) => search.get(f))) return bad('q', 'Saisissez un nom ou un identifiant.', 'Give a name or an identifier.');
  const text = q?.trim() ?? '';
  const found: unknown[] =
    list === 'practitioners'
      ? records.practitioners.filter((p) => matchesPractitioner(p, text, search))
      : records.organizations.filter((o) => matchesOrganization(o, text, search));
  const items = found.slice(offset, offset + limit);
  const next = offset + limit < found.length ? encodeCursor(list, query, offset + limit) : null;
  return { status: 200, body: { items, nextCursor: next, total: found.length }, headers: { 'content-type': 'application/json' } };
}
