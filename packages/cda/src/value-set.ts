// Value sets ("jeux de valeurs") of the CI-SIS as typed data, and lookups on them. The value
// sets themselves are generated from the ANS kit into ./generated/value-sets/ (see
// scripts/generate-value-sets.mjs); this module is hand-written and browser-safe.

/** One coded concept of a value set. */
export interface ValueSetConcept {
  readonly code: string;
  readonly codeSystem: string;
  readonly displayName: string;
}

/** A value set: its identity, where it comes from in the ANS kit, and its concepts in source order. */
export interface ValueSet {
  readonly name: string;
  readonly oid: string;
  /** The kit file it was generated from, relative to the kit folder. */
  readonly source: string;
  /** The SVS revision date (YYYY-MM-DD), when the source has one. */
  readonly revisionDate?: string;
  readonly concepts: readonly ValueSetConcept[];
}

/** The concept type of a value set (precise for the generated `as const` value sets). */
export type ConceptOf<VS extends ValueSet> = VS['concepts'][number];

/** The code type of a value set (a union of literals for the generated value sets). */
export type CodeOf<VS extends ValueSet> = ConceptOf<VS>['code'];

// code → the concepts with that code, in source order (a code may exist in several code systems).
// Built on the first lookup of a value set; the WeakMap lets unused value sets be collected.
const indexes = new WeakMap<ValueSet, ReadonlyMap<string, readonly ValueSetConcept[]>>();

function indexOf(vs: ValueSet): ReadonlyMap<string, readonly ValueSetConcept[]> {
  let index = indexes.get(vs);
  if (index === undefined) {
    const map = new Map<string, ValueSetConcept[]>();
    for (const concept of vs.concepts) {
      const list = map.get(concept.code);
      if (list === undefined) map.set(concept.code, [concept]);
      else list.push(concept);
    }
    index = map;
    indexes.set(vs, index);
  }
  return index;
}

/**
 * The concept of `vs` with this code (and this code system, when given), or undefined. Without
 * a code system, the first concept with the code in source order.
 */
export function findConcept<VS extends ValueSet>(vs: VS, code: string, codeSystem?: string): ConceptOf<VS> | undefined {
  const candidates = indexOf(vs).get(code);
  if (candidates === undefined) return undefined;
  const found = codeSystem === undefined ? candidates[0] : candidates.find((c) => c.codeSystem === codeSystem);
  return found as ConceptOf<VS> | undefined;
}

/** Whether `vs` holds the concept (code, codeSystem). */
export function hasConcept<VS extends ValueSet>(vs: VS, code: string, codeSystem: string): code is CodeOf<VS> {
  return findConcept(vs, code, codeSystem) !== undefined;
}

/**
 * The coding a code of `vs` has: precisely typed for the generated value sets, ValueSetConcept
 * for a value set typed as plain ValueSet.
 */
export type CodingOf<VS extends ValueSet, C extends string> = string extends CodeOf<VS>
  ? ValueSetConcept
  : Extract<ConceptOf<VS>, { readonly code: C }>;

/**
 * The coding `{ code, codeSystem, displayName }` of a code of `vs` (a new plain object, e.g. for
 * a CDA `code` element). Throws a RangeError naming the value set and the code when `vs` has no
 * such code. With a code present in several code systems, the first in source order.
 */
export function conceptCoding<VS extends ValueSet, C extends CodeOf<VS>>(vs: VS, code: C): CodingOf<VS, C> {
  const concept = findConcept(vs, code);
  if (concept === undefined) {
    throw new RangeError(`value set ${vs.name} (${vs.oid}) has no concept with code ${JSON.stringify(code)}`);
  }
  const coding: ValueSetConcept = { code: concept.code, codeSystem: concept.codeSystem, displayName: concept.displayName };
  return coding as CodingOf<VS, C>;
}
