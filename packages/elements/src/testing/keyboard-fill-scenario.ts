/**
 * The keyboard-only scenario of an editor in @web/test-runner: the test runner's key driver
 * (`sendKeys`) and `expectKeyboardFillSubmits`, which types a whole example with
 * fillByKeyboard (keyboard-fill.ts) and checks the submitted model and CDA.
 */
import { sendKeys } from '@web/test-runner-commands';
import { html, unsafeStatic } from 'lit/static-html.js';
import { fixture } from './fixture.js';
import { assert } from './assert.js';
import { loadExampleJson } from './examples.js';
import { expectCdaConformant } from './conformance.js';
import type { DccInvalidEvent, DccSubmitEvent } from '../events.js';
import { comparable, fillByKeyboard, type EditorLike, type KeyDriver } from './keyboard-fill.js';

/** The test runner's driver: `sendKeys` of @web/test-runner-commands (CDP key events in Chromium). */
export const testRunnerKeys: KeyDriver = {
  press: (key) => sendKeys({ press: key }),
  // In pieces: one command per long text can outlast the runner's 20 s answer limit on a loaded machine.
  type: async (text) => {
    for (let i = 0; i < text.length; i += 24) await sendKeys({ type: text.slice(i, i + 24) });
  },
  down: (key) => sendKeys({ down: key }),
  up: (key) => sendKeys({ up: key }),
};

/**
 * The whole keyboard-only scenario of an editor: `<tag>` inside a `<dcc-provider>` giving the
 * example's patient, author and custodian; every other field of the example is typed with
 * fillByKeyboard from a button before the editor; Enter on the submit button must give
 * `dcc-submit` with the example's model and a CDA passing the xsd and volet layers.
 */
export async function expectKeyboardFillSubmits(tag: 'pps-editor' | 'rcp-form', volet: 'pps' | 'frcp', exampleFile: string): Promise<void> {
  const example = await loadExampleJson<Record<string, unknown>>(volet, exampleFile);
  const { patient, author, custodian, ...typed } = example;
  const editorTag = unsafeStatic(tag);
  const provider = await fixture<HTMLElement>(html`<dcc-provider .patient=${patient} .author=${author} .organization=${custodian}>
    <button id="before">before</button>
    <${editorTag}></${editorTag}>
  </dcc-provider>`);
  const editor = provider.querySelector(tag) as EditorLike;
  let submitted: DccSubmitEvent['detail'] | undefined;
  let invalid: readonly { path: string; code: string }[] | undefined;
  editor.addEventListener('dcc-submit', (e) => (submitted = (e as DccSubmitEvent).detail));
  editor.addEventListener('dcc-invalid', (e) => (invalid = (e as DccInvalidEvent).detail.issues));
  (provider.querySelector('#before') as HTMLButtonElement).focus();
  const started = performance.now();
  const report = await fillByKeyboard(editor, typed, { keys: testRunnerKeys });
  console.log(`keyboard fill: ${report.keys} keys, ${report.steps} steps, ${Math.round((performance.now() - started) / 1000)} s`);
  assert.ok(report.submitted);
  for (let i = 0; i < 200 && !submitted && !invalid; i++) await new Promise((r) => setTimeout(r, 50));
  if (invalid) {
    const got = comparable(editor.value) as Record<string, unknown>;
    const want = comparable(example) as Record<string, unknown>;
    const differing = Object.keys(want).filter((k) => JSON.stringify(got[k]) !== JSON.stringify(want[k]));
    assert.fail(`dcc-invalid: ${invalid.map((i) => `${i.path} ${i.code}`).join('; ')} — differing keys: ${differing.map((k) => `${k}: ${JSON.stringify(got[k])?.slice(0, 300)} vs ${JSON.stringify(want[k])?.slice(0, 300)}`).join(' | ')}`);
  }
  assert.ok(submitted, 'dcc-submit was fired after Enter on the submit button');
  assert.deepEqual(comparable(submitted.model), comparable(example));
  await expectCdaConformant(submitted.xml, volet);
}
