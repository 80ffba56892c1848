// Narrative blocks of the sections: free text with line breaks, referenced <content>, tables,
// paragraphs, and the French renderings of values (dates, periods, yes/no, codes, people).
import type { XmlSink } from '../xml/writer.js';
import { textElement } from '../xml/writer.js';
import { withValuedColumns, type Cell } from '../narrative/table.js';

export type { Cell } from '../narrative/table.js';
export { ouiNon, dateFr, periodFr, codedFr, personFr, personWithPhoneFr } from '../narrative/text.js';

/** Writes free text, turning line breaks into `<br/>`. */
export function richText(w: XmlSink, text: string): void {
  // Most texts are one line: no array for them.
  if (!text.includes('\n')) {
    if (text !== '') w.text(text);
    return;
  }
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (i > 0) {
      w.start('br');
      w.end();
    }
    if (line !== '') w.text(line);
  });
}

/** `<content ID="id">text</content>`: the target of an entry's text/reference. */
export function content(w: XmlSink, id: string, text: string): void {
  w.start('content');
  w.attr('ID', id);
  richText(w, text);
  w.end();
}

/**
 * A narrative table with a header row; a cell with an id becomes a referenced `<content>`.
 * Columns that no row fills are left out (`withValuedColumns`).
 */
export function table(w: XmlSink, caption: string | undefined, allHeaders: readonly string[], allRows: readonly (readonly Cell[])[]): void {
  const { headers, rows } = withValuedColumns({ headers: allHeaders, rows: allRows });
  w.start('table');
  w.attr('border', '1');
  textElement(w, 'caption', caption);
  w.start('thead');
  w.start('tr');
  for (const h of headers) textElement(w, 'th', h);
  w.end();
  w.end();
  w.start('tbody');
  if (rows.length === 0) {
    w.start('tr');
    w.start('td');
    w.attr('colspan', String(headers.length));
    w.text('Aucun');
    w.end();
    w.end();
  }
  for (const row of rows) {
    w.start('tr');
    for (const cell of row) {
      w.start('td');
      if (typeof cell === 'string') richText(w, cell);
      else if (cell) content(w, cell.id, cell.text);
      w.end();
    }
    w.end();
  }
  w.end();
  w.end();
}

export function paragraph(w: XmlSink, text: string, id?: string): void {
  w.start('paragraph');
  if (id) content(w, id, text);
  else richText(w, text);
  w.end();
}
