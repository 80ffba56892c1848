// A thin typed fetch layer over the Annuaire Santé FHIR R4 API (spec §4): the searches the
// editors need, the ESANTE-API-KEY header, `link[rel=next]` paging (bounded, same origin only:
// the key never leaves for another host), the documented 17 calls/s (sliding window) with retries
// on 429/5xx/network that honour Retry-After, AbortSignal, and typed errors.
// No dependency: the API is plain GET + JSON, a FHIR client library would add weight, not safety.
import { AnnuaireError } from './errors.js';
import { isBundle, isOperationOutcome, SYSTEMS, type Bundle, type Organization, type Practitioner, type PractitionerRole } from './fhir.js';
import { mapOrganization, mapPractitioner, referenceId, type DirectoryOrganization, type DirectoryProfessional } from './mapping.js';
import { backoffMs, parseRetryAfter, RateLimiter, realTiming, type Timing } from './throttle.js';

/** Production base URL (v2), spec §4.1. */
export const ANNUAIRE_PRODUCTION_URL = 'https://gateway.api.esante.gouv.fr/fhir/v2';
/** The API key header, spec §4.1. */
export const API_KEY_HEADER = 'ESANTE-API-KEY';
/** The documented limit: 17 calls per second per application (spec §4.1). */
export const DOCUMENTED_RATE = 17;

export interface AnnuaireClientOptions {
  /** FHIR base URL, e.g. {@link ANNUAIRE_PRODUCTION_URL} or the simulator's `baseUrl`. */
  baseUrl: string;
  /** Sent as `ESANTE-API-KEY`. */
  apiKey?: string;
  fetch?: typeof fetch;
  /** Clock (ms since the epoch) and sleep; tests inject fakes so that nothing waits. */
  timing?: Timing;
  /** Jitter source in [0, 1) for the back-off (default Math.random). */
  random?: () => number;
  /** Calls in any second, at most (default the documented 17). */
  rate?: number;
  /** Retries after a 429, a 5xx or a network failure (default 3). */
  maxRetries?: number;
  /** First back-off delay in ms (default 250), doubled at each retry, jittered. */
  retryBaseMs?: number;
  /** Longest single wait in ms, Retry-After included (default 10 000): beyond it the call fails as rate-limited. */
  retryMaxMs?: number;
  /** Deadline of each attempt in ms (default 10 000; the server's own is 30 s). */
  timeoutMs?: number;
  /** Pages followed at most by the `*All` iterators (default 20). */
  maxPages?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** `_count`: results per page (the API's default is 50). */
  count?: number;
}

export interface PractitionerQuery {
  /** RPPS (11 digits). */
  rpps?: string;
  /** ADELI (9 characters). */
  adeli?: string;
  /** IdNat_PS (`8`+RPPS, `0`+ADELI). */
  idNatPs?: string;
  family?: string;
  given?: string;
  /**
   * Any part of the name, as typed (FHIR string search: a name part starts with it, case and
   * accent insensitive). Several words: one `name` parameter each, all must match (AND).
   */
  name?: string | readonly string[];
  /** Ordinal specialty (TRE_R38 code such as `SM36`, or `system|code`). */
  specialty?: string;
  /** Profession (TRE_G15 code such as `10`, or `system|code`). */
  profession?: string;
  /** Only active entries (default true). */
  active?: boolean;
}

export interface OrganizationQuery {
  /** FINESS (EG or EJ), 9 characters. */
  finess?: string;
  /** SIRET, 14 digits. */
  siret?: string;
  /** IdNat_Struct (`1`+FINESS, `3`+SIRET). */
  idNatStruct?: string;
  /** Part of the name (`name:contains`, case insensitive). */
  name?: string;
  city?: string;
  /** Postal code or its start (`78` = département). */
  postalCode?: string;
  active?: boolean;
}

export interface DirectoryPage<T> {
  items: T[];
  /** Bundle.total, when the directory gives it (it may omit it on heavy string searches, §4.6). */
  total?: number;
  /** Absolute URL of the next page (`link[rel=next]`), to pass to the matching `*Page` method. */
  next?: string;
}

type Params = [string, string][];

export class AnnuaireClient {
  readonly baseUrl: URL;
  private readonly apiKey: string | undefined;
  private readonly fetchImpl: typeof fetch;
  private readonly timing: Timing;
  private readonly random: () => number;
  private readonly limiter: RateLimiter;
  private readonly maxRetries: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly timeoutMs: number;
  readonly maxPages: number;

  constructor(options: AnnuaireClientOptions) {
    let base: URL;
    try {
      base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    } catch {
      throw new TypeError('AnnuaireClient: baseUrl must be an absolute URL.');
    }
    if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new TypeError('AnnuaireClient: baseUrl must be http(s).');
    this.baseUrl = base;
    this.apiKey = options.apiKey;
    this.fetchImpl = options.fetch ?? ((...args) => globalThis.fetch(...args));
    this.timing = options.timing ?? realTiming;
    this.random = options.random ?? Math.random;
    this.limiter = new RateLimiter(options.rate ?? DOCUMENTED_RATE, this.timing);
    this.maxRetries = options.maxRetries ?? 3;
    this.retryBaseMs = options.retryBaseMs ?? 250;
    this.retryMaxMs = options.retryMaxMs ?? 10_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxPages = options.maxPages ?? 20;
  }

  // ---- professionals ----

  /** Practitioners matching `query`, each with the structures of its roles (two calls: §4.3's pattern). */
  async searchPractitioners(query: PractitionerQuery, options: CallOptions = {}): Promise<DirectoryPage<DirectoryProfessional>> {
    return this.practitionerPage(await this.search('Practitioner', practitionerParams(query, options.count), options.signal), options.signal);
  }

  /** The page after `next` (from a previous {@link searchPractitioners}). */
  async practitionersPage(next: string, options: CallOptions = {}): Promise<DirectoryPage<DirectoryProfessional>> {
    return this.practitionerPage(await this.follow(next, options.signal), options.signal);
  }

  /** Every match, page after page, at most `maxPages` pages. */
  async *allPractitioners(query: PractitionerQuery, options: CallOptions = {}): AsyncGenerator<DirectoryProfessional> {
    yield* this.everyPage(await this.searchPractitioners(query, options), (next) => this.practitionersPage(next, options));
  }

  // ---- structures ----

  async searchOrganizations(query: OrganizationQuery, options: CallOptions = {}): Promise<DirectoryPage<DirectoryOrganization>> {
    return organizationPage(await this.search('Organization', organizationParams(query, options.count), options.signal));
  }

  async organizationsPage(next: string, options: CallOptions = {}): Promise<DirectoryPage<DirectoryOrganization>> {
    return organizationPage(await this.follow(next, options.signal));
  }

  async *allOrganizations(query: OrganizationQuery, options: CallOptions = {}): AsyncGenerator<DirectoryOrganization> {
    yield* this.everyPage(await this.searchOrganizations(query, options), (next) => this.organizationsPage(next, options));
  }

  /** The items of `first` and of the pages after it, at most `maxPages` pages. */
  private async *everyPage<T>(first: DirectoryPage<T>, following: (next: string) => Promise<DirectoryPage<T>>): AsyncGenerator<T> {
    let page = first;
    for (let n = 1; ; n++) {
      yield* page.items;
      if (!page.next || n >= this.maxPages) return;
      page = await following(page.next);
    }
  }

  // ---- raw FHIR ----

  /** GET {base}/{type}?params → the searchset Bundle. */
  search(type: 'Practitioner' | 'PractitionerRole' | 'Organization', params: Params, signal?: AbortSignal): Promise<Bundle> {
    const url = new URL(type, this.baseUrl);
    for (const [k, v] of params) url.searchParams.append(k, v);
    return this.get(url, signal);
  }

  /** GET a `link[rel=next]` URL; refused unless it is on the directory's own origin (the API key goes with it). */
  follow(next: string, signal?: AbortSignal): Promise<Bundle> {
    let url: URL;
    try {
      url = new URL(next, this.baseUrl);
    } catch {
      throw new AnnuaireError('bad-request', 'Annuaire: the next-page link is not a URL.');
    }
    if (url.origin !== this.baseUrl.origin) throw new AnnuaireError('bad-request', 'Annuaire: the next-page link leaves the directory’s origin.');
    return this.get(url, signal);
  }

  private async practitionerPage(bundle: Bundle, signal?: AbortSignal): Promise<DirectoryPage<DirectoryProfessional>> {
    const entries = bundle.entry ?? [];
    const practitioners = entries.map((e) => e.resource).filter((r): r is Practitioner => r?.resourceType === 'Practitioner');
    const roles = entries.map((e) => e.resource).filter((r): r is PractitionerRole => r?.resourceType === 'PractitionerRole');
    const included = entries.map((e) => e.resource).filter((r): r is Organization => r?.resourceType === 'Organization');
    const organizations = new Map(included.filter((o) => o.id).map((o) => [o.id as string, o]));
    const missing = [...new Set(roles.map((r) => referenceId(r.organization?.reference, 'Organization')).filter((id): id is string => !!id && !organizations.has(id)))];
    // One call per 50 structures: the ids go in one `_id` parameter (comma = OR).
    for (let i = 0; i < missing.length; i += 50) {
      const ids = missing.slice(i, i + 50);
      const orgs = await this.search('Organization', [['_id', ids.join(',')], ['_count', String(ids.length)]], signal);
      for (const e of orgs.entry ?? []) if (e.resource?.resourceType === 'Organization' && e.resource.id) organizations.set(e.resource.id, e.resource);
    }
    const items = practitioners.map((p) => mapPractitioner(p, roles, organizations)).filter((p): p is DirectoryProfessional => p !== undefined);
    return pageOf(bundle, items);
  }

  private async get(url: URL, signal?: AbortSignal): Promise<Bundle> {
    const headers: Record<string, string> = { accept: 'application/fhir+json, application/json' };
    if (this.apiKey) headers[API_KEY_HEADER] = this.apiKey;
    for (let attempt = 0; ; attempt++) {
      await this.limiter.take(signal).catch((e) => rethrowAbort(e, signal));
      const attemptSignal = signal ? AbortSignal.any([signal, AbortSignal.timeout(this.timeoutMs)]) : AbortSignal.timeout(this.timeoutMs);
      let retryable: AnnuaireError;
      try {
        const response = await this.fetchImpl(url, { headers, signal: attemptSignal });
        const result = await this.read(response);
        if (!(result instanceof AnnuaireError)) return result;
        if (!result.transient) throw result;
        retryable = result;
      } catch (error) {
        if (signal?.aborted) throw abortError(signal);
        if (error instanceof AnnuaireError) throw error;
        const timedOut = attemptSignal.aborted;
        retryable = new AnnuaireError('unavailable', timedOut ? 'Annuaire: no answer within the deadline.' : 'Annuaire: the directory could not be reached.', { cause: error });
      }
      if (attempt >= this.maxRetries) throw retryable;
      const wait = backoffMs(attempt + 1, retryable.retryAfterSeconds, { baseMs: this.retryBaseMs, maxMs: Number.POSITIVE_INFINITY, random: this.random });
      // A Retry-After longer than we may wait: fail now rather than hold the user's search.
      if (wait > this.retryMaxMs) throw retryable;
      await this.timing.sleep(wait, signal).catch((e) => rethrowAbort(e, signal));
    }
  }

  /** The Bundle, or the typed error of a non-2xx answer (transient ones are retried by the caller). */
  private async read(response: Response): Promise<Bundle | AnnuaireError> {
    const body: unknown = await response.json().catch(() => undefined);
    const outcome = isOperationOutcome(body) ? body : undefined;
    const status = response.status;
    if (response.ok) {
      if (isBundle(body) && body.type === 'searchset') return body;
      return new AnnuaireError('unavailable', `Annuaire: HTTP ${status} without a searchset Bundle.`, { status });
    }
    const details = { status, ...(outcome ? { outcome } : {}) };
    if (status === 429) {
      const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'), this.timing.now());
      return new AnnuaireError('rate-limited', 'Annuaire: rate limit reached (HTTP 429).', { ...details, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) });
    }
    if (status === 401 || status === 403) return new AnnuaireError('unauthorized', `Annuaire: API key missing or refused (HTTP ${status}).`, details);
    if (status >= 500) return new AnnuaireError('unavailable', `Annuaire: HTTP ${status}.`, details);
    return new AnnuaireError('bad-request', `Annuaire: query refused (HTTP ${status}).`, details);
  }
}

function abortError(signal: AbortSignal): AnnuaireError {
  return new AnnuaireError('aborted', 'Annuaire: search aborted.', { cause: signal.reason });
}

function rethrowAbort(error: unknown, signal: AbortSignal | undefined): never {
  if (signal?.aborted) throw abortError(signal);
  throw error;
}

function pageOf<T>(bundle: Bundle, items: T[]): DirectoryPage<T> {
  const next = bundle.link?.find((l) => l.relation === 'next')?.url;
  return { items, ...(typeof bundle.total === 'number' ? { total: bundle.total } : {}), ...(next ? { next } : {}) };
}

function organizationPage(bundle: Bundle): DirectoryPage<DirectoryOrganization> {
  const orgs = (bundle.entry ?? [])
    .filter((e) => e.search?.mode !== 'include')
    .map((e) => e.resource)
    .filter((r): r is Organization => r?.resourceType === 'Organization');
  return pageOf(bundle, orgs.map(mapOrganization));
}

const countParam = (count: number | undefined): Params => {
  if (count === undefined) return [];
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw new RangeError('count must be an integer between 1 and 1000.');
  return [['_count', String(count)]];
};

const coded = (value: string, system: string) => (value.includes('|') ? value : `${system}|${value}`);

export function practitionerParams(query: PractitionerQuery, count?: number): Params {
  const params: Params = [];
  const ids = [query.rpps, query.adeli ? `0${query.adeli}` : undefined, query.idNatPs].filter((v): v is string => !!v);
  if (ids.length > 0) params.push(['identifier', ids.join(',')]);
  if (query.family) params.push(['family', query.family]);
  if (query.given) params.push(['given', query.given]);
  for (const word of typeof query.name === 'string' ? [query.name] : (query.name ?? [])) if (word) params.push(['name', word]);
  if (query.profession) params.push(['qualification-code', coded(query.profession, SYSTEMS.profession)]);
  if (query.specialty) params.push(['qualification-code', coded(query.specialty, SYSTEMS.specialty)]);
  if (query.active !== false) params.push(['active', 'true']);
  params.push(['_revinclude', 'PractitionerRole:practitioner']);
  return [...params, ...countParam(count)];
}

export function organizationParams(query: OrganizationQuery, count?: number): Params {
  const params: Params = [];
  const ids = [
    query.finess ? `${SYSTEMS.finess}|${query.finess}` : undefined,
    query.siret,
    query.idNatStruct,
  ].filter((v): v is string => !!v);
  if (ids.length > 0) params.push(['identifier', ids.join(',')]);
  if (query.name) params.push(['name:contains', query.name]);
  if (query.city) params.push(['address-city', query.city]);
  if (query.postalCode) params.push(['address-postalcode', query.postalCode]);
  if (query.active !== false) params.push(['active', 'true']);
  return [...params, ...countParam(count)];
}
