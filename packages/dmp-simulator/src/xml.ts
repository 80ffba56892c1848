// XML reading for the simulator: a namespace-aware DOM (xmldom) and XPath over it, with the
// namespaces of SOAP 1.2, WS-*, SAML 2, ebRIM 3, XDS.b, HL7 v3 and XML-DSig/XAdES.
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import xpath from 'xpath';

export const NS = {
  env: 'http://www.w3.org/2003/05/soap-envelope',
  soap11: 'http://schemas.xmlsoap.org/soap/envelope/',
  wsa: 'http://www.w3.org/2005/08/addressing',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  xades: 'http://uri.etsi.org/01903/v1.3.2#',
  rim: 'urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0',
  lcm: 'urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0',
  rs: 'urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0',
  query: 'urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0',
  xdsb: 'urn:ihe:iti:xds-b:2007',
  xop: 'http://www.w3.org/2004/08/xop/include',
  hl7: 'urn:hl7-org:v3',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

// Parsed XPath expressions are cached: parsing costs more than evaluating on small contexts.
const parsed = new Map<string, { select(options: { node: Node; namespaces: Record<string, string> }): Node[] }>();
function select(expression: string, context: Node): Node[] {
  let compiled = parsed.get(expression);
  if (!compiled) {
    compiled = (xpath as unknown as { parse(e: string): NonNullable<typeof compiled> }).parse(expression);
    parsed.set(expression, compiled);
  }
  return compiled.select({ node: context, namespaces: NS });
}

export class XmlSyntaxError extends Error {}

/** Parses XML; any well-formedness error throws XmlSyntaxError (xmldom would otherwise recover). */
export function parseXml(text: string): Document {
  const problems: string[] = [];
  const parser = new DOMParser({
    errorHandler: {
      warning: () => undefined,
      error: (message: string) => problems.push(message),
      fatalError: (message: string) => problems.push(message),
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(text, 'text/xml') as unknown as Document;
  } catch (error) {
    throw new XmlSyntaxError(error instanceof Error ? error.message : String(error));
  }
  if (problems.length > 0 || !doc || !doc.documentElement) throw new XmlSyntaxError(problems[0] ?? 'not XML');
  return doc;
}

export function nodes(expression: string, context: Node): Node[] {
  return select(expression, context);
}

export function elements(expression: string, context: Node): Element[] {
  return nodes(expression, context).filter((n): n is Element => n.nodeType === 1);
}

export function element(expression: string, context: Node): Element | undefined {
  return elements(expression, context)[0];
}

/** The string value of the first node matched (attribute value or element text), trimmed; undefined when nothing matches. */
export function text(expression: string, context: Node): string | undefined {
  const found = nodes(expression, context)[0];
  if (found === undefined) return undefined;
  const value = found.nodeType === 2 ? (found as Attr).value : (found.textContent ?? '');
  return value.trim();
}

export function texts(expression: string, context: Node): string[] {
  return nodes(expression, context).map((n) => (n.nodeType === 2 ? (n as Attr).value : (n.textContent ?? '')).trim());
}

export function serialize(node: Node): string {
  return new XMLSerializer().serializeToString(node as never);
}

/** Escapes text for element content and attribute values. */
export function esc(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
