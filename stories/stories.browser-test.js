/* global describe, it, before, after, document, navigator, customElements, Node */
// Stories smoke test (run by web-test-runner): renders every story of every stories/*.stories.js
// the way Storybook does (args, loaders, decorators, render, play) and checks that it renders
// defined custom elements and that axe finds no WCAG 2.1 A/AA violation, so that the stories
// cannot rot silently.
import { render } from 'lit';
import { executeServerCommand } from '@web/test-runner-commands';
import { assert, elementsUpdated, expectNoAxeViolations, nextFrame } from '@dcc-kit/elements/testing/index.js';
import { useMockApi, stopMockApi } from './support/mock-api.js';

const storyModules = await executeServerCommand('dcc-list-stories');
const loadedModules = await Promise.all(storyModules.map(async (path) => ({ path, mod: await import(path) })));
// DCC_FULL_AXE=1 (environment of `npx wtr`): every rule on the whole of every story; DCC_STORY_TIMINGS=1: print times.
const options = await executeServerCommand('dcc-test-options');
const timings = options.storyTimings;

/** Elements in the story, shadow trees included. */
function deepCount(root) {
  let n = 0;
  for (const el of root.querySelectorAll('*')) {
    n++;
    if (el.shadowRoot) n += deepCount(el.shadowRoot);
  }
  return n;
}

/** Elements matching `selector` in the story, shadow trees included. */
function deepQueryAll(root, selector, found = []) {
  for (const el of root.querySelectorAll('*')) {
    if (el.matches(selector)) found.push(el);
    if (el.shadowRoot) deepQueryAll(el.shadowRoot, selector, found);
  }
  return found;
}

// Above this many elements (a filled editor has ~10,000 in ~100 shadow roots), one axe run
// takes 10-40 s on this shared 2-core machine. The whole editor is axe-checked in each state by
// the editors' own browser tests (packages/pps-editor, packages/rcp-form); here a large story is
// checked (every WCAG 2.1 A/AA rule) on what the story's state adds — toolbar, banner, error
// summary, field errors, preview — plus its first section and first pickers. DCC_FULL_AXE=1
// checks every story whole.
const LARGE_STORY_ELEMENTS = 1500;
const STATE_PARTS = '[part~="toolbar"], [part~="banner"], [part~="summary"], [part~="preview"], [part~="error"]';

async function axeCheck(container, context) {
  if (options.fullAxe || deepCount(container) <= LARGE_STORY_ELEMENTS) {
    await expectNoAxeViolations(container, { context });
    return;
  }
  const sample = [...deepQueryAll(container, STATE_PARTS).slice(0, 12), ...deepQueryAll(container, '[part~="section"]').slice(0, 1), ...deepQueryAll(container, 'dcc-code-picker').slice(0, 3)];
  assert.ok(sample.length > 0, `${context}: nothing to check`);
  await expectNoAxeViolations(sample, { context: `${context} (state parts, first section, first pickers)` });
}

function storiesOf(mod) {
  const order = mod.__namedExportsOrder ?? Object.keys(mod);
  return order.filter((name) => name !== 'default' && name !== '__namedExportsOrder' && typeof mod[name] === 'object' && mod[name] !== null);
}

async function renderStory(meta, story, name, container) {
  const args = { ...meta.args, ...story.args };
  const parameters = { ...meta.parameters, ...story.parameters };
  if (parameters.mockApi) await useMockApi(parameters.mockApi, { workerUrl: '/node_modules/msw/lib/mockServiceWorker.js', scope: '/' });
  const context = { args, parameters, name, title: meta.title, loaded: {}, canvasElement: container, step: (_label, fn) => fn() };
  for (const loader of [...(meta.loaders ?? []), ...(story.loaders ?? [])]) Object.assign(context.loaded, await loader(context));
  const renderFn = story.render ?? meta.render;
  assert.ok(typeof renderFn === 'function', `${meta.title} / ${name} has no render function`);
  let storyFn = (ctx) => renderFn(ctx.args, ctx);
  for (const decorator of [...(story.decorators ?? []), ...(meta.decorators ?? [])]) {
    const inner = storyFn;
    storyFn = (ctx) => decorator(() => inner(ctx), ctx);
  }
  const result = storyFn(context);
  if (result instanceof Node) container.append(result);
  else render(result, container);
  await elementsUpdated(container);
  if (story.play) await story.play(context);
  await elementsUpdated(container);
  await nextFrame();
}

describe('stories render and are axe-clean', () => {
  before(() => {
    assert.ok(storyModules.length > 0, 'no stories found under stories/');
  });
  after(async () => {
    await stopMockApi();
    for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
  });

  for (const { path, mod } of loadedModules) {
    const meta = mod.default;
    it(`${path}: default export has a title and stories`, () => {
      assert.ok(meta && meta.title, `${path}: default export needs a title`);
      assert.ok(storiesOf(mod).length > 0, `${path}: no story`);
    });
    for (const name of storiesOf(mod)) {
      it(`${meta?.title} / ${name}`, async function () {
        this.timeout(120_000);
        const container = document.createElement('div');
        container.setAttribute('data-story', `${meta.title}/${name}`);
        document.body.append(container);
        try {
          const t0 = performance.now();
          await renderStory(meta, mod[name], name, container);
          const t1 = performance.now();
          assert.ok(container.firstElementChild, `${meta.title} / ${name} rendered nothing`);
          const undefinedElements = [...container.querySelectorAll('*')].filter((el) => el.localName.includes('-') && !customElements.get(el.localName));
          assert.deepEqual(undefinedElements.map((el) => el.localName), [], `${meta.title} / ${name}: custom elements not defined`);
          await axeCheck(container, `${meta.title} / ${name}`);
          if (timings) console.log(`${meta.title} / ${name}: render ${Math.round(t1 - t0)} ms, axe ${Math.round(performance.now() - t1)} ms`);
        } finally {
          container.remove();
        }
      });
    }
  }
});
