// SOAP 1.2 over HTTP for the simulator: reading a request (plain application/soap+xml or MTOM/XOP
// multipart/related), and writing envelopes, faults and MTOM answers.
import { randomUUID } from 'node:crypto';
import { NS, XmlSyntaxError, element, esc, parseXml, text } from './xml.js';
import { Refused, SIM_REFUSALS, problem, type Problem } from './refusals.js';

export interface SoapRequest {
  envelope: Document;
  body: Element;
  action: string;
  messageId: string;
  /** MTOM attachments by Content-ID (without '<>' and 'cid:'). */
  attachments: Map<string, Uint8Array>;
  /** The root part as text (the whole envelope), for signature verification. */
  envelopeText: string;
}

function headerParams(value: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const match of value.matchAll(/;\s*([A-Za-z0-9_-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g)) {
    const raw = match[2]!.trim();
    params.set(match[1]!.toLowerCase(), raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw);
  }
  return params;
}

function indexOf(haystack: Buffer, needle: Buffer, from: number): number {
  return haystack.indexOf(needle, from);
}

interface MimePart { headers: Map<string, string>; body: Buffer }

function splitMultipart(body: Buffer, boundary: string): MimePart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MimePart[] = [];
  let pos = indexOf(body, delimiter, 0);
  if (pos < 0) throw new Refused([problem('SIM_MTOM_INVALID', 'Content-Type', 'boundary not found in the body')]);
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') break;
    const next = indexOf(body, delimiter, pos);
    if (next < 0) throw new Refused([problem('SIM_MTOM_INVALID', 'multipart', 'closing boundary missing')]);
    // part = CRLF headers CRLF CRLF body CRLF
    let part = body.subarray(pos, next);
    if (part.subarray(0, 2).toString() === '\r\n') part = part.subarray(2);
    if (part.subarray(part.length - 2).toString() === '\r\n') part = part.subarray(0, part.length - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) throw new Refused([problem('SIM_MTOM_INVALID', 'multipart', 'part without headers')]);
    const headers = new Map<string, string>();
    for (const line of part.subarray(0, split).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    parts.push({ headers, body: part.subarray(split + 4) });
    pos = next;
  }
  return parts;
}

function cidOf(value: string): string {
  return value.trim().replace(/^<|>$/g, '').replace(/^cid:/i, '');
}

/** Stage 1 of §5.3: a SOAP 1.2 envelope with a known wsa:Action and a wsa:MessageID. */
export function readSoapRequest(rawBody: Buffer, contentType: string | undefined): SoapRequest {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  let envelopeBytes: Buffer;
  const attachments = new Map<string, Uint8Array>();
  if (type === 'multipart/related') {
    const params = headerParams(contentType ?? '');
    const boundary = params.get('boundary');
    if (!boundary) throw new Refused([problem('SIM_MTOM_INVALID', 'Content-Type', 'multipart/related without boundary')]);
    const parts = splitMultipart(rawBody, boundary);
    const start = params.get('start');
    const root = start ? parts.find((p) => cidOf(p.headers.get('content-id') ?? '') === cidOf(start)) : parts[0];
    if (!root) throw new Refused([problem('SIM_MTOM_INVALID', 'Content-Type', 'root part (start) not found')]);
    const rootType = root.headers.get('content-type') ?? '';
    if (!/application\/xop\+xml/i.test(rootType) && !/application\/soap\+xml/i.test(rootType)) {
      throw new Refused([problem('SIM_MTOM_INVALID', 'Content-Type', 'root part is not application/xop+xml')]);
    }
    envelopeBytes = root.body;
    for (const part of parts) {
      if (part === root) continue;
      const id = part.headers.get('content-id');
      if (!id) throw new Refused([problem('SIM_MTOM_INVALID', 'Content-ID', 'attachment without Content-ID')]);
      const encoding = (part.headers.get('content-transfer-encoding') ?? 'binary').toLowerCase();
      attachments.set(cidOf(id), encoding === 'base64' ? Buffer.from(part.body.toString('latin1'), 'base64') : part.body);
    }
  } else if (type === 'application/soap+xml') {
    envelopeBytes = rawBody;
  } else {
    throw new Refused([problem('SIM_SOAP_INVALID', 'Content-Type', `expected application/soap+xml or multipart/related, got '${type || 'none'}'`)]);
  }
  const envelopeText = envelopeBytes.toString('utf8');
  let envelope: Document;
  try {
    envelope = parseXml(envelopeText);
  } catch (error) {
    throw new Refused([problem('SIM_SOAP_INVALID', 'env:Envelope', error instanceof XmlSyntaxError ? 'not well-formed XML' : 'unreadable')]);
  }
  const root = envelope.documentElement;
  if (root.localName !== 'Envelope' || root.namespaceURI !== NS.env) {
    throw new Refused([problem('SIM_SOAP_INVALID', 'env:Envelope', root.namespaceURI === NS.soap11 ? 'SOAP 1.1 envelope; SOAP 1.2 required' : 'root element is not a SOAP 1.2 Envelope')]);
  }
  const body = element('/env:Envelope/env:Body/*', envelope);
  if (!body) throw new Refused([problem('SIM_SOAP_INVALID', 'env:Body', 'empty or missing SOAP Body')]);
  // The Content-Type `action` parameter is informative; the WS-Addressing header is what counts (§3.2).
  const action = text('/env:Envelope/env:Header/wsa:Action', envelope);
  if (!action) throw new Refused([problem('SIM_ACTION_INVALID', 'wsa:Action', 'missing')]);
  const messageId = text('/env:Envelope/env:Header/wsa:MessageID', envelope);
  if (!messageId) throw new Refused([problem('SIM_MESSAGE_ID_MISSING', 'wsa:MessageID')]);
  return { envelope, body, action, messageId, attachments, envelopeText };
}

/** The bytes of an xdsb:Document: an xop:Include pointing at an attachment, or inline base64. */
export function documentBytes(doc: Element, request: SoapRequest): Uint8Array | undefined {
  const include = element('xop:Include', doc);
  if (include) return request.attachments.get(cidOf(include.getAttribute('href') ?? ''));
  return Buffer.from((doc.textContent ?? '').replace(/\s+/g, ''), 'base64');
}

export interface SoapAnswer { status: number; contentType: string; body: Buffer }

export function envelope(action: string, relatesTo: string | undefined, bodyXml: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<env:Envelope xmlns:env="${NS.env}" xmlns:wsa="${NS.wsa}"><env:Header>` +
    `<wsa:Action env:mustUnderstand="1">${esc(action)}</wsa:Action>` +
    `<wsa:MessageID>urn:uuid:${randomUUID()}</wsa:MessageID>` +
    (relatesTo ? `<wsa:RelatesTo>${esc(relatesTo)}</wsa:RelatesTo>` : '') +
    `</env:Header><env:Body>${bodyXml}</env:Body></env:Envelope>`
  );
}

export function soapAnswer(action: string, relatesTo: string | undefined, bodyXml: string): SoapAnswer {
  return { status: 200, contentType: `application/soap+xml; charset=UTF-8; action="${action}"`, body: Buffer.from(envelope(action, relatesTo, bodyXml)) };
}

/** A SOAP 1.2 Fault: env:Sender (HTTP 400) for the caller's mistakes, env:Receiver (HTTP 500) for ours. */
export function soapFault(p: Problem, relatesTo?: string, side: 'Sender' | 'Receiver' = 'Sender'): SoapAnswer {
  const refusal = SIM_REFUSALS[p.code];
  const detail = p.detail ? ` (${p.detail})` : '';
  const xml =
    `<env:Fault><env:Code><env:Value>env:${side}</env:Value><env:Subcode><env:Value xmlns:sim="urn:dcc-kit:dmp-simulator">sim:${esc(refusal.errorCode)}</env:Value></env:Subcode></env:Code>` +
    `<env:Reason><env:Text xml:lang="fr">${esc(`${p.code}: ${refusal.fr}${detail}`)}</env:Text><env:Text xml:lang="en">${esc(`${p.code}: ${refusal.en}${detail}`)}</env:Text></env:Reason>` +
    `<env:Detail><sim:Refusal xmlns:sim="urn:dcc-kit:dmp-simulator" code="${esc(p.code)}" location="${esc(p.location)}"/></env:Detail></env:Fault>`;
  return {
    status: side === 'Sender' ? 400 : 500,
    contentType: 'application/soap+xml; charset=UTF-8',
    body: Buffer.from(envelope('http://www.w3.org/2005/08/addressing/soap/fault', relatesTo, xml)),
  };
}

/** An MTOM answer (ITI-43): the envelope as the xop root part and one part per attachment. */
export function mtomAnswer(action: string, relatesTo: string | undefined, bodyXml: string, attachments: { cid: string; mimeType: string; bytes: Uint8Array }[]): SoapAnswer {
  const boundary = `MIMEBoundary_${randomUUID().replace(/-/g, '')}`;
  const rootCid = `root.${randomUUID()}@dmp-simulator`;
  const chunks: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Type: application/xop+xml; charset=UTF-8; type="application/soap+xml"\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <${rootCid}>\r\n\r\n`,
    ),
    Buffer.from(envelope(action, relatesTo, bodyXml)),
  ];
  for (const a of attachments) {
    chunks.push(Buffer.from(`\r\n--${boundary}\r\nContent-Type: ${a.mimeType}\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <${a.cid}>\r\n\r\n`), Buffer.from(a.bytes));
  }
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return {
    status: 200,
    contentType: `multipart/related; boundary="${boundary}"; type="application/xop+xml"; start="<${rootCid}>"; start-info="application/soap+xml"; action="${action}"`,
    body: Buffer.concat(chunks),
  };
}
