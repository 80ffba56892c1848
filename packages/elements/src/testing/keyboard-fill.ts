/**
 * Test support (browser tests only): fills a schema-form editor to reach a target model with
 * the keyboard alone — Tab to move, typing, arrows on selects and pickers, Space on
 * checkboxes, Enter on "add" buttons and on the submit button. The driver only READS the page
 * (which control has focus, what the editor's value is) to decide the next keys; every change
 * goes through a KeyDriver, i.e. real key events in Chromium (`sendKeys` of the test runner, or
 * puppeteer's keyboard in an end-to-end page). This module imports nothing of the test runner,
 * so a page served by a bundler's dev server (the demo) can load it.
 */
import { getAt, parsePath, type Path } from '../form/schema.js';
import { precisionOf } from '../form/dates.js';
import { dateText } from '../form/date-text.js';

export interface EditorLike extends HTMLElement {
  readonly value: Record<string, unknown>;
  readonly updateComplete: Promise<unknown>;
}

/**
 * Where the real key events come from: in @web/test-runner `testRunnerKeys` (`sendKeys`, CDP
 * key events in Chromium); a page driven by puppeteer passes its own (`page.keyboard` reached
 * through `page.exposeFunction`), so end-to-end tests type with the same driver.
 */
export interface KeyDriver {
  /** Presses and releases one key (`'Tab'`, `'Enter'`, `'ArrowDown'`, `'a'`…). */
  press(key: string): Promise<void>;
  /** Types text, a key per character (`\n` as Enter). */
  type(text: string): Promise<void>;
  /** Holds a modifier (`'Control'`) down until `up`. */
  down(key: string): Promise<void>;
  up(key: string): Promise<void>;
}

export interface FillOptions {
  maxSteps?: number;
  progress?: (step: number, path: string) => void;
  trace?: (line: string) => void;
  /** The key events' source: `testRunnerKeys` (keyboard-fill-scenario.ts) in @web/test-runner. */
  keys: KeyDriver;
  /** `false`: stop with focus on the submit button instead of pressing Enter on it (the host submits). */
  submit?: boolean;
}

export interface FillReport {
  keys: number;
  steps: number;
  submitted: boolean;
  /** Keys by the path of the control that had focus when they were pressed (`''`: outside the editor's fields). */
  byPath: Record<string, number>;
}

/** The focused element, looking through open shadow roots. */
export function deepActiveElement(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** The editor control (carrying data-path/data-kind or data-action) that holds focus. */
function focusedControl(editor: EditorLike): HTMLElement | null {
  let el = deepActiveElement() as HTMLElement | null;
  while (el) {
    if (el.getRootNode() === editor.shadowRoot && (el.dataset.kind !== undefined || el.dataset.action !== undefined)) return el;
    const root = el.getRootNode();
    el = root instanceof ShadowRoot ? (root.host as HTMLElement) : null;
    if (el === editor) return null;
  }
  return null;
}

const DATE_ORDER = (() => {
  const parts = new Intl.DateTimeFormat(navigator.language, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(2024, 5, 14));
  return parts.filter((p) => p.type === 'day' || p.type === 'month' || p.type === 'year').map((p) => p.type);
})();
const HOUR12 = new Intl.DateTimeFormat(navigator.language, { hour: 'numeric' }).resolvedOptions().hour12 === true;

/** Keys to type a YYYY-MM-DD date into Chromium's <input type=date> in the browser's locale. */
function dateKeys(date: string): string {
  const [y, m, d] = date.split('-') as [string, string, string];
  return DATE_ORDER.map((t) => (t === 'year' ? y : t === 'month' ? m : d)).join('');
}
function timeKeys(time: string): string {
  const [hh, mm] = time.split(':') as [string, string];
  if (!HOUR12) return `${hh}${mm}`;
  const h = Number(hh);
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${String(h12).padStart(2, '0')}${mm}${h < 12 ? 'A' : 'P'}`;
}

const sameScalar = (a: unknown, b: unknown) => a === b || (a !== undefined && b !== undefined && String(a) === String(b));

/**
 * Drives the editor until its value reaches `target` (the keys the host does not give through
 * context), then presses Enter on the submit button. Focus must start before the editor.
 */
export async function fillByKeyboard(
  editor: EditorLike,
  target: Record<string, unknown>,
  options: FillOptions,
): Promise<FillReport> {
  const maxSteps = options.maxSteps ?? 20_000;
  const driver = options.keys;
  let keys = 0;
  const byPath: Record<string, number> = {};
  let at = '';
  const count = (n: number) => {
    keys += n;
    byPath[at] = (byPath[at] ?? 0) + n;
  };
  const timing = { press: 0, type: 0, settle: 0, value: 0 };
  const press = async (key: string) => {
    count(1);
    const t = performance.now();
    await driver.press(key);
    timing.press += performance.now() - t;
  };
  const type = async (text: string) => {
    count(text.length);
    const t = performance.now();
    // Line breaks of free text are typed with Enter (sendKeys types "\n" as Enter).
    await driver.type(text);
    timing.type += performance.now() - t;
  };
  const settle = async () => {
    const t = performance.now();
    await editor.updateComplete;
    timing.settle += performance.now() - t;
  };
  const current = (path: Path) => {
    const t = performance.now();
    const v = getAt(editor.value, path);
    timing.value += performance.now() - t;
    return v;
  };

  /**
   * After typing into a one-line field of a list's last item: when that item is now as the
   * target wants it and the target's list is longer, Enter adds the next item (the editor's
   * « repeatable items added with Enter », focus moving into it) instead of Tabs to « Ajouter ».
   */
  const addedNextWithEnter = async (control: HTMLElement, path: Path): Promise<boolean> => {
    if (!(control instanceof HTMLInputElement) || control.type === 'checkbox') return false;
    let at = path.length - 1;
    while (at >= 0 && typeof path[at] !== 'number') at--;
    if (at < 0) return false;
    const listPath = path.slice(0, at);
    const itemPath = path.slice(0, at + 1);
    const have = current(listPath);
    const want = getAt(target, listPath);
    if (!Array.isArray(have) || !Array.isArray(want) || path[at] !== have.length - 1 || want.length <= have.length) return false;
    if (JSON.stringify(comparable(getAt(target, itemPath))) !== JSON.stringify(comparable(current(itemPath)))) return false;
    await press('Enter');
    await settle();
    return true;
  };

  // Enter the editor from the page.
  let steps = 0;
  let lastWithoutControl = 0;
  while (steps++ < maxSteps) {
    const control = focusedControl(editor);
    at = control?.dataset.path ?? '';
    if (!control) {
      if (++lastWithoutControl > 50) throw new Error('keyboard fill: focus never reached the editor');
      await press('Tab');
      continue;
    }
    lastWithoutControl = 0;
    const action = control.dataset.action;
    const kind = control.dataset.kind ?? '';
    const pathText = control.dataset.path ?? '';
    const path = parsePath(pathText);
    const wanted = getAt(target, path);
    options.trace?.(`${steps} ${action ?? kind} ${pathText} ${JSON.stringify(wanted)?.slice(0, 40)}`);
    if (steps % 100 === 0) options.progress?.(steps, `${pathText} ${JSON.stringify(timing, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v) : v))}`);

    if (action === 'submit') {
      if (options.submit === false) return { keys, steps, submitted: false, byPath };
      await press('Enter');
      return { keys, steps, submitted: true, byPath };
    }
    if (action === 'add-item') {
      const list = control.parentElement?.querySelector(':scope > ol.items');
      const have = list?.children.length ?? 0;
      if (Array.isArray(wanted) && wanted.length > have) {
        await press('Enter');
        await settle();
        continue;
      }
      await press('Tab');
      continue;
    }
    if (action === 'add-object') {
      if (wanted !== undefined && current(path) === undefined) {
        await press('Enter');
        await settle();
        continue;
      }
      await press('Tab');
      continue;
    }
    if (action === 'details') {
      // « Plus de détails »: opened (Enter) only when the target fills one of the fields inside.
      const details = control.closest('details');
      const inside = [...(details?.querySelectorAll<HTMLElement>('[data-path]') ?? [])].map((el) => el.dataset.path ?? '');
      if (details && !details.open && inside.some((p) => getAt(target, parsePath(p)) !== undefined)) {
        await press('Enter');
        await settle();
        continue;
      }
      await press('Tab');
      continue;
    }
    if (action === 'unfold-item') {
      // A folded item: opened (Enter) only when the target says something else of it.
      if (wanted !== undefined && JSON.stringify(comparable(wanted)) !== JSON.stringify(comparable(current(path)))) {
        await press('Enter');
        await settle();
        continue;
      }
      await press('Tab');
      continue;
    }
    if (action === 'edit-given') {
      // Fields the establishment gives: shown (Enter on « Modifier ») only when the target says otherwise.
      const paths = (control.dataset.paths ?? '').split(' ').filter(Boolean).map(parsePath);
      if (paths.some((p) => getAt(target, p) !== undefined && JSON.stringify(comparable(getAt(target, p))) !== JSON.stringify(comparable(current(p))))) {
        await press('Enter');
        await settle();
        continue;
      }
      await press('Tab');
      continue;
    }
    if (action !== undefined) {
      await press('Tab');
      continue;
    }
    const have = current(path);
    switch (kind) {
      case 'text':
      case 'textarea':
      case 'number':
      case 'integer':
      case 'year':
      case 'month': {
        if (wanted !== undefined && !sameScalar(have, wanted)) {
          const input = control as HTMLInputElement;
          if (input.value !== '') {
            await driver.down('Control');
            await press('a');
            await driver.up('Control');
            await press('Backspace');
          }
          await type(String(wanted));
          await settle();
          if (await addedNextWithEnter(control, path)) continue;
        }
        break;
      }
      case 'enum':
      case 'bool':
      case 'precision': {
        const select = control as HTMLSelectElement;
        let value: string | undefined;
        if (kind === 'precision') value = typeof wanted === 'string' ? precisionOf(wanted, 'day') : undefined;
        else value = wanted === undefined ? undefined : String(wanted);
        if (value !== undefined) {
          const index = [...select.options].findIndex((o) => o.value === value);
          if (index < 0) throw new Error(`keyboard fill: no option ${value} at ${pathText}`);
          const delta = index - select.selectedIndex;
          for (let i = 0; i < Math.abs(delta); i++) await press(delta > 0 ? 'ArrowDown' : 'ArrowUp');
          await settle();
        }
        break;
      }
      case 'checkbox': {
        const box = control as HTMLInputElement;
        if (typeof wanted === 'boolean' && box.checked !== wanted) {
          await press('Space');
          await settle();
        }
        break;
      }
      case 'candidate': {
        // Items offered for a list (one Tab stop, arrows between them): Space on each the target's list holds, and only those.
        const group = [...(control.closest('fieldset')?.querySelectorAll<HTMLInputElement & { dccCandidate?: unknown }>('input[data-kind="candidate"]') ?? [])];
        const wantedItems = Array.isArray(wanted) ? wanted.map((w) => JSON.stringify(comparable(w))) : [];
        let i = group.indexOf(control as HTMLInputElement);
        for (let j = 0; j < group.length; j++) {
          const box = group[j]!;
          if (wantedItems.includes(JSON.stringify(comparable(box.dccCandidate))) === box.checked) continue;
          for (; i < j; i++) await press('ArrowDown');
          for (; i > j; i--) await press('ArrowUp');
          await press('Space');
          await settle();
        }
        break;
      }
      case 'date-text': {
        // One text field per date: « 12/03/2026 », « 03/2026 », « 2026 » (« … 14:30 » for an instant).
        const text = typeof wanted === 'string' ? dateText(wanted) : undefined;
        const input = control as HTMLInputElement;
        if (text && !sameScalar(have, wanted) && input.value !== text) {
          if (input.value !== '') {
            await driver.down('Control');
            await press('a');
            await driver.up('Control');
            await press('Backspace');
          }
          await type(text);
          await settle();
          if (await addedNextWithEnter(control, path)) continue;
        }
        break;
      }
      case 'date':
      case 'dt-date': {
        const date = typeof wanted === 'string' ? wanted.slice(0, 10) : undefined;
        if (date && date.length === 10 && (control as HTMLInputElement).value !== date) {
          await type(dateKeys(date));
          await settle();
        }
        break;
      }
      case 'dt-time': {
        const m = typeof wanted === 'string' ? /T(\d{2}:\d{2})/.exec(wanted) : null;
        if (m && (control as HTMLInputElement).value.slice(0, 5) !== m[1]) {
          await type(timeKeys(m[1]!));
          await settle();
        }
        break;
      }
      case 'picker': {
        const code = (wanted as { code?: string } | undefined)?.code;
        const picker = control as HTMLElement & { value: string; updateComplete: Promise<unknown> };
        if (code && picker.value !== code) {
          if (picker.value) {
            // Another concept is there (e.g. the establishment's, after « Modifier »): select it and
            // type over it, as a clinician does.
            await driver.down('Control');
            await press('a');
            await driver.up('Control');
            await press('Backspace');
          }
          await type(code);
          await picker.updateComplete;
          // The value set is loaded on first use: wait for the options (at most 10 s).
          for (let i = 0; i < 200 && !picker.shadowRoot?.querySelector('[role="option"]'); i++) {
            await new Promise((r) => setTimeout(r, 50));
            await picker.updateComplete;
          }
          // The whole code typed names one concept: Tab takes it and moves on, as a clinician does.
          await press('Tab');
          await picker.updateComplete;
          await settle();
          if (picker.value !== code) throw new Error(`keyboard fill: picker did not take the code at ${pathText}`);
          continue;
        }
        break;
      }
      default:
        break;
    }
    await press('Tab');
  }
  throw new Error('keyboard fill: too many steps');
}

/** Drops the parts a keyboard cannot (and need not) reproduce: value-set display names, seconds of ":00". */
export function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'displayName' || k === 'codeSystem') continue;
      out[k] = comparable(v);
    }
    return out;
  }
  if (typeof value === 'string') return value.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}):00(?=[Z+-])/, '$1');
  return value;
}
