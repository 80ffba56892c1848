// Streams a CDA with saxes and keeps only its header: the HL7 elements of ClinicalDocument
// outside its `component` (the body can be megabytes; nothing of it goes into the metadata).
// The ClinicalDocument may be the root or, in an ANS "auto-présentable" document, sit inside an
// XSLT stylesheet: the first one in the HL7 namespace is read either way.
// The DMP simulator reads the same header with its own code (`@dcc-kit/dmp-simulator`'s
// cda-read.ts) on purpose: it checks these metadata against the CDA as the platform does, and a
// shared reader would let one bug pass both sides unseen. Only facts of the spec (the INS OIDs)
// are shared.
import { SaxesParser } from 'saxes';

export const HL7_NS = 'urn:hl7-org:v3';

/** A header element: HL7 local name, attributes without namespace, text, children. */
export interface HeaderElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: HeaderElement[];
  text: string;
}

export interface CdaHeader {
  readonly root: HeaderElement;
  /** True when the ClinicalDocument was not the document element. */
  readonly wrapped: boolean;
}

export type HeaderReadResult = { header: CdaHeader } | { problem: 'malformed' | 'not-cda'; message: string };

/** Reads the header of a CDA given as text. */
export function readCdaHeader(xml: string): HeaderReadResult {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: HeaderElement[] = [];
  let root: HeaderElement | undefined;
  let wrapped = false;
  let depth = 0; // depth of every element, to know the document element
  let skipDepth = 0; // > 0 while inside ClinicalDocument/component or a non-HL7 element of the header
  let done = false;
  parser.on('opentag', (tag) => {
    depth++;
    if (done) return;
    if (skipDepth > 0) {
      skipDepth++;
      return;
    }
    if (stack.length === 0) {
      if (tag.uri === HL7_NS && tag.local === 'ClinicalDocument') {
        root = { name: tag.local, attributes: attributesOf(tag.attributes), children: [], text: '' };
        wrapped = depth > 1;
        stack.push(root);
      }
      return;
    }
    const parent = stack[stack.length - 1]!;
    if (tag.uri !== HL7_NS || (stack.length === 1 && tag.local === 'component')) {
      skipDepth = 1;
      return;
    }
    const element: HeaderElement = { name: tag.local, attributes: attributesOf(tag.attributes), children: [], text: '' };
    parent.children.push(element);
    stack.push(element);
  });
  parser.on('text', (text) => {
    if (!done && skipDepth === 0 && stack.length > 0) stack[stack.length - 1]!.text += text;
  });
  parser.on('cdata', (text) => {
    if (!done && skipDepth === 0 && stack.length > 0) stack[stack.length - 1]!.text += text;
  });
  parser.on('closetag', () => {
    depth--;
    if (done) return;
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    if (stack.length > 0) {
      stack.pop();
      if (stack.length === 0) done = true;
    }
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    return { problem: 'malformed', message: `not well-formed XML: ${(error as Error).message.split('\n')[0]}` };
  }
  if (root === undefined) return { problem: 'not-cda', message: 'no ClinicalDocument element in the HL7 v3 namespace (urn:hl7-org:v3)' };
  return { header: { root, wrapped } };
}

function attributesOf(attributes: Record<string, { uri: string; local: string; value: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const attribute of Object.values(attributes)) {
    // Unqualified attributes by local name; xsi:type kept as 'xsi:type'; namespace declarations dropped.
    if (attribute.uri === '') out[attribute.local] = attribute.value;
    else if (attribute.uri === 'http://www.w3.org/2001/XMLSchema-instance') out[`xsi:${attribute.local}`] = attribute.value;
  }
  return out;
}

/** The children of `element` named `name`. */
export function childrenNamed(element: HeaderElement | undefined, name: string): HeaderElement[] {
  return element === undefined ? [] : element.children.filter((c) => c.name === name);
}

/** The first element at `path` (slash-separated child names) below `element`. */
export function first(element: HeaderElement | undefined, path: string): HeaderElement | undefined {
  let current = element;
  for (const step of path.split('/')) {
    if (current === undefined) return undefined;
    current = current.children.find((c) => c.name === step);
  }
  return current;
}

/** Every element at `path` below `element` (all branches). */
export function all(element: HeaderElement | undefined, path: string): HeaderElement[] {
  let current = element === undefined ? [] : [element];
  for (const step of path.split('/')) current = current.flatMap((e) => childrenNamed(e, step));
  return current;
}

/** The text of an element, whitespace collapsed and trimmed ('' when absent). */
export function textOf(element: HeaderElement | undefined): string {
  return element === undefined ? '' : element.text.replace(/\s+/g, ' ').trim();
}
