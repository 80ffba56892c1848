// VIHF (SAML 2.0) and XAdES signatures for the DMP (dmp-mes.md §1.7, §3.3). Node only.
export { distinguishedName, certificateBase64, certificateDigestBase64, certificateSerialDecimal } from './certificate.js';
export { ALGORITHMS, HASH_ALGORITHMS, newSigner, type SigningMaterial, type SignatureHash } from './signing.js';
export { signedVihf, vihfAssertionXml, samlInstant, type VihfInput, type VihfCode } from './vihf.js';
export { xadesSignature, manifestDigestMatches, PURPOSE_SOURCE, type XadesInput, type XadesDocument, type ManifestReference } from './xades.js';
