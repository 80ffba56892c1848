// Base class of every dcc-kit form control: native form association on ElementInternals
// (value in FormData under `name`, validity, reset, <fieldset disabled>, state restore),
// validators as data, and the `user-invalid` custom state which is set only once the user
// has left the control or tried to submit — never while they are still typing the first time.
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LocalizeController, type BaseStrings } from './localize.js';

/** The outcome of one validator. */
export interface ValidationResult {
  /** Validity flags that are set (empty when valid). */
  readonly invalidKeys: readonly (keyof ValidityStateFlags)[];
  /** Message in the current language (empty when valid). */
  readonly message: string;
}

/** A validator is data: which attributes re-trigger it, and a pure check of the element. */
export interface Validator<E extends DccFormAssociatedElement = DccFormAssociatedElement> {
  readonly observedAttributes?: readonly string[];
  check(element: E): ValidationResult;
}

const VALID: ValidationResult = { invalidKeys: [], message: '' };

/** `required` on a control whose value is empty → valueMissing. */
export const requiredValidator: Validator = {
  observedAttributes: ['required'],
  check(element) {
    if (!element.required || !element.isValueEmpty()) return VALID;
    return { invalidKeys: ['valueMissing'], message: element.localize.term('valueMissing') };
  },
};

/**
 * Form-associated custom element base. Subclasses implement `formValue()` (what goes into
 * FormData), `resetValue()` (back to the initial value), `restoreValue()` (browser
 * restore/autocomplete) and `isValueEmpty()`; they call `valueChanged()` after every user edit
 * and `markInteracted()` when the user leaves the control.
 *
 * @cssstate user-invalid - The value is invalid and the user has left the control or tried to submit.
 * @cssstate disabled - Disabled by the `disabled` property or an ancestor `<fieldset disabled>`.
 */
export abstract class DccFormAssociatedElement extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** Validators run on every change; subclasses extend the list. */
  static validators: readonly Validator[] = [requiredValidator];

  protected readonly internals: ElementInternals;
  readonly localize: LocalizeController<BaseStrings> = new LocalizeController<BaseStrings>(this);

  /** Name of the entry in the form's FormData. */
  @property({ reflect: true }) accessor name = '';
  /** Disables the control (it is then neither validated nor submitted). */
  @property({ type: Boolean, reflect: true }) accessor disabled = false;
  /** The control must have a value. */
  @property({ type: Boolean, reflect: true }) accessor required = false;
  /** Shows the value without letting the user change it (still submitted). */
  @property({ type: Boolean, reflect: true }) accessor readonly = false;

  /** Disabled by an ancestor `<fieldset disabled>` (formDisabledCallback). */
  @state() protected accessor formDisabled = false;
  /** The user left the control or tried to submit: errors may now be shown. */
  @state() protected accessor interacted = false;

  private customMessage = '';
  private validityKey: string | undefined;
  private readonly stateCache = new Map<string, boolean>();

  constructor() {
    super();
    this.internals = this.attachInternals();
    // A native submit (form.requestSubmit(), submit button) that finds this control invalid
    // fires `invalid` here: the errors must then be shown as after a blur.
    this.addEventListener('invalid', () => {
      if (this.ownCheck) return;
      this.markInteracted();
      this.nativeInvalid();
    });
  }

  /** True while our own checkValidity()/reportValidity() runs (its `invalid` event is not a native submit). */
  protected ownCheck = false;

  // ---- what subclasses provide -------------------------------------------------------------
  /** The value as submitted with the form. */
  protected abstract formValue(): File | string | FormData | null;
  /** Puts the control back to its initial value (form reset). */
  protected abstract resetValue(): void;
  /** Restores a value saved by the browser (back/forward navigation, autocomplete). */
  protected abstract restoreValue(state: string | File | FormData | null): void;
  /** True when there is no value (for `required`). */
  abstract isValueEmpty(): boolean;
  /** Element to focus when the form reports this control invalid. */
  protected validationAnchor(): HTMLElement | undefined {
    return undefined;
  }
  /** A native form submit found the control invalid (after `markInteracted()`); editors show their summary. */
  protected nativeInvalid(): void {}
  /**
   * What the browser keeps in session history for back/forward restore (`setFormValue`'s
   * state): by default the value itself; editors holding health data return a non-identifying
   * marker instead (the browser stores it unencrypted).
   */
  protected formState(value: File | string | FormData | null): File | string | FormData | null {
    return value;
  }
  /** Extra validity computed by the subclass (e.g. the model check of an editor). */
  protected extraValidity(): ValidationResult {
    return VALID;
  }

  // ---- native form API --------------------------------------------------------------------
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }
  get validity(): ValidityState {
    return this.internals.validity;
  }
  get validationMessage(): string {
    return this.internals.validationMessage;
  }
  get willValidate(): boolean {
    return this.internals.willValidate;
  }
  get labels(): NodeList {
    return this.internals.labels;
  }
  /** True when disabled by the property or by an ancestor fieldset. */
  get isDisabled(): boolean {
    return this.disabled || this.formDisabled;
  }

  checkValidity(): boolean {
    this.updateValidity();
    return this.ownValidityCall(() => this.internals.checkValidity());
  }

  /** Like the native method: shows the errors (sets user-invalid) and returns validity. */
  reportValidity(): boolean {
    this.updateValidity();
    this.markInteracted();
    return this.ownValidityCall(() => this.internals.reportValidity());
  }

  /** Runs a validity call of our own API (its `invalid` event is not a native submit). */
  protected ownValidityCall(run: () => boolean): boolean {
    const outer = this.ownCheck;
    this.ownCheck = true;
    try {
      return run();
    } finally {
      this.ownCheck = outer;
    }
  }

  setCustomValidity(message: string): void {
    this.customMessage = message;
    this.updateValidity();
  }

  formResetCallback(): void {
    this.resetValue();
    this.interacted = false;
    this.valueChanged();
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  formStateRestoreCallback(restored: string | File | FormData | null, _reason: 'restore' | 'autocomplete'): void {
    this.restoreValue(restored);
    this.valueChanged();
  }

  // ---- helpers for subclasses -------------------------------------------------------------
  /** Sends the value to the form and re-runs the validators. */
  protected valueChanged(): void {
    const value = this.formValue();
    this.internals.setFormValue(value, this.formState(value));
    this.updateValidity();
  }

  /** The user left the control or tried to submit. */
  markInteracted(): void {
    if (!this.interacted) this.interacted = true;
    this.syncStates();
  }

  /** Runs the validators (static list, custom message, subclass extra) into ElementInternals. */
  protected updateValidity(): void {
    const results: ValidationResult[] = [];
    if (!this.isDisabled) {
      for (const v of (this.constructor as typeof DccFormAssociatedElement).validators) results.push(v.check(this));
      results.push(this.extraValidity());
    }
    const flags: ValidityStateFlags = {};
    let message = '';
    for (const r of results)
      for (const key of r.invalidKeys) {
        flags[key] = true;
        message ||= r.message;
      }
    if (this.customMessage) {
      flags.customError = true;
      message ||= this.customMessage;
    }
    // Setting the same validity again would still invalidate :invalid styles of a large shadow tree.
    const key = `${Object.keys(flags).sort().join(',')}\u0000${message}`;
    if (key !== this.validityKey) {
      this.validityKey = key;
      if (message) this.internals.setValidity(flags, message, this.validationAnchor());
      else this.internals.setValidity({});
    }
    this.syncStates();
  }

  private syncStates(): void {
    this.toggleState('user-invalid', this.interacted && !this.internals.validity.valid);
    this.toggleState('disabled', this.isDisabled);
  }

  /** Sets or clears a custom state (`:state(name)`), tolerating browsers without CustomStateSet. */
  protected toggleState(name: string, on: boolean): void {
    if (this.stateCache.get(name) === on) return;
    this.stateCache.set(name, on);
    const states = (this.internals as ElementInternals & { states?: Set<string> }).states;
    if (!states) return;
    try {
      if (on) states.add(name);
      else states.delete(name);
    } catch {
      // Older Chromium only accepted "--name" states.
      if (on) states.add(`--${name}`);
      else states.delete(`--${name}`);
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.valueChanged();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const observed = new Set<string>(['disabled', 'formDisabled']);
    for (const v of (this.constructor as typeof DccFormAssociatedElement).validators)
      for (const a of v.observedAttributes ?? []) observed.add(a);
    for (const key of changed.keys()) if (typeof key === 'string' && observed.has(key)) {
      this.updateValidity();
      break;
    }
  }
}
