// The national health directory behind GET /directory/*: the editors' free-text search turned
// into Annuaire Santé queries (@dcc-kit/annuaire), its paging as an opaque cursor, a short
// in-memory cache (the directory's 17 calls/s are shared by every user of the platform, and
// typing asks the same prefixes again), and every directory failure as ONE 503 problem type so
// that the editors fall back to manual entry.
import {
  AnnuaireClient,
  isAnnuaireError,
  type DirectoryOrganization,
  type DirectoryPage,
  type DirectoryProfessional,
  type OrganizationQuery,
  type PractitionerQuery,
} from '@dcc-kit/annuaire';
import { checkAdeli, checkFiness, checkIdNatPs, checkIdNatStruct, checkRpps, checkSiret } from '@dcc-kit/cda/identity';
import { HttpProblem, issue, problems } from '../http.js';

export interface DirectoryOptions {
  /** FHIR base URL (DCC_ANNUAIRE_URL). Without it every search answers 503 directory-unavailable. */
  url?: string;
  /** ESANTE-API-KEY (DCC_ANNUAIRE_API_KEY). */
  apiKey?: string;
  /** Seconds a result is reused (DCC_ANNUAIRE_CACHE_SECONDS, default 60; 0 = no cache). */
  cacheSeconds?: number;
  /** Deadline of one directory call in ms (default 5 000: someone is typing). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface DirectoryList<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

export interface PractitionerSearch {
  q?: string;
  rpps?: string;
  specialty?: string;
  limit: number;
  cursor?: string;
}
export interface OrganizationSearch {
  q?: string;
  finess?: string;
  siret?: string;
  postalCode?: string;
  limit: number;
  cursor?: string;
}

type Kind = 'p' | 'o';

const CACHE_ENTRIES = 500;

/** One problem type for "the directory cannot answer": the editors switch to manual entry on it. */
export function directoryUnavailable(retryAfterSeconds?: number): HttpProblem {
  return new HttpProblem(
    503,
    'directory-unavailable',
    'Annuaire indisponible',
    'The national health directory (Annuaire Santé) cannot answer now: enter the professional or structure by hand, or retry later.',
    undefined,
    { 'retry-after': String(Math.max(1, Math.min(retryAfterSeconds ?? 30, 300))) },
  );
}

const bad = (path: string, fr: string, en: string) => problems.badRequest('Invalid query.', [issue(path, 'format', fr, en)]);

export class DirectoryService {
  private readonly client: AnnuaireClient | undefined;
  private readonly cacheMs: number;
  private readonly cache = new Map<string, { at: number; value: DirectoryList<unknown> }>();

  constructor(
    options: DirectoryOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.client = options.url
      ? new AnnuaireClient({
          baseUrl: options.url,
          ...(options.apiKey ? { apiKey: options.apiKey } : {}),
          ...(options.fetch ? { fetch: options.fetch } : {}),
          timeoutMs: options.timeoutMs ?? 5000,
          // The user waits: one retry, and never a wait longer than 3 s.
          maxRetries: 1,
          retryMaxMs: 3000,
        })
      : undefined;
    this.cacheMs = (options.cacheSeconds ?? 60) * 1000;
  }

  get configured(): boolean {
    return this.client !== undefined;
  }

  searchPractitioners(search: PractitionerSearch, signal?: AbortSignal): Promise<DirectoryList<DirectoryProfessional>> {
    const client = this.requireClient();
    if (search.cursor) return this.cached(`p|${search.cursor}|${search.limit}`, () => client.practitionersPage(this.openCursor(search.cursor as string, 'p'), signal ? { signal } : {}), 'p');
    const query = practitionerQuery(search);
    return this.cached(`p|${JSON.stringify(query)}|${search.limit}`, () => client.searchPractitioners(query, { count: search.limit, ...(signal ? { signal } : {}) }), 'p');
  }

  searchOrganizations(search: OrganizationSearch, signal?: AbortSignal): Promise<DirectoryList<DirectoryOrganization>> {
    const client = this.requireClient();
    if (search.cursor) return this.cached(`o|${search.cursor}|${search.limit}`, () => client.organizationsPage(this.openCursor(search.cursor as string, 'o'), signal ? { signal } : {}), 'o');
    const query = organizationQuery(search);
    return this.cached(`o|${JSON.stringify(query)}|${search.limit}`, () => client.searchOrganizations(query, { count: search.limit, ...(signal ? { signal } : {}) }), 'o');
  }

  private requireClient(): AnnuaireClient {
    if (!this.client) throw directoryUnavailable();
    return this.client;
  }

  private async cached<T>(key: string, call: () => Promise<DirectoryPage<T>>, kind: Kind): Promise<DirectoryList<T>> {
    const t = this.now();
    const hit = this.cache.get(key);
    if (hit && t - hit.at < this.cacheMs) return hit.value as DirectoryList<T>;
    let page: DirectoryPage<T>;
    try {
      page = await call();
    } catch (error) {
      throw this.problemOf(error);
    }
    const value: DirectoryList<T> = { items: page.items, nextCursor: page.next ? this.cursorOf(page.next, kind) : null, ...(page.total !== undefined ? { total: page.total } : {}) };
    if (this.cacheMs > 0) {
      this.cache.set(key, { at: t, value });
      if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    }
    return value;
  }

  /** The next-page link as an opaque cursor: its path and query under the directory's base, with the kind of list. */
  private cursorOf(next: string, kind: Kind): string {
    const base = (this.client as AnnuaireClient).baseUrl;
    const url = new URL(next, base);
    const relative = url.origin === base.origin && url.pathname.startsWith(base.pathname) ? url.pathname.slice(base.pathname.length) + url.search : '';
    return Buffer.from(JSON.stringify([kind, relative]), 'utf8').toString('base64url');
  }

  private openCursor(cursor: string, kind: Kind): string {
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      decoded = undefined;
    }
    if (!Array.isArray(decoded) || decoded[0] !== kind || typeof decoded[1] !== 'string' || decoded[1] === '' || decoded[1].startsWith('/') || decoded[1].includes('..'))
      throw bad('cursor', 'Curseur invalide.', 'Invalid cursor.');
    return new URL(decoded[1], (this.client as AnnuaireClient).baseUrl).href;
  }

  private problemOf(error: unknown): unknown {
    if (!isAnnuaireError(error)) return error;
    if (error.kind === 'bad-request' && error.status === 410) return bad('cursor', 'Page expirée : relancez la recherche.', 'Page expired: search again.');
    // Unauthorized (our key), bad-request (our query) and aborted are the platform's side, not the user's: same fallback.
    return directoryUnavailable(error.retryAfterSeconds);
  }
}

const words = (q: string) => q.split(/[\s,]+/).filter((w) => w.length > 0).slice(0, 5);

/** The free text typed in a picker: an identifier when it looks like one, else name words. */
export function practitionerQuery(search: PractitionerSearch): PractitionerQuery {
  const query: PractitionerQuery = {};
  const q = search.q?.trim() ?? '';
  if (/^\d{11}$/.test(q) && checkRpps(q) === undefined) query.rpps = q;
  else if (/^[80]\S{9,11}$/.test(q) && checkIdNatPs(q) === undefined) query.idNatPs = q;
  else if (/^(\d{2}|2[AB])\d{7}$/.test(q) && checkAdeli(q) === undefined) query.adeli = q;
  else if (q) query.name = words(q);
  if (search.rpps) query.rpps = search.rpps;
  if (search.specialty) query.specialty = search.specialty;
  return query;
}

export function organizationQuery(search: OrganizationSearch): OrganizationQuery {
  const query: OrganizationQuery = {};
  const q = search.q?.trim() ?? '';
  if (/^(\d{2}|2[AB])\d{7}$/.test(q) && checkFiness(q) === undefined) query.finess = q;
  else if (/^\d{14}$/.test(q) && checkSiret(q) === undefined) query.siret = q;
  else if (/^[13]\S{9,14}$/.test(q) && checkIdNatStruct(q) === undefined) query.idNatStruct = q;
  else if (q) query.name = q;
  if (search.finess) query.finess = search.finess;
  if (search.siret) query.siret = search.siret;
  if (search.postalCode) query.postalCode = search.postalCode;
  return query;
}

/** Query-string checks of the two routes: bad input names its parameter. */
export function readPractitionerSearch(params: URLSearchParams): PractitionerSearch {
  const q = params.get('q') ?? undefined;
  const rpps = params.get('rpps') || undefined;
  const specialty = params.get('specialty') || undefined;
  if (q !== undefined && (q.trim().length < 2 || q.length > 100)) throw bad('q', 'Saisissez de 2 à 100 caractères.', 'Type 2 to 100 characters.');
  if (rpps !== undefined && checkRpps(rpps) !== undefined) throw bad('rpps', 'N° RPPS invalide (11 chiffres, clé de Luhn).', 'Invalid RPPS number (11 digits, Luhn key).');
  if (specialty !== undefined && !/^[A-Z0-9_]{1,12}$/.test(specialty)) throw bad('specialty', 'Code de spécialité invalide (ex. SM36).', 'Invalid specialty code (e.g. SM36).');
  const cursor = params.get('cursor') || undefined;
  if (!cursor && q === undefined && !rpps && !specialty) throw bad('q', 'Saisissez un nom ou un identifiant.', 'Give a name or an identifier.');
  return { ...(q !== undefined ? { q } : {}), ...(rpps ? { rpps } : {}), ...(specialty ? { specialty } : {}), limit: limitOf(params), ...(cursor ? { cursor } : {}) };
}

export function readOrganizationSearch(params: URLSearchParams): OrganizationSearch {
  const q = params.get('q') ?? undefined;
  const finess = params.get('finess') || undefined;
  const siret = params.get('siret') || undefined;
  const postalCode = params.get('postalCode') || undefined;
  if (q !== undefined && (q.trim().length < 2 || q.length > 100)) throw bad('q', 'Saisissez de 2 à 100 caractères.', 'Type 2 to 100 characters.');
  if (finess !== undefined && checkFiness(finess) !== undefined) throw bad('finess', 'N° FINESS invalide (9 caractères, clé de Luhn).', 'Invalid FINESS number (9 characters, Luhn key).');
  if (siret !== undefined && checkSiret(siret) !== undefined) throw bad('siret', 'N° SIRET invalide (14 chiffres, clé de Luhn).', 'Invalid SIRET number (14 digits, Luhn key).');
  if (postalCode !== undefined && !/^(\d{2,5}|2[AB]\d{0,3})$/.test(postalCode)) throw bad('postalCode', 'Code postal invalide.', 'Invalid postal code.');
  const cursor = params.get('cursor') || undefined;
  if (!cursor && q === undefined && !finess && !siret && !postalCode) throw bad('q', 'Saisissez un nom ou un identifiant.', 'Give a name or an identifier.');
  return {
    ...(q !== undefined ? { q } : {}),
    ...(finess ? { finess } : {}),
    ...(siret ? { siret } : {}),
    ...(postalCode ? { postalCode } : {}),
    limit: limitOf(params),
    ...(cursor ? { cursor } : {}),
  };
}

function limitOf(params: URLSearchParams): number {
  const raw = params.get('limit');
  if (raw === null) return 10;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 50) throw problems.badRequest('limit must be an integer between 1 and 50.', [issue('limit', 'range', 'limit hors bornes (1–50).', 'limit out of range (1–50).')]);
  return n;
}
