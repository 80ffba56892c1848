/**
 * A small, dependency-free XML scanner that records every element with its line, offsets,
 * attributes and namespace bindings, so that a line number reported by a validator can be
 * turned back into an element path, and so that a sub-tree can be cut out of a document
 * without a full parser.
 *
 * It is deliberately lenient: it never throws, and on malformed input it records a problem
 * and carries on as best it can. It is not a well-formedness checker (xmllint is).
 */

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

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const NAME = /[^\s/>=<"']+/y;
const WHITESPACE = /\s*/y;

/** Scans `text` and returns its elements in document order. Never throws. */
export function scanXml(text: string): XmlScan {
  const elements: ScannedElement[] = [];
  const problems: ScanProblem[] = [];
  const lines = new LineCounter(text);
  let xmlDeclaration: TextRange | undefined;
  let doctype: TextRange | undefined;

  // Open elements, innermost last, with the names of their children seen so far (for positions).
  const open: Array<{ element: ScannedElement; namespaces: ReadonlyMap<string, string>; childNames: Map<string, number> }> = [];
  const topLevelNames = new Map<string, number>();
  const rootNamespaces: ReadonlyMap<string, string> = new Map([['xml', XML_NAMESPACE]]);

  const problem = (offset: number, message: string): void => {
    problems.push({ line: lines.lineAt(offset), message });
  };

  let pos = 0;
  for (;;) {
    const lt = text.indexOf('<', pos);
    if (lt < 0) break;

    if (text.startsWith('<!--', lt)) {
      const close = text.indexOf('-->', lt + 4);
      if (close < 0) { problem(lt, 'Unterminated comment'); break; }
      pos = close + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const close = text.indexOf(']]>', lt + 9);
      if (close < 0) { problem(lt, 'Unterminated CDATA section'); break; }
      pos = close + 3;
    } else if (text.startsWith('<?', lt)) {
      const close = text.indexOf('?>', lt + 2);
      if (close < 0) { problem(lt, 'Unterminated processing instruction'); break; }
      if (/^<\?xml\s/.test(text.slice(lt, lt + 6)) && (lt === 0 || (lt === 1 && text.charCodeAt(0) === 0xfeff))) {
        xmlDeclaration = { start: lt, end: close + 2 };
      }
      pos = close + 2;
    } else if (text.startsWith('<!DOCTYPE', lt)) {
      const end = doctypeEnd(text, lt + 9);
      if (end < 0) { problem(lt, 'Unterminated DOCTYPE'); break; }
      doctype = { start: lt, end };
      pos = end;
    } else if (text.startsWith('</', lt)) {
      NAME.lastIndex = lt + 2;
      const match = NAME.exec(text);
      const close = text.indexOf('>', lt + 2);
      if (close < 0) { problem(lt, 'Unterminated end tag'); break; }
      const name = match?.[0] ?? '';
      pos = close + 1;
      // Close up to the matching open element, so one stray end tag does not derail the rest.
      let matching = open.length - 1;
      while (matching >= 0 && open[matching]?.element.name !== name) matching--;
      if (matching < 0) {
        problem(lt, `End tag </${name}> without a matching start tag`);
        continue;
      }
      if (matching !== open.length - 1) problem(lt, `End tag </${name}> closes unclosed elements`);
      const closing = open[matching];
      if (closing) closing.element.end = pos;
      open.length = matching;
    } else if (text.startsWith('<!', lt)) {
      problem(lt, 'Unexpected markup declaration outside a DOCTYPE');
      const close = text.indexOf('>', lt);
      if (close < 0) break;
      pos = close + 1;
    } else {
      const tag = parseStartTag(text, lt);
      if (!tag) {
        problem(lt, "Malformed start tag or stray '<'");
        pos = lt + 1;
        continue;
      }
      const parentFrame = open[open.length - 1];
      if (!parentFrame && topLevelNames.size > 0) problem(lt, 'More than one top-level element');

      const declarations = new Map<string, string>();
      for (const attribute of tag.attributes) {
        if (attribute.name === 'xmlns') declarations.set('', attribute.value);
        else if (attribute.name.startsWith('xmlns:')) declarations.set(attribute.name.slice(6), attribute.value);
      }
      const inheritedNamespaces = parentFrame?.namespaces ?? rootNamespaces;
      const namespaces = declarations.size === 0 ? inheritedNamespaces : new Map([...inheritedNamespaces, ...declarations]);

      const colon = tag.name.indexOf(':');
      const prefix = colon > 0 ? tag.name.slice(0, colon) : '';
      const localName = colon > 0 ? tag.name.slice(colon + 1) : tag.name;
      const namespaceUri = namespaces.get(prefix) ?? '';

      const siblingNames = parentFrame?.childNames ?? topLevelNames;
      const position = (siblingNames.get(tag.name) ?? 0) + 1;
      siblingNames.set(tag.name, position);

      const element: ScannedElement = {
        index: elements.length,
        name: tag.name,
        prefix,
        localName,
        namespaceUri,
        parent: parentFrame?.element.index ?? -1,
        position,
        line: lines.lineAt(lt),
        startTagEndLine: lines.lineAt(tag.end - 1),
        start: lt,
        startTagEnd: tag.end,
        end: tag.selfClosing ? tag.end : undefined,
        selfClosing: tag.selfClosing,
        attributes: tag.attributes,
        namespaceDeclarations: declarations,
      };
      elements.push(element);
      if (!tag.selfClosing) open.push({ element, namespaces, childNames: new Map() });
      pos = tag.end;
    }
  }
  for (const frame of open) problem(frame.element.start, `Element <${frame.element.name}> is never closed`);

  return { elements, xmlDeclaration, doctype, problems };
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

interface StartTag {
  readonly name: string;
  readonly attributes: ScannedAttribute[];
  readonly selfClosing: boolean;
  /** Offset just after the closing `>`. */
  readonly end: number;
}

function parseStartTag(text: string, lt: number): StartTag | undefined {
  NAME.lastIndex = lt + 1;
  const nameMatch = NAME.exec(text);
  if (!nameMatch) return undefined;
  const attributes: ScannedAttribute[] = [];
  let pos = NAME.lastIndex;
  for (;;) {
    WHITESPACE.lastIndex = pos;
    WHITESPACE.exec(text);
    pos = WHITESPACE.lastIndex;
    const char = text[pos];
    if (char === undefined) return undefined;
    if (char === '>') return { name: nameMatch[0], attributes, selfClosing: false, end: pos + 1 };
    if (char === '/' && text[pos + 1] === '>') return { name: nameMatch[0], attributes, selfClosing: true, end: pos + 2 };

    NAME.lastIndex = pos;
    const attributeName = NAME.exec(text);
    if (!attributeName) return undefined;
    WHITESPACE.lastIndex = NAME.lastIndex;
    WHITESPACE.exec(text);
    pos = WHITESPACE.lastIndex;
    if (text[pos] !== '=') return undefined;
    WHITESPACE.lastIndex = pos + 1;
    WHITESPACE.exec(text);
    pos = WHITESPACE.lastIndex;
    const quote = text[pos];
    if (quote !== '"' && quote !== "'") return undefined;
    const closingQuote = text.indexOf(quote, pos + 1);
    if (closingQuote < 0) return undefined;
    attributes.push({ name: attributeName[0], value: decodeEntities(text.slice(pos + 1, closingQuote)) });
    pos = closingQuote + 1;
  }
}

/** Offset just after the DOCTYPE's closing `>`, skipping quoted strings, comments and PIs of the internal subset; -1 if unterminated. */
function doctypeEnd(text: string, from: number): number {
  let inSubset = false;
  for (let pos = from; pos < text.length; pos++) {
    const char = text[pos];
    if (char === '"' || char === "'") {
      const close = text.indexOf(char, pos + 1);
      if (close < 0) return -1;
      pos = close;
    } else if (inSubset && text.startsWith('<!--', pos)) {
      const close = text.indexOf('-->', pos + 4);
      if (close < 0) return -1;
      pos = close + 2;
    } else if (inSubset && text.startsWith('<?', pos)) {
      const close = text.indexOf('?>', pos + 2);
      if (close < 0) return -1;
      pos = close + 1;
    } else if (char === '[') {
      inSubset = true;
    } else if (char === ']') {
      inSubset = false;
    } else if (char === '>' && !inSubset) {
      return pos + 1;
    }
  }
  return -1;
}

const PREDEFINED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g, (reference, body: string) => {
    if (body.startsWith('#x')) return safeFromCodePoint(parseInt(body.slice(2), 16)) ?? reference;
    if (body.startsWith('#')) return safeFromCodePoint(parseInt(body.slice(1), 10)) ?? reference;
    return PREDEFINED_ENTITIES[body] ?? reference;
  });
}

function safeFromCodePoint(codePoint: number): string | undefined {
  return Number.isInteger(codePoint) && codePoint >= 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : undefined;
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
