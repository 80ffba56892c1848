// What an input or change event of a control writes into the model: the value of a text,
// number, select or checkbox by its `data-kind`; an instant once both its date and time are
// typed (the parts are kept meanwhile); a date converted to a newly chosen precision; a coding
// chosen in a picker. Pure reading of the control: the form writes.
import { convertPrecision, instantToLocal, localToInstant, type DatePrecision } from '../dates.js';
import { readDateText } from '../date-text.js';
import { getAt, parsePath, type Path } from '../schema.js';
import type { InstantParts, Model } from '../render/context.js';

export interface ControlWrite {
  readonly path: Path;
  readonly value: unknown;
  /** The control itself changes (another date input for another precision). */
  readonly rerender: boolean;
}

interface CodePickerLike extends HTMLElement {
  value: string;
  selectedConcept?: { code: string; codeSystem: string; displayName: string } | null;
}

function controlValue(el: HTMLElement, kind: string): unknown {
  const input = el as HTMLInputElement;
  const text = input.value;
  switch (kind) {
    case 'checkbox':
      return input.checked;
    case 'bool':
      return text === '' ? undefined : text === 'true';
    case 'number':
    case 'integer':
      return text === '' ? undefined : Number(text);
    default:
      return text === '' ? undefined : text;
  }
}

/** The write of an `input` event on a form control (undefined: not a model control). */
export function writeFromInput(
  el: HTMLElement,
  data: Model,
  precisions: Map<string, DatePrecision>,
  instantParts: Map<string, InstantParts>,
  dateTexts: Map<string, string> = new Map(),
): ControlWrite | undefined {
  const kind = el.dataset.kind;
  const pathText = el.dataset.path;
  if (!kind || pathText === undefined || kind === 'picker') return undefined;
  const path = parsePath(pathText);
  if (kind === 'date-text') {
    // The text stays as typed; the model gets what it means, or the text itself when it means
    // no date (the model check then reports the field by its path, never a silently moved date).
    const text = (el as HTMLInputElement).value;
    const reading = readDateText(text, { allowTime: el.dataset.time === 'true' });
    if (reading === undefined) {
      dateTexts.delete(pathText);
      return { path, value: undefined, rerender: false };
    }
    dateTexts.set(pathText, text);
    return { path, value: 'value' in reading ? reading.value : text.trim(), rerender: false };
  }
  if (kind === 'dt-date' || kind === 'dt-time') {
    const current = getAt(data, path);
    const local = instantToLocal(typeof current === 'string' ? current : undefined);
    const parts = instantParts.get(pathText) ?? { date: local.slice(0, 10), time: local.slice(11) };
    const text = (el as HTMLInputElement).value;
    const next = kind === 'dt-date' ? { ...parts, date: text } : { ...parts, time: text };
    instantParts.set(pathText, next);
    return { path, value: next.date && next.time ? localToInstant(`${next.date}T${next.time}`) : undefined, rerender: false };
  }
  if (kind === 'precision') {
    instantParts.delete(pathText);
    const precision = (el as HTMLSelectElement).value as DatePrecision;
    precisions.set(pathText, precision);
    const current = getAt(data, path);
    return { path, value: convertPrecision(typeof current === 'string' ? current : undefined, precision), rerender: true };
  }
  return { path, value: controlValue(el, kind), rerender: false };
}

/** The write of a `change` event of a code picker (undefined: nothing to write). */
export function writeFromPicker(el: HTMLElement, data: Model): ControlWrite | undefined {
  if (el.dataset.kind !== 'picker' || el.dataset.path === undefined) return undefined;
  const picker = el as CodePickerLike;
  const path = parsePath(el.dataset.path);
  const code = picker.value;
  if (!code) return { path, value: undefined, rerender: false };
  const concept = picker.selectedConcept;
  const previous = getAt(data, path) as { code?: string } | undefined;
  if (concept && concept.code === code) return { path, value: { code, codeSystem: concept.codeSystem, displayName: concept.displayName }, rerender: false };
  if (previous?.code !== code) return { path, value: { code }, rerender: false };
  return undefined;
}
