// The schema-driven form engine behind <pps-editor> and <rcp-form>: every field of the cda
// model is rendered from its TypeBox schema (objects as fieldsets, optional objects with
// add/remove, arrays as repeatable groups, dates, enums, booleans, codings bound to a value
// set as <dcc-code-picker>), arranged in the clinician-facing sections given by each editor.
// Validation, build and value sets are loaded lazily (first blur / idle time / save) so that
// the eager bundle carries only the schemas and the rendering.
import { html, nothing, type PropertyDeclaration, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { guard } from 'lit/directives/guard.js';
import { live } from 'lit/directives/live.js';
import { consume } from '@lit/context';
import type { Custodian, DocumentAuthor, ModelIssue, PatientIdentity } from '@dcc-kit/cda/core';
import { DccFormAssociatedElement, type ValidationResult } from '../form-associated.js';
import { translationsRevision } from '../localize.js';
import { dccContext, type DccContextValue, type DccSession } from '../context.js';
import { DccDraftErrorEvent, DccDraftRestoredEvent, DccDraftSavedEvent, DccInvalidEvent, DccServerVersionNewerEvent, DccSubmitEvent } from '../events.js';
import { DraftStore, DraftStoreClosedError, draftIdFor, patientFingerprint } from '../drafts/index.js';
import {
  cloneJson,
  ensureRequiredBooleans,
  enumOptions,
  getAt,
  initialValue,
  isEmptyValue,
  isInlineObject,
  isRequired,
  isUnder,
  kindOf,
  parsePath,
  pathPattern,
  patternOf,
  pathToString,
  schemaAt,
  setAt,
  type Path,
  type SchemaNode,
} from './schema.js';
import { convertPrecision, instantToLocal, localToInstant, precisionOf, type DatePrecision } from './dates.js';
import { registerSharedFieldStrings } from './field-strings.js';
import { registerEngineStrings } from './engine-strings.js';
import { registerPickerStrings } from '../code-picker/dcc-code-picker.component.js';
import { schemaFormStyles } from './styles.js';

/** What validation/build functions an editor loads lazily from @dcc-kit/cda/core. */
export interface VoletApi {
  validate(input: unknown): { ok: true } | { ok: false; issues: readonly ModelIssue[] };
  build(input: unknown): string;
}

/** One clinician-facing section: a title (catalogue key `s:<volet>/<id>`) and model paths. */
export interface FormSection {
  readonly id: string;
  readonly paths: readonly string[];
}

export interface FormDefinition {
  readonly volet: 'pps' | 'frcp';
  readonly schema: SchemaNode;
  readonly sections: readonly FormSection[];
  /** Coded fields bound to a value set: path without indices (or `*.key` suffix) → value-set name. */
  readonly bindings: Readonly<Record<string, string>>;
  /** Loads @dcc-kit/cda/core on first need. */
  load(): Promise<VoletApi>;
}

type Model = Record<string, unknown>;
interface DateCommon {
  id: string;
  pathText: string;
  ro: boolean;
  required: boolean;
  invalid: 'true' | typeof nothing;
  describedBy: string | typeof nothing;
}
type DraftBanner =
  | { kind: 'restored'; savedAt: number }
  | { kind: 'server-newer'; draft: unknown; savedAt: number; draftId: string }
  | { kind: 'info'; text: string }
  | { kind: 'error'; text: string };

/** What an editor encrypts in a draft: the model and the fingerprint of its patient (null: none known). */
interface DraftPayload {
  readonly patient: string | null;
  readonly data: Model;
}
const isDraftPayload = (value: unknown): value is DraftPayload =>
  typeof value === 'object' && value !== null && 'data' in value && typeof (value as DraftPayload).data === 'object' && (value as DraftPayload).data !== null && 'patient' in value;

/** The document the pending draft belongs to (captured at the first edit, kept until the editor leaves it). */
interface DraftTarget {
  readonly documentId: string;
  serverVersion: string | undefined;
  /** Draft ids written for it (a new document's id follows the patient typed in it). */
  readonly savedIds: Set<string>;
}

/** Scalar list items emptied while editing stay in the model as "" (the line keeps its place); they are left out of the value. */
const dropEmptyItems = (_key: string, value: unknown): unknown => (Array.isArray(value) && value.includes('') ? value.filter((item) => item !== '') : value);
/** Sessions whose expired drafts were already purged on this page (memory only). */
const expiredDraftsPurged = new Set<string>();
/** The browser's form state of an editor: a marker, never the model (session history is stored unencrypted). */
const FORM_STATE_MARKER = 'dcc-kit:draft';

/** The header parts that the host fills from its context (`model key` → property). */
const CONTEXT_KEYS = ['patient', 'author', 'custodian'] as const;
type ContextKey = (typeof CONTEXT_KEYS)[number];

/** Lists longer than this open folded (one line per item). */
const FOLD_LISTS_FROM = 8;

/**
 * Sections rendered by the first update (the first one fills the first screen); the others are
 * rendered right after the first paint, SECTIONS_PER_STEP per task (a full PPS has about 8,000
 * elements: creating them all before the first paint took most of the first render; one
 * section per task made the whole longer, each task paying its own style and layout pass). Until then a following
 * section shows its heading (reachable from the links and by heading navigation) and is
 * `aria-busy`; the section links, the error summary links and `focusPath()` render every
 * section before moving focus, focus entering the form renders them at once (Tab order), and
 * `renderComplete` resolves once all are there.
 */
const FIRST_SECTIONS = 1;
const SECTIONS_PER_STEP = 2;

const idFor = (path: string): string => `f-${path.replace(/[^A-Za-z0-9_-]/g, '_')}`;

interface CodePickerLike extends HTMLElement {
  value: string;
  selectedConcept?: { code: string; codeSystem: string; displayName: string } | null;
}

/**
 * Labels, hints, item and option names by catalogue key pattern, shared by every editor of a
 * volet and language (a full PPS asks for about 3,000 of them per render): emptied when any
 * catalogue changes. `\u0000` marks "no text".
 */
const labelCaches = new Map<string, Map<string, string>>();
let labelCachesRevision = -1;
function labelCacheFor(volet: string, lang: string): Map<string, string> {
  if (labelCachesRevision !== translationsRevision()) {
    labelCaches.clear();
    labelCachesRevision = translationsRevision();
  }
  const key = `${volet}|${lang}`;
  let cache = labelCaches.get(key);
  if (!cache) {
    cache = new Map();
    labelCaches.set(key, cache);
  }
  return cache;
}


/**
 * Base class of the volet editors. Subclasses give the `definition` (schema, sections,
 * value-set bindings, lazy validation/build) and register their field strings.
 *
 * @csspart form - The form area (all sections).
 * @csspart section - One clinician-facing section.
 * @csspart section-title - The heading of a section.
 * @csspart group - A fieldset of an object or list.
 * @csspart item - One item of a repeatable list.
 * @csspart field - The wrapper of one field (label, control, hint, error).
 * @csspart label - A field label.
 * @csspart control - A native input, select or textarea.
 * @csspart hint - The help text of a field.
 * @csspart error - The error message of a field.
 * @csspart summary - The error summary shown by the whole-form check.
 * @csspart toolbar - The mode switch (edit / preview) and print button.
 * @csspart nav - Links to the sections.
 * @csspart banner - Draft restored / newer server version banner.
 * @csspart submit - The "Valider et enregistrer" button.
 * @csspart preview - The read-only narrative preview.
 * @csspart context-summary - The read-only summary of a header part given by the host (patient, author, custodian).
 * @cssstate user-invalid - The model is invalid and the user left a field or tried to save.
 * @cssstate disabled - Disabled by `disabled` or an ancestor `<fieldset disabled>`.
 * @cssproperty --dcc-color-text - Text colour.
 * @cssproperty --dcc-color-background - Background of the form.
 * @cssproperty --dcc-color-surface - Background of groups and items.
 * @cssproperty --dcc-color-border - Borders of controls and groups.
 * @cssproperty --dcc-color-primary - Buttons, links and focus accents.
 * @cssproperty --dcc-color-on-primary - Text on primary buttons.
 * @cssproperty --dcc-color-error - Error messages and invalid borders.
 * @cssproperty --dcc-color-muted - Hints and secondary text.
 * @cssproperty --dcc-font-family - Font family.
 * @cssproperty --dcc-font-size - Base font size.
 * @cssproperty --dcc-space-s - Small spacing.
 * @cssproperty --dcc-space-m - Medium spacing.
 * @cssproperty --dcc-space-l - Large spacing.
 * @cssproperty --dcc-radius - Corner radius of controls and groups.
 * @cssproperty --dcc-focus-ring - Outline of the focused control.
 */
export abstract class DccSchemaForm extends DccFormAssociatedElement {
  static override styles = schemaFormStyles;

  /** The editor's structure (schema, sections, bindings, lazy API). */
  protected abstract get definition(): FormDefinition;

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

  @consume({ context: dccContext, subscribe: true })
  @state()
  protected accessor dcc: DccContextValue | undefined = undefined;

  // ---- internal state ---------------------------------------------------------------------
  /** The model as edited (without the parts given by the context). */
  protected data: Model = {};
  private defaultModel: Model = {};
  @state() private accessor issues: readonly ModelIssue[] = [];
  @state() private accessor validated = false;
  @state() private accessor showAll = false;
  @state() private accessor summaryVisible = false;
  @state() private accessor banner: DraftBanner | undefined = undefined;
  @state() private accessor announcement = '';
  @state() private accessor preview: { state: 'loading' } | { state: 'ready'; fragment: DocumentFragment } | { state: 'invalid'; count: number } | undefined =
    undefined;
  /** How many sections are rendered (the first at once, the rest a few per task after the first paint). */
  @state() private accessor renderedSections = FIRST_SECTIONS;
  /**
   * Changes with every update request except the one rendering one more section: an update
   * for that alone creates the new section without re-rendering the others (`guard`).
   */
  private renderRevision = 0;
  private sectionTimer: { cancel(): void } | undefined;
  private readonly sectionWaiters: (() => void)[] = [];
  private readonly touched = new Set<string>();
  /** Items of long lists the user opened (by identity: they keep it when moved). */
  private unfolded = new WeakSet<object>();
  /** Every ancestor path of a touched field (group errors show once something inside was left). */
  private readonly touchedPrefixes = new Set<string>();
  private readonly precisions = new Map<string, DatePrecision>();
  /** Date and time typed for an instant field while one of the two is still missing. */
  private readonly instantParts = new Map<string, { date: string; time: string }>();
  private apiPromise: Promise<VoletApi> | undefined;
  private validationTimer: ReturnType<typeof setTimeout> | undefined;
  private draftTimer: ReturnType<typeof setTimeout> | undefined;
  private validationPromise: Promise<void> = Promise.resolve();
  private draftChecked = false;
  private draftStoreCache: { key: string; store: DraftStore } | undefined;
  private dataBeforeRestore: Model | undefined;
  /** The document of the pending draft; edits since the first of it, and how many are saved. */
  private draftTarget: DraftTarget | undefined;
  private editSeq = 0;
  private savedSeq = 0;
  /** Draft saves run one after another: an older encrypt never lands after a newer one. */
  private draftChain: Promise<void> = Promise.resolve();
  /** Bumped when the editor leaves a document: a restore still loading for it is dropped. */
  private restoreGeneration = 0;
  private submitting: Promise<boolean> | undefined;
  /** Stable keys of list items for `repeat` (by identity), per editor and per loaded model. */
  private itemKeys = new WeakMap<object, number>();
  private nextItemKey = 1;
  private readonly itemKey = (item: unknown, index: number): unknown => {
    if (item === null || typeof item !== 'object') return `i${index}`;
    let key = this.itemKeys.get(item);
    if (key === undefined) {
      key = this.nextItemKey++;
      this.itemKeys.set(item, key);
    }
    return key;
  };

  constructor() {
    super();
    registerSharedFieldStrings();
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
    this.leaveDocument();
    this.replaceData(value && typeof value === 'object' ? cloneJson(value as Model) : {});
    this.defaultModel = cloneJson(this.data);
  }

  /** Every replacement of the whole model (value, reset, draft restore, undo) goes through here. */
  private replaceData(next: Model): void {
    this.data = next;
    ensureRequiredBooleans(this.definition.schema, this.data);
    this.itemKeys = new WeakMap();
    this.pendingScalarItems.clear();
    this.instantParts.clear();
    this.precisions.clear();
    this.touched.clear();
    this.touchedPrefixes.clear();
    this.showAll = false;
    this.summaryVisible = false;
    this.requestUpdate();
    if (this.isConnected) this.valueChanged();
    this.scheduleValidation(0);
  }

  /** Saves the pending draft of the current document, then forgets its draft state (restore runs again for the next one). */
  private leaveDocument(): void {
    if (this.draftTarget && this.savedSeq < this.editSeq) void this.saveDraft();
    clearTimeout(this.draftTimer);
    this.draftTarget = undefined;
    this.editSeq = 0;
    this.savedSeq = 0;
    this.restoreGeneration++;
    this.draftChecked = false;
    this.banner = undefined;
    this.dataBeforeRestore = undefined;
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
    return this.validationPromise;
  }

  /** The latest model issues (empty when valid or not yet checked). */
  get modelIssues(): readonly ModelIssue[] {
    return this.issues;
  }

  private contextPart(key: ContextKey): unknown {
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
    this.draftChecked = false;
    this.requestUpdate();
  }
  /** A native submit found the editor invalid: show every error (focus stays with the browser's report). */
  protected override nativeInvalid(): void {
    void this.validationPromise.then(() => {
      if (this.issues.length === 0) return;
      this.showAll = true;
      this.revealSummary();
    });
  }

  /** Shows the error summary, announcing it once (polite live region) when it was hidden. */
  private revealSummary(): void {
    if (!this.summaryVisible) this.announcement = this.localize.term('errorSummaryTitle', this.issues.length);
    this.summaryVisible = true;
  }
  isValueEmpty(): boolean {
    return isEmptyValue(this.data);
  }
  protected override extraValidity(): ValidationResult {
    if (!this.validated) return { invalidKeys: ['customError'], message: this.localize.term('validationPending') };
    const first = this.issues[0];
    if (!first) return { invalidKeys: [], message: '' };
    return { invalidKeys: ['customError'], message: this.summaryLine(first) };
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
    if (!valid && this.validated) {
      this.showAll = true;
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
    await this.runValidation();
    return this.issues;
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
    document.addEventListener('visibilitychange', this.onVisibilityChange);
    window.addEventListener('pagehide', this.flushDraft);
    // The validator (a separate chunk) is loaded now so that validity is known before any submit.
    this.scheduleValidation(0);
    if (this.hasUpdated) this.scheduleNextSection();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.sectionTimer?.cancel();
    this.sectionTimer = undefined;
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    window.removeEventListener('pagehide', this.flushDraft);
    this.flushDraft();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.localize.contextLocale = this.dcc?.locale;
    if (changed.has('dcc') || changed.has('patient') || changed.has('author') || changed.has('organization')) {
      if (this.hasUpdated) {
        this.valueChanged();
        this.scheduleValidation(0);
      }
    }
    if (changed.has('mode') && this.mode === 'preview') void this.buildPreview();
    // Another document in the same editor: its own draft is restored, the previous one's saved.
    if (changed.has('documentId') && this.hasUpdated) this.leaveDocument();
    // No session any more (logout): nothing may be written after the purge.
    if ((changed.has('dcc') || changed.has('session') || changed.has('drafts')) && !this.draftStore()) {
      clearTimeout(this.draftTimer);
      this.draftTarget = undefined;
      this.editSeq = 0;
      this.savedSeq = 0;
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.scheduleNextSection();
    if (!this.draftChecked && this.drafts === 'auto' && this.draftStore()) {
      this.draftChecked = true;
      void this.restoreDraft();
    }
  }

  // ---- progressive first render ----------------------------------------------------------
  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration): void {
    // Also called by the base constructor, before this class's fields exist.
    if (name !== 'renderedSections') this.renderRevision = (this.renderRevision ?? 0) + 1;
    super.requestUpdate(name, oldValue, options);
  }

  private get sectionsPending(): boolean {
    return this.renderedSections < this.definition.sections.length;
  }

  /** Renders the next sections in a task of their own (a few at a time, so input stays responsive). */
  private scheduleNextSection(): void {
    if (!this.sectionsPending) {
      for (const resolve of this.sectionWaiters.splice(0)) resolve();
      return;
    }
    if (this.sectionTimer || !this.isConnected) return;
    const next = (): void => {
      this.sectionTimer = undefined;
      this.renderedSections += SECTIONS_PER_STEP;
    };
    // The first step waits for the first paint (what is rendered shows first); the next ones
    // follow in tasks of their own (input events are handled between two steps, and the
    // browser paints between them when a frame is due).
    let timeout: ReturnType<typeof setTimeout> | undefined;
    let frame: number | undefined;
    if (this.renderedSections <= FIRST_SECTIONS) frame = requestAnimationFrame(() => (timeout = setTimeout(next, 0)));
    else timeout = setTimeout(next, 0);
    this.sectionTimer = {
      cancel: () => {
        if (frame !== undefined) cancelAnimationFrame(frame);
        clearTimeout(timeout);
      },
    };
  }

  /** Focus entering the form before every section is rendered: Tab must reach every field, render them now. */
  private readonly onFocusIn = (): void => {
    if (this.sectionsPending) void this.renderAllSections();
  };

  /** Renders every section now (before moving focus to a field or a section). */
  private async renderAllSections(): Promise<void> {
    if (this.sectionsPending) {
      this.sectionTimer?.cancel();
      this.sectionTimer = undefined;
      this.renderedSections = this.definition.sections.length;
    }
    await this.updateComplete;
  }

  /**
   * Resolves once every section is rendered (the first update renders the first sections, the
   * others follow a few per task after the first paint; see `updateComplete` for one update).
   */
  get renderComplete(): Promise<void> {
    return (async () => {
      await this.updateComplete;
      while (this.sectionsPending) {
        await new Promise<void>((resolve) => this.sectionWaiters.push(resolve));
        await this.updateComplete;
      }
    })();
  }

  // ---- lazy API, validation ---------------------------------------------------------------
  private api(): Promise<VoletApi> {
    this.apiPromise ??= this.definition.load();
    return this.apiPromise;
  }

  private scheduleValidation(delay: number): void {
    clearTimeout(this.validationTimer);
    this.validationPromise = new Promise((resolve) => {
      this.validationTimer = setTimeout(() => {
        this.runValidation().then(resolve, resolve);
      }, delay);
    });
  }

  private async runValidation(): Promise<void> {
    const api = await this.api();
    const result = api.validate(this.value);
    this.setIssues(result.ok ? [] : result.issues);
    this.validated = true;
    this.updateValidity();
    if (this.summaryVisible && this.issues.length === 0) this.summaryVisible = false;
  }

  /** Replaces the issues only when they changed: an identical result must not re-render the form. */
  private setIssues(next: readonly ModelIssue[]): void {
    const key = (list: readonly ModelIssue[]) => list.map((i) => `${i.path}\u0000${i.code}\u0000${i.message.fr}`).join('\u0001');
    if (next.length === this.issues.length && key(next) === key(this.issues)) return;
    this.issues = next;
  }

  private async showSummary(): Promise<void> {
    this.showAll = true;
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

  private async runSubmit(): Promise<boolean> {
    clearTimeout(this.validationTimer);
    const api = await this.api();
    const model = this.value;
    const result = api.validate(model);
    this.validated = true;
    this.issues = result.ok ? [] : result.issues;
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
      this.issues = issues;
      await this.showSummary();
      this.dispatchEvent(new DccInvalidEvent({ issues }));
      return false;
    }
    this.summaryVisible = false;
    this.announcement = this.localize.term('submitted');
    this.dispatchEvent(new DccSubmitEvent({ model, xml }));
    return true;
  }

  private async buildPreview(): Promise<void> {
    this.preview = { state: 'loading' };
    const api = await this.api();
    const model = this.value;
    const result = api.validate(model);
    if (!result.ok) {
      this.issues = result.issues;
      this.validated = true;
      this.preview = { state: 'invalid', count: result.issues.length };
      return;
    }
    // The narrative reader is needed only for the preview (a later user action): its own chunk.
    const { narrativeToFragment } = await import('./narrative.js');
    this.preview = { state: 'ready', fragment: narrativeToFragment(api.build(model)) };
  }

  // ---- drafts -----------------------------------------------------------------------------
  private draftStore(): DraftStore | undefined {
    const session = this.session ?? this.dcc?.session;
    if (!session || this.drafts === 'off') return undefined;
    const key = `${session.userId}\u0000${session.draftKey}\u0000${this.draftMaxAgeMs ?? ''}`;
    if (this.draftStoreCache?.key !== key) {
      try {
        const store = new DraftStore({
          keyMaterial: session.draftKey,
          userId: session.userId,
          ...(this.draftMaxAgeMs ? { maxAgeMs: this.draftMaxAgeMs } : {}),
        });
        this.draftStoreCache = { key, store };
        // Expired drafts of anyone are deleted once per session of the page, not at every restore.
        const sessionKey = `${session.userId}\u0000${session.draftKey}`;
        if (!expiredDraftsPurged.has(sessionKey)) {
          expiredDraftsPurged.add(sessionKey);
          void store.purgeExpired().catch(() => undefined);
        }
      } catch {
        return undefined;
      }
    }
    return this.draftStoreCache.store;
  }

  /** The patient of the document: the host's (property or context), else the one typed in the model. */
  private patientForDraft(): unknown {
    return this.contextPart('patient') ?? this.data.patient;
  }

  /** Draft id of a document (a new one is keyed by its patient) and the patient fingerprint kept inside the draft. */
  private async draftIdOf(store: DraftStore, documentId: string, patient: unknown): Promise<{ draftId: string; fingerprint: string | undefined }> {
    const fingerprint = await patientFingerprint(patient, store.userId);
    return { draftId: draftIdFor(this.definition.volet, documentId || undefined, fingerprint), fingerprint };
  }

  private async restoreDraft(): Promise<void> {
    const store = this.draftStore();
    if (!store) return;
    const generation = ++this.restoreGeneration;
    const { draftId, fingerprint } = await this.draftIdOf(store, this.documentId, this.patientForDraft());
    // A new document of a patient not known yet restores nothing: the draft could be anybody's.
    if (!this.documentId && !fingerprint) return;
    const draft = await store.load<unknown>(draftId).catch(() => undefined);
    if (!draft || generation !== this.restoreGeneration) return;
    const payload = draft.value;
    // Never show the draft of another patient (or of an older format without the fingerprint).
    if (!isDraftPayload(payload) || payload.patient !== (fingerprint ?? null)) return;
    const base = draft.baseVersion === undefined ? undefined : String(draft.baseVersion);
    if (this.serverVersion !== undefined && base !== undefined && isNewerVersion(this.serverVersion, base)) {
      this.banner = { kind: 'server-newer', draft: payload.data, savedAt: draft.savedAt, draftId };
      this.dispatchEvent(new DccServerVersionNewerEvent({ serverVersion: this.serverVersion, draftVersion: base }));
      return;
    }
    const loadedTime = Date.parse(String(getAt(this.data, ['document', 'effectiveTime']) ?? ''));
    if (!Number.isNaN(loadedTime) && loadedTime >= draft.savedAt) return;
    this.applyDraft(draftId, payload.data, draft.savedAt);
  }

  private applyDraft(draftId: string, value: unknown, savedAt: number): void {
    this.dataBeforeRestore = this.data;
    this.replaceData(value && typeof value === 'object' ? (value as Model) : {});
    this.banner = { kind: 'restored', savedAt };
    this.dispatchEvent(new DccDraftRestoredEvent({ draftId, savedAt }));
  }

  private scheduleDraft(): void {
    if (!this.draftStore()) return;
    this.draftTarget ??= { documentId: this.documentId, serverVersion: undefined, savedIds: new Set() };
    this.draftTarget.serverVersion = this.serverVersion;
    this.editSeq++;
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => void this.saveDraft(), 800);
  }

  /**
   * Saves the draft now (also done 800 ms after an edit, on `visibilitychange` to hidden and on
   * `pagehide`). Saves run one after another; a failed save keeps the edits pending (retried at
   * the next edit or flush), shows a banner and fires `dcc-draft-error`.
   */
  saveDraft(): Promise<void> {
    clearTimeout(this.draftTimer);
    const store = this.draftStore();
    const target = this.draftTarget;
    if (!store || !target || this.savedSeq >= this.editSeq) return this.draftChain;
    const seq = this.editSeq;
    const data = this.data;
    const patient = this.patientForDraft();
    const job = this.draftChain.then(async () => {
      let draftId = draftIdFor(this.definition.volet, target.documentId || undefined);
      try {
        const ids = await this.draftIdOf(store, target.documentId, patient);
        draftId = ids.draftId;
        const payload: DraftPayload = { patient: ids.fingerprint ?? null, data };
        const saved = await store.save(draftId, payload, target.serverVersion !== undefined ? { baseVersion: target.serverVersion } : {});
        // A new document whose patient changed since the last save: the older record is obsolete.
        for (const old of target.savedIds) if (old !== draftId) await store.delete(old).catch(() => undefined);
        target.savedIds.clear();
        target.savedIds.add(draftId);
        if (this.draftTarget === target) this.savedSeq = Math.max(this.savedSeq, seq);
        if (this.banner?.kind === 'error') this.banner = undefined;
        this.dispatchEvent(new DccDraftSavedEvent(saved));
      } catch (error) {
        if (error instanceof DraftStoreClosedError) return; // logged out meanwhile: nothing may be written
        this.banner = { kind: 'error', text: this.localize.term('draftSaveFailed') };
        this.dispatchEvent(new DccDraftErrorEvent({ draftId }));
      }
    });
    this.draftChain = job;
    return job;
  }

  /**
   * Deletes the draft of this document. The host calls it once it has stored the document
   * (after `dcc-submit` and a successful create or new version), before loading another
   * document into the editor, so that a stored document is never shadowed by its draft.
   */
  async discardDraft(): Promise<void> {
    clearTimeout(this.draftTimer);
    const target = this.draftTarget;
    this.draftTarget = undefined;
    this.editSeq = 0;
    this.savedSeq = 0;
    const store = this.draftStore();
    if (!store) return;
    await this.draftChain;
    const ids = new Set(target?.savedIds ?? []);
    ids.add((await this.draftIdOf(store, this.documentId, this.patientForDraft())).draftId);
    for (const id of ids) await store.delete(id).catch(() => undefined);
  }

  private readonly flushDraft = (): void => {
    if (this.savedSeq < this.editSeq) void this.saveDraft();
  };
  private readonly onVisibilityChange = (): void => {
    if (document.visibilityState === 'hidden') this.flushDraft();
  };

  private async onBannerAction(action: 'undo' | 'discard' | 'restore-anyway'): Promise<void> {
    const banner = this.banner;
    if (action === 'undo' && this.dataBeforeRestore) {
      const before = this.dataBeforeRestore;
      this.dataBeforeRestore = undefined;
      this.replaceData(before);
      this.banner = { kind: 'info', text: this.localize.term('restoreUndone') };
    } else if (action === 'discard') {
      if (banner?.kind === 'restored' && this.dataBeforeRestore) {
        const before = this.dataBeforeRestore;
        this.dataBeforeRestore = undefined;
        this.replaceData(before);
      }
      await this.discardDraft();
      this.banner = { kind: 'info', text: this.localize.term('draftDiscarded') };
    } else if (action === 'restore-anyway' && banner?.kind === 'server-newer') {
      this.applyDraft(banner.draftId, banner.draft, banner.savedAt);
    }
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="banner"]')?.focus();
  }

  // ---- editing ----------------------------------------------------------------------------
  /** Writes a value at a path (undefined removes it) and tells everyone. */
  protected write(path: Path, value: unknown): void {
    const last = path[path.length - 1];
    if (typeof last === 'number') {
      // Items of a list of scalars: an emptied item stays on screen (pending) instead of vanishing.
      const arrayPath = path.slice(0, -1);
      const key = pathToString(arrayPath);
      const list = getAt(this.data, arrayPath) as unknown[] | undefined;
      const length = list?.length ?? 0;
      const pending = this.pendingScalarItems.get(key) ?? 0;
      if (value === undefined) {
        // The emptied line keeps its place ("" until typed again or removed): splicing it would
        // move the next line into the focused input. The value leaves such items out.
        if (list && last < length) list[last] = '';
        this.afterEdit(false);
        return;
      }
      if (last >= length) {
        this.pendingScalarItems.set(key, Math.max(0, pending - 1));
        setAt(this.data, [...arrayPath, length], value);
        this.afterEdit();
        return;
      }
    }
    const previous = getAt(this.data, path);
    setAt(this.data, path, value);
    // Typing in a field that already had a value changes no structure: the input already shows
    // it, so the whole form is not re-rendered for each keystroke (errors refresh after validation).
    const structural = previous === undefined || value === undefined || typeof value === 'object' || typeof previous === 'object';
    // A required block created on the way may hold required yes/no fields or be allowed empty.
    if (structural) ensureRequiredBooleans(this.definition.schema, this.data);
    // An inline optional object (a period) disappears when its last field is emptied.
    for (let depth = path.length - 1; depth > 0; depth--) {
      const parentPath = path.slice(0, depth);
      const last = parentPath[parentPath.length - 1];
      const schema = schemaAt(this.definition.schema, parentPath);
      const owner = schemaAt(this.definition.schema, parentPath.slice(0, -1));
      if (!schema || typeof last !== 'string' || !owner || isRequired(owner, last) || !isInlineObject(schema)) break;
      if (isEmptyValue(getAt(this.data, parentPath))) setAt(this.data, parentPath, undefined);
    }
    this.afterEdit(structural);
  }

  private afterEdit(structural = true): void {
    if (structural) this.requestUpdate();
    this.valueChanged();
    this.scheduleValidation(250);
    this.scheduleDraft();
    if (this.banner?.kind === 'info') this.banner = undefined;
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }

  private controlValue(el: HTMLElement, kind: string, path: Path): unknown {
    const input = el as HTMLInputElement;
    const text = input.value;
    switch (kind) {
      case 'checkbox':
        return input.checked;
      case 'bool':
        return text === '' ? undefined : text === 'true';
      case 'number':
      case 'integer':
        if (text === '') return undefined;
        return Number(text);
      case 'textarea':
      case 'text':
      case 'enum':
      case 'date':
      case 'month':
      case 'year':
      default:
        void path;
        return text === '' ? undefined : text;
    }
  }

  private readonly onInput = (event: Event): void => {
    this.handleInput(event);
  };
  private handleInput(event: Event): void {
    const el = event.target as HTMLElement;
    event.stopPropagation();
    const kind = el.dataset.kind;
    const pathText = el.dataset.path;
    if (!kind || pathText === undefined || kind === 'picker') return;
    const path = parsePath(pathText);
    if (kind === 'dt-date' || kind === 'dt-time') {
      const current = getAt(this.data, path);
      const local = instantToLocal(typeof current === 'string' ? current : undefined);
      const parts = this.instantParts.get(pathText) ?? { date: local.slice(0, 10), time: local.slice(11) };
      const text = (el as HTMLInputElement).value;
      const next = kind === 'dt-date' ? { ...parts, date: text } : { ...parts, time: text };
      this.instantParts.set(pathText, next);
      this.write(path, next.date && next.time ? localToInstant(`${next.date}T${next.time}`) : undefined);
      return;
    }
    if (kind === 'precision') {
      this.instantParts.delete(pathText);
      const precision = (el as HTMLSelectElement).value as DatePrecision;
      this.precisions.set(pathText, precision);
      const current = getAt(this.data, path);
      this.write(path, convertPrecision(typeof current === 'string' ? current : undefined, precision));
      this.requestUpdate(); // the input itself changes (date, month, year, date + time)
      return;
    }
    this.write(path, this.controlValue(el, kind, path));
  }

  private readonly onChange = (event: Event): void => {
    const el = event.target as HTMLElement;
    event.stopPropagation();
    if (el.dataset.kind === 'picker' && el.dataset.path !== undefined) {
      const picker = el as CodePickerLike;
      const path = parsePath(el.dataset.path);
      const code = picker.value;
      if (!code) this.write(path, undefined);
      else {
        const concept = picker.selectedConcept;
        const previous = getAt(this.data, path) as { code?: string } | undefined;
        if (concept && concept.code === code)
          this.write(path, { code, codeSystem: concept.codeSystem, displayName: concept.displayName });
        else if (previous?.code !== code) this.write(path, { code });
      }
    }
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  };

  private readonly onFocusOut = (event: FocusEvent): void => {
    this.handleFocusOut(event);
  };
  private handleFocusOut(event: FocusEvent): void {
    const el = event.target as HTMLElement;
    const pathText = el.dataset?.path;
    if (pathText === undefined || !el.dataset.kind || el.dataset.kind === 'add' || el.dataset.kind === 'remove') return;
    // Focus moving inside the same composite control (picker, date + precision) is not a blur.
    const next = event.relatedTarget as HTMLElement | null;
    if (next && next.dataset?.path === pathText) return;
    this.touch(pathText);
    this.markInteracted();
    clearTimeout(this.validationTimer);
    this.validationPromise = this.runValidation().catch(() => undefined);
  }

  private touch(pathText: string): void {
    this.touched.add(pathText);
    const path = parsePath(pathText);
    for (let i = 0; i <= path.length; i++) this.touchedPrefixes.add(pathToString(path.slice(0, i)));
  }

  private readonly onClick = (event: Event): void => {
    const button = (event.target as HTMLElement).closest<HTMLElement>('button[data-action]');
    if (!button) return;
    const action = button.dataset.action;
    const pathText = button.dataset.path ?? '';
    const path = parsePath(pathText);
    switch (action) {
      case 'add-item':
        void this.addItem(path);
        break;
      case 'remove-item':
        void this.removeItem(path);
        break;
      case 'move-up':
        void this.moveItem(path, -1);
        break;
      case 'move-down':
        void this.moveItem(path, 1);
        break;
      case 'add-object':
        void this.addObject(path);
        break;
      case 'remove-object':
        void this.removeObject(path);
        break;
      case 'unfold-item':
        void this.unfoldItem(path);
        break;
      case 'submit':
        void this.submit();
        break;
      case 'mode-edit':
        this.mode = 'edit';
        break;
      case 'mode-preview':
        this.mode = 'preview';
        break;
      case 'print':
        window.print();
        break;
      case 'banner-undo':
        void this.onBannerAction('undo');
        break;
      case 'banner-discard':
        void this.onBannerAction('discard');
        break;
      case 'banner-restore':
        void this.onBannerAction('restore-anyway');
        break;
    }
  };

  private readonly onSummaryClick = (event: Event): void => {
    const link = (event.target as HTMLElement).closest<HTMLAnchorElement>('a[data-issue-path]');
    if (!link) return;
    event.preventDefault();
    void this.focusPath(link.dataset.issuePath ?? '');
  };

  /** Moves focus to the control of a path (or of its nearest rendered ancestor). */
  async focusPath(pathText: string): Promise<boolean> {
    if (this.mode !== 'edit') {
      this.mode = 'edit';
      await this.updateComplete;
    }
    await this.renderAllSections();
    const path = parsePath(pathText);
    // Open the folded items on the way.
    let opened = false;
    for (let len = 1; len <= path.length; len++) {
      const item = typeof path[len - 1] === 'number' ? getAt(this.data, path.slice(0, len)) : undefined;
      if (item !== null && typeof item === 'object' && !this.unfolded.has(item)) {
        this.unfolded.add(item);
        opened = true;
      }
    }
    if (opened) {
      this.requestUpdate();
      await this.updateComplete;
    }
    for (let len = path.length; len >= 0; len--) {
      const prefix = pathToString(path.slice(0, len));
      const el = this.renderRoot.querySelector<HTMLElement>(`[data-path="${CSS.escape(prefix)}"]`);
      if (!el) continue;
      const target = el.matches('input,select,textarea,button,dcc-code-picker,[tabindex]')
        ? el
        : el.querySelector<HTMLElement>('input,select,textarea,button,dcc-code-picker');
      if (target) {
        target.focus();
        target.scrollIntoView?.({ block: 'center' });
        return true;
      }
    }
    return false;
  }

  private async focusFirstIn(pathText: string): Promise<void> {
    await this.updateComplete;
    const container = this.renderRoot.querySelector<HTMLElement>(`[data-container="${CSS.escape(pathText)}"]`);
    const target = container?.querySelector<HTMLElement>('input,select,textarea,dcc-code-picker,button');
    target?.focus();
  }

  private async unfoldItem(itemPath: Path): Promise<void> {
    const item = getAt(this.data, itemPath);
    if (item !== null && typeof item === 'object') this.unfolded.add(item);
    this.requestUpdate();
    await this.focusFirstIn(pathToString(itemPath));
  }

  /** " — Chimiothérapie, FEC 100" for a folded item: its type and first texts. */
  private itemSummary(item: Record<string, unknown>): string {
    const parts: string[] = [];
    for (const value of Object.values(item)) {
      if (parts.length >= 2) break;
      if (typeof value === 'string') parts.push(value);
      else if (value && typeof value === 'object' && 'code' in value) {
        const coding = value as { code?: string; displayName?: string };
        parts.push(coding.displayName ?? coding.code ?? '');
      }
    }
    const text = parts.filter(Boolean).join(', ');
    return text ? ` — ${text.length > 90 ? `${text.slice(0, 89)}…` : text}` : '';
  }

  private async addItem(arrayPath: Path): Promise<void> {
    const schema = schemaAt(this.definition.schema, arrayPath);
    const list = (getAt(this.data, arrayPath) as unknown[] | undefined) ?? [];
    const index = list.length + (this.pendingScalarItems.get(pathToString(arrayPath)) ?? 0);
    const fresh = schema?.items ? initialValue(schema.items) : undefined;
    if (fresh === undefined) {
      // Scalar items start empty on screen but never as "" in the model.
      const key = pathToString(arrayPath);
      this.pendingScalarItems.set(key, (this.pendingScalarItems.get(key) ?? 0) + 1);
    } else {
      setAt(this.data, [...arrayPath, index], fresh);
      if (fresh !== null && typeof fresh === 'object') this.unfolded.add(fresh);
    }
    this.afterEdit();
    const what = this.itemName(arrayPath);
    this.announcement = this.localize.term('itemAdded', what, index + 1);
    await this.focusFirstIn(pathToString([...arrayPath, index]));
  }

  /** Scalar list items added but not typed yet (an input without a model value). */
  private readonly pendingScalarItems = new Map<string, number>();

  private async removeItem(itemPath: Path): Promise<void> {
    const arrayPath = itemPath.slice(0, -1);
    const index = itemPath[itemPath.length - 1] as number;
    const list = getAt(this.data, arrayPath) as unknown[] | undefined;
    const arrayText = pathToString(arrayPath);
    if (list && index < list.length) list.splice(index, 1);
    else {
      const pending = this.pendingScalarItems.get(arrayText) ?? 0;
      if (pending > 0) this.pendingScalarItems.set(arrayText, pending - 1);
    }
    const owner = schemaAt(this.definition.schema, arrayPath.slice(0, -1));
    const key = arrayPath[arrayPath.length - 1];
    if (list && list.length === 0 && owner && typeof key === 'string' && !isRequired(owner, key)) setAt(this.data, arrayPath, undefined);
    this.afterEdit();
    const what = this.itemName(arrayPath);
    this.announcement = this.localize.term('itemRemoved', what, index + 1);
    await this.updateComplete;
    const remaining = ((getAt(this.data, arrayPath) as unknown[] | undefined)?.length ?? 0) + (this.pendingScalarItems.get(arrayText) ?? 0);
    if (remaining > index) await this.focusFirstIn(pathToString([...arrayPath, index]));
    else if (remaining > 0) await this.focusFirstIn(pathToString([...arrayPath, remaining - 1]));
    else this.renderRoot.querySelector<HTMLElement>(`button[data-action="add-item"][data-path="${CSS.escape(arrayText)}"]`)?.focus();
  }

  private async moveItem(itemPath: Path, delta: -1 | 1): Promise<void> {
    const arrayPath = itemPath.slice(0, -1);
    const index = itemPath[itemPath.length - 1] as number;
    const list = getAt(this.data, arrayPath) as unknown[] | undefined;
    const target = index + delta;
    if (!list || target < 0 || target >= list.length) return;
    const [item] = list.splice(index, 1);
    list.splice(target, 0, item);
    this.afterEdit();
    this.announcement = this.localize.term('itemMoved', this.itemName(arrayPath), target + 1);
    await this.updateComplete;
    const action = delta < 0 ? 'move-up' : 'move-down';
    const newPath = pathToString([...arrayPath, target]);
    const button =
      this.renderRoot.querySelector<HTMLButtonElement>(`button[data-action="${action}"][data-path="${CSS.escape(newPath)}"]:not([disabled])`) ??
      this.renderRoot.querySelector<HTMLButtonElement>(`button[data-action="remove-item"][data-path="${CSS.escape(newPath)}"]`);
    button?.focus();
  }

  private async addObject(path: Path): Promise<void> {
    const schema = schemaAt(this.definition.schema, path);
    setAt(this.data, path, schema ? initialValue(schema) ?? {} : {});
    this.afterEdit();
    await this.focusFirstIn(pathToString(path));
  }

  private async removeObject(path: Path): Promise<void> {
    setAt(this.data, path, undefined);
    this.afterEdit();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`button[data-action="add-object"][data-path="${CSS.escape(pathToString(path))}"]`)?.focus();
  }

  // ---- texts ------------------------------------------------------------------------------
  private lookup(kind: 'f' | 'h' | 'i' | 'o' | 's', pattern: string): string | undefined {
    const lang = this.localize.lang();
    const volet = this.definition.volet;
    const cache = labelCacheFor(volet, lang);
    const cacheKey = `${kind}|${pattern}`;
    const cached = cache.get(cacheKey);
    if (cached !== undefined) return cached === '\u0000' ? undefined : cached;
    const parts = pattern.split('.');
    let found: string | undefined;
    for (let i = 0; i < parts.length && found === undefined; i++) {
      const suffix = parts.slice(i).join('.');
      for (const key of [`${kind}:${volet}/${suffix}`, `${kind}:${suffix}`])
        if (this.localize.has(key)) {
          found = this.localize.term(key);
          break;
        }
    }
    cache.set(cacheKey, found ?? '\u0000');
    return found;
  }

  /** Label of a path (its last named segment). */
  protected labelOf(path: Path): string {
    const pattern = pathPattern(path);
    return this.lookup('f', pattern) ?? pattern.split('.').pop() ?? '';
  }
  private hintOf(path: Path): string | undefined {
    return this.lookup('h', pathPattern(path));
  }
  private itemName(arrayPath: Path): string {
    return this.lookup('i', pathPattern(arrayPath)) ?? this.labelOf(arrayPath);
  }
  private optionLabel(path: Path, value: string): string {
    return this.lookup('o', `${pathPattern(path)}.${value}`) ?? value;
  }

  /** "Tumeur n° 1 › Topographie (CIM-10)". */
  private trail(path: Path): string {
    const parts: string[] = [];
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      if (typeof seg === 'number') parts.push(this.localize.term('itemNumber', this.itemName(path.slice(0, i)), seg + 1));
      else if (typeof path[i + 1] !== 'number') parts.push(this.labelOf(path.slice(0, i + 1)));
    }
    return parts.slice(-3).join(' › ');
  }

  private issueMessage(issue: ModelIssue, path: Path): string {
    if (issue.code === 'required') return this.localize.term('valueMissing');
    const lang = this.localize.lang();
    const text = issue.message[lang];
    return issue.path ? text.split(issue.path).join(this.labelOf(path)) : text;
  }

  private summaryLine(issue: ModelIssue): string {
    const path = parsePath(issue.path);
    return `${this.trail(path)} : ${this.issueMessage(issue, path)}`;
  }

  /** Issues to show on a control at `pathText` (leaf: everything under it; group: exactly it). */
  private visibleIssues(pathText: string, exact: boolean): ModelIssue[] {
    if (this.issues.length === 0) return [];
    if (exact) {
      if (!this.showAll && !this.touchedPrefixes.has(pathText)) return [];
      return this.issues.filter((i) => i.path === pathText);
    }
    if (!this.showAll && !this.touched.has(pathText)) return [];
    return this.issues.filter((i) => isUnder(i.path, pathText));
  }

  // ---- rendering --------------------------------------------------------------------------
  protected abstract formTitle(): string;

  override render(): TemplateResult {
    const disabled = this.isDisabled;
    return html`
      <div part="toolbar" class="toolbar">
        <span class="toolbar-label" id="mode-label">${this.localize.term('modeLabel')}</span>
        <div role="group" aria-labelledby="mode-label" class="mode-switch">
          <button type="button" data-action="mode-edit" aria-pressed=${this.mode === 'edit' ? 'true' : 'false'} @click=${this.onClick}>
            ${this.localize.term('modeEdit')}
          </button>
          <button type="button" data-action="mode-preview" aria-pressed=${this.mode === 'preview' ? 'true' : 'false'} @click=${this.onClick}>
            ${this.localize.term('modePreview')}
          </button>
        </div>
        ${this.mode === 'preview'
          ? html`<button type="button" data-action="print" @click=${this.onClick}>${this.localize.term('print')}</button>`
          : nothing}
      </div>
      ${this.mode === 'edit' ? this.renderNav() : nothing}
      ${this.renderBanner()}
      <div class="live" role="status" aria-live="polite">${this.announcement}</div>
      ${this.renderSummary()}
      ${this.mode === 'preview' ? this.renderPreview() : nothing}
      <div
        part="form"
        class="form"
        role="form"
        aria-label=${this.localize.term('formLabel', this.formTitle())}
        ?hidden=${this.mode === 'preview'}
        @input=${this.onInput}
        @change=${this.onChange}
        @focusout=${this.onFocusOut}
        @focusin=${this.onFocusIn}
        @click=${this.onClick}
      >
        <fieldset class="root" ?disabled=${disabled}>
          <legend class="visually-hidden">${this.formTitle()}</legend>
          ${this.definition.sections.map((s, i) => {
            const rendered = i < this.renderedSections;
            return guard([this.renderRevision, rendered], () => this.renderSection(s, rendered));
          })}
          ${this.readonly
            ? nothing
            : html`<div class="actions">
                <button type="button" part="submit" class="primary" data-action="submit" aria-disabled=${this.submitting ? 'true' : 'false'}>${this.localize.term('submit')}</button>
              </div>`}
        </fieldset>
      </div>
    `;
  }

  /** Links to the sections (long forms): focus moves to the section heading. */
  private renderNav(): TemplateResult {
    return html`<nav part="nav" class="nav" aria-label=${this.localize.term('sectionsNav')} @click=${this.onNavClick}>
      <ol>
        ${this.definition.sections.map(
          (section) => html`<li><a href=${`#s-${section.id}`} data-section=${section.id}>${this.lookup('s', section.id) ?? section.id}</a></li>`,
        )}
      </ol>
    </nav>`;
  }

  private readonly onNavClick = (event: Event): void => {
    const link = (event.target as HTMLElement).closest<HTMLAnchorElement>('a[data-section]');
    if (!link) return;
    event.preventDefault();
    void this.focusSection(link.dataset.section ?? '');
  };

  private async focusSection(sectionId: string): Promise<void> {
    // Tab from the heading must lead into the section (and on to the next ones).
    await this.renderAllSections();
    const heading = this.renderRoot.querySelector<HTMLElement>(`#s-${CSS.escape(sectionId)}`);
    heading?.focus();
    heading?.scrollIntoView?.({ block: 'start' });
  }

  private renderBanner(): TemplateResult | typeof nothing {
    const b = this.banner;
    if (!b) return nothing;
    const when = (savedAt: number) => this.localize.date(new Date(savedAt).toISOString());
    if (b.kind === 'info') return html`<div part="banner" class="banner" role="status" tabindex="-1">${b.text}</div>`;
    if (b.kind === 'error') return html`<div part="banner" class="banner warning" role="alert" tabindex="-1">${b.text}</div>`;
    if (b.kind === 'restored')
      return html`<div part="banner" class="banner" role="status" tabindex="-1" @click=${this.onClick}>
        <p>${this.localize.term('draftRestored', when(b.savedAt))}</p>
        ${this.dataBeforeRestore
          ? html`<button type="button" data-action="banner-undo">${this.localize.term('undoRestore')}</button>`
          : nothing}
        <button type="button" data-action="banner-discard">${this.localize.term('discardDraft')}</button>
      </div>`;
    return html`<div part="banner" class="banner warning" role="alert" tabindex="-1" @click=${this.onClick}>
      <p>${this.localize.term('serverNewer')}</p>
      <button type="button" data-action="banner-restore">${this.localize.term('restoreAnyway')}</button>
      <button type="button" data-action="banner-discard">${this.localize.term('discardDraft')}</button>
    </div>`;
  }

  private renderSummary(): TemplateResult | typeof nothing {
    if (!this.summaryVisible || this.issues.length === 0) return nothing;
    // Not role=alert: the block stays while the list updates after each validation and must not
    // be re-announced each time; it is announced once when shown (focus, or the live region).
    return html`<div part="summary" class="summary" role="region" tabindex="-1" aria-labelledby="summary-title">
      <h2 id="summary-title">${this.localize.term('errorSummaryTitle', this.issues.length)}</h2>
      <ul @click=${this.onSummaryClick}>
        ${this.issues.map(
          (issue) =>
            html`<li><a href=${`#${idFor(issue.path)}`} data-issue-path=${issue.path}>${this.summaryLine(issue)}</a></li>`,
        )}
      </ul>
    </div>`;
  }

  private renderPreview(): TemplateResult {
    const p = this.preview;
    let body: unknown;
    if (!p || p.state === 'loading') body = html`<p role="status">${this.localize.term('previewLoading')}</p>`;
    else if (p.state === 'invalid') body = html`<p role="status">${this.localize.term('previewInvalid', p.count)}</p>`;
    else body = p.fragment.cloneNode(true);
    return html`<article part="preview" class="preview" aria-label=${this.localize.term('previewTitle')}>${body}</article>`;
  }

  private renderSection(section: FormSection, rendered: boolean): TemplateResult {
    const id = `s-${section.id}`;
    const title = this.lookup('s', section.id) ?? section.id;
    return html`<section part="section" class="section" aria-labelledby=${id} aria-busy=${rendered ? nothing : 'true'}>
      <h2 part="section-title" id=${id} tabindex="-1">${title}</h2>
      ${rendered
        ? section.paths.map((p) => this.renderTopPath(parsePath(p)))
        : html`<p class="pending">${this.localize.term('loading')}</p>`}
    </section>`;
  }

  private renderTopPath(path: Path): unknown {
    const root = this.definition.schema;
    const schema = schemaAt(root, path);
    if (!schema) return nothing;
    const owner = schemaAt(root, path.slice(0, -1)) ?? root;
    const key = path[path.length - 1];
    const required = typeof key === 'string' && isRequired(owner, key);
    if (path.length === 1 && (CONTEXT_KEYS as readonly string[]).includes(String(key))) {
      const given = this.contextPart(key as ContextKey);
      if (given !== undefined) return this.renderContextSummary(key as ContextKey, given);
    }
    return this.renderNode(schema, path, required);
  }

  private renderContextSummary(key: ContextKey, value: unknown): TemplateResult {
    const v = value as Record<string, unknown>;
    const rows: [string, string][] = [];
    const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
    if (key === 'patient') {
      const p = v as unknown as PatientIdentity;
      rows.push([this.labelOf(['patient', 'birthFamilyName']), p.birthFamilyName]);
      if (p.usedFamilyName) rows.push([this.labelOf(['patient', 'usedFamilyName']), p.usedFamilyName]);
      rows.push([this.labelOf(['patient', 'birthGivenNames']), p.birthGivenNames]);
      rows.push([this.labelOf(['patient', 'gender']), this.optionLabel(['patient', 'gender'], p.gender)]);
      rows.push([this.labelOf(['patient', 'birthDate']), this.localize.date(p.birthDate)]);
      if (p.ins) rows.push([this.labelOf(['patient', 'ins']), `${p.ins.kind} ${p.ins.value}`]);
    } else if (key === 'author') {
      const a = v as unknown as DocumentAuthor;
      const n = a.professional.name;
      rows.push([this.labelOf(['author', 'professional', 'name']), [n.given, n.family].filter(Boolean).join(' ')]);
      rows.push([this.labelOf(['author', 'professional', 'idNatPs']), a.professional.idNatPs]);
      const prof = a.professional.profession?.displayName ?? a.professional.profession?.code;
      if (prof) rows.push([this.labelOf(['author', 'professional', 'profession']), prof]);
      const org = a.professional.organization?.name;
      if (org) rows.push([this.labelOf(['author', 'professional', 'organization']), org]);
    } else {
      if (str(v.name)) rows.push([this.labelOf(['custodian', 'name']), str(v.name)!]);
      if (str(v.idNatStruct)) rows.push([this.labelOf(['custodian', 'idNatStruct']), str(v.idNatStruct)!]);
    }
    const id = `ctx-${key}`;
    return html`<div part="context-summary" class="context-summary" data-path=${key} role="group" aria-labelledby=${id}>
      <h3 id=${id}>${this.labelOf([key])}</h3>
      <dl>${rows.map(([k, val]) => html`<div><dt>${k}</dt><dd>${val}</dd></div>`)}</dl>
      <p class="hint">${this.localize.term('contextSummary')}</p>
    </div>`;
  }

  private bindingOf(path: Path): string | undefined {
    const pattern = pathPattern(path);
    const bindings = this.definition.bindings;
    if (bindings[pattern]) return bindings[pattern];
    const parts = pattern.split('.');
    for (let i = 1; i < parts.length; i++) {
      const suffix = `*.${parts.slice(i).join('.')}`;
      if (bindings[suffix]) return bindings[suffix];
    }
    return undefined;
  }

  /** Renders any node: group, list, picker or field. */
  protected renderNode(schema: SchemaNode, path: Path, required: boolean, labelOverride?: string): unknown {
    const kind = kindOf(schema);
    const pathText = pathToString(path);
    const value = getAt(this.data, path);
    const label = labelOverride ?? this.labelOf(path);
    switch (kind) {
      case 'object': {
        if (value === undefined && !required && !isInlineObject(schema)) return this.renderAddObject(path, label);
        return this.renderObject(schema, path, label, !required && !isInlineObject(schema));
      }
      case 'array':
        return this.renderArray(schema, path, label, required);
      case 'coding': {
        const valueSet = this.bindingOf(path);
        if (valueSet) return this.renderPicker(path, label, valueSet, required);
        if (value === undefined && !required) return this.renderAddObject(path, label);
        return this.renderObject(schema, path, label, !required);
      }
      case 'codedOrText': {
        if (value === undefined && !required) return this.renderAddObject(path, label);
        return this.renderObject(schema, path, label, !required);
      }
      default:
        return this.renderField(schema, kind, path, pathText, label, required, value);
    }
  }

  private errorsOf(pathText: string, exact: boolean, path: Path, leaf?: { schema: SchemaNode; required: boolean; value: unknown }): { ids: string; template: unknown } {
    const issues = this.visibleIssues(pathText, exact);
    // The model check stops after 200 issues (an empty form has more): a left field still gets
    // its own required/format message from its schema when the model check did not reach it.
    if (leaf && issues.length === 0 && this.validated && (this.showAll || this.touched.has(pathText))) {
      const local = localIssue(pathText, leaf.schema, leaf.required, leaf.value);
      if (local) issues.push(local);
    }
    if (issues.length === 0) return { ids: '', template: nothing };
    const id = `e-${idFor(pathText)}`;
    return {
      ids: id,
      template: html`<div part="error" class="error" id=${id}>${issues.map((i) => html`<p>${this.issueMessage(i, path)}</p>`)}</div>`,
    };
  }

  private renderAddObject(path: Path, label: string): TemplateResult {
    const pathText = pathToString(path);
    const errors = this.errorsOf(pathText, false, path);
    if (this.readonly) return html`${nothing}`;
    return html`<div class="add-object" part="field">
      <button
        type="button"
        class="add"
        data-action="add-object"
        data-kind="add"
        data-path=${pathText}
        aria-describedby=${errors.ids || nothing}
      >
        ${this.localize.term('add', label)}
      </button>
      ${errors.template}
    </div>`;
  }

  private renderObject(schema: SchemaNode, path: Path, label: string, removable: boolean): TemplateResult {
    const pathText = pathToString(path);
    const errors = this.errorsOf(pathText, true, path);
    const hint = this.hintOf(path);
    const hintId = hint ? `h-${idFor(pathText)}` : '';
    const describedBy = [hintId, errors.ids].filter(Boolean).join(' ');
    const props = Object.entries(schema.properties ?? {});
    return html`<fieldset part="group" class="group" data-path=${pathText} data-container=${pathText} aria-describedby=${describedBy || nothing}>
      <legend>${label}</legend>
      ${hint ? html`<p part="hint" class="hint" id=${hintId}>${hint}</p>` : nothing} ${errors.template}
      <div class="fields">${props.map(([key, child]) => this.renderNode(child, [...path, key], isRequired(schema, key)))}</div>
      ${removable && !this.readonly
        ? html`<button type="button" class="remove" data-action="remove-object" data-kind="remove" data-path=${pathText}>
            ${this.localize.term('remove', label)}
          </button>`
        : nothing}
    </fieldset>`;
  }

  private renderArray(schema: SchemaNode, path: Path, label: string, required: boolean): TemplateResult {
    const pathText = pathToString(path);
    const items = (getAt(this.data, path) as unknown[] | undefined) ?? [];
    const pending = this.pendingScalarItems.get(pathText) ?? 0;
    const count = items.length + pending;
    const itemSchema = schema.items ?? {};
    const what = this.itemName(path);
    const errors = this.errorsOf(pathText, true, path);
    const hint = this.hintOf(path);
    const hintId = hint ? `h-${idFor(pathText)}` : '';
    const describedBy = [hintId, errors.ids].filter(Boolean).join(' ');
    const slots = Array.from({ length: count }, (_, i) => items[i]);
    const full = schema.maxItems !== undefined && count >= schema.maxItems;
    return html`<fieldset part="group" class="group list" data-path=${pathText} aria-describedby=${describedBy || nothing}>
      <legend>${label}${required && (schema.minItems ?? 0) > 0 ? html` <span class="req">(${this.localize.term('required')})</span>` : nothing}</legend>
      ${hint ? html`<p part="hint" class="hint" id=${hintId}>${hint}</p>` : nothing} ${errors.template}
      ${count === 0 ? html`<p class="empty">${this.localize.term('none')}</p>` : nothing}
      <ol class="items">
        ${repeat(
          slots,
          (item, i) => this.itemKey(item, i),
          (_item, i) => {
            const itemPath = [...path, i];
            const itemText = pathToString(itemPath);
            const name = this.localize.term('itemNumber', what, i + 1);
            const isObject = kindOf(itemSchema) === 'object';
            const item = items[i];
            // Long lists (50 treatments) open with their items folded to one line each: the
            // first render stays fast, and an item opens with Enter (or from an error link).
            const folded = isObject && count > FOLD_LISTS_FROM && item !== null && typeof item === 'object' && !this.unfolded.has(item);
            if (folded)
              return html`<li part="item" class="item folded" data-container=${itemText}>
                <button type="button" class="unfold" data-action="unfold-item" data-path=${itemText} aria-expanded="false">
                  ${name}${this.itemSummary(item as Record<string, unknown>)}
                </button>
              </li>`;
            return html`<li part="item" class="item" data-container=${itemText}>
              ${isObject
                ? this.renderObjectBody(itemSchema, itemPath, name)
                : this.renderNode(itemSchema, itemPath, true, name)}
              ${this.readonly
                ? nothing
                : html`<div class="item-tools" role="group" aria-label=${this.localize.term('itemTools', name)}>
                    <button type="button" data-action="move-up" data-kind="up" data-path=${itemText} ?disabled=${i === 0}>
                      ${this.localize.term('moveUp', name)}
                    </button>
                    <button type="button" data-action="move-down" data-kind="down" data-path=${itemText} ?disabled=${i >= items.length - 1}>
                      ${this.localize.term('moveDown', name)}
                    </button>
                    <button type="button" data-action="remove-item" data-kind="remove" data-path=${itemText}>
                      ${this.localize.term('remove', name)}
                    </button>
                  </div>`}
            </li>`;
          },
        )}
      </ol>
      ${this.readonly || full
        ? nothing
        : html`<button type="button" class="add" data-action="add-item" data-kind="add" data-path=${pathText}>
            ${this.localize.term('add', what)}
          </button>`}
    </fieldset>`;
  }

  /** An array item of object type: a fieldset titled "Traitement n° 2". */
  private renderObjectBody(schema: SchemaNode, path: Path, name: string): TemplateResult {
    const pathText = pathToString(path);
    const errors = this.errorsOf(pathText, true, path);
    return html`<fieldset class="group item-group" data-path=${pathText} aria-describedby=${errors.ids || nothing}>
      <legend>${name}</legend>
      ${errors.template}
      <div class="fields">
        ${Object.entries(schema.properties ?? {}).map(([key, child]) => this.renderNode(child, [...path, key], isRequired(schema, key)))}
      </div>
    </fieldset>`;
  }

  private renderPicker(path: Path, label: string, valueSetName: string, required: boolean): TemplateResult {
    const pathText = pathToString(path);
    const id = idFor(pathText);
    const coding = getAt(this.data, path) as { code?: string; codeSystem?: string } | undefined;
    const errors = this.errorsOf(pathText, false, path, { schema: { title: 'Coding' }, required, value: coding });
    const hint = this.hintOf(path);
    const invalid = errors.ids !== '';
    return html`<div part="field" class="field picker-field ${invalid ? 'invalid' : ''}">
      <dcc-code-picker
        id=${id}
        data-path=${pathText}
        data-kind="picker"
        label=${label}
        help=${hint ?? nothing}
        value-set-name=${valueSetName}
        .value=${live(coding?.code ?? '')}
        .codeSystem=${coding?.codeSystem ?? ''}
        ?required=${required}
        ?readonly=${this.readonly}
        aria-invalid=${invalid ? 'true' : nothing}
        aria-describedby=${errors.ids || nothing}
        lang=${this.localize.lang()}
      ></dcc-code-picker>
      ${errors.template}
    </div>`;
  }

  private renderField(
    schema: SchemaNode,
    kind: string,
    path: Path,
    pathText: string,
    label: string,
    required: boolean,
    value: unknown,
  ): TemplateResult {
    const id = idFor(pathText);
    const hint = this.hintOf(path);
    const hintId = hint ? `h-${id}` : '';
    const errors = this.errorsOf(pathText, false, path, { schema, required, value });
    const describedBy = [hintId, errors.ids].filter(Boolean).join(' ') || nothing;
    const invalid = errors.ids !== '' ? 'true' : nothing;
    const ro = this.readonly;
    const labelEl = html`<label part="label" for=${id}
      >${label}${required ? html` <span class="req">(${this.localize.term('required')})</span>` : nothing}</label
    >`;
    const after = html`${hint ? html`<p part="hint" class="hint" id=${hintId}>${hint}</p>` : nothing}${errors.template}`;
    const str = typeof value === 'string' ? value : value === undefined ? '' : String(value);
    let control: unknown;
    switch (kind) {
      case 'boolean': {
        if (required) {
          return html`<div part="field" class="field checkbox ${invalid === 'true' ? 'invalid' : ''}">
            <input
              part="control"
              type="checkbox"
              id=${id}
              data-path=${pathText}
              data-kind="checkbox"
              .checked=${live(value === true)}
              ?disabled=${ro}
              aria-invalid=${invalid}
              aria-describedby=${describedBy}
            />
            <label part="label" for=${id}>${label}</label>
            ${after}
          </div>`;
        }
        control = html`<select part="control" id=${id} data-path=${pathText} data-kind="bool" .value=${live(value === undefined ? '' : String(value))} ?disabled=${ro} aria-invalid=${invalid} aria-describedby=${describedBy}>
          <option value="" ?selected=${value === undefined}>${this.localize.term('boolUnknown')}</option>
          <option value="true" ?selected=${value === true}>${this.localize.term('yes')}</option>
          <option value="false" ?selected=${value === false}>${this.localize.term('no')}</option>
        </select>`;
        break;
      }
      case 'enum': {
        const options = enumOptions(schema);
        control = html`<select part="control" id=${id} data-path=${pathText} data-kind="enum" .value=${live(value === undefined ? '' : String(value))} ?disabled=${ro} ?required=${required} aria-invalid=${invalid} aria-describedby=${describedBy}>
          <option value="" ?selected=${value === undefined}>${required ? this.localize.term('choose') : this.localize.term('boolUnknown')}</option>
          ${options.map((o) => html`<option value=${o} ?selected=${value === o}>${this.optionLabel(path, o)}</option>`)}
        </select>`;
        break;
      }
      case 'number':
      case 'integer':
        control = html`<input
          part="control"
          type="number"
          id=${id}
          data-path=${pathText}
          data-kind=${kind}
          step=${kind === 'integer' ? '1' : 'any'}
          min=${schema.minimum ?? nothing}
          max=${schema.maximum ?? nothing}
          .value=${live(str)}
          ?readonly=${ro}
          ?required=${required}
          aria-invalid=${invalid}
          aria-describedby=${describedBy}
        />`;
        break;
      case 'textarea':
        control = html`<textarea
          part="control"
          id=${id}
          data-path=${pathText}
          data-kind="textarea"
          rows="3"
          .value=${live(str)}
          ?readonly=${ro}
          ?required=${required}
          aria-invalid=${invalid}
          aria-describedby=${describedBy}
        ></textarea>`;
        break;
      case 'partialDate':
      case 'dateOrInstant':
      case 'instant':
        control = this.renderDate(kind, id, pathText, label, str, required, invalid, describedBy);
        break;
      default:
        control = html`<input
          part="control"
          type="text"
          id=${id}
          data-path=${pathText}
          data-kind="text"
          .value=${live(str)}
          ?readonly=${ro}
          ?required=${required}
          aria-invalid=${invalid}
          aria-describedby=${describedBy}
        />`;
    }
    return html`<div part="field" class="field ${kind} ${invalid === 'true' ? 'invalid' : ''}">${labelEl}${control}${after}</div>`;
  }

  private renderDate(
    kind: string,
    id: string,
    pathText: string,
    label: string,
    value: string,
    required: boolean,
    invalid: 'true' | typeof nothing,
    describedBy: string | typeof nothing,
  ): TemplateResult {
    const ro = this.readonly;
    const fallback: DatePrecision = kind === 'instant' ? 'time' : 'day';
    // The precision chosen by the user wins: a month being typed ("2024-0") must not switch the input.
    const precision = this.precisions.get(pathText) ?? (value ? precisionOf(value, fallback) : fallback);
    const options: DatePrecision[] = kind === 'partialDate' ? ['day', 'month', 'year'] : kind === 'dateOrInstant' ? ['day', 'month', 'year', 'time'] : [];
    const names: Record<DatePrecision, string> = {
      day: this.localize.term('precisionDay'),
      month: this.localize.term('precisionMonth'),
      year: this.localize.term('precisionYear'),
      time: this.localize.term('precisionTime'),
    };
    const common: DateCommon = { id, pathText, ro, required, invalid, describedBy };
    let input: TemplateResult;
    switch (precision) {
      case 'month':
        input = this.textDateInput('month', 'monthPlaceholder', 7, value, common);
        break;
      case 'year':
        input = this.textDateInput('year', 'yearPlaceholder', 4, value, common);
        break;
      case 'time': {
        // Date and time as two native inputs (Chromium's datetime-local cannot be typed into
        // reliably); the instant is written once both parts are there, the parts are kept meanwhile.
        const local = instantToLocal(value);
        const parts = this.instantParts.get(pathText) ?? { date: local.slice(0, 10), time: local.slice(11) };
        const timeLabel = this.localize.term('timeOf', label);
        input = html`${this.dateInput('date', 'dt-date', parts.date, common)}<input
            part="control"
            type="time"
            class="time"
            data-path=${pathText}
            data-kind="dt-time"
            step=${parts.time.length > 5 ? '1' : '60'}
            aria-label=${timeLabel}
            .value=${live(parts.time)}
            ?readonly=${ro}
            ?required=${required}
            aria-invalid=${invalid}
            aria-describedby=${describedBy}
          />`;
        break;
      }
      default:
        input = this.dateInput('date', 'date', value, common);
    }
    if (options.length === 0) return input;
    return html`<span class="date-control">
      <select
        class="precision"
        data-path=${pathText}
        data-kind="precision"
        aria-label=${this.localize.term('precision', label)}
        ?disabled=${ro}
      >
        ${options.map((o) => html`<option value=${o} ?selected=${o === precision}>${names[o]}</option>`)}
      </select>
      ${input}
    </span>`;
  }

  private textDateInput(kind: string, placeholderKey: string, maxLength: number, value: string, c: DateCommon): TemplateResult {
    // The placeholder is not read as a description: the expected format is, through aria-describedby.
    const formatId = `fmt-${c.id}`;
    const describedBy = c.describedBy === nothing ? formatId : `${formatId} ${c.describedBy}`;
    return html`<span class="visually-hidden" id=${formatId}>${this.localize.term('dateFormatHint', this.localize.term(placeholderKey))}</span><input
      part="control"
      type="text"
      inputmode="numeric"
      maxlength=${maxLength}
      placeholder=${this.localize.term(placeholderKey)}
      id=${c.id}
      data-path=${c.pathText}
      data-kind=${kind}
      .value=${live(value)}
      ?readonly=${c.ro}
      ?required=${c.required}
      aria-invalid=${c.invalid}
      aria-describedby=${describedBy}
    />`;
  }

  private dateInput(
    type: string,
    kind: string,
    value: string,
    c: DateCommon,
    step?: string,
  ): TemplateResult {
    return html`<input
      part="control"
      type=${type}
      id=${c.id}
      data-path=${c.pathText}
      data-kind=${kind}
      step=${step ?? nothing}
      .value=${live(value)}
      ?readonly=${c.ro}
      ?required=${c.required}
      aria-invalid=${c.invalid}
      aria-describedby=${c.describedBy}
    />`;
  }
}

/** A field's own check from its schema: missing required value, or a value not matching the pattern. */
function localIssue(path: string, schema: SchemaNode, required: boolean, value: unknown): ModelIssue | undefined {
  if (value === undefined) {
    return required
      ? { path, code: 'required', message: { fr: 'Ce champ est obligatoire.', en: 'This field is required.' } }
      : undefined;
  }
  if (typeof value === 'string' && patternOf(schema)?.test(value) === false)
    return { path, code: 'pattern', message: { fr: 'Format invalide.', en: 'Invalid format.' } };
  return undefined;
}

/** True when `server` is a later version than `base` (numbers compared as numbers). */
export function isNewerVersion(server: string, base: string): boolean {
  const a = Number(server);
  const b = Number(base);
  if (Number.isFinite(a) && Number.isFinite(b)) return a > b;
  return server !== base;
}
