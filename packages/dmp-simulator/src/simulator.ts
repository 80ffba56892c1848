// The simulated DMP (dmp-mes.md §5): a real HTTP(S) server with the SOAP 1.2 endpoints
// /si-dmp-server/v2/services/{patients,habilitations,registry,repository}, the validation
// pipeline of §5.3 in order, fault injection and the JSON admin side door under /admin.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenSimulator } from './listen/index.js';
import { XDS } from '@dcc-kit/dmp/ebrim';
import { handleAdmin } from './admin.js';
import type { ValidateCda } from './coherence.js';
import { FaultPlan, type Endpoint, type Fault } from './faults.js';
import { provideAndRegister } from './iti41.js';
import { updateDocumentSet } from './iti57.js';
import { answer as queryAnswer, storedQuery } from './iti18.js';
import { retrieveDocumentSet } from './iti43.js';
import { checkIns, insAllowed, parseInsCx, type Profile } from './patient-check.js';
import { Refused, problem, type Problem } from './refusals.js';
import { registryResponse, STATUS } from './responses.js';
import { readSoapRequest, soapAnswer, soapFault, type SoapAnswer, type SoapRequest } from './soap.js';
import { DmpState, fixturePatients, isValidNir } from './state.js';
import { patientStatus } from './td02.js';
import { verifyVihf, type Vihf } from './vihf.js';
import { esc } from './xml.js';
import { startMssSink } from './mss-sink/index.js';

export interface DmpSimulatorOptions {
  host?: string;
  port?: number;
  trust: { vihfCertificates: string[] };
  /** HTTPS with requestCert + rejectUnauthorized: the mutual TLS mode. */
  tls?: { key: string; cert: string; ca: string };
  /** INS OIDs allowed (§5.3 stage 3): 'test' .4.10/.4.11 (default), 'prod-like' .4.8/.4.9. */
  profile?: Profile;
  /** Seed the §5.6 patients (default true). */
  fixtures?: boolean;
  now?: () => Date;
  /** The MSSanté sink (wired by helper MSS; default: started on port 0). */
  smtp?: { port?: number } | false;
  /** Refuse `root^extension` document uniqueIds (SIM_UNIQUEID_EXTENSION). Default false. */
  strictUniqueId?: boolean;
  /** Accept only SHA-1 manifest digests in the XAdES. Default false (SHA-1 and SHA-256). */
  strictSha1?: boolean;
  /** Stage 5 "S": XSD + schematron of the CDA (e.g. @dcc-kit/conformance). Off by default. */
  validateCda?: ValidateCda;
  /**
   * An unknown INS (allowed OID, valid key) gets an active DMP on first use, as every insured
   * person has one since the MES reform (the demo: patients are created in the page). Default
   * false: an unknown INS has no DMP (§5.6).
   */
  openDmpForUnknownPatients?: boolean;
}

export interface DmpSimulator {
  /** '<origin>/si-dmp-server/v2/services' */
  url: string;
  /** '<origin>/admin' */
  adminUrl: string;
  smtp?: { host: string; port: number };
  /** The live state (tests may read it; the admin API is the documented way). */
  state: DmpState;
  faults: FaultPlan;
  close(): Promise<void>;
}

export const SERVICES_PATH = '/si-dmp-server/v2/services';

/** The actions the simulator answers, by transaction (the URNs are `XDS.action` of the connector's tables). */
export const ACTIONS = {
  td02: XDS.action.patientStatus,
  setAuthorization: XDS.action.setAuthorization,
  iti41: XDS.action.provideAndRegister,
  iti18: XDS.action.registryStoredQuery,
  iti43: XDS.action.retrieveDocumentSet,
  iti57: XDS.action.updateDocumentSet,
} as const;

const ENDPOINT_ACTIONS: Record<Endpoint, readonly string[]> = {
  patients: [ACTIONS.td02],
  habilitations: [ACTIONS.setAuthorization],
  registry: [ACTIONS.iti18, ACTIONS.iti57],
  repository: [ACTIONS.iti41, ACTIONS.iti43],
};

const RESPONSE_ACTIONS: Record<string, string> = {
  [ACTIONS.td02]: 'urn:hl7-org:v3:PRPA_IN201308UV02',
  [ACTIONS.setAuthorization]: 'urn:si-dmp-habilitations:HabilitationsEndPoint:setAuthorizationResponse',
  [ACTIONS.iti41]: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-bResponse',
  [ACTIONS.iti18]: 'urn:ihe:iti:2007:RegistryStoredQueryResponse',
  [ACTIONS.iti43]: 'urn:ihe:iti:2007:RetrieveDocumentSetResponse',
  [ACTIONS.iti57]: 'urn:ihe:iti:2010:UpdateDocumentSetResponse',
};

const MAX_BODY = 64 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) { reject(new Error('body too large')); req.destroy(); return; }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startDmpSimulator(options: DmpSimulatorOptions): Promise<DmpSimulator> {
  const profile = options.profile ?? 'test';
  const baseNow = options.now ?? (() => new Date());
  // PUT /admin/clock shifts the simulator's clock (VIHF clock-skew scenarios without code).
  let clockOffsetMs = 0;
  const now = (): Date => new Date(baseNow().getTime() + clockOffsetMs);
  const state = new DmpState(
    () => (options.fixtures === false ? [] : fixturePatients(profile)),
    options.openDmpForUnknownPatients ? (matricule, oid) => insAllowed(profile, oid) && isValidNir(matricule) : undefined,
  );
  const faults = new FaultPlan();
  const timers = new Set<NodeJS.Timeout>();
  const trust = options.trust.vihfCertificates;
  // ITI-41 and ITI-57 check then change the state: one at a time, so two concurrent re-sends of
  // the same document cannot both pass the uniqueness check (exactly-once under retries).
  let writeQueue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T> | T): Promise<T> => {
    const run = writeQueue.then(work, work);
    writeQueue = run.catch(() => undefined);
    return run;
  };

  const wait = (ms: number): Promise<void> => new Promise((resolve) => {
    const timer = setTimeout(() => { timers.delete(timer); resolve(); }, ms);
    timers.add(timer);
  });

  const send = (res: ServerResponse, answer: SoapAnswer): void => {
    if (res.destroyed) return;
    res.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': answer.body.length });
    res.end(answer.body);
  };

  async function handleSoap(endpoint: Endpoint, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    let request: SoapRequest;
    try {
      request = readSoapRequest(body, req.headers['content-type']);
      if (!ENDPOINT_ACTIONS[endpoint].includes(request.action)) {
        throw new Refused([problem('SIM_ACTION_INVALID', 'wsa:Action', `'${request.action}' is not served by /${endpoint}`)]);
      }
    } catch (error) {
      if (error instanceof Refused) {
        const fault = faults.take(endpoint, undefined);
        if (fault && (await applyTransportFault(fault, req, res))) return;
        send(res, soapFault(error.problems[0]!));
        return;
      }
      throw error;
    }
    const fault = faults.take(endpoint, request.action);
    if (fault && (await applyTransportFault(fault, req, res))) return;
    const answer = await process(endpoint, request, fault);
    if (fault?.kind === 'partial-success' && answer.status === 200) {
      const text = answer.body.toString('utf8');
      if (text.includes(`status="${STATUS.success}"`)) {
        const warning: Problem = { code: 'SIM_PARTIAL_SUCCESS', location: '—', severity: 'Warning' };
        send(res, { ...answer, body: Buffer.from(text.replace(registryResponse([]), registryResponse([warning]))) });
        return;
      }
    }
    send(res, answer);
  }

  /** Faults that replace the answer; returns true when the request is answered (or dropped). */
  async function applyTransportFault(fault: Fault, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    switch (fault.kind) {
      case 'http-503':
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' });
        res.end('Service Unavailable (simulated)');
        return true;
      case 'drop':
        req.socket.destroy();
        return true;
      case 'timeout':
        await wait(fault.delayMs);
        req.socket.destroy();
        return true;
      case 'latency':
        await wait(fault.delayMs);
        return false;
      default:
        return false;
    }
  }

  async function process(endpoint: Endpoint, request: SoapRequest, fault: Fault | undefined): Promise<SoapAnswer> {
    const action = request.action;
    const responseAction = RESPONSE_ACTIONS[action]!;
    if (fault?.kind === 'soap-fault') return soapFault(problem('SIM_INJECTED_FAULT', '—'), request.messageId, 'Receiver');
    if (fault?.kind === 'registry-busy') {
      if (endpoint === 'patients' || endpoint === 'habilitations') return soapFault(problem('SIM_REGISTRY_BUSY', '—'), request.messageId, 'Receiver');
      return soapAnswer(responseAction, request.messageId, registryResponse([problem('SIM_REGISTRY_BUSY', '—')]));
    }
    // Stage 2: VIHF
    let vihf: Vihf;
    try {
      vihf = verifyVihf(request.envelope, request.envelopeText, { trust, now: now(), patientRequired: action !== ACTIONS.iti43 && action !== ACTIONS.setAuthorization });
      if (vihf.mode === 'INDIRECTE' && (action === ACTIONS.iti18 || action === ACTIONS.iti43)) {
        throw new Refused([problem('SIM_ACCESS_MODE_FORBIDDEN', 'VIHF/Authentification_Mode', 'ITI-18/ITI-43 need DIRECTE or INDIRECTE_RENFORCEE')]);
      }
    } catch (error) {
      if (error instanceof Refused) return soapFault(error.problems[0]!, request.messageId);
      throw error;
    }
    if (fault?.kind === 'close-dmp' && vihf.resourceId) {
      // The race of §5.5: the DMP closes between TD0.2 and the call.
      const ins = parseInsCx(vihf.resourceId);
      const patient = ins ? state.patient(ins.matricule, ins.oid) : undefined;
      if (patient) { patient.dmpStatus = 'CLOSED'; patient.closureReason ??= 'FERMETURE_DEMANDE_PATIENT'; }
    }
    try {
      switch (action) {
        case ACTIONS.td02:
          return soapAnswer(responseAction, request.messageId, patientStatus(request.body, { state, vihf, profile, now: now() }));
        case ACTIONS.setAuthorization: {
          state.habilitations.push({ at: now().toISOString(), psId: vihf.nameId, ...(vihf.resourceId ? { patientId: vihf.resourceId } : {}), action: request.body.localName });
          return soapAnswer(responseAction, request.messageId, `<setAuthorizationResponse xmlns="urn:si-dmp-habilitations"><status>OK</status></setAuthorizationResponse>`);
        }
        case ACTIONS.iti41: {
          const result = await exclusive(() => provideAndRegister(request, { state, vihf, profile, trust, now: now(), strictUniqueId: options.strictUniqueId, strictSha1: options.strictSha1, validateCda: options.validateCda }));
          return soapAnswer(responseAction, request.messageId, registryResponse(result.problems));
        }
        case ACTIONS.iti57: {
          const problems = await exclusive(() => updateDocumentSet(request, { state, vihf, profile, now: now() }));
          return soapAnswer(responseAction, request.messageId, registryResponse(problems));
        }
        case ACTIONS.iti18: {
          if (vihf.resourceId) checkIns(parseInsCx(vihf.resourceId), profile, 'VIHF/resource-id');
          return soapAnswer(responseAction, request.messageId, storedQuery(request.body, { state, vihf }));
        }
        case ACTIONS.iti43:
          return retrieveDocumentSet(request.body, { state, vihf, responseAction, relatesTo: request.messageId });
        default:
          return soapFault(problem('SIM_ACTION_INVALID', 'wsa:Action'), request.messageId);
      }
    } catch (error) {
      // Stage 3 stops at its first failure and answers a RegistryResponse (HL7v3 ack for TD0.2).
      if (error instanceof Refused) {
        if (SIM_FAULT_STAGES.has(error.problems[0]!.code)) return soapFault(error.problems[0]!, request.messageId);
        if (action === ACTIONS.iti18) return soapAnswer(responseAction, request.messageId, queryAnswer([], error.problems));
        if (action === ACTIONS.iti43) {
          return soapAnswer(responseAction, request.messageId, `<xdsb:RetrieveDocumentSetResponse xmlns:xdsb="urn:ihe:iti:xds-b:2007">${registryResponse(error.problems)}</xdsb:RetrieveDocumentSetResponse>`);
        }
        return soapAnswer(responseAction, request.messageId, registryResponse(error.problems));
      }
      throw error;
    }
  }

  // The MSSanté sink (src/mss-sink), started first so that the admin handler can list its mails;
  // its visibility check reads the DMP entry of the document.
  const sink = options.smtp === false
    ? undefined
    : await startMssSink({
      host: options.host ?? '127.0.0.1',
      port: options.smtp?.port ?? 0,
      now,
      lookupEntry: (uniqueId) => {
        const [current] = state.byUniqueId(uniqueId).filter((e) => !e.isSignature).sort((a, b) => b.version - a.version);
        return current ? { confidentiality: current.confidentiality.map((c) => c.code) } : undefined;
      },
    });

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const done = (error: unknown): void => {
      if (res.headersSent || res.destroyed) { res.destroy(); return; }
      const message = error instanceof Error ? error.message : String(error);
      const body = Buffer.from(`simulator error: ${esc(message)}`);
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', 'content-length': body.length });
      res.end(body);
    };
    if (url.pathname === '/admin' || url.pathname.startsWith('/admin/')) {
      handleAdmin(req, res, url, {
        state, faults,
        reset: () => { state.reset(); faults.clear(); clockOffsetMs = 0; sink?.clear(); },
        clock: { now, offset: () => clockOffsetMs, setOffset: (ms) => { clockOffsetMs = ms; } },
        ...(sink ? { mails: () => sink.messages() } : {}),
      }).catch(done);
      return;
    }
    const match = new RegExp(`^${SERVICES_PATH}/(patients|habilitations|registry|repository)$`).exec(url.pathname);
    if (!match) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); return; }
    if (req.method !== 'POST') { res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' }); res.end('SOAP endpoints take POST'); return; }
    handleSoap(match[1] as Endpoint, req, res).catch(done);
  };

  const listening = await listenSimulator(handler, options).catch(async (error: unknown) => {
    await sink?.close();
    throw error;
  });
  const origin = listening.origin;

  return {
    url: `${origin}${SERVICES_PATH}`,
    adminUrl: `${origin}/admin`,
    ...(sink ? { smtp: { host: sink.host, port: sink.port } } : {}),
    state,
    faults,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await listening.close();
      await sink?.close();
    },
  };
}

/** Refusals that are answered as SOAP Faults even when raised after stage 2. */
const SIM_FAULT_STAGES = new Set<string>(['SIM_SOAP_INVALID', 'SIM_ACTION_INVALID', 'SIM_MESSAGE_ID_MISSING', 'SIM_MTOM_INVALID', 'SIM_VIHF_INVALID', 'SIM_VIHF_ATTRIBUTE', 'SIM_ACCESS_MODE_FORBIDDEN']);
