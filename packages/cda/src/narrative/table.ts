// Narrative tables: a description (caption, headers, rows) shared by the CDA builders and the
// editors' preview, and the rule that a column no row fills is not shown.

/** A cell: text, text referenced by an entry (`<content ID>`), or nothing. */
export type Cell = string | { id: string; text: string } | undefined;

export interface NarrativeTable {
  readonly caption?: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export const cellText = (cell: Cell): string => (cell === undefined ? '' : typeof cell === 'string' ? cell : cell.text);

// A cell an entry references (`<content ID>`) is never dropped, even empty: the reference must resolve.
const isEmpty = (cell: Cell): boolean => typeof cell !== 'object' && cellText(cell).trim() === '';

/**
 * The table without the columns that no row fills: the patient reads the values, not nine
 * headers over empty cells. The first column (what the row is) is always kept; a table
 * without rows keeps its headers (it then says « Aucun »).
 */
export function withValuedColumns(table: NarrativeTable): NarrativeTable {
  if (table.rows.length === 0) return table;
  const keep = table.headers.map((_, c) => c === 0 || table.rows.some((row) => !isEmpty(row[c])));
  if (keep.every(Boolean)) return table;
  return {
    ...table,
    headers: table.headers.filter((_, c) => keep[c]),
    rows: table.rows.map((row) => row.filter((_, c) => keep[c])),
  };
}
