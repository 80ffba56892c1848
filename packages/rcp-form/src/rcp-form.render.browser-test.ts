// <rcp-form> renders from the published JSON Schema of the FRCP model, and renders its first
// section at once and the others right after the first paint (see the engine in @dcc-kit/elements).
import '@dcc-kit/elements/testing/mocha-globals.js';
import { fixture, assert, loadExampleJson } from '@dcc-kit/elements/testing/index.js';
import { FrcpDocument } from '@dcc-kit/cda/core';
import { inlineSchemaRefs, translationOf } from '@dcc-kit/elements';
import frcpJsonSchema from '@dcc-kit/cda/schema/frcp.schema.json' with { type: 'json' };
import frcpFormSchema from '@dcc-kit/cda/schema/frcp.form.json' with { type: 'json' };
import './rcp-form.js';
import type { RcpForm } from './rcp-form.component.js';

describe('<rcp-form> schema and first render', () => {
  it('renders from the published JSON Schema, which has exactly the structure of the TypeBox model', () => {
    const withoutDescriptions = (schema: unknown) => JSON.stringify(schema, (key, value: unknown) => (key === 'description' ? undefined : value));
    assert.equal(withoutDescriptions(inlineSchemaRefs(frcpJsonSchema)), withoutDescriptions(FrcpDocument));
    // The editor's own copy (its eager bundle) is the published schema without descriptions.
    assert.equal(JSON.stringify(inlineSchemaRefs(frcpFormSchema)), withoutDescriptions(FrcpDocument));
  });

  it('shows every section heading at once and renders the later sections without any action', async () => {
    const container = await fixture<HTMLElement>('<div></div>');
    const form = document.createElement('rcp-form') as RcpForm;
    form.value = await loadExampleJson<Record<string, unknown>>('frcp', '01-sein-appareil-organes-post-operatoire.json');
    container.append(form);
    await form.updateComplete;
    const sections = () => [...form.shadowRoot!.querySelectorAll<HTMLElement>('section[part~="section"]')];
    const busy = () => sections().filter((s) => s.getAttribute('aria-busy') === 'true');
    assert.equal(sections().length, 6);
    assert.ok(busy().length > 0, 'later sections follow the first paint');
    for (const section of busy()) assert.ok(section.querySelector('h2[id]')?.textContent?.trim(), 'heading shown while pending');
    await form.renderComplete;
    assert.equal(busy().length, 0);
    assert.ok(form.shadowRoot!.querySelector('[data-kind][data-path^="proposal."]'), 'the proposal fields are rendered');
  });
});

describe('<rcp-form> texts registration', () => {
  it('registers its texts once per page: a second editor leaves the catalogues (and the label cache built on them) as they were', async () => {
    const container = await fixture<HTMLElement>('<div></div>');
    container.append(document.createElement('rcp-form'));
    const french = translationOf('fr');
    const again = document.createElement('rcp-form') as RcpForm;
    container.append(again);
    await again.updateComplete;
    // A registration replaces the catalogue object (and bumps the revision that empties the label cache).
    assert.ok(translationOf('fr') === french);
  });
});
