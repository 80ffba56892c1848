/**
 * The compiled form of one schematron layer: what the ISO pipeline (include → abstract
 * expansion → XSLT) would have produced, kept as plain data so it can be cached on disk as
 * JSON and shipped to a browser. Every XPath in it is ready for saxon-js (resource
 * functions and regular expressions already adapted, see xpath-text.ts).
 */
export interface CompiledSchema {
  /** Format version of this structure; a cache built by another version is ignored. */
  readonly format: number;
  /** Kit-relative path of the top-level .sch file. */
  readonly source: string;
  /** Folder (kit-relative) against which document()/doc() URIs resolve: the top-level .sch's. */
  readonly baseDir: string;
  /** Phase that selected the active patterns (`#ALL` when the schema has no default phase). */
  readonly phase: string;
  /** Namespace prefixes declared with `<ns>`, plus those XSLT 2 schematrons can rely on. */
  readonly namespaces: Record<string, string>;
  /** Schema-level and active-pattern-level `let`s: global variables of the compiled XSLT. */
  readonly globals: ReadonlyArray<{ readonly name: string; readonly expr: string }>;
  readonly patterns: readonly CompiledPattern[];
  /** Every kit file read to build this schema (for cache validation). */
  readonly files: readonly string[];
}

export interface CompiledPattern {
  readonly id: string | undefined;
  /** `(@id | title)[last()]`, as the ISO skeleton names an active pattern. */
  readonly name: string;
  readonly rules: readonly CompiledRule[];
}

export interface CompiledRule {
  /** The rule context as written (after abstract-pattern parameter substitution). */
  readonly context: string;
  /** How to find the nodes the context matches; see matching in run.ts. */
  readonly match: readonly MatchBranch[];
  readonly items: readonly RuleItem[];
  readonly id: string | undefined;
}

/**
 * One top-level union branch of a rule context, as a select expression evaluated from the
 * document node. When `candidates` is set, the expression reads the parameter
 * `$__dcc_candidates`, bound to the elements that can match the branch's first step (by
 * name, and by templateId when the step requires one): an index lookup replacing a scan of
 * the whole document (`//pattern`) with the same result.
 */
export interface MatchBranch {
  readonly select: string;
  readonly candidates?: {
    readonly namespace: string | '*';
    readonly local: string | '*';
    /** Only elements with a child `{namespace}templateId` whose @root is `root` can match. */
    readonly templateId?: { readonly namespace: string; readonly root: string };
  };
}

export type RuleItem = LetItem | CheckItem;

export interface LetItem {
  readonly kind: 'let';
  readonly name: string;
  readonly expr: string;
}

export interface CheckItem {
  readonly kind: 'assert' | 'report';
  /** The test as written in the kit (whitespace normalised), for reports. */
  readonly test: string;
  /** The test as evaluated (wrapped in boolean(), adapted for saxon-js). */
  readonly expr: string;
  readonly role: string | undefined;
  readonly id: string | undefined;
  readonly message: readonly MessagePart[];
}

/** Literal text, or an XPath whose string result is inserted (value-of, name). */
export type MessagePart = { readonly text: string } | { readonly expr: string };

// 3: a first step's `templateId[@root = '…']` predicate also selects candidates by templateId.
// 4: the same schema; the folder store (node/schema-store.ts) keeps each rule's items as JSON
//    text, parsed when the rule is first planned (an older engine must not read such a file).
export const COMPILED_SCHEMA_FORMAT = 4;
