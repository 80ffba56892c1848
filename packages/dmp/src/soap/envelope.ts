// SOAP 1.2 envelope with WS-Addressing and the WS-Security header carrying the VIHF (§3.2).
import { randomUUID } from 'node:crypto';
import { NS } from './namespaces.js';
import { escapeXml } from './xml.js';

export interface EnvelopeInput {
  action: string;
  /** The endpoint URL (wsa:To). */
  to: string;
  /** wsa:MessageID; default a fresh `urn:uuid:`. */
  messageId?: string;
  /** The signed saml2:Assertion (no XML declaration); omitted → no wsse:Security header. */
  vihf?: string;
  /** The body content (one element, with its own namespace declarations). */
  body: string;
  /** Further header blocks (each one element with its own namespace declarations), after wsa:To — e.g. INSi's ContexteLPS. */
  headers?: readonly string[];
}

function stripXmlDeclaration(xml: string): string {
  return xml.replace(/^\s*<\?xml[^?]*\?>\s*/, '');
}

export function soapEnvelope(input: EnvelopeInput): string {
  const messageId = input.messageId ?? `urn:uuid:${randomUUID()}`;
  const security = input.vihf ? `<wsse:Security xmlns:wsse="${NS.wsse}" soap:mustUnderstand="true">${stripXmlDeclaration(input.vihf)}</wsse:Security>` : '';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soap:Envelope xmlns:soap="${NS.soap}" xmlns:wsa="${NS.wsa}">` +
    `<soap:Header>` +
    `<wsa:Action soap:mustUnderstand="true">${escapeXml(input.action)}</wsa:Action>` +
    `<wsa:MessageID>${escapeXml(messageId)}</wsa:MessageID>` +
    `<wsa:ReplyTo><wsa:Address>http://www.w3.org/2005/08/addressing/anonymous</wsa:Address></wsa:ReplyTo>` +
    `<wsa:To soap:mustUnderstand="true">${escapeXml(input.to)}</wsa:To>` +
    (input.headers ?? []).map(stripXmlDeclaration).join('') +
    security +
    `</soap:Header>` +
    `<soap:Body>${stripXmlDeclaration(input.body)}</soap:Body>` +
    `</soap:Envelope>`
  );
}

/** Content-Type of a plain (non-MTOM) SOAP 1.2 request. */
export function plainSoapContentType(action: string): string {
  return `application/soap+xml; charset=UTF-8; action="${action}"`;
}
