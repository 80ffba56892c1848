// « Imprimer » prints the document only: while an editor prints, a document-level stylesheet
// (page rules cannot live in a shadow root) sets an A4 page with its number in the margin
// (`@page` margin boxes) and hides every part of the host page that does not contain the
// printing element; the element's own print styles hide its form and toolbar (styles.ts).

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

/** Prints `element` alone through the browser's print dialog. */
export function printElement(element: HTMLElement, lang = 'fr'): void {
  const view = element.ownerDocument.defaultView ?? window;
  const restore = preparePrint(element, lang);
  view.addEventListener('afterprint', restore, { once: true });
  view.print();
}
