// The schema-driven editors' rendering, focus and the user's actions (inputs, blurs, buttons,
// the summary's and the nav's links, list items) over SchemaFormState (./schema-form-state.ts),
// unstyled: the published base, `DccSchemaForm` in ../schema-form.ts, adds the styles and
// documents parts and tokens. The field renderers are in ../render/.
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { cloneJson, getAt, isEmptyValue, isRequired, parsePath, pathToString, schemaAt, setAt, type Path, type SchemaNode } from '../schema.js';
import type { DirectoryHooks } from '../render/directory-field.js';
import { hasDirectory } from '../../directory-picker/has-directory.js';
import { registerDirectoryPickerStrings } from '../../directory-picker/strings.js';
import { writeFromInput, writeFromPicker } from './control-input.js';
import type { DraftBannerAction } from '../controllers/draft-controller.js';
import { addItem, addObject, moveItem, removeItem } from '../model-edits.js';
import type { RenderContext } from '../render/context.js';
import { fieldErrors } from '../render/field-errors.js';
import { renderNode } from '../render/node.js';
import { renderGiven } from '../render/given-field.js';
import { moveInRovingGroup, type CandidateInput } from '../render/candidates-field.js';
import { valueSetOf } from '../render/picker-field.js';
import { renderBanner, renderNav, renderPreview, renderSummary, renderToolbar } from '../render/chrome.js';
import { isPrintShortcut } from '../print-shortcut.js';
import { loadEngineEnglish } from '../engine-strings.js';
import { LazyChunk } from '../../lazy-chunk.js';
import { renderIdentityStatus } from '../render/identity-status.js';
import { CONTEXT_KEYS, renderContextSummary, type ContextKey } from '../render/context-summary.js';
import type { ContextSummaryTexts, FormSection } from './form-definition.js';
import { SchemaFormState } from './schema-form-state.js';

/**
 * <dcc-directory-picker> and the client's searches load on first need (a form with a
 * directory): their code stays out of the editors' eager bundle. Until the element is defined
 * its tag is an empty element; the fields below it are there for manual entry meanwhile. A
 * failed load is retried next render.
 */
const directoryChunk = new LazyChunk(() => Promise.all([import('../../define/dcc-directory-picker.js'), import('../../directory-picker/client-search.js')]).then(([, searches]) => searches));
/** Loads the directory chunk; never rejects (a failed load leaves the searches missing). */
const loadDirectory = (): Promise<void> => directoryChunk.load().then(
  () => undefined,
  () => undefined,
);

/**
 * <dcc-code-picker> is a chunk of its own too (every volet has coded fields, but the editors'
 * eager bundle does not carry it): the editors' define modules request it with their own
 * definition, and a form's update waits for it before rendering (`scheduleUpdate`), so pickers
 * are defined from the first render on and focus or keys never meet an undefined one. Should the
 * load fail, a picker's tag holds its place (form styles) and the next update retries.
 */
const codePickerChunk = new LazyChunk(() => import('../../define/dcc-code-picker.js'));

/** The editors (by definition id) whose English texts, and the engine's, are registered. */
const englishReady = new Set<string>();

export type { FormDefinition, FormSection, ContextSummaryTexts } from './form-definition.js';

export abstract class SchemaFormBase extends SchemaFormState {
  // ---- what the renderers read ------------------------------------------------------------
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
      dateTexts: this.dateTexts,
      openDetails: this.openDetails,
      detailsToggled: (pathText, open) => {
        if (open) this.openDetails.add(pathText);
        else this.openDetails.delete(pathText);
      },
      isGiven: (pathText) => this.isGiven(pathText),
      candidatesOf: (pathText) => this.candidatesOf(pathText),
      errorsOf: (pathText, exact, path, leaf) => fieldErrors(this.validation, this.texts, pathText, exact, path, leaf),
      valueSetOf: (schema, path) => valueSetOf(schema, path, this.definition.schema),
      renderNode: (schema, path, required, labelOverride) => this.renderNode(schema, path, required, labelOverride),
      directory: this.directoryHooks(),
    };
  })();

  /** Directory look-ups through the provider's SDK client (render/directory-field.ts). */
  private directoryHooks(): DirectoryHooks {
    registerDirectoryPickerStrings();
    return {
      search: (kind) => {
        const client = this.dcc?.client;
        if (!hasDirectory(client)) return undefined;
        // The picker element and the searches load only for a form that has a directory to search.
        void loadDirectory();
        return async (text, signal) => {
          await loadDirectory();
          const search = directoryChunk.value?.directorySearchOf(client, kind);
          if (!search) throw new Error('The directory search could not be loaded.');
          return search(text, signal);
        };
      },
      fill: (path, value) => this.write(path, value),
    };
  }

  /** Also waits for <dcc-directory-picker> and the searches when the form shows pickers (loaded on first need). */
  override get renderComplete(): Promise<void> {
    return super.renderComplete.then(() => directoryChunk.loading?.then(
      () => undefined,
      () => undefined,
    ));
  }

  /**
   * An update waits for what it needs from its chunks, once for the page: <dcc-code-picker>
   * (see `codePickerChunk`) and, in English, the English texts, the engine's and the editor's
   * (never French first). A failed load leaves an undefined picker's placeholder or the French
   * texts (the catalogue's fallback), and is retried at the next update.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const waits: Promise<unknown>[] = [];
    if (customElements.get('dcc-code-picker') === undefined) waits.push(codePickerChunk.load().catch(() => undefined));
    if (this.localize.lang() === 'en' && !englishReady.has(this.definition.id)) {
      const { id } = this.definition;
      waits.push(
        Promise.all([loadEngineEnglish(), this.definition.loadLanguage?.('en')]).then(
          () => englishReady.add(id),
          () => undefined,
        ),
      );
    }
    if (waits.length === 0) return super.scheduleUpdate();
    return Promise.all(waits).then(() => super.scheduleUpdate());
  }

  constructor() {
    super();
    // On the element itself: the shortcut works from the form, the toolbar and the preview.
    this.addEventListener('keydown', this.onPrintShortcut);
  }

  // ---- printing ---------------------------------------------------------------------------
  /**
   * Prints the document's print view, as « Imprimer » does (A4, numbered pages, the document
   * alone). From the form, the preview is shown for the print and the form comes back after it,
   * focus where it was. Ctrl+P (⌘P) inside the editor calls it, instead of printing the page.
   */
  async print(): Promise<void> {
    const focused = this.shadowRoot?.activeElement as HTMLElement | null | undefined;
    const fromForm = this.mode === 'edit';
    if (fromForm) this.mode = 'preview';
    await this.previewComplete;
    await this.updateComplete;
    const { printElement } = await this.lazy.print();
    printElement(this, this.localize.lang(), () => {
      if (!fromForm) return;
      this.mode = 'edit';
      void this.updateComplete.then(() => focused?.focus());
    });
  }

  private readonly onPrintShortcut = (event: KeyboardEvent): void => {
    if (!isPrintShortcut(event) || event.defaultPrevented) return;
    event.preventDefault();
    void this.print();
  };

  // ---- user actions -----------------------------------------------------------------------
  /** Focus entering the form before every section is rendered: Tab must reach every field, render them now. */
  private readonly onFocusIn = (): void => {
    if (this.sections.pending) void this.sections.renderAll();
  };

  private async onBannerAction(action: DraftBannerAction): Promise<void> {
    await this.draftsController.bannerAction(action);
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="banner"]')?.focus();
  }

  private readonly onInput = (event: Event): void => {
    event.stopPropagation();
    if ((event.target as HTMLElement).dataset?.kind === 'candidate') {
      this.candidateToggled(event.target as CandidateInput);
      return;
    }
    const edit = writeFromInput(event.target as HTMLElement, this.data, this.precisions, this.instantParts, this.dateTexts);
    if (!edit) return;
    this.write(edit.path, edit.value);
    if (edit.rerender) this.requestUpdate();
  };

  /** A candidate checked (its item added, folded to its label) or unchecked (its items removed). */
  private candidateToggled(box: CandidateInput): void {
    const pathText = box.dataset.path ?? '';
    const offer = this.candidatesOf(pathText);
    const candidate = offer?.candidates.find((c) => c.key === box.dataset.key);
    if (!offer || !candidate || this.readonly) return;
    const path = parsePath(pathText);
    const items = (getAt(this.data, path) as unknown[] | undefined) ?? [];
    const what = this.texts.itemName(path);
    if (box.checked) {
      const item = cloneJson(candidate.item);
      if (item !== null && typeof item === 'object') this.lists.chosen(item, candidate.label);
      this.write(path, [...items, item]);
      this.announcement = this.localize.term('itemAdded', what, items.length + 1);
    } else {
      const kept = items.filter((item) => offer.keyOf(item) !== candidate.key);
      this.write(path, kept.length > 0 ? kept : undefined);
      this.announcement = this.localize.term('itemRemoved', what, items.length);
    }
  }

  private readonly onChange = (event: Event): void => {
    event.stopPropagation();
    const edit = writeFromPicker(event.target as HTMLElement, this.data);
    if (edit) this.write(edit.path, edit.value);
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  };

  private readonly onFocusOut = (event: FocusEvent): void => {
    const el = event.target as HTMLElement;
    const pathText = el.dataset?.path;
    if (pathText === undefined || !el.dataset.kind || el.dataset.kind === 'add' || el.dataset.kind === 'remove' || el.dataset.kind === 'details') return;
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
      'edit-given': () => this.editGiven((button.dataset.paths ?? '').split(' ').filter(Boolean)),
      submit: () => this.submit(),
      'mode-edit': () => (this.mode = 'edit'),
      'mode-preview': () => (this.mode = 'preview'),
      // Loaded with the preview; a click while it still loads prints once it is there.
      print: () => (this.printing ? this.printing.printElement(this, this.localize.lang()) : void this.print()),
      'banner-undo': () => this.onBannerAction('undo'),
      'banner-discard': () => this.onBannerAction('discard'),
      'banner-restore': () => this.onBannerAction('restore-anyway'),
    };
    void actions[button.dataset.action ?? '']?.();
  };

  /**
   * Ctrl+S (⌘S) anywhere in the form: « Valider et enregistrer », the page is never saved by the
   * browser instead. Enter in a one-line field of the last item of a list adds the next item
   * (type, Enter, type…), focus moving into it.
   */
  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey;
    if (plain && moveInRovingGroup(event, event.composedPath()[0] as HTMLElement)) return;
    if (event.key === 'Enter' && plain && !event.isComposing) {
      if (!this.enterInListItem(event)) this.enterConfirms(event);
      return;
    }
    if (event.key.toLowerCase() !== 's' || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    event.preventDefault();
    if (this.readonly || this.isDisabled) return;
    void this.submit();
  };

  /**
   * A picker left with text naming no concept: the text is kept as the free text beside the
   * code (a coded-or-text block's `text`, a care act's `typePrecision`) when that is empty, and
   * the live region says so — what the clinician typed is never silently lost.
   */
  private readonly onUnmatchedText = (event: Event): void => {
    const el = event.target as HTMLElement;
    const text = (event as CustomEvent<{ text: string }> & { detail: { text: string } }).detail.text;
    if (el.dataset.kind !== 'picker' || el.dataset.path === undefined || !text) return;
    const path = parsePath(el.dataset.path);
    const owner = path.slice(0, -1);
    const ownerSchema = schemaAt(this.definition.schema, owner);
    const key = path[path.length - 1] === 'coding' && ownerSchema?.properties?.text ? 'text' : ownerSchema?.properties?.typePrecision ? 'typePrecision' : undefined;
    if (!key || this.readonly) return;
    const current = getAt(this.data, [...owner, key]);
    if (typeof current === 'string' && current.trim() !== '') return;
    this.write([...owner, key], text);
    this.requestUpdate();
    this.announcement = this.localize.term('keptAsText', this.texts.labelOf([...owner, key]));
  };

  /** The one-line field Enter was pressed in (Enter belongs to a textarea, a picker, a button). */
  private oneLineField(event: KeyboardEvent): HTMLInputElement | undefined {
    const el = event.composedPath()[0] as HTMLElement;
    if (!(el instanceof HTMLInputElement) || el.type === 'checkbox' || el.dataset.path === undefined || this.readonly || this.isDisabled) return undefined;
    return el;
  }

  /** Enter in a field of a list's last item adds the next item; true when it did. */
  private enterInListItem(event: KeyboardEvent): boolean {
    const el = this.oneLineField(event);
    if (!el) return false;
    const path = parsePath(el.dataset.path ?? '');
    let at = path.length - 1;
    while (at >= 0 && typeof path[at] !== 'number') at--;
    if (at < 0) return false;
    const arrayPath = path.slice(0, at);
    const count = ((getAt(this.data, arrayPath) as unknown[] | undefined)?.length ?? 0) + this.lists.pending(pathToString(arrayPath));
    if (path[at] !== count - 1) return false;
    event.preventDefault();
    void this.addItem(arrayPath);
    return true;
  }

  /**
   * Enter anywhere else in a one-line field confirms what was typed there: focus lands on the
   * next field still to fill (or on « Valider et enregistrer » when none is left), no Tabs.
   */
  private enterConfirms(event: KeyboardEvent): void {
    const el = this.oneLineField(event);
    if (!el) return;
    event.preventDefault();
    void this.landOnNextToFill(el);
  }

  /**
   * Moves focus to the first field still to fill: the first with an error shown or required
   * and empty, in the order of the form (folded items, fields the establishment gives and
   * closed « plus de détails » are skipped: they are confirmed at a glance). Done after a start
   * (`startFromRcp`, `startFromPreviousRcp`); a host may call it after its own prefill.
   * Never takes the focus from a field the user is typing in outside the editor; the live
   * region says where focus went.
   * @returns whether focus moved.
   */
  focusNextToFill(): Promise<boolean> {
    return this.landOnNextToFill(undefined);
  }

  /**
   * Shows what a start produced (from an RCP, from the previous RCP) as a new, unsaved document,
   * lets the editor arrange it (`arrange`: fold items, offer candidates) and lands the focus on
   * what is left to fill.
   */
  protected async showStarted(value: object, arrange?: () => void): Promise<void> {
    this.documentId = '';
    this.serverVersion = undefined;
    this.value = value;
    arrange?.();
    await this.updateComplete;
    await this.focusNextToFill();
  }

  private async landOnNextToFill(after: HTMLElement | undefined): Promise<boolean> {
    // Needed only after a start or Enter: its own small chunk.
    const { deepActiveElement, nextToFill, typingOutside } = await import('../next-to-fill.js');
    // From Enter, the user is here; from a start, only if they are not typing elsewhere.
    const allowed = () =>
      this.mode === 'edit' && !this.readonly && !this.isDisabled && (after ? deepActiveElement(this.ownerDocument) === after : !typingOutside(this));
    if (!allowed()) return false;
    await this.sections.renderAll();
    await this.updateComplete;
    if (!allowed()) return false;
    const target = nextToFill(this.renderRoot, (pathText) => isEmptyValue(getAt(this.data, parsePath(pathText))), after);
    if (target) {
      target.focus();
      target.scrollIntoView?.({ block: 'center' });
      this.announcement = this.localize.term('nextToFill', this.texts.trail(parsePath(target.dataset.path ?? '')));
      return true;
    }
    if (!after) return false;
    const submit = this.renderRoot.querySelector<HTMLElement>('[part~="submit"]');
    submit?.focus();
    this.announcement = this.localize.term('nothingToFill');
    return submit !== null;
  }

  private readonly onSummaryClick = (event: Event): void => {
    const link = (event.target as HTMLElement).closest<HTMLAnchorElement>('a[data-issue-path]');
    if (!link) return;
    event.preventDefault();
    void this.focusPath(link.dataset.issuePath ?? '');
  };

  // ---- focus and list items ---------------------------------------------------------------
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

  /** « Modifier » on fields the establishment gives: they are shown as fields, focus on the first. */
  private async editGiven(pathTexts: readonly string[]): Promise<void> {
    for (const p of pathTexts) this.editedGiven.add(p);
    this.requestUpdate();
    await this.updateComplete;
    if (pathTexts[0] !== undefined) await this.focusPath(pathTexts[0]);
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
      ${renderIdentityStatus(this.localize, this.dcc?.identityStatus)}
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
        @keydown=${this.onKeyDown}
        @dcc-unmatched-text=${this.onUnmatchedText}
      >
        <fieldset class="root" ?disabled=${this.isDisabled}>
          <legend class="visually-hidden">${this.formTitle()}</legend>
          ${this.definition.sections.map((s, i) => {
            const rendered = i < this.sections.rendered;
            return guard([this.sections.revision, rendered], () => this.renderSection(s, rendered));
          })}
          ${this.readonly
            ? nothing
            : html`<div class="actions" part="actions">
                <button type="button" part="submit" class="primary" data-action="submit" aria-keyshortcuts="Control+S Meta+S" aria-disabled=${this.submitting ? 'true' : 'false'}>${this.localize.term('submit')}</button>
                <span class="shortcut" aria-hidden="true">${this.localize.term('submitShortcut')}</span>
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
      ${rendered ? this.renderTopPaths(section.paths) : html`<p class="pending">${this.localize.term('loading')}</p>`}
    </section>`;
  }

  /** A section's paths; those the establishment gives are one summary, where the first of them is. */
  private renderTopPaths(pathTexts: readonly string[]): unknown[] {
    // A header part the host gives through its context keeps its own summary (renderTopPath).
    const given = pathTexts.filter((p) => this.isGiven(p) && !((CONTEXT_KEYS as readonly string[]).includes(p) && this.contextPart(p as ContextKey) !== undefined));
    return pathTexts.map((p) => {
      if (!given.includes(p)) return this.renderTopPath(parsePath(p));
      return p === given[0] ? renderGiven(this.renderContext, given.map(parsePath), given) : nothing;
    });
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
