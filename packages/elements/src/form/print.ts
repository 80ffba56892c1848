// « Imprimer » prints the document only: while an editor prints, a document-level stylesheet
// (page rules cannot live in a shadow root) sets an A4 page with its number in the margin
// (`@page` margin boxes) and hides every part of the host page that does not contain the
// printing element; the element's own print styles hide its form and toolbar (styles.ts).
// Ctrl+P inside an editor prints the same (the editor's `print()`); `routePagePrint` lets a host
// route its page's Ctrl+P and Print command to an editor.

/** Set on the element being printed; the document stylesheet keys on it. */
export const PRINTING_ATTRIBUTE = 'data-dcc-printing';

const PAGE_NUMBER: Record<string, string> = {
  fr: '"Page " counter(page) " sur " counter(pages)',
  en: '"Page " counter(page) " of " counter(pages)',
};

function printCss(lang: string): string {
  const pageNumber = PAGE_NUMBER[lang] ?? PAGE_NUMBER.fr!;
  const printing = `[${PRINTING_ATTRIBUTE}]`;
  return `
@page {
  size: A4;
  margin: 18mm 16mm 20mm;
  @bottom-right { content: ${pageNumber}; font: 9pt system-ui, sans-serif; color: #333; }
}
@media print {
  html:has(${printing}), html:has(${printing}) body { background: #fff !important; margin: 0 !important; padding: 0 !important; }
  /* Everything beside the printing element's branch is left out… */
  html:has(${printing}) body :not(:has(${printing})):not(${printing}):not(${printing} *) { display: none !important; }
  /* …and it and its ancestors lose what would clip or offset it on paper. */
  ${printing} { overflow: visible !important; height: auto !important; max-height: none !important; position: static !important; }
  html:has(${printing}) :has(${printing}) {
    overflow: visible !important; height: auto !important; max-height: none !important; min-height: 0 !important;
    position: static !important; margin: 0 !important; padding: 0 !important; border: 0 !important;
    box-shadow: none !important; background: none !important; display: block !important;
  }
}`;
}

const sheets = new Map<string, CSSStyleSheet>();

/**
 * Prepares the page to print `element` alone (A4, page numbers in `lang`, `fr` by default);
 * returns the function that undoes it. `print()` uses it around `window.print()`; a test or a
 * host that prints by other means (a PDF renderer) calls it directly.
 */
export function preparePrint(element: HTMLElement, lang = 'fr'): () => void {
  const doc = element.ownerDocument;
  const key = PAGE_NUMBER[lang] ? lang : 'fr';
  let sheet = sheets.get(key);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(printCss(key));
    sheets.set(key, sheet);
  }
  const adopted = sheet;
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, adopted];
  element.setAttribute(PRINTING_ATTRIBUTE, '');
  return () => {
    element.removeAttribute(PRINTING_ATTRIBUTE);
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== adopted);
  };
}

/** Prints `element` alone through the browser's print dialog; `afterPrint` runs once it is closed. */
export function printElement(element: HTMLElement, lang = 'fr', afterPrint?: () => void): void {
  const view = element.ownerDocument.defaultView ?? window;
  const restore = preparePrint(element, lang);
  view.addEventListener(
    'afterprint',
    () => {
      restore();
      afterPrint?.();
    },
    { once: true },
  );
  view.print();
}

import { isPrintShortcut } from './print-shortcut.js';

export { isPrintShortcut };

/** What `routePagePrint` prints: an editor (`<pps-editor>`, `<rcp-form>`). */
export interface PrintableEditor extends HTMLElement {
  /** Prints the document's print view, as « Imprimer » does. */
  print(): Promise<void>;
  readonly mode: 'edit' | 'preview';
}

/**
 * Optional, for a host page whose printing is the document an editor shows (a page-level
 * Ctrl+P must print the document, not the page around it). Inside an editor Ctrl+P already
 * prints its document; with this, Ctrl+P (⌘P) anywhere in the page prints the document of
 * `editor()` as « Imprimer » does, and the browser's own Print command (menu) prints that
 * document alone when the editor shows its preview (from the form, the page prints as the host
 * styles it: a print started from the menu cannot wait for the preview to be built). When
 * `editor()` gives nothing, the page prints as before. Returns the function that removes it.
 */
export function routePagePrint(editor: () => PrintableEditor | null | undefined, view: Window = window): () => void {
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || !isPrintShortcut(event)) return;
    const target = editor();
    if (!target) return;
    event.preventDefault();
    void target.print();
  };
  let restore: (() => void) | undefined;
  const onBeforePrint = (): void => {
    const target = editor();
    // Already printing alone (its own « Imprimer », or the shortcut): nothing to add.
    if (!target || target.mode !== 'preview' || target.hasAttribute(PRINTING_ATTRIBUTE)) return;
    restore = preparePrint(target, target.closest('[lang]')?.getAttribute('lang')?.slice(0, 2) ?? 'fr');
  };
  const onAfterPrint = (): void => {
    restore?.();
    restore = undefined;
  };
  view.addEventListener('keydown', onKeyDown);
  view.addEventListener('beforeprint', onBeforePrint);
  view.addEventListener('afterprint', onAfterPrint);
  return () => {
    view.removeEventListener('keydown', onKeyDown);
    view.removeEventListener('beforeprint', onBeforePrint);
    view.removeEventListener('afterprint', onAfterPrint);
    onAfterPrint();
  };
}
