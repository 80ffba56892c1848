// The behaviour of the schema-driven editors below their rendering: the model, its public API,
// form association and validity, the lifecycle, submit/preview and the drafts API, each other
// concern being a controller: drafts (controllers/draft-controller.ts), validation
// (controllers/validation-controller.ts), the progressive render (controllers/section-scheduler.ts),
// lazy chunks (controllers/lazy-modules.ts), list items (controllers/list-items.ts), texts
// (labels.ts), model edits (model-edits.ts). Rendering, focus and the user's actions are the
// subclass's (schema-form-base.ts); the published `DccSchemaForm` (../schema-form.ts) adds styles.
import type { PropertyDeclaration, PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { Custodian, DocumentAuthor, ModelIssue, PatientIdentity } from '@dcc-kit/cda/core';
import type { EstablishmentContext } from '@dcc-kit/cda/start';
import { DccFormAssociatedElement, type ValidationResult } from '../../form-associated.js';
import { dccContext, type DccContextValue, type DccSession } from '../../context.js';
import { realClock, type Clock } from '../../clock.js';
import { DccInvalidEvent, DccSubmitEvent } from '../../events.js';
import { cloneJson, ensureRequiredBooleans, getAt, isEmptyValue, parsePath, type Path } from '../schema.js';
import type { DatePrecision } from '../dates.js';
import { registerEngineStrings } from '../engine-strings.js';
import { registerPickerStrings } from '../../code-picker/strings.js';
import { DraftController, type DraftSummary } from '../controllers/draft-controller.js';
import { draftIdFor } from '../../drafts/draft-id.js';
import { ValidationController, VALIDATION_DEBOUNCE_MS } from '../controllers/validation-controller.js';
import { SectionScheduler } from '../controllers/section-scheduler.js';
import { LazyModules } from '../controllers/lazy-modules.js';
import { ListItems } from '../controllers/list-items.js';
import { FormLabels } from '../labels.js';
import { writeAt } from '../model-edits.js';
import type { InstantParts, Model } from '../render/context.js';
import type { ListCandidates } from '../render/candidates-field.js';
import { itemSummary } from '../render/array-field.js';
import type { PreviewState } from '../render/chrome.js';
import { CONTEXT_KEYS, type ContextKey } from '../render/context-summary.js';
import type { FormDefinition } from './form-definition.js';

/** A draft the host can offer to resume (`draftsFor`): its ids, when it was saved, that time in Paris in the UI's language. */
export interface EditorDraft extends DraftSummary {
  readonly savedAtText: string;
}

/** Scalar list items emptied while editing stay in the model as "" (the line keeps its place); they are left out of the value. */
const dropEmptyItems = (_key: string, value: unknown): unknown => (Array.isArray(value) && value.includes('') ? value.filter((item) => item !== '') : value);
/** The browser's form state of an editor: a marker, never the model (session history is stored unencrypted). */
const FORM_STATE_MARKER = 'dcc-kit:draft';

export abstract class SchemaFormState extends DccFormAssociatedElement {
  /** The editor's structure (schema with its value-set annotations, sections, lazy API). */
  protected abstract get definition(): FormDefinition;
  /** The editor's title: the term `<id>/title` its strings register (see `registerVoletStrings`). */
  protected formTitle(): string {
    return this.localize.term(`${this.definition.id}/title`);
  }

  // ---- public properties ------------------------------------------------------------------
  /** Id of the stored document being edited (drafts are kept per document; empty = new). */
  @property({ attribute: 'document-id', reflect: true }) accessor documentId = '';
  /** Version of the document on the server, to detect that a draft is out of date. */
  @property({ attribute: 'server-version' }) accessor serverVersion: string | undefined = undefined;
  /** `edit` (default) or `preview` (the read-only French narrative of the built document). */
  @property({ reflect: true }) accessor mode: 'edit' | 'preview' = 'edit';
  /** `auto` (default): drafts are saved encrypted in IndexedDB when a session is known; `off`: never. */
  @property({ reflect: true }) accessor drafts: 'auto' | 'off' = 'auto';
  /** Lifetime of a draft in milliseconds (default 12 h). */
  @property({ attribute: false }) accessor draftMaxAgeMs: number | undefined = undefined;
  /** Patient identity (wins over the context). */
  @property({ attribute: false }) accessor patient: PatientIdentity | undefined = undefined;
  /** Document author (wins over the context). */
  @property({ attribute: false }) accessor author: DocumentAuthor | undefined = undefined;
  /** Custodian organisation (wins over the context). */
  @property({ attribute: false }) accessor organization: Custodian | undefined = undefined;
  /** Session for the encrypted drafts (wins over the context). */
  @property({ attribute: false }) accessor session: DccSession | undefined = undefined;
  /** Time source of the debounces and timers (wins over the context; default: the browser's). */
  @property({ attribute: false }) accessor clock: Clock | undefined = undefined;
  /** The establishment's identifiers, given once by the host (wins over the context): filled into every document shown where it says nothing yet, so the clinician never types them. */
  @property({ attribute: false }) accessor establishment: EstablishmentContext | undefined = undefined;

  @consume({ context: dccContext, subscribe: true })
  @state()
  protected accessor dcc: DccContextValue | undefined = undefined;

  // ---- internal state ---------------------------------------------------------------------
  /** The model as edited (without the parts given by the context). */
  protected data: Model = {};
  protected defaultModel: Model = {};
  @state() protected accessor announcement = '';
  @state() protected accessor preview: PreviewState = undefined;
  protected readonly precisions = new Map<string, DatePrecision>();
  /** Date and time typed for an instant field while one of the two is still missing. */
  protected readonly instantParts = new Map<string, InstantParts>();
  /** Dates typed as text (« 12/03/2026 »), shown as typed while the model holds their value. */
  protected readonly dateTexts = new Map<string, string>();
  /** Objects whose « Plus de détails » the user opened. */
  protected readonly openDetails = new Set<string>();
  /** Items offered for lists, by list path (`offerCandidates`); another document drops them. */
  protected readonly listCandidates = new Map<string, ListCandidates>();
  /** Fields given by the establishment that the user chose to edit (« Modifier »): shown as fields. */
  protected readonly editedGiven = new Set<string>();
  protected submitting: Promise<boolean> | undefined;
  private previewing: Promise<void> = Promise.resolve();
  /** Bumped by every change of document or context: a preview built for an older one is dropped. */
  private previewGeneration = 0;

  protected readonly timeSource = (): Clock => this.clock ?? this.dcc?.clock ?? realClock;
  protected readonly lists = new ListItems();
  protected readonly texts = new FormLabels(this.localize, () => this.definition.id);
  protected readonly lazy = new LazyModules(() => this.definition.load());
  /** The printing, loaded with the preview so that « Imprimer » prints at once (its click is the user's gesture). */
  protected printing: Awaited<ReturnType<LazyModules['print']>> | undefined;
  protected readonly validation = new ValidationController(this, {
    clock: this.timeSource,
    check: async () => {
      const result = (await this.lazy.api()).validate(this.value);
      return result.ok ? [] : result.issues;
    },
    checked: () => this.updateValidity(),
  });
  protected readonly sections = new SectionScheduler(this, { count: () => this.definition.sections.length, clock: this.timeSource });
  protected readonly draftsController = new DraftController(this, {
    clock: this.timeSource,
    draftId: (documentId, patientKey) => (this.definition.draftId ?? ((d, p) => draftIdFor(this.definition.id, d, p)))(documentId, patientKey),
    madeAt: (model) => this.definition.madeAt(model),
    documentId: () => this.documentId,
    serverVersion: () => this.serverVersion,
    session: () => (this.drafts === 'off' ? undefined : (this.session ?? this.dcc?.session)),
    maxAgeMs: () => this.draftMaxAgeMs,
    data: () => this.data,
    patient: () => this.contextPart('patient') ?? this.data.patient,
    replaceData: (next) => this.replaceData(next),
    term: (key) => this.localize.term(key),
  });
  constructor() {
    super();
    registerEngineStrings();
    registerPickerStrings();
  }

  // ---- value ------------------------------------------------------------------------------
  /** The model (build input of @dcc-kit/cda) with the context-given header parts merged in. */
  get value(): Model {
    const out = JSON.parse(JSON.stringify(this.data, dropEmptyItems)) as Model;
    for (const key of CONTEXT_KEYS) {
      const given = this.contextPart(key);
      if (given !== undefined) out[key] = cloneJson(given);
    }
    return out;
  }
  set value(value: object | null | undefined) {
    // Another document (or another version): the pending draft is saved under the old one's id first.
    this.draftsController.leaveDocument();
    this.listCandidates.clear();
    this.replaceData(value && typeof value === 'object' ? cloneJson(value as Model) : {});
    this.defaultModel = cloneJson(this.data);
  }

  /** The establishment context last filled in (another context object fills again). */
  private appliedEstablishment: EstablishmentContext | undefined;

  private withEstablishment(model: Model): Model {
    const given = this.establishment ?? this.dcc?.establishment;
    this.appliedEstablishment = given;
    return given && this.definition.withEstablishment ? this.definition.withEstablishment(model, given) : model;
  }

  /** The items offered for the list at a path: the host's offer (`offerCandidates`), else the establishment's. */
  protected candidatesOf(listPath: string): ListCandidates | undefined {
    const offered = this.listCandidates.get(listPath);
    if (offered) return offered;
    const given = this.establishment ?? this.dcc?.establishment;
    return given && this.definition.establishmentCandidates?.(given, listPath, (key) => this.localize.term(key));
  }

  private givenPathsCache: { given: EstablishmentContext; paths: ReadonlySet<string> } | undefined;

  /**
   * Whether the field at a path shows as given by the establishment (a summary, not controls):
   * the establishment fills it, it holds a value, it has no problem, and the user did not ask
   * to edit it.
   */
  protected isGiven(pathText: string): boolean {
    const given = this.establishment ?? this.dcc?.establishment;
    const pathsOf = this.definition.establishmentPaths;
    if (!given || !pathsOf) return false;
    if (this.givenPathsCache?.given !== given) this.givenPathsCache = { given, paths: new Set(pathsOf(given)) };
    if (!this.givenPathsCache.paths.has(pathText) || this.editedGiven.has(pathText)) return false;
    if (isEmptyValue(getAt(this.data, parsePath(pathText)))) return false;
    return !this.validation.issues.some((i) => i.path === pathText || i.path.startsWith(`${pathText}.`) || i.path.startsWith(`${pathText}[`));
  }

  /** Every replacement of the whole model (value, reset, draft restore, undo) goes through here. */
  protected replaceData(next: Model): void {
    this.data = this.withEstablishment(next);
    ensureRequiredBooleans(this.definition.schema, this.data);
    this.lists.reset();
    this.instantParts.clear();
    this.dateTexts.clear();
    this.openDetails.clear();
    this.editedGiven.clear();
    this.precisions.clear();
    this.validation.reset();
    this.invalidatePreview();
    this.requestUpdate();
    if (this.isConnected) this.valueChanged();
    this.validation.schedule(0);
  }

  /**
   * The preview (and what « Imprimer » prints) shows the current document only: whatever was
   * built for the previous one is dropped at once, and rebuilt when the preview is shown.
   */
  private invalidatePreview(): void {
    this.previewGeneration++;
    this.preview = undefined;
    if (this.mode === 'preview') this.previewing = this.buildPreview();
  }

  /**
   * Offers items for the list at `listPath` (e.g. the RCP's participants for the care team):
   * a checkbox each above the list, one key to take or leave one (`undefined`: no more offer).
   * Dropped when another document is shown (`value`).
   */
  offerCandidates(listPath: string, offer: ListCandidates | undefined): void {
    if (offer) this.listCandidates.set(listPath, offer);
    else this.listCandidates.delete(listPath);
    this.requestUpdate();
  }

  /**
   * Folds the items the list at `listPath` holds now to one line each (« Traitement n° 1 —
   * chimiothérapie, FEC 100… »), their move and remove buttons beside: what a document started
   * with (the RCP's proposals) is confirmed at a glance instead of field by field; Enter opens an
   * item. Items added later open as usual.
   */
  foldItems(listPath: string): void {
    const items = getAt(this.data, parsePath(listPath));
    if (!Array.isArray(items)) return;
    for (const item of items)
      if (item !== null && typeof item === 'object') this.lists.chosen(item, itemSummary(item as Model).replace(/^ — /, ''));
    this.requestUpdate();
  }

  /** Alias of `value`. */
  get model(): Model {
    return this.value;
  }
  set model(value: object | null | undefined) {
    this.value = value;
  }

  /** Resolves when the validation of the latest change has run (for hosts and tests). */
  get validationComplete(): Promise<void> {
    return this.validation.complete;
  }

  /**
   * Resolves once the draft work already asked for has run: the check for a draft to restore
   * (and its banner), the saves queued, the purge of expired drafts (for hosts and tests).
   */
  get draftsComplete(): Promise<void> {
    return this.draftsController.settled();
  }

  /** Resolves once the preview asked for (`mode = 'preview'`) is built or found invalid. */
  get previewComplete(): Promise<void> {
    return (async () => {
      // A switch of document while a preview is built starts another build: wait for the latest.
      for (let previewing = undefined as Promise<void> | undefined; previewing !== this.previewing; ) {
        await this.updateComplete;
        previewing = this.previewing;
        await previewing;
      }
    })();
  }

  /** The latest model issues (empty when valid or not yet checked). */
  get modelIssues(): readonly ModelIssue[] {
    return this.validation.issues;
  }

  protected contextPart(key: ContextKey): unknown {
    if (key === 'patient') return this.patient ?? this.dcc?.patient;
    if (key === 'author') return this.author ?? this.dcc?.author;
    return this.organization ?? this.dcc?.organization;
  }

  // ---- form association -------------------------------------------------------------------
  protected formValue(): string | null {
    // Called on every keystroke: one serialisation, no deep copy.
    const merged: Model = { ...this.data };
    for (const key of CONTEXT_KEYS) {
      const given = this.contextPart(key);
      if (given !== undefined) merged[key] = given;
    }
    return JSON.stringify(merged, dropEmptyItems);
  }
  protected override formState(): string {
    return FORM_STATE_MARKER;
  }
  protected resetValue(): void {
    this.replaceData(cloneJson(this.defaultModel));
  }
  /**
   * Back/forward restore: the browser gives back only our marker (the model never goes into its
   * unencrypted session history), so the model comes back from the encrypted draft when the
   * session can read one. Anything else (an older state holding a model, autocomplete) is ignored.
   */
  protected restoreValue(restored: string | File | FormData | null): void {
    if (restored !== FORM_STATE_MARKER) return;
    this.draftsController.recheck();
  }
  /** A native submit found the editor invalid: show every error (focus stays with the browser's report). */
  protected override nativeInvalid(): void {
    void this.validation.complete.then(() => {
      if (this.validation.issues.length === 0) return;
      this.validation.showAll = true;
      this.revealSummary();
    });
  }

  /** Shows the error summary, announcing it once (polite live region) when it was hidden. */
  protected revealSummary(): void {
    if (!this.validation.summaryVisible) this.announcement = this.localize.term('errorSummaryTitle', this.validation.issues.length);
    this.validation.summaryVisible = true;
  }
  isValueEmpty(): boolean {
    return isEmptyValue(this.data);
  }
  protected override extraValidity(): ValidationResult {
    if (!this.validation.validated) return { invalidKeys: ['customError'], message: this.localize.term('validationPending') };
    const first = this.validation.issues[0];
    if (!first) return { invalidKeys: [], message: '' };
    return { invalidKeys: ['customError'], message: this.texts.summaryLine(first) };
  }
  protected override validationAnchor(): HTMLElement | undefined {
    return this.renderRoot?.querySelector<HTMLElement>('[part~="submit"]') ?? undefined;
  }

  /**
   * Whole-form check: true when the latest validation found nothing; otherwise the summary
   * lists every error (focus stays where it is — `reportValidity()` moves it to the summary).
   */
  override checkValidity(): boolean {
    const valid = super.checkValidity();
    if (!valid && this.validation.validated) {
      this.validation.showAll = true;
      this.revealSummary();
    }
    return valid;
  }

  /** Whole-form check that shows every error in the summary and moves focus to it. */
  override reportValidity(): boolean {
    const valid = DccFormAssociatedElement.prototype.checkValidity.call(this);
    this.markInteracted();
    if (!valid) void this.showSummary();
    return valid;
  }

  /** Runs the full model check now (loading the validator if needed) and returns the issues. */
  async validate(): Promise<readonly ModelIssue[]> {
    await this.validation.run();
    return this.validation.issues;
  }

  // ---- lifecycle --------------------------------------------------------------------------
  override connectedCallback(): void {
    if (isEmptyValue(this.data) && Object.keys(this.data).length === 0) {
      ensureRequiredBooleans(this.definition.schema, this.data);
      this.defaultModel = cloneJson(this.data);
    }
    // A value set on the element before it was upgraded shadows the accessor: take it over.
    for (const key of ['value', 'model'] as const)
      if (Object.prototype.hasOwnProperty.call(this, key)) {
        const pending = (this as unknown as Record<string, object | undefined>)[key];
        delete (this as unknown as Record<string, unknown>)[key];
        this.value = pending;
      }
    super.connectedCallback();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.localize.contextLocale = this.dcc?.locale;
    // An establishment given after the document: filled in now (what the document says is kept).
    const given = this.establishment ?? this.dcc?.establishment;
    if (given !== this.appliedEstablishment) {
      // Before the first render the model is only filled; afterwards it is replaced (re-checked).
      if (given && this.hasUpdated) this.replaceData(this.data);
      else this.data = this.withEstablishment(this.data);
    }
    if (changed.has('dcc') || changed.has('patient') || changed.has('author') || changed.has('organization')) {
      if (this.hasUpdated) {
        this.valueChanged();
        this.validation.schedule(0);
        // The header parts given by the host are part of the previewed document.
        if (this.mode === 'preview') this.invalidatePreview();
      }
    }
    if (changed.has('mode')) {
      if (this.mode === 'preview') this.previewing = this.buildPreview();
      else {
        this.previewGeneration++;
        this.preview = undefined;
      }
    }
    // Another document in the same editor: its own draft is restored, the previous one's saved.
    if (changed.has('documentId') && this.hasUpdated) this.draftsController.leaveDocument();
    // No session any more (logout): nothing may be written after the purge.
    if (changed.has('dcc') || changed.has('session') || changed.has('drafts')) this.draftsController.sessionChanged();
  }

  // ---- progressive first render ----------------------------------------------------------
  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration): void {
    // Also called by the base constructor, before this class's fields exist.
    this.sections?.updateRequested();
    super.requestUpdate(name, oldValue, options);
  }

  /**
   * Resolves once every section is rendered (the first update renders the first sections, the
   * others follow a few per task after the first paint; see `updateComplete` for one update).
   */
  get renderComplete(): Promise<void> {
    return this.sections.complete();
  }

  // ---- submit, preview --------------------------------------------------------------------
  protected async showSummary(): Promise<void> {
    this.validation.showAll = true;
    this.revealSummary();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="summary"]')?.focus();
  }

  /**
   * Checks the whole model, builds the CDA and fires `dcc-submit` `{ model, xml }`; when the
   * model is invalid, shows the error summary and fires `dcc-invalid` `{ issues }`.
   */
  submit(): Promise<boolean> {
    // A second click while the first check/build runs gets the same answer (one dcc-submit).
    if (!this.submitting) {
      this.submitting = this.runSubmit().finally(() => {
        this.submitting = undefined;
        this.requestUpdate();
      });
      this.requestUpdate();
    }
    return this.submitting;
  }

  protected async runSubmit(): Promise<boolean> {
    this.validation.cancel();
    const api = await this.lazy.api();
    const model = this.value;
    const result = api.validate(model);
    this.validation.validated = true;
    this.validation.issues = result.ok ? [] : result.issues;
    this.updateValidity();
    this.markInteracted();
    if (!result.ok) {
      await this.showSummary();
      this.dispatchEvent(new DccInvalidEvent({ issues: result.issues }));
      return false;
    }
    let xml: string;
    try {
      xml = api.build(model);
    } catch (error) {
      const issues = (error as { issues?: readonly ModelIssue[] }).issues;
      if (!issues) throw error;
      this.validation.issues = issues;
      await this.showSummary();
      this.dispatchEvent(new DccInvalidEvent({ issues }));
      return false;
    }
    this.validation.summaryVisible = false;
    this.announcement = this.localize.term('submitted');
    this.dispatchEvent(new DccSubmitEvent({ model, xml }));
    return true;
  }

  protected async buildPreview(): Promise<void> {
    const generation = ++this.previewGeneration;
    this.preview = { state: 'loading' };
    const [api, printing] = await Promise.all([this.lazy.api(), this.lazy.print()]);
    this.printing = printing;
    // Another document (or mode) since: its own build shows, never this one.
    if (generation !== this.previewGeneration) return;
    const model = this.value;
    const result = api.validate(model);
    if (!result.ok) {
      this.validation.issues = result.issues;
      this.validation.validated = true;
      this.preview = { state: 'invalid', count: result.issues.length };
      return;
    }
    const { narrativeToFragment } = await this.lazy.narrative();
    if (generation !== this.previewGeneration) return;
    const built = api.preview ? api.preview(model) : { xml: api.build(model), header: undefined };
    this.preview = { state: 'ready', fragment: narrativeToFragment(built.xml, document, built.header) };
  }

  // ---- drafts -----------------------------------------------------------------------------
  /**
   * Saves the draft now (also done 800 ms after an edit, on `visibilitychange` to hidden and on
   * `pagehide`). Saves run one after another; a failed save keeps the edits pending (retried at
   * the next edit or flush), shows a banner and fires `dcc-draft-error`.
   */
  saveDraft(): Promise<void> {
    return this.draftsController.save();
  }

  /**
   * Deletes the draft of this document. The host calls it once it has stored the document
   * (after `dcc-submit` and a successful create or new version), before loading another
   * document into the editor, so that a stored document is never shadowed by its draft.
   */
  discardDraft(): Promise<void> {
    return this.draftsController.discard();
  }

  /**
   * The drafts of this kind of document that the session holds for a patient (default: the
   * editor's patient), newest first, each with its time in Paris (`savedAtText`): after a reload
   * the host asks, and offers « reprendre le brouillon » — opening the stored document
   * (`documentId`), or a new document of that patient (no `documentId`), restores the draft.
   * Never another patient's; empty without a session.
   */
  async draftsFor(patient?: unknown): Promise<EditorDraft[]> {
    const drafts = await this.draftsController.draftsFor(patient ?? this.contextPart('patient') ?? this.data.patient);
    return drafts.map((draft) => ({ ...draft, savedAtText: this.localize.dateTime(draft.savedAt) }));
  }

  // ---- editing ----------------------------------------------------------------------------
  /** Writes a value at a path (undefined removes it) and tells everyone. */
  protected write(path: Path, value: unknown): void {
    this.afterEdit(writeAt(this.definition.schema, this.data, this.lists, path, value));
  }

  protected afterEdit(structural = true): void {
    if (structural) this.requestUpdate();
    this.valueChanged();
    this.validation.schedule(VALIDATION_DEBOUNCE_MS);
    this.draftsController.edited();
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }

}
