/**
 * How many keys a clinician presses to write a document with the keyboard only (issue 13: the
 * RCP ≤ 700, the PPS ≤ 400 once it starts from its RCP). The editor `<tag>` sits in a
 * `<dcc-provider>` giving the document's patient, author and custodian (the host's context,
 * never typed); the editor starts from `start` (empty: a document written from scratch; a
 * PPS started from its RCP once `startFrom…` exists) and every other field of `model` is
 * typed by `fillByKeyboard`, then Enter on the submit button. Resolves with the keys and the
 * submitted model and CDA; rejects with the model issues when the editor refuses it.
 */
import { html, unsafeStatic } from 'lit/static-html.js';
import { fixture } from './fixture.js';
import { fillByKeyboard } from './keyboard-fill.js';
import { testRunnerKeys } from './keyboard-fill-scenario.js';
import type { DccInvalidEvent, DccSubmitEvent } from '../events.js';

export interface KeyCount {
  readonly keys: number;
  readonly steps: number;
  readonly model: unknown;
  readonly xml: string;
}

type Model = Record<string, unknown>;

export async function countKeyboardKeys(tag: 'pps-editor' | 'rcp-form', model: Model, options: { start?: Model } = {}): Promise<KeyCount> {
  const { patient, author, custodian, ...typed } = model;
  const editorTag = unsafeStatic(tag);
  const provider = await fixture<HTMLElement>(html`<dcc-provider .patient=${patient} .author=${author} .organization=${custodian}>
    <button id="before">before</button>
    <${editorTag} .value=${options.start ?? {}}></${editorTag}>
  </dcc-provider>`);
  const editor = provider.querySelector(tag) as HTMLElement & { value: Model; updateComplete: Promise<unknown> };
  // The editor's answer to Enter on its submit button: an event, waited for (no polling).
  const answer = new Promise<DccSubmitEvent['detail']>((resolve, reject) => {
    editor.addEventListener('dcc-submit', (e) => resolve((e as DccSubmitEvent).detail), { once: true });
    editor.addEventListener(
      'dcc-invalid',
      (e) => reject(new Error(`the editor refused the document: ${(e as DccInvalidEvent).detail.issues.map((i) => `${i.path} ${i.code}`).join('; ')}`)),
      { once: true },
    );
  });
  (provider.querySelector('#before') as HTMLButtonElement).focus();
  const report = await fillByKeyboard(editor, typed, { keys: testRunnerKeys });
  if (!report.submitted) throw new Error('keyboard count: the submit button was never reached');
  const { model: submitted, xml } = await answer;
  return { keys: report.keys, steps: report.steps, model: submitted, xml };
}
