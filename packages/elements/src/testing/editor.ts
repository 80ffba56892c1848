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
