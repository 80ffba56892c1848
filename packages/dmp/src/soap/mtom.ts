// MTOM/XOP multipart/related, written by hand: node-soap writes SOAP 1.1 content types, and the
// DMP wants SOAP 1.2 with start-info="application/soap+xml" (dmp-mes.md §3.2, §8).
import { randomUUID } from 'node:crypto';

export interface MtomAttachment {
  /** Content-ID without angle brackets; `xop:Include href="cid:<contentId>"` points at it. */
  contentId: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface MtomMessage {
  /** The HTTP Content-Type header value. */
  contentType: string;
  body: Uint8Array;
  boundary: string;
  rootContentId: string;
}

const encoder = new TextEncoder();

/** `<xop:Include href="cid:…"/>` for an attachment (its Content-ID URL-encoded per RFC 2392). */
export function xopInclude(contentId: string): string {
  return `<xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:${encodeURIComponent(contentId).replace(/%40/g, '@')}"/>`;
}

export function buildMtom(envelope: string, attachments: readonly MtomAttachment[], options: { action?: string; boundary?: string; rootContentId?: string } = {}): MtomMessage {
  const boundary = options.boundary ?? `MIMEBoundary_${randomUUID().replace(/-/g, '')}`;
  const rootContentId = options.rootContentId ?? `root.${randomUUID()}@dcc-kit`;
  const action = options.action ? `; action="${options.action}"` : '';
  const chunks: Uint8Array[] = [];
  const push = (s: string): void => {
    chunks.push(encoder.encode(s));
  };
  push(`--${boundary}\r\n`);
  push(`Content-Type: application/xop+xml; charset=UTF-8; type="application/soap+xml"${action}\r\n`);
  push(`Content-Transfer-Encoding: binary\r\n`);
  push(`Content-ID: <${rootContentId}>\r\n\r\n`);
  push(envelope);
  for (const a of attachments) {
    push(`\r\n--${boundary}\r\n`);
    push(`Content-Type: ${a.contentType}\r\n`);
    push(`Content-Transfer-Encoding: binary\r\n`);
    push(`Content-ID: <${a.contentId}>\r\n\r\n`);
    chunks.push(a.bytes);
  }
  push(`\r\n--${boundary}--\r\n`);
  const body = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.length;
  }
  const contentType = `multipart/related; type="application/xop+xml"; boundary="${boundary}"; start="<${rootContentId}>"; start-info="application/soap+xml"${action}`;
  return { contentType, body, boundary, rootContentId };
}

export interface MimePart {
  headers: Record<string, string>;
  contentId?: string;
  contentType: string;
  bytes: Uint8Array;
}

/** A parameter of a header value (`boundary`, `start`, `type`…), quotes removed. */
export function headerParameter(value: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, 'i');
  const m = re.exec(value);
  return m ? (m[1] ?? m[2]) : undefined;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Splits a multipart body into its parts (RFC 2046), keeping the bytes of each exactly. */
export function parseMultipart(contentType: string, body: Uint8Array): MimePart[] {
  const boundary = headerParameter(contentType, 'boundary');
  if (!boundary) throw new Error('multipart: Content-Type has no boundary');
  const delimiter = encoder.encode(`--${boundary}`);
  const parts: MimePart[] = [];
  let at = indexOf(body, delimiter, 0);
  if (at < 0) throw new Error('multipart: first boundary not found');
  const decoder = new TextDecoder();
  for (;;) {
    let start = at + delimiter.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // closing delimiter
    while (body[start] === 0x20 || body[start] === 0x09) start++;
    if (body[start] === 0x0d) start++;
    if (body[start] === 0x0a) start++;
    const next = indexOf(body, delimiter, start);
    if (next < 0) throw new Error('multipart: closing boundary not found');
    let end = next;
    if (body[end - 1] === 0x0a) end--;
    if (body[end - 1] === 0x0d) end--;
    const part = body.subarray(start, end);
    let headerEnd = indexOf(part, encoder.encode('\r\n\r\n'), 0);
    let sepLength = 4;
    if (headerEnd < 0) {
      headerEnd = indexOf(part, encoder.encode('\n\n'), 0);
      sepLength = 2;
    }
    if (headerEnd < 0) throw new Error('multipart: a part has no header/body separator');
    const headers: Record<string, string> = {};
    for (const line of decoder.decode(part.subarray(0, headerEnd)).split(/\r?\n(?![ \t])/)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    }
    const id = headers['content-id']?.replace(/^<|>$/g, '');
    parts.push({ headers, ...(id ? { contentId: id } : {}), contentType: headers['content-type'] ?? 'text/plain', bytes: part.subarray(headerEnd + sepLength) });
    at = next;
  }
  return parts;
}

/** The root part of a multipart/related message: the `start` parameter's, else the first. */
export function rootPart(contentType: string, parts: readonly MimePart[]): MimePart {
  const start = headerParameter(contentType, 'start')?.replace(/^<|>$/g, '');
  const root = (start ? parts.find((p) => p.contentId === start) : undefined) ?? parts[0];
  if (!root) throw new Error('multipart: no part');
  return root;
}

/** The part an `xop:Include href="cid:…"` designates. */
export function partForCid(parts: readonly MimePart[], href: string): MimePart | undefined {
  const id = decodeURIComponent(href.replace(/^cid:/i, ''));
  return parts.find((p) => p.contentId === id);
}
