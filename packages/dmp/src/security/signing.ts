// The algorithms both signatures use, and the KeyInfo they carry (dmp-mes.md §3.3, §1.7).
import { SignedXml } from 'xml-crypto';
import { certificateBase64 } from './certificate.js';

export const ALGORITHMS = {
  signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  digest: 'http://www.w3.org/2001/04/xmlenc#sha256',
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
} as const;

/**
 * The hash family of both signatures. SHA-256 by default; SHA-1 (what the CNAM kit and DRIMbox
 * send) only for a platform that accepts nothing else — open question §7.4.
 */
export type SignatureHash = 'sha256' | 'sha1';

export const HASH_ALGORITHMS: Record<SignatureHash, { signature: string; digest: string; node: 'sha256' | 'sha1' }> = {
  sha256: { signature: ALGORITHMS.signature, digest: ALGORITHMS.digest, node: 'sha256' },
  sha1: { signature: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1', digest: 'http://www.w3.org/2000/09/xmldsig#sha1', node: 'sha1' },
};

export interface SigningMaterial {
  /** PEM private key of the organisation's signing ("cachet") certificate. */
  key: string;
  /** PEM certificate matching the key. */
  certificate: string;
}

/** A SignedXml set for RSA-SHA256 (or RSA-SHA1) + exclusive C14N, whose KeyInfo holds the X.509 certificate. */
export function newSigner(material: SigningMaterial, hash: SignatureHash = 'sha256'): SignedXml {
  const signer = new SignedXml({
    privateKey: material.key,
    publicCert: material.certificate,
    signatureAlgorithm: HASH_ALGORITHMS[hash].signature,
    canonicalizationAlgorithm: ALGORITHMS.excC14n,
  });
  const der = certificateBase64(material.certificate);
  signer.getKeyInfoContent = ({ prefix } = {}) => {
    const p = prefix ? `${prefix}:` : '';
    return `<${p}X509Data><${p}X509Certificate>${der}</${p}X509Certificate></${p}X509Data>`;
  };
  return signer;
}
