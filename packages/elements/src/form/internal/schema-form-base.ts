// The behaviour of the schema-driven editors, unstyled (the published base, `DccSchemaForm` in
// ../schema-form.ts, adds the styles and documents parts and tokens). The element holds the
// model, its public API and the event wiring; each other concern is a controller or module:
// drafts (controllers/draft-controller.ts), validation (controllers/validation-controller.ts),
// the progressive render (controllers/section-scheduler.ts), lazy chunks
// (controllers/lazy-modules.ts), list items (controllers/list-items.ts), texts (labels.ts),
// model edits (model-edits.ts) and the renderers (render/).
import { html, nothing, type PropertyDeclaration, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { consume } from '@lit/context';
import type { Custodian, DocumentAuthor, ModelIssue, PatientIdentity } from '@dcc-kit/cda/core';
import { DccFormAssociatedElement, type ValidationResult } from '../../form-associated.js';
import { dccContext, type DccContextValue, type DccSession } from '../../context.js';
import { realClock, type Clock } from '../../clock.js';
import { DccInvalidEvent, DccSubmitEvent } from '../../events.js';
import { cloneJson, ensureRequiredBooleans, getAt, isEmptyValue, isRequired, parsePath, pathToString, schemaAt, setAt, type Path, type SchemaNode } from '../schema.js';
import type { DatePrecision } from '../dates.js';
import { writeFromInput, writeFromPicker } from './control-input.js';
import { registerEngineStrings } from '../engine-strings.js';
import { registerPickerStrings } from '../../code-picker/dcc-code-picker.component.js';
import { DraftController, type DraftBannerAction } from '../controllers/draft-controller.js';
import { ValidationController, VALIDATION_DEBOUNCE_MS } from '../controllers/validation-controller.js';
import { SectionScheduler } from '../controllers/section-scheduler.js';
import { LazyModules, type VoletApi } from '../controllers/lazy-modules.js';
import { ListItems } from '../controllers/list-items.js';
import { FormLabels } from '../labels.js';
import { addItem, addObject, moveItem, removeItem, writeAt } from '../model-edits.js';
import type { InstantParts, Model, RenderContext } from '../render/context.js';
import { fieldErrors } from '../render/field-errors.js';
import { renderNode } from '../render/node.js';
import { valueSetOf } from '../render/picker-field.js';
import { renderBanner, renderNav, renderPreview, renderSummary, renderToolbar, type PreviewState } from '../render/chrome.js';
import { CONTEXT_KEYS, renderContextSummary, type ContextKey, type ContextSummaryRows } from '../render/context-summary.js';

/** One clinician-facing section: a title (catalogue key `s:<volet>/<id>`) and model paths. */
export interface FormSection {
  readonly id: string;
  readonly paths: readonly string[];
}

/** The texts a context summary row reads (catalogue labels, dates in the editor's language). */
export interface ContextSummaryTexts {
  labelOf(path: string[]): string;
  optionLabel(path: string[], code: string): string;
  date(value: string): string;
}

/** What an editor gives the engine: its structure and the hooks that know its document kind. */
export interface FormDefinition {
  /** Prefix of the editor's own catalogue keys (`<id>/…`, see `registerVoletStrings`). */
  readonly id: string;
  readonly schema: SchemaNode;
  readonly sections: readonly FormSection[];
  /** Loads the validator and builder on first need. */
  load(): Promise<VoletApi>;
  /** Draft id of a document, or of a new one (no id) by its patient key (see `draftIdFor`). */
  draftId(documentId: string | undefined, patientKey?: string): string;
  /** When a loaded model was made (ms since the epoch): a draft saved before it is not restored. */
  madeAt(model: Model): number | undefined;
  /** Rows of the read-only summary of a header part given by the host (see `CONTEXT_KEYS`). */
  contextSummary(key: ContextKey, value: unknown, texts: ContextSummaryTexts): ContextSummaryRows;
}

/** Scalar list items emptied while editing stay in the model as "" (the line keeps its place); they are left out of the value. */
const dropEmptyItems = (_key: string, value: unknown): unknown => (Array.isArray(value) && value.includes('') ? value.filter((item) => item !== '') : value);
/** The browser's form state of an editor: a marker, never the model (session history is stored unencrypted). */
const FORM_STATE_MARKER = 'dcc-kit:draft';


export abstract class SchemaFormBase extends DccFormAssociatedElement {
  /** The editor's structure (schema with its value-set annotations, sections, lazy API). */
  protected abstract get definition(): FormDefinition;
  protected abstract formTitle(): string;

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

  @consume({ context: dccContext, subscribe: true })
  @state()
  protected accessor dcc: DccContextValue | undefined = undefined;

  // ---- internal state ---------------------------------------------------------------------
  /** The model as edited (without the parts given by the context). */
  protected data: Model = {};
  private defaultModel: Model = {};
  @state() private accessor announcement = '';
  @state() private accessor preview: PreviewState = undefined;
  private readonly precisions = new Map<string, DatePrecision>();
  /** Date and time typed for an instant field while one of the two is still missing. */
  private readonly instantParts = new Map<string, InstantParts>();
  private submitting: Promise<boolean> | undefined;

  private readonly timeSource = (): Clock => this.clock ?? this.dcc?.clock ?? realClock;
  private readonly lists = new ListItems();
  private readonly texts = new FormLabels(this.localize, () => this.definition.id);
  private readonly lazy = new LazyModules(() => this.definition.load());
  private readonly validation = new ValidationController(this, {
    clock: this.timeSource,
    check: async () => {
      const result = (await this.lazy.api()).validate(this.value);
      return result.ok ? [] : result.issues;
    },
    checked: () => this.updateValidity(),
  });
  private readonly sections = new SectionScheduler(this, { count: () => this.definition.sections.length, clock: this.timeSource });
  private readonly draftsController = new DraftController(this, {
    clock: this.timeSource,
    draftId: (documentId, patientKey) => this.definition.draftId(documentId, patientKey),
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
  private readonly summaryTexts: ContextSummaryTexts = {
    labelOf: (path) => this.texts.labelOf(path),
    optionLabel: (path, code) => this.texts.optionLabel(path, code),
    date: (value) => this.localize.date(value),
  };
  /** What the field renderers read (see render/context.ts). */
  private readonly renderContext: RenderContext = (() => {
    const data = () => this.data;
    const readonly = () => this.readonly;
    return {
      get data() {
        return data();
      },
      get readonly() {
        return readonly();
      },
      localize: this.localize,
      labels: this.texts,
      lists: this.lists,
      precisions: this.precisions,
      instantParts: this.instantParts,
      errorsOf: (pathText, exact, path, leaf) => fieldErrors(this.validation, this.texts, pathText, exact, path, leaf),
      valueSetOf: (schema, path) => valueSetOf(schema, path, this.definition.schema),
      renderNode: (schema, path, required, labelOverride) => this.renderNode(schema, path, required, labelOverride),
    };
  })();

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
    this.replaceData(value && typeof value === 'object' ? cloneJson(value as Model) : {});
    this.defaultModel = cloneJson(this.data);
  }

  /** Every replacement of the whole model (value, reset, draft restore, undo) goes through here. */
  private replaceData(next: Model): void {
    this.data = next;
    ensureRequiredBooleans(this.definition.schema, this.data);
    this.lists.reset();
    this.instantParts.clear();
    this.precisions.clear();
    this.validation.reset();
    this.requestUpdate();
    if (this.isConnected) this.valueChanged();
    this.validation.schedule(0);
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

  /** The latest model issues (empty when valid or not yet checked). */
  get modelIssues(): readonly ModelIssue[] {
    return this.validation.issues;
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
  private revealSummary(): void {
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
    if (changed.has('dcc') || changed.has('patient') || changed.has('author') || changed.has('organization')) {
      if (this.hasUpdated) {
        this.valueChanged();
        this.validation.schedule(0);
      }
    }
    if (changed.has('mode') && this.mode === 'preview') void this.buildPreview();
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

  /** Focus entering the form before every section is rendered: Tab must reach every field, render them now. */
  private readonly onFocusIn = (): void => {
    if (this.sections.pending) void this.sections.renderAll();
  };

  /**
   * Resolves once every section is rendered (the first update renders the first sections, the
   * others follow a few per task after the first paint; see `updateComplete` for one update).
   */
  get renderComplete(): Promise<void> {
    return this.sections.complete();
  }

  // ---- submit, preview --------------------------------------------------------------------
  private async showSummary(): Promise<void> {
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

  private async runSubmit(): Promise<boolean> {
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

  private async buildPreview(): Promise<void> {
    this.preview = { state: 'loading' };
    const api = await this.lazy.api();
    const model = this.value;
    const result = api.validate(model);
    if (!result.ok) {
      this.validation.issues = result.issues;
      this.validation.validated = true;
      this.preview = { state: 'invalid', count: result.issues.length };
      return;
    }
    const { narrativeToFragment } = await this.lazy.narrative();
    this.preview = { state: 'ready', fragment: narrativeToFragment(api.build(model)) };
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

  private async onBannerAction(action: DraftBannerAction): Promise<void> {
    await this.draftsController.bannerAction(action);
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="banner"]')?.focus();
  }

  // ---- editing ----------------------------------------------------------------------------
  /** Writes a value at a path (undefined removes it) and tells everyone. */
  protected write(path: Path, value: unknown): void {
    this.afterEdit(writeAt(this.definition.schema, this.data, this.lists, path, value));
  }

  private afterEdit(structural = true): void {
    if (structural) this.requestUpdate();
    this.valueChanged();
    this.validation.schedule(VALIDATION_DEBOUNCE_MS);
    this.draftsController.edited();
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }

  private readonly onInput = (event: Event): void => {
    event.stopPropagation();
    const edit = writeFromInput(event.target as HTMLElement, this.data, this.precisions, this.instantParts);
    if (!edit) return;
    this.write(edit.path, edit.value);
    if (edit.rerender) this.requestUpdate();
  };

  private readonly onChange = (event: Event): void => {
    event.stopPropagation();
    const edit = writeFromPicker(event.target as HTMLElement, this.data);
    if (edit) this.write(edit.path, edit.value);
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  };

  private readonly onFocusOut = (event: FocusEvent): void => {
    const el = event.target as HTMLElement;
    const pathText = el.dataset?.path;
    if (pathText === undefined || !el.dataset.kind || el.dataset.kind === 'add' || el.dataset.kind === 'remove') return;
    // Focus moving inside the same composite control (picker, date + precision) is not a blur.
    const next = event.relatedTarget as HTMLElement | null;
    if (next && next.dataset?.path === pathText) return;
    this.validation.touch(pathText);
    this.markInteracted();
    void this.validation.checkNow();
  };

  private readonly onClick = (event: Event): void => {
    const button = (event.target as HTMLElement).closest<HTMLElement>('button[data-action]');
    if (!button) return;
    const path = parsePath(button.dataset.path ?? '');
    const actions: Record<string, () => unknown> = {
      'add-item': () => this.addItem(path),
      'remove-item': () => this.removeItem(path),
      'move-up': () => this.moveItem(path, -1),
      'move-down': () => this.moveItem(path, 1),
      'add-object': () => this.addObject(path),
      'remove-object': () => this.removeObject(path),
      'unfold-item': () => this.unfoldItem(path),
      submit: () => this.submit(),
      'mode-edit': () => (this.mode = 'edit'),
      'mode-preview': () => (this.mode = 'preview'),
      print: () => window.print(),
      'banner-undo': () => this.onBannerAction('undo'),
      'banner-discard': () => this.onBannerAction('discard'),
      'banner-restore': () => this.onBannerAction('restore-anyway'),
    };
    void actions[button.dataset.action ?? '']?.();
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
    await this.sections.renderAll();
    const path = parsePath(pathText);
    // Open the folded items on the way.
    let opened = false;
    for (let len = 1; len <= path.length; len++) {
      const item = typeof path[len - 1] === 'number' ? getAt(this.data, path.slice(0, len)) : undefined;
      if (item !== null && typeof item === 'object' && !this.lists.isUnfolded(item)) {
        this.lists.unfold(item);
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

  private focusButton(selector: string): void {
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private async unfoldItem(itemPath: Path): Promise<void> {
    const item = getAt(this.data, itemPath);
    if (item !== null && typeof item === 'object') this.lists.unfold(item);
    this.requestUpdate();
    await this.focusFirstIn(pathToString(itemPath));
  }

  private async addItem(arrayPath: Path): Promise<void> {
    const index = addItem(this.definition.schema, this.data, this.lists, arrayPath);
    this.afterEdit();
    this.announcement = this.localize.term('itemAdded', this.texts.itemName(arrayPath), index + 1);
    await this.focusFirstIn(pathToString([...arrayPath, index]));
  }

  private async removeItem(itemPath: Path): Promise<void> {
    const arrayPath = itemPath.slice(0, -1);
    const index = itemPath[itemPath.length - 1] as number;
    const remaining = removeItem(this.definition.schema, this.data, this.lists, itemPath);
    this.afterEdit();
    this.announcement = this.localize.term('itemRemoved', this.texts.itemName(arrayPath), index + 1);
    await this.updateComplete;
    if (remaining > index) await this.focusFirstIn(pathToString([...arrayPath, index]));
    else if (remaining > 0) await this.focusFirstIn(pathToString([...arrayPath, remaining - 1]));
    else this.focusButton(`button[data-action="add-item"][data-path="${CSS.escape(pathToString(arrayPath))}"]`);
  }

  private async moveItem(itemPath: Path, delta: -1 | 1): Promise<void> {
    const arrayPath = itemPath.slice(0, -1);
    const target = moveItem(this.data, itemPath, delta);
    if (target === undefined) return;
    this.afterEdit();
    this.announcement = this.localize.term('itemMoved', this.texts.itemName(arrayPath), target + 1);
    await this.updateComplete;
    const action = delta < 0 ? 'move-up' : 'move-down';
    const newPath = CSS.escape(pathToString([...arrayPath, target]));
    const button =
      this.renderRoot.querySelector<HTMLButtonElement>(`button[data-action="${action}"][data-path="${newPath}"]:not([disabled])`) ??
      this.renderRoot.querySelector<HTMLButtonElement>(`button[data-action="remove-item"][data-path="${newPath}"]`);
    button?.focus();
  }

  private async addObject(path: Path): Promise<void> {
    addObject(this.definition.schema, this.data, path);
    this.afterEdit();
    await this.focusFirstIn(pathToString(path));
  }

  private async removeObject(path: Path): Promise<void> {
    setAt(this.data, path, undefined);
    this.afterEdit();
    await this.updateComplete;
    this.focusButton(`button[data-action="add-object"][data-path="${CSS.escape(pathToString(path))}"]`);
  }

  // ---- texts ------------------------------------------------------------------------------
  /** Label of a path (its last named segment). */
  protected labelOf(path: Path): string {
    return this.texts.labelOf(path);
  }

  // ---- rendering --------------------------------------------------------------------------
  override render(): TemplateResult {
    const v = this.validation;
    return html`
      ${renderToolbar(this.localize, this.mode, this.onClick)}
      ${this.mode === 'edit' ? renderNav(this.localize, this.texts, this.definition.sections, this.onNavClick) : nothing}
      ${renderBanner(this.localize, this.draftsController.banner, this.draftsController.canUndo, this.onClick)}
      <div class="live" role="status" aria-live="polite">${this.announcement}</div>
      ${v.summaryVisible && v.issues.length > 0 ? renderSummary(this.localize, this.texts, v.issues, this.onSummaryClick) : nothing}
      ${this.mode === 'preview' ? renderPreview(this.localize, this.preview) : nothing}
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
        <fieldset class="root" ?disabled=${this.isDisabled}>
          <legend class="visually-hidden">${this.formTitle()}</legend>
          ${this.definition.sections.map((s, i) => {
            const rendered = i < this.sections.rendered;
            return guard([this.sections.revision, rendered], () => this.renderSection(s, rendered));
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

  private readonly onNavClick = (event: Event): void => {
    const link = (event.target as HTMLElement).closest<HTMLAnchorElement>('a[data-section]');
    if (!link) return;
    event.preventDefault();
    void this.focusSection(link.dataset.section ?? '');
  };

  private async focusSection(sectionId: string): Promise<void> {
    // Tab from the heading must lead into the section (and on to the next ones).
    await this.sections.renderAll();
    const heading = this.renderRoot.querySelector<HTMLElement>(`#s-${CSS.escape(sectionId)}`);
    heading?.focus();
    heading?.scrollIntoView?.({ block: 'start' });
  }

  private renderSection(section: FormSection, rendered: boolean): TemplateResult {
    const id = `s-${section.id}`;
    return html`<section part="section" class="section" aria-labelledby=${id} aria-busy=${rendered ? nothing : 'true'}>
      <h2 part="section-title" id=${id} tabindex="-1">${this.texts.sectionTitle(section.id)}</h2>
      ${rendered ? section.paths.map((p) => this.renderTopPath(parsePath(p))) : html`<p class="pending">${this.localize.term('loading')}</p>`}
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
      if (given !== undefined) return renderContextSummary(this.localize, this.texts, key as ContextKey, this.definition.contextSummary(key as ContextKey, given, this.summaryTexts));
    }
    return this.renderNode(schema, path, required);
  }

  /** Renders any node: group, list, picker or field. */
  protected renderNode(schema: SchemaNode, path: Path, required: boolean, labelOverride?: string): unknown {
    return renderNode(this.renderContext, schema, path, required, labelOverride);
  }
}
