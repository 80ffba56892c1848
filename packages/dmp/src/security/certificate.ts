// Facts of a PEM certificate that the VIHF and the XAdES signature carry.
import { X509Certificate, createHash } from 'node:crypto';

function escapeDnValue(value: string): string {
  // RFC 4514 §2.4: escape the specials, a leading '#' or space, a trailing space.
  return value
    .replace(/[\\,+"<>;=]/g, (c) => `\\${c}`)
    .replace(/^([#\s])/, '\\$1')
    .replace(/\s$/, '\\ ');
}

/**
 * The subject (or issuer) distinguished name in RFC 4514 order (most specific first, as Java's
 * X500Principal writes it), with OpenSSL's short names — `ST=` for the state, `GN=` for the given
 * name, as dmp-mes.md §3.3 asks (not `S=` / `G=`).
 */
export function distinguishedName(certificatePem: string, which: 'subject' | 'issuer' = 'subject'): string {
  const cert = new X509Certificate(certificatePem);
  const lines = (which === 'subject' ? cert.subject : cert.issuer).split('\n').filter((l) => l.length > 0);
  return lines
    .reverse()
    .map((line) => {
      const eq = line.indexOf('=');
      return `${line.slice(0, eq)}=${escapeDnValue(line.slice(eq + 1))}`;
    })
    .join(',');
}

/** The base64 DER body of a PEM certificate (what ds:X509Certificate holds). */
export function certificateBase64(certificatePem: string): string {
  return new X509Certificate(certificatePem).raw.toString('base64');
}

export function certificateDigestBase64(certificatePem: string, algorithm: 'sha256' | 'sha1' = 'sha256'): string {
  return createHash(algorithm).update(new X509Certificate(certificatePem).raw).digest('base64');
}

/** Serial number in decimal (ds:X509SerialNumber is an integer). */
export function certificateSerialDecimal(certificatePem: string): string {
  return BigInt(`0x${new X509Certificate(certificatePem).serialNumber}`).toString(10);
}
