// The chunks <pps-editor> loads after its eager bundle work at their first use in a fresh page:
// <dcc-code-picker> (a chunk requested with the editor's definition and awaited before the form's
// first render) takes focus and keystrokes right after that update, and a form shown in English
// is in English from its first render (the engine's and the model's English texts are chunks).
// Each test file runs in a page of its own, so these are the first uses.
import '@dcc-kit/elements/testing/mocha-globals.js';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { fixture, assert, loadExampleJson } from '@dcc-kit/elements/testing/index.js';
import './pps-editor.js';
import type { PpsEditor } from './pps-editor.component.js';

describe('<pps-editor> lazy chunks at first use', () => {
  it('has its code pickers defined, focusable and typing from the first update', async () => {
    const model = await loadExampleJson<Record<string, unknown>>('pps', '12-lymphome-hodgkin-jeune-adulte-abvd.json');
    const el = await fixture<PpsEditor>(html`<pps-editor .value=${model}></pps-editor>`);
    assert.ok(customElements.get('dcc-code-picker'), 'the picker chunk is loaded by the first update');
    const picker = el.shadowRoot!.querySelector<HTMLElement>('dcc-code-picker[data-path]');
    assert.ok(picker, 'the first sections show a picker');
    const input = picker.shadowRoot?.querySelector('input');
    assert.ok(input, 'the picker is rendered');
    picker.focus();
    assert.equal(picker.shadowRoot!.activeElement, input, 'focus lands in the picker');
    input.select(); // typed over, as a clinician replaces a concept
    await sendKeys({ type: 'xyz' });
    assert.equal(input.value, 'xyz', 'no keystroke lost');
  });

  it('renders in English from its first render when lang is en', async () => {
    const model = await loadExampleJson<Record<string, unknown>>('pps', '12-lymphome-hodgkin-jeune-adulte-abvd.json');
    const el = document.createElement('pps-editor');
    el.lang = 'en';
    el.value = model;
    let frenchShown = false;
    const observer = new MutationObserver(() => {
      if (el.shadowRoot!.textContent?.includes('Valider et enregistrer')) frenchShown = true;
    });
    document.body.append(el);
    try {
      observer.observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
      await el.updateComplete;
      const text = el.shadowRoot!.textContent ?? '';
      assert.ok(text.includes('Validate and save'), 'the engine speaks English at once');
      assert.ok(text.includes('Patient and care context'), "the section titles (the model's English catalogue) too");
      assert.ok(!frenchShown && !text.includes('Valider et enregistrer'), 'never French first');
    } finally {
      observer.disconnect();
      el.remove();
    }
  });
});
