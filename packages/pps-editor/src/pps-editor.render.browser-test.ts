// <pps-editor> first render: the first section is rendered by the first update, the others
// right after the first paint, a few per task. Before they are there, every section heading is present (links, heading
// navigation), the later sections say they are loading (aria-busy), and the section
// links and focusPath() (used by the error summary links) render everything before moving focus.
import '@dcc-kit/elements/testing/mocha-globals.js';
import { fixture, assert, loadExampleJson } from '@dcc-kit/elements/testing/index.js';
import { deepActiveElement } from '@dcc-kit/elements/testing';
import { PpsDocument } from '@dcc-kit/cda/core';
import { inlineSchemaRefs, translationOf } from '@dcc-kit/elements';
import ppsJsonSchema from '@dcc-kit/cda/schema/pps.schema.json' with { type: 'json' };
import ppsFormSchema from '@dcc-kit/cda/schema/pps.form.json' with { type: 'json' };
import './pps-editor.js';
import type { PpsEditor } from './pps-editor.component.js';

const EXAMPLE = '01-sein-gauche-fec-docetaxel-radiotherapie.json';

/** A new editor holding `model`, attached and through its first update only. */
async function firstUpdate(model: Record<string, unknown>): Promise<PpsEditor> {
  const container = await fixture<HTMLElement>('<div></div>');
  const editor = document.createElement('pps-editor') as PpsEditor;
  editor.value = model;
  container.append(editor);
  await editor.updateComplete;
  return editor;
}

const sections = (editor: PpsEditor) => [...editor.shadowRoot!.querySelectorAll<HTMLElement>('section[part~="section"]')];
const pending = (editor: PpsEditor) => sections(editor).filter((s) => s.getAttribute('aria-busy') === 'true');

describe('<pps-editor> schema', () => {
  it('renders from the published JSON Schema, which has exactly the structure of the TypeBox model', () => {
    // Descriptions aside (a $ref keeps the shared one unless it gives its own), key for key and in order:
    // a JSON Schema not regenerated after a model change fails here.
    const withoutDescriptions = (schema: unknown) => JSON.stringify(schema, (key, value: unknown) => (key === 'description' ? undefined : value));
    assert.equal(withoutDescriptions(inlineSchemaRefs(ppsJsonSchema)), withoutDescriptions(PpsDocument));
    // The editor's own copy (its eager bundle) is the published schema without descriptions.
    assert.equal(JSON.stringify(inlineSchemaRefs(ppsFormSchema)), withoutDescriptions(PpsDocument));
  });
});

describe('<pps-editor> progressive first render', () => {
  it('renders the first section at once, then every other section without any action', async () => {
    const editor = await firstUpdate(await loadExampleJson<Record<string, unknown>>('pps', EXAMPLE));
    const all = sections(editor);
    assert.equal(all.length, 8, 'every section is there from the first update');
    for (const section of all) {
      const heading = section.querySelector('h2[id]');
      assert.ok(heading?.textContent?.trim(), 'each with its heading');
      assert.equal(section.getAttribute('aria-labelledby'), heading!.id, 'named by it');
    }
    assert.ok(all[0]!.querySelector('[data-path="patient.birthFamilyName"][data-kind]'), 'the first section has its fields');
    assert.equal(all[0]!.getAttribute('aria-busy'), null);
    assert.ok(pending(editor).length > 0, 'later sections follow after the first paint');
    for (const section of pending(editor)) {
      assert.equal(section.querySelector('input,select,textarea,dcc-code-picker,button'), null, 'no half-rendered section');
      assert.match(section.textContent ?? '', /Chargement/);
    }
    await editor.renderComplete;
    assert.equal(pending(editor).length, 0, 'renderComplete: every section rendered');
    assert.ok(editor.shadowRoot!.querySelector('[data-path="careNetwork.generalPractitioner.professional.idNatPs"][data-kind]'));
  });

  it('a section link renders what is still pending and focuses the heading', async () => {
    const editor = await firstUpdate(await loadExampleJson<Record<string, unknown>>('pps', EXAMPLE));
    assert.ok(pending(editor).some((s) => s.getAttribute('aria-labelledby') === 's-team'), 'team is pending');
    editor.shadowRoot!.querySelector<HTMLAnchorElement>('nav a[data-section="team"]')!.click();
    await new Promise((r) => setTimeout(r, 0));
    await editor.updateComplete;
    assert.equal(pending(editor).length, 0);
    assert.equal(editor.shadowRoot!.activeElement?.id, 's-team');
  });

  it('focus entering the form renders every section (Tab order reaches every field)', async () => {
    const editor = await firstUpdate(await loadExampleJson<Record<string, unknown>>('pps', EXAMPLE));
    assert.ok(pending(editor).length > 0);
    editor.shadowRoot!.querySelector<HTMLElement>('[data-path="patient.birthFamilyName"][data-kind]')!.focus();
    await editor.updateComplete;
    assert.equal(pending(editor).length, 0);
  });

  it('focusPath (error summary links) reaches a field of a section not rendered yet', async () => {
    const editor = await firstUpdate(await loadExampleJson<Record<string, unknown>>('pps', EXAMPLE));
    const path = 'careNetwork.generalPractitioner.professional.idNatPs';
    assert.equal(editor.shadowRoot!.querySelector(`[data-path="${path}"]`), null, 'not rendered yet');
    assert.ok(await editor.focusPath(path));
    const focused = deepActiveElement() as HTMLElement | null;
    assert.equal(focused?.dataset.path, path);
  });
});

describe('<pps-editor> texts registration', () => {
  it('registers its texts once per page: a second editor leaves the catalogues (and the label cache built on them) as they were', async () => {
    const container = await fixture<HTMLElement>('<div></div>');
    container.append(document.createElement('pps-editor'));
    const french = translationOf('fr');
    const again = document.createElement('pps-editor') as PpsEditor;
    container.append(again);
    await again.updateComplete;
    // A registration replaces the catalogue object (and bumps the revision that empties the label cache).
    assert.ok(translationOf('fr') === french);
  });
});

describe('<pps-editor> long forms', () => {
  it("a picker's open list is not cut at the edge of its treatment (the off-screen skipping is lifted where the focus is)", async () => {
    const editor = await firstUpdate(await loadExampleJson<Record<string, unknown>>('pps', EXAMPLE));
    await editor.renderComplete;
    const picker = editor.shadowRoot!.querySelector<HTMLElement>('dcc-code-picker[data-path="therapeuticProgramme.treatments[0].performers[0].organization.practiceSetting"]')!;
    assert.ok(picker, 'the last picker of the first treatment');
    picker.scrollIntoView({ block: 'start' });
    const input = picker.shadowRoot!.querySelector<HTMLInputElement>('[part="input"]')!;
    input.focus();
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', altKey: true, bubbles: true, composed: true }));
    let list: HTMLElement | null = null;
    for (let i = 0; i < 100 && !(list && list.querySelectorAll('[role="option"]').length > 3); i++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      list = picker.shadowRoot!.querySelector<HTMLElement>('[part="listbox"]');
    }
    assert.ok(list && list.querySelectorAll('[role="option"]').length > 3, 'the list is open with its options');
    const box = list.getBoundingClientRect();
    const itemBottom = picker.closest('.item')!.getBoundingClientRect().bottom;
    // A point of the list past the treatment's box, on screen.
    const y = itemBottom + 12;
    assert.ok(y < box.bottom && y < window.innerHeight, "the list reaches past the treatment's box, on screen (else this proves nothing)");
    const hit = editor.shadowRoot!.elementFromPoint(box.left + box.width / 2, y);
    assert.equal(hit, picker, `past the treatment's box, the list is the picker's, not what lies under it (${hit?.localName}.${hit?.className})`);
  });
});
