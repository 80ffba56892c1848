import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { ValueSet, ValueSetConcept } from '@dcc-kit/cda/core';
import { DccFormAssociatedElement } from '../form-associated.js';
import { DccUnmatchedTextEvent } from '../events.js';
import { registerPickerStrings } from './strings.js';
import { LazyChunk } from '../lazy-chunk.js';
import { visuallyHiddenStyles } from '../styles/tokens.js';
import { pickerStyles } from '../styles/picker.js';
import type { IndexedConcept } from './search.js';

export { registerPickerStrings };

type VocabularySearch = typeof import('./vocabulary-search.js');
/** The search with the clinicians' words, loaded once for the page on first need (a lazy chunk). */
const vocabularyChunk = new LazyChunk<VocabularySearch>(() => import('./vocabulary-search.js'));

/** Loads a value set by its name (`JDV_…`); undefined when unknown. */
export type ValueSetLoader = (name: string) => Promise<ValueSet | undefined>;

/**
 * The default loader: the generated value sets of @dcc-kit/cda, imported on first need so that
 * they stay out of the eager bundle of the editors.
 */
export const loadGeneratedValueSet: ValueSetLoader = async (name) => {
  const all = (await import('@dcc-kit/cda/value-sets')) as unknown as Record<string, unknown>;
  const found = all[name];
  return found && typeof found === 'object' && Array.isArray((found as ValueSet).concepts) ? (found as ValueSet) : undefined;
};

/**
 * Value sets by name: the load, and once it has succeeded its result, which a picker created
 * after that takes synchronously, so that its first render already shows the concept's label
 * (one update instead of two per picker; a form shows about 80 of them). A failed load is
 * forgotten, so that the next picker tries again.
 */
interface ValueSetLoad {
  readonly pending: Promise<ValueSet | undefined>;
  loaded?: { readonly valueSet: ValueSet | undefined };
}
const valueSetCache = new Map<string, ValueSetLoad>();

let idCounter = 0;

/**
 * @tag dcc-code-picker
 * @summary Searchable, keyboard-first picker of one concept of a value set (ARIA 1.2 combobox
 * with a listbox), taking part in native forms: its value is the concept's code.
 * @status stable
 * @since 0.1
 *
 * @event input - The user picked a concept (or cleared the field). Bubbles, composed.
 * @event change - Same moment as `input` (a pick is a committed change). Bubbles, composed.
 * @event dcc-unmatched-text - Left (Tab) with typed text that names no concept, the choice kept: `detail.text` (DccUnmatchedTextEvent). Bubbles, composed.
 *
 * @csspart form-control - The wrapper of label, field, list and messages.
 * @csspart label - The label.
 * @csspart combobox - The box around the text field.
 * @csspart input - The text field (role `combobox`).
 * @csspart expand-icon - The arrow that opens the list with a pointer.
 * @csspart listbox - The list of matching concepts.
 * @csspart option - One concept in the list (`option active`, `option selected` when so).
 * @csspart option-label - The display name of a concept.
 * @csspart option-code - The code of a concept.
 * @csspart selected-code - The code of the selected concept, next to its label in the field.
 * @csspart help - The help text.
 * @csspart note - Shown while the search looks for a concept the national value set lacks (« psy » in the supportive-care set): what to choose instead, its precision typed as free text.
 * @csspart error - The validation message (shown once the user left the field or tried to submit).
 *
 * @cssproperty --dcc-font-family - Font of the control. Default: system UI font.
 * @cssproperty --dcc-color-text - Text colour. Default: #1d1d1f.
 * @cssproperty --dcc-color-muted - Help text and codes. Default: #50555c.
 * @cssproperty --dcc-color-border - Field border. Default: #8a8f98.
 * @cssproperty --dcc-focus-ring - Focus outline of the field. Default: 3px solid #1a73e8.
 * @cssproperty --dcc-color-primary - Outline of the active option. Default: #0b5cad.
 * @cssproperty --dcc-color-error - Errors. Default: #b00020.
 * @cssproperty --dcc-color-background - Field and list background. Default: #ffffff.
 * @cssproperty --dcc-color-option-active - Background of the active option. Default: #dbeafe.
 * @cssproperty --dcc-radius - Corner radius. Default: 4px.
 * @cssproperty --dcc-code-picker-max-height - Height of the open list. Default: 18rem.
 *
 * @cssstate user-invalid - Invalid, after the user left the field or tried to submit.
 * @cssstate disabled - Disabled (own attribute or an ancestor `<fieldset disabled>`).
 * @cssstate open - The list is shown.
 */
export class DccCodePicker extends DccFormAssociatedElement {
  static override styles = css`
    ${pickerStyles}
    .required-mark {
      color: var(--dcc-color-error, #b00020);
      margin-inline-start: 0.25em;
    }
    [part='combobox'] {
      display: flex;
      align-items: center;
      border: 1px solid var(--dcc-color-border, #8a8f98);
      border-radius: var(--dcc-radius, 4px);
      background: var(--dcc-color-background, #ffffff);
    }
    [part='combobox']:focus-within {
      outline: var(--dcc-focus-ring, 3px solid #1a73e8);
      outline-offset: 1px;
    }
    :host(:state(user-invalid)) [part='combobox'] {
      border-color: var(--dcc-color-error, #b00020);
    }
    [part='input'] {
      flex: 1;
      min-width: 0;
      border: none;
      background: transparent;
      font: inherit;
      color: inherit;
      padding: 0.4rem 0.5rem;
    }
    [part='input']:focus {
      outline: none;
    }
    [part='expand-icon'] {
      padding: 0 0.5rem;
      color: var(--dcc-color-muted, #50555c);
      cursor: pointer;
      user-select: none;
    }
    [part='listbox'] {
      max-height: var(--dcc-code-picker-max-height, 18rem);
    }
    [part~='option'] {
      display: flex;
      justify-content: space-between;
      gap: 1rem;
      padding: 0.3rem 0.5rem;
      cursor: pointer;
    }
    [part~='selected'] [part='option-label'] {
      font-weight: 600;
    }
    [part='option-code'],
    [part='selected-code'] {
      color: var(--dcc-color-muted, #50555c);
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    [part='help'] {
      color: var(--dcc-color-muted, #50555c);
      font-size: 0.875em;
    }
    [part='note'] {
      margin-block-start: var(--dcc-space-s, 0.25rem);
      padding: var(--dcc-space-s, 0.25rem) var(--dcc-space-m, 0.5rem);
      border-inline-start: 3px solid var(--dcc-color-warning, #8a5a00);
      font-size: 0.875em;
    }
    [part='error'] {
      color: var(--dcc-color-error, #b00020);
      font-size: 0.875em;
    }
    .status {
      color: var(--dcc-color-muted, #50555c);
      font-size: 0.875em;
    }
    ${visuallyHiddenStyles}
    input:disabled {
      cursor: not-allowed;
    }
  `;

  /** Overrides the loader used with `valueSetName` for every picker (e.g. a host serving value sets itself). */
  static valueSetLoader: ValueSetLoader = loadGeneratedValueSet;

  /** Visible label of the field (also the accessible name of the list). */
  @property() accessor label = '';
  /** Help text under the field (referenced by `aria-describedby`). */
  @property() accessor help = '';
  /** Placeholder of the search field. */
  @property() accessor placeholder = '';
  /** The selected concept's code ('' when none). The value submitted with the form. */
  @property() accessor value = '';
  /** Code system of the selected concept, for value sets where one code exists in several systems. */
  @property({ attribute: 'code-system' }) accessor codeSystem = '';
  /** The value set to pick from (takes precedence over `valueSetName`). */
  @property({ attribute: false }) accessor valueSet: ValueSet | undefined = undefined;
  /** Name of a generated value set (`JDV_…`), loaded lazily on first need by `DccCodePicker.valueSetLoader`. */
  @property({ attribute: 'value-set-name' }) accessor valueSetName = '';
  /** Most options rendered at once (value sets go up to ~1,000 concepts; the search narrows them). */
  @property({ type: Number, attribute: 'max-options' }) accessor maxOptions = 50;

  /**
   * Ids of elements in the host's tree describing this field (e.g. an error message rendered by
   * an enclosing form); their text is mirrored inside the shadow root, where the ids cannot reach.
   */
  @property({ attribute: 'aria-describedby' }) accessor hostDescribedBy: string | null = null;
  /** `aria-invalid="true"` set by an enclosing form (model-level error) is passed to the field. */
  @property({ attribute: 'aria-invalid' }) accessor hostInvalid: string | null = null;

  @state() private accessor open = false;
  /** Text typed by the user; undefined while not searching (the field then shows the selection). */
  @state() private accessor searchText: string | undefined = undefined;
  /** The focused field's whole text was selected before this update (see willUpdate). */
  private wholeTextSelected = false;
  /** Index (in the value set) of the active option. */
  @state() private accessor activeIndex: number | undefined = undefined;
  @state() private accessor loadedValueSet: ValueSet | undefined = undefined;
  @state() private accessor loadError = false;

  @query('input') private accessor inputElement!: HTMLInputElement | null;

  private readonly idPrefix = `dcc-code-picker-${++idCounter}`;
  private defaultValue: string | undefined;
  private loading: Promise<void> | undefined;

  constructor() {
    super();
    registerPickerStrings();
  }

  /** The value set in use (given, or loaded by name). */
  get currentValueSet(): ValueSet | undefined {
    return this.valueSet ?? this.loadedValueSet;
  }

  /** The selected concept, once the value set is known. */
  get selectedConcept(): ValueSetConcept | undefined {
    const vs = this.currentValueSet;
    if (!vs || !this.value) return undefined;
    const sameCode = vs.concepts.filter((c) => c.code === this.value);
    return sameCode.find((c) => c.codeSystem === this.codeSystem) ?? sameCode[0];
  }

  override connectedCallback(): void {
    this.defaultValue ??= this.value;
    super.connectedCallback();
    if (this.value) void this.ensureValueSet();
  }

  override focus(options?: FocusOptions): void {
    this.inputElement?.focus(options);
  }

  // ---- form-associated hooks --------------------------------------------------------------
  protected formValue(): string | null {
    return this.value || null;
  }
  protected resetValue(): void {
    this.value = this.defaultValue ?? '';
    this.codeSystem = '';
    this.searchText = undefined;
    this.open = false;
  }
  protected restoreValue(restored: string | File | FormData | null): void {
    this.value = typeof restored === 'string' ? restored : '';
  }
  isValueEmpty(): boolean {
    return this.value === '';
  }
  protected override validationAnchor(): HTMLElement | undefined {
    return this.inputElement ?? undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A label arriving (the value set loads after the field got focus) replaces the code shown;
    // a user who had selected the whole text to type over it keeps that selection.
    const input = this.inputElement;
    this.wholeTextSelected = !!input && this.renderRoot instanceof ShadowRoot && this.renderRoot.activeElement === input && input.value.length > 0 && input.selectionStart === 0 && input.selectionEnd === input.value.length;
    if (changed.has('valueSetName') && this.valueSetName && !this.valueSet) {
      this.loadedValueSet = undefined;
      this.loading = undefined;
      if (this.value || this.open) void this.ensureValueSet();
    }
    if ((changed.has('disabled') || changed.has('readonly')) && (this.disabled || this.readonly)) this.open = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const input = this.inputElement;
    if (this.wholeTextSelected && input && (input.selectionStart !== 0 || input.selectionEnd !== input.value.length)) input.select();
    if (changed.has('value')) this.valueChanged();
    this.toggleState('open', this.open);
    if ((changed.has('activeIndex' as keyof DccCodePicker) || changed.has('open' as keyof DccCodePicker)) && this.open && this.activeIndex !== undefined) {
      this.renderRoot.querySelector(`#${this.optionId(this.activeIndex)}`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  /**
   * Loads the value set named by `valueSetName` (once per name for the whole page), and the
   * search (once for the page).
   */
  ensureValueSet(): Promise<void> {
    return Promise.all([this.ensureSearch(), this.loadValueSet()]).then(() => undefined);
  }

  private ensureSearch(): Promise<void> {
    if (vocabularyChunk.value) return Promise.resolve();
    return vocabularyChunk.load().then(
      () => this.requestUpdate(),
      () => {
        this.loadError = true;
      },
    );
  }

  private loadValueSet(): Promise<void> {
    if (this.valueSet || this.loadedValueSet || !this.valueSetName) return Promise.resolve();
    if (this.loading) return this.loading;
    const name = this.valueSetName;
    let load = valueSetCache.get(name);
    if (load?.loaded) {
      this.loadedValueSet = load.loaded.valueSet;
      this.loadError = load.loaded.valueSet === undefined;
      return Promise.resolve();
    }
    if (!load) {
      const started: ValueSetLoad = { pending: (this.constructor as typeof DccCodePicker).valueSetLoader(name) };
      valueSetCache.set(name, started);
      started.pending.then(
        (valueSet) => (started.loaded = { valueSet }),
        () => valueSetCache.delete(name),
      );
      load = started;
    }
    this.loading = load.pending.then(
      (vs) => {
        if (this.valueSetName !== name) return;
        this.loadedValueSet = vs;
        this.loadError = vs === undefined;
      },
      () => {
        this.loadError = true;
      },
    );
    return this.loading;
  }

  // ---- search and selection ---------------------------------------------------------------
  private filteredConcepts(): IndexedConcept[] {
    const vs = this.currentValueSet;
    if (!vs || !vocabularyChunk.value) return [];
    return vocabularyChunk.value.searchValueSet(vs, this.searchText ?? '');
  }

  private optionId(index: number): string {
    return `${this.idPrefix}-option-${index}`;
  }

  private openList(): void {
    if (this.isDisabled || this.readonly) return;
    this.open = true;
    void this.ensureValueSet();
    if (this.activeIndex === undefined) {
      const selected = this.selectedConcept;
      const vs = this.currentValueSet;
      this.activeIndex = selected && vs ? vs.concepts.indexOf(selected) : undefined;
    }
  }

  private closeList(): void {
    this.open = false;
    this.activeIndex = undefined;
  }

  private select(item: IndexedConcept | undefined): void {
    const code = item?.concept.code ?? '';
    const system = item?.concept.codeSystem ?? '';
    const changed = code !== this.value || system !== this.codeSystem;
    this.value = code;
    this.codeSystem = system;
    this.searchText = undefined;
    this.closeList();
    this.valueChanged();
    if (changed) {
      this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    }
  }

  private moveActive(visible: readonly IndexedConcept[], to: 'next' | 'previous' | 'first' | 'last' | number): void {
    if (visible.length === 0) return;
    const current = visible.findIndex((item) => item.index === this.activeIndex);
    let position: number;
    if (to === 'first') position = 0;
    else if (to === 'last') position = visible.length - 1;
    else if (to === 'next') position = current < 0 ? 0 : Math.min(current + 1, visible.length - 1);
    else if (to === 'previous') position = current < 0 ? visible.length - 1 : Math.max(current - 1, 0);
    else position = Math.max(0, Math.min((current < 0 ? 0 : current) + to, visible.length - 1));
    this.activeIndex = visible[position]!.index;
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (this.isDisabled || this.readonly) return;
    const visible = this.open ? this.filteredConcepts().slice(0, this.maxOptions) : [];
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!this.open) {
          this.openList();
          if (!event.altKey && this.activeIndex === undefined) void this.ensureValueSet().then(() => this.moveActive(this.filteredConcepts().slice(0, this.maxOptions), 'first'));
        } else this.moveActive(visible, 'next');
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!this.open) {
          this.openList();
          void this.ensureValueSet().then(() => this.moveActive(this.filteredConcepts().slice(0, this.maxOptions), 'last'));
        } else this.moveActive(visible, 'previous');
        break;
      case 'PageDown':
        if (this.open) {
          event.preventDefault();
          this.moveActive(visible, 10);
        }
        break;
      case 'PageUp':
        if (this.open) {
          event.preventDefault();
          this.moveActive(visible, -10);
        }
        break;
      case 'Home':
        if (this.open) {
          event.preventDefault();
          this.moveActive(visible, 'first');
        }
        break;
      case 'End':
        if (this.open) {
          event.preventDefault();
          this.moveActive(visible, 'last');
        }
        break;
      case 'Enter':
        if (this.open) {
          // Never submit the surrounding form while choosing.
          event.preventDefault();
          const active = visible.find((item) => item.index === this.activeIndex);
          if (active) this.select(active);
          else this.closeList();
        }
        break;
      case 'Escape':
        if (this.open || this.searchText !== undefined) {
          event.preventDefault();
          // Escape never loses the selection: it drops the search and closes the list.
          event.stopPropagation();
          this.searchText = undefined;
          this.closeList();
        }
        break;
      default:
        break;
    }
  }

  private onInput(event: Event): void {
    // The inner field's `input` is composed and would leave the shadow root: this element's
    // own `input` event means "the value changed", which typing a search does not.
    event.stopPropagation();
    this.searchText = (event.target as HTMLInputElement).value;
    this.open = true;
    void this.ensureValueSet().then(() => {
      // Type-ahead: the best match becomes active, Enter takes it.
      const first = this.filteredConcepts()[0];
      this.activeIndex = first?.index;
    });
  }

  private onBlur(): void {
    if (this.searchText !== undefined) {
      const text = this.searchText;
      const results = this.filteredConcepts();
      if (text.trim() === '') {
        if (this.value) this.select(undefined);
      } else {
        // Leaving a field whose text is exactly a code or a label, or matches one concept only,
        // keeps that concept (Tab after « docetax » takes the one match); anything else goes
        // back to the current selection (never a silent half-typed value).
        // No search loaded yet means no results: the text goes on as unmatched, never lost.
        const folded = vocabularyChunk.value?.foldForSearch(text);
        const exact = results.find((r) => r.foldedCode === folded || r.foldedLabel === folded) ?? (results.length === 1 ? results[0] : undefined);
        if (exact) this.select(exact);
        // Text naming no concept is not thrown away: the enclosing form may keep it as free text.
        else this.dispatchEvent(new DccUnmatchedTextEvent({ text: text.trim() }));
      }
    }
    this.searchText = undefined;
    this.closeList();
    this.markInteracted();
  }

  private onExpandIconDown(event: MouseEvent): void {
    // Keep the focus in the field.
    event.preventDefault();
    if (this.open) this.closeList();
    else {
      this.inputElement?.focus();
      this.openList();
    }
  }

  /** Text of the elements named by the host's `aria-describedby`, looked up in the host's tree. */
  private hostDescription(): string {
    if (!this.hostDescribedBy) return '';
    const root = this.getRootNode() as Document | ShadowRoot;
    if (typeof root.getElementById !== 'function') return '';
    return this.hostDescribedBy
      .split(/\s+/)
      .map((id) => root.getElementById(id)?.textContent?.replace(/\s+/g, ' ').trim() ?? '')
      .filter(Boolean)
      .join(' ');
  }

  protected override firstUpdated(): void {
    // Conventions: a field without a label is a bug of the page; say so while developing.
    if (!this.label && !this.hasAttribute('aria-label')) console.warn('<dcc-code-picker> has no label: set its `label` attribute (accessibility).');
  }

  // ---- rendering --------------------------------------------------------------------------
  private renderOption(item: IndexedConcept, selected: ValueSetConcept | undefined): TemplateResult {
    const active = item.index === this.activeIndex;
    const isSelected = item.concept === selected;
    const parts = ['option', active ? 'active' : '', isSelected ? 'selected' : ''].filter(Boolean).join(' ');
    return html`<li
      role="option"
      id=${this.optionId(item.index)}
      part=${parts}
      aria-selected=${isSelected ? 'true' : 'false'}
      @click=${() => this.select(item)}
    >
      <span part="option-label">${item.concept.displayName}</span>
      <span part="option-code"><span class="visually-hidden">${this.localize.term('dccCodePicker.code')} </span>${item.concept.code}</span>
    </li>`;
  }

  protected override render(): TemplateResult {
    const selected = this.selectedConcept;
    const results = this.open ? this.filteredConcepts() : [];
    const visible = results.slice(0, this.maxOptions);
    const listShown = this.open && visible.length > 0;
    const showError = this.interacted && !this.validity.valid;
    const hostDescription = this.hostDescription();
    const invalid = showError || this.hostInvalid === 'true';
    const inputText = this.searchText ?? (selected ? selected.displayName : this.value);
    const describedBy = [this.help ? `${this.idPrefix}-help` : '', showError ? `${this.idPrefix}-error` : '', hostDescription ? `${this.idPrefix}-host-description` : '']
      .filter(Boolean)
      .join(' ');
    const loadingText = this.open && (!this.currentValueSet || !vocabularyChunk.value) && !this.loadError ? this.localize.term('loading') : '';
    let status = '';
    // A concept clinicians look for that the national value set lacks: say so, and the free-text path.
    const absent = this.open && this.currentValueSet && this.searchText ? vocabularyChunk.value?.absentConceptIn(this.currentValueSet, this.searchText) : undefined;
    if (this.loadError) status = this.localize.term('dccCodePicker.loadFailed');
    else if (this.open && this.currentValueSet) {
      status =
        results.length === 0
          ? this.localize.term('noResults')
          : results.length > visible.length
            ? this.localize.term('dccCodePicker.moreResults', visible.length, results.length)
            : this.localize.term('resultsCount', results.length);
      if (absent) status = `${status} ${absent.note}`;
    }
    return html`<div part="form-control">
      <label part="label" id="${this.idPrefix}-label" for="${this.idPrefix}-input"
        >${this.label}${this.required ? html`<span class="required-mark" aria-hidden="true">*</span>` : nothing}</label
      >
      <div part="combobox">
        <input
          part="input"
          id="${this.idPrefix}-input"
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-expanded=${listShown ? 'true' : 'false'}
          aria-controls="${this.idPrefix}-listbox"
          aria-activedescendant=${listShown && this.activeIndex !== undefined && visible.some((v) => v.index === this.activeIndex) ? this.optionId(this.activeIndex) : nothing}
          aria-describedby=${describedBy || nothing}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-required=${this.required ? 'true' : 'false'}
          placeholder=${this.placeholder || nothing}
          .value=${inputText}
          ?disabled=${this.isDisabled}
          ?readonly=${this.readonly}
          @keydown=${this.onKeyDown}
          @input=${this.onInput}
          @change=${(e: Event) => e.stopPropagation()}
          @blur=${this.onBlur}
          @click=${() => (this.open ? undefined : this.openList())}
        />
        ${selected && this.searchText === undefined
          ? html`<span part="selected-code"><span class="visually-hidden">${this.localize.term('dccCodePicker.code')} </span>${selected.code}</span>`
          : nothing}
        ${this.isDisabled || this.readonly
          ? nothing
          : html`<span part="expand-icon" aria-hidden="true" title=${this.localize.term('dccCodePicker.showOptions')} @mousedown=${this.onExpandIconDown}>▾</span>`}
      </div>
      <ul
        part="listbox"
        id="${this.idPrefix}-listbox"
        role="listbox"
        aria-labelledby="${this.idPrefix}-label"
        ?hidden=${!listShown}
        @mousedown=${(e: MouseEvent) => e.preventDefault()}
      >
        ${listShown ? visible.map((item) => this.renderOption(item, selected)) : nothing}
      </ul>
      <div class="status" role="status" aria-live="polite">${loadingText || status}</div>
      ${absent ? html`<div part="note" aria-hidden="true">${absent.note}</div>` : nothing}
      ${this.help ? html`<div part="help" id="${this.idPrefix}-help">${this.help}</div>` : nothing}
      ${showError ? html`<div part="error" id="${this.idPrefix}-error">${this.validationMessage}</div>` : nothing}
      ${hostDescription ? html`<span class="visually-hidden" id="${this.idPrefix}-host-description">${hostDescription}</span>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dcc-code-picker': DccCodePicker;
  }
}
