// The host page of the demo: a "dossier patient" screen of a fictional hospital software,
// written without any framework (plain DOM), into which the dcc-kit elements drop. It logs in
// through the platform's BFF (Pro Santé Connect), lists and creates patients and documents with
// @dcc-kit/sdk, hands the editors their context through <dcc-provider>, and on `dcc-submit`
// stores, validates and signs the document on the platform.
// Nothing here logs health data: errors show the server's titles, field paths and request ids.
import {
  createDccClient,
  DccAuthenticationError,
  DccError,
  DccValidationError,
  type Activity,
  type Document,
  type Patient,
  type Session,
} from '@dcc-kit/sdk';
import { patientToApi, type ModelPatient } from '@dcc-kit/cda/identity';
import type { DccContextValue, DccSession } from '@dcc-kit/elements';
import { INS_OID_CHOICES, activeActivity, authorOf, custodianOf, editablePart, establishmentOf, patientIdentity } from './context.js';
import type { FrcpDocument } from '@dcc-kit/cda/core';
import type { PpsEditor } from '@dcc-kit/pps-editor';
import { createWorkflow, TYPE_LABEL, type DocType, type EditorElement } from './workflow.js';
import { showMailbox } from './mailbox.js';
import { showPatientDmp } from './patient-dmp.js';
import { showIdentityPanel } from './identity-panel.js';
import { DASHBOARD_HASH, showDashboard } from './dashboard-view.js';
import { formatParisDateTime } from '@dcc-kit/elements';

type Model = Record<string, unknown>;

/** The parts of <dcc-provider> this page uses. */
interface ProviderElement extends HTMLElement {
  client: DccContextValue['client'];
  session: DccSession | undefined;
  patient: DccContextValue['patient'];
  identityStatus: DccContextValue['identityStatus'];
  author: DccContextValue['author'];
  organization: DccContextValue['organization'];
  establishment: DccContextValue['establishment'];
  onLogout: (() => void | Promise<void>) | undefined;
  logout?: () => Promise<void>;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el as T;
};

const client = createDccClient({ baseUrl: location.origin, timeoutMs: 120_000 });
const provider = $<ProviderElement>('provider');
const editors: Record<DocType, EditorElement> = { pps: $<EditorElement>('pps-editor'), frcp: $<EditorElement>('rcp-form') };
const STATUS_LABEL: Record<string, string> = { draft: 'Brouillon', validated: 'Validé', signed: 'Signé', submitted: 'Transmis' };
const IDENTITY_LABEL: Record<string, string> = { provisional: 'Provisoire', recovered: 'Récupérée', validated: 'Validée', qualified: 'Qualifiée' };
const SEX_LABEL: Record<string, string> = { F: 'Féminin', M: 'Masculin', U: 'Inconnu' };

let offline = false;
let session: Session | undefined;
let patients: Patient[] = [];
let selectedPatient: Patient | undefined;
/** Editors that could not be loaded (package not built): reported on the page. */
const missingElements: string[] = [];

// ---------------------------------------------------------------------------- messages

function say(text: string, kind: 'info' | 'ok' | 'error' = 'info'): void {
  const box = $('message');
  box.textContent = text;
  box.className = `notice ${kind === 'info' ? '' : kind}`.trim();
  box.hidden = text === '';
}

/** A user-facing description of an SDK error: title, status, request id — never the submitted data. */
function describe(error: unknown): string {
  if (error instanceof DccError) {
    // The platform's title and detail never quote submitted values (no health data).
    const title = [error.problem?.title ?? error.message, error.problem?.detail].filter(Boolean).join(' : ');
    return `${title} (HTTP ${error.status ?? '—'}${error.requestId ? `, réf. ${error.requestId}` : ''})`;
  }
  return error instanceof Error ? error.message : String(error);
}

function listErrors(target: HTMLElement, error: unknown): void {
  target.replaceChildren();
  const issues = error instanceof DccValidationError ? error.fieldErrors : [];
  for (const issue of issues.slice(0, 30)) {
    const li = document.createElement('li');
    const where = issue.layer ? `[${issue.layer}] ${issue.location ?? issue.path}` : issue.path || '(document)';
    li.textContent = `${where} : ${issue.message.fr}`;
    target.append(li);
  }
  if (issues.length > 30) {
    const li = document.createElement('li');
    li.textContent = `… et ${issues.length - 30} autre(s).`;
    target.append(li);
  }
}

function handle(error: unknown, target?: HTMLElement): void {
  if (error instanceof DccAuthenticationError) {
    session = undefined;
    renderSession();
    say('Votre session a expiré : reconnectez-vous.', 'error');
    return;
  }
  if (target) listErrors(target, error);
  say(describe(error), 'error');
}

// A birth date is a calendar date (no time zone); an instant is shown in Paris time, whatever the workstation's zone.
const frDate = (iso: string) => new Date(iso).toLocaleDateString('fr-FR', { timeZone: 'UTC' });
const frDateTime = (iso: string) => formatParisDateTime(iso, 'fr', 'short');
const cell = (text: string) => {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
};

// ---------------------------------------------------------------------------- session

async function loadSession(): Promise<void> {
  try {
    session = (await client.session.get()).data;
  } catch (error) {
    session = undefined;
    if (!(error instanceof DccAuthenticationError)) say(`Plateforme indisponible : ${describe(error)}`, 'error');
  }
  await renderSession();
}

async function renderSession(): Promise<void> {
  $('session-out').hidden = session !== undefined;
  $('session-in').hidden = session === undefined;
  $('workspace').hidden = true;
  $('tableau-de-bord').hidden = true;
  if (!session) return;
  const p = session.professional;
  $('pro-name').textContent = [p.givenName, p.familyName].filter(Boolean).join(' ') || p.idNatPs;
  $('pro-id').textContent = p.idNatPs;
  // The SDK client and the session (draft encryption) do not depend on the structure chosen.
  provider.client = client as unknown as DccContextValue['client'];
  provider.session = { userId: p.idNatPs, draftKey: session.draftKey };
  const select = $<HTMLSelectElement>('activity');
  select.replaceChildren();
  const activity = activeActivity(session);
  if (!activity) select.append(new Option('— choisir la structure —', '', true, true));
  for (const a of p.activities) select.append(new Option(`${a.structureName ?? a.structureId} (${a.structureIdType} ${a.structureId})`, a.id, false, a.id === activity?.id));
  if (!activity) {
    say('Choisissez la structure pour laquelle vous intervenez.');
    applyView();
    return;
  }
  await applyContext(activity);
  applyView();
  await loadPatients();
}

/**
 * The view of the menu bar's anchor: « Tableau de bord » (#tableau-de-bord) shows the regional
 * indicators in place of the patients' workspace; any other anchor shows the workspace.
 */
function applyView(): void {
  const dashboard = location.hash === DASHBOARD_HASH && session !== undefined;
  $('tableau-de-bord').hidden = !dashboard;
  $('workspace').hidden = dashboard || !session || !activeActivity(session);
  if (dashboard) showDashboard($('dashboard-slot'), client);
}

window.addEventListener('hashchange', applyView);

/** Hands the editors the author and custodian of the structure the professional acts for. */
async function applyContext(activity: Activity): Promise<void> {
  if (!session) return;
  provider.author = await authorOf(session, activity);
  provider.organization = custodianOf(activity);
  provider.establishment = establishmentOf(activity);
}

$<HTMLSelectElement>('activity').addEventListener('change', async (event) => {
  const id = (event.target as HTMLSelectElement).value;
  if (!id) return;
  try {
    session = (await client.session.selectActivity(id)).data;
    say('');
    selectPatient(undefined);
    await renderSession();
  } catch (error) {
    handle(error);
  }
});

/** After the drafts were purged by <dcc-provider>: end the platform session, then the PSC one. */
async function endPscSession(): Promise<void> {
  const { data } = await client.session.logout();
  location.assign(data.endSessionUrl ?? '/');
}

$('logout').addEventListener('click', async () => {
  try {
    // The provider purges every encrypted draft of this browser, then calls onLogout.
    if (typeof provider.logout === 'function') await provider.logout();
    else await endPscSession();
  } catch (error) {
    handle(error);
  }
});

// ---------------------------------------------------------------------------- patients

async function loadPatients(): Promise<void> {
  const found: Patient[] = [];
  try {
    for await (const p of client.patients.list({ limit: 50 })) {
      found.push(p);
      if (found.length >= 200) break;
    }
  } catch (error) {
    handle(error);
    return;
  }
  patients = found;
  renderPatients();
}

function renderPatients(): void {
  const body = $('patient-table').querySelector('tbody')!;
  body.replaceChildren();
  for (const p of patients) {
    const tr = document.createElement('tr');
    tr.tabIndex = 0;
    tr.dataset.id = p.id;
    tr.className = p.id === selectedPatient?.id ? 'selected' : '';
    tr.append(cell(p.usedName ?? p.traits.birthName), cell(p.traits.firstNames.join(' ')), cell(frDate(p.traits.birthDate)), cell(IDENTITY_LABEL[p.identityStatus] ?? p.identityStatus));
    tr.addEventListener('click', () => selectPatient(p));
    tr.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        selectPatient(p);
      }
    });
    body.append(tr);
  }
  $('no-patient').hidden = patients.length > 0;
}

function selectPatient(p: Patient | undefined): void {
  selectedPatient = p;
  workflow.close();
  $('editor').hidden = true;
  $('dmp-panel').hidden = !p || offline;
  if (p && !offline) showPatientDmp($('dmp-status-slot'), client, p);
  $('patient-header').hidden = !p;
  $('documents').hidden = !p;
  $('no-selection').hidden = Boolean(p);
  renderPatients();
  if (!p) return;
  provider.patient = patientIdentity(p);
  // The editors' identity status line (and the chart's identity panel with the INSi actions).
  provider.identityStatus = p.identityStatus;
  if (!offline) void showIdentityPanel($('identity-slot'), client, p, (updated) => {
    patients = patients.map((x) => (x.id === updated.id ? updated : x));
    selectPatient(updated);
  });
  $('p-name').textContent = `${p.usedName ? `${p.usedName} (né·e ${p.traits.birthName})` : p.traits.birthName} ${p.traits.firstNames.join(' ')}`;
  $('p-birth').textContent = frDate(p.traits.birthDate);
  $('p-sex').textContent = SEX_LABEL[p.traits.sex] ?? p.traits.sex;
  $('p-ins').textContent = p.ins.value;
  $('p-status').textContent = IDENTITY_LABEL[p.identityStatus] ?? p.identityStatus;
  void loadDocuments();
}

const insOid = $('patient-form').querySelector<HTMLSelectElement>('select[name="insOid"]')!;
for (const c of INS_OID_CHOICES) insOid.append(new Option(c.label, c.oid));

$('patient-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const errors = $('patient-errors');
  errors.replaceChildren();
  if (!form.reportValidity()) return;
  const f = new FormData(form);
  const text = (name: string) => String(f.get(name) ?? '').trim();
  const activity = session && activeActivity(session);
  if (!activity) return;
  try {
    const { data } = await client.patients.create({
      ins: { value: text('insValue').toUpperCase(), oid: text('insOid') },
      identityStatus: text('identityStatus') as Patient['identityStatus'],
      traits: {
        birthName: text('birthName').toUpperCase(),
        firstNames: text('firstNames').split(/\s+/).filter(Boolean),
        birthDate: text('birthDate'),
        sex: text('sex') as Patient['traits']['sex'],
        ...(text('birthPlaceCode') ? { birthPlaceCode: text('birthPlaceCode').toUpperCase() } : {}),
      },
      structureId: activity.structureId,
    });
    form.reset();
    ($('patient-create') as HTMLDetailsElement).open = false;
    say('Patient créé.', 'ok');
    await loadPatients();
    selectPatient(patients.find((p) => p.id === data.id) ?? data);
  } catch (error) {
    handle(error, errors);
  }
});

$('patient-example').addEventListener('click', async () => {
  // The patient of the PPS example 01 of @dcc-kit/cda (fictitious, valid test INS), as the API has it.
  const example = (await import('@dcc-kit/cda/examples/pps/01-sein-gauche-fec-docetaxel-radiotherapie.json')).default as { patient: ModelPatient };
  const form = $<HTMLFormElement>('patient-form');
  const set = (name: string, value: string) => ((form.elements.namedItem(name) as HTMLInputElement).value = value);
  const p = patientToApi(example.patient);
  set('insValue', p.ins.value);
  set('insOid', p.ins.oid);
  set('identityStatus', 'qualified');
  set('birthName', p.traits.birthName);
  set('firstNames', p.traits.firstNames.join(' '));
  set('birthDate', p.traits.birthDate);
  set('sex', p.traits.sex);
  set('birthPlaceCode', p.traits.birthPlaceCode ?? '');
});

// ---------------------------------------------------------------------------- documents

async function loadDocuments(): Promise<void> {
  if (!selectedPatient) return;
  const patientId = selectedPatient.id;
  const docs: Document[] = [];
  try {
    for await (const d of client.documents.list({ patientId, limit: 50 })) docs.push(d);
  } catch (error) {
    handle(error);
    return;
  }
  if (selectedPatient?.id !== patientId) return;
  const body = $('document-table').querySelector('tbody')!;
  body.replaceChildren();
  for (const d of docs.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))) {
    const tr = document.createElement('tr');
    const status = cell(STATUS_LABEL[d.status] ?? d.status);
    status.className = `status-${d.status}`;
    const actions = document.createElement('td');
    const open = document.createElement('button');
    open.type = 'button';
    open.textContent = 'Ouvrir';
    open.addEventListener('click', () => void openDocument(d));
    actions.append(open);
    if (d.status === 'signed' || d.status === 'submitted') {
      const download = document.createElement('button');
      download.type = 'button';
      download.textContent = 'CDA';
      download.title = 'Télécharger le CDA signé';
      download.addEventListener('click', () => void downloadCda(d.id, d.type as DocType, d.currentVersion));
      actions.append(' ', download);
      if (d.type === 'frcp') {
        const startPps = document.createElement('button');
        startPps.type = 'button';
        startPps.textContent = 'Nouveau PPS depuis la RCP';
        startPps.addEventListener('click', () => void newPpsFromRcp(d));
        actions.append(' ', startPps);
      }
    }
    tr.append(cell(TYPE_LABEL[d.type as DocType] ?? d.type), cell(`v${d.currentVersion}`), status, cell(frDateTime(d.updatedAt)), actions);
    body.append(tr);
  }
  $('no-document').hidden = docs.length > 0;
  void offerDrafts(patientId);
}

/**
 * « Reprendre le brouillon »: after a reload (or a patient switch) the editors say which drafts
 * this browser holds for the patient; opening the document (or a new one) restores the draft.
 */
async function offerDrafts(patientId: string): Promise<void> {
  const slot = $('draft-offers');
  const buttons: HTMLButtonElement[] = [];
  for (const type of ['pps', 'frcp'] as const) {
    const editor = editors[type];
    if (!editor.draftsFor) continue;
    const drafts = await editor.draftsFor(provider.patient).catch(() => []);
    if (selectedPatient?.id !== patientId) return;
    for (const draft of drafts) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = `Reprendre le brouillon — ${TYPE_LABEL[type]}${draft.documentId ? '' : ' (nouveau)'}, enregistré le ${draft.savedAtText}`;
      button.addEventListener('click', () => {
        slot.hidden = true;
        if (draft.documentId) void workflow.open(type, draft.documentId).catch((error) => handle(error));
        else showEditor(type, {});
      });
      buttons.push(button);
    }
  }
  slot.replaceChildren(...buttons);
  slot.hidden = buttons.length === 0;
}

const workflow = createWorkflow(
  {
    client,
    offline: () => offline,
    patient: () => selectedPatient,
    session: () => session,
    say,
    handle,
    documentsChanged: () => void loadDocuments(),
  },
  editors,
);

function showEditor(type: DocType, model: Model, stored?: { id: string; number: number; status: string; etag?: string }): void {
  if (missingElements.length > 0) say(`Composants non disponibles : ${missingElements.join(', ')} (paquet non construit ?).`, 'error');
  workflow.show(type, model, stored);
}

async function openDocument(d: Document): Promise<void> {
  try {
    await workflow.open(d.type as DocType, d.id);
  } catch (error) {
    handle(error);
  }
}

$('new-pps').addEventListener('click', () => showEditor('pps', {}));
$('new-rcp').addEventListener('click', () => showEditor('frcp', {}));

$('load-example').addEventListener('click', async () => {
  const current = workflow.current();
  if (!current) return;
  // Example 01 of @dcc-kit/cda: patient, author and custodian come from this page's context.
  const example =
    current.type === 'pps'
      ? (await import('@dcc-kit/cda/examples/pps/01-sein-gauche-fec-docetaxel-radiotherapie.json')).default
      : (await import('@dcc-kit/cda/examples/frcp/01-sein-appareil-organes-post-operatoire.json')).default;
  editors[current.type].value = editablePart(example as Model);
  say('Exemple chargé : vérifiez, enregistrez le brouillon ou « Valider ».');
});

/**
 * « Nouveau PPS depuis la RCP »: the signed version's model, with the RCP's own document id as
 * the server signed it (cdaDocumentId, root^extension), starts the PPS — nothing retyped.
 */
async function newPpsFromRcp(d: Document): Promise<void> {
  try {
    const { data } = await client.documents.getVersion(d.id, d.currentVersion);
    const frcp = structuredClone(data.model) as unknown as FrcpDocument;
    if (data.cdaDocumentId) {
      const [root, extension] = data.cdaDocumentId.split('^');
      frcp.document = { ...frcp.document, id: { root: root!, ...(extension ? { extension } : {}) } };
    }
    showEditor('pps', {});
    const started = await (editors.pps as unknown as PpsEditor).startFromRcp(frcp);
    say(`PPS prérempli depuis la Fiche RCP signée ; ${started.careTeamCandidates.length} participant(s) de la RCP à proposer pour l'équipe de soins.`, 'ok');
  } catch (error) {
    handle(error);
  }
}

async function downloadCda(id: string, type: DocType, n: number): Promise<void> {
  try {
    const { data } = await client.documents.getCda(id, n);
    const url = URL.createObjectURL(new Blob([data], { type: 'application/xml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${type}-${id}-v${n}.xml`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (error) {
    handle(error);
  }
}

$('download-cda').addEventListener('click', () => {
  const current = workflow.current();
  if (current?.id && current.number) void downloadCda(current.id, current.type, current.number);
});

// ---------------------------------------------------------------------------- start-up

/** The backend answers /health through the proxy (JSON, status ok); anything else → offline. */
async function backendReachable(): Promise<boolean> {
  try {
    const r = await fetch('/health', { headers: { accept: 'application/json' } });
    if (!r.ok || !(r.headers.get('content-type') ?? '').includes('json')) return false;
    return ((await r.json()) as { status?: string }).status === 'ok';
  } catch {
    return false;
  }
}

async function loadElements(): Promise<void> {
  // Each element package is loaded on its own: a missing one leaves the rest of the page working.
  const modules = [
    ['<dcc-provider>', () => import('@dcc-kit/elements/define/dcc-provider.js')],
    ['<pps-editor>', () => import('@dcc-kit/pps-editor/pps-editor.js')],
    ['<rcp-form>', () => import('@dcc-kit/rcp-form/rcp-form.js')],
    // The editors request it themselves (a lazy chunk of theirs); the page wants it defined when ready.
    ['<dcc-code-picker>', () => import('@dcc-kit/elements/define/dcc-code-picker.js')],
    ['<dmp-status>', () => import('@dcc-kit/dmp-status/dmp-status.js')],
    ['<dcc-dashboard>', () => import('@dcc-kit/dashboard/dashboard.js')],
  ] as const;
  const results = await Promise.allSettled(modules.map(([, load]) => load()));
  results.forEach((r, i) => {
    if (r.status === 'rejected') missingElements.push(modules[i]![0]);
  });
}

function tick(): void {
  $('clock').textContent = new Date().toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' });
}

async function boot(): Promise<void> {
  // <dcc-provider>.logout() purges the encrypted drafts of this browser, then calls this.
  provider.onLogout = endPscSession;
  tick();
  setInterval(tick, 30_000);
  const params = new URLSearchParams(location.search);
  // Back from PSC's end-session with its `state`: nothing to do with it here, keep the URL clean.
  if (params.has('state')) {
    params.delete('state');
    history.replaceState(null, '', `${location.pathname}${params.size ? `?${params}` : ''}`);
  }
  offline = params.get('offline') === '1' || !(await backendReachable());
  if (offline) {
    const { startOfflineApi, offlineLogin } = await import('./offline.js');
    await startOfflineApi();
    $('offline-banner').hidden = false;
    const login = $<HTMLAnchorElement>('login');
    login.href = '/?offline=1';
    login.textContent = 'Se connecter (professionnel fictif, hors ligne)';
    login.addEventListener('click', (event) => {
      event.preventDefault();
      offlineLogin();
      void loadSession();
    });
  }
  await loadElements();
  if (missingElements.length > 0) say(`Composants non disponibles : ${missingElements.join(', ')}.`, 'error');
  await loadSession();
  if (!offline) showMailbox($('mailbox') as HTMLDetailsElement);
  document.documentElement.dataset.ready = 'true';
}

void boot();
