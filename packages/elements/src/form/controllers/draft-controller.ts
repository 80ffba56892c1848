// Encrypted drafts of a schema form: a debounced save after each edit (and on page hide),
// saves in order (an older encrypt never lands after a newer one), edit/save sequence numbers
// so that only unsaved edits are written, the restore of a document's draft (only for its own
// patient, with undo and the "newer server version" case), the purge of expired drafts once per
// session, and nothing written after a logout. Timers run on the host's clock.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { TimerSlot, type Clock } from '../../clock.js';
import { LazyChunk } from '../../lazy-chunk.js';
import type { DccSession } from '../../context.js';
import { DccDraftErrorEvent, DccDraftRestoredEvent, DccDraftSavedEvent, DccServerVersionNewerEvent } from '../../events.js';
import type { DraftStore, SealedDraft } from '../../drafts/draft-store.js';

type DraftsModule = typeof import('../../drafts/draft-store.js');
/**
 * The store (encryption, IndexedDB) is a chunk of its own, loaded for the page when a form with
 * a session connects (before anyone can type): the first paint does not wait for it. Every path
 * that writes or reads drafts awaits it; edits made before it arrives are counted and saved once
 * it is there. A failed load is retried at the next need.
 */
const draftsChunk = new LazyChunk<DraftsModule>(() => import('../../drafts/draft-store.js'));
const loadDrafts = (): Promise<DraftsModule> => draftsChunk.load();

type Model = Record<string, unknown>;

export type DraftBanner =
  | { kind: 'restored'; savedAt: number }
  | { kind: 'server-newer'; draft: unknown; savedAt: number; draftId: string }
  | { kind: 'info'; text: string }
  | { kind: 'error'; text: string };

export type DraftBannerAction = 'undo' | 'discard' | 'restore-anyway';

/**
 * What an editor encrypts in a draft: the model and the fingerprint of its patient (null: none
 * known); since the drafts can be listed (`draftsFor`), its own draft id and document id too.
 */
interface DraftPayload {
  readonly patient: string | null;
  readonly data: Model;
  readonly draftId?: string;
  readonly documentId?: string | null;
}

/** A draft of a patient that the host can offer to resume (see `DraftController.draftsFor`). */
export interface DraftSummary {
  /** The draft's id (`<editor>:<documentId>` or `<editor>:new:<patient key>`). */
  readonly draftId: string;
  /** The stored document it belongs to; undefined for a document not stored yet. */
  readonly documentId: string | undefined;
  /** When it was saved (ms since the epoch). */
  readonly savedAt: number;
  /** The server version it started from, when known. */
  readonly baseVersion?: string;
}

/** A draft encrypted right after an edit, ready to be written in the `pagehide` handler itself. */
interface SealedEntry {
  readonly seq: number;
  readonly target: DraftTarget;
  readonly draft: SealedDraft;
}
const isDraftPayload = (value: unknown): value is DraftPayload =>
  typeof value === 'object' && value !== null && 'data' in value && typeof (value as DraftPayload).data === 'object' && (value as DraftPayload).data !== null && 'patient' in value;

/** The document the pending draft belongs to (captured at the first edit, kept until the editor leaves it). */
interface DraftTarget {
  readonly documentId: string;
  serverVersion: string | undefined;
  /** Draft ids written for it (a new document's id follows the patient typed in it). */
  readonly savedIds: Set<string>;
  /** The latest edit whose write was issued: an older one never lands after it. */
  writtenSeq: number;
}

/** Sessions whose expired drafts were already purged on this page (memory only). */
const expiredDraftsPurged = new Set<string>();

/** Delay of the save after an edit. */
export const DRAFT_DEBOUNCE_MS = 800;

export interface DraftHost extends ReactiveControllerHost, EventTarget {}

/** What the draft controller reads from and does to its form. */
export interface DraftControllerOptions {
  clock(): Clock;
  /** Draft id of a document, or of a new one (no id) by its patient key (see `draftIdFor`). */
  draftId(documentId: string | undefined, patientKey?: string): string;
  /** When the loaded model was made (ms): a draft saved before it is not restored. */
  madeAt(model: Model): number | undefined;
  documentId(): string;
  serverVersion(): string | undefined;
  /** The session (property or context), `undefined` when drafts are off or nobody is logged in. */
  session(): DccSession | undefined;
  maxAgeMs(): number | undefined;
  /** The model as edited. */
  data(): Model;
  /** The patient of the document: the host's, else the one typed in the model. */
  patient(): unknown;
  /** Replaces the whole model (restore, undo). */
  replaceData(next: Model): void;
  /** A term of the host's catalogue. */
  term(key: 'draftSaveFailed' | 'restoreUndone' | 'draftDiscarded'): string;
}

/** True when `server` is a later version than `base` (numbers compared as numbers). */
export function isNewerVersion(server: string, base: string): boolean {
  const a = Number(server);
  const b = Number(base);
  if (Number.isFinite(a) && Number.isFinite(b)) return a > b;
  return server !== base;
}

export class DraftController implements ReactiveController {
  private currentBanner: DraftBanner | undefined;
  private readonly timer = new TimerSlot();
  private checked = false;
  private storeCache: { key: string; store: DraftStore } | undefined;
  /** The model before a restore (undo). */
  private beforeRestore: Model | undefined;
  /** The document of the pending draft; edits since the first of it, and how many are saved. */
  private target: DraftTarget | undefined;
  private editSeq = 0;
  private savedSeq = 0;
  /** Draft saves run one after another: an older encrypt never lands after a newer one. */
  private chain: Promise<void> = Promise.resolve();
  /** Bumped when the editor leaves a document: a restore still loading for it is dropped. */
  private restoreGeneration = 0;
  /** The latest edit already encrypted, and the encryption running (one at a time, the latest wins). */
  private sealed: SealedEntry | undefined;
  private sealing = false;
  private resealWanted = false;
  /** The latest draft check and purge of expired drafts (see `settled`). */
  private restoring: Promise<void> = Promise.resolve();
  private purging: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: DraftHost,
    private readonly options: DraftControllerOptions,
  ) {
    host.addController(this);
  }

  /** The banner to show (restored, newer on the server, info, save error). */
  get banner(): DraftBanner | undefined {
    return this.currentBanner;
  }
  set banner(next: DraftBanner | undefined) {
    if (next !== this.currentBanner) this.host.requestUpdate();
    this.currentBanner = next;
  }
  /** A restore can be undone. */
  get canUndo(): boolean {
    return this.beforeRestore !== undefined;
  }

  hostConnected(): void {
    if (this.options.session()) void loadDrafts().catch(() => undefined);
    document.addEventListener('visibilitychange', this.onVisibilityChange);
    window.addEventListener('pagehide', this.flush);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    window.removeEventListener('pagehide', this.flush);
    this.flush();
  }

  hostUpdated(): void {
    if (!this.checked && this.options.session()) {
      this.checked = true;
      this.restoring = this.restore();
    }
  }

  /**
   * Resolves once the draft work already asked for has run: the pending update and the draft
   * check it starts, the saves queued, the purge of expired drafts (for hosts and tests, which
   * wait on it instead of on time).
   */
  async settled(): Promise<void> {
    // The update runs hostUpdated(), which starts the check when one is due.
    for (let round = 0; round < 10; round++) {
      await this.host.updateComplete;
      const restoring = this.restoring;
      const chain = this.chain;
      const purging = this.purging;
      await Promise.all([restoring.catch(() => undefined), chain, purging]);
      // A check, save or purge started meanwhile (another document, a recheck, the store's chunk
      // arriving): wait for it too.
      if (restoring === this.restoring && chain === this.chain && purging === this.purging) return;
    }
  }

  /** Checks for a draft again at the next update (back/forward restore of the form state). */
  recheck(): void {
    this.checked = false;
    this.host.requestUpdate();
  }

  /** Saves the pending draft of the current document, then forgets its draft state (restore runs again for the next one). */
  leaveDocument(): void {
    if (this.target && this.savedSeq < this.editSeq) void this.save();
    this.timer.clear();
    this.forgetPending();
    this.restoreGeneration++;
    this.checked = false;
    this.banner = undefined;
    this.beforeRestore = undefined;
  }

  /** No session any more (logout) or drafts turned off: nothing may be written after the purge. */
  sessionChanged(): void {
    if (this.options.session() && (!draftsChunk.value || this.store())) return;
    this.timer.clear();
    this.forgetPending();
  }

  /** An edit: the draft is saved after the debounce. */
  edited(): void {
    if (this.banner?.kind === 'info') this.banner = undefined;
    if (!this.options.session()) return;
    this.target ??= { documentId: this.options.documentId(), serverVersion: undefined, savedIds: new Set(), writtenSeq: 0 };
    this.target.serverVersion = this.options.serverVersion();
    this.editSeq++;
    this.timer.set(this.options.clock(), () => void this.save(), DRAFT_DEBOUNCE_MS);
    if (draftsChunk.value) this.sealAhead();
    else
      void loadDrafts().then(
        () => this.sealAhead(),
        () => undefined,
      );
  }

  /**
   * Encrypts the latest edit now (not written): a reload right after typing leaves no time for
   * an encryption, so `flush` writes what is sealed here. One encryption at a time; edits made
   * meanwhile are sealed once it ends.
   */
  private sealAhead(): void {
    if (this.sealing) {
      this.resealWanted = true;
      return;
    }
    const store = this.store();
    const target = this.target;
    if (!store || !target) return;
    this.sealing = true;
    const seq = this.editSeq;
    void this.seal(store, target, seq, JSON.stringify(this.options.data()), this.options.patient())
      .then(
        (entry) => {
          if (this.target === target && seq > (this.sealed?.target === target ? this.sealed.seq : 0)) this.sealed = entry;
        },
        () => undefined,
      )
      .finally(() => {
        this.sealing = false;
        if (this.resealWanted) {
          this.resealWanted = false;
          if (this.target && this.savedSeq < this.editSeq) this.sealAhead();
        }
      });
  }

  /** Encrypts the model (its JSON taken when the edit was made) with the ids of its document and patient. */
  private async seal(store: DraftStore, target: DraftTarget, seq: number, dataJson: string, patient: unknown): Promise<SealedEntry> {
    const ids = await this.draftIdOf(store, target.documentId, patient);
    const json = `{"patient":${JSON.stringify(ids.fingerprint ?? null)},"draftId":${JSON.stringify(ids.draftId)},"documentId":${JSON.stringify(target.documentId || null)},"data":${dataJson}}`;
    const draft = await store.seal(ids.draftId, json, target.serverVersion !== undefined ? { baseVersion: target.serverVersion } : {});
    return { seq, target, draft };
  }

  /**
   * Writes a sealed draft unless a newer edit of its document was written already (its
   * IndexedDB request is issued before the first await: see `DraftStore.writeSealed`).
   */
  private async commit(store: DraftStore, entry: SealedEntry): Promise<void> {
    const { target, draft } = entry;
    if (entry.seq <= target.writtenSeq) return;
    const previous = target.writtenSeq;
    target.writtenSeq = entry.seq;
    try {
      await store.writeSealed(draft);
    } catch (error) {
      if (target.writtenSeq === entry.seq) target.writtenSeq = previous;
      throw error;
    }
    // A new document whose patient changed since the last save: the older record is obsolete.
    for (const old of target.savedIds) if (old !== draft.draftId) await store.delete(old).catch(() => undefined);
    target.savedIds.clear();
    target.savedIds.add(draft.draftId);
    if (this.target === target) this.savedSeq = Math.max(this.savedSeq, entry.seq);
    if (this.banner?.kind === 'error') this.banner = undefined;
    this.host.dispatchEvent(new DccDraftSavedEvent({ draftId: draft.draftId, savedAt: draft.record.savedAt }));
  }

  /** Saves now the edits not saved yet. */
  save(): Promise<void> {
    this.timer.clear();
    const target = this.target;
    if (!this.options.session() || !target || this.savedSeq >= this.editSeq) return this.chain;
    const seq = this.editSeq;
    // The model as it is now (later edits are saved by a later save).
    const dataJson = JSON.stringify(this.options.data());
    const patient = this.options.patient();
    const job = this.chain.then(async () => {
      let draftId = this.options.draftId(target.documentId || undefined);
      try {
        const store = await this.loadedStore();
        if (!store) return;
        const entry = await this.seal(store, target, seq, dataJson, patient);
        draftId = entry.draft.draftId;
        await this.commit(store, entry);
      } catch (error) {
        if (draftsChunk.value && error instanceof draftsChunk.value.DraftStoreClosedError) return; // logged out meanwhile: nothing may be written
        this.banner = { kind: 'error', text: this.options.term('draftSaveFailed') };
        this.host.dispatchEvent(new DccDraftErrorEvent({ draftId }));
      }
    });
    this.chain = job;
    return job;
  }

  /** Deletes the draft of this document (and the records written for it under other ids). */
  async discard(): Promise<void> {
    this.timer.clear();
    const target = this.target;
    this.forgetPending();
    if (!this.options.session()) return;
    const store = await this.loadedStore();
    if (!store) return;
    await this.chain;
    const ids = new Set(target?.savedIds ?? []);
    ids.add((await this.draftIdOf(store, this.options.documentId(), this.options.patient())).draftId);
    for (const id of ids) await store.delete(id).catch(() => undefined);
  }

  /**
   * Saves the pending edits (page hidden or left, editor removed). The latest sealed edit is
   * written in this very task (a page being reloaded runs no later task: typing 50 ms before a
   * reload is kept); a full save follows for what the seal did not reach yet.
   */
  readonly flush = (): void => {
    if (this.savedSeq >= this.editSeq) return;
    const store = this.store();
    const entry = this.sealed;
    if (store && entry && entry.target === this.target) this.commit(store, entry).catch(() => undefined);
    void this.save();
  };

  /**
   * The drafts of this editor's kind that this session can read for `patient` (a new document
   * of this patient, or stored documents), newest first; none without a session or patient.
   */
  async draftsFor(patient: unknown): Promise<DraftSummary[]> {
    if (!this.options.session()) return [];
    const store = await this.loadedStore();
    if (!store) return [];
    await this.chain;
    const fingerprint = await draftsChunk.value!.patientFingerprint(patient, store.userId);
    if (!fingerprint) return [];
    const found: DraftSummary[] = [];
    for (const draft of await store.list()) {
      const payload = draft.value;
      if (!isDraftPayload(payload) || payload.patient !== fingerprint || typeof payload.draftId !== 'string') continue;
      const documentId = typeof payload.documentId === 'string' && payload.documentId ? payload.documentId : undefined;
      // Only this editor's kind (the draft id is derived from the document and the patient).
      if (payload.draftId !== this.options.draftId(documentId, fingerprint)) continue;
      found.push({ draftId: payload.draftId, documentId, savedAt: draft.savedAt, ...(draft.baseVersion !== undefined ? { baseVersion: String(draft.baseVersion) } : {}) });
    }
    return found.sort((a, b) => b.savedAt - a.savedAt);
  }

  /** The user's answer to the banner. */
  async bannerAction(action: DraftBannerAction): Promise<void> {
    const banner = this.banner;
    if (action === 'undo' && this.beforeRestore) {
      const before = this.beforeRestore;
      this.beforeRestore = undefined;
      this.options.replaceData(before);
      this.banner = { kind: 'info', text: this.options.term('restoreUndone') };
    } else if (action === 'discard') {
      if (banner?.kind === 'restored' && this.beforeRestore) {
        const before = this.beforeRestore;
        this.beforeRestore = undefined;
        this.options.replaceData(before);
      }
      await this.discard();
      this.banner = { kind: 'info', text: this.options.term('draftDiscarded') };
    } else if (action === 'restore-anyway' && banner?.kind === 'server-newer') {
      this.apply(banner.draftId, banner.draft, banner.savedAt);
    }
  }

  private forgetPending(): void {
    this.target = undefined;
    this.sealed = undefined;
    this.editSeq = 0;
    this.savedSeq = 0;
  }

  private readonly onVisibilityChange = (): void => {
    if (document.visibilityState === 'hidden') this.flush();
  };

  /** The store of the session, once its chunk is loaded (undefined before, and without a session). */
  private store(): DraftStore | undefined {
    const session = this.options.session();
    const drafts = draftsChunk.value;
    if (!session || !drafts) return undefined;
    const maxAgeMs = this.options.maxAgeMs();
    const key = `${session.userId}\u0000${session.draftKey}\u0000${maxAgeMs ?? ''}`;
    if (this.storeCache?.key !== key) {
      try {
        const store = new drafts.DraftStore({
          keyMaterial: session.draftKey,
          userId: session.userId,
          now: () => this.options.clock().now(),
          ...(maxAgeMs ? { maxAgeMs } : {}),
        });
        this.storeCache = { key, store };
        // Expired drafts of anyone are deleted once per session of the page, not at every restore.
        const sessionKey = `${session.userId}\u0000${session.draftKey}`;
        if (!expiredDraftsPurged.has(sessionKey)) {
          expiredDraftsPurged.add(sessionKey);
          this.purging = store.purgeExpired().then(
            () => undefined,
            () => undefined,
          );
        }
      } catch {
        return undefined;
      }
    }
    return this.storeCache.store;
  }

  /** The store of the session, its chunk loaded first (undefined without a session or when the chunk cannot load). */
  private async loadedStore(): Promise<DraftStore | undefined> {
    if (!draftsChunk.value) await loadDrafts().catch(() => undefined);
    return this.store();
  }

  /** Draft id of a document (a new one is keyed by its patient) and the patient fingerprint kept inside the draft. */
  private async draftIdOf(store: DraftStore, documentId: string, patient: unknown): Promise<{ draftId: string; fingerprint: string | undefined }> {
    const fingerprint = await draftsChunk.value!.patientFingerprint(patient, store.userId);
    return { draftId: this.options.draftId(documentId || undefined, fingerprint), fingerprint };
  }

  private async restore(): Promise<void> {
    const generation = ++this.restoreGeneration;
    const store = await this.loadedStore();
    if (!store || generation !== this.restoreGeneration) return;
    const documentId = this.options.documentId();
    const { draftId, fingerprint } = await this.draftIdOf(store, documentId, this.options.patient());
    // A new document of a patient not known yet restores nothing: the draft could be anybody's.
    if (!documentId && !fingerprint) return;
    const draft = await store.load<unknown>(draftId).catch(() => undefined);
    if (!draft || generation !== this.restoreGeneration) return;
    const payload = draft.value;
    // Never show the draft of another patient (or of an older format without the fingerprint).
    if (!isDraftPayload(payload) || payload.patient !== (fingerprint ?? null)) return;
    const base = draft.baseVersion === undefined ? undefined : String(draft.baseVersion);
    const serverVersion = this.options.serverVersion();
    if (serverVersion !== undefined && base !== undefined && isNewerVersion(serverVersion, base)) {
      this.banner = { kind: 'server-newer', draft: payload.data, savedAt: draft.savedAt, draftId };
      this.host.dispatchEvent(new DccServerVersionNewerEvent({ serverVersion, draftVersion: base }));
      return;
    }
    const loadedTime = this.options.madeAt(this.options.data());
    if (loadedTime !== undefined && loadedTime >= draft.savedAt) return;
    this.apply(draftId, payload.data, draft.savedAt);
  }

  private apply(draftId: string, value: unknown, savedAt: number): void {
    this.beforeRestore = this.options.data();
    this.options.replaceData(value && typeof value === 'object' ? (value as Model) : {});
    this.banner = { kind: 'restored', savedAt };
    this.host.dispatchEvent(new DccDraftRestoredEvent({ draftId, savedAt }));
  }
}
