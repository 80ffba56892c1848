/**
 * How many keys a clinician presses to write a document with the keyboard only (issue 13: the
 * RCP ≤ 700, the PPS ≤ 400 once it starts from its RCP). The editor `<tag>` sits in a
 * `<dcc-provider>` giving the document's patient, author and custodian (the host's context,
 * never typed); the editor starts from `start` (empty: a document written from scratch; a
 * PPS started from its RCP once `startFrom…` exists) and every other field of `model` is
 * typed by `fillByKeyboard`, then Enter on the submit button. The host may also give the
 * establishment's identifiers (`establishment`, on the provider) and start the document itself
 * (`begin`, e.g. `editor.startFromRcp(frcp)`, which also offers the RCP's participants).
 * Resolves with the keys (also by field: `byPath`, `keysByField`) and the submitted model and
 * CDA; rejects with the model issues when the editor refuses it.
 */
import { html, unsafeStatic } from 'lit/static-html.js';
import { fixture } from './fixture.js';
import { fillByKeyboard } from './keyboard-fill.js';
import { testRunnerKeys } from './keyboard-fill-scenario.js';
import { validateCdaInNode } from './conformance.js';
import type { EstablishmentContext } from '@dcc-kit/cda/start';
import type { DccInvalidEvent, DccSubmitEvent } from '../events.js';

export interface KeyCount {
  readonly keys: number;
  readonly steps: number;
  /** Keys by the path of the focused control (see `keysByField` to group them). */
  readonly byPath: Readonly<Record<string, number>>;
  readonly model: unknown;
  readonly xml: string;
}

type Model = Record<string, unknown>;
type CountedEditor = HTMLElement & { value: Model; updateComplete: Promise<unknown>; renderComplete?: Promise<void> };

export interface KeyCountOptions {
  /** The model the editor starts from (default: empty, a document written from scratch). */
  readonly start?: Model;
  /** The establishment's identifiers the host gives once (`<dcc-provider>`'s `establishment`). */
  readonly establishment?: EstablishmentContext;
  /** What the host does before the clinician's first key, e.g. `editor.startFromRcp(frcp)`. */
  readonly begin?: (editor: CountedEditor) => unknown;
}

export async function countKeyboardKeys(tag: 'pps-editor' | 'rcp-form', model: Model, options: KeyCountOptions = {}): Promise<KeyCount> {
  // The conformance engine compiles the kit on its first document (seconds on a loaded machine,
  // more than a runner command may wait): it warms up while the keys are typed, its answer unused.
  void validateCdaInNode('<ClinicalDocument xmlns="urn:hl7-org:v3"/>', tag === 'pps-editor' ? 'pps' : 'frcp').catch(() => undefined);
  const { patient, author, custodian, ...typed } = model;
  const editorTag = unsafeStatic(tag);
  const provider = await fixture<HTMLElement>(html`<dcc-provider .patient=${patient} .author=${author} .organization=${custodian} .establishment=${options.establishment}>
    <button id="before">before</button>
    <${editorTag} .value=${options.start ?? {}}></${editorTag}>
  </dcc-provider>`);
  const editor = provider.querySelector(tag) as CountedEditor;
  if (options.begin) {
    await options.begin(editor);
    await editor.updateComplete;
  }
  await editor.renderComplete;
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
  return { keys: report.keys, steps: report.steps, byPath: report.byPath, model: submitted, xml };
}

/**
 * Keys grouped by the first `depth` named segments of their path (list indexes dropped:
 * `tumours[0].tnm.t` → `tumours.tnm` at depth 2), most keys first: where the keys go.
 */
export function keysByField(byPath: Readonly<Record<string, number>>, depth = 2): [string, number][] {
  const groups = new Map<string, number>();
  for (const [path, n] of Object.entries(byPath)) {
    const named = path.replace(/\[\d+\]/g, '').split('.').filter(Boolean).slice(0, depth).join('.') || '(outside the fields)';
    groups.set(named, (groups.get(named) ?? 0) + n);
  }
  return [...groups].sort((a, b) => b[1] - a[1]);
}
