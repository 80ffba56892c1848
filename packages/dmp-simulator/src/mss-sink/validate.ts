// The §5.7 checks of one received message, in order; the first failure is the verdict.
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { checkInsMatricule, isInsOid } from '@dcc-kit/cda/identity';
import { SinkRefusal } from './codes.js';
import { readXdmMetadata, type XdmDocumentMetadata } from './metadata-reader.js';
import { readCdaHeader, type CdaHeader } from './cda-header.js';

export const PATIENT_DOMAIN = 'patient.mssante.fr';
const SUBSET = 'IHE_XDM/SUBSET01';

export interface ReceivedMessage {
  recipients: string[];
  subject: string | undefined;
  /** Header values by lower-case name (first occurrence). */
  headers: Map<string, string>;
  attachments: Array<{ filename?: string; content: Uint8Array }>;
}

export interface ZipListing { path: string; size: number; sha1: string }

export interface ValidationFindings {
  zip?: ZipListing[];
  documents?: Array<XdmDocumentMetadata & { code?: string }>;
  intendedRecipients?: string[];
}

export type LookupEntry = (uniqueId: string) => { confidentiality: string[] } | undefined;

export function isPatientAddress(address: string): boolean {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase() === PATIENT_DOMAIN;
}

/** The RCPT TO check: a patient mailbox's local part is an INS with a valid key (2A/2B handled). */
export function checkPatientAddress(address: string): void {
  if (!isPatientAddress(address)) return;
  const local = address.slice(0, address.lastIndexOf('@'));
  if (checkInsMatricule(local) !== undefined) throw new SinkRefusal('SIM_MSS_BAD_PATIENT_ADDRESS', 'RCPT TO');
}

const sha1 = (bytes: Uint8Array): string => createHash('sha1').update(bytes).digest('hex');

function insFlag(h: CdaHeader): 'O' | 'N' {
  const qualified = h.ins !== undefined && checkInsMatricule(h.ins.matricule) === undefined && isInsOid(h.ins.oid) && Boolean(h.birthFamilyName && h.firstGivenName && h.birthDate && h.sex);
  return qualified ? 'O' : 'N';
}

/**
 * Validates `message`; fills `findings` as far as it got (they are stored with the verdict).
 * @throws SinkRefusal
 */
export function validateMessage(message: ReceivedMessage, findings: ValidationFindings, lookupEntry?: LookupEntry): void {
  const patients = message.recipients.filter(isPatientAddress);
  if (patients.length > 1) throw new SinkRefusal('SIM_MSS_SEVERAL_PATIENTS', 'RCPT TO');
  const nil = message.headers.get('x-mss-nil');
  if (!nil?.trim()) throw new SinkRefusal('SIM_MSS_NIL_MISSING', 'X-MSS-NIL');
  if (!message.subject?.startsWith('XDM/1.0/DDM')) throw new SinkRefusal('SIM_MSS_BAD_SUBJECT', 'Subject');

  const attachment = message.attachments.find((a) => a.filename?.toLowerCase() === 'ihe_xdm.zip');
  if (!attachment) throw new SinkRefusal('SIM_MSS_NO_XDM_ATTACHMENT', 'attachments');
  let files: Map<string, Uint8Array>;
  try {
    // Readers accept `\` as well as `/` (§8).
    files = new Map(Object.entries(unzipSync(attachment.content)).map(([p, bytes]) => [p.replace(/\\/g, '/'), bytes]));
  } catch {
    throw new SinkRefusal('SIM_MSS_BAD_ZIP', 'IHE_XDM.zip');
  }
  findings.zip = [...files].filter(([p]) => !p.endsWith('/')).map(([path, bytes]) => ({ path, size: bytes.byteLength, sha1: sha1(bytes) }));
  for (const required of ['INDEX.HTM', 'README.TXT', `${SUBSET}/METADATA.XML`]) {
    if (!files.has(required)) throw new SinkRefusal('SIM_MSS_ZIP_MISSING_FILE', required);
  }

  let documents: XdmDocumentMetadata[];
  try {
    const metadata = readXdmMetadata(new TextDecoder().decode(files.get(`${SUBSET}/METADATA.XML`)));
    documents = metadata.documents;
    findings.intendedRecipients = metadata.intendedRecipients;
  } catch {
    throw new SinkRefusal('SIM_MSS_BAD_METADATA', `${SUBSET}/METADATA.XML`);
  }
  if (!documents.length) throw new SinkRefusal('SIM_MSS_BAD_METADATA', 'ExtrinsicObject');
  findings.documents = documents.map((d) => ({ ...d }));

  const headers: CdaHeader[] = [];
  for (const [i, doc] of documents.entries()) {
    const at = `ExtrinsicObject[${i + 1}]`;
    for (const field of ['uri', 'hash', 'size', 'uniqueId', 'patientId'] as const) {
      if (!doc[field]) throw new SinkRefusal('SIM_MSS_BAD_METADATA', `${at}/${field === 'uri' ? 'Slot[@name="URI"]' : field}`);
    }
    const path = `${SUBSET}/${doc.uri!.replace(/\\/g, '/')}`;
    const bytes = files.get(path);
    if (!bytes) throw new SinkRefusal('SIM_MSS_ZIP_MISSING_FILE', path);
    if (String(bytes.byteLength) !== doc.size) throw new SinkRefusal('SIM_MSS_SIZE_MISMATCH', `${at}/Slot[@name="size"]`);
    if (sha1(bytes) !== doc.hash!.toLowerCase()) throw new SinkRefusal('SIM_MSS_HASH_MISMATCH', `${at}/Slot[@name="hash"]`);
    let header: CdaHeader;
    try {
      header = readCdaHeader(bytes);
    } catch {
      throw new SinkRefusal('SIM_MSS_BAD_DOCUMENT', path);
    }
    if (header.code) findings.documents[i]!.code = header.code;
    if (header.ins) {
      const [matricule, , , authority] = doc.patientId!.split('^');
      const oid = authority?.split('&')[1];
      if (matricule !== header.ins.matricule || oid !== header.ins.oid) throw new SinkRefusal('SIM_MSS_PATIENT_ID_MISMATCH', `${at}/ExternalIdentifier[XDSDocumentEntry.patientId]`);
    }
    headers.push(header);
  }
  const insOfDocs = new Set(headers.map((h) => h.ins?.matricule ?? ''));
  if (insOfDocs.size > 1) throw new SinkRefusal('SIM_MSS_SEVERAL_PATIENTS', 'ExtrinsicObject');

  const [patient] = patients;
  if (patient !== undefined) {
    const local = patient.slice(0, patient.lastIndexOf('@')).toUpperCase();
    if (headers[0]?.ins?.matricule.toUpperCase() !== local) throw new SinkRefusal('SIM_MSS_PATIENT_MISMATCH', 'RCPT TO');
    for (const doc of documents) {
      const stored = lookupEntry?.(doc.uniqueId!)?.confidentiality ?? [];
      if (doc.confidentiality.includes('INVISIBLE_PATIENT') || stored.includes('INVISIBLE_PATIENT')) throw new SinkRefusal('SIM_MSS_INVISIBLE_TO_PATIENT', 'RCPT TO');
    }
  }

  const codeCda = message.headers.get('x-mss-codecda');
  const sent = new Set((codeCda ?? '').split(',').map((c) => c.trim()).filter(Boolean));
  const expected = new Set(headers.map((h) => h.code ?? ''));
  if (codeCda === undefined || sent.size !== expected.size || [...expected].some((c) => !sent.has(c))) throw new SinkRefusal('SIM_MSS_CODECDA_MISMATCH', 'X-MSS-CODECDA');
  const ins = message.headers.get('x-mss-ins')?.trim();
  const expectedIns = headers.every((h) => insFlag(h) === 'O') ? 'O' : 'N';
  if (ins !== expectedIns) throw new SinkRefusal('SIM_MSS_INS_HEADER', 'X-MSS-INS');
}
