import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { realClock, TimerSlot, type Clock } from '../clock.js';
import { dccContext, type DccContextValue } from '../context.js';
import { LocalizeController, type BaseStrings } from '../localize.js';
import { registerDirectoryPickerStrings } from './strings.js';
import { visuallyHiddenStyles } from '../styles/tokens.js';
import { pickerStyles } from '../styles/picker.js';

/** One entry found: what the list shows, and the value the host fills its fields with. */
export interface DirectoryOption<V = unknown> {
  /** Stable key (e.g. a national identifier). */
  readonly key: string;
  /** Main line (e.g. « Dr Camille LEFORT »). */
  readonly label: string;
  /** Second line (e.g. specialty and structure). */
  readonly detail?: string;
  readonly value: V;
}

/**
 * Searches the directory for what the user typed. Rejects when the directory cannot answer
 * (the picker then says so and the user types the fields by hand); must stop on `signal`.
 */
export type DirectorySearch<V = unknown> = (text: string, signal: AbortSignal) => Promise<readonly DirectoryOption<V>[]>;

/** The user chose an entry: the host fills its fields from `detail.option.value`. */
export class DccDirectoryPickEvent<V = unknown> extends Event {
  static readonly type = 'dcc-directory-pick';
  constructor(readonly detail: { option: DirectoryOption<V> }) {
    super(DccDirectoryPickEvent.type, { bubbles: true, composed: true });
  }
}

/** The search failed (directory down, limited, not configured): manual entry is the way. */
export class DccDirectoryUnavailableEvent extends Event {
  static readonly type = 'dcc-directory-unavailable';
  constructor(readonly detail: { error: unknown }) {
    super(DccDirectoryUnavailableEvent.type, { bubbles: true, composed: true });
  }
}

/** Wait after the last keystroke before searching (ms, on the injectable clock). */
export const DIRECTORY_DEBOUNCE_MS = 300;

interface DirectoryStrings extends BaseStrings {
  'dccDirectoryPicker.searching': string;
  'dccDirectoryPicker.tooShort': (min: number) => string;
  'dccDirectoryPicker.none': string;
  'dccDirectoryPicker.unavailable': string;
  'dccDirectoryPicker.picked': (label: string) => string;
  'dccDirectoryPicker.findPractitioner': (what: string) => string;
  'dccDirectoryPicker.findOrganization': (what: string) => string;
}

// The texts are in their own module so that a form can register them without loading the element.
export { registerDirectoryPickerStrings };

type Status = 'idle' | 'short' | 'searching' | 'results' | 'none' | 'unavailable' | 'picked';

let idCounter = 0;

/**
 * @tag dcc-directory-picker
 * @summary Search-as-you-type in a directory (ARIA 1.2 combobox with a listbox), for filling a
 * group of fields from a chosen entry. Knows nothing of the directory: the host gives a
 * `search` function; a failed search turns into a message pointing at manual entry.
 * @status experimental
 * @since 0.2
 *
 * @event dcc-directory-pick - {DccDirectoryPickEvent} The user chose an entry; `detail.option`. Bubbles, composed.
 * @event dcc-directory-unavailable - {DccDirectoryUnavailableEvent} A search failed; `detail.error`. Bubbles, composed.
 *
 * @csspart form-control - The wrapper.
 * @csspart label - The label.
 * @csspart input - The search field (role `combobox`).
 * @csspart listbox - The list of entries found.
 * @csspart option - One entry (`option active` when active).
 * @csspart option-label - Main line of an entry.
 * @csspart option-detail - Second line of an entry.
 * @csspart status - The live message (searching, count, nothing found, unavailable).
 * @csspart help - The help text.
 *
 * @cssproperty --dcc-color-border - Field border. Default: #8a8f98.
 * @cssproperty --dcc-focus-ring - Focus outline. Default: 3px solid #1a73e8.
 * @cssproperty --dcc-color-option-active - Active entry background. Default: #dbeafe.
 * @cssproperty --dcc-color-warning - The "unavailable" message. Default: #8a4b00.
 */
export class DccDirectoryPicker extends LitElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = css`
    ${pickerStyles}
    [part='input'] {
      font: inherit;
      color: inherit;
      padding: 0.4rem 0.5rem;
      border: 1px solid var(--dcc-color-border, #8a8f98);
      border-radius: var(--dcc-radius, 4px);
      background: var(--dcc-color-background, #ffffff);
    }
    [part='input']:focus {
      outline: var(--dcc-focus-ring, 3px solid #1a73e8);
      outline-offset: 1px;
    }
    [part~='option'] {
      display: grid;
      padding: 0.3rem 0.5rem;
      cursor: pointer;
    }
    [part='option-detail'],
    [part='help'],
    [part='status'] {
      color: var(--dcc-color-muted, #50555c);
      font-size: 0.875em;
    }
    [part='status'].unavailable {
      color: var(--dcc-color-warning, #8a4b00);
    }
    ${visuallyHiddenStyles}
  `;

  /** Visible label of the search field. */
  @property() accessor label = '';
  /** Help text under the field. */
  @property() accessor help = '';
  @property() accessor placeholder = '';
  /** The search; without one the picker is not rendered (nothing to search). */
  @property({ attribute: false }) accessor search: DirectorySearch | undefined = undefined;
  /** Time source of the debounce (default: the `<dcc-provider>`'s, else the browser's). */
  @property({ attribute: false }) accessor clock: Clock | undefined = undefined;
  /** Characters needed before searching. */
  @property({ type: Number, attribute: 'min-length' }) accessor minLength = 2;
  @property({ type: Boolean, reflect: true }) accessor disabled = false;

  @consume({ context: dccContext, subscribe: true })
  @state()
  private accessor dcc: DccContextValue | undefined = undefined;

  @state() private accessor text = '';
  @state() private accessor status: Status = 'idle';
  @state() private accessor options: readonly DirectoryOption[] = [];
  @state() private accessor activeIndex = -1;
  @state() private accessor open = false;
  @state() private accessor pickedLabel = '';

  @query('input') private accessor inputElement!: HTMLInputElement | null;

  readonly localize = new LocalizeController<DirectoryStrings>(this);
  private readonly idPrefix = `dcc-directory-picker-${++idCounter}`;
  private readonly debounce = new TimerSlot();
  private inFlight: AbortController | undefined;

  constructor() {
    super();
    registerDirectoryPickerStrings();
  }

  /** What the status region says now (for tests and hosts). */
  get statusText(): string {
    switch (this.status) {
      case 'short':
        return this.localize.term('dccDirectoryPicker.tooShort', this.minLength);
      case 'searching':
        return this.localize.term('dccDirectoryPicker.searching');
      case 'results':
        return this.localize.term('resultsCount', this.options.length);
      case 'none':
        return this.localize.term('dccDirectoryPicker.none');
      case 'unavailable':
        return this.localize.term('dccDirectoryPicker.unavailable');
      case 'picked':
        return this.localize.term('dccDirectoryPicker.picked', this.pickedLabel);
      default:
        return '';
    }
  }

  override focus(options?: FocusOptions): void {
    this.inputElement?.focus(options);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.cancel();
  }

  private clockNow(): Clock {
    return this.clock ?? this.dcc?.clock ?? realClock;
  }

  /** Stops the pending debounce and the search in flight. */
  private cancel(): void {
    this.debounce.clear();
    this.inFlight?.abort();
    this.inFlight = undefined;
  }

  private onInput(event: Event): void {
    // Typing a search is not a value of the surrounding form.
    event.stopPropagation();
    this.text = (event.target as HTMLInputElement).value;
    this.cancel();
    this.activeIndex = -1;
    const query = this.text.trim();
    if (query === '') {
      this.status = 'idle';
      this.options = [];
      this.open = false;
      return;
    }
    if (query.length < this.minLength) {
      this.status = 'short';
      this.open = false;
      return;
    }
    this.debounce.set(this.clockNow(), () => void this.run(query), DIRECTORY_DEBOUNCE_MS);
  }

  private async run(query: string): Promise<void> {
    const search = this.search;
    if (!search) return;
    const controller = new AbortController();
    this.inFlight = controller;
    this.status = 'searching';
    try {
      const found = await search(query, controller.signal);
      if (controller.signal.aborted) return;
      this.options = found;
      this.status = found.length > 0 ? 'results' : 'none';
      this.open = found.length > 0;
      this.activeIndex = found.length > 0 ? 0 : -1;
    } catch (error) {
      if (controller.signal.aborted) return;
      this.options = [];
      this.open = false;
      this.status = 'unavailable';
      this.dispatchEvent(new DccDirectoryUnavailableEvent({ error }));
    } finally {
      if (this.inFlight === controller) this.inFlight = undefined;
    }
  }

  private choose(option: DirectoryOption | undefined): void {
    if (!option) return;
    this.cancel();
    this.open = false;
    this.options = [];
    this.pickedLabel = option.label;
    this.status = 'picked';
    this.text = '';
    this.dispatchEvent(new DccDirectoryPickEvent({ option }));
  }

  private onKeyDown(event: KeyboardEvent): void {
    const count = this.options.length;
    switch (event.key) {
      case 'ArrowDown':
        if (count === 0) return;
        event.preventDefault();
        this.open = true;
        this.activeIndex = Math.min(this.activeIndex + 1, count - 1);
        break;
      case 'ArrowUp':
        if (count === 0) return;
        event.preventDefault();
        this.open = true;
        this.activeIndex = this.activeIndex <= 0 ? count - 1 : this.activeIndex - 1;
        break;
      case 'Home':
      case 'End':
        if (!this.open || count === 0) return;
        event.preventDefault();
        this.activeIndex = event.key === 'Home' ? 0 : count - 1;
        break;
      case 'Enter':
        // Never submit the surrounding form while choosing.
        if (this.open || this.status === 'searching') event.preventDefault();
        if (this.open) this.choose(this.options[this.activeIndex]);
        break;
      case 'Escape':
        if (this.open || this.text !== '') {
          event.preventDefault();
          event.stopPropagation();
          this.cancel();
          this.open = false;
          this.text = '';
          this.options = [];
          this.status = 'idle';
        }
        break;
      default:
        break;
    }
  }

  private onBlur(): void {
    this.open = false;
  }

  private optionId(index: number): string {
    return `${this.idPrefix}-option-${index}`;
  }

  protected override updated(): void {
    if (this.open && this.activeIndex >= 0) this.renderRoot.querySelector(`#${this.optionId(this.activeIndex)}`)?.scrollIntoView({ block: 'nearest' });
  }

  protected override firstUpdated(): void {
    if (!this.label && !this.hasAttribute('aria-label')) console.warn('<dcc-directory-picker> has no label: set its `label` attribute (accessibility).');
  }

  protected override render(): TemplateResult | typeof nothing {
    if (!this.search) return nothing;
    const shown = this.open && this.options.length > 0;
    const describedBy = [`${this.idPrefix}-status`, this.help ? `${this.idPrefix}-help` : ''].filter(Boolean).join(' ');
    return html`<div part="form-control">
      <label part="label" id="${this.idPrefix}-label" for="${this.idPrefix}-input">${this.label}</label>
      <input
        part="input"
        id="${this.idPrefix}-input"
        type="search"
        role="combobox"
        autocomplete="off"
        spellcheck="false"
        aria-autocomplete="list"
        aria-expanded=${shown ? 'true' : 'false'}
        aria-controls="${this.idPrefix}-listbox"
        aria-activedescendant=${shown && this.activeIndex >= 0 ? this.optionId(this.activeIndex) : nothing}
        aria-describedby=${describedBy}
        aria-busy=${this.status === 'searching' ? 'true' : 'false'}
        placeholder=${this.placeholder || nothing}
        .value=${this.text}
        ?disabled=${this.disabled}
        @input=${this.onInput}
        @change=${(e: Event) => e.stopPropagation()}
        @keydown=${this.onKeyDown}
        @blur=${this.onBlur}
      />
      <ul part="listbox" id="${this.idPrefix}-listbox" role="listbox" aria-labelledby="${this.idPrefix}-label" ?hidden=${!shown} @mousedown=${(e: MouseEvent) => e.preventDefault()}>
        ${shown
          ? this.options.map(
              (option, i) => html`<li
                role="option"
                id=${this.optionId(i)}
                part=${i === this.activeIndex ? 'option active' : 'option'}
                aria-selected=${i === this.activeIndex ? 'true' : 'false'}
                @click=${() => this.choose(option)}
              >
                <span part="option-label">${option.label}</span>
                ${option.detail ? html`<span part="option-detail">${option.detail}</span>` : nothing}
              </li>`,
            )
          : nothing}
      </ul>
      <div part="status" id="${this.idPrefix}-status" class=${this.status} role="status" aria-live="polite">${this.statusText}</div>
      ${this.help ? html`<div part="help" id="${this.idPrefix}-help">${this.help}</div>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dcc-directory-picker': DccDirectoryPicker;
  }
  interface GlobalEventHandlersEventMap {
    'dcc-directory-pick': DccDirectoryPickEvent;
    'dcc-directory-unavailable': DccDirectoryUnavailableEvent;
  }
}
