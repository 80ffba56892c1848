import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMtom, parseMultipart, rootPart, partForCid, headerParameter, xopInclude } from './mtom.js';
import { soapEnvelope } from './envelope.js';
import { parseXml, firstDescendant, textOf } from './xml.js';
import { NS } from './namespaces.js';

test('MTOM: SOAP 1.2 content types, root part first, attachments byte-exact through a round trip', () => {
  const cda = new TextEncoder().encode('<ClinicalDocument>é\r\n--not-a-boundary\r\n</ClinicalDocument>');
  const binary = new Uint8Array(256).map((_, i) => i);
  const envelope = soapEnvelope({ action: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b', to: 'http://x/repository', messageId: 'urn:uuid:1', body: `<x:Doc xmlns:x="urn:x">${xopInclude('doc1@dcc-kit')}</x:Doc>` });
  const message = buildMtom(envelope, [
    { contentId: 'doc1@dcc-kit', contentType: 'text/xml', bytes: cda },
    { contentId: 'bin@dcc-kit', contentType: 'application/octet-stream', bytes: binary },
  ], { action: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b' });
  assert.match(message.contentType, /^multipart\/related; type="application\/xop\+xml"; boundary="[^"]+"; start="<[^>]+>"; start-info="application\/soap\+xml"/);
  assert.equal(headerParameter(message.contentType, 'start-info'), 'application/soap+xml');
  const parts = parseMultipart(message.contentType, message.body);
  assert.equal(parts.length, 3);
  const root = rootPart(message.contentType, parts);
  assert.match(root.contentType, /^application\/xop\+xml; charset=UTF-8; type="application\/soap\+xml"/);
  assert.equal(new TextDecoder().decode(root.bytes), envelope);
  const doc = parseXml(new TextDecoder().decode(root.bytes));
  const include = firstDescendant(doc, NS.xop, 'Include');
  assert.equal(include?.getAttribute('href'), 'cid:doc1@dcc-kit');
  assert.deepEqual(partForCid(parts, include?.getAttribute('href') ?? ''), parts[1]);
  assert.deepEqual(Buffer.from(parts[1]!.bytes), Buffer.from(cda));
  assert.deepEqual(Buffer.from(parts[2]!.bytes), Buffer.from(binary));
  assert.equal(parts[2]!.contentType, 'application/octet-stream');
});

test('SOAP envelope: SOAP 1.2, WS-Addressing (Action mustUnderstand, MessageID, To, ReplyTo anonymous), wsse:Security with the VIHF', () => {
  const xml = soapEnvelope({ action: 'urn:a', to: 'http://h/registry', messageId: 'urn:uuid:42', vihf: '<?xml version="1.0"?><saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" ID="_1"/>', body: '<b xmlns="urn:b"/>' });
  const doc = parseXml(xml);
  assert.equal(doc.documentElement.namespaceURI, NS.soap);
  const action = firstDescendant(doc, NS.wsa, 'Action');
  assert.equal(textOf(action), 'urn:a');
  assert.equal(action?.getAttributeNS(NS.soap, 'mustUnderstand'), 'true');
  assert.equal(textOf(firstDescendant(doc, NS.wsa, 'MessageID')), 'urn:uuid:42');
  assert.equal(textOf(firstDescendant(doc, NS.wsa, 'To')), 'http://h/registry');
  assert.equal(textOf(firstDescendant(firstDescendant(doc, NS.wsa, 'ReplyTo') as Element, NS.wsa, 'Address')), 'http://www.w3.org/2005/08/addressing/anonymous');
  assert.ok(firstDescendant(firstDescendant(doc, NS.wsse, 'Security') as Element, NS.saml2, 'Assertion'));
  assert.ok(firstDescendant(firstDescendant(doc, NS.soap, 'Body') as Element, 'urn:b', 'b'));
});

test('multipart: LF-only line ends and a missing boundary are handled or named', () => {
  const body = new TextEncoder().encode('--b\nContent-Type: text/plain\nContent-ID: <a>\n\nhello\n--b--\n');
  const [part] = parseMultipart('multipart/related; boundary=b', body);
  assert.equal(new TextDecoder().decode(part?.bytes), 'hello');
  assert.equal(part?.contentId, 'a');
  assert.throws(() => parseMultipart('multipart/related', body), /no boundary/);
});
