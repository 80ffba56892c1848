// Errors and warnings of the CDA parsers. An error stops the parse (the document cannot be
// read as the model); a warning reports a tolerated defect (a narrative reference that does
// not resolve, a value the model cannot carry) and the parse goes on.

export type CdaParseErrorCode =
  /** Not well-formed XML (with line and column). */
  | 'malformed-xml'
  /** Well-formed, but no HL7 CDA `ClinicalDocument` element in it. */
  | 'not-a-clinical-document'
  /** A ClinicalDocument of neither CANCER-PPS_2022.01 nor CANCER-FRCP_2022.01. */
  | 'unknown-volet'
  /** A PPS given to parseFrcp or the reverse. */
  | 'unexpected-volet'
  /** An element or attribute the model requires is missing. */
  | 'missing'
  /** A required value is present but cannot be represented in the model. */
  | 'invalid-value';

export class CdaParseError extends Error {
  override readonly name = 'CdaParseError';
  constructor(
    readonly code: CdaParseErrorCode,
    /** XPath-like location, e.g. `/ClinicalDocument/component/structuredBody/component[3]/section`. */
    readonly location: string,
    readonly detail: string,
  ) {
    super(`${detail} (at ${location || '/'})`);
  }
}

export type ParseWarningCode =
  /** `reference/@value` points to no `ID` in the document (or is just `#`). */
  | 'dangling-reference'
  /** Resolved by ignoring accents and case (`#trait-realise` → `ID="trait-réalise"`). */
  | 'approximate-reference'
  /** The referenced element is empty: the text of its enclosing block was taken. */
  | 'empty-reference-target'
  /** No reference resolved: the text was taken from the narrative row labelled for it. */
  | 'narrative-fallback'
  /** A text the model requires could not be found: it is returned empty. */
  | 'missing-text'
  /** A value present in the XML that the model cannot carry (dropped). */
  | 'unsupported-value'
  /** An element the parser expected once appears several times: the first is kept. */
  | 'duplicate';

export interface ParseWarning {
  readonly code: ParseWarningCode;
  readonly message: string;
  readonly location: string;
}

export interface ParseOptions {
  /** Called for every tolerated defect. Default: warnings are ignored. */
  readonly onWarning?: (warning: ParseWarning) => void;
}
