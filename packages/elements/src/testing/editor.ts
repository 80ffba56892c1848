// What every editor test (<pps-editor>, <rcp-form>, any DccSchemaForm) reads and waits for,
// written once: the control of a model path, and the editor's own completion promises
// instead of time.

/** The structure a schema form shows to a test (any `DccSchemaForm`). */
export interface EditorUnderTest extends HTMLElement {
  readonly updateComplete: Promise<boolean>;
  readonly validationComplete: Promise<void>;
  readonly renderComplete: Promise<void>;
}

/** The control (input, select, textarea, picker) of a model path, e.g. `patient.birthFamilyName`. */
export function editorControl(editor: EditorUnderTest, path: string): HTMLInputElement | null {
  return editor.shadowRoot!.querySelector<HTMLInputElement>(`[data-path="${path}"][data-kind]`);
}

/** The latest validation has run and its result is rendered. */
export async function editorValidated(editor: EditorUnderTest): Promise<void> {
  await editor.validationComplete;
  await editor.updateComplete;
}

/** Every section is rendered (the sections after the first follow the first paint). */
export async function editorRendered(editor: EditorUnderTest): Promise<void> {
  await editor.renderComplete;
  await editor.updateComplete;
}

/**
 * The model value at a dotted path with `[n]` indexes (`careNetwork.careTeam[0].professional`),
 * read independently of the form engine's own path code: what a test compares the engine to.
 */
export function modelValueAt(model: unknown, pathText: string): unknown {
  return pathText
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .reduce<unknown>((at, key) => (at === null || typeof at !== 'object' ? undefined : (at as Record<string, unknown>)[key]), model);
}

/** Nothing entered: undefined, null, '' or an object/array holding only such values. */
export const isEmptyModelValue = (v: unknown): boolean => v === undefined || v === null || v === '' || (typeof v === 'object' && Object.values(v as object).every(isEmptyModelValue));
