// Loaded in a probe page (see @dcc-kit/elements/testing openProbePage) by
// pps-editor.data-safety.browser-test.ts: a real <pps-editor> typed into, then the page really
// reloaded, then a new editor of the same patient reads what came back.
import './pps-editor.js';
import type { DccSession } from '@dcc-kit/elements';
import type { PpsEditor } from './pps-editor.component.js';

async function mount(session: DccSession, model: object): Promise<PpsEditor> {
  const editor = document.createElement('pps-editor') as PpsEditor;
  editor.lang = 'fr';
  editor.session = session;
  editor.value = model;
  document.body.append(editor);
  // A background page gets no animation frames (the progressive render waits for one): render every section now.
  await editor.updateComplete;
  await editor.focusPath('patientComment');
  await editor.draftsComplete;
  await editor.updateComplete;
  return editor;
}

const commentInput = (editor: PpsEditor) => editor.shadowRoot!.querySelector<HTMLInputElement>('[data-path="patientComment"][data-kind]')!;

/** Types `text` at the end of the patient comment (as the keyboard would: value, then `input`). Answers true (a command answering nothing is "unknown"). */
export async function typeInNewPps(session: DccSession, model: object, text: string): Promise<boolean> {
  const input = commentInput(await mount(session, model));
  input.value += text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  return true;
}

/** The patient comment and the banner of a new editor of the same document. */
export async function openNewPps(session: DccSession, model: object): Promise<{ comment: string; banner: string }> {
  const editor = await mount(session, model);
  return { comment: commentInput(editor).value, banner: editor.shadowRoot!.querySelector('[part~="banner"]')?.textContent?.trim() ?? '' };
}

/**
 * `afterMs` after the typing, makes the page behave as a page being left may: no asynchronous
 * work it starts from now on completes (WebCrypto never answers; a browser does not promise to
 * run a leaving document's later tasks). What `pagehide` writes must then need none of it.
 */
export async function stopAsyncWorkAfter(afterMs: number): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  const never = () => new Promise<never>(() => undefined);
  for (const method of ['encrypt', 'decrypt', 'digest', 'deriveKey', 'importKey'] as const) Object.defineProperty(crypto.subtle, method, { value: never, configurable: true });
  return true;
}

/**
 * Types `text` at the end of the patient comment, then reloads this page for real `afterMs`
 * later, timed in the page itself (no runner round trip in between): the debounced save
 * (800 ms) cannot have started, so only the `pagehide` flush can keep what was typed.
 */
export async function typeThenReload(session: DccSession, model: object, text: string, afterMs: number): Promise<boolean> {
  await typeInNewPps(session, model, text);
  (window as { dccProbeLeaving?: boolean }).dccProbeLeaving = true;
  setTimeout(() => location.reload(), afterMs);
  return true;
}

/** True once the page is a new document (the one `typeThenReload` left is gone) and loaded. */
export function reloaded(): boolean {
  return (window as { dccProbeLeaving?: boolean }).dccProbeLeaving !== true && document.readyState === 'complete';
}
