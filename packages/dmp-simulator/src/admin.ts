// The admin side door (JSON REST under /admin; not part of the contract under test): seed and
// change patients, inject faults, read the stored entries and submission sets, reset.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FAULT_KINDS, type Endpoint, type FaultKind, type FaultPlan } from './faults.js';
import { SIM_REFUSALS } from './refusals.js';
import type { DmpState, Entry, Patient } from './state.js';
import { INS_OIDS } from './cda-read.js';

export interface AdminContext {
  state: DmpState; faults: FaultPlan; reset: () => void; mails?: () => unknown[];
  clock?: { now: () => Date; offset: () => number; setOffset: (ms: number) => void };
}

class BadRequest extends Error {
  constructor(readonly path: string, message: string) { super(message); }
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(status === 204 ? '' : JSON.stringify(value, null, 2));
  res.writeHead(status, { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', 'content-length': body.length });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  let value: unknown;
  try { value = JSON.parse(text); } catch { throw new BadRequest('$', 'body is not JSON'); }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BadRequest('$', 'body must be a JSON object');
  return value as Record<string, unknown>;
}

const str = (v: unknown, path: string): string => { if (typeof v !== 'string' || v === '') throw new BadRequest(path, 'must be a non-empty string'); return v; };
const bool = (v: unknown, path: string): boolean => { if (typeof v !== 'boolean') throw new BadRequest(path, 'must be a boolean'); return v; };
const strings = (v: unknown, path: string): string[] => { if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new BadRequest(path, 'must be an array of strings'); return v as string[]; };

function applyPatch(patient: Patient, body: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(body)) {
    const path = `$.${key}`;
    switch (key) {
      case 'dmpStatus':
        if (value !== 'NONE' && value !== 'ACTIVE' && value !== 'CLOSED') throw new BadRequest(path, 'must be NONE, ACTIVE or CLOSED');
        patient.dmpStatus = value;
        break;
      case 'closureReason': patient.closureReason = str(value, path); break;
      case 'mesAttached': patient.mesAttached = bool(value, path); break;
      case 'minorSecretConnection': patient.minorSecretConnection = bool(value, path); break;
      case 'blockedPs': patient.blockedPs = strings(value, path); break;
      case 'authorisedPs': patient.authorisedPs = strings(value, path); break;
      case 'expiredPs': patient.expiredPs = strings(value, path); break;
      case 'medecinTraitant': if (value === null) delete patient.medecinTraitant; else patient.medecinTraitant = str(value, path); break;
      case 'traits':
        if (typeof value !== 'object' || value === null) throw new BadRequest(path, 'must be an object');
        patient.traits = { ...patient.traits, ...(value as Patient['traits']) };
        break;
      case 'insMatricule': case 'insOid': break;
      default: throw new BadRequest(path, 'unknown field');
    }
  }
}

/** An entry as JSON: everything but the bytes and the raw ebRIM. */
export function entryJson(e: Entry): Record<string, unknown> {
  const { bytes: _bytes, ebrimXml: _xml, ...rest } = e;
  return { ...rest, visibility: e.confidentiality.filter((c) => c.scheme === '1.2.250.1.213.1.1.4.13').map((c) => c.code) };
}

export async function handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL, ctx: AdminContext): Promise<void> {
  const path = url.pathname.replace(/\/+$/, '');
  const method = req.method ?? 'GET';
  try {
    if (path === '/admin' && method === 'GET') {
      return json(res, 200, { endpoints: ['GET/POST /admin/patients', 'PATCH /admin/patients/{ins}', 'GET/POST/DELETE /admin/faults', 'GET /admin/entries[?patientId=]', 'GET /admin/entries/{entryUUID}/document', 'GET /admin/submission-sets', 'GET /admin/associations', 'GET /admin/refusals', 'GET /admin/mails', 'GET/PUT /admin/clock', 'DELETE /admin/state'] });
    }
    if (path === '/admin/patients') {
      if (method === 'GET') return json(res, 200, [...ctx.state.patients.values()]);
      if (method === 'POST') {
        const body = await readJson(req);
        const insMatricule = str(body['insMatricule'], '$.insMatricule');
        if (!/^[0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{8}$/.test(insMatricule)) throw new BadRequest('$.insMatricule', 'must be 15 characters (NIR/NIA with its key)');
        const patient: Patient = {
          insMatricule, insOid: body['insOid'] === undefined ? INS_OIDS.nirTest : str(body['insOid'], '$.insOid'),
          traits: {}, dmpStatus: 'ACTIVE', mesAttached: true, minorSecretConnection: false, blockedPs: [], authorisedPs: [], expiredPs: [],
        };
        applyPatch(patient, body);
        ctx.state.patients.set(insMatricule, patient);
        return json(res, 201, patient);
      }
    }
    const patientMatch = /^\/admin\/patients\/([^/]+)$/.exec(path);
    if (patientMatch) {
      const ins = decodeURIComponent(patientMatch[1]!);
      const patient = ctx.state.patients.get(ins.split('^')[0]!);
      if (!patient) return json(res, 404, { type: 'about:blank', title: 'Unknown patient', status: 404, detail: 'no patient with this INS matricule' });
      if (method === 'GET') return json(res, 200, patient);
      if (method === 'PATCH') { applyPatch(patient, await readJson(req)); return json(res, 200, patient); }
      if (method === 'DELETE') { ctx.state.patients.delete(patient.insMatricule); return json(res, 204, null); }
    }
    if (path === '/admin/faults') {
      if (method === 'GET') return json(res, 200, ctx.faults.list());
      if (method === 'DELETE') { ctx.faults.clear(); return json(res, 204, null); }
      if (method === 'POST') {
        const body = await readJson(req);
        const kind = body['kind'];
        if (typeof kind !== 'string' || !FAULT_KINDS.includes(kind as FaultKind)) throw new BadRequest('$.kind', `must be one of ${FAULT_KINDS.join(', ')}`);
        const endpoint = body['endpoint'] ?? '*';
        if (!['patients', 'habilitations', 'registry', 'repository', '*'].includes(endpoint as string)) throw new BadRequest('$.endpoint', "must be patients, habilitations, registry, repository or '*'");
        const count = body['count'] ?? 1;
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw new BadRequest('$.count', 'must be a positive integer');
        const delayMs = body['delayMs'];
        if (delayMs !== undefined && (typeof delayMs !== 'number' || delayMs < 0)) throw new BadRequest('$.delayMs', 'must be a number of milliseconds');
        const fault = ctx.faults.add({
          kind: kind as FaultKind, endpoint: endpoint as Endpoint | '*', count,
          ...(body['action'] !== undefined ? { action: str(body['action'], '$.action') } : {}),
          ...(typeof delayMs === 'number' ? { delayMs } : {}),
        });
        return json(res, 201, fault);
      }
    }
    if (path === '/admin/entries' && method === 'GET') {
      const wanted = url.searchParams.get('patientId');
      const entries = [...ctx.state.entries.values()].filter((e) => !wanted || e.patientId === wanted || e.patientId.split('^')[0] === wanted);
      return json(res, 200, entries.map(entryJson));
    }
    const documentMatch = /^\/admin\/entries\/([^/]+)\/document$/.exec(path);
    if (documentMatch && method === 'GET') {
      const entry = ctx.state.entries.get(decodeURIComponent(documentMatch[1]!));
      if (!entry) return json(res, 404, { type: 'about:blank', title: 'Unknown entry', status: 404 });
      res.writeHead(200, { 'content-type': entry.mimeType, 'content-length': entry.bytes.length });
      res.end(Buffer.from(entry.bytes));
      return;
    }
    if (path === '/admin/submission-sets' && method === 'GET') return json(res, 200, [...ctx.state.submissionSets.values()]);
    if (path === '/admin/associations' && method === 'GET') return json(res, 200, ctx.state.associations);
    if (path === '/admin/habilitations' && method === 'GET') return json(res, 200, ctx.state.habilitations);
    if (path === '/admin/refusals' && method === 'GET') return json(res, 200, SIM_REFUSALS);
    if (path === '/admin/mails' && method === 'GET') {
      if (!ctx.mails) return json(res, 404, { type: 'about:blank', title: 'MSSanté sink not started', status: 404 });
      return json(res, 200, ctx.mails());
    }
    if (path === '/admin/state' && method === 'DELETE') { ctx.reset(); return json(res, 204, null); }
    if (path === '/admin/clock' && ctx.clock) {
      if (method === 'PUT') {
        const offsetMs = (await readJson(req))['offsetMs'];
        if (typeof offsetMs !== 'number' || !Number.isFinite(offsetMs)) throw new BadRequest('$.offsetMs', 'must be a number of milliseconds');
        ctx.clock.setOffset(offsetMs);
      }
      if (method === 'PUT' || method === 'GET') return json(res, 200, { now: ctx.clock.now().toISOString(), offsetMs: ctx.clock.offset() });
    }
    return json(res, 404, { type: 'about:blank', title: 'Not found', status: 404, detail: `${method} ${path}` });
  } catch (error) {
    if (error instanceof BadRequest) return json(res, 400, { type: 'about:blank', title: 'Bad request', status: 400, detail: error.message, path: error.path });
    throw error;
  }
}
