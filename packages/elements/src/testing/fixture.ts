import { render, type TemplateResult } from 'lit';

/**
 * Test fixtures: render markup (a string or a Lit template) into a fresh container in
 * `document.body`, wait until every custom element in it is upgraded and rendered, and remove
 * it after each test (the hook is registered when this module is imported by a mocha test).
 */

const containers = new Set<HTMLElement>();

interface Updatable {
  updateComplete?: Promise<unknown>;
  /** The volet editors render their later sections in a few tasks after the first paint. */
  renderComplete?: Promise<unknown>;
}

/**
 * Waits for the custom elements of `root` (light DOM) to be defined (at most `defineTimeoutMs`:
 * an element that never gets defined is left for the test to notice) and for Lit's update of each
 * (for the editors: until every section is rendered, `renderComplete`).
 */
export async function elementsUpdated(root: ParentNode, defineTimeoutMs = 2000): Promise<void> {
  const elements = [...root.querySelectorAll('*')].filter((el) => el.localName.includes('-'));
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, defineTimeoutMs));
  await Promise.all(elements.map((el) => Promise.race([customElements.whenDefined(el.localName), timeout])));
  // Two passes: a first update can schedule another (e.g. a property set from firstUpdated).
  for (let pass = 0; pass < 2; pass++) {
    await Promise.all(elements.map((el) => (el as Updatable).renderComplete ?? (el as Updatable).updateComplete));
  }
}

/** Resolves after the next animation frame (layout and paint of the last update). */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/**
 * Renders `markup` into a new container attached to the document and returns its first element
 * child, once upgraded and rendered.
 */
export async function fixture<T extends Element = HTMLElement>(markup: string | TemplateResult, options: { lang?: string } = {}): Promise<T> {
  const container = document.createElement('div');
  container.setAttribute('data-fixture', '');
  if (options.lang) container.lang = options.lang;
  document.body.append(container);
  containers.add(container);
  if (typeof markup === 'string') {
    const template = document.createElement('template');
    template.innerHTML = markup;
    container.append(template.content);
  } else {
    render(markup, container);
  }
  await elementsUpdated(container);
  const element = container.firstElementChild;
  if (!element) throw new Error('fixture: the markup rendered no element');
  return element as T;
}

/** Removes every fixture container (run automatically after each test). */
export function fixtureCleanup(): void {
  for (const container of containers) container.remove();
  containers.clear();
}

const mochaAfterEach = (globalThis as { afterEach?: (fn: () => void) => void }).afterEach;
if (typeof mochaAfterEach === 'function') mochaAfterEach(fixtureCleanup);
