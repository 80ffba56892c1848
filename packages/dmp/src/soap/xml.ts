// Small XML helpers over @xmldom/xmldom (the DOM xml-crypto itself uses).
import { DOMParser } from '@xmldom/xmldom';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** Parses XML, throwing (instead of xmldom's console warnings) on any well-formedness error. */
export function parseXml(text: string, what = 'XML'): Document {
  const problems: string[] = [];
  const record = (msg: string): void => {
    problems.push(msg.split('\n')[0] ?? msg);
  };
  const doc = new DOMParser({ errorHandler: { warning: () => undefined, error: record, fatalError: record } }).parseFromString(text, 'application/xml');
  if (problems.length > 0 || !doc || !doc.documentElement) throw new Error(`${what} is not well-formed: ${problems[0] ?? 'no root element'}`);
  return doc as unknown as Document;
}

export function elementChildren(parent: Node): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

/** Descendant elements with this namespace and local name, in document order. */
export function descendants(parent: Document | Element, ns: string, localName: string): Element[] {
  return Array.from(parent.getElementsByTagNameNS(ns, localName));
}

export function firstDescendant(parent: Document | Element, ns: string, localName: string): Element | undefined {
  return descendants(parent, ns, localName)[0];
}

export function childrenNamed(parent: Element, ns: string, localName: string): Element[] {
  return elementChildren(parent).filter((e) => e.namespaceURI === ns && e.localName === localName);
}

export function textOf(el: Element | undefined): string {
  return (el?.textContent ?? '').trim();
}
