// FHIR search over the seeded resources with the parameters of spec §4.2–§4.4 and FHIR R4's
// semantics: string parameters match when a part STARTS WITH the value, ignoring case and
// accents (`:contains`, `:exact` modifiers), a comma is OR inside a parameter, a repeated
// parameter is AND, token parameters take `code` or `system|code`. An unknown parameter is a 400
// (as HAPI-based servers answer), so that a client's typo is not silently an unfiltered search.
import type { Identifier, Organization, Practitioner, PractitionerRole } from '@dcc-kit/annuaire/fhir';

export interface DirectoryData {
  practitioners: Practitioner[];
  roles: PractitionerRole[];
  organizations: Organization[];
}

export type SearchType = 'Practitioner' | 'PractitionerRole' | 'Organization';
type Resource = Practitioner | PractitionerRole | Organization;

export class SearchProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Parameters that change the result's form, not its matches. */
const RESULT_PARAMS = new Set(['_count', '_total', '_elements', '_format', '_include', '_revinclude']);

export const norm = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

function stringMatch(values: (string | undefined)[], wanted: string, modifier: string): boolean {
  const w = norm(wanted);
  return values.some((v) => {
    if (v === undefined) return false;
    if (modifier === 'exact') return v === wanted;
    const n = norm(v);
    return modifier === 'contains' ? n.includes(w) : n.startsWith(w);
  });
}

function tokenMatch(codings: { system?: string; code?: string; value?: string }[], wanted: string): boolean {
  const bar = wanted.indexOf('|');
  if (bar < 0) return codings.some((c) => (c.code ?? c.value) === wanted);
  const system = wanted.slice(0, bar);
  const code = wanted.slice(bar + 1);
  return codings.some((c) => c.system === system && (code === '' || (c.code ?? c.value) === code));
}

const identifierMatch = (ids: Identifier[] | undefined, wanted: string) => tokenMatch((ids ?? []).map((i) => ({ ...(i.system ? { system: i.system } : {}), ...(i.value ? { value: i.value } : {}) })), wanted);

const refId = (ref: string | undefined) => ref?.split('/').pop();
const refMatch = (ref: string | undefined, wanted: string) => refId(ref) === refId(wanted);

type Matcher = (resource: Resource, value: string, modifier: string) => boolean;

const COMMON: Record<string, Matcher> = {
  _id: (r, v) => r.id === v,
  active: (r, v) => {
    if (v !== 'true' && v !== 'false') throw new SearchProblem(400, 'invalid', 'active: true or false.');
    return (r.active !== false) === (v === 'true');
  },
  identifier: (r, v) => identifierMatch((r as Practitioner).identifier, v),
};

const PRACTITIONER: Record<string, Matcher> = {
  ...COMMON,
  family: (r, v, m) => stringMatch(((r as Practitioner).name ?? []).map((n) => n.family), v, m),
  given: (r, v, m) => stringMatch(((r as Practitioner).name ?? []).flatMap((n) => n.given ?? []), v, m),
  name: (r, v, m) => stringMatch(((r as Practitioner).name ?? []).flatMap((n) => [n.family, n.text, ...(n.given ?? []), ...(n.prefix ?? []), ...(n.suffix ?? [])]), v, m),
  'qualification-code': (r, v) => tokenMatch(((r as Practitioner).qualification ?? []).flatMap((q) => q.code.coding ?? []), v),
  'mailbox-mss': (r, v, m) => stringMatch(((r as Practitioner).telecom ?? []).map((t) => t.value), v, m || 'contains'),
};

const ROLE: Record<string, Matcher> = {
  ...COMMON,
  practitioner: (r, v) => refMatch((r as PractitionerRole).practitioner?.reference, v),
  organization: (r, v) => refMatch((r as PractitionerRole).organization?.reference, v),
  role: (r, v) => tokenMatch(((r as PractitionerRole).code ?? []).flatMap((c) => c.coding ?? []), v),
};

const ORGANIZATION: Record<string, Matcher> = {
  ...COMMON,
  name: (r, v, m) => stringMatch([(r as Organization).name], v, m),
  address: (r, v, m) => stringMatch(((r as Organization).address ?? []).flatMap((a) => [...(a.line ?? []), a.city, a.postalCode]), v, m),
  'address-city': (r, v, m) => stringMatch(((r as Organization).address ?? []).map((a) => a.city), v, m),
  'address-postalcode': (r, v, m) => stringMatch(((r as Organization).address ?? []).map((a) => a.postalCode), v, m),
  type: (r, v) => tokenMatch(((r as Organization).type ?? []).flatMap((t) => t.coding ?? []), v),
  partof: (r, v) => refMatch((r as Organization).partOf?.reference, v),
};

const MATCHERS: Record<SearchType, Record<string, Matcher>> = { Practitioner: PRACTITIONER, PractitionerRole: ROLE, Organization: ORGANIZATION };
const MODIFIERS = new Set(['', 'contains', 'exact']);

export interface SearchResult {
  matches: Resource[];
  count: number;
  withTotal: boolean;
  revincludeRoles: boolean;
  includeOrganizations: boolean;
}

function resourcesOf(data: DirectoryData, type: SearchType): Resource[] {
  return type === 'Practitioner' ? data.practitioners : type === 'PractitionerRole' ? data.roles : data.organizations;
}

export function search(data: DirectoryData, type: SearchType, params: URLSearchParams, limits: { defaultCount: number; maxCount: number }): SearchResult {
  const matchers = MATCHERS[type];
  const filters: ((r: Resource) => boolean)[] = [];
  for (const [key, raw] of params) {
    if (RESULT_PARAMS.has(key)) continue;
    const [name = '', modifier = ''] = key.split(':');
    const matcher = matchers[name];
    if (!matcher || !MODIFIERS.has(modifier)) throw new SearchProblem(400, 'not-supported', `Unknown search parameter "${key}" for ${type}.`);
    if (raw === '') throw new SearchProblem(400, 'invalid', `Empty value for "${key}".`);
    const alternatives = raw.split(',');
    filters.push((r) => alternatives.some((v) => matcher(r, v, modifier)));
  }
  const rawCount = params.get('_count');
  const count = rawCount === null ? limits.defaultCount : Number(rawCount);
  if (!Number.isInteger(count) || count < 0 || count > limits.maxCount) throw new SearchProblem(400, 'invalid', `_count must be an integer between 0 and ${limits.maxCount}.`);
  const total = params.get('_total');
  if (total !== null && !['accurate', 'estimate', 'none'].includes(total)) throw new SearchProblem(400, 'invalid', '_total: accurate, estimate or none.');
  const revinclude = params.getAll('_revinclude');
  const include = params.getAll('_include');
  for (const r of revinclude) if (r !== 'PractitionerRole:practitioner' || type !== 'Practitioner') throw new SearchProblem(400, 'not-supported', `Unsupported _revinclude "${r}".`);
  for (const i of include) if (!['PractitionerRole:organization', 'PractitionerRole:*'].includes(i) || type !== 'PractitionerRole') throw new SearchProblem(400, 'not-supported', `Unsupported _include "${i}".`);
  return {
    matches: resourcesOf(data, type).filter((r) => filters.every((f) => f(r))),
    count,
    withTotal: total !== 'none',
    revincludeRoles: revinclude.length > 0,
    includeOrganizations: include.length > 0,
  };
}

/** Resources added to a page by `_revinclude` / `_include`. */
export function includedFor(data: DirectoryData, page: Resource[], result: Pick<SearchResult, 'revincludeRoles' | 'includeOrganizations'>): Resource[] {
  const out: Resource[] = [];
  if (result.revincludeRoles) {
    const ids = new Set(page.map((p) => p.id));
    out.push(...data.roles.filter((r) => ids.has(refId(r.practitioner?.reference))));
  }
  if (result.includeOrganizations) {
    const ids = new Set(page.map((r) => refId((r as PractitionerRole).organization?.reference)));
    out.push(...data.organizations.filter((o) => ids.has(o.id)));
  }
  return out;
}
