// A recording fake of the DMP's HTTP side for the client's unit tests: it checks what any DMP
// would check first (SOAP 1.2, WS-Addressing action, a VIHF whose signature verifies against the
// trusted certificate) and answers what the test scripts. The real behaviour is the simulator's.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignedXml } from 'xml-crypto';
import { parseMultipart, rootPart, partForCid, type MimePart } from '../soap/mtom.js';
import { parseXml, firstDescendant, descendants, textOf, elementChildren } from '../soap/xml.js';
import { NS } from '../soap/namespaces.js';

export interface RecordedRequest {
  service: string;
  action: string;
  contentType: string;
  envelope: Document;
  payload: Element;
  parts: MimePart[];
  vihfValid: boolean;
  vihfAttributes: Map<string, string[]>;
  /** Bytes of each xdsb:Document by its id, resolved through xop:Include. */
  documents: Map<string, Uint8Array>;
}

export type Answer = { status?: number; contentType?: string; body: string } | 'drop';

export const soap = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="${NS.soap}"><env:Body>${body}</env:Body></env:Envelope>`;
export const registrySuccess = `<rs:RegistryResponse xmlns:rs="${NS.rs}" status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success"/>`;

export async function startFakeDmp(trustedCert: string, answer: (req: RecordedRequest) => Answer): Promise<{ url: string; requests: RecordedRequest[]; close(): Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = new Uint8Array(Buffer.concat(chunks));
      const contentType = req.headers['content-type'] ?? '';
      let parts: MimePart[] = [];
      let xml: string;
      if (contentType.startsWith('multipart/')) {
        parts = parseMultipart(contentType, body);
        xml = new TextDecoder().decode(rootPart(contentType, parts).bytes);
      } else xml = new TextDecoder().decode(body);
      const envelope = parseXml(xml);
      const assertion = firstDescendant(envelope, NS.saml2, 'Assertion');
      let vihfValid = false;
      const vihfAttributes = new Map<string, string[]>();
      if (assertion) {
        const assertionXml = assertion.toString();
        const verifier = new SignedXml({ publicCert: trustedCert });
        const sig = firstDescendant(parseXml(assertionXml), NS.ds, 'Signature');
        if (sig) {
          verifier.loadSignature(sig);
          try {
            vihfValid = verifier.checkSignature(assertionXml);
          } catch {
            vihfValid = false;
          }
        }
        for (const a of descendants(assertion, NS.saml2, 'Attribute')) {
          vihfAttributes.set(a.getAttribute('Name') ?? '', descendants(a, NS.saml2, 'AttributeValue').map((v) => textOf(v) || (elementChildren(v)[0]?.getAttribute('code') ?? '')));
        }
      }
      const payload = elementChildren(firstDescendant(envelope, NS.soap, 'Body') as Element)[0] as Element;
      const documents = new Map<string, Uint8Array>();
      for (const d of descendants(envelope, NS.xdsb, 'Document')) {
        const include = firstDescendant(d, NS.xop, 'Include');
        const part = include ? partForCid(parts, include.getAttribute('href') ?? '') : undefined;
        if (part) documents.set(d.getAttribute('id') ?? '', part.bytes);
      }
      const recorded: RecordedRequest = { service: (req.url ?? '').split('/').pop() ?? '', action: textOf(firstDescendant(envelope, NS.wsa, 'Action')), contentType, envelope, payload, parts, vihfValid, vihfAttributes, documents };
      requests.push(recorded);
      const a = answer(recorded);
      if (a === 'drop') {
        req.socket.destroy();
        return;
      }
      res.writeHead(a.status ?? 200, { 'content-type': a.contentType ?? 'application/soap+xml; charset=UTF-8' }).end(a.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/si-dmp-server/v2/services`;
  return {
    url,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
