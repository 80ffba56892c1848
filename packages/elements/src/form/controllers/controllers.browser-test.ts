// The form engine's controllers and modules on their own, with stub hosts and a fake clock:
// debounces run when time is advanced (never by sleeping), the progressive render steps
// without re-rendering what is there, list keys follow item identity, value sets come from the
// schema annotation before the bindings, and label kinds read their own catalogue keys.
import '../../testing/mocha-globals.js';
import { LitElement, type ReactiveController } from 'lit';
import type { ModelIssue } from '@dcc-kit/cda/core';
import { assert } from '../../testing/assert.js';
import { fixture } from '../../testing/fixture.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { LocalizeController, registerTranslation } from '../../localize.js';
import { ValidationController, VALIDATION_DEBOUNCE_MS } from './validation-controller.js';
import { SectionScheduler, FIRST_SECTIONS, SECTIONS_PER_STEP } from './section-scheduler.js';
import { ListItems } from './list-items.js';
import { FormLabels } from '../labels.js';
import { valueSetOf, VALUE_SET_KEYWORD } from '../render/picker-field.js';
import { schemaAt, type SchemaNode } from '../schema.js';

/** A host that only counts update requests. */
class StubHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  isConnected = true;
  hasUpdated = true;
  updateComplete: Promise<boolean> = Promise.resolve(true);
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates++;
  }
}

const issue = (path: string): ModelIssue => ({ path, code: 'required', message: { fr: 'x', en: 'x' } });

describe('FakeClock', () => {
  it('runs waiting timers only when time is advanced, in order of due time', async () => {
    const clock = new FakeClock(1_000);
    const ran: string[] = [];
    clock.setTimeout(() => ran.push('b'), 200);
    clock.setTimeout(() => ran.push('a'), 100);
    const cancelled = clock.setTimeout(() => ran.push('never'), 150);
    clock.clearTimeout(cancelled);
    assert.deepEqual(ran, []);
    await clock.tick(150);
    assert.deepEqual(ran, ['a']);
    assert.equal(clock.now(), 1_150);
    await clock.tick(50);
    assert.deepEqual(ran, ['a', 'b']);
    assert.equal(clock.pendingCount, 0);
  });

  it('lets zero-delay timers yield to the next task without advancing time', async () => {
    const clock = new FakeClock(0);
    let ran = false;
    clock.setTimeout(() => (ran = true), 0);
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.ok(ran);
    assert.equal(clock.now(), 0);
  });
});

describe('ValidationController', () => {
  it('checks once per burst of edits, after the debounce of the injected clock', async () => {
    const host = new StubHost();
    const clock = new FakeClock();
    let checks = 0;
    let checkedCalls = 0;
    const validation = new ValidationController(host, {
      clock: () => clock,
      check: async () => {
        checks++;
        return [issue('a.b')];
      },
      checked: () => checkedCalls++,
    });
    assert.equal(host.controllers[0], validation);
    validation.schedule(VALIDATION_DEBOUNCE_MS);
    await clock.tick(VALIDATION_DEBOUNCE_MS - 1);
    validation.schedule(VALIDATION_DEBOUNCE_MS);
    await clock.tick(VALIDATION_DEBOUNCE_MS - 1);
    assert.equal(checks, 0, 'each edit restarts the debounce');
    await clock.tick(1);
    await validation.complete;
    assert.equal(checks, 1);
    assert.equal(checkedCalls, 1);
    assert.ok(validation.validated);
    assert.deepEqual(validation.issues.map((i) => i.path), ['a.b']);
  });

  it('shows an error on a leaf only once the user left it, on groups once something inside was left', async () => {
    const host = new StubHost();
    const validation = new ValidationController(host, { clock: () => new FakeClock(), check: async () => [issue('a.b'), issue('a')], checked: () => undefined });
    await validation.checkNow();
    assert.deepEqual(validation.visibleIssues('a.b', false), []);
    validation.touch('a.b');
    assert.deepEqual(validation.visibleIssues('a.b', false).map((i) => i.path), ['a.b']);
    assert.deepEqual(validation.visibleIssues('a', true).map((i) => i.path), ['a'], 'the group shows its own issue');
    validation.reset();
    assert.deepEqual(validation.visibleIssues('a.b', false), []);
    validation.showAll = true;
    assert.equal(validation.visibleIssues('a', false).length, 2, 'every error after a whole-form check');
  });
  it('re-renders after its first check only when an error could show (a field left, or every error shown)', async () => {
    const host = new StubHost();
    const validation = new ValidationController(host, { clock: () => new FakeClock(), check: async () => [], checked: () => undefined });
    await validation.checkNow();
    assert.ok(validation.validated);
    assert.equal(host.updates, 0, 'nothing left, nothing shown: no re-render of the form');
    validation.validated = false;
    validation.touch('a.b');
    await validation.checkNow();
    assert.equal(host.updates, 1, 'a left field gets its own check once validated: re-rendered');
    const everyError = new StubHost();
    const shown = new ValidationController(everyError, { clock: () => new FakeClock(), check: async () => [], checked: () => undefined });
    shown.showAll = true;
    const before = everyError.updates;
    await shown.checkNow();
    assert.equal(everyError.updates, before + 1, 'every error shown: re-rendered');
  });
});

describe('SectionScheduler', () => {
  it('renders the sections a step at a time without invalidating those already rendered', async () => {
    const host = new StubHost();
    const clock = new FakeClock();
    const sections = new SectionScheduler(host, { count: () => 5, clock: () => clock });
    assert.equal(sections.rendered, FIRST_SECTIONS);
    const revision = sections.revision;
    sections.updateRequested();
    assert.equal(sections.revision, revision + 1, 'any other update re-renders the sections');
    sections.schedule();
    // The first step waits for a frame, then a task.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(sections.rendered, FIRST_SECTIONS + SECTIONS_PER_STEP);
    assert.equal(sections.revision, revision + 1, 'a step does not');
    await sections.renderAll();
    assert.equal(sections.rendered, 5);
    assert.equal(sections.pending, false);
    await sections.complete();
  });
});

describe('ListItems', () => {
  it('keys object items by identity and scalar items by index', () => {
    const lists = new ListItems();
    const a = {};
    const b = {};
    const keyA = lists.keyOf(a, 0);
    assert.notEqual(lists.keyOf(b, 1), keyA);
    assert.equal(lists.keyOf(a, 1), keyA, 'a moved item keeps its key');
    assert.equal(lists.keyOf('x', 3), 'i3');
    lists.setPending('l', 2);
    lists.reset();
    assert.equal(lists.pending('l'), 0);
    assert.notEqual(lists.keyOf(a, 0), keyA, 'another model: new keys');
  });
});

describe('value set of a coded field', () => {
  const J01 = 'JDV_J01_XdsAuthorSpecialty_CISIS';
  const coding = { title: 'Coding', type: 'object' } as SchemaNode;
  const root = {
    type: 'object',
    properties: {
      author: { type: 'object', properties: { specialty: { ...coding, [VALUE_SET_KEYWORD]: J01 }, other: coding } },
      organs: { type: 'array', [VALUE_SET_KEYWORD]: 'JDV_RCP_Organe_CISIS', items: coding },
      topography: { title: 'CodedOrText', type: 'object', [VALUE_SET_KEYWORD]: 'JDV_Tumeur_CISIS', properties: { coding, text: { type: 'string' } } },
    },
  } as SchemaNode;
  it('comes from the x-dcc-valueSet annotation of the field, its list or its coded-or-text block', () => {
    assert.equal(valueSetOf(schemaAt(root, ['author', 'specialty'])!, ['author', 'specialty'], root), J01);
    assert.equal(valueSetOf(coding, ['organs', 2], root), 'JDV_RCP_Organe_CISIS');
    assert.equal(valueSetOf(coding, ['topography', 'coding'], root), 'JDV_Tumeur_CISIS');
  });
  it('is none for a field the model does not bind', () => {
    assert.equal(valueSetOf(coding, ['author', 'other'], root), undefined);
    assert.equal(valueSetOf(coding, ['other'], root), undefined);
  });
});

class LabelsHost extends LitElement {
  readonly localize = new LocalizeController(this);
}
customElements.define('dcc-labels-test-host', LabelsHost);

describe('FormLabels', () => {
  it('reads each kind from its catalogue keys, volet first, then shorter patterns', async () => {
    registerTranslation({
      $code: 'fr',
      $name: 'Français',
      'f:kinds/item.name': 'Nom (volet)',
      'f:name': 'Nom',
      'h:kinds/item.name': 'Aide',
      'i:kinds/items': 'Élément',
      'o:kinds/item.kind.A': 'Option A',
      's:kinds/first': 'Première section',
    });
    const host = await fixture<LabelsHost>('<dcc-labels-test-host lang="fr"></dcc-labels-test-host>');
    const labels = new FormLabels(host.localize, () => 'kinds');
    assert.equal(labels.lookup('label', 'item.name'), 'Nom (volet)');
    assert.equal(labels.labelOf(['other', 'name']), 'Nom', 'a shorter pattern without the volet');
    assert.equal(labels.labelOf(['unknown']), 'unknown', 'the key when no catalogue has it');
    assert.equal(labels.hintOf(['item', 'name']), 'Aide');
    assert.equal(labels.itemName(['items']), 'Élément');
    assert.equal(labels.optionLabel(['item', 'kind'], 'A'), 'Option A');
    assert.equal(labels.sectionTitle('first'), 'Première section');
    assert.equal(labels.lookup('hint', 'unknown'), undefined);
  });
});
