// The document workflow a clinician expects: save a draft; « Valider » (whole-form check, then
// the platform's validation); sign as a separate act after a confirmation saying what is signed
// and by whom; a signed version is read-only; « Nouvelle version » makes the replacement (same
// document, n + 1, with its update reason); « Envoyer au DMP » with the visibility choices and
// the MSSanté recipients; a stale ETag (another tab saved first) explained, never a second document.
import { DccError, DccPreconditionFailedError, type DccClient, type Patient, type Session } from '@dcc-kit/sdk';
import { JDV_MotifMiseAJour_CISIS } from '@dcc-kit/cda/value-sets';
import type { DccSubmitEvent, DccInvalidEvent } from '@dcc-kit/elements';
import { editablePart } from './context.js';
import { VersionList, parisDateTime } from './versions.js';

export type DocType = 'pps' | 'frcp';
type Model = Record<string, unknown>;

export interface EditorElement extends HTMLElement {
  value: object;
  documentId: string;
  serverVersion: string | undefined;
  readonly: boolean;
  submit?(): Promise<boolean>;
  discardDraft?(): Promise<void>;
  /** The drafts this browser holds for a patient (see `draftsFor` of the editors). */
  draftsFor?(patient?: unknown): Promise<{ documentId: string | undefined; savedAtText: string }[]>;
}

export interface WorkflowHost {
  client: DccClient;
  offline: () => boolean;
  patient: () => Patient | undefined;
  session: () => Session | undefined;
  say(text: string, kind?: 'info' | 'ok' | 'error'): void;
  handle(error: unknown, target?: HTMLElement): void;
  documentsChanged(): void;
}

export const TYPE_LABEL: Record<DocType, string> = { pps: 'PPS', frcp: 'Fiche RCP' };
const STATUS_LABEL: Record<string, string> = { draft: 'Brouillon', validated: 'Validé', signed: 'Signé', submitted: 'Transmis' };

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

interface Current {
  type: DocType;
  id?: string;
  etag?: string;
  number?: number;
  status?: string;
}

export function createWorkflow(host: WorkflowHost, editors: Record<DocType, EditorElement>) {
  let current: Current | undefined;
  let busy = false;
  /** The editor's model as last stored (or loaded): « Valider » on an unchanged draft makes no new version. */
  let lastStored: string | undefined;
  const unchanged = (model: Model) => current?.id !== undefined && lastStored === JSON.stringify(model);
  const versions = new VersionList(host.client, $('version-table').querySelector('tbody')!, (id) => {
    const p = host.session()?.professional;
    return p && p.idNatPs === id ? `${[p.givenName, p.familyName].filter(Boolean).join(' ')} (${id})` : id;
  });

  const reasons = $<HTMLSelectElement>('replace-reason');
  for (const c of JDV_MotifMiseAJour_CISIS.concepts) reasons.append(new Option(c.displayName, c.code));
  reasons.value = 'MED-560';

  const signed = () => current?.status === 'signed' || current?.status === 'submitted';

  /** Buttons, read-only state and title follow the version's status. */
  function render(): void {
    if (!current) return;
    const editor = editors[current.type];
    editor.readonly = signed();
    $('editor-title').textContent = current.number ? `${TYPE_LABEL[current.type]} — version ${current.number}` : `Nouveau ${TYPE_LABEL[current.type]}`;
    $('editor-doc').textContent = current.status ? `Statut : ${STATUS_LABEL[current.status] ?? current.status}${signed() ? ' (lecture seule)' : ''}` : 'Non enregistré';
    $<HTMLButtonElement>('save-draft').disabled = busy || signed();
    $<HTMLButtonElement>('submit-doc').disabled = busy || signed();
    $<HTMLButtonElement>('load-example').disabled = signed();
    $<HTMLButtonElement>('sign-doc').disabled = busy || current.status !== 'validated';
    $('send-doc').hidden = !signed() || host.offline();
    $('replace-bar').hidden = !signed();
    $('download').hidden = !signed();
    versions.show(current.id);
  }

  function step(text: string) {
    const li = document.createElement('li');
    li.textContent = `${text}…`;
    $('steps').append(li);
    return {
      done: (note?: string) => ((li.textContent = `${text} ✔${note ? ` — ${note}` : ''}`), (li.className = 'done')),
      fail: (note?: string) => ((li.textContent = `${text} ✘${note ? ` — ${note}` : ''}`), (li.className = 'failed')),
    };
  }

  /** Runs one act; a 412 shows the conflict panel (another tab saved first), any other error its problem. */
  async function act(label: string, run: () => Promise<string | undefined>): Promise<boolean> {
    if (!current || busy) return false;
    busy = true;
    render();
    $('document-errors').replaceChildren();
    const running = step(label);
    try {
      running.done(await run());
      return true;
    } catch (error) {
      running.fail(error instanceof DccError ? (error.problem?.title ?? undefined) : undefined);
      if (error instanceof DccPreconditionFailedError) {
        $('conflict').hidden = false;
        host.say('Ce document a été modifié dans un autre onglet : rechargez-le avant de continuer.', 'error');
      } else host.handle(error, $('document-errors'));
      return false;
    } finally {
      busy = false;
      render();
      host.documentsChanged();
    }
  }

  const keep = (r: { etag?: string }) => (r.etag ? { etag: r.etag } : {});

  /** Stores the editor's model: the document's first version, or a new draft version (If-Match). */
  async function save(model: Model): Promise<string | undefined> {
    const c = current!;
    if (!c.id) {
      const created = await host.client.documents.create({ patientId: host.patient()!.id, type: c.type, model });
      current = { type: c.type, id: created.data.id, number: created.data.currentVersion, status: created.data.status, ...keep(created) };
    } else {
      const saved = await host.client.documents.saveVersion(c.id, { model }, { ifMatch: c.etag ?? '' });
      current = { ...c, number: saved.data.number, status: saved.data.status, ...keep(saved) };
    }
    lastStored = JSON.stringify(model);
    const editor = editors[c.type];
    // Stored on the server: the local draft (kept under the old id) must not shadow it later.
    await editor.discardDraft?.();
    editor.documentId = current.id!;
    editor.serverVersion = String(current.number);
    return `version ${current.number}`;
  }

  async function saveDraft(): Promise<void> {
    if (!current || signed()) return;
    $('steps').replaceChildren();
    if (await act('Enregistrement du brouillon', () => save(editors[current!.type].value as Model))) host.say('Brouillon enregistré (non signé).', 'ok');
  }

  async function validate(model: Model): Promise<void> {
    if (!current || signed()) return;
    $('steps').replaceChildren();
    if (current.status === 'validated' && unchanged(model)) {
      host.say('Cette version est déjà validée : vous pouvez la signer (« Signer… »).', 'ok');
      return;
    }
    if (!unchanged(model) && !(await act(current.id ? 'Enregistrement de la version' : 'Création du document', () => save(model)))) return;
    const ok = await act(host.offline() ? 'Validation (modèle @dcc-kit/cda)' : 'Validation (modèle, construction CDA, 7 couches du kit ANS)', async () => {
      const r = await host.client.documents.validate(current!.id!, current!.number!, { ifMatch: current!.etag ?? '' });
      current = { ...current!, status: r.data.status, ...keep(r) };
      const layers = r.data.validation?.layers ?? [];
      return host.offline() ? 'modèle conforme' : layers.length ? `${layers.filter((l) => l.valid).length}/${layers.length} couches conformes` : undefined;
    });
    if (ok) host.say('Document validé : vous pouvez maintenant le signer (« Signer… »).', 'ok');
  }

  function askSignature(): void {
    const p = host.session()?.professional;
    if (!current?.id || !p) return;
    const name = [p.givenName, p.familyName].filter(Boolean).join(' ');
    $('sign-what').textContent =
      `${TYPE_LABEL[current.type]} de ${patientName(host.patient())}, document ${current.id.slice(0, 8)}, version ${current.number}, ` +
      `signé par ${name} (RPPS ${p.idNatPs}).`;
    $<HTMLDialogElement>('sign-dialog').showModal();
  }

  async function sign(): Promise<void> {
    $<HTMLDialogElement>('sign-dialog').close();
    if (!current?.id || current.status !== 'validated') return;
    const ok = await act('Signature (vous devenez authentificateur légal)', async () => {
      const r = await host.client.documents.sign(current!.id!, current!.number!, { ifMatch: current!.etag ?? '' });
      current = { ...current!, status: r.data.status, ...keep(r) };
      return r.data.signedAt ? parisDateTime(r.data.signedAt) : undefined;
    });
    if (ok) host.say(`${current!.type === 'pps' ? 'PPS signé' : 'Fiche RCP signée'} : version en lecture seule. Le CDA est téléchargeable.`, 'ok');
  }

  async function newVersion(): Promise<void> {
    if (!current?.id || !signed()) return;
    $('steps').replaceChildren();
    // The whole model (patient, author, custodian from the context); the server sets setId, versionNumber, replaces.
    const model = editors[current.type].value as Model;
    const code = reasons.value;
    const ok = await act('Nouvelle version (remplace la version signée)', async () => {
      const r = await host.client.documents.replaceSigned(current!.id!, { model, replacementReason: { reason: { code } } }, { ifMatch: current!.etag ?? '' });
      current = { ...current!, number: r.data.number, status: r.data.status, ...keep(r) };
      editors[current.type].serverVersion = String(current.number);
      lastStored = JSON.stringify(editors[current.type].value);
      return `version ${current.number}, motif « ${reasons.selectedOptions[0]?.text ?? code} »`;
    });
    if (ok) host.say('Nouvelle version créée : modifiez-la, validez-la puis signez-la.', 'ok');
  }

  async function send(form: HTMLFormElement): Promise<void> {
    if (!current?.id || !signed()) return;
    const f = new FormData(form);
    const flag = String(f.get('visibility') ?? '');
    // A minor's secret connection: hidden from the legal representatives (the server then tells the DMP).
    const visibility = [...(flag ? [flag as 'MASQUE_PS' | 'INVISIBLE_PATIENT'] : []), ...(f.get('hiddenFromLegalRepresentatives') === 'on' ? (['INVISIBLE_REPRESENTANTS_LEGAUX'] as const) : [])];
    const recipients = String(f.get('recipients') ?? '').split(/[,;\s]+/).filter(Boolean);
    // Never to the patient's Mon espace santé mailbox when invisible to the patient, nor in a
    // minor's secret connection (the legal representatives may read it): dmp-mes.md §2.2's MSSanté matrix.
    const patient = f.get('mssPatient') === 'on' && !visibility.some((v) => v === 'INVISIBLE_PATIENT' || v === 'INVISIBLE_REPRESENTANTS_LEGAUX');
    form.hidden = true;
    const ok = await act('Envoi au DMP et par MSSanté (file d’attente)', async () => {
      const r = await host.client.documents.submit(current!.id!, current!.number!, {
        ifMatch: current!.etag ?? '',
        body: {
          ...(visibility.length ? { visibility } : {}),
          ...(patient || recipients.length ? { mss: { ...(patient ? { patient } : {}), ...(recipients.length ? { recipients } : {}) } } : {}),
        },
      });
      current = { ...current!, status: r.data.status, ...keep(r) };
      return undefined;
    });
    if (ok) host.say('Envoi demandé : suivez son état dans la liste des versions.', 'ok');
  }

  /** The server's view of the document (after a conflict): its current version, read-only when signed. */
  async function open(type: DocType, id: string): Promise<void> {
    const doc = await host.client.documents.get(id);
    const version = await host.client.documents.getVersion(id, doc.data.currentVersion);
    show(type, version.data.model as Model, { id, number: doc.data.currentVersion, status: doc.data.status, ...keep(doc) });
  }

  function show(type: DocType, model: Model, stored?: Required<Pick<Current, 'id' | 'number' | 'status'>> & { etag?: string }): void {
    current = { type, ...stored };
    for (const t of ['pps', 'frcp'] as const) editors[t].hidden = t !== type;
    const editor = editors[type];
    editor.documentId = stored?.id ?? '';
    editor.serverVersion = stored ? String(stored.number) : undefined;
    editor.value = editablePart(model);
    lastStored = stored ? JSON.stringify(editor.value) : undefined;
    $('editor').hidden = false;
    $('conflict').hidden = true;
    // Another document (maybe another patient): no visibility choice or address left from the last one.
    $<HTMLFormElement>('send-form').reset();
    $('send-form').hidden = true;
    $('steps').replaceChildren();
    $('document-errors').replaceChildren();
    render();
    $('editor').scrollIntoView({ block: 'start' });
  }

  $('save-draft').addEventListener('click', () => void saveDraft());
  // The editor's whole-form check first: it answers with `dcc-submit` or `dcc-invalid`.
  $('submit-doc').addEventListener('click', () => void (current && editors[current.type].submit?.()));
  $('sign-doc').addEventListener('click', askSignature);
  $('sign-confirm').addEventListener('click', () => void sign());
  $('sign-cancel').addEventListener('click', () => $<HTMLDialogElement>('sign-dialog').close());
  $('new-version').addEventListener('click', () => void newVersion());
  $('send-doc').addEventListener('click', () => ($('send-form').hidden = false));
  $('send-cancel').addEventListener('click', () => ($('send-form').hidden = true));
  $('send-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void send(event.target as HTMLFormElement);
  });
  $('conflict-reload').addEventListener('click', () => {
    if (current?.id) void open(current.type, current.id).catch((e) => host.handle(e));
  });
  for (const type of ['pps', 'frcp'] as const) {
    editors[type].addEventListener('dcc-submit', (event) => void validate((event as DccSubmitEvent).detail.model as Model));
    editors[type].addEventListener('dcc-invalid', (event) => {
      const count = (event as DccInvalidEvent).detail.issues.length;
      host.say(`Le formulaire contient ${count} erreur(s) : voir le récapitulatif dans l'éditeur.`, 'error');
    });
  }

  return {
    show,
    open,
    close: () => {
      current = undefined;
      versions.show(undefined);
    },
    current: () => current,
  };
}

function patientName(p: Patient | undefined): string {
  return p ? `${p.usedName ?? p.traits.birthName} ${p.traits.firstNames[0] ?? ''}`.trim() : 'ce patient';
}
