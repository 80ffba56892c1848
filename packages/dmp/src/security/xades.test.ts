import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SignedXml } from 'xml-crypto';
import { parseXml, descendants, firstDescendant, textOf, childrenNamed } from '../soap/xml.js';
import { NS } from '../soap/namespaces.js';
import { xadesSignature, manifestDigestMatches, PURPOSE_SOURCE } from './xades.js';
import { certificateDigestBase64 } from './certificate.js';
import { testCerts } from './test-pki.test.util.js';

const cda = new TextEncoder().encode('<?xml version="1.0" encoding="UTF-8"?>\n<ClinicalDocument xmlns="urn:hl7-org:v3"><id root="2.25.1234"/></ClinicalDocument>\n');

function verifies(xml: string, cert: string): boolean {
  const verifier = new SignedXml({ publicCert: cert });
  const sig = firstDescendant(parseXml(xml), NS.ds, 'Signature');
  assert.ok(sig);
  verifier.loadSignature(sig);
  try {
    return verifier.checkSignature(xml);
  } catch {
    return false;
  }
}

test('XAdES: detached signature over the IHEManifest, purpose Source, qualifying properties; verifies', async () => {
  const { signing } = await testCerts();
  const xml = xadesSignature({ signatureId: '2.25.999', documents: [{ uniqueId: '2.25.1234', bytes: cda }], now: new Date('2026-12-06T05:10:00Z') }, { key: signing.key, certificate: signing.cert });
  const doc = parseXml(xml);
  const sig = doc.documentElement;
  assert.equal(sig.localName, 'Signature');
  assert.equal(sig.getAttribute('Id'), '2.25.999');
  const signedInfoRefs = childrenNamed(firstDescendant(doc, NS.ds, 'SignedInfo') as Element, NS.ds, 'Reference');
  assert.deepEqual(signedInfoRefs.map((r) => r.getAttribute('URI')), ['#IHEManifest', '#SignatureProperties-2.25.999', '#SignedProperties-2.25.999']);
  assert.equal(signedInfoRefs[0]?.getAttribute('Type'), 'http://www.w3.org/2000/09/xmldsig#Manifest');
  const manifest = firstDescendant(doc, NS.ds, 'Manifest');
  assert.equal(manifest?.getAttribute('Id'), 'IHEManifest');
  const [ref] = childrenNamed(manifest as Element, NS.ds, 'Reference');
  assert.equal(ref?.getAttribute('URI'), 'urn:oid:2.25.1234');
  const property = firstDescendant(doc, NS.ds, 'SignatureProperty');
  assert.equal(textOf(property), PURPOSE_SOURCE);
  assert.equal(property?.getAttribute('Target'), '#2.25.999');
  assert.equal(textOf(firstDescendant(doc, NS.xades, 'SigningTime')), '2026-12-06T05:10:00Z');
  assert.equal(textOf(firstDescendant(firstDescendant(doc, NS.xades, 'CertDigest') as Element, NS.ds, 'DigestValue')), certificateDigestBase64(signing.cert));
  assert.ok(firstDescendant(doc, NS.xades, 'SignaturePolicyImplied'));
  assert.ok(firstDescendant(doc, NS.ds, 'X509Certificate'));
  assert.equal(verifies(xml, signing.cert), true);
  // the signed properties are covered: moving the signing time breaks the signature
  assert.equal(verifies(xml.replace('2026-12-06T05:10:00Z', '2026-12-06T05:11:00Z'), signing.cert), false);
});

test('XAdES: the manifest digest matches the CDA bytes and fails on a changed byte; changing it breaks the signature', async () => {
  const { signing } = await testCerts();
  const xml = xadesSignature({ signatureId: '2.25.999', documents: [{ uniqueId: '2.25.1234', bytes: cda }, { uniqueId: '2.25.5678', bytes: new Uint8Array([1, 2, 3]) }], now: new Date() }, { key: signing.key, certificate: signing.cert });
  const refs = childrenNamed(firstDescendant(parseXml(xml), NS.ds, 'Manifest') as Element, NS.ds, 'Reference').map((r) => ({
    uri: r.getAttribute('URI') ?? '',
    digestAlgorithm: firstDescendant(r, NS.ds, 'DigestMethod')?.getAttribute('Algorithm') ?? '',
    digestValue: textOf(firstDescendant(r, NS.ds, 'DigestValue')),
  }));
  assert.equal(refs.length, 2);
  assert.equal(refs[0]?.digestAlgorithm, 'http://www.w3.org/2001/04/xmlenc#sha256');
  assert.equal(manifestDigestMatches(refs[0]!, cda), true);
  const changed = cda.slice();
  changed[60] = (changed[60] ?? 0) ^ 1;
  assert.equal(manifestDigestMatches(refs[0]!, changed), false);
  assert.equal(manifestDigestMatches(refs[1]!, new Uint8Array([1, 2, 3])), true);
  const forged = xml.replace(refs[0]!.digestValue, Buffer.from(new Uint8Array(32)).toString('base64'));
  assert.equal(verifies(forged, signing.cert), false, 'a substituted document digest breaks the signature');
  assert.equal(descendants(parseXml(xml), NS.ds, 'Signature').length, 1);
});

test('XAdES: no document → named error', () => {
  assert.throws(() => xadesSignature({ signatureId: 'x', documents: [], now: new Date() }, { key: '', certificate: '' }), /at least one document/);
});

test('XAdES and VIHF with hash sha1 (for a SHA-1-only platform): RSA-SHA1, SHA-1 digests, still verifying', async () => {
  const { signing } = await testCerts();
  const xml = xadesSignature({ signatureId: '2.25.7', documents: [{ uniqueId: '2.25.1234', bytes: cda }], now: new Date(), hash: 'sha1' }, { key: signing.key, certificate: signing.cert });
  assert.match(xml, /<ds:SignatureMethod Algorithm="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#rsa-sha1"\/>/);
  assert.doesNotMatch(xml, /xmlenc#sha256/);
  const ref = childrenNamed(firstDescendant(parseXml(xml), NS.ds, 'Manifest') as Element, NS.ds, 'Reference')[0]!;
  assert.equal(manifestDigestMatches({ uri: '', digestAlgorithm: firstDescendant(ref, NS.ds, 'DigestMethod')?.getAttribute('Algorithm') ?? '', digestValue: textOf(firstDescendant(ref, NS.ds, 'DigestValue')) }, cda), true);
  assert.equal(verifies(xml, signing.cert), true);
});
