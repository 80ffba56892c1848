// « Focus landing » (issue 13) in <rcp-form>: after startFromPreviousRcp, focus lands on the
// first field of the new session still to fill (required and empty), announced in the live
// region, so that typing continues without Tabs.
import '@dcc-kit/elements/testing/mocha-globals.js';
import { html } from 'lit';
import { fixture, assert, loadExampleJson, deepActiveElement, editorRendered as rendered } from '@dcc-kit/elements/testing/index.js';
import { modelValueAt as valueAt, isEmptyModelValue as empty } from '@dcc-kit/elements/testing/index.js';
import type { FrcpDocument } from '@dcc-kit/cda/core';
import './rcp-form.js';
import type { RcpForm } from './rcp-form.component.js';


describe('<rcp-form> focus landing after startFromPreviousRcp', () => {
  it('focus on the first empty required field of the new session, announced', async function () {
    this.timeout(120_000);
    const previous = await loadExampleJson<FrcpDocument>('frcp', '01-sein-appareil-organes-post-operatoire.json');
    const wrapper = await fixture<HTMLElement>(html`<div><button id="start">Nouvelle RCP</button><rcp-form></rcp-form></div>`);
    const form = wrapper.querySelector('rcp-form') as RcpForm;
    await rendered(form);
    wrapper.querySelector<HTMLButtonElement>('#start')!.focus();
    await form.startFromPreviousRcp(previous);
    const required = [...form.shadowRoot!.querySelectorAll<HTMLElement>('input[data-path][required],select[data-path][required],textarea[data-path][required],dcc-code-picker[data-path][required]')].filter(
      (c) => (c as HTMLInputElement).type !== 'checkbox' && !c.closest('[hidden]') && (!c.closest('details') || c.closest('details')!.open),
    );
    const firstEmpty = required.find((c) => empty(valueAt(form.value, c.dataset.path!)));
    assert.ok(firstEmpty, 'the new session leaves required fields to fill');
    const focused = deepActiveElement() as HTMLElement;
    const root = focused.getRootNode() as ShadowRoot;
    const control = root.host?.localName === 'dcc-code-picker' ? (root.host as HTMLElement) : focused;
    assert.equal(control.dataset.path, firstEmpty!.dataset.path);
    assert.match(form.shadowRoot!.querySelector('.live')!.textContent!, /À remplir : /);
  });
});
