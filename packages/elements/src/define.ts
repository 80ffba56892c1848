// Tolerant custom-element registration: several bundles may carry the elements (a vendor
// bundle and a plugin), so a second define of the same class is a no-op and a different
// class under the same tag only warns instead of throwing at page load.
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing === undefined) {
    customElements.define(tag, constructor);
    return;
  }
  if (existing !== constructor)
    console.warn(`<${tag}> is already defined by another copy of dcc-kit; the first definition is kept.`);
}
