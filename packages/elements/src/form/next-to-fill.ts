// Where typing continues (issue 13, « focus landing »): after a start, and when Enter confirms a
// group, focus lands on the next field still to fill instead of the clinician Tabbing to it.
// Read from the rendered form, so that what is skipped is what the clinician does not see as
// a field: folded items and fields the establishment gives (confirmed at a glance), closed
// « plus de détails », hidden parts.

/** The form's own controls (a picker is its host element; candidates' checkboxes are not fields). */
const CONTROLS = 'input[data-path],select[data-path],textarea[data-path],dcc-code-picker[data-path]';

function focusable(control: HTMLElement): boolean {
  if ((control as HTMLInputElement).disabled || control.dataset.kind === 'candidate') return false;
  if (control.closest('[hidden]')) return false;
  const details = control.closest('details');
  return !details || details.open;
}

/** A field still to fill: one with an error shown, or a required one whose value is empty. */
function toFill(control: HTMLElement, isEmpty: (pathText: string) => boolean): boolean {
  if (control.getAttribute('aria-invalid') === 'true') return true;
  // A required yes/no is never empty (it is false until ticked).
  if (!control.hasAttribute('required') || (control as HTMLInputElement).type === 'checkbox') return false;
  return isEmpty(control.dataset.path ?? '');
}

/**
 * The first field to fill in `root`, in document order; with `after`, the first one after it,
 * then from the top (the next one, wherever it is). Undefined when nothing is left to fill.
 */
export function nextToFill(root: ParentNode, isEmpty: (pathText: string) => boolean, after?: Element): HTMLElement | undefined {
  const controls = [...root.querySelectorAll<HTMLElement>(CONTROLS)].filter(focusable);
  const start = after ? controls.findIndex((c) => c === after) + 1 : 0;
  const ordered = [...controls.slice(start), ...controls.slice(0, start)].filter((c) => c !== after);
  return ordered.find((c) => toFill(c, isEmpty));
}

/** The element that has focus, through open shadow roots. */
export function deepActiveElement(doc: Document = document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Whether the user is typing in a field outside `host` (its focus must not be taken then). */
export function typingOutside(host: HTMLElement): boolean {
  const active = deepActiveElement(host.ownerDocument);
  if (!active || active === host.ownerDocument.body) return false;
  let node: Node | null = active;
  while (node) {
    if (node === host) return false;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  const el = active as HTMLElement;
  if (el.isContentEditable || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  return el instanceof HTMLInputElement && !['button', 'submit', 'reset', 'checkbox', 'radio', 'image', 'file', 'range', 'color'].includes(el.type);
}
