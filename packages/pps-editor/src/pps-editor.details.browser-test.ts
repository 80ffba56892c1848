// « Plus de détails » (issue 13, fewer keys): the care-act fields that rarely apply (route,
// weight, habitus, at home, status code, notable side effects — `x-dcc-detail` on the model
// field of @dcc-kit/cda, nowhere else) are behind a disclosure, open when they hold a value.
import '@dcc-kit/elements/testing/mocha-globals.js';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { DETAIL_KEYWORD } from '@dcc-kit/cda/metadata';
import { fixture, assert, loadExampleJson, expectNoAxeViolations, editorRendered as rendered } from '@dcc-kit/elements/testing/index.js';
import './pps-editor.js';
import type { PpsEditor } from './pps-editor.component.js';

type Model = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a JSON example edited

describe('<pps-editor> plus de détails', () => {
  it('hides the rarely used fields of a care act behind a disclosure, open when one holds a value', async () => {
    const model = await loadExampleJson<Model>('pps', '12-lymphome-hodgkin-jeune-adulte-abvd.json');
    // Treatment 1 has a route (shown), treatment 3 has none (hidden).
    assert.ok(model.therapeuticProgramme.treatments[0].administrationRoute);
    assert.equal(model.therapeuticProgramme.treatments[2].administrationRoute, undefined);
    const editor = await fixture<PpsEditor>(html`<pps-editor .value=${model}></pps-editor>`);
    await rendered(editor);
    const root = editor.shadowRoot!;
    const detailsOf = (path: string) => root.querySelector<HTMLDetailsElement>(`summary[data-path="${path}"]`)!.closest('details')!;
    const first = detailsOf('therapeuticProgramme.treatments[0]');
    const third = detailsOf('therapeuticProgramme.treatments[2]');
    assert.equal(first.open, true, 'a detail holding a value is shown');
    assert.equal(third.open, false, 'no detail typed: closed');
    assert.ok(third.querySelector('[data-path="therapeuticProgramme.treatments[2].administrationRoute"]'), 'the route is inside the disclosure');
    assert.equal(third.querySelector('[data-path="therapeuticProgramme.treatments[2].typePrecision"]'), null, 'what usually applies is outside');
    // Keyboard: the summary is reached by Tab and opened with Enter; it stays open across re-renders.
    const summary = third.querySelector('summary')!;
    summary.focus();
    await sendKeys({ press: 'Enter' });
    await editor.updateComplete;
    assert.equal(third.open, true);
    editor.requestUpdate();
    await editor.updateComplete;
    assert.equal(third.open, true, 'kept open by the form');
    await expectNoAxeViolations(third.closest<HTMLElement>('fieldset')!, { context: 'care act with details' });
  });

  it('reads the mark from the model only (x-dcc-detail in the published JSON Schema)', async () => {
    const schema = (await (await fetch(new URL('/packages/cda/schema/pps.schema.json', location.href))).json()) as Model;
    const careAct = schema.$defs.PpsCareAct.properties;
    const marked = Object.keys(careAct).filter((k) => careAct[k][DETAIL_KEYWORD] === true);
    assert.deepEqual(marked.sort(), ['administrationRoute', 'atHome', 'habitus', 'notableSideEffects', 'statusCode', 'weight']);
  });
});
