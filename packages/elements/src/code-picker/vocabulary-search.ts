// The picker's search with the clinicians' words (« chimio », « RT », « psy »…): a lazy chunk of
// its own, loaded when a picker is first searched or shows a value, so that neither the search
// nor the table of synonyms weighs on the editors' first render.
import type { ValueSet } from '@dcc-kit/cda/core';
import { VALUE_SET_SYNONYMS, type AbsentConcept } from '@dcc-kit/cda/value-set-synonyms';
import { absentConceptFor, foldForSearch, indexValueSet, searchConcepts, type IndexedConcept } from './search.js';

export { foldForSearch };

/** The concepts of `valueSet` matching `text`, best first, the value set's synonyms included. */
export function searchValueSet(valueSet: ValueSet, text: string): IndexedConcept[] {
  return searchConcepts(indexValueSet(valueSet), text, VALUE_SET_SYNONYMS[valueSet.name]);
}

/** A concept clinicians look for that `valueSet` lacks (what to choose instead), when `text` names one. */
export function absentConceptIn(valueSet: ValueSet, text: string): AbsentConcept | undefined {
  return absentConceptFor(VALUE_SET_SYNONYMS[valueSet.name], text);
}
