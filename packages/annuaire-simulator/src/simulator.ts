// A local Annuaire Santé: the FHIR R4 search API of spec §4 on real HTTP, answering with the
// shapes of §4.5 (searchset Bundles with total, self/next links and entry.resource;
// OperationOutcome on every error; 401 without the ESANTE-API-KEY; 429 with Retry-After past the
// documented 17 calls/s), plus a side door for tests (/admin/faults: down, rate-limited, slow).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bundle, OperationOutcome } from '@dcc-kit/annuaire/fhir';
import { defaultSeed, type DirectorySeed } from './seed.js';
import { organizationResource, practitionerResource, roleResources } from './resources.js';
import { includedFor, search, SearchProblem, type DirectoryData, type SearchType } from './search.js';

export const DEFAULT_API_KEY = 'dcc-demo-annuaire-key';
export const DEFAULT_BASE_PATH = '/fhir/v2';

export interface AnnuaireFaults {
  /** `unavailable`: 503 OperationOutcome; `reset`: the connection is dropped without an answer. */
  down?: 'unavailable' | 'reset' | false;
  /** Every search answers 429 with this Retry-After (seconds). */
  rateLimited?: { retryAfterSeconds: number } | false;
  /** Answers wait this long first (timeouts). */
  delayMs?: number;
}

export interface AnnuaireSimulatorOptions {
  port?: number;
  host?: string;
  /** Path of the FHIR base (default `/fhir/v2`, as production). */
  basePath?: string;
  /** The key expected in ESANTE-API-KEY (default {@link DEFAULT_API_KEY}). */
  apiKey?: string;
  seed?: DirectorySeed;
  /** Calls per second per key before 429 (default 17, the documented limit). */
  ratePerSecond?: number;
  /** Clock of the rate limit (ms since the epoch); tests inject one. */
  now?: () => number;
  /** Default and largest `_count` (defaults 50 and 1000). */
  defaultCount?: number;
  maxCount?: number;
}

export interface AnnuaireSimulator {
  /** Origin, e.g. `http://127.0.0.1:4105`. */
  readonly url: string;
  /** FHIR base URL: what DCC_ANNUAIRE_URL points at. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly data: DirectoryData;
  /** Requests received on the FHIR base (admin calls excluded). */
  readonly requests: { method: string; path: string; query: string }[];
  setFaults(faults: AnnuaireFaults): void;
  close(): Promise<void>;
}

interface Snapshot {
  type: SearchType;
  ids: string[];
  count: number;
  withTotal: boolean;
  revincludeRoles: boolean;
  includeOrganizations: boolean;
  query: string;
}

const MAX_SNAPSHOTS = 500;

export function directoryData(seed: DirectorySeed): DirectoryData {
  return {
    practitioners: seed.professionals.map(practitionerResource),
    roles: seed.professionals.flatMap(roleResources),
    organizations: seed.organizations.map(organizationResource),
  };
}

function outcome(code: string, diagnostics: string, severity: 'error' | 'fatal' = 'error'): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics }] };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/fhir+json;charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new SearchProblem(413, 'too-costly', 'Body too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startAnnuaireSimulator(options: AnnuaireSimulatorOptions = {}): Promise<AnnuaireSimulator> {
  const basePath = (options.basePath ?? DEFAULT_BASE_PATH).replace(/\/$/, '');
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const now = options.now ?? Date.now;
  const ratePerSecond = options.ratePerSecond ?? 17;
  const limits = { defaultCount: options.defaultCount ?? 50, maxCount: options.maxCount ?? 1000 };
  const data = directoryData(options.seed ?? defaultSeed());
  const byId = new Map<string, DirectoryData['practitioners'][number] | DirectoryData['roles'][number] | DirectoryData['organizations'][number]>();
  for (const r of [...data.practitioners, ...data.roles, ...data.organizations]) byId.set(`${r.resourceType}/${r.id}`, r);
  const snapshots = new Map<string, Snapshot>();
  const calls: number[] = [];
  const requests: { method: string; path: string; query: string }[] = [];
  let faults: AnnuaireFaults = {};
  let origin = '';

  const bundleOf = (snapshot: Snapshot, snapshotId: string, offset: number): Bundle => {
    const pageIds = snapshot.ids.slice(offset, offset + snapshot.count);
    const page = pageIds.map((id) => byId.get(`${snapshot.type}/${id}`)).filter((r) => r !== undefined);
    const included = includedFor(data, page, snapshot);
    const base = `${origin}${basePath}`;
    const link = [{ relation: 'self', url: offset === 0 ? `${base}/${snapshot.type}?${snapshot.query}` : `${base}/_page?id=${snapshotId}_${offset}` }];
    if (offset + snapshot.count < snapshot.ids.length && snapshot.count > 0) link.push({ relation: 'next', url: `${base}/_page?id=${snapshotId}_${offset + snapshot.count}` });
    return {
      resourceType: 'Bundle',
      id: randomUUID(),
      meta: { lastUpdated: new Date(now()).toISOString() },
      type: 'searchset',
      ...(snapshot.withTotal ? { total: snapshot.ids.length } : {}),
      link,
      entry: [
        ...page.map((resource) => ({ fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'match' as const } })),
        ...included.map((resource) => ({ fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'include' as const } })),
      ],
    };
  };

  const searchBundle = (type: SearchType, params: URLSearchParams): Bundle => {
    const result = search(data, type, params, limits);
    const snapshotId = randomUUID();
    const snapshot: Snapshot = { type, ids: result.matches.map((r) => r.id as string), count: result.count, withTotal: result.withTotal, revincludeRoles: result.revincludeRoles, includeOrganizations: result.includeOrganizations, query: params.toString() };
    snapshots.set(snapshotId, snapshot);
    if (snapshots.size > MAX_SNAPSHOTS) snapshots.delete(snapshots.keys().next().value as string);
    return bundleOf(snapshot, snapshotId, 0);
  };

  const handleAdmin = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (path === '/admin/faults' && req.method === 'PUT') {
      const body = JSON.parse((await readBody(req)) || '{}') as AnnuaireFaults;
      faults = body;
      return send(res, 200, faults, { 'content-type': 'application/json' });
    }
    if (path === '/admin/faults' && req.method === 'GET') return send(res, 200, faults, { 'content-type': 'application/json' });
    return send(res, 404, outcome('not-found', 'No such admin resource.'));
  };

  const handleFhir = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    requests.push({ method: req.method ?? '', path: url.pathname, query: url.search });
    if (faults.delayMs) await new Promise((r) => setTimeout(r, faults.delayMs));
    if (faults.down === 'reset') return void req.socket.destroy();
    if (faults.down === 'unavailable') return send(res, 503, outcome('transient', 'Service temporarily unavailable.', 'fatal'), { 'retry-after': '30' });
    const key = req.headers['esante-api-key'];
    if (key !== apiKey) return send(res, 401, outcome('security', key === undefined ? 'Missing ESANTE-API-KEY header.' : 'Invalid API key.'));
    if (faults.rateLimited) return send(res, 429, outcome('throttled', 'Rate limit exceeded.'), { 'retry-after': String(faults.rateLimited.retryAfterSeconds) });
    const t = now();
    while (calls.length > 0 && (calls[0] as number) <= t - 1000) calls.shift();
    if (calls.length >= ratePerSecond) {
      const retry = Math.max(1, Math.ceil(((calls[0] as number) + 1000 - t) / 1000));
      return send(res, 429, outcome('throttled', 'Rate limit exceeded: 17 calls per second.'), { 'retry-after': String(retry) });
    }
    calls.push(t);
    const rest = url.pathname.slice(basePath.length).replace(/^\//, '');
    const segments = rest.split('/').filter(Boolean);
    const type = segments[0] as SearchType | '_page' | undefined;
    if (req.method !== 'GET' && !(req.method === 'POST' && segments[1] === '_search'))
      return send(res, 405, outcome('not-supported', `${req.method} is not allowed on the directory.`));
    if (type === '_page' && segments.length === 1) {
      const [snapshotId = '', offsetText = ''] = (url.searchParams.get('id') ?? '').split('_');
      const snapshot = snapshots.get(snapshotId);
      const offset = Number(offsetText);
      if (!snapshot || !Number.isInteger(offset) || offset < 0) return send(res, 410, outcome('not-found', 'Search page expired or unknown.'));
      return send(res, 200, bundleOf(snapshot, snapshotId, offset));
    }
    if (type !== 'Practitioner' && type !== 'PractitionerRole' && type !== 'Organization') return send(res, 404, outcome('not-supported', 'Unknown resource type.'));
    if (segments.length === 2 && req.method === 'GET') {
      const resource = byId.get(`${type}/${segments[1]}`);
      return resource ? send(res, 200, resource) : send(res, 404, outcome('not-found', `${type}/${segments[1]} not found.`));
    }
    const params = new URLSearchParams(url.search);
    if (req.method === 'POST') for (const [k, v] of new URLSearchParams(await readBody(req))) params.append(k, v);
    if (segments.length > 2 || (segments.length === 2 && segments[1] !== '_search')) return send(res, 404, outcome('not-found', 'Unknown path.'));
    return send(res, 200, searchBundle(type, params));
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handler = url.pathname.startsWith('/admin/') ? handleAdmin(req, res, url.pathname) : url.pathname.startsWith(`${basePath}/`) ? handleFhir(req, res, url) : Promise.resolve(send(res, 404, outcome('not-found', 'Unknown path.')));
    handler.catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      if (error instanceof SearchProblem) return send(res, error.status, outcome(error.code, error.message));
      if (error instanceof SyntaxError) return send(res, 400, outcome('invalid', 'Body is not JSON.'));
      send(res, 500, outcome('exception', 'Internal error.', 'fatal'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${host}:${address.port}`;
  return {
    url: origin,
    baseUrl: `${origin}${basePath}`,
    apiKey,
    data,
    requests,
    setFaults(next) {
      faults = { ...next };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
