// The signature entry of §1.7 (stage 6): exactly one, with the §1.7 codes, `signs` the
// SubmissionSet, an XML signature that verifies against a trusted certificate, and a ds:Manifest
// with a Reference per clinical document whose digest verifies (SHA-1 or SHA-256; over the bytes
// as submitted, or — as the CNAM sample does — over their C14N with comments).
import { createHash } from 'node:crypto';
import { C14nCanonicalizationWithComments, SignedXml } from 'xml-crypto';
import { XDS } from '@dcc-kit/dmp/ebrim';
import { SIGNATURE_CLASS_CODE } from './ebrim-read.js';
import type { ParsedEntry, ParsedSubmission } from './metadata-check.js';
import { problem, type Problem } from './refusals.js';
import { element, elements, parseXml, text } from './xml.js';

const DIGESTS: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
};

const SIGNATURE_CODES = {
  classCode: { code: SIGNATURE_CLASS_CODE, scheme: 'URN' },
  typeCode: { code: 'E1762', scheme: 'ASTM' },
  formatCode: { code: 'http://www.w3.org/2000/09/xmldsig#', scheme: 'URN' },
} as const;
const SOURCE_EVENT = { code: '1.2.840.10065.1.12.1.14', scheme: '1.2.840.10065.1.12' };

/** Whether `value` is the digest of the bytes as submitted, or (CNAM sample) of their C14N with comments. */
function digestMatches(value: string, bytes: Uint8Array, algorithm: string): boolean {
  if (createHash(algorithm).update(bytes).digest('base64') === value) return true;
  try {
    const doc = parseXml(Buffer.from(bytes).toString('utf8'));
    const c14n = new C14nCanonicalizationWithComments().process(doc.documentElement as never, {}) as unknown as string;
    return createHash(algorithm).update(c14n, 'utf8').digest('base64') === value;
  } catch {
    return false; // not XML: only the raw digest applies
  }
}

export function checkSignatureEntry(parsed: ParsedSubmission, trust: readonly string[], options: { strictSha1?: boolean } = {}): Problem[] {
  const problems: Problem[] = [];
  const add = (location: string, detail: string): void => { problems.push(problem('SIM_SIGNATURE_INVALID', location, detail)); };
  const signatures = parsed.entries.filter((e) => e.isSignature);
  if (signatures.length !== 1) {
    add('SignatureEntry', signatures.length === 0 ? 'no signature DocumentEntry (classCode urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1)' : 'more than one signature entry');
    return problems;
  }
  const sig = signatures[0]!;
  for (const [name, expected] of Object.entries(SIGNATURE_CODES) as [keyof typeof SIGNATURE_CODES, { code: string; scheme: string }][]) {
    const actual = sig[name];
    if (actual && (actual.code !== expected.code || actual.scheme !== expected.scheme)) add(`SignatureEntry.${name}`, `must be ${expected.code} / ${expected.scheme}`);
  }
  if (!sig.eventCodes.some((c) => c.code === SOURCE_EVENT.code && c.scheme === SOURCE_EVENT.scheme)) add('SignatureEntry.eventCodeList', `must hold ${SOURCE_EVENT.code} / ${SOURCE_EVENT.scheme} (Source)`);
  const ssId = parsed.submissionSet?.obj.id;
  if (!parsed.associations.some((a) => a.type === XDS.associationType.signs && a.source === sig.obj.id && a.target === ssId)) {
    add('Association(signs)', 'the signature entry must sign the SubmissionSet (urn:ihe:iti:2007:AssociationType:signs)');
  }
  if (!sig.bytes) return problems;

  let doc: Document;
  try {
    doc = parseXml(Buffer.from(sig.bytes).toString('utf8'));
  } catch {
    add('SignatureEntry.document', 'not well-formed XML');
    return problems;
  }
  const signature = element('//ds:Signature', doc);
  if (!signature) { add('SignatureEntry.document', 'no ds:Signature'); return problems; }
  const xml = Buffer.from(sig.bytes).toString('utf8');
  const verified = trust.some((pem) => {
    const verifier = new SignedXml({ publicCert: pem });
    verifier.loadSignature(signature);
    try { return verifier.checkSignature(xml); } catch { return false; }
  });
  if (!verified) add('SignatureEntry.document/ds:Signature', 'the XML signature does not verify against any trusted certificate');
  if (!element('.//xades:QualifyingProperties', signature) && !element('//xades:QualifyingProperties', doc)) add('SignatureEntry.document/xades:QualifyingProperties', 'missing (XAdES)');

  const manifest = element('.//ds:Manifest', signature) ?? element('//ds:Manifest', doc);
  if (!manifest) { add('SignatureEntry.document/ds:Manifest', 'missing'); return problems; }
  const manifestId = manifest.getAttribute('Id');
  const signedRefs = elements('ds:SignedInfo/ds:Reference', signature).map((r) => r.getAttribute('URI'));
  if (!manifestId || !signedRefs.includes(`#${manifestId}`)) add('SignatureEntry.document/ds:SignedInfo', 'the SignedInfo does not reference the ds:Manifest');
  const refs = elements('ds:Reference', manifest);
  const clinical: ParsedEntry[] = parsed.entries.filter((e) => !e.isSignature);
  for (const entry of clinical) {
    const uri = `urn:oid:${entry.uniqueId ?? ''}`;
    const ref = refs.find((r) => r.getAttribute('URI') === uri);
    const location = `SignatureEntry.document/ds:Manifest/ds:Reference[@URI='${uri}']`;
    if (!ref) { add(location, `no manifest reference for ${entry.label}`); continue; }
    const algorithmUri = text('ds:DigestMethod/@Algorithm', ref) ?? '';
    const algorithm = DIGESTS[algorithmUri];
    if (!algorithm || (options.strictSha1 && algorithm !== 'sha1')) { add(`${location}/ds:DigestMethod`, `digest algorithm ${algorithmUri || 'missing'} not accepted`); continue; }
    const value = (text('ds:DigestValue', ref) ?? '').replace(/\s+/g, '');
    if (entry.bytes && !digestMatches(value, entry.bytes, algorithm)) add(`${location}/ds:DigestValue`, `digest does not match ${entry.label}`);
  }
  return problems;
}
