// XML layer of the parsers: a well-formedness scan, then xmlbuilder2's DOM, and the small
// DOM helpers the model readers use (child, children, attr, locations).
//
// xmlbuilder2 (4.0.3) is a lenient parser: it accepts `<a><b></a>`, truncated documents and
// undefined entities without a word, and it decodes `&amp;#x41;` twice (to "A"), so a free
// text containing "&#x41;" would not come back. The scan below rejects what is not
// well-formed (with line, column and the path of the open elements), applies the XML 1.0
// end-of-line and attribute-value normalisations, and rewrites `&amp;` as `&#38;`, which
// xmlbuilder2's single numeric pass decodes exactly once.
import { create } from 'xmlbuilder2';
import { CdaParseError } from './errors.js';

export const HL7_NS = 'urn:hl7-org:v3';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** The part of the DOM (xmlbuilder2 / @oozcitak/dom) the parsers use. */
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

// ---------------------------------------------------------------- well-formedness

// XML 1.0 Char excludes C0 controls other than tab/LF/CR, U+FFFE/FFFF and lone surrogates.
// eslint-disable-next-line no-control-regex
const INVALID_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NAME = '[A-Za-z_:\\u00C0-\\uFFFF][-A-Za-z0-9_:.\\u00B7\\u00C0-\\uFFFF]*';
const START_NAME = new RegExp(NAME, 'y');
const ATTRIBUTE = new RegExp(`[ \\t\\n]+(${NAME})[ \\t\\n]*=[ \\t\\n]*(?:"([^"]*)"|'([^']*)')`, 'y');
const TAG_END = /[ \t\n]*(\/?)>/y;
const END_TAG = new RegExp(`</(${NAME})[ \\t\\n]*>`, 'y');
const REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));/y;

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

interface OpenElement {
  name: string;
  index: number;
  childCounts: Map<string, number> | undefined;
}

class Scanner {
  private readonly stack: OpenElement[] = [];
  private readonly rootChildren = new Map<string, number>();
  private readonly out: string[] = [];
  private copied = 0;

  constructor(private readonly s: string) {}

  fail(at: number, detail: string): never {
    let line = 1;
    let lineStart = 0;
    for (let i = this.s.indexOf('\n'); i !== -1 && i < at; i = this.s.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    const path = this.stack.map((e) => (e.index > 1 ? `${e.name}[${e.index}]` : e.name)).join('/');
    throw new CdaParseError('malformed-xml', `/${path}`, `Malformed XML, line ${line}, column ${at - lineStart + 1}: ${detail}`);
  }

  /** Replaces s[from, to) by `text` in the output. */
  private patch(from: number, to: number, text: string): void {
    this.out.push(this.s.slice(this.copied, from), text);
    this.copied = to;
  }

  private nextAmp = -2;
  private nextCdataEnd = -2;
  /** Next '&' at or after `from` (-1: none); the scan moves forward, so the cache keeps it linear. */
  private ampAfter(from: number): number {
    if (this.nextAmp !== -1 && this.nextAmp < from) this.nextAmp = this.s.indexOf('&', from);
    return this.nextAmp;
  }
  private cdataEndAfter(from: number): number {
    if (this.nextCdataEnd !== -1 && this.nextCdataEnd < from) this.nextCdataEnd = this.s.indexOf(']]>', from);
    return this.nextCdataEnd;
  }

  /** Checks the reference at `i`; rewrites `&amp;` as `&#38;`. Returns the index after it. */
  private reference(i: number, to: number): number {
    const s = this.s;
    REFERENCE.lastIndex = i;
    const m = REFERENCE.exec(s);
    if (!m || REFERENCE.lastIndex > to) this.fail(i, "'&' must start a character or entity reference (&amp; &lt; &gt; &quot; &apos; &#…;)");
    if (m[2] !== undefined || m[3] !== undefined) {
      const cp = m[2] !== undefined ? parseInt(m[2], 10) : parseInt(m[3]!, 16);
      if (!isXmlChar(cp)) this.fail(i, `character reference ${m[0]} is not an XML 1.0 character`);
    } else if (m[1] === 'amp') this.patch(i, i + 5, '&#38;');
    return REFERENCE.lastIndex;
  }

  /** Attribute value s[from, to): references, and a literal tab or line break is a space (XML 1.0 §3.3.3). */
  private attributeValue(from: number, to: number): void {
    const s = this.s;
    for (let i = from; i < to; ) {
      const c = s.charCodeAt(i);
      if (c === 0x26) i = this.reference(i, to);
      else {
        if (c === 0x9 || c === 0xa) this.patch(i, i + 1, ' ');
        i++;
      }
    }
  }

  private text(from: number, to: number): void {
    if (from >= to) return;
    const s = this.s;
    if (this.stack.length === 0) {
      const chunk = s.slice(from, to);
      const at = chunk.search(/[^ \t\n]/);
      if (at !== -1) this.fail(from + at, 'text outside the root element');
      return;
    }
    const cdataEnd = this.cdataEndAfter(from);
    if (cdataEnd !== -1 && cdataEnd < to) this.fail(cdataEnd, "']]>' is not allowed in character data");
    for (let i = this.ampAfter(from); i !== -1 && i < to; i = this.ampAfter(i + 1)) this.reference(i, to);
  }

  private openElement(name: string, at: number): OpenElement {
    const parent = this.stack[this.stack.length - 1];
    let counts: Map<string, number>;
    if (parent) counts = parent.childCounts ??= new Map();
    else {
      if (this.rootChildren.size > 0) this.fail(at, 'a second root element');
      counts = this.rootChildren;
    }
    const index = (counts.get(name) ?? 0) + 1;
    counts.set(name, index);
    return { name, index, childCounts: undefined };
  }

  run(): string {
    const s = this.s;
    const bad = INVALID_CHAR.exec(s);
    if (bad) this.fail(bad.index, `character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML 1.0`);
    let i = 0;
    for (;;) {
      const lt = s.indexOf('<', i);
      this.text(i, lt === -1 ? s.length : lt);
      if (lt === -1) break;
      if (s.startsWith('<!--', lt)) {
        const end = s.indexOf('-->', lt + 4);
        if (end === -1) this.fail(lt, 'unterminated comment');
        i = end + 3;
      } else if (s.startsWith('<![CDATA[', lt)) {
        if (this.stack.length === 0) this.fail(lt, 'CDATA section outside the root element');
        const end = s.indexOf(']]>', lt + 9);
        if (end === -1) this.fail(lt, 'unterminated CDATA section');
        i = end + 3;
      } else if (s.startsWith('<?', lt)) {
        const end = s.indexOf('?>', lt + 2);
        if (end === -1) this.fail(lt, 'unterminated processing instruction');
        i = end + 2;
      } else if (s.startsWith('<!DOCTYPE', lt)) {
        if (this.rootChildren.size > 0) this.fail(lt, 'DOCTYPE after the root element');
        const subset = s.indexOf('[', lt);
        const close = s.indexOf('>', lt);
        if (close === -1) this.fail(lt, 'unterminated DOCTYPE');
        if (subset !== -1 && subset < close) {
          const end = s.indexOf(']', subset);
          const gt = end === -1 ? -1 : s.indexOf('>', end);
          if (gt === -1) this.fail(lt, 'unterminated DOCTYPE');
          i = gt + 1;
        } else i = close + 1;
      } else if (s.charCodeAt(lt + 1) === 0x2f /* / */) {
        END_TAG.lastIndex = lt;
        const m = END_TAG.exec(s);
        if (!m) this.fail(lt, 'malformed end tag');
        const open = this.stack.pop();
        if (!open) this.fail(lt, `end tag </${m[1]}> without a start tag`);
        if (open.name !== m[1]) {
          this.stack.push(open);
          this.fail(lt, `end tag </${m[1]}> does not match the start tag <${open.name}>`);
        }
        i = END_TAG.lastIndex;
      } else {
        START_NAME.lastIndex = lt + 1;
        const name = START_NAME.exec(s);
        if (!name) this.fail(lt, "'<' must start a tag (write &lt; in text)");
        const element = this.openElement(name[0], lt);
        let at = START_NAME.lastIndex;
        let seen: Set<string> | undefined;
        for (;;) {
          ATTRIBUTE.lastIndex = at;
          const a = ATTRIBUTE.exec(s);
          if (!a) break;
          seen ??= new Set();
          if (seen.has(a[1]!)) this.fail(at, `attribute ${a[1]} given twice`);
          seen.add(a[1]!);
          const value = a[2] ?? a[3]!;
          const valueEnd = ATTRIBUTE.lastIndex - 1;
          const valueStart = valueEnd - value.length;
          if (value.includes('<')) this.fail(valueStart + value.indexOf('<'), "'<' is not allowed in an attribute value");
          if (/[&\t\n]/.test(value)) this.attributeValue(valueStart, valueEnd);
          at = ATTRIBUTE.lastIndex;
        }
        TAG_END.lastIndex = at;
        const end = TAG_END.exec(s);
        if (!end) {
          this.stack.push(element);
          this.fail(at, `malformed start tag <${name[0]}> (attributes must be name="value")`);
        }
        if (end[1] !== '/') this.stack.push(element);
        i = TAG_END.lastIndex;
      }
    }
    const open = this.stack[this.stack.length - 1];
    if (open) this.fail(s.length, `element <${open.name}> is not closed (truncated document?)`);
    if (this.rootChildren.size === 0) this.fail(s.length, 'no root element');
    if (this.copied === 0) return s;
    this.out.push(s.slice(this.copied));
    return this.out.join('');
  }
}

/**
 * Parses an XML string into a DOM with xmlbuilder2, after checking that it is well-formed.
 * Throws CdaParseError('malformed-xml') with the line, column and open-element path.
 */
export function parseXml(xml: string): DomElement {
  if (typeof xml !== 'string') throw new CdaParseError('malformed-xml', '', 'The document must be a string');
  let s = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  // End-of-line handling (XML 1.0 §2.11); a CR written as &#xD; stays a CR.
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
  const checked = new Scanner(s).run();
  let root: DomElement;
  try {
    root = create({ skipWhitespaceOnlyText: false }, checked).root().node as unknown as DomElement;
  } catch (e) {
    throw new CdaParseError('malformed-xml', '', `Malformed XML: ${(e as Error).message.split('\n')[0]}`);
  }
  return root;
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
