// XML layer of the parsers: saxes (strict, namespace-aware) builds a small DOM, and the DOM
// helpers the model readers use (child, children, attr, locations).
//
// saxes refuses what is not well-formed or namespace-well-formed and decodes every reference
// exactly once; malformed-xml.ts words its failures with the line, column and open-element
// path. It replaced xmlbuilder2's parser, which is lenient (it accepted `<a><b></a>`, truncated
// documents and undefined entities, and decoded `&amp;#x41;` twice), and with it the
// well-formedness pre-scan that worked around that. The DOM is ours: the parsers need only
// parent/child/sibling links, names and attributes, and building it costs less than a full DOM.
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { CdaParseError } from './errors.js';
import { invalidCharacter, malformedXml } from './malformed-xml.js';

export const HL7_NS = 'urn:hl7-org:v3';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** The part of the DOM the parsers use (a subset of the W3C DOM's). */
export interface DomNode {
  readonly nodeType: number;
  readonly parentNode: DomNode | null;
  readonly firstChild: DomNode | null;
  readonly nextSibling: DomNode | null;
}
export interface DomElement extends DomNode {
  readonly localName: string;
  readonly namespaceURI: string | null;
  readonly tagName: string;
  getAttribute(name: string): string | null;
  getAttributeNS(namespace: string | null, localName: string): string | null;
}
export interface DomCharacterData extends DomNode {
  readonly data: string;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const CDATA_SECTION_NODE = 4;

// ---------------------------------------------------------------- reading

class XmlText implements DomCharacterData {
  readonly firstChild = null;
  nextSibling: DomNode | null = null;
  constructor(
    readonly nodeType: typeof TEXT_NODE | typeof CDATA_SECTION_NODE,
    readonly data: string,
    readonly parentNode: XmlElement,
  ) {}
}

class XmlElement implements DomElement {
  readonly nodeType = ELEMENT_NODE;
  firstChild: DomNode | null = null;
  lastChild: XmlElement | XmlText | null = null;
  nextSibling: DomNode | null = null;
  readonly tagName: string;
  readonly localName: string;
  readonly namespaceURI: string | null;
  private readonly attributes: Record<string, SaxesAttributeNS>;

  constructor(
    tag: SaxesTagNS,
    readonly parentNode: XmlElement | null,
  ) {
    this.tagName = tag.name;
    this.localName = tag.local;
    this.namespaceURI = tag.uri === '' ? null : tag.uri;
    this.attributes = tag.attributes; // saxes makes it with a null prototype
  }

  append(node: XmlElement | XmlText): void {
    if (this.lastChild) this.lastChild.nextSibling = node;
    else this.firstChild = node;
    this.lastChild = node;
  }

  getAttribute(name: string): string | null {
    const attribute = this.attributes[name];
    return attribute === undefined ? null : attribute.value;
  }

  getAttributeNS(namespace: string | null, localName: string): string | null {
    for (const name in this.attributes) {
      const attribute = this.attributes[name]!;
      if (attribute.local === localName && (attribute.uri === '' ? null : attribute.uri) === namespace) return attribute.value;
    }
    return null;
  }
}

/** String.prototype.isWellFormed (ES2024, Node 20): false when the text has a lone surrogate. */
const isWellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

/**
 * Parses an XML string into a DOM, refusing what is not well-formed.
 * Throws CdaParseError('malformed-xml') with the line, column and open-element path.
 */
export function parseXml(xml: string): DomElement {
  if (typeof xml !== 'string') throw new CdaParseError('malformed-xml', '', 'The document must be a string');
  let s = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  // End-of-line handling (XML 1.0 §2.11) before parsing, so that offsets count lines as they read.
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
  const text = s;
  // saxes reads UTF-16 code units and pairs a lone high surrogate with whatever follows it.
  if (!isWellFormed(text)) {
    const invalid = invalidCharacter(text)!;
    throw malformedXml(text, { message: invalid.detail, offset: invalid.offset, completeUpTo: 0, open: null, justClosed: null });
  }

  const parser = new SaxesParser({ xmlns: true, position: true });
  let root: XmlElement | null = null;
  let open: XmlElement | null = null;
  let justClosed: XmlElement | null = null;
  /** Offset after the last start or end tag: where malformed-xml.ts looks for what is unfinished. */
  let completeUpTo = 0;
  parser.on('error', (error) => {
    const message = error.message.replace(/^\d+:\d+: /, '');
    throw malformedXml(text, { message, offset: parser.position, completeUpTo, open, justClosed });
  });
  parser.on('opentag', (tag) => {
    const element = new XmlElement(tag, open);
    if (open) open.append(element);
    else root = element;
    open = element;
    completeUpTo = parser.position;
  });
  parser.on('closetag', () => {
    justClosed = open;
    open = open!.parentNode;
    completeUpTo = parser.position;
  });
  parser.on('text', (data) => {
    if (open) open.append(new XmlText(TEXT_NODE, data, open));
  });
  parser.on('cdata', (data) => {
    open!.append(new XmlText(CDATA_SECTION_NODE, data, open!));
  });
  // No more handlers than these five: saxes stores each one as a new property of the parser,
  // and with nine of them (comments, PIs, DOCTYPE…) V8 made the parser object slow to access:
  // parsing took 3-5× longer. What a failure needs about those constructs, malformed-xml.ts
  // finds in the text.
  parser.write(text).close();
  return root!;
}

// ---------------------------------------------------------------- DOM helpers

export function isElement(n: DomNode | null): n is DomElement {
  return n !== null && n.nodeType === ELEMENT_NODE;
}

/** First child element with this local name. */
export function child(el: DomElement | undefined, name: string): DomElement | undefined {
  if (!el) return undefined;
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === ELEMENT_NODE && (n as DomElement).localName === name) return n as DomElement;
  return undefined;
}

/** Child elements with this local name (every child element when name is omitted). */
export function children(el: DomElement | undefined, name?: string): DomElement[] {
  const out: DomElement[] = [];
  if (!el) return out;
  for (let n = el.firstChild; n; n = n.nextSibling)
    if (n.nodeType === ELEMENT_NODE && (name === undefined || (n as DomElement).localName === name)) out.push(n as DomElement);
  return out;
}

/** Follows a path of local names (first match at each step). */
export function path(el: DomElement | undefined, ...names: string[]): DomElement | undefined {
  let cur = el;
  for (const n of names) cur = child(cur, n);
  return cur;
}

/** Attribute value, undefined when absent. */
export function attr(el: DomElement | undefined, name: string): string | undefined {
  if (!el) return undefined;
  const v = el.getAttribute(name);
  return v === null ? undefined : v;
}

/** `xsi:type`, whatever the prefix bound to the XSI namespace. */
export function xsiType(el: DomElement | undefined): string | undefined {
  if (!el) return undefined;
  const v = el.getAttributeNS(XSI_NS, 'type') ?? el.getAttribute('xsi:type');
  return v === null ? undefined : v;
}

/** Every text and CDATA descendant, concatenated as is (header texts: exact). */
export function textOf(el: DomElement | undefined): string | undefined {
  if (!el) return undefined;
  let out = '';
  const walk = (e: DomNode): void => {
    for (let n = e.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE) out += (n as DomCharacterData).data;
      else if (n.nodeType === ELEMENT_NODE) walk(n);
    }
  };
  walk(el);
  return out;
}

/** Descendant elements (document order) matching a predicate. */
export function descendants(el: DomElement | undefined, match: (e: DomElement) => boolean): DomElement[] {
  const out: DomElement[] = [];
  const walk = (e: DomElement): void => {
    for (let n = e.firstChild; n; n = n.nextSibling)
      if (n.nodeType === ELEMENT_NODE) {
        if (match(n as DomElement)) out.push(n as DomElement);
        walk(n as DomElement);
      }
  };
  if (el) walk(el);
  return out;
}

const displayName = (e: DomElement) => (e.namespaceURI === HL7_NS ? e.localName : e.tagName);

/** XPath-like location of an element: `/ClinicalDocument/component/structuredBody/component[3]/section`. */
export function locate(el: DomElement | undefined): string {
  if (!el) return '';
  const steps: string[] = [];
  for (let cur: DomNode | null = el; cur && cur.nodeType === ELEMENT_NODE; cur = cur.parentNode) {
    const e = cur as DomElement;
    let index = 1;
    let count = 0;
    const parent = e.parentNode;
    if (parent && parent.nodeType === ELEMENT_NODE) {
      for (let n = parent.firstChild; n; n = n.nextSibling)
        if (n.nodeType === ELEMENT_NODE && (n as DomElement).localName === e.localName) {
          count++;
          if (n === e) index = count;
        }
    }
    steps.push(count > 1 ? `${displayName(e)}[${index}]` : displayName(e));
  }
  return '/' + steps.reverse().join('/');
}
