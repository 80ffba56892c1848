// Search over the concepts of a value set: accent-, case- and punctuation-insensitive, on the
// code and the display name, every word of the query must match; results ranked so that what
// the user most likely means comes first (exact code, code prefix, label prefix, word prefix,
// anywhere), the value set's own order breaking ties.
import type { ValueSet, ValueSetConcept } from '@dcc-kit/cda/core';
import type { AbsentConcept, ValueSetVocabulary } from '@dcc-kit/cda/value-set-synonyms';

/** "Épithélioma  d’ovaire" → "epithelioma d ovaire" (no accents, lower case, one space between words). */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[æÆ]/g, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, ' ')
    .trim();
}

export interface IndexedConcept {
  readonly concept: ValueSetConcept;
  /** Position in the value set (stable tie-break, and the option's identity). */
  readonly index: number;
  readonly foldedCode: string;
  readonly foldedLabel: string;
}

const indexes = new WeakMap<ValueSet, readonly IndexedConcept[]>();

/** Folded texts of every concept, computed once per value set. */
export function indexValueSet(valueSet: ValueSet): readonly IndexedConcept[] {
  let index = indexes.get(valueSet);
  if (!index) {
    index = valueSet.concepts.map((concept, i) => ({ concept, index: i, foldedCode: foldForSearch(concept.code), foldedLabel: foldForSearch(concept.displayName) }));
    indexes.set(valueSet, index);
  }
  return index;
}

function rank(item: IndexedConcept, query: string, words: readonly string[]): number {
  if (item.foldedCode === query) return 0;
  if (item.foldedCode.startsWith(query)) return 1;
  if (item.foldedLabel === query) return 2;
  if (item.foldedLabel.startsWith(query)) return 3;
  const labelWords = item.foldedLabel.split(' ');
  if (words.every((w) => labelWords.some((lw) => lw.startsWith(w)))) return 4;
  return 5;
}

/** The codes a folded word means in a value set's vocabulary (« chimio » → C15632), if any. */
function synonymCodes(vocabulary: ValueSetVocabulary | undefined, word: string): readonly string[] | undefined {
  return vocabulary?.synonyms.find((s) => s.terms.some((t) => foldForSearch(t) === word))?.codes;
}

/** A concept the search looks for that the value set lacks (« psy » in the supportive-care set), with its free-text path. */
export function absentConceptFor(vocabulary: ValueSetVocabulary | undefined, query: string): AbsentConcept | undefined {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  return vocabulary?.absent?.find((a) => a.terms.some((t) => words.some((w) => foldForSearch(t) === w || (w.length >= 3 && foldForSearch(t).startsWith(w)))));
}

/**
 * The concepts matching `query` (all when empty), best first. With the value set's
 * vocabulary (`VALUE_SET_SYNONYMS` of @dcc-kit/cda), a word clinicians use for a concept
 * (« chimio », « RT ») matches that concept and ranks first; a search for a concept the value
 * set lacks brings its fallback (the free-text path) first.
 */
export function searchConcepts(index: readonly IndexedConcept[], query: string, vocabulary?: ValueSetVocabulary): IndexedConcept[] {
  const folded = foldForSearch(query);
  if (!folded) return [...index];
  const words = folded.split(' ');
  const meanings = words.map((w) => synonymCodes(vocabulary, w));
  const fallback = absentConceptFor(vocabulary, query)?.fallbackCode;
  const hits: Array<{ item: IndexedConcept; rank: number }> = [];
  for (const item of index) {
    const haystack = `${item.foldedCode} ${item.foldedLabel}`;
    let bySynonym = false;
    const matches = words.every((w, i) => {
      if (meanings[i]?.includes(item.concept.code)) return (bySynonym = true);
      return haystack.includes(w);
    });
    if (matches) hits.push({ item, rank: bySynonym ? -1 : rank(item, folded, words) });
    else if (item.concept.code === fallback) hits.push({ item, rank: -2 });
  }
  hits.sort((a, b) => a.rank - b.rank || a.item.index - b.item.index);
  return hits.map((h) => h.item);
}
