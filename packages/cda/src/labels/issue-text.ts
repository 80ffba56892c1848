// Where a problem is, in the words of the screen: « Programme thérapeutique › Traitement 2 ›
// Dates confirmées › Fin » — the section as titled in the editor, then the item and the field —
// and one line per problem for the API, the CLI and the preview's list of problems. Plain data
// and string work (no model, no validator): browser-safe.
import type { FieldStrings, Pair, VoletStrings } from './types.js';
import { sharedFieldStrings } from './shared.js';
import { ppsFieldStrings } from './pps.js';
import { frcpFieldStrings } from './frcp.js';
import { ppsSections, frcpSections, type VoletSection } from './sections.js';

export type IssueVolet = 'pps' | 'frcp';
export type IssueLang = 'fr' | 'en';

const VOLETS: Record<IssueVolet, { strings: VoletStrings; sections: readonly VoletSection[] }> = {
  pps: { strings: ppsFieldStrings, sections: ppsSections },
  frcp: { strings: frcpFieldStrings, sections: frcpSections },
};

type Segment = string | number;

/** `tumours[0].topography.coding` → ['tumours', 0, 'topography', 'coding']. */
export function pathSegments(path: string): Segment[] {
  const out: Segment[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

const patternOf = (segments: readonly Segment[]): string => segments.filter((s): s is string => typeof s === 'string').join('.');

/** The text of a table for a pattern: the most specific key first, then with fewer leading segments; volet before shared. */
function lookup(volet: IssueVolet, table: keyof FieldStrings, pattern: string, lang: IssueLang): string | undefined {
  const parts = pattern.split('.');
  const tables = [VOLETS[volet].strings[table], sharedFieldStrings[table]];
  for (let i = 0; i < parts.length; i++) {
    const key = parts.slice(i).join('.');
    for (const t of tables) {
      const pair: Pair | undefined = t[key];
      if (pair) return pair[lang === 'fr' ? 0 : 1];
    }
  }
  return undefined;
}

/** The section holding a path (the longest section path it lies under). */
export function sectionOf(volet: IssueVolet, path: string): VoletSection | undefined {
  return sectionMatch(volet, path)?.section;
}

function sectionMatch(volet: IssueVolet, path: string): { section: VoletSection; path: string } | undefined {
  let best: { section: VoletSection; path: string } | undefined;
  for (const section of VOLETS[volet].sections)
    for (const p of section.paths) {
      const under = path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`);
      if (under && (!best || p.length > best.path.length)) best = { section, path: p };
    }
  return best;
}

/** Segments that name no field of their own on screen (a coded value's `coding`). */
const TRANSPARENT = new Set(['coding']);

/**
 * Where a field is, as the clinician sees it: the section title, then the items and fields
 * (« Diagnostic › Tumeur 1 › Topographie »). The last three parts after the section are kept,
 * like the editor's error summary.
 */
export function issueWhere(volet: IssueVolet, path: string, lang: IssueLang = 'fr'): string {
  const segments = pathSegments(path);
  const match = sectionMatch(volet, path);
  // The groups above the section's own field (« Programme thérapeutique et de suivi ») are the section.
  const first = match ? pathSegments(match.path).length - 1 : 0;
  const parts: string[] = [];
  for (let i = first; i < segments.length; i++) {
    const seg = segments[i]!;
    if (typeof seg === 'string' && TRANSPARENT.has(seg)) continue;
    const pattern = patternOf(segments.slice(0, i + 1));
    if (typeof seg === 'number') {
      const listPattern = patternOf(segments.slice(0, i));
      const name = lookup(volet, 'items', listPattern, lang) ?? lookup(volet, 'labels', listPattern, lang) ?? listPattern;
      parts.push(`${name} ${seg + 1}`);
    } else if (typeof segments[i + 1] !== 'number') parts.push(lookup(volet, 'labels', pattern, lang) ?? seg);
  }
  const title = match ? VOLETS[volet].strings.sections[match.section.id]?.[lang === 'fr' ? 0 : 1] : undefined;
  // A section titled like its only field (« Suivi › Suivi ») says it once.
  const trail = [title, ...parts.slice(-3)].filter((s): s is string => s !== undefined && s !== '');
  return trail.filter((s, i) => i === 0 || s !== trail[i - 1]).join(' › ');
}

/** One problem as one line: « Programme thérapeutique › Traitement 2 › Date de fin : La date de fin précède la date de début. » */
export function issueLine(volet: IssueVolet, issue: { readonly path: string; readonly message: { readonly fr: string; readonly en: string } }, lang: IssueLang = 'fr'): string {
  const where = issue.path ? issueWhere(volet, issue.path, lang) : 'Document';
  return `${where} : ${issue.message[lang]}`;
}
