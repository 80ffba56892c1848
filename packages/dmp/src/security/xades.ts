// The XAdES signature of a submission set (dmp-mes.md §1.7, IHE ITI DSG): a detached ds:Signature
// whose ds:Manifest lists a digest of every submitted document, with the purpose "Source" and the
// XAdES signed properties. It travels as the content of the signature DocumentEntry.
import { createHash } from 'node:crypto';
import { escapeXml } from '../soap/xml.js';
import { NS } from '../soap/namespaces.js';
import { certificateDigestBase64, certificateSerialDecimal, distinguishedName } from './certificate.js';
import { ALGORITHMS, HASH_ALGORITHMS, newSigner, type SignatureHash, type SigningMaterial } from './signing.js';

export interface XadesDocument {
  /** DocumentEntry.uniqueId (an OID): the manifest reference is `urn:oid:<uniqueId>`. */
  uniqueId: string;
  /** The exact bytes submitted (the CDA). */
  bytes: Uint8Array;
}

export interface XadesInput {
  /** The signature entry's uniqueId, also ds:Signature/@Id. */
  signatureId: string;
  documents: readonly XadesDocument[];
  now: Date;
  /** Default sha256; sha1 only for a platform that refuses SHA-256 (§7.4). */
  hash?: SignatureHash;
}

/** The purpose of signature of IHE DSG: "Source" (ASTM E1762 / ISO 17090). */
export const PURPOSE_SOURCE = '1.2.840.10065.1.12.1.14';

function idToken(s: string): string {
  // xs:ID values must be NCNames; an OID is not one (it starts with a digit).
  return s.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * SHA-256 for every digest and RSA-SHA256 for the signature. The reference clients used SHA-1
 * (dmp-mes.md §1.7, open question §7.4); SHA-1 is broken for collision resistance, ANSSI's RGS
 * and eIDAS forbid it for new signatures, and the simulator accepts both — so SHA-256 it is,
 * until homologation says otherwise. Manifest digests are over the raw bytes submitted (no
 * transform): exactly what the repository stores and what a verifier can recompute.
 */
export function xadesSignature(input: XadesInput, signing: SigningMaterial): string {
  if (input.documents.length === 0) throw new Error('XAdES: at least one document is required');
  const sigId = input.signatureId;
  const hash = HASH_ALGORITHMS[input.hash ?? 'sha256'];
  const token = idToken(sigId);
  const manifestRefs = input.documents
    .map((d) => `<ds:Reference URI="urn:oid:${escapeXml(d.uniqueId)}"><ds:DigestMethod Algorithm="${hash.digest}"/><ds:DigestValue>${createHash(hash.node).update(d.bytes).digest('base64')}</ds:DigestValue></ds:Reference>`)
    .join('');
  const signingTime = input.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const objects = [
    { content: `<ds:Manifest xmlns:ds="${NS.ds}" Id="IHEManifest">${manifestRefs}</ds:Manifest>` },
    {
      content:
        `<ds:SignatureProperties xmlns:ds="${NS.ds}" Id="SignatureProperties-${token}">` +
        `<ds:SignatureProperty Id="purposeOfSignature" Target="#${escapeXml(sigId)}">${PURPOSE_SOURCE}</ds:SignatureProperty>` +
        `</ds:SignatureProperties>`,
    },
    {
      content:
        `<xades:QualifyingProperties xmlns:xades="${NS.xades}" xmlns:ds="${NS.ds}" Target="#${escapeXml(sigId)}">` +
        `<xades:SignedProperties Id="SignedProperties-${token}"><xades:SignedSignatureProperties>` +
        `<xades:SigningTime>${signingTime}</xades:SigningTime>` +
        `<xades:SigningCertificate><xades:Cert><xades:CertDigest><ds:DigestMethod Algorithm="${hash.digest}"/><ds:DigestValue>${certificateDigestBase64(signing.certificate, hash.node)}</ds:DigestValue></xades:CertDigest>` +
        `<xades:IssuerSerial><ds:X509IssuerName>${escapeXml(distinguishedName(signing.certificate, 'issuer'))}</ds:X509IssuerName><ds:X509SerialNumber>${certificateSerialDecimal(signing.certificate)}</ds:X509SerialNumber></xades:IssuerSerial></xades:Cert></xades:SigningCertificate>` +
        `<xades:SignaturePolicyIdentifier><xades:SignaturePolicyImplied/></xades:SignaturePolicyIdentifier>` +
        `</xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties>`,
    },
  ];
  const signer = newSigner(signing, input.hash ?? 'sha256');
  signer.objects = objects;
  signer.addReference({
    xpath: "//*[local-name()='Manifest' and @Id='IHEManifest']",
    transforms: [ALGORITHMS.excC14n],
    digestAlgorithm: hash.digest,
    type: 'http://www.w3.org/2000/09/xmldsig#Manifest',
  });
  signer.addReference({
    xpath: "//*[local-name()='SignatureProperties']",
    transforms: [ALGORITHMS.excC14n],
    digestAlgorithm: hash.digest,
    type: 'http://www.w3.org/2000/09/xmldsig#SignatureProperties',
  });
  signer.addReference({
    xpath: "//*[local-name()='SignedProperties']",
    transforms: [ALGORITHMS.excC14n],
    digestAlgorithm: hash.digest,
    type: 'http://uri.etsi.org/01903#SignedProperties',
  });
  // xml-crypto places a signature inside a document: sign into a throw-away root and keep the
  // signature alone. Exclusive C14N makes the result independent of that root.
  signer.computeSignature('<detached/>', { prefix: 'ds', attrs: { Id: sigId }, location: { reference: '/*', action: 'append' } });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${signer.getSignatureXml()}`;
}

export interface ManifestReference { uri: string; digestAlgorithm: string; digestValue: string }

/** The ds:Manifest references of a XAdES signature (for checks and tests). */
export function manifestDigestMatches(reference: ManifestReference, bytes: Uint8Array): boolean {
  const algorithm = reference.digestAlgorithm === ALGORITHMS.digest ? 'sha256' : reference.digestAlgorithm === 'http://www.w3.org/2000/09/xmldsig#sha1' ? 'sha1' : undefined;
  if (!algorithm) return false;
  return createHash(algorithm).update(bytes).digest('base64') === reference.digestValue;
}
