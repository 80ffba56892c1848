// The simulated INSi téléservice (identity-auth.md §1.9): a real HTTP(S) server answering SOAP 1.2
// on /lps — rechercherInsAvecTraitsIdentite and our vérification — with mutual TLS checking the
// organisation certificate's CN (INSI-AUTO / INSI-MANU, else desir_560), the software
// authorisation number (desir_550), fault injection, and a JSON admin side door under /admin.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { listenSimulator } from '@dcc-kit/dmp-simulator/listen';
import { INSI_ACTIONS, INSI_CERTIFICATE_CNS, INSI_ELEMENTS, INSI_FAULTS, INSI_NS } from '@dcc-kit/ins/protocol';
import { FAULT_KINDS, FaultPlan, type Fault, type FaultKind, type Operation } from './faults.js';
import { exampleIdentities, matches, mismatches, specIdentities, type SimIdentity } from './identities.js';
import { BadRequest, faultAnswer, readRequest, readTraits, readVerifiedIns, searchAnswer, verifyAnswer, type Answer } from './soap.js';

export interface InsiSimulatorOptions {
  host?: string;
  port?: number;
  /** HTTPS with requestCert + rejectUnauthorized (mutual TLS, the organisation-certificate route). Without it: plain HTTP, no certificate to check. */
  tls?: { key: string; cert: string; ca: string };
  /** Software authorisation numbers (ContexteLPS IDAM) accepted; default: any non-empty one. */
  authorisedSoftware?: readonly string[];
  /** Seed the §1.9 identities (default true). */
  fixtures?: boolean;
  /** Also seed every patient of the @dcc-kit/cda examples (the demo's patients). Default false. */
  examples?: boolean;
}

export interface InsiSimulator {
  /** The SOAP endpoint: '<origin>/lps'. */
  url: string;
  /** '<origin>/admin' */
  adminUrl: string;
  identities: SimIdentity[];
  faults: FaultPlan;
  /** How many requests each operation received (no content: the traits are health data). */
  counts: Record<Operation, number>;
  close(): Promise<void>;
}

export const SERVICE_PATH = '/lps';

const OPERATIONS: Record<string, Operation> = { [INSI_ACTIONS.searchByTraits]: 'search', [INSI_ACTIONS.verify]: 'verify' };
const BODIES: Record<Operation, { ns: string; name: string }> = {
  search: { ns: INSI_NS.recSans, name: INSI_ELEMENTS.searchByTraits },
  verify: { ns: INSI_NS.verif, name: INSI_ELEMENTS.verify },
};

async function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BadRequest('soap:Envelope', 'too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(status === 204 ? '' : JSON.stringify(value, null, 2));
  res.writeHead(status, { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', 'content-length': body.length });
  res.end(body);
}

/** An identity from the admin side door's JSON, checked field by field (400 names the path). */
function identityFrom(value: unknown): SimIdentity {
  const v = (value ?? {}) as Record<string, unknown>;
  const str = (key: string, pattern: RegExp): string => {
    const x = v[key];
    if (typeof x !== 'string' || !pattern.test(x)) throw new BadRequest(`$.${key}`, `must match ${pattern.source}`);
    return x;
  };
  const firstNames = v.firstNames;
  if (!Array.isArray(firstNames) || firstNames.length === 0 || firstNames.some((n) => typeof n !== 'string' || n === '')) throw new BadRequest('$.firstNames', 'must be a non-empty array of names');
  const place = v.birthPlaceCode === undefined ? undefined : str('birthPlaceCode', /^[A-Za-z0-9]{5}$/);
  return {
    matricule: str('matricule', /^[0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{8}$/),
    oid: str('oid', /^[0-9]+(?:\.[0-9]+)+$/),
    birthName: str('birthName', /^.+$/),
    firstNames: firstNames as string[],
    sex: str('sex', /^[MF]$/) as 'M' | 'F',
    birthDate: str('birthDate', /^\d{4}-\d{2}-\d{2}$/),
    ...(place ? { birthPlaceCode: place } : {}),
    ...(v.neverFound === true ? { neverFound: true } : {}),
  };
}

export async function startInsiSimulator(options: InsiSimulatorOptions = {}): Promise<InsiSimulator> {
  const seed = (): SimIdentity[] => [...(options.fixtures === false ? [] : specIdentities()), ...(options.examples ? exampleIdentities() : [])];
  const identities: SimIdentity[] = seed();
  const faults = new FaultPlan();
  const counts: Record<Operation, number> = { search: 0, verify: 0 };
  const timers = new Set<NodeJS.Timeout>();

  const send = (res: ServerResponse, answer: Answer): void => {
    if (res.destroyed) return;
    res.writeHead(answer.status, { 'content-type': 'application/soap+xml; charset=UTF-8' });
    res.end(answer.body);
  };

  async function injected(fault: Fault, req: IncomingMessage, res: ServerResponse, relatesTo: string): Promise<void> {
    switch (fault.kind) {
      case 'unavailable': return send(res, faultAnswer('Receiver', INSI_FAULTS.unavailable, relatesTo));
      case 'insufficient-rights': return send(res, faultAnswer('Sender', INSI_FAULTS.insufficientRights, relatesTo));
      case 'unknown-software': return send(res, faultAnswer('Sender', INSI_FAULTS.unknownSoftware, relatesTo, 'ctxlps:ContexteLPS/ctxlps:LPS/ctxlps:IDAM'));
      case 'http-503':
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' });
        res.end('Service Unavailable (simulated)');
        return;
      case 'rate-limited':
        // The CNAM documents no quota [I]: a gateway's throttling answer, plain HTTP 429.
        res.writeHead(429, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' });
        res.end('Too Many Requests (simulated)');
        return;
      case 'drop':
        req.socket.destroy();
        return;
      case 'timeout':
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => { timers.delete(timer); resolve(); }, fault.delayMs);
          timers.add(timer);
        });
        req.socket.destroy();
        return;
    }
  }

  async function handleSoap(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text: string;
    try {
      text = await readBody(req);
    } catch (error) {
      if (error instanceof BadRequest) return send(res, faultAnswer('Sender', INSI_FAULTS.invalidRequest, undefined, error.location));
      throw error;
    }
    let messageId: string | undefined;
    try {
      const request = readRequest(text);
      messageId = request.messageId;
      const operation = OPERATIONS[request.action];
      if (!operation) throw new BadRequest('wsa:Action', 'not an operation of this service');
      const expected = BODIES[operation];
      if (request.body.namespaceURI !== expected.ns || request.body.localName !== expected.name) throw new BadRequest('soap:Body', `expected ${expected.name}`);
      counts[operation]++;
      const fault = faults.take(operation);
      if (fault) return await injected(fault, req, res, request.messageId);
      // The organisation-certificate route: the CN says the access level (§1.9).
      if (options.tls) {
        const cn = (req.socket as TLSSocket).getPeerCertificate?.()?.subject?.CN;
        if (!(INSI_CERTIFICATE_CNS as readonly string[]).includes(String(cn))) return send(res, faultAnswer('Sender', INSI_FAULTS.insufficientRights, request.messageId));
      }
      if (!request.authorisationNumber || (options.authorisedSoftware && !options.authorisedSoftware.includes(request.authorisationNumber)))
        return send(res, faultAnswer('Sender', INSI_FAULTS.unknownSoftware, request.messageId, 'ctxlps:ContexteLPS/ctxlps:LPS/ctxlps:IDAM'));
      const traits = readTraits(request.body);
      if (operation === 'search') return send(res, searchAnswer(request.action, request.messageId, identities.filter((i) => matches(i, traits))));
      const ins = readVerifiedIns(request.body);
      const identity = identities.find((i) => i.matricule === ins.matricule && i.oid === ins.oid && !i.neverFound);
      return send(res, verifyAnswer(request.action, request.messageId, identity ? mismatches(identity, traits) : undefined));
    } catch (error) {
      if (error instanceof BadRequest) return send(res, faultAnswer('Sender', INSI_FAULTS.invalidRequest, messageId, error.location));
      throw error;
    }
  }

  async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const body = async (): Promise<unknown> => {
      const text = await readBody(req);
      if (text.trim() === '') return {};
      try { return JSON.parse(text); } catch { throw new BadRequest('$', 'body is not JSON'); }
    };
    try {
      if (path === '/admin' && method === 'GET') return json(res, 200, { endpoints: ['GET/POST /admin/identities', 'PATCH/DELETE /admin/identities/{matricule}', 'GET/POST/DELETE /admin/faults', 'GET /admin/counts', 'DELETE /admin/state'], faultKinds: FAULT_KINDS });
      if (path === '/admin/identities' && method === 'GET') return json(res, 200, identities);
      if (path === '/admin/identities' && method === 'POST') {
        const identity = identityFrom(await body());
        identities.push(identity);
        return json(res, 201, identity);
      }
      const one = /^\/admin\/identities\/([^/]+)$/.exec(path);
      if (one) {
        const index = identities.findIndex((i) => i.matricule === decodeURIComponent(one[1]!));
        if (index < 0) return json(res, 404, { title: 'Unknown identity', status: 404 });
        if (method === 'DELETE') { identities.splice(index, 1); return json(res, 204, null); }
        if (method === 'PATCH') {
          // A trait changed at the CNAM (e.g. a birth name corrected): the next vérification is KO.
          const updated = identityFrom({ ...identities[index], ...(await body() as object) });
          identities[index] = updated;
          return json(res, 200, updated);
        }
      }
      if (path === '/admin/faults') {
        if (method === 'GET') return json(res, 200, faults.list());
        if (method === 'DELETE') { faults.clear(); return json(res, 204, null); }
        if (method === 'POST') {
          const b = (await body()) as Record<string, unknown>;
          if (!FAULT_KINDS.includes(b.kind as FaultKind)) throw new BadRequest('$.kind', `must be one of ${FAULT_KINDS.join(', ')}`);
          const operation = b.operation ?? '*';
          if (!['search', 'verify', '*'].includes(operation as string)) throw new BadRequest('$.operation', "must be search, verify or '*'");
          if (b.count !== undefined && !(Number.isInteger(b.count) && (b.count as number) >= 1)) throw new BadRequest('$.count', 'must be a positive integer');
          if (b.delayMs !== undefined && !(typeof b.delayMs === 'number' && b.delayMs >= 0)) throw new BadRequest('$.delayMs', 'must be a number of milliseconds');
          return json(res, 201, faults.add({ kind: b.kind as FaultKind, operation: operation as Operation | '*', ...(b.count ? { count: b.count as number } : {}), ...(typeof b.delayMs === 'number' ? { delayMs: b.delayMs } : {}) }));
        }
      }
      if (path === '/admin/counts' && method === 'GET') return json(res, 200, counts);
      if (path === '/admin/state' && method === 'DELETE') {
        identities.splice(0, identities.length, ...seed());
        faults.clear();
        counts.search = 0;
        counts.verify = 0;
        return json(res, 204, null);
      }
      return json(res, 404, { title: 'Not found', status: 404, detail: `${method} ${path}` });
    } catch (error) {
      if (error instanceof BadRequest) return json(res, 400, { title: 'Bad request', status: 400, detail: error.message, path: error.location });
      throw error;
    }
  }

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://simulator').pathname.replace(/\/+$/, '') || '/';
    const fail = (): void => {
      if (res.headersSent || res.destroyed) { res.destroy(); return; }
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('simulator error');
    };
    if (path === '/admin' || path.startsWith('/admin/')) { handleAdmin(req, res, path).catch(fail); return; }
    if (path !== SERVICE_PATH) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); return; }
    if (req.method !== 'POST') { res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' }); res.end('SOAP endpoint: POST'); return; }
    handleSoap(req, res).catch(fail);
  };

  const listening = await listenSimulator(handler, options);
  const origin = listening.origin;
  return {
    url: `${origin}${SERVICE_PATH}`,
    adminUrl: `${origin}/admin`,
    identities,
    faults,
    counts,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await listening.close();
    },
  };
}
