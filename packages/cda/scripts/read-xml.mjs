// The XML reader of the cda build scripts (generate-value-sets, generate-privacy-notice) and of
// examples/check-coverage.mjs: saxes (strict, namespace-aware) into callbacks or a small tree.
// Plain JavaScript because it runs from `npm run build` before tsc. saxes decodes references,
// normalises line ends and attribute values, and refuses what is not well-formed or
// namespace-well-formed (an undeclared entity, an unbound prefix, a mismatched end tag…).
import { SaxesParser } from 'saxes';

/** The text is not well-formed XML. The message starts with `<file>:<line>:<column>:`. */
export class XmlFormatError extends Error {}

/**
 * Streams the elements of an XML text: handler.open({ ns, local, qname, attrs }),
 * handler.text(string) (text and CDATA inside the root element, references decoded),
 * handler.close(element). `ns` is null for no namespace; `attrs` is keyed by qualified name.
 * @throws {XmlFormatError}
 */
export function scanXml(source, file, handler) {
  const parser = new SaxesParser({ xmlns: true, position: true, fileName: file });
  const open = [];
  parser.on('error', (error) => {
    throw new XmlFormatError(error.message.replace(/undefined entity\.$/, 'undeclared entity.'));
  });
  parser.on('opentag', (tag) => {
    const attrs = Object.create(null);
    for (const name in tag.attributes) attrs[name] = tag.attributes[name].value;
    const element = { ns: tag.uri === '' ? null : tag.uri, local: tag.local, qname: tag.name, attrs };
    open.push(element);
    handler.open?.(element);
  });
  parser.on('closetag', () => handler.close?.(open.pop()));
  const text = (value) => {
    if (open.length > 0) handler.text?.(value);
  };
  parser.on('text', text);
  parser.on('cdata', text);
  parser.write(source.charCodeAt(0) === 0xfeff ? source.slice(1) : source).close();
}

/**
 * Parses an XML text into a tree of { ns, local, qname, attrs, children, text, content }:
 * `children` are the child elements, `text` the element's own text (CDATA included) and
 * `content` its text and child elements in document order.
 * @throws {XmlFormatError}
 */
export function parseXml(source, file = 'input') {
  let root;
  const stack = [];
  scanXml(source, file, {
    open(element) {
      const node = { ...element, children: [], text: '', content: [] };
      const parent = stack[stack.length - 1];
      if (parent === undefined) root = node;
      else {
        parent.children.push(node);
        parent.content.push(node);
      }
      stack.push(node);
    },
    text(value) {
      const node = stack[stack.length - 1];
      node.text += value;
      node.content.push(value);
    },
    close() {
      stack.pop();
    },
  });
  return root;
}

/** Every text of the element and its descendants, in document order (the DOM's textContent). */
export function textContent(node) {
  return node.content.map((part) => (typeof part === 'string' ? part : textContent(part))).join('');
}

/** The descendant elements of `node` (document order) with this namespace (null: none) and local name. */
export function* descendants(node, ns, local) {
  for (const child of node.children) {
    if (child.ns === ns && child.local === local) yield child;
    yield* descendants(child, ns, local);
  }
}
