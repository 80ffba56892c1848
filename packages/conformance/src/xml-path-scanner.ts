/**
 * Records every element of a document with its line, offsets, attributes and namespace
 * bindings, so that a line number reported by a validator can be turned back into an element
 * path, and so that a sub-tree can be cut out of a document without a full parser.
 *
 * It reads with saxes, the strict XML parser the cda parsers and build scripts use, with an
 * error handler that records the parser's complaints as problems and lets it carry on: it never
 * throws. It is not the well-formedness verdict (xmllint is); a document xmllint refuses gets no
 * schema-validity error to locate, so the best-effort reading of a malformed one is enough.
 * Measured against the hand-written scanner it replaced, on the kit's examples (157-494 kB):
 * 2.0 vs 1.5 ms, 7.8 vs 7.6 ms: noise beside a validation.
 */
import { SaxesParser } from 'saxes';

export interface ScannedAttribute {
  /** Name as written, e.g. `xsi:type`. */
  readonly name: string;
  /** Value with character and predefined entity references decoded. */
  readonly value: string;
}

export interface ScannedElement {
  /** Position in {@link XmlScan.elements} (document order). */
  readonly index: number;
  /** Name as written in the document: `prefix:local` when prefixed. */
  readonly name: string;
  /** '' when unprefixed. */
  readonly prefix: string;
  readonly localName: string;
  /** Resolved namespace URI; '' for no namespace (or an undeclared prefix). */
  readonly namespaceUri: string;
  /** Index of the parent element, -1 for a top-level element. */
  readonly parent: number;
  /** 1 + number of preceding siblings with the same name as written. */
  readonly position: number;
  /** 1-based line of the `<` opening the start tag. */
  readonly line: number;
  /** 1-based line of the `>` closing the start tag (libxml2 reports this line for the element). */
  readonly startTagEndLine: number;
  /** Offset of the `<` opening the start tag. */
  readonly start: number;
  /** Offset just after the `>` closing the start tag. */
  readonly startTagEnd: number;
  /** Offset just after the element's end (its end tag, or the start tag when self-closing); undefined when never closed. */
  end: number | undefined;
  readonly selfClosing: boolean;
  readonly attributes: readonly ScannedAttribute[];
  /** Namespace declarations made on this element; prefix '' is the default namespace. */
  readonly namespaceDeclarations: ReadonlyMap<string, string>;
}

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

export interface ScanProblem {
  readonly line: number;
  readonly message: string;
}

export interface XmlScan {
  readonly elements: readonly ScannedElement[];
  /** The `<?xml ...?>` declaration, when the document starts with one (after an optional BOM). */
  readonly xmlDeclaration: TextRange | undefined;
  readonly doctype: TextRange | undefined;
  /** Malformations noticed on the way (best effort, not exhaustive). */
  readonly problems: readonly ScanProblem[];
}

/** Scans `text` and returns its elements in document order. Never throws. */
export function scanXml(text: string): XmlScan {
  const elements: ScannedElement[] = [];
  const problems: ScanProblem[] = [];
  const lines = new LineCounter(text);
  let xmlDeclaration: TextRange | undefined;
  let doctype: TextRange | undefined;

  // Open elements, innermost last, with the names of their children seen so far (for positions).
  const open: Array<{ element: ScannedElement; childNames: Map<string, number> }> = [];
  const topLevelNames = new Map<string, number>();
  const parser = new SaxesParser({ xmlns: true, position: true });
  let tagStart = 0;
  let tagLine = 1;
  /** Prefixes of the current start tag that no declaration binds (saxes then takes the prefix as URI). */
  const unboundPrefixes = new Set<string>();
  let justClosed: ScannedElement | undefined;
  /** Offset after the last tag or DOCTYPE: where the end of a truncated text is looked for. */
  let completeUpTo = 0;
  let ending = false;
  let unfinished = false;

  parser.on('error', (error) => {
    const message = error.message.replace(/^\d+:\d+: /, '');
    const offset = parser.position;
    if (message === 'unexpected close tag.' && justClosed) {
      // saxes closed an element on another element's end tag: that element was never closed itself.
      justClosed.end = undefined;
      const tag = text.lastIndexOf('</', offset - 1);
      const name = /^<\/([^\s>]*)/.exec(text.slice(tag, tag + 200))?.[1] ?? '';
      const wording = `End tag </${name}> closes unclosed elements`;
      if (problems.at(-1)?.message !== wording) problems.push({ line: lines.lineAt(tag), message: wording });
      return;
    }
    const unbound = /^unbound namespace prefix: "(.*)"\.$/.exec(message);
    if (unbound?.[1] !== undefined) unboundPrefixes.add(unbound[1]);
    if (ending) {
      // Elements never closed are listed after the end; what ends unfinished says why.
      if (message === 'unexpected end.' && !unfinished) {
        unfinished = true;
        const at = unfinishedMarkupStart(text, completeUpTo);
        problems.push({ line: lines.lineAt(Math.max(at, 0)), message: unfinishedMarkup(text, at) });
      }
      return;
    }
    problems.push({ line: lines.lineAt(offset), message: message.replace(/\.$/, '') });
  });
  // Five handlers, no more: saxes stores each one as a new property of the parser, and with
  // nine of them V8 made the parser object slow to access (scans took 3-5× longer). The XML
  // declaration is found without one (it can only open the document and holds no '?').
  const declaration = /^\uFEFF?<\?xml[ \t\r\n]/.exec(text);
  if (declaration && text.indexOf('?>') !== -1) xmlDeclaration = { start: declaration[0].startsWith('\uFEFF') ? 1 : 0, end: text.indexOf('?>') + 2 };
  parser.on('doctype', () => {
    completeUpTo = parser.position;
    doctype = { start: text.lastIndexOf('<!DOCTYPE', completeUpTo), end: completeUpTo };
  });
  parser.on('opentagstart', () => {
    // saxes has read the character after the name: when it is a line end, the tag began a line above.
    const after = text.charCodeAt(parser.position - 1);
    tagStart = text.lastIndexOf('<', parser.position - 1);
    tagLine = parser.line - (after === 10 || after === 13 ? 1 : 0);
  });
  parser.on('opentag', (tag) => {
    const parentFrame = open[open.length - 1];
    const attributes: ScannedAttribute[] = [];
    const declarations = new Map<string, string>();
    for (const name in tag.attributes) {
      const attribute = tag.attributes[name]!;
      attributes.push({ name: attribute.name, value: attribute.value });
      if (name === 'xmlns') declarations.set('', attribute.value);
      else if (attribute.prefix === 'xmlns') declarations.set(attribute.local, attribute.value);
    }
    const siblingNames = parentFrame?.childNames ?? topLevelNames;
    const position = (siblingNames.get(tag.name) ?? 0) + 1;
    siblingNames.set(tag.name, position);
    const element: ScannedElement = {
      index: elements.length,
      name: tag.name,
      prefix: tag.prefix,
      localName: tag.local,
      namespaceUri: unboundPrefixes.has(tag.prefix) ? '' : tag.uri,
      parent: parentFrame?.element.index ?? -1,
      position,
      line: tagLine,
      startTagEndLine: parser.line,
      start: tagStart,
      startTagEnd: parser.position,
      end: undefined,
      selfClosing: tag.isSelfClosing,
      attributes,
      namespaceDeclarations: declarations,
    };
    unboundPrefixes.clear();
    elements.push(element);
    open.push({ element, childNames: new Map() });
    completeUpTo = parser.position;
  });
  parser.on('closetag', () => {
    const frame = open.pop();
    if (frame) {
      frame.element.end = parser.position;
      justClosed = frame.element;
    }
    completeUpTo = parser.position;
  });

  parser.write(text);
  ending = true;
  parser.close();
  for (const frame of open) problems.push({ line: frame.element.line, message: `Element <${frame.element.name}> is never closed` });

  return { elements, xmlDeclaration, doctype, problems };
}

/** The first markup from `from` that does not end: -1 if none. */
function unfinishedMarkupStart(text: string, from: number): number {
  for (let at = text.indexOf('<', from); at !== -1; at = text.indexOf('<', at + 1)) {
    const close = text.startsWith('<!--', at) ? '-->' : text.startsWith('<![CDATA[', at) ? ']]>' : text.startsWith('<?', at) ? '?>' : undefined;
    if (close === undefined) return at;
    const end = text.indexOf(close, at + 2);
    if (end === -1) return at;
    at = end;
  }
  return -1;
}

/** Why a text ends inside markup starting at `at` (-1: no markup left). */
function unfinishedMarkup(text: string, at: number): string {
  if (at < 0) return 'Unexpected end of the document';
  if (text.startsWith('<!--', at)) return 'Unterminated comment';
  if (text.startsWith('<![CDATA[', at)) return 'Unterminated CDATA section';
  if (text.startsWith('<?', at)) return 'Unterminated processing instruction';
  if (text.startsWith('<!DOCTYPE', at)) return 'Unterminated DOCTYPE';
  if (text.startsWith('</', at)) return 'Unterminated end tag';
  return "Malformed start tag or stray '<'";
}

/**
 * The element's path in the style `/ClinicalDocument/component/structuredBody/component[10]/section`:
 * names as written, with an `[n]` index only when a preceding sibling has the same name.
 */
export function elementPath(scan: XmlScan, element: ScannedElement): string {
  const steps: string[] = [];
  for (let current: ScannedElement | undefined = element; current; current = scan.elements[current.parent]) {
    steps.push(current.position > 1 ? `${current.name}[${current.position}]` : current.name);
    if (current.parent < 0) break;
  }
  return `/${steps.reverse().join('/')}`;
}

/** All namespace bindings in scope on `element` (prefix '' = default namespace; `xml` excluded). */
export function inScopeNamespaces(scan: XmlScan, element: ScannedElement): Map<string, string> {
  const chain: ScannedElement[] = [];
  for (let current: ScannedElement | undefined = element; current; current = scan.elements[current.parent]) {
    chain.push(current);
    if (current.parent < 0) break;
  }
  const bindings = new Map<string, string>();
  for (const ancestor of chain.reverse()) {
    for (const [prefix, uri] of ancestor.namespaceDeclarations) bindings.set(prefix, uri);
  }
  // xmlns="" undeclares the default namespace: it is simply not in scope any more.
  if (bindings.get('') === '') bindings.delete('');
  return bindings;
}

export interface ElementNameFilter {
  readonly localName: string;
  /** When given, the element must also be in this namespace ('' = no namespace). */
  readonly namespaceUri?: string | undefined;
}

/**
 * The element a validator most likely means when it reports `line` for an element named `name`.
 * libxml2 reports the line where the start tag ends, so the last matching element whose start
 * tag ends on that line wins; failing that, the last matching element whose start tag begins
 * at or before the line.
 */
export function findElementForLine(scan: XmlScan, line: number, name: ElementNameFilter): ScannedElement | undefined {
  const matches = (element: ScannedElement): boolean =>
    element.localName === name.localName && (name.namespaceUri === undefined || element.namespaceUri === name.namespaceUri);

  let fallback: ScannedElement | undefined;
  for (let i = lastIndexStartingAtOrBefore(scan.elements, line); i >= 0; i--) {
    const element = scan.elements[i];
    if (!element) continue;
    // Start tags end in document order: once they end before the line, no exact match is left.
    if (element.startTagEndLine < line && fallback) break;
    if (!matches(element)) continue;
    if (element.startTagEndLine === line) return element;
    fallback ??= element;
    if (element.startTagEndLine < line) break;
  }
  return fallback;
}

function lastIndexStartingAtOrBefore(elements: readonly ScannedElement[], line: number): number {
  let low = 0;
  let high = elements.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((elements[middle]?.line ?? Infinity) <= line) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/**
 * Maps offsets to 1-based line numbers, counting line ends the way XML normalises them
 * (`\r\n`, lone `\r` and `\n` each end one line). Offsets must be asked in ascending order,
 * which keeps the whole scan linear.
 */
class LineCounter {
  private offset = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  lineAt(target: number): number {
    if (target < this.offset) {
      this.offset = 0;
      this.line = 1;
    }
    const text = this.text;
    for (let pos = this.offset; pos < target; pos++) {
      const code = text.charCodeAt(pos);
      if (code === 10) this.line++;
      else if (code === 13 && text.charCodeAt(pos + 1) !== 10) this.line++;
    }
    this.offset = target;
    return this.line;
  }
}
