// What the stories' play functions wait for: the element has read the (mocked) platform and shows
// `selector` in its shadow root (its figures, its patient part, an empty or error message…),
// within 5 s of polling; then its update is complete.

/** The first `tag` of the story once it shows `selector`. @throws Error naming both after 5 s. */
export async function shownIn(canvasElement, tag, selector) {
  const element = canvasElement.querySelector(tag);
  const end = Date.now() + 5000;
  while (!element?.shadowRoot?.querySelector(selector)) {
    if (Date.now() > end) throw new Error(`${tag}: ${selector} not shown`);
    await new Promise((r) => setTimeout(r, 20));
  }
  await element.updateComplete;
  return element;
}
