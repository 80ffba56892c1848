// Narrative blocks of the sections: free text with line breaks, referenced <content>, tables,
// paragraphs, and the French renderings of values (dates, periods, yes/no, codes, people).
import type { XmlSink } from '../xml/writer.js';
import { textElement } from '../xml/writer.js';
import { frenchDate } from '../datatypes.js';
import type { Actor, CodedOrText, Period } from '../model/common.js';

/** Writes free text, turning line breaks into `<br/>`. */
export function richText(w: XmlSink, text: string): void {
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

export type Cell = string | { id: string; text: string } | undefined;

/** A narrative table with a header row; a cell with an id becomes a referenced `<content>`. */
export function table(w: XmlSink, caption: string | undefined, headers: readonly string[], rows: readonly (readonly Cell[])[]): void {
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

export const ouiNon = (b: boolean | undefined): string => (b === undefined ? 'Non renseigné' : b ? 'Oui' : 'Non');
export const dateFr = (d: string | undefined): string => (d === undefined ? '' : frenchDate(d));
export const periodFr = (p: Period | undefined): string =>
  !p ? '' : p.end === undefined ? `à partir du ${dateFr(p.start)}` : p.start === undefined ? `jusqu'au ${dateFr(p.end)}` : `du ${dateFr(p.start)} au ${dateFr(p.end)}`;
export const codedFr = (c: CodedOrText): string =>
  c.coding ? (c.text !== undefined ? c.text : `${c.coding.displayName} (${c.coding.code})`) : c.text!;
export const personFr = (a: Actor | undefined): string => {
  if (!a) return '';
  const name = a.name ? [a.name.suffix === 'PR' ? 'Pr' : a.name.suffix === 'DR' ? 'Dr' : undefined, a.name.given, a.name.family].filter(Boolean).join(' ') : '';
  const org = a.organization?.name;
  return [name, org].filter((s) => s !== undefined && s !== '').join(', ');
};
