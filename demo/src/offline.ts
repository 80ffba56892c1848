// Offline mode of the demo (`?offline=1`, or when the backend does not answer): msw intercepts
// the API calls of the page in the browser and answers from an in-memory platform kept in
// sessionStorage (it survives a reload, dies with the tab). It follows the API contract
// (ETag/If-Match, problem+json with field paths, lifecycle draft → validated → signed) and
// checks models with the real @dcc-kit/cda validators and builders, but it does NOT run the
// seven conformance layers of the ANS kit (that engine needs the backend). The directory
// pickers search the Annuaire Santé fixture server's records (@dcc-kit/annuaire-simulator).
import { http, HttpResponse, type JsonBodyType } from 'msw';
import { setupWorker } from 'msw/browser';
import { answerIndicators, sampleRows } from '@dcc-kit/dashboard/testing';
import directoryRecords from '@dcc-kit/annuaire-simulator/directory-records';
import { answerDirectorySearch, directoryUnavailableAnswer, type OfflineDirectoryList } from '@dcc-kit/annuaire-simulator/offline-directory';
import { crossCheckInsTraits, describeInsOid } from '@dcc-kit/cda/identity';
import { DR_LEFORT_SESSION } from './offline-user.js';

type Json = Record<string, unknown>;
interface StoredVersion {
  number: number;
  status: 'draft' | 'validated' | 'signed' | 'submitted';
  model: Json;
  createdAt: string;
  createdBy: string;
  validation?: Json;
  signedAt?: string;
  signedBy?: string;
  cda?: string;
}
interface StoredDocument {
  id: string;
  patientId: string;
  type: 'pps' | 'frcp';
  setId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  versions: StoredVersion[];
}
interface State {
  loggedIn: boolean;
  activeActivityId: string | null;
  draftKey: string;
  patients: Json[];
  documents: StoredDocument[];
}

const KEY = 'dcc-demo-offline';

function load(): State {
  const text = sessionStorage.getItem(KEY);
  if (text) return JSON.parse(text) as State;
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const draftKey = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return { loggedIn: false, activeActivityId: null, draftKey, patients: [], documents: [] };
}
let state = load();
const save = () => sessionStorage.setItem(KEY, JSON.stringify(state));

export function offlineLogin(): void {
  state.loggedIn = true;
  save();
}

const now = () => new Date().toISOString();
const headers = (etag?: number) => ({ 'DCC-API-Version': '2026-11-01', 'X-Request-Id': crypto.randomUUID(), ...(etag === undefined ? {} : { ETag: `"${etag}"` }) });

function problem(status: number, code: string, title: string, errors?: Json[]) {
  return HttpResponse.json(
    { type: `https://dcc-kit.example/problems/${code}`, title, status, requestId: crypto.randomUUID(), ...(errors ? { errors } : {}) } as JsonBodyType,
    { status, headers: { ...headers(), 'Content-Type': 'application/problem+json' } },
  );
}
const unauthorized = () => problem(401, 'unauthorized', 'Authentification requise');
const notFound = () => problem(404, 'not-found', 'Introuvable');

function ifMatch(request: Request, current: number) {
  const given = request.headers.get('If-Match');
  if (!given) return problem(428, 'precondition-required', 'If-Match requis');
  if (given !== `"${current}"`) return problem(412, 'precondition-failed', 'Version périmée');
  return undefined;
}

const documentView = (d: StoredDocument) => {
  const current = d.versions[d.versions.length - 1]!;
  return { id: d.id, patientId: d.patientId, type: d.type, setId: d.setId, currentVersion: current.number, status: current.status, version: d.version, createdAt: d.createdAt, updatedAt: d.updatedAt };
};
const versionView = (d: StoredDocument, v: StoredVersion) => {
  const { cda: _cda, ...rest } = v;
  return { documentId: d.id, ...rest };
};

async function voletApi(type: 'pps' | 'frcp') {
  const core = await import('@dcc-kit/cda/core');
  return type === 'pps' ? { validate: core.validatePps, build: core.buildPps } : { validate: core.validateFrcp, build: core.buildFrcp };
}

/** Fictitious indicators of the last 24 months (GET /indicators), drawn once per page. */
let indicatorRows: ReturnType<typeof sampleRows> | undefined;
function fictitiousIndicatorRows() {
  if (!indicatorRows) {
    const now = new Date();
    const month = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
    indicatorRows = sampleRows(month(new Date(now.getFullYear(), now.getMonth() - 23, 1)), month(now));
  }
  return indicatorRows;
}

/**
 * GET /directory/{list} as the backend answers it over the Annuaire Santé fixture server (same
 * records, checks and paging); `?directory=down` in the page's address answers its 503, so
 * the editors' manual entry can be shown offline too.
 */
function directoryHandler(list: OfflineDirectoryList) {
  return http.get(`/directory/${list}`, ({ request }) => {
    if (!state.loggedIn) return unauthorized();
    const down = new URLSearchParams(location.search).get('directory') === 'down';
    const answer = down ? directoryUnavailableAnswer() : answerDirectorySearch(directoryRecords, list, new URL(request.url).searchParams);
    return HttpResponse.json(answer.body as JsonBodyType, { status: answer.status, headers: { ...headers(), ...answer.headers } });
  });
}

const handlers = [
  directoryHandler('practitioners'),
  directoryHandler('organizations'),
  http.get('/indicators', ({ request }) => {
    if (!state.loggedIn) return unauthorized();
    const answer = answerIndicators(new URL(request.url), request.headers.get('accept'), { rows: fictitiousIndicatorRows() });
    return new HttpResponse(answer.body, { status: answer.status, headers: { ...headers(), 'Content-Type': answer.contentType, ...answer.headers } });
  }),
  http.get('/health', () => HttpResponse.json({ status: 'ok', store: 'pglite' }, { headers: headers() })),
  http.get('/auth/session', () =>
    state.loggedIn ? HttpResponse.json({ ...DR_LEFORT_SESSION, activeActivityId: state.activeActivityId, draftKey: state.draftKey } as JsonBodyType, { headers: headers() }) : unauthorized(),
  ),
  http.put('/auth/session/activity', async ({ request }) => {
    if (!state.loggedIn) return unauthorized();
    const { activityId } = (await request.json()) as { activityId: string };
    if (!DR_LEFORT_SESSION.professional.activities.some((a) => a.id === activityId)) return notFound();
    state.activeActivityId = activityId;
    save();
    return HttpResponse.json({ ...DR_LEFORT_SESSION, activeActivityId: activityId, draftKey: state.draftKey } as JsonBodyType, { headers: headers() });
  }),
  http.post('/auth/logout', () => {
    state = { ...load(), loggedIn: false };
    sessionStorage.removeItem(KEY);
    return HttpResponse.json({ endSessionUrl: '/?offline=1' }, { headers: headers() });
  }),
  http.get('/patients', () => (state.loggedIn ? HttpResponse.json({ items: state.patients, nextCursor: null } as JsonBodyType, { headers: headers() }) : unauthorized())),
  http.post('/patients', async ({ request }) => {
    if (!state.loggedIn) return unauthorized();
    const body = (await request.json()) as Json;
    const ins = body.ins as { value?: string } | undefined;
    if (!ins?.value || !/^[0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{8}$/.test(ins.value))
      return problem(400, 'validation', 'Requête invalide', [{ path: 'ins.value', code: 'format', message: { fr: 'INS : 15 caractères (NIR).', en: 'INS: 15 characters (NIR).' } }]);
    // As the backend: an INS contradicting the strict traits for certain is refused, naming the trait.
    const traits = body.traits as { sex: 'M' | 'F' | 'U'; birthDate: string; birthPlaceCode?: string };
    const traitErrors = crossCheckInsTraits({ matricule: ins.value, kind: describeInsOid(String((ins as { oid?: string }).oid))?.kind ?? 'NIR', sex: traits.sex, birthDate: traits.birthDate, ...(traits.birthPlaceCode ? { birthPlaceCode: traits.birthPlaceCode } : {}) })
      .filter((f) => f.severity === 'error')
      .map((f) => ({ path: `traits.${f.field}`, code: f.code, message: f.message }));
    if (traitErrors.length) return problem(422, 'invalid-patient', "L'identité du patient n'est pas valide", traitErrors);
    const at = now();
    const patient = { ...body, id: crypto.randomUUID(), version: 1, createdAt: at, updatedAt: at };
    state.patients.push(patient);
    save();
    return HttpResponse.json(patient as JsonBodyType, { status: 201, headers: headers(1) });
  }),
  http.get('/patients/:id', ({ params }) => {
    const p = state.patients.find((x) => x.id === params.id);
    return p ? HttpResponse.json(p as JsonBodyType, { headers: headers(p.version as number) }) : notFound();
  }),
  http.get('/documents', ({ request }) => {
    if (!state.loggedIn) return unauthorized();
    const patientId = new URL(request.url).searchParams.get('patientId');
    const items = state.documents.filter((d) => !patientId || d.patientId === patientId).map(documentView);
    return HttpResponse.json({ items, nextCursor: null } as JsonBodyType, { headers: headers() });
  }),
  http.post('/documents', async ({ request }) => {
    if (!state.loggedIn) return unauthorized();
    const body = (await request.json()) as { patientId: string; type: 'pps' | 'frcp'; model: Json };
    if (!state.patients.some((p) => p.id === body.patientId)) return problem(422, 'validation', 'Patient inconnu', [{ path: 'patientId', code: 'unknown', message: { fr: 'Patient inconnu.', en: 'Unknown patient.' } }]);
    const at = now();
    const doc: StoredDocument = {
      id: crypto.randomUUID(),
      patientId: body.patientId,
      type: body.type,
      setId: crypto.randomUUID(),
      version: 1,
      createdAt: at,
      updatedAt: at,
      versions: [{ number: 1, status: 'draft', model: body.model, createdAt: at, createdBy: DR_LEFORT_SESSION.professional.idNatPs }],
    };
    state.documents.push(doc);
    save();
    return HttpResponse.json(documentView(doc) as JsonBodyType, { status: 201, headers: headers(doc.version) });
  }),
  http.get('/documents/:id', ({ params }) => {
    const d = state.documents.find((x) => x.id === params.id);
    return d ? HttpResponse.json(documentView(d) as JsonBodyType, { headers: headers(d.version) }) : notFound();
  }),
  http.post('/documents/:id/versions', async ({ params, request }) => {
    const d = state.documents.find((x) => x.id === params.id);
    if (!d) return notFound();
    const refused = ifMatch(request, d.version);
    if (refused) return refused;
    if (d.versions.some((v) => v.status === 'signed')) return problem(409, 'invalid-transition', 'Document signé : créez un nouveau document');
    const { model } = (await request.json()) as { model: Json };
    const v: StoredVersion = { number: d.versions.length + 1, status: 'draft', model, createdAt: now(), createdBy: DR_LEFORT_SESSION.professional.idNatPs };
    d.versions.push(v);
    d.version += 1;
    d.updatedAt = v.createdAt;
    save();
    return HttpResponse.json(versionView(d, v) as JsonBodyType, { status: 201, headers: headers(d.version) });
  }),
  http.get('/documents/:id/versions/:n', ({ params }) => {
    const d = state.documents.find((x) => x.id === params.id);
    const v = d?.versions.find((x) => x.number === Number(params.n));
    return d && v ? HttpResponse.json(versionView(d, v) as JsonBodyType, { headers: headers(d.version) }) : notFound();
  }),
  http.get('/documents/:id/versions/:n/cda', ({ params }) => {
    const d = state.documents.find((x) => x.id === params.id);
    const v = d?.versions.find((x) => x.number === Number(params.n));
    if (!v?.cda) return notFound();
    return new HttpResponse(v.cda, { headers: { ...headers(), 'Content-Type': 'application/xml' } });
  }),
  http.post('/documents/:id/versions/:n/:action', async ({ params, request }) => {
    const d = state.documents.find((x) => x.id === params.id);
    const v = d?.versions.find((x) => x.number === Number(params.n));
    if (!d || !v) return notFound();
    const refused = ifMatch(request, d.version);
    if (refused) return refused;
    if (v !== d.versions[d.versions.length - 1]) return problem(409, 'not-current-version', 'Seule la dernière version peut changer de statut');
    const api = await voletApi(d.type);
    const model = { ...v.model, document: { ...((v.model.document as Json | undefined) ?? {}), setId: { root: d.setId } } };
    if (params.action === 'validate') {
      const result = api.validate(model);
      if (!result.ok)
        return problem(
          422,
          'model-invalid',
          'Document incomplet ou invalide',
          result.issues.map((i) => ({ path: `model.${i.path}`, code: i.code, message: i.message })),
        );
      v.cda = api.build(model);
      v.status = 'validated';
      v.validation = { valid: true, layers: [{ layer: 'model', valid: true, errorCount: 0, warningCount: 0 }], checkedAt: now() };
    } else if (params.action === 'sign') {
      if (v.status !== 'validated') return problem(409, 'invalid-transition', 'Validez le document avant de le signer');
      const p = DR_LEFORT_SESSION.professional;
      // As the server does: the logged-in professional becomes legal authenticator, time now (model instant, no ms).
      const time = `${new Date().toISOString().slice(0, 19)}Z`;
      const signed = { ...model, legalAuthenticator: { professional: { idNatPs: p.idNatPs, name: { family: p.familyName, given: p.givenName } }, time } };
      try {
        v.cda = api.build(signed);
      } catch (error) {
        const issues = (error as { issues?: Array<{ path: string; code: string; message: Json }> }).issues ?? [];
        return problem(422, 'model-invalid', 'Signature impossible', issues.map((i) => ({ path: `model.${i.path}`, code: i.code, message: i.message })));
      }
      v.status = 'signed';
      v.signedAt = now();
      v.signedBy = p.idNatPs;
    } else return problem(409, 'invalid-transition', 'Action non disponible hors ligne');
    d.version += 1;
    d.updatedAt = now();
    save();
    return HttpResponse.json(versionView(d, v) as JsonBodyType, { headers: headers(d.version) });
  }),
];

/** Starts the mock API (the service worker is /mockServiceWorker.js, generated by `msw init`). */
export async function startOfflineApi(): Promise<void> {
  const worker = setupWorker(...handlers);
  // Page assets and modules go to the network; only the API routes above are answered here.
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: '/mockServiceWorker.js' } });
}
