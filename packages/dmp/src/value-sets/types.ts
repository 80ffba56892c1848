// The shape of a code list, the same as @dcc-kit/cda's generated value sets (structural typing
// lets both be used through one set of lookups).

/** One coded concept. */
export interface Concept {
  readonly code: string;
  readonly codeSystem: string;
  readonly displayName: string;
}

/** A code list with where it comes from and the date of that source. */
export interface CodeList {
  readonly name: string;
  /** OID of the value set (JDV), when it has one. */
  readonly oid?: string;
  /** Where the content was read (URL, kit file or spec section). */
  readonly source: string;
  /** Date of the source revision (YYYY-MM-DD). */
  readonly revisionDate?: string;
  /** True when only the concepts this connector needs are vendored (the JDV holds more). */
  readonly partial?: boolean;
  readonly concepts: readonly Concept[];
}

/** The concept of `list` with this code (and code system when given), or undefined. */
export function conceptOf(list: CodeList, code: string, codeSystem?: string): Concept | undefined {
  return list.concepts.find((c) => c.code === code && (codeSystem === undefined || c.codeSystem === codeSystem));
}

/** Whether `list` holds (code, codeSystem). */
export function inCodeList(list: CodeList, code: string, codeSystem: string): boolean {
  return conceptOf(list, code, codeSystem) !== undefined;
}
