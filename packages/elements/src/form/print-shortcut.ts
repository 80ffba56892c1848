// The browser's print shortcut, apart from the print module: an editor listens for it from its
// first render, while the printing itself (page stylesheet, print dialog) loads with the preview.

/** Ctrl+P, or ⌘P on a Mac: the browser's print shortcut. */
export function isPrintShortcut(event: KeyboardEvent): boolean {
  return event.key.toLowerCase() === 'p' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
}
